import { describe, expect, it } from 'vitest'
import { collectCi } from '../../../../src/facts/ci/index.js'
import { resolveScript, type ResolvedCommand } from '../../../../src/facts/ci/resolve/index.js'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'
import { lines } from '../systems/helpers.js'

function run(files: Record<string, string>, script: string, cwd = ''): ResolvedCommand[] {
  return resolveScript(script, { snapshot: new MemorySnapshot(files), path: '.github/workflows/ci.yml', line: 12, cwd, chain: [] })
}
const argvs = (cs: ResolvedCommand[]) => cs.map((c) => c.argv.join(' '))

describe('.NET tools', () => {
  it.each([
    ['dotnet tool run dotnet-format --check', ['dotnet-format --check']],
    ['dotnet csharpier check .', ['csharpier check .']],
    ['dotnet sonarscanner end /d:sonar.token=x', ['sonarscanner end /d:sonar.token=x']],
    ['dnx csharpier@1.0.2 check .', ['csharpier check .']],
    ['dotnet test Api.sln -c Release', ['dotnet test Api.sln -c Release']],
    ['dotnet format --verify-no-changes', ['dotnet format --verify-no-changes']],
    ['dotnet bin/Release/App.dll', ['dotnet bin/Release/App.dll']]
  ])('%j → %j', (script, expected) => {
    expect(argvs(run({}, script))).toEqual(expected)
  })
})

describe('Cake', () => {
  const cake = lines(
    'var target = Argument("target", "Default");', // 1
    'Task("Build")', // 2
    '    .Does(() => DotNetBuild("./App.sln"));', // 3
    'Task("Test")', // 4
    '    .IsDependentOn("Build")', // 5
    '    .Does(() =>', // 6
    '{', // 7
    '    DotNetTest("./App.sln", new DotNetTestSettings', // 8
    '    {', // 9
    '        NoBuild = true,', // 10
    '    });', // 11
    '});', // 12
    'Task("Lint")', // 13
    '    .Does(() => DotNetFormat("./App.sln", new DotNetFormatSettings { VerifyNoChanges = true }));', // 14
    'Task("Default").IsDependentOn("Test");', // 15
    'RunTarget(target);' // 16
  )
  it('runs the default target after its dependencies, aliases as commands', () => {
    const out = run({ 'build.cake': cake }, 'dotnet tool restore && dotnet cake')
    expect(argvs(out)).toEqual(['dotnet tool restore', 'dotnet build', 'dotnet test --no-build'])
    expect(out[2]!.chain.at(-1)).toMatchObject({ path: 'build.cake', line: 8 })
    expect(out[2]!.synthetic).toBe(true)
  })
  it('follows the bootstrapper with --target', () => {
    expect(argvs(run({ 'build.cake': cake, 'build.sh': '#!/bin/sh\ndotnet cake "$@"\n' }, './build.sh --target=Lint'))).toEqual(['dotnet format --verify-no-changes'])
  })
})

describe('NUKE', () => {
  const build = lines(
    'class Build : NukeBuild', // 1
    '{', // 2
    '    public static int Main () => Execute<Build>(x => x.Compile);', // 3
    '    Target Compile => _ => _', // 4
    '        .Executes(() => DotNetBuild(s => s.SetProjectFile(Solution)));', // 5
    '    Target Test => _ => _', // 6
    '        .DependsOn(Compile)', // 7
    '        .Executes(() =>', // 8
    '        {', // 9
    '            DotNetTest(s => s.SetProjectFile(Solution).EnableNoBuild());', // 10
    '            DotNet("format --verify-no-changes");', // 11
    '        });', // 12
    '}' // 13
  )
  const files = { 'build/Build.cs': build, 'build/_build.csproj': '<Project Sdk="Microsoft.NET.Sdk" />\n', '.nuke/parameters.json': '{}\n' }
  it('runs the named targets and their dependencies', () => {
    expect(argvs(run(files, './build.sh Test'))).toEqual(['dotnet build', 'dotnet test --no-build', 'dotnet format --verify-no-changes'])
    expect(argvs(run(files, 'nuke'))).toEqual(['dotnet build'])
    expect(argvs(run(files, 'dotnet run --project build/_build.csproj -- Test'))).toEqual(['dotnet build', 'dotnet test --no-build', 'dotnet format --verify-no-changes'])
    expect(argvs(run(files, 'dotnet run --project src/Api'))).toEqual(['dotnet run --project src/Api'])
  })
})

describe('FAKE', () => {
  const fsx = lines(
    'Target.create "Clean" (fun _ -> Shell.cleanDir "out")', // 1
    'Target.create "Build" (fun _ -> DotNet.build id "App.sln")', // 2
    'Target.create "Test" (fun _ ->', // 3
    '    DotNet.test id "tests/App.Tests")', // 4
    '"Clean"', // 5
    '  ==> "Build"', // 6
    '  ==> "Test"', // 7
    'Target.runOrDefault "Test"' // 8
  )
  it('follows ==> chains written over lines', () => {
    expect(argvs(run({ 'build.fsx': fsx }, 'dotnet fake build'))).toEqual(['dotnet build', 'dotnet test'])
    expect(argvs(run({ 'build.fsx': fsx }, 'dotnet fake build -t Build'))).toEqual(['dotnet build'])
  })
})

describe('Azure Pipelines DotNetCoreCLI@2', () => {
  it('stands for dotnet build/test/custom with its projects and arguments', () => {
    const facts = collectCi(
      new MemorySnapshot({
        'azure-pipelines.yml': lines(
          'pr:', // 1
          '  - master', // 2
          'steps:', // 3
          '  - task: DotNetCoreCLI@2', // 4
          '    inputs:', // 5
          '      command: test', // 6
          "      projects: 'src/**/*.Test*/*.csproj'", // 7
          '  - task: DotNetCoreCLI@2', // 8
          '    inputs:', // 9
          '      command: custom', // 10
          '      custom: format', // 11
          "      arguments: '--verify-no-changes'", // 12
          '  - task: DotNetCoreCLI@2', // 13
          '    inputs:', // 14
          '      command: push', // 15
          "      packagesToPush: '$(Build.ArtifactStagingDirectory)/*.nupkg'" // 16
        )
      })
    )
    expect(facts.runs.map((r) => [r.argv.join(' '), r.triggers.pullRequest])).toEqual([
      ['dotnet test src/**/*.Test*/*.csproj', true],
      ['dotnet format --verify-no-changes', true],
      ['dotnet nuget push $Build.ArtifactStagingDirectory/*.nupkg', true]
    ])
  })
})
