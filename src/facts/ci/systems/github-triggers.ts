import type { CiTriggers } from '../types.js'
import { get, isMap, list, str, strings } from '../../parse/yaml.js'
import { restrict, triggers } from './common.js'

/**
 * GitHub Actions (and Gitea/Forgejo, same format) triggers: the `on:` key in every form it takes,
 * and a deliberately simple reading of job `if:` conditions.
 */

type Flag = 'pullRequest' | 'push' | 'schedule' | 'manual'

/** Which kind of run each event stands for. Events not listed (workflow_run, release, …) are kept in `events` only. */
const EVENT_KINDS: Readonly<Record<string, Flag>> = {
  pull_request: 'pullRequest',
  pull_request_target: 'pullRequest',
  merge_group: 'pullRequest',
  push: 'push',
  schedule: 'schedule',
  workflow_dispatch: 'manual',
  repository_dispatch: 'manual'
}

/** PR activity types that run on new commits; a PR trigger limited to others (`closed`, `labeled`) does not gate PRs. */
const PR_CODE_TYPES = new Set(['opened', 'synchronize', 'reopened'])

/** The PR triggers whose filters we keep, in order of preference. */
const PR_FILTER_EVENTS = ['pull_request', 'pull_request_target']

export function workflowTriggers(on: unknown): CiTriggers {
  const events: string[] = []
  const config = new Map<string, unknown>()
  if (typeof on === 'string') events.push(on)
  else if (Array.isArray(on)) events.push(...strings(on))
  else if (isMap(on))
    for (const [k, v] of Object.entries(on)) {
      events.push(k)
      config.set(k, v)
    }

  const flags: Record<Flag, boolean> = { pullRequest: false, push: false, schedule: false, manual: false }
  for (const e of events) {
    const kind = EVENT_KINDS[e]
    if (kind === undefined) continue
    const cfg = config.get(e)
    if (e === 'push' && isTagsOnlyPush(cfg)) continue
    if (kind === 'pullRequest' && e !== 'merge_group' && !runsOnNewCommits(cfg)) continue
    flags[kind] = true
  }
  const prCfg = PR_FILTER_EVENTS.map((e) => config.get(e)).find(isMap)
  const filter = (key: string): string[] | undefined => (get(prCfg, key) === undefined ? undefined : strings(get(prCfg, key)))
  return triggers(flags, events, flags.pullRequest ? { prPaths: filter('paths'), prPathsIgnore: filter('paths-ignore'), prBranches: filter('branches') } : {})
}

/** `push: {tags: [...]}` without branch filters runs for tags only, not for branch pushes. */
function isTagsOnlyPush(cfg: unknown): boolean {
  if (!isMap(cfg)) return false
  const hasTags = get(cfg, 'tags') !== undefined || get(cfg, 'tags-ignore') !== undefined
  const hasBranches = get(cfg, 'branches') !== undefined || get(cfg, 'branches-ignore') !== undefined
  return hasTags && !hasBranches
}

function runsOnNewCommits(cfg: unknown): boolean {
  const types = get(cfg, 'types')
  if (types === undefined) return true
  return list(types).some((t) => PR_CODE_TYPES.has(String(t)))
}

/** `${{ expr }}` → `expr`, spaces collapsed, double quotes turned single. */
export function normaliseExpr(raw: string): string {
  let e = raw.trim()
  if (e.startsWith('${{') && e.endsWith('}}')) e = e.slice(3, -2).trim()
  return e.replace(/\s+/g, ' ').replace(/"/g, "'")
}

export interface IfReading {
  readonly disabled: string | null
  readonly triggers: CiTriggers
}

/**
 * What an `if:` means for when the job runs, as far as a simple reading can tell: `false` disables
 * it; a conjunction (`&&`, no `||`) of event and ref tests narrows the triggers. Anything else is
 * left alone (the job may run).
 */
export function readIf(cond: unknown, t: CiTriggers): IfReading {
  const raw = str(cond)
  if (raw === undefined) return { disabled: null, triggers: t }
  const e = normaliseExpr(raw)
  if (e === 'false' || e === '0' || e === "''") return { disabled: `if: ${raw.trim()}`, triggers: t }
  if (e.includes('||') || e.length > 500) return { disabled: null, triggers: t }
  let out = t
  for (const part of e.split('&&')) {
    let c = part.trim()
    while (c.startsWith('(') && c.endsWith(')')) c = c.slice(1, -1).trim()
    for (const rule of IF_RULES) {
      const m = rule.pattern.exec(c)
      if (m) {
        out = restrict(out, rule.keep(m))
        break
      }
    }
  }
  return { disabled: null, triggers: out }
}

const ALL_OFF = { pullRequest: false, push: false, schedule: false, manual: false }

/** Conditions on the event or ref, each an anchored pattern (no backtracking traps) and what it leaves running. */
const IF_RULES: readonly { pattern: RegExp; keep: (m: RegExpExecArray) => Partial<Record<Flag, boolean>> }[] = [
  {
    pattern: /^github\.event_name ?== ?'([a-z_]+)'$/,
    keep: (m) => {
      const kind = EVENT_KINDS[m[1]!]
      return kind ? { ...ALL_OFF, [kind]: true } : ALL_OFF
    }
  },
  {
    pattern: /^github\.event_name ?!= ?'([a-z_]+)'$/,
    keep: (m) => {
      const kind = EVENT_KINDS[m[1]!]
      // `!= 'pull_request'` still leaves merge_group, but that is not a PR check either.
      return kind ? { [kind]: false } : {}
    }
  },
  // Tag refs: neither PRs nor branch pushes.
  { pattern: /^startsWith\(github\.ref, ?'refs\/tags\/?'\)$/, keep: () => ({ pullRequest: false, push: false }) },
  { pattern: /^github\.ref_type ?== ?'tag'$/, keep: () => ({ pullRequest: false, push: false }) },
  // A fixed branch ref: on a PR, github.ref is refs/pull/N/merge, so PR runs are skipped.
  { pattern: /^github\.ref ?== ?'refs\/heads\/[^']*'$/, keep: () => ({ pullRequest: false }) },
  { pattern: /^github\.ref_name ?== ?'[^']*'$/, keep: () => ({ pullRequest: false }) },
  { pattern: /^github\.event\.ref ?== ?'refs\/heads\/[^']*'$/, keep: () => ({ pullRequest: false }) },
  { pattern: /^startsWith\(github\.ref, ?'refs\/heads\/[^']*'\)$/, keep: () => ({ pullRequest: false }) }
]
