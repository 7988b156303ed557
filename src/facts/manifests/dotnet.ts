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

const TEST_PROJECT_NAME = /[.](Tests?|UnitTests?|IntegrationTests?|FunctionalTests?|Specs?|E2E|EndToEnd|Benchmarks?)\.(cs|fs|vb)proj$/i

export function parseDotnetProject(path: string, text: string, problems: ParseProblem[]): Dependency[] {
  if (!text.includes('<')) {
    if (text.trim()) problems.push({ path, message: 'not an XML project file' })
    return []
  }
  const clean = blankComments(text)
  const testProject = TEST_PROJECT_NAME.test(path) || /<IsTestProject>\s*true\s*<\/IsTestProject>/i.test(clean) || /Include\s*=\s*"Microsoft\.NET\.Test\.Sdk"/i.test(clean)
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
