import { describe, expect, it } from 'vitest'
import ciLint from '../../src/checks/ci-lint.js'
import ciTests from '../../src/checks/ci-tests.js'
import circuitBreakers from '../../src/checks/circuit-breakers.js'
import featureFlags from '../../src/checks/feature-flags.js'
import staticAnalysis from '../../src/checks/static-analysis.js'
import typeChecking from '../../src/checks/type-checking.js'
import { collectSecurityRules } from '../../src/facts/security-rules.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { checkTester } from '../helpers/check-tester.js'
import { run } from '../helpers/facts.js'
import { factsFor, runCheck } from './dependency-facts.js'

const PROJ = { 'src/Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web">\n</Project>\n' }
const TWAE = '<Project>\n  <PropertyGroup>\n    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n  </PropertyGroup>\n</Project>\n'
const STYLECOP = '<Project>\n  <ItemGroup>\n    <PackageReference Include="StyleCop.Analyzers" PrivateAssets="all" />\n  </ItemGroup>\n</Project>\n'
const SECURITY = '<Project>\n  <ItemGroup>\n    <GlobalPackageReference Include="SecurityCodeScan.VS2019" Version="5.6.7" />\n  </ItemGroup>\n</Project>\n'

checkTester(ciLint, {
  pass: [
    { name: 'dotnet format --verify-no-changes', facts: { files: PROJ, ci: { runs: [run('dotnet format --verify-no-changes')] } }, messageId: 'pr', data: { tools: 'dotnet format' } },
    { name: 'legacy dotnet-format --check', facts: { files: PROJ, ci: { runs: [run('dotnet-format --check --folder ./src')] } }, messageId: 'pr', data: { tools: 'dotnet-format' } },
    { name: 'CSharpier check run as a local tool', facts: { files: PROJ, ci: { runs: [run('dotnet csharpier check .', { argv: ['csharpier', 'check', '.'] })] } }, messageId: 'pr', data: { tools: 'CSharpier' } },
    {
      name: 'StyleCop analyzers fail dotnet build when warnings are errors',
      facts: { files: { ...PROJ, 'Directory.Build.props': TWAE.replace('</Project>', STYLECOP.slice('<Project>\n'.length)) }, ci: { runs: [run('dotnet build -c Release')] } },
      messageId: 'pr',
      data: { tools: 'Roslyn analyzers (dotnet build)' },
      evidence: [{ message: 'analyzer StyleCop.Analyzers, errors by TreatWarningsAsErrors in Directory.Build.props' }]
    },
    {
      name: 'warning-only analyzers count on a build run with -warnaserror',
      facts: { files: { ...PROJ, 'Directory.Build.props': STYLECOP }, ci: { runs: [run('dotnet build -warnaserror')] } },
      messageId: 'pr',
      data: { tools: 'Roslyn analyzers (dotnet build -warnaserror)' }
    }
  ],
  partial: [
    { name: 'warning-only analyzers cannot fail a plain build', facts: { files: { ...PROJ, 'Directory.Build.props': STYLECOP }, ci: { runs: [run('dotnet build')] } }, messageId: 'configured-only' }
  ],
  fail: [
    { name: 'dotnet format without --verify-no-changes fixes files', facts: { files: PROJ, ci: { runs: [run('dotnet format')] } }, messageId: 'non-blocking' }
  ]
})

checkTester(ciTests, {
  pass: [
    { name: 'dotnet test', facts: { files: PROJ, ci: { runs: [run('dotnet test Api.sln --configuration Release')] } }, messageId: 'pr', data: { tools: 'dotnet test' } },
    { name: 'NUnit console', facts: { files: PROJ, ci: { runs: [run('nunit3-console.exe tests/bin/Api.Tests.dll')] } }, messageId: 'pr', data: { tools: 'NUnit console' } }
  ],
  fail: [
    { name: 'dotnet test --list-tests runs nothing', facts: { files: { ...PROJ, 'tests/Api.Tests/OrderTests.cs': 'class OrderTests {}\n' }, ci: { runs: [run('dotnet test --list-tests')] } }, messageId: 'suite-not-run', data: { count: 1 } }
  ]
})

checkTester(typeChecking, {
  pass: [
    { name: 'dotnet build compiles', facts: { files: PROJ, ci: { runs: [run('dotnet build src/Api')] } }, messageId: 'pr', data: { tools: '.NET compiler' } },
    { name: 'dotnet test compiles first', facts: { files: PROJ, ci: { runs: [run('dotnet test')] } }, messageId: 'pr', data: { tools: '.NET compiler' } }
  ],
  partial: [
    { name: 'dotnet test --no-build reuses a build: the project file still shows the compiler', facts: { files: PROJ, ci: { runs: [run('dotnet test --no-build')] } }, messageId: 'configured', data: { tools: '.NET compiler' } }
  ]
})

