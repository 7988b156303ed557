import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { CheckId } from './checks/ids.js'
import { runChecks } from './checks/run.js'
import type { Config } from './config/types.js'
import { prepareBase } from './facts/base-commit.js'
import { listingDifference } from './facts/asked.js'
import { collectFacts, type CollectOptions, type FactInputs } from './facts/collect.js'
import { GitTreeSnapshot } from './facts/git-snapshot.js'
import { readLocalTags } from './facts/git-tags.js'
import type { Snapshot, SnapshotStats } from './facts/snapshot.js'
import { WorkTreeSnapshot } from './facts/worktree.js'
import type { ScanReport } from './report/types.js'
import { computeDelta, regressionOf, type Regression } from './scoring/delta.js'
import { gate } from './scoring/gate.js'
import { applyPolicy } from './scoring/policy.js'
import { scoreOf } from './scoring/score.js'
import { combineGates, scoreServices, type ServiceReport } from './services.js'
import { VERSION } from './version.js'

export interface ScanOptions {
  /** Directory to scan (absolute or relative to the process cwd). */
  readonly root: string
  readonly config: Config
  /** Facts that come from outside the tree (API facts, tags). */
  readonly inputs?: FactInputs
  /** Overrides config `min-score` (CLI flag, action input). */
  readonly minScore?: number
  /** Checks required on top of the config's. */
  readonly requiredExtra?: readonly CheckId[]
  /** Overrides config `fail-on-regression`. */
  readonly failOnRegression?: boolean
  /** `owner/repo` and server URL, for links in the PR comment. */
  readonly slug?: string | null
  readonly serverUrl?: string | null
  /** Today's date, for waiver expiry (injectable for tests). */
  readonly today?: Date
  /** Warnings gathered before the scan (config warnings…), carried into the report. */
  readonly warnings?: readonly string[]
  /** The PR base commit to compare against (pull_request runs), or null. */
  readonly baseSha?: string | null
  /** Fetch the base commit from origin when the checkout lacks it. */
  readonly fetchBase?: boolean
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

/** Opens the working tree with the config's ignore globs and size cap. */
export function openWorkTree(root: string, config: Config): WorkTreeSnapshot {
  return new WorkTreeSnapshot(root, { ignore: config.ignore, maxFileBytes: config.maxFileBytes })
}

/** Version tags from the checkout; null (unknown) when a shallow clone simply has none. */
export function localTags(root: string): FactInputs['tags'] {
  const local = readLocalTags(root)
  const shallow = existsSync(join(root, '.git', 'shallow'))
  return local && (local.length > 0 || !shallow) ? { names: local, source: 'git' } : null
}

/** The whole pipeline on a working tree: snapshot → facts → checks → policy → score → gate. */
export function scanRepository(opts: ScanOptions): ScanReport {
  return toReport(judge(openWorkTree(opts.root, opts.config), { ...opts, inputs: withTags(opts) }), opts, null)
}

/** The scan's fact inputs, with version tags read from the checkout unless given. */
function withTags(opts: ScanOptions): FactInputs {
  return { ...opts.inputs, tags: opts.inputs?.tags !== undefined ? opts.inputs.tags : localTags(opts.root) }
}

/**
 * Scans the working tree and, when a base commit is given, the base too (read from git objects,
 * sharing every unchanged blob with the work tree), then reports the delta and applies the ratchet.
 * API facts are collected once and reused for the base. The base's git work (a fetch when the
 * checkout lacks the commit, its tree listing, the changed files) runs on a worker thread while
 * the head is scanned.
 */
export async function scanWithBase(opts: ScanOptions): Promise<ScanOutcome> {
  const head = openWorkTree(opts.root, opts.config)
  const inputs = withTags(opts)
  const prepared = opts.baseSha ? prepareBase({ root: opts.root, sha: opts.baseSha, fetch: opts.fetchBase ?? false, diff: head.commit !== null, timeoutMs: 60_000, cap: opts.config.maxFileBytes, budget: 256 * 1024 * 1024 }) : null
  // The head first: the base then finds every unchanged file already read, split and scanned, so
  // its time is only what the PR changed plus the pipeline's own work (baseMs measures just that,
  // including any wait for the git work still running).
  const judged = judge(head, { ...opts, inputs }, true, { record: prepared !== null })
  let baseNote: string | null = null
  let baseMs = 0
  let baseVia: ScanOutcome['baseVia'] = null
  let base: Parameters<typeof computeDelta>[0] | null = null
  if (prepared) {
    const t0 = performance.now()
    const have = await prepared
    baseVia = have.via
    if (have.ok) {
      try {
        const snap = new GitTreeSnapshot(opts.root, have.commit, { ignore: opts.config.ignore, maxFileBytes: opts.config.maxFileBytes, shareWith: head, listing: have })
        snap.prefetchUnshared()
        // Only the checks and the score matter for the delta: no per-service scoring of the base.
        // Fact areas whose inputs the PR left alone are the head's own.
        const reuse = { facts: judged.facts, asked: judged.facts.asked, added: listingDifference(head, snap) }
        const j = judge(snap, { ...opts, inputs, warnings: [] }, false, { reuse })
        base = { score: j.score, grade: j.grade, checks: j.results, repository: { root: snap.label, commit: snap.commit } }
      } catch (err) {
        baseNote = `the base commit could not be read: ${(err as Error).message}`
      }
    } else baseNote = have.reason
    baseMs = performance.now() - t0
  }
  if (!base) {
    const report = toReport(judged, opts, null)
    const warnings = baseNote ? [...report.warnings, `No comparison with the PR base: ${baseNote}.`] : report.warnings
    return { report: { ...report, warnings }, baseNote, baseMs, baseVia }
  }
  const headPart = { score: judged.score, grade: judged.grade, checks: judged.results, repository: { root: head.label, commit: head.commit } }
  const delta = computeDelta(base, headPart)
  const report = toReport(judged, opts, regressionOf(delta))
  return { report: { ...report, delta }, baseNote, baseMs, baseVia }
}

/** The pipeline on any snapshot (a working tree, or a git tree for the PR base). */
export function scanSnapshot(snapshot: Snapshot, opts: ScanOptions, regression: Regression | null = null): ScanReport {
  return toReport(judge(snapshot, opts), opts, regression)
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
}

/** Facts → checks → policy → score: everything but the gate. */
function judge(snapshot: Snapshot, opts: ScanOptions, withServices = true, collect: CollectOptions = {}): Judged {
  const started = performance.now()
  const facts = collectFacts(snapshot, opts.config, opts.inputs ?? {}, collect)
  const raw = runChecks(facts, opts.config)
  const policy = applyPolicy(raw, opts.config, { today: opts.today ?? new Date(), requiredExtra: opts.requiredExtra ?? [] })
  const { score, grade } = scoreOf(policy.results)
  const warnings = [...(opts.warnings ?? []), ...policy.warnings, ...facts.failures.map((f) => f.message)]
  const services = !withServices ? [] : scoreServices(snapshot, facts, opts.config, {
    inputs: opts.inputs ?? {},
    today: opts.today ?? new Date(),
    minScore: opts.minScore ?? opts.config.minScore,
    requiredExtra: opts.requiredExtra ?? []
  })
  const st = snapshot.stats()
  const stats = { ...st, tooLarge: [...st.tooLarge], unsafe: [...st.unsafe] }
  return { snapshot, results: policy.results, score, grade, warnings, services, ms: performance.now() - started, stats, facts }
}

function toReport(j: Judged, opts: ScanOptions, regression: Regression | null): ScanReport {
  const minScore = opts.minScore ?? opts.config.minScore
  const required = j.results.filter((r) => r.required).map((r) => r.id)
  const failOnRegression = opts.failOnRegression ?? opts.config.failOnRegression
  const verdict = combineGates(gate(j.results, j.score, { minScore, required, failOnRegression, regression }), j.services)
  const stats = j.stats
  const warnings = [...j.warnings]
  if (stats.tooLarge.length > 0) warnings.push(`${stats.tooLarge.length} file(s) over the ${opts.config.maxFileBytes}-byte read cap were skipped`)
  if (stats.unsafe.length > 0) warnings.push(`${stats.unsafe.length} path(s) were not read because they leave the repository or are not regular files`)
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
