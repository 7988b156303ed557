import type { ParseProblem } from '../ci/types.js'
import type { Dependency } from './types.js'

/**
 * .NET project files (`*.csproj`, `*.fsproj`, `*.vbproj`), `Directory.Build.props`,
 * `Directory.Packages.props` and the older `packages.config`, read by a bounded tag scan that
 * keeps line numbers (comments blanked first, so a commented-out reference is none):
 * - `<PackageReference Include="Polly" Version="8.4.0" />` and packages.config `<package id="…">`;
 * - `<FrameworkReference Include="Microsoft.AspNetCore.App" />` and the project SDK
 *   (`<Project Sdk="Microsoft.NET.Sdk.Web">`, `<Sdk Name="…" />`), which bring ASP.NET Core
 *   without any package: they are recorded as dependencies named by the SDK or framework;
 * - `Directory.Packages.props` `<PackageVersion>` only pins versions (not a use);
 *   `<GlobalPackageReference>` applies to every project (analyzers): a development dependency.
 * A test project (`Microsoft.NET.Test.Sdk`, `<IsTestProject>true`, a `*.Tests.csproj` name) has
 * only development dependencies; so has a reference with `PrivateAssets="all"` (analyzers,
 * source generators, build tools).
 */

/** Tags longer than this are not project XML. */
const MAX_TAG = 4000

/** Project SDKs of test projects (`<Project Sdk="MSTest.Sdk/3.6.0">`). */
const TEST_SDK = /<(?:Project\s[^>]{0,200}\bSdk|Sdk\s[^>]{0,200}\bName)\s*=\s*"MSTest\.Sdk\b/i

const TEST_PROJECT_NAME = /[.](Tests?|UnitTests?|IntegrationTests?|FunctionalTests?|Specs?|E2E|EndToEnd|Benchmarks?)\.(cs|fs|vb)proj$/i

export function parseDotnetProject(path: string, text: string, problems: ParseProblem[]): Dependency[] {
  if (!text.includes('<')) {
    if (text.trim()) problems.push({ path, message: 'not an XML project file' })
    return []
  }
  const clean = blankComments(text)
  const testProject = TEST_PROJECT_NAME.test(path) || /<IsTestProject>\s*true\s*<\/IsTestProject>/i.test(clean) || /Include\s*=\s*"Microsoft\.NET\.Test\.Sdk"/i.test(clean) || TEST_SDK.test(clean)
  const deps: Dependency[] = []
  const push = (name: string, line: number, dev: boolean, spec?: string): void => {
    deps.push({ name, ecosystem: 'dotnet', manifest: path, line, dev: dev || testProject, ...(spec ? { spec } : {}) })
  }
  let line = 1
  let last = 0
  const tag = /<(PackageReference|GlobalPackageReference|FrameworkReference|Project|Sdk|package)\b([^<>]{0,4000})>/g
  for (let m = tag.exec(clean); m; m = tag.exec(clean)) {
    for (let k = last; k < m.index; k++) if (clean.charCodeAt(k) === 10) line++
    last = m.index
    const attrs = m[2]!
    if (attrs.length >= MAX_TAG) continue
    const attr = (n: string): string | undefined => new RegExp(`(?:^|\\s)${n}\\s*=\\s*"([^"]{1,300})"`, 'i').exec(attrs)?.[1]?.trim()
    switch (m[1]) {
      case 'PackageReference': {
        const name = attr('Include')
        if (name) push(name, line, /^all$/i.test(attr('PrivateAssets') ?? ''), attr('Version'))
        break
      }
      case 'GlobalPackageReference': {
        const name = attr('Include')
        if (name) push(name, line, true, attr('Version'))
        break
      }
      case 'FrameworkReference': {
        const name = attr('Include')
        if (name) push(name, line, false)
        break
      }
      case 'Project':
      case 'Sdk': {
        const sdk = attr(m[1] === 'Project' ? 'Sdk' : 'Name')
        if (sdk) for (const s of sdk.split(';')) if (s.trim()) push(s.trim().split('/')[0]!, line, false)
        break
      }
      case 'package': {
        const name = attr('id')
        if (name) push(name, line, /^true$/i.test(attr('developmentDependency') ?? ''), attr('version'))
        break
      }
    }
  }
  return deps
}

/** XML comments replaced by blanks, keeping every newline (so line numbers hold). */
function blankComments(text: string): string {
  if (!text.includes('<!--')) return text
  return text.replace(/<!--[\s\S]*?(-->|$)/g, (c) => c.replace(/[^\n]/g, ' '))
}

/**
 * `global.json`: the MSBuild project SDKs the repository pins (`"msbuild-sdks": { "Org.Server.Sdk":
 * "1.6.0" }`), which projects use by name (`<Sdk Name="Org.Server.Sdk" />`) and which never appear
 * as a PackageReference. A global.json without them (only the .NET SDK version) declares nothing.
 */
export function parseGlobalJson(path: string, text: string, problems: ParseProblem[]): Dependency[] {
  if (!text.includes('msbuild-sdks')) return []
  let doc: unknown
  try {
    doc = JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''))
  } catch (err) {
    problems.push({ path, message: `JSON parse error: ${err instanceof Error ? err.message : String(err)}` })
    return []
  }
  const sdks = doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>)['msbuild-sdks'] : undefined
  if (sdks === null || typeof sdks !== 'object' || Array.isArray(sdks)) return []
  const lines = text.split('\n')
  const out: Dependency[] = []
  for (const [name, version] of Object.entries(sdks as Record<string, unknown>).slice(0, 200)) {
    const at = lines.findIndex((l) => l.includes(`"${name}"`))
    out.push({ name, ecosystem: 'dotnet', manifest: path, ...(at >= 0 ? { line: at + 1 } : {}), dev: /^MSTest\.Sdk$/i.test(name), ...(typeof version === 'string' ? { spec: version } : {}) })
  }
  return out
}
