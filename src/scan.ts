import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { CheckId } from './checks/ids.js'
import { runChecks } from './checks/run.js'
import type { Config } from './config/types.js'
import { collectFacts, type FactInputs } from './facts/collect.js'
import { readLocalTags } from './facts/git-tags.js'
import type { Snapshot } from './facts/snapshot.js'
import { WorkTreeSnapshot } from './facts/worktree.js'
import type { ScanReport } from './report/types.js'
import { gate } from './scoring/gate.js'
import { applyPolicy } from './scoring/policy.js'
import { scoreOf } from './scoring/score.js'
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
  readonly failOnRegression?: boolean
  /** `owner/repo` and server URL, for links in the PR comment. */
  readonly slug?: string | null
  readonly serverUrl?: string | null
  /** Today's date, for waiver expiry (injectable for tests). */
  readonly today?: Date
  /** Warnings gathered before the scan (config warnings…), carried into the report. */
  readonly warnings?: readonly string[]
}

/** Opens the working tree with the config's ignore globs and size cap. */
export function openWorkTree(root: string, config: Config): WorkTreeSnapshot {
  return new WorkTreeSnapshot(root, { ignore: config.ignore, maxFileBytes: config.maxFileBytes })
}

/** The whole pipeline on a working tree: snapshot → facts → checks → policy → score → gate. */
export function scanRepository(opts: ScanOptions): ScanReport {
  const snapshot = openWorkTree(opts.root, opts.config)
  let tags = opts.inputs?.tags
  if (tags === undefined) {
    // No local tags in a shallow clone (actions/checkout's default) says nothing: leave it unknown.
    const local = readLocalTags(opts.root)
    const shallow = existsSync(join(opts.root, '.git', 'shallow'))
    tags = local && (local.length > 0 || !shallow) ? { names: local, source: 'git' } : null
  }
  return scanSnapshot(snapshot, { ...opts, inputs: { ...opts.inputs, tags } })
}

/** The pipeline on any snapshot (a working tree, or a git tree for the PR base). */
export function scanSnapshot(snapshot: Snapshot, opts: ScanOptions): ScanReport {
  const started = performance.now()
  const facts = collectFacts(snapshot, opts.config, opts.inputs ?? {})
  const raw = runChecks(facts, opts.config)
  const policy = applyPolicy(raw, opts.config, { today: opts.today ?? new Date(), requiredExtra: opts.requiredExtra ?? [] })
  const { score, grade } = scoreOf(policy.results)
  const minScore = opts.minScore ?? opts.config.minScore
  const required = policy.results.filter((r) => r.required).map((r) => r.id)
  const verdict = gate(policy.results, score, { minScore, required, failOnRegression: opts.failOnRegression ?? opts.config.failOnRegression, regression: null })
  const stats = snapshot.stats()
  const warnings = [...(opts.warnings ?? []), ...policy.warnings]
  for (const f of facts.failures) warnings.push(f.message)
  if (stats.tooLarge.length > 0) warnings.push(`${stats.tooLarge.length} file(s) over the ${opts.config.maxFileBytes}-byte read cap were skipped`)
  if (stats.unsafe.length > 0) warnings.push(`${stats.unsafe.length} path(s) were not read because they leave the repository or are not regular files`)
  return {
    schemaVersion: 1,
    tool: { name: 'shipshape', version: VERSION },
    repository: { root: snapshot.label, commit: snapshot.commit, slug: opts.slug ?? null, serverUrl: opts.serverUrl ?? null },
    score,
    grade,
    gate: verdict,
    checks: policy.results,
    warnings,
    stats: {
      files: stats.files,
      filesRead: stats.reads,
      bytesRead: stats.bytesRead,
      skippedTooLarge: stats.tooLarge.length,
      durationMs: Math.round(performance.now() - started)
    }
  }
}
