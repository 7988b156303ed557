import { filesWhere } from './recording-snapshot.js'
import { lineOf } from './ci/resolve/engine.js'
import { isExcluded } from './excluded.js'
import { basename } from './paths.js'
import type { Snapshot } from './snapshot.js'

/**
 * Roslyn analyzers that ride on every .NET build (docs/catalogue.md, "Static analysis"): a build run in CI is a
 * static-analysis or lint run when the projects reference analyzers AND their findings fail the
 * build. Read from project files, `Directory.Build.props`/`.targets`, `Directory.Packages.props`
 * (`GlobalPackageReference`) and `.editorconfig`/`.globalconfig` severities. Data:
 *
 * - security analyzers (static analysis): Security Code Scan, SonarAnalyzer, Puma Scan, and the
 *   SDK's own .NET analyzers once `AnalysisMode`/`AnalysisLevel` turns on every rule (`All`,
 *   `AllEnabledByDefault`, `Recommended`, `latest-all`) or `AnalysisModeSecurity` does;
 * - style and quality analyzers (lint): StyleCop, Roslynator, Meziantou, IDisposableAnalyzers, …,
 *   and the IDE code-style rules with `EnforceCodeStyleInBuild`.
 *
 * Traps: without `TreatWarningsAsErrors` (or `CodeAnalysisTreatWarningsAsErrors`, or an
 * `error` severity in an editorconfig) analyzers only print warnings — the build cannot fail on
 * them, so only a build run with `-warnaserror` counts (the `-cli` rule sets). The SDK's default
 * analyzers alone (no mode, no package) enable almost no rule and are not counted. Conditions
 * (`Condition="'$(Configuration)' == 'Debug'"`) are not evaluated; they are shown in the evidence.
 */

export type DotnetRuleSet = 'roslyn-security' | 'roslyn-security-cli' | 'roslyn-style' | 'roslyn-style-cli'

export interface DotnetRules {
  readonly rules: DotnetRuleSet
  readonly path: string
  readonly line?: number
  readonly how: string
}

export const SECURITY_ANALYZERS: readonly string[] = ['SecurityCodeScan', 'SecurityCodeScan.VS2019', 'SecurityCodeScan.VS2017', 'SonarAnalyzer.CSharp', 'SonarAnalyzer.VisualBasic', 'Puma.Security.Rules']
export const STYLE_ANALYZERS: readonly string[] = [
  'StyleCop.Analyzers', 'Roslynator.Analyzers', 'Roslynator.CodeAnalysis.Analyzers', 'Roslynator.Formatting.Analyzers', 'Meziantou.Analyzer', 'IDisposableAnalyzers', 'AsyncFixer',
  'Microsoft.VisualStudio.Threading.Analyzers', 'SerilogAnalyzer', 'Microsoft.CodeAnalysis.BannedApiAnalyzers', 'ErrorProne.NET.CoreAnalyzers', 'ErrorProne.NET.Structs', 'Text.Analyzers',
  'SmartAnalyzers.MultithreadingAnalyzer', 'Microsoft.CodeAnalysis.PublicApiAnalyzers', 'Moq.Analyzers', 'xunit.analyzers', 'NUnit.Analyzers', 'Lindhart.Analyser.MissingAwaitWarning'
]

const FILES = /^(Directory\.Build\.props|Directory\.Build\.targets|Directory\.Packages\.props|\.editorconfig|.*\.globalconfig|.*\.(cs|fs|vb)proj)$/
const MAX_FILES = 400
const MAX_BYTES = 256 * 1024
const ALL_RULES = /<(AnalysisMode|AnalysisModeSecurity)\b[^>]*>\s*(All|AllEnabledByDefault|Recommended)\s*</i
const ALL_LEVEL = /<AnalysisLevel\b[^>]*>\s*[\w.]*-(all|recommended)\s*</i
const AS_ERRORS = /<(TreatWarningsAsErrors|CodeAnalysisTreatWarningsAsErrors)\b([^>]*)>\s*true\s*</i
const CODE_STYLE = /<EnforceCodeStyleInBuild\b[^>]*>\s*true\s*</i
const ERROR_SEVERITY = /^[ \t]*dotnet_(?:analyzer_diagnostic(?:\.category-([\w-]+))?|diagnostic\.([A-Za-z]+)\d+)\.severity[ \t]*=[ \t]*error\b.*$/gm
/** Rule-id prefixes of the security analyzers (Security Code Scan, Sonar, the .NET security rules CA2xxx/CA3xxx/CA5xxx). */
const SECURITY_IDS = /^(SCS|S|CA[235])$/

