import type { Config, ExtraSignatures } from '../../src/config/types.js'
import type { ActionUse, ChainLink, CiFacts, CiJob, CiStep, CiSystem, CiTriggers, ToolRun } from '../../src/facts/ci/types.js'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { CONFIG_READS } from '../../src/checks/reads.js'
import { collectFacts, type FactInputs } from '../../src/facts/collect.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import type { Facts } from '../../src/facts/types.js'

/**
 * Facts for check tables: an in-memory repository run through the real collectors, with CI facts
 * optionally written by hand with `run()` and `action()`, so a check is tested on exactly the
 * model the CI collector produces.
 */

export const NO_EXTRA: ExtraSignatures = { commands: [], actions: [], packages: [], routes: [], files: [] }

/** The default configuration. */
export const testConfig: Config = DEFAULT_CONFIG

export const EMPTY_CI: CiFacts = { files: [], jobs: [], runs: [], actions: [], problems: [] }

export interface FactsInput {
  readonly files?: Record<string, string | Uint8Array>
  /** Version tags, as the edge passes them (null: unknown). */
  readonly tags?: FactInputs['tags']
  /** CI facts; `files` is derived from the runs' and actions' first chain links when not given. */
  readonly ci?: Partial<CiFacts>
  /** Extra signatures from config, per check (the collectors read the packages declared there). */
  readonly signatures?: Partial<Record<keyof Config['signatures'], Partial<ExtraSignatures>>>
}

function deriveCiFiles(ci: Partial<CiFacts>): CiFacts['files'] {
  const seen = new Map<string, CiSystem>()
  for (const r of ci.runs ?? []) if (r.where === 'ci' && r.chain[0]) seen.set(r.chain[0].path, r.system === 'git-hook' ? 'other' : r.system)
  for (const a of ci.actions ?? []) if (a.chain[0]) seen.set(a.chain[0].path, a.system)
  for (const p of ci.problems ?? []) seen.set(p.path, 'github-actions')
  return [...seen].map(([path, system]) => ({ system, path }))
}

/** Builds a Facts object for a check test. */
export function factsFor(input: FactsInput = {}): Facts {
  const snapshot = new MemorySnapshot(input.files ?? {})
  const signatures = Object.fromEntries(Object.entries(testConfig.signatures).map(([id, sig]) => [id, { ...sig, ...input.signatures?.[id as keyof Config['signatures']] }])) as Config['signatures']
  const collected = collectFacts(snapshot, { ...testConfig, signatures }, input.tags === undefined ? {} : { tags: input.tags }, { configReads: CONFIG_READS })
  return input.ci ? { ...collected, ci: { ...EMPTY_CI, files: deriveCiFiles(input.ci), ...input.ci } } : collected
}

export interface TriggerOptions {
  readonly pr?: boolean
  readonly push?: boolean
  readonly schedule?: boolean
  readonly manual?: boolean
}

/** Triggers: pull_request + push by default; naming any event switches the others off. */
export function triggers(opts: TriggerOptions = {}): CiTriggers {
  const any = opts.pr !== undefined || opts.push !== undefined || opts.schedule !== undefined || opts.manual !== undefined
  const t = any
    ? { pullRequest: opts.pr === true, push: opts.push === true, schedule: opts.schedule === true, manual: opts.manual === true }
    : { pullRequest: true, push: true, schedule: false, manual: false }
  const events = [t.pullRequest && 'pull_request', t.push && 'push', t.schedule && 'schedule', t.manual && 'workflow_dispatch'].filter((e): e is string => typeof e === 'string')
  return { ...t, events }
}

export interface SiteOptions extends TriggerOptions {
  /** CI file of the first chain link (default `.github/workflows/ci.yml`). */
  readonly path?: string
  readonly line?: number
  /** Full chain, CI step first (e.g. `ci.yml:14 make lint` → `Makefile:3 ruff check .`), overriding path/line. */
  readonly chain?: readonly ChainLink[]
  readonly neutralised?: string
  /** Job id (same-job rules); default `build`. */
  readonly job?: string
  readonly system?: CiSystem
}

