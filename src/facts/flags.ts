import { IN_HOUSE_DEV_TOOLING, IN_HOUSE_MODEL_NAMES, IN_HOUSE_MODEL_TOKENS, IN_HOUSE_MODULE_STEMS, IN_HOUSE_RESOLVER_TOKENS, ENV_TOGGLE_NAMES, ENV_TOGGLE_NOT_FLAGS, ENV_TOGGLE_READERS, FLAG_SDKS, type FlagSignature } from './catalog/flags.js'
import type { ManifestFacts } from './manifests/types.js'
import { basename } from './paths.js'
import { declaredPackageRows, inCode, packageUse, type PackageUse, type SourceFile, type UsageFacts } from './usage.js'

/**
 * What the feature-flags check judges, read from the service's code: the flag SDKs that are
 * dependencies with their imports and evaluation calls, an in-house flag system (a resolver
 * module or a flag model, and where code checks it), and env-var or settings toggles.
 */

export interface SdkUse {
  readonly sig: FlagSignature
  readonly use: PackageUse
}

/** A place in code: a line and its text (trimmed). */
export interface CodeLine {
  readonly path: string
  readonly line: number
  readonly text: string
}

export interface InHouseFlags {
  /** Resolver functions (`def enabled?(`) in flag modules, and flag models. */
  readonly resolvers: readonly CodeLine[]
  /** Developer tooling that is all that reads a resolver module (it gates nothing). */
  readonly devToolingOnly: readonly CodeLine[]
  readonly models: readonly CodeLine[]
  /** Production code that imports or calls a resolver module. */
  readonly resolverChecks: readonly CodeLine[]
  /** Production code that reads a flag model. */
  readonly modelChecks: readonly CodeLine[]
}

export interface FlagFacts {
  /** Flag SDKs that are dependencies (catalogue rows, then the packages config declares), in that order. */
  readonly sdks: readonly SdkUse[]
  /** Read only when no SDK is evaluated in code: undefined when not read. */
  readonly inHouse?: InHouseFlags
  /** Env-var and settings toggles (at most five), read with the in-house system. */
  readonly envToggles?: readonly CodeLine[]
}

export const NO_FLAGS: FlagFacts = { sdks: [] }

/** The place of a hit or an import, without the rest of it. */
const codeLine = ({ path, line, text }: CodeLine): CodeLine => ({ path, line, text })

/** Packages declared in config (`signatures.feature-flags.packages`) as flag SDKs of any ecosystem. */
function genericSignatures(packages: readonly string[]): FlagSignature[] {
  return declaredPackageRows(packages)
}

/** An SDK evaluated (or, for a generic row, imported) in production code: the check passes on it. */
export function sdkEvaluated(f: SdkUse): boolean {
  const { sig, use } = f
  const ruby = sig.ecosystem === 'ruby'
  const generic = sig.calls.length === 0
  if (sig.analytics) return use.calls.length > 0
  return use.calls.length > 0 || (!ruby && use.imports.length > 0) || (ruby && generic && !use.deps[0]!.noAutoRequire)
}

/** `from app import feature_flags` / `import flags, os`: the module is named among the imported names. */
function importsName(text: string, stem: string): boolean {
  const at = text.indexOf('import ')
  if (at < 0) return false
  return text
    .slice(at + 7)
    .split(',')
    .some((part) => part.trim().split(/\s+/)[0] === stem)
}

