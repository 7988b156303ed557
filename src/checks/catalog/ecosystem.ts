import { Minimatch } from 'minimatch'
import { ECOSYSTEM_IDS, ECOSYSTEMS, type Ecosystem } from '../../facts/ecosystems.js'
import type { StackMarkers } from '../../facts/repo-files.js'
import type { Facts } from '../../facts/types.js'
import type { Evidence } from '../types.js'
import type { ConfigSignature } from './match.js'
import { matchesConfigPattern } from '../../facts/config-texts.js'

/**
 * What kind of repository this is, judged from the listing the facts collected (facts/repo-files.ts):
 * which ecosystems it holds (so a remediation shows the snippet for the stack in front of the reader)
 * and which configuration files show intent for a practice ("configured, not run in CI"). A
 * signature's `contains` line is looked up in the configuration texts the facts read for the
 * patterns the checks declared (checks/reads.ts): nothing here reads.
 */

export const ECOSYSTEM_NAMES: Readonly<Record<Ecosystem, string>> = Object.fromEntries(ECOSYSTEM_IDS.map((e) => [e, ECOSYSTEMS[e].name])) as Record<Ecosystem, string>

/** The stack a fix is written for: the ecosystems, and the markers (TypeScript, Django, Rails, Gradle, Kotlin, Laravel) the listing showed. */
export interface RepoProfile extends StackMarkers {
  /**
   * Ecosystems with a manifest, most source files first, without the ones that only carry tooling
   * (a `package.json` of linters and formatters in a Python service does not make it a Node service).
   */
  readonly ecosystems: readonly Ecosystem[]
}

const NO_FILES: readonly number[] = []

/**
 * The repository's ecosystems and frameworks. An ecosystem whose
 * manifests declare no production dependency is tooling when another ecosystem is there with
 * production dependencies or more source files.
 */
export function repoProfile(facts: Pick<Facts, 'repoFiles' | 'manifests'>): RepoProfile {
  const files = facts.repoFiles
  const sources = files.sources
  const found = [...files.manifests].sort((a, b) => (sources.get(b) ?? 0) - (sources.get(a) ?? 0))
  const production = new Set(facts.manifests.manifests.filter((m) => m.dependencies.some((d) => !d.dev)).map((m) => m.ecosystem))
  const tooling = (e: Ecosystem): boolean => !production.has(e) && found.some((o) => o !== e && (production.has(o) || (sources.get(o) ?? 0) > (sources.get(e) ?? 0)))
  const ecosystems = found.filter((e) => !tooling(e))
  return { ecosystems, ...files.markers }
}

/**
 * The profile a service-level fix is written for: the stacks of the HTTP frameworks found (a
 * FastAPI service with a React front end is Python here), else the repository's.
 */
export function serviceProfile(facts: Pick<Facts, 'repoFiles' | 'manifests' | 'service'>): RepoProfile {
  const repo = repoProfile(facts)
  const served = new Set(facts.service.frameworks.map((f) => f.ecosystem))
  const ecosystems = [...repo.ecosystems.filter((e) => served.has(e)), ...ECOSYSTEM_IDS.filter((e) => served.has(e) && !repo.ecosystems.includes(e))]
  return ecosystems.length > 0 ? { ...repo, ecosystems } : repo
}

/** At most this many candidate files are opened per content signature. */
const MAX_READS_PER_SIGNATURE = 20

function lineIncluding(text: string, needle: string): number | undefined {
  let start = 0
  let line = 1
  while (start <= text.length) {
    const end = text.indexOf('\n', start)
    const stop = end < 0 ? text.length : end
    if (text.slice(start, stop).includes(needle)) return line
    if (end < 0) break
    start = end + 1
    line++
  }
  return undefined
}

export interface ConfigHit {
  readonly tool: string
  readonly evidence: Evidence
}

/**
 * Configuration files (or lines in them) that show a practice is set up, plus user globs from
 * config (`signatures.<check>.files`). Vendored and generated trees are skipped.
 */
