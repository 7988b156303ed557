import { existsSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { runChecks } from './checks/run.js'
import type { Config, Policy, ServiceDecl } from './config/types.js'
import { prepareBase } from './facts/base-commit.js'
import { listingDifference } from './facts/recording-snapshot.js'
import { CONFIG_READS } from './checks/reads.js'
import { collectFacts, type CollectOptions, type FactInputs } from './facts/collect.js'
import { GitTreeSnapshot } from './facts/git-snapshot.js'
import { readLocalTags } from './facts/git-tags.js'
import { detectServices, ownerIndex, scopeCi, scopeFacts, serviceView } from './facts/monorepo.js'
import type { Snapshot, SnapshotStats } from './facts/snapshot.js'
import type { Facts } from './facts/types.js'
import { WorkTreeSnapshot } from './facts/worktree.js'
import type { ScanReport } from './report/types.js'
import { computeDelta, regressionOf, type Scored } from './scoring/delta.js'
import { gate, type Regression } from './scoring/gate.js'
import { applyPolicy } from './scoring/policy.js'
import { scoreOf } from './scoring/score.js'
import { combineGates, scoreService, serviceConfig, type ServiceReport } from './scoring/services.js'
import { bytes, listed, plural } from './prose.js'
import { VERSION } from './version.js'

/**
 * The scan pipeline, one entry for the action, the CLI and the tests: snapshot → facts → checks →
 * policy → score → gate, and with a base commit the same for the base, then the delta and the
 * ratchet. The effective policy comes resolved from the edge (config/policy.ts).
 */

export interface ScanOptions {
  /** Directory to scan (absolute or relative to the process cwd). */
  readonly root: string
  readonly config: Config
  /** The effective policy (config with inputs or flags applied), resolved at the edge. */
  readonly policy: Policy
  /** Facts that come from outside the tree (API facts, tags). */
  readonly inputs?: FactInputs
  /** `owner/repo` and server URL, for links in the PR comment. */
  readonly slug?: string | null
  readonly serverUrl?: string | null
  /** Today's date, for waiver expiry (injectable for tests). */
  readonly today?: Date
  /** Warnings gathered before the scan (config warnings…), carried into the report. */
  readonly warnings?: readonly string[]
  /** A commit to compare against (the PR base, `--base REF`), and whether to fetch it from origin when the checkout lacks it. */
  readonly base?: { readonly sha: string; readonly fetch: boolean } | null
}

export interface ScanOutcome {
  readonly report: ScanReport
  /** Why the base could not be compared (said once), or null. */
  readonly baseNote: string | null
  /** Time the base scan added after the head's, ms (0 without a base). */
  readonly baseMs: number
  /** Where the base's git work ran ('worker' unless no worker thread could be used), or null without a base. */
  readonly baseVia: 'worker' | 'main thread' | null
}

/** Where a scan reads: the git work tree holding the directory, and the directory inside it ('' for the top). */
export interface ScanPlace {
  readonly top: string
  readonly dir: string
}

/**
 * The git work tree that holds `root` (the nearest parent with `.git`), so a scan of a
 * subdirectory still reads the CI configuration and tags at the top. A directory outside any work
 * tree is its own top.
 */
export function placeOf(root: string): ScanPlace {
  for (let d = root; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return { top: d, dir: relative(d, root).split(sep).join('/') }
    if (dirname(d) === d) return { top: root, dir: '' }
  }
}

/** Version tags from the checkout; null (unknown) when a shallow clone simply has none. */
export function localTags(top: string): FactInputs['tags'] {
  const local = readLocalTags(top)
  const shallow = existsSync(join(top, '.git', 'shallow'))
  return local && (local.length > 0 || !shallow) ? { names: local, source: 'git' } : null
}

/** The config with its repo-relative paths (ignore globs, services, file signatures) read from `dir` instead of the top. */
export function rebaseConfig(config: Config, dir: string): Config {
  if (dir === '') return config
  const under = (p: string): string => (p === '.' || p === '' ? dir : `${dir}/${p}`)
  const signatures = Object.fromEntries(Object.entries(config.signatures).map(([id, s]) => [id, { ...s, files: s.files.map(under) }]))
  return { ...config, ignore: config.ignore.map(under), services: config.services.map((s) => ({ ...s, path: under(s.path) })), signatures: signatures as unknown as Config['signatures'] }
}

/** A subdirectory's view of the top's snapshot: its tree plus the shared CI and task files, like a monorepo service's. */
function scoped(snapshot: Snapshot, dir: string): Snapshot {
  if (dir === '') return snapshot
  const self: ServiceDecl = { name: dir, path: dir }
  return serviceView(snapshot, self, [self], dir)
}

/** Scans the tree, and the base commit when one is given (read from git objects, sharing every unchanged blob with the work tree). */
export async function scan(opts: ScanOptions): Promise<ScanOutcome> {
  let place = placeOf(opts.root)
  let config = rebaseConfig(opts.config, place.dir)
  let tree = new WorkTreeSnapshot(place.top, { ignore: config.ignore, maxFileBytes: config.maxFileBytes })
  if (place.dir !== '' && tree.under(place.dir).length === 0) {
    // A directory git does not track (ignored, or another repository's checkout inside): scanned on its own.
    place = { top: opts.root, dir: '' }
    config = opts.config
    tree = new WorkTreeSnapshot(place.top, { ignore: config.ignore, maxFileBytes: config.maxFileBytes })
  }
  const head = scoped(tree, place.dir)
  const inputs: FactInputs = { ...opts.inputs, tags: opts.inputs?.tags !== undefined ? opts.inputs.tags : localTags(place.top), repository: opts.inputs?.repository ?? opts.slug ?? null }
  const ctx: JudgeContext = { config, policy: opts.policy, inputs, today: opts.today ?? new Date(), scope: place.dir, warnings: opts.warnings ?? [] }
  const prepared = opts.base
    ? prepareBase({ root: place.top, sha: opts.base.sha, fetch: opts.base.fetch, diff: tree.commit !== null, timeoutMs: 60_000, cap: config.maxFileBytes, budget: 256 * 1024 * 1024 })
    : null
  // The head first: the base then finds every unchanged file already read, split and scanned, so
  // its time is only what the PR changed plus the pipeline's own work (baseMs measures just that,
  // including any wait for the git work still running).
  const judged = judge(head, ctx, true, { record: prepared !== null })
  let baseNote: string | null = null
  let baseMs = 0
  let baseVia: ScanOutcome['baseVia'] = null
  let base: Scored | null = null
  if (prepared) {
    const t0 = performance.now()
    const have = await prepared
    baseVia = have.via
    if (have.ok) {
      try {
        const snap = new GitTreeSnapshot(place.top, have.commit, { ignore: config.ignore, maxFileBytes: config.maxFileBytes, shareWith: tree, listing: have })
        snap.prefetchUnshared()
        const view = scoped(snap, place.dir)
        // Only the checks and the score matter for the delta: no per-service scoring of the base.
        // Fact areas whose inputs the PR left alone are the head's own.
        const reuse = { facts: judged.facts, asked: judged.facts.asked, added: listingDifference(head, view) }
        const j = judge(view, { ...ctx, warnings: [] }, false, { reuse })
        base = { score: j.score, grade: j.grade, checks: j.results, repository: { commit: snap.commit } }
      } catch (err) {
        baseNote = `the base commit could not be read: ${(err as Error).message}`
      }
    } else baseNote = have.reason
    baseMs = performance.now() - t0
  }
  if (!base) {
    const report = toReport(judged, opts, null)
    const warnings = baseNote ? [...report.warnings, `No comparison with the base commit: ${baseNote}.`] : report.warnings
    return { report: { ...report, warnings }, baseNote, baseMs, baseVia }
  }
  const delta = computeDelta(base, { score: judged.score, grade: judged.grade, checks: judged.results, repository: { commit: head.commit } })
  const report = toReport(judged, opts, regressionOf(delta))
  return { report: { ...report, delta }, baseNote, baseMs, baseVia }
}

interface JudgeContext {
  readonly config: Config
  readonly policy: Policy
  readonly inputs: FactInputs
  readonly today: Date
  /** The scanned subdirectory of the work tree ('' for the top): CI runs are scoped to it. */
  readonly scope: string
  readonly warnings: readonly string[]
}

interface Judged {
  readonly snapshot: Snapshot
  readonly results: ReturnType<typeof applyPolicy>['results']
  readonly score: number | null
  readonly grade: ScanReport['grade']
  readonly warnings: readonly string[]
  readonly services: readonly ServiceReport[]
  readonly ms: number
  /** The snapshot's counters when this judgement ended (a later base scan reads shared files through the head). */
  readonly stats: SnapshotStats
  readonly facts: ReturnType<typeof collectFacts>
  readonly ctx: JudgeContext
}

/** Facts → checks → policy → score (and each monorepo service's): everything but the gate. */
function judge(snapshot: Snapshot, ctx: JudgeContext, withServices: boolean, collect: CollectOptions = {}): Judged {
  const started = performance.now()
  const collected = collectFacts(snapshot, ctx.config, ctx.inputs, { ...collect, configReads: CONFIG_READS })
  const self: ServiceDecl = { name: ctx.scope, path: ctx.scope }
  const facts = ctx.scope === '' ? collected : { ...collected, ci: scopeCi(collected.ci, self, [self]) }
  const raw = runChecks(facts, ctx.config)
  const policy = applyPolicy(raw, ctx.config, { today: ctx.today, required: ctx.policy.required })
  const results = policy.results
  const { score, grade } = scoreOf(results)
  const services = withServices ? judgeServices(snapshot, facts, ctx) : []
  const warnings = [...ctx.warnings, ...policy.warnings, ...facts.failures.map((f) => f.message)]
  const st = snapshot.stats()
  const stats = { ...st, tooLarge: [...st.tooLarge], unsafe: [...st.unsafe] }
  return { snapshot, results, score, grade, warnings, services, ms: performance.now() - started, stats, facts, ctx }
}

/** Each monorepo service's view (facts/monorepo.ts), judged on the service-level checks and gated with the policy. */
function judgeServices(snapshot: Snapshot, facts: Facts, ctx: JudgeContext): ServiceReport[] {
  const services = detectServices(facts, ctx.config, snapshot)
  if (services.length === 0) return []
  const config = serviceConfig(ctx.config)
  const owner = ownerIndex(services)
  return services.map((service) => {
    const view = serviceView(snapshot, service, services)
    const scopedFacts = scopeFacts(facts, view, (path) => owner(path) === service.path, service, services, config)
    return scoreService(service, runChecks(scopedFacts, config), config, ctx.policy, ctx.today)
  })
}

function toReport(j: Judged, opts: ScanOptions, regression: Regression | null): ScanReport {
  const verdict = combineGates(gate(j.results, j.score, j.ctx.policy, regression), j.services)
  const stats = j.stats
  const warnings = [...j.warnings]
  const were = (n: number): string => (n === 1 ? 'was' : 'were')
  if (stats.tooLarge.length > 0) {
    const n = stats.tooLarge.length
    warnings.push(`${plural(n, 'file')} over the ${bytes(j.ctx.config.maxFileBytes)} read cap ${were(n)} skipped: ${listed([...stats.tooLarge].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => `${f.path} (${bytes(f.size)})`))}`)
  }
  if (stats.unsafe.length > 0) {
    const n = stats.unsafe.length
    warnings.push(`${plural(n, 'path')} ${were(n)} not read because ${n === 1 ? 'it leaves the repository or is not a regular file' : 'they leave the repository or are not regular files'}: ${listed([...stats.unsafe].sort())}`)
  }
  return {
    schemaVersion: 1,
    tool: { name: 'shipshape', version: VERSION },
    scannedAt: (opts.today ?? new Date()).toISOString(),
    repository: { root: j.snapshot.label, commit: j.snapshot.commit, slug: opts.slug ?? null, serverUrl: opts.serverUrl ?? null },
    score: j.score,
    grade: j.grade,
    gate: verdict,
    checks: j.results,
    ...(j.services.length > 0 ? { services: j.services } : {}),
    warnings,
    stats: {
      files: stats.files,
      filesRead: stats.reads,
      bytesRead: stats.bytesRead,
      skippedTooLarge: stats.tooLarge.length,
      durationMs: Math.round(j.ms)
    }
  }
}
