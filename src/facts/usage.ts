import { mentionsAny, plainLines, type TextRead } from './text-lines.js'
import type { ParseProblem } from './ci/types.js'
import { isExcluded, isTestPath } from './excluded.js'
import type { Dependency, Ecosystem, ManifestFacts } from './manifests/types.js'
import { scanImports, moduleMatches, pythonModulesFor } from './imports.js'
import { inCode } from './literals.js'
import type { Snapshot } from './snapshot.js'
import { ECOSYSTEM_IDS, ECOSYSTEMS, sourceKindOf } from './ecosystems.js'
import { normalizePythonName } from './manifests/python.js'

export { moduleMatches, pythonModulesFor, PYTHON_IMPORT_NAMES, scanImports } from './imports.js'
export { inCode } from './literals.js'

/**
 * Where packages are used in code: imports per ecosystem and a bounded line search for usage
 * calls (flag evaluations, retry decorators, …). Computed lazily, each file's lines and imports
 * kept for the collection, so a repository whose manifests name no relevant package never has
 * its sources read. Only source
 * files of an ecosystem are read, outside excluded trees, under a per-file size cap.
 *
 * Test code is kept but marked (`test: true`): callers decide, and the dependency checks do not
 * count tests as production use.
 */

export interface SourceFile {
  readonly path: string
  readonly ecosystem: Ecosystem
  readonly test: boolean
  /** A template (Django/Jinja `.html`, ERB), searched for template tags, never for imports. */
  readonly template: boolean
}

export interface ImportRef {
  readonly path: string
  readonly line: number
  readonly ecosystem: Ecosystem
  /** Module as written: `ldclient.config`, `./flags`, `github.com/sony/gobreaker/v2`, `io.github.resilience4j.retry`, `flipper`. */
  readonly module: string
  /** The line, trimmed. */
  readonly text: string
  readonly test: boolean
}

export interface LineHit {
  readonly path: string
  readonly line: number
  readonly text: string
  /** The token that matched. */
  readonly token: string
  readonly ecosystem: Ecosystem
  readonly test: boolean
}

export interface GrepOptions {
  readonly ecosystems?: readonly Ecosystem[]
  /** Also search templates of those ecosystems. */
  readonly templates?: boolean
  readonly includeTests?: boolean
  /** Restrict to these files. */
  readonly files?: readonly string[]
  /** Stop after this many hits (default 200). */
  readonly limit?: number
  /**
   * Also search these configuration files (repository paths or path suffixes such as
   * `config/packages/framework.yaml`), `#` comment lines skipped; hits carry the first ecosystem
   * of `ecosystems`.
   */
  readonly configFiles?: readonly string[]
  /** Also count a token inside a string literal (default: only in code; a quoted token is data, not use). */
  readonly inStrings?: boolean
}

export interface UsageFacts {
  sources(ecosystem?: Ecosystem): readonly SourceFile[]
  /** Imports of every source file of an ecosystem; with `mentioning`, only of files whose text contains one of those words. */
  imports(ecosystem: Ecosystem, mentioning?: readonly string[]): readonly ImportRef[]
  /** Imports of any of `modules` (prefix-aware per ecosystem: `ldclient` matches `ldclient.config`). */
  importsOf(ecosystem: Ecosystem, modules: readonly string[]): readonly ImportRef[]
  /** Imports of one source file (empty for a file that is not a source, a template, or too large). */
  importsIn(path: string): readonly ImportRef[]
  /** Lines containing any token (plain substring, case-sensitive). */
  grep(tokens: readonly string[], opts?: GrepOptions): readonly LineHit[]
  /** The lines of a source file (cached reads), or undefined. */
  lines(path: string): readonly string[] | undefined
  readonly problems: readonly ParseProblem[]
}

/** Per-file cap for scanning: larger sources are generated or minified. */
export const MAX_SOURCE_BYTES = 512 * 1024
/** Files per ecosystem read for imports or searches. */
export const MAX_SOURCE_FILES = 20_000
const MAX_LINE = 4000

/** A source file's ecosystem (and whether it is a template) from its extension, or null. */
export const sourceKind = sourceKindOf