export function findConfigs(facts: Pick<Facts, 'repoFiles' | 'configTexts'>, sigs: readonly ConfigSignature[], extraGlobs: readonly string[] = []): ConfigHit[] {
  const hits: ConfigHit[] = []
  const reads = new Map<ConfigSignature, number>()
  const seen = new Set<string>()
  // Every pattern is looked up, never tried file by file: exact basenames and `dir/file` paths by
  // their basename, `prefix*` names by their first character, `*.ext` names by their extension;
  // only `dir/` patterns are tested per file.
  const byName = new Map<string, ConfigSignature[]>()
  const byFirst = new Map<string, ConfigSignature[]>()
  const byExt = new Map<string, ConfigSignature[]>()
  const dirs: ConfigSignature[] = []
  const add = (m: Map<string, ConfigSignature[]>, k: string, sig: ConfigSignature): void => {
    const list = m.get(k)
    if (list) list.push(sig)
    else m.set(k, [sig])
  }
  for (const sig of sigs) {
    const f = sig.file
    if (f.endsWith('/')) dirs.push(sig)
    else if (f.includes('/')) add(byName, f.slice(f.lastIndexOf('/') + 1), sig)
    else if (f.endsWith('*')) add(byFirst, f[0] ?? '', sig)
    else if (f.startsWith('*.')) add(byExt, f.slice(1), sig)
    else add(byName, f, sig)
  }
  // The patterns are looked up in an index of the files (built once per listing), and the
  // candidates taken in file order, each file's in pattern order: the same hits, in the same order,
  // as trying every file against every pattern.
  const idx = facts.repoFiles.index
  const picks: { readonly file: number; readonly sig: ConfigSignature }[] = []
  for (const [name, list] of byName) for (const i of idx.byName.get(name) ?? NO_FILES) for (const sig of list) if (matchesConfigPattern(sig.file, idx.files[i]!.path, name)) picks.push({ file: i, sig })
  for (const [first, list] of byFirst) for (const i of idx.byFirst.get(first) ?? NO_FILES) for (const sig of list) if (matchesConfigPattern(sig.file, idx.files[i]!.path, idx.files[i]!.name)) picks.push({ file: i, sig })
  for (const [ext, list] of byExt) for (const i of idx.byExt.get(ext) ?? NO_FILES) if (idx.files[i]!.name.length > ext.length) for (const sig of list) picks.push({ file: i, sig })
  if (dirs.length > 0) idx.files.forEach(({ path, name }, i) => {
    for (const sig of dirs) if (path.includes(sig.file) && matchesConfigPattern(sig.file, path, name)) picks.push({ file: i, sig })
  })
  const ordered = picks.map((p, k) => ({ ...p, k })).sort((x, y) => x.file - y.file || x.k - y.k)
  const globs = extraGlobs.map((g) => new Minimatch(g, { dot: true }))
  const globHits = (upTo: number, from: number): void => {
    for (let i = from; i < upTo; i++) for (const glob of globs) if (glob.match(idx.files[i]!.path)) hits.push({ tool: glob.pattern, evidence: { path: idx.files[i]!.path, message: `matches the configured signature ${glob.pattern}` } })
  }
  let globbed = 0
  for (const { file, sig } of ordered) {
    if (globs.length > 0 && file >= globbed) {
      globHits(file, globbed)
      globbed = file
    }
    const path = idx.files[file]!.path
    const key = `${sig.tool}\0${path}`
    if (seen.has(key)) continue
    if (sig.contains === undefined) {
      seen.add(key)
      hits.push({ tool: sig.tool, evidence: { path, message: `${sig.tool} is configured` } })
      continue
    }
    const n = reads.get(sig) ?? 0
    if (n >= MAX_READS_PER_SIGNATURE) continue
    reads.set(sig, n + 1)
    if (!facts.configTexts.declared.has(sig.file)) throw new Error(`the text of ${sig.file} was not declared for reading (checks/reads.ts)`)
    const text = facts.configTexts.texts.get(path)
    const line = text === undefined ? undefined : lineIncluding(text, sig.contains)
    if (line === undefined) continue
    seen.add(key)
    hits.push({ tool: sig.tool, evidence: { path, line, message: `${sig.tool} is configured (${sig.contains})` } })
  }
  if (globs.length > 0) globHits(idx.files.length, globbed)
  return hits
}

/** A remediation snippet for every ecosystem (the compiler holds a new ecosystem to having one). */
export type Snippets = Readonly<Record<Ecosystem, string>>

/**
 * The remediation for the ecosystems detected (at most two, most prominent first), after an
 * opening sentence that says what to change for the status found.
 */
export function remediationFor(opening: string, snippets: Snippets, profile: RepoProfile, fallback: string): string {
  const parts = [opening]
  const picked = profile.ecosystems.filter((e) => snippets[e] !== undefined).slice(0, 2)
  if (picked.length === 0) parts.push('', fallback)
  for (const eco of picked) parts.push('', `**${ECOSYSTEM_NAMES[eco]}**:`, '', snippets[eco]!)
  return parts.join('\n')
}