type Group = 'all' | 'security' | 'style'

/** Which analyzers an `error` severity line makes fail the build. */
function severityGroup(category: string | undefined, id: string | undefined, line: string): Group | undefined {
  if (id === undefined) return category === undefined ? 'all' : /^security$/i.test(category) ? 'security' : 'style'
  if (id === 'CS') return undefined
  const full = /diagnostic\.([A-Za-z]+\d)/.exec(line)?.[1] ?? id
  return SECURITY_IDS.test(id) || SECURITY_IDS.test(full.slice(0, 3)) ? 'security' : 'style'
}

interface Found {
  path: string
  line?: number
  how: string
}

export function dotnetAnalyzerRules(snapshot: Snapshot): DotnetRules[] {
  let security: Found | undefined
  let style: Found | undefined
  const errors = new Map<Group, Found>()
  let read = 0
  for (const path of filesWhere(snapshot, (p) => FILES.test(basename(p)) && !isExcluded(p))) {
    const name = basename(path)
    if (read >= MAX_FILES) break
    const r = snapshot.read(path)
    if (r.kind !== 'text' || r.size > MAX_BYTES) continue
    read++
    const text = r.text.includes('<!--') ? r.text.replace(/<!--[\s\S]*?(-->|$)/g, (c) => c.replace(/[^\n]/g, ' ')) : r.text
    const at = (needle: string): { line?: number } => {
      const line = lineOf(text, needle)
      return line === undefined ? {} : { line }
    }
    if (name === '.editorconfig' || name.endsWith('.globalconfig')) {
      ERROR_SEVERITY.lastIndex = 0
      for (let m = ERROR_SEVERITY.exec(text); m && errors.size < 3; m = ERROR_SEVERITY.exec(text)) {
        const g = severityGroup(m[1], m[2], m[0])
        const how = m[0].replace(/#.*$/, '').trim()
        if (g && !errors.has(g)) errors.set(g, { path, ...at(how), how })
      }
      continue
    }
    for (const pkg of packages(text)) {
      const lower = pkg.toLowerCase()
      if (!security && SECURITY_ANALYZERS.some((a) => a.toLowerCase() === lower)) security = { path, ...at(`"${pkg}"`), how: `analyzer ${pkg}` }
      if (!style && STYLE_ANALYZERS.some((a) => a.toLowerCase() === lower)) style = { path, ...at(`"${pkg}"`), how: `analyzer ${pkg}` }
    }
    const mode = ALL_RULES.exec(text) ?? ALL_LEVEL.exec(text)
    if (mode && !security) security = { path, ...at(mode[0].slice(0, 20)), how: `.NET analyzers, ${mode[0].replace(/[<>/]/g, ' ').replace(/\s+/g, ' ').trim()}` }
    const code = CODE_STYLE.exec(text)
    if (code && !style) style = { path, ...at(code[0].slice(0, 20)), how: 'EnforceCodeStyleInBuild' }
    const err = AS_ERRORS.exec(text)
    if (err && !errors.has('all')) {
      const cond = /Condition\s*=\s*"([^"]{0,120})"/.exec(err[2] ?? '')?.[1]
      errors.set('all', { path, ...at(err[0].slice(0, 25)), how: `${err[1]}${cond ? ` (when ${cond})` : ''}` })
    }
  }
  const out: DotnetRules[] = []
  const add = (found: Found | undefined, group: Group, strict: DotnetRuleSet, cli: DotnetRuleSet): void => {
    if (!found) return
    const e = errors.get('all') ?? errors.get(group)
    if (e) out.push({ rules: strict, path: found.path, ...(found.line ? { line: found.line } : {}), how: `${found.how}, errors by ${e.how} in ${e.path}` })
    else out.push({ rules: cli, path: found.path, ...(found.line ? { line: found.line } : {}), how: `${found.how}, reported as warnings unless the build passes -warnaserror` })
  }
  add(security, 'security', 'roslyn-security', 'roslyn-security-cli')
  add(style, 'style', 'roslyn-style', 'roslyn-style-cli')
  return out
}

/** Package ids referenced (not only versioned) by a project or props file. */
function packages(text: string): string[] {
  const out: string[] = []
  const re = /<(?:PackageReference|GlobalPackageReference)\b[^>]{0,400}?\bInclude\s*=\s*"([^"]{1,200})"/g
  for (let m = re.exec(text); m && out.length < 500; m = re.exec(text)) out.push(m[1]!.trim())
  return out
}