export function collectUsage(snapshot: Snapshot): UsageFacts {
  const problems: ParseProblem[] = []
  let sourceList: SourceFile[] | undefined
  const byEco = new Map<Ecosystem, SourceFile[]>()
  const sourceByPath = new Map<string, SourceFile>()
  const importCache = new Map<Ecosystem, ImportRef[]>()
  const lineCache = new Map<string, readonly string[] | undefined>()
  const sources = (): SourceFile[] => {
    if (sourceList) return sourceList
    sourceList = []
    for (const path of snapshot.files()) {
      const kind = sourceKind(path)
      if (!kind || isExcluded(path)) continue
      const list = byEco.get(kind.ecosystem) ?? []
      if (list.length >= MAX_SOURCE_FILES) continue
      const f: SourceFile = { path, ecosystem: kind.ecosystem, template: kind.template, test: isTestPath(path) }
      list.push(f)
      byEco.set(kind.ecosystem, list)
      sourceList.push(f)
      sourceByPath.set(path, f)
    }
    return sourceList
  }

  const lines = (path: string): readonly string[] | undefined => {
    if (lineCache.has(path)) return lineCache.get(path)
    const r = snapshot.read(path)
    // Split once per read, shared with every other view of the snapshot (service views).
    const out = r.kind === 'text' && r.size <= MAX_SOURCE_BYTES ? plainLines(r) : undefined
    lineCache.set(path, out)
    return out
  }

  const fileImports = new Map<string, ImportRef[]>()
  const importsOfFile = (f: SourceFile): ImportRef[] => {
    const cached = fileImports.get(f.path)
    if (cached) return cached
    const out: ImportRef[] = []
    const r = snapshot.read(f.path)
    if (r.kind === 'text' && r.size <= MAX_SOURCE_BYTES) {
      try {
        // The scan of a text is shared by every view of it (services, the PR base).
        const found = scanImports(f.ecosystem, plainLines(r))
        for (const imp of found) out.push({ path: f.path, ecosystem: f.ecosystem, test: f.test, ...imp })
      } catch (err) {
        problems.push({ path: f.path, message: `imports could not be read: ${err instanceof Error ? err.message : String(err)}` })
      }
    }
    fileImports.set(f.path, out)
    return out
  }

  /**
   * Imports of the files whose text mentions one of `words` (all files without words). The
   * native substring pre-filter keeps a lookup of one package cheap on a large repository.
   */
  const imports = (ecosystem: Ecosystem, words?: readonly string[]): ImportRef[] => {
    if (!words) {
      const cached = importCache.get(ecosystem)
      if (cached) return cached
    }
    sources()
    const out: ImportRef[] = []
    for (const f of byEco.get(ecosystem) ?? []) {
      if (f.template) continue
      if (words) {
        const r = snapshot.read(f.path)
        if (r.kind !== 'text' || r.size > MAX_SOURCE_BYTES || !mentionsAny(r, words)) continue
      }
      out.push(...importsOfFile(f))
    }
    if (!words) importCache.set(ecosystem, out)
    return out
  }


  return {
    get problems() {
      return problems
    },
    sources(ecosystem?: Ecosystem) {
      const all = sources()
      return ecosystem ? (byEco.get(ecosystem) ?? []) : all
    },
    imports,
    importsIn(path) {
      sources()
      const f = sourceByPath.get(path)
      return f && !f.template ? importsOfFile(f) : []
    },
    importsOf(ecosystem, modules) {
      if (modules.length === 0) return []
      return imports(ecosystem, modules).filter((imp) => modules.some((m) => moduleMatches(ecosystem, imp.module, m)))
    },
    grep(tokens, opts = {}) {
      const limit = opts.limit ?? 200
      const hits: LineHit[] = []
      if (tokens.length === 0) return hits
      // One pass per file over an alternation of literal tokens (no quantifiers, so no backtracking).
      const anyToken = new RegExp(tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'))
      const inStrings = opts.inStrings === true
      const only = opts.files ? new Set(opts.files) : undefined
      const ecos = opts.ecosystems ? new Set(opts.ecosystems) : undefined
      for (const f of sources()) {
        if (ecos && !ecos.has(f.ecosystem)) continue
        if (f.template && !opts.templates) continue
        if (f.test && !opts.includeTests) continue
        if (only && !only.has(f.path)) continue
        const r = snapshot.read(f.path)
        if (r.kind !== 'text' || r.size > MAX_SOURCE_BYTES) continue
        for (const h of fileHits(r, () => lines(f.path) ?? plainLines(r), anyToken, tokens, f.template ? null : ECOSYSTEMS[f.ecosystem].comments, !inStrings && !f.template)) {
          hits.push({ path: f.path, line: h.line, text: h.text, token: h.token, ecosystem: f.ecosystem, test: f.test })
          if (hits.length >= limit) return hits
        }
      }
      const eco = opts.ecosystems?.[0]
      if (opts.configFiles && eco) {
        const wanted = opts.configFiles
        for (const path of snapshot.files()) {
          if (!wanted.some((w) => path === w || path.endsWith('/' + w)) || isExcluded(path)) continue
          const r = snapshot.read(path)
          if (r.kind !== 'text' || r.size > MAX_SOURCE_BYTES) continue
          for (const h of fileHits(r, () => plainLines(r), anyToken, tokens, CONFIG_COMMENTS, false)) {
            hits.push({ path, line: h.line, text: h.text, token: h.token, ecosystem: eco, test: isTestPath(path) })
            if (hits.length >= limit) return hits
          }
        }
      }
      return hits
    },
    lines
  }
}

const CONFIG_COMMENTS: readonly string[] = ['#']

interface FileHit {
  readonly line: number
  readonly text: string
  readonly token: string
}

const NO_HITS: readonly FileHit[] = []

/**
 * Every line of one text holding a token outside string literals (the first token per line),
 * after a native whole-text test; comment lines are left out.
 */
function fileHits(read: TextRead, split: () => readonly string[], anyToken: RegExp, tokens: readonly string[], comments: readonly string[] | null | undefined, codeOnly: boolean): readonly FileHit[] {
  if (!anyToken.test(read.text)) return NO_HITS
  const ls = split()
  const out: FileHit[] = []
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i]!
    if (l.length > MAX_LINE) continue
    if (comments) {
      const t = l.trimStart()
      if (comments.some((c) => t.startsWith(c))) continue
    }
    for (const token of tokens) {
      if (l.includes(token) && (!codeOnly || inCode(l, token))) {
        out.push({ line: i + 1, text: l.trim(), token })
        break
      }
    }
  }
  return out
}