export interface RunOptions extends SiteOptions {
  /** Only a local hook runs it (pre-commit without CI, husky). */
  readonly local?: boolean
  /** argv as the resolver would produce it; default: the text split on spaces with common wrappers removed. */
  readonly argv?: readonly string[]
  readonly checkedOutput?: boolean
  readonly followedByDiffCheck?: boolean
  readonly failsOnChange?: boolean
  readonly cwd?: string
}

const WRAPPERS: readonly (readonly string[])[] = [['uv', 'run'], ['poetry', 'run'], ['pdm', 'run'], ['python', '-m'], ['python3', '-m'], ['bundle', 'exec'], ['pnpm', 'exec'], ['npx'], ['bunx'], ['sudo']]

/** Splits a command the way the resolver reports it: wrappers removed, argv[0] a lower-case basename. */
export function argvOf(text: string): string[] {
  let words = text.trim().split(/\s+/).filter(Boolean)
  let changed = true
  while (changed) {
    changed = false
    for (const w of WRAPPERS) {
      if (w.every((x, i) => words[i] === x) && words.length > w.length) {
        words = words.slice(w.length)
        changed = true
      }
    }
  }
  if (words[0]) words[0] = words[0].slice(words[0].lastIndexOf('/') + 1).toLowerCase()
  return words
}

function job(id: string, file: string, t: CiTriggers, system: CiSystem, line: number): CiJob {
  return { system, file, line, id, name: id, triggers: t, disabled: null, canFail: false, steps: [], images: [], services: [], via: [] }
}

function chainOf(text: string, opts: SiteOptions, defaultPath: string): ChainLink[] {
  if (opts.chain) return [...opts.chain]
  return [{ path: opts.path ?? defaultPath, line: opts.line ?? 10, text }]
}

/** A resolved command run by CI (or by a local hook with `local: true`). */
export function run(text: string, opts: RunOptions = {}): ToolRun {
  const local = opts.local === true
  const t = local ? triggers({ pr: false }) : triggers(opts)
  const path = opts.path ?? (local ? '.pre-commit-config.yaml' : '.github/workflows/ci.yml')
  const chain = chainOf(text, { ...opts, path }, path)
  const system: CiSystem | 'git-hook' = local ? 'git-hook' : (opts.system ?? 'github-actions')
  const base: ToolRun = {
    argv: opts.argv ? [...opts.argv] : argvOf(text),
    text,
    chain,
    where: local ? 'local' : 'ci',
    system,
    ...(local ? {} : { job: job(opts.job ?? 'build', chain[0]!.path, t, system as CiSystem, 5) }),
    triggers: t,
    neutralised: opts.neutralised ?? null,
    cwd: opts.cwd ?? ''
  }
  const extra: Record<string, boolean> = {}
  if (opts.checkedOutput) extra.checkedOutput = true
  if (opts.followedByDiffCheck) extra.followedByDiffCheck = true
  if (opts.failsOnChange) extra.failsOnChange = true
  return { ...base, ...extra }
}

export interface ActionOptions extends SiteOptions {
  readonly with?: Readonly<Record<string, string>>
  readonly version?: string
}

/** An action (or Azure task / GitLab template) used by a CI job. */
export function action(name: string, opts: ActionOptions = {}): ActionUse {
  const t = triggers(opts)
  const version = opts.version ?? 'v4'
  const raw = `${name}@${version}`
  const path = opts.path ?? '.github/workflows/ci.yml'
  const chain = chainOf(`uses: ${raw}`, { ...opts, path }, path)
  const system = opts.system ?? 'github-actions'
  const uses = { raw, name: name.toLowerCase(), version, with: opts.with ?? {}, local: name.startsWith('./') }
  const step: CiStep = { loc: chain[0]!, uses, canFail: false, disabled: null, via: [] }
  return { action: uses, chain, system, job: job(opts.job ?? 'build', chain[0]!.path, t, system, 5), step, triggers: t, neutralised: opts.neutralised ?? null }
}