checkTester(staticAnalysis, {
  pass: [
    {
      name: 'Security Code Scan fails the build with warnings as errors',
      facts: { files: { ...PROJ, 'Directory.Packages.props': SECURITY, 'Directory.Build.props': TWAE }, ci: { runs: [run('dotnet build')] } },
      messageId: 'pr',
      data: { tools: 'Roslyn security analyzers (dotnet build)' }
    },
    {
      name: 'the .NET analyzers with every rule on, errors set in .editorconfig for the security category',
      facts: { files: { ...PROJ, 'Directory.Build.props': '<Project><PropertyGroup><AnalysisMode>All</AnalysisMode></PropertyGroup></Project>\n', '.editorconfig': 'root = true\n[*.cs]\ndotnet_analyzer_diagnostic.category-Security.severity = error\n' }, ci: { runs: [run('dotnet build')] } },
      messageId: 'pr'
    },
    { name: 'SonarScanner for .NET end', facts: { files: PROJ, ci: { runs: [run('dotnet sonarscanner end /d:sonar.token=x', { argv: ['sonarscanner', 'end', '/d:sonar.token=x'] })] } }, messageId: 'pr', data: { tools: 'SonarQube' } }
  ],
  partial: [
    {
      name: 'a style-only error severity does not make security analyzers fail the build',
      facts: { files: { ...PROJ, 'Directory.Packages.props': SECURITY, '.editorconfig': '[*.cs]\ndotnet_diagnostic.SA1000.severity = error\n' }, ci: { runs: [run('dotnet build')] } },
      messageId: 'configured'
    }
  ]
})

describe('Roslyn analyzer rules', () => {
  it('names what enables them and what makes them errors, per group', () => {
    const r = collectSecurityRules(new MemorySnapshot({ 'Directory.Build.props': TWAE.replace('</Project>', STYLECOP.slice('<Project>\n'.length)), 'src/A/A.csproj': '<Project>\n<!-- <PackageReference Include="SonarAnalyzer.CSharp" /> -->\n</Project>\n' }))
    expect(r.enabled.map((e) => [e.rules, e.host, e.path, e.line])).toEqual([['roslyn-style', 'dotnet build', 'Directory.Build.props', 6]])
  })
})

describe('.NET resilience and flags', () => {
  const csproj = (pkgs: string[]) => `<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n${pkgs.map((p) => `    <PackageReference Include="${p}" />`).join('\n')}\n  </ItemGroup>\n</Project>\n`

  it('Polly v8 around an outbound call passes', () => {
    const out = runCheck(circuitBreakers, factsFor({ 'src/Api/Api.csproj': csproj(['Polly.Core']), 'src/Api/Clients/Rates.cs': 'using Polly;\nvar pipeline = new ResiliencePipelineBuilder()\n    .AddRetry(new RetryStrategyOptions())\n    .Build();\n' }))
    expect([out.status, out.data]).toEqual(['pass', { libs: 'Polly' }])
  })

  it('the standard resilience handler on an HttpClient passes', () => {
    const out = runCheck(circuitBreakers, factsFor({ 'src/Api/Api.csproj': csproj(['Microsoft.Extensions.Http.Resilience']), 'src/Api/Program.cs': 'builder.Services.AddHttpClient<RatesClient>().AddStandardResilienceHandler();\n' }))
    expect([out.status, out.data]).toEqual(['pass', { libs: 'Microsoft.Extensions.Http.Resilience' }])
  })

  it('Polly retrying a locked SQLite database protects no outbound call', () => {
    const out = runCheck(
      circuitBreakers,
      factsFor({
        'src/Db/Db.csproj': csproj(['Polly']),
        'src/Db/Locking.cs': 'using Polly;\nclass Locking {\n  Policy p = Policy\n    .HandleInner<Exception>(e => e.Message.Contains("database is locked"))\n    .WaitAndRetry(3, _ => TimeSpan.FromMilliseconds(50));\n}\n'
      })
    )
    expect([out.status, out.messageId]).toEqual(['partial', 'local-only'])
  })

  it('Microsoft.FeatureManagement evaluated in code passes; registered only is partial', () => {
    const used = runCheck(featureFlags, factsFor({ 'src/Api/Api.csproj': csproj(['Microsoft.FeatureManagement.AspNetCore']), 'src/Api/Checkout.cs': 'if (await _features.IsEnabledAsync("NewCheckout")) { }\n' }))
    expect(used.status).toBe('pass')
    const unused = runCheck(featureFlags, factsFor({ 'src/Api/Api.csproj': csproj(['Microsoft.FeatureManagement.AspNetCore']), 'src/Api/Program.cs': 'builder.Services.AddFeatureManagement();\n' }))
    expect(unused.status).toBe('partial')
  })
})