/** A package as the dependency checks' catalogues describe it. */
export interface PackageSignature {
  /** Display name: `LaunchDarkly`, `tenacity`. */
  readonly label: string
  readonly ecosystem: Ecosystem
  /**
   * Dependency names, normalised per ecosystem. Go entries match the module and its major-version
   * suffixes (`github.com/sony/gobreaker` matches `…/gobreaker/v2`); Java entries ending in `:*`
   * match every artifact of the group.
   */
  readonly packages: readonly string[]
  /** Import names when they differ from the package name (Java packages always). */
  readonly imports?: readonly string[]
  /** Calls or annotations that show the package doing its job (`variation(`, `@retry`). */
  readonly calls: readonly string[]
  /** When set, a call only counts in a file that also contains one of these (`HTTPAdapter(` with `Retry(`). */
  readonly fileAlso?: readonly string[]
  /** Search templates too (`{% flag %}`). */
  readonly templates?: boolean
  /** Configuration files that may hold the setting too (`config/packages/framework.yaml`: `retry_failed:`), as GrepOptions.configFiles. */
  readonly configFiles?: readonly string[]
}

export interface PackageUse {
  /** Production (non-dev) declarations. */
  readonly deps: readonly Dependency[]
  /** Declarations only as dev/test dependencies. */
  readonly devDeps: readonly Dependency[]
  /** Imports outside tests (Ruby: explicit `require` only; Bundler's auto-require is not a use). */
  readonly imports: readonly ImportRef[]
  /** Usage calls outside tests. */
  readonly calls: readonly LineHit[]
  /** Imports or calls found only in tests. */
  readonly testOnly: readonly (ImportRef | LineHit)[]
}