function camelCase(snake: string): string {
  return snake.split(/[_-]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')
}

/** An in-house resolver module or flag model, and where code checks it. */
function inHouse(usage: UsageFacts): InHouseFlags {
  const resolvers: CodeLine[] = []
  const devToolingOnly: CodeLine[] = []
  const resolverChecks: CodeLine[] = []
  const modelChecks: CodeLine[] = []
  const stems = new Set(IN_HOUSE_MODULE_STEMS)
  const modules: SourceFile[] = []
  for (const f of usage.sources()) {
    if (f.test || f.template) continue
    const name = basename(f.path)
    const stem = name.slice(0, name.lastIndexOf('.') < 0 ? name.length : name.lastIndexOf('.'))
    if (!stems.has(stem.toLowerCase()) && !stems.has(stem)) continue
    const lines = usage.lines(f.path) ?? []
    // The definition (`def enabled?(`, `function isEnabled(`) over a mention in its documentation.
    const mentions = (l: string): boolean => IN_HOUSE_RESOLVER_TOKENS.some((t) => l.includes(t) && inCode(l, t))
    const def = lines.findIndex((l) => /^\s*(export\s+)?(async\s+)?(def|defp|function|func|fn|pub fn|public|static)\b/.test(l) && mentions(l))
    const at = def >= 0 ? def : lines.findIndex(mentions)
    if (at < 0) continue
    modules.push(f)
    resolvers.push({ path: f.path, line: at + 1, text: lines[at]!.trim() })
  }
  for (const r of modules) {
    const name = basename(r.path)
    const file = name.slice(0, name.lastIndexOf('.'))
    // Elixir names the module after the file in CamelCase (`feature_flags.ex` → `Realtime.FeatureFlags`).
    const stem = r.ecosystem === 'elixir' ? camelCase(file) : file
    const importers = usage.imports(r.ecosystem, [stem]).filter((imp) => !imp.test && imp.path !== r.path && (imp.module === stem || imp.module.endsWith('.' + stem) || imp.module.endsWith('/' + stem) || imp.module.endsWith('\\' + stem) || imp.module.startsWith(stem + '::') || imp.module.includes('::' + stem) || importsName(imp.text, stem)))
    const hit = importers.find((imp) => !IN_HOUSE_DEV_TOOLING.test(imp.path))
    // …and calls it fully qualified without an alias (`Realtime.FeatureFlags.enabled?(…)`).
    const call = hit ?? (r.ecosystem === 'elixir' ? usage.grep(IN_HOUSE_RESOLVER_TOKENS.map((t) => `${stem}.${t}`), { ecosystems: ['elixir'], limit: 5 }).find((h) => h.path !== r.path && !IN_HOUSE_DEV_TOOLING.test(h.path)) : undefined)
    if (call) resolverChecks.push(codeLine(call))
    else for (const dev of importers.slice(0, 2)) devToolingOnly.push(codeLine(dev))
  }
  const models = usage.grep(IN_HOUSE_MODEL_TOKENS, { limit: 10 }).map(codeLine)
  if (models.length > 0) {
    const modelFiles = new Set(models.map((m) => m.path))
    const refs = usage.grep(IN_HOUSE_MODEL_NAMES, { limit: 50 }).filter((h) => !modelFiles.has(h.path) && !h.path.includes('/migrations/') && !h.path.includes('/migrate/') && !/^\s*(import|from|require)\b/.test(h.text) && !IN_HOUSE_DEV_TOOLING.test(h.path))
    const ref = refs[0]
    if (ref) modelChecks.push(codeLine(ref))
  }
  return { resolvers, devToolingOnly, models, resolverChecks, modelChecks }
}

function envToggles(usage: UsageFacts): CodeLine[] {
  // The flag name is usually a quoted key (`os.getenv("FEATURE_X")`); the reader must be code.
  const hits = usage.grep(ENV_TOGGLE_NAMES, { limit: 200, inStrings: true }).filter((h) => ENV_TOGGLE_READERS.some((r) => h.text.includes(r) && inCode(h.text, r)) && !ENV_TOGGLE_NOT_FLAGS.some((n) => h.text.includes(n)))
  return hits.slice(0, 5).map(codeLine)
}

export function collectFlags(manifests: ManifestFacts, usage: UsageFacts, extraPackages: readonly string[]): FlagFacts {
  const sdks: SdkUse[] = []
  for (const sig of [...FLAG_SDKS, ...genericSignatures(extraPackages)]) {
    const use = packageUse(manifests, usage, sig)
    if (use.deps.length > 0) sdks.push({ sig, use })
  }
  // An SDK evaluated in code decides the check: the in-house system and toggles are not read.
  if (sdks.some(sdkEvaluated)) return { sdks }
  return { sdks, inHouse: inHouse(usage), envToggles: envToggles(usage) }
}