export function dependencyMatches(sig: PackageSignature, name: string): boolean {
  for (const p of sig.packages) {
    if (name === p) return true
    if (sig.ecosystem === 'go' && name.startsWith(p + '/v') && /^\d+$/.test(name.slice(p.length + 2))) return true
    // A Maven group (`io.github.resilience4j:*`) or an artifact prefix (`io.smallrye:smallrye-fault-tolerance*`).
    if (sig.ecosystem === 'java' && p.endsWith('*') && name.startsWith(p.slice(0, -1))) return true
    // NuGet package ids are case-insensitive.
    if (sig.ecosystem === 'dotnet' && name.toLowerCase() === p.toLowerCase()) return true
  }
  return false
}

const importNames = new WeakMap<PackageSignature, readonly string[]>()

/** Import names of a signature, one array per signature (the token test compiles one alternation per array). */
function defaultImports(sig: PackageSignature): readonly string[] {
  let names = importNames.get(sig)
  if (!names) {
    names = importNamesOf(sig)
    importNames.set(sig, names)
  }
  return names
}

function importNamesOf(sig: PackageSignature): readonly string[] {
  if (sig.imports) return sig.imports
  switch (sig.ecosystem) {
    case 'python':
      return sig.packages.flatMap((p) => pythonModulesFor(p))
    case 'java':
      return sig.packages.map((p) => p.split(':')[0]!)
    case 'rust':
      // Crates are imported with `_` for `-` (`reqwest-retry` → `reqwest_retry`).
      return sig.packages.map((p) => p.replace(/-/g, '_'))
    case 'elixir':
      // Hex packages name their top module in CamelCase (`fun_with_flags` → `FunWithFlags`).
      return sig.packages.map((p) => p.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''))
    default:
      return sig.packages
  }
}

/**
 * Where a package is declared and used: a fact query (no judgement), shared by the dependency
 * checks. Sources are only read when the package is declared.
 */
/**
 * Packages declared in config (`signatures.<check>.packages`) as catalogue rows of every ecosystem,
 * named as that ecosystem's manifests normalise them (PEP 503 for Python), with no calls of their own.
 */
export function declaredPackageRows(packages: readonly string[]): { label: string; ecosystem: Ecosystem; packages: string[]; calls: string[] }[] {
  return packages.flatMap((p) => ECOSYSTEM_IDS.map((ecosystem) => ({ label: p, ecosystem, packages: [ecosystem === 'python' ? normalizePythonName(p) : p], calls: [] })))
}

export function packageUse(manifests: ManifestFacts, usage: UsageFacts, sig: PackageSignature): PackageUse {
  // The repository's own packages are never a third-party package's use.
  const declared = manifests.manifests.flatMap((m) => m.dependencies).filter((d) => !d.own && d.ecosystem === sig.ecosystem && dependencyMatches(sig, d.name))
  const deps = declared.filter((d) => !d.dev)
  const devDeps = declared.filter((d) => d.dev)
  if (declared.length === 0) return { deps, devDeps, imports: [], calls: [], testOnly: [] }
  const allImports = usage.importsOf(sig.ecosystem, defaultImports(sig))
  let calls = usage.grep(sig.calls, { ecosystems: [sig.ecosystem], templates: sig.templates ?? false, includeTests: true })
  if (sig.configFiles) calls = [...calls, ...usage.grep(sig.calls, { ecosystems: [sig.ecosystem], files: [], configFiles: sig.configFiles, includeTests: true })]
  if (sig.fileAlso) {
    const also = sig.fileAlso
    calls = calls.filter((c) => (usage.lines(c.path) ?? []).some((l) => also.some((t) => l.includes(t))))
  }
  const prodImports = allImports.filter((i) => !i.test)
  const prodCalls = calls.filter((c) => !c.test)
  const testOnly = prodImports.length === 0 && prodCalls.length === 0 ? [...allImports.filter((i) => i.test), ...calls.filter((c) => c.test)] : []
  return { deps, devDeps, imports: prodImports, calls: prodCalls, testOnly }
}

/** Usage facts of nothing: the fallback when the usage collector itself fails. */
export function emptyUsage(): UsageFacts {
  return {
    problems: [],
    sources: () => [],
    imports: () => [],
    importsOf: () => [],
    importsIn: () => [],
    grep: () => [],
    lines: () => undefined
  }
}
