import type { CiTriggers } from '../types.js'
import { get, isMap, str, strings } from '../../parse/yaml.js'
import { triggers } from './common.js'
import { ALL_KINDS, comparison, evaluate, exactly, onlyIn, type BuildKind, type Possible } from './condition.js'

/**
 * When a Woodpecker or Drone workflow (pipeline) or step runs: Woodpecker's `when:` (a map, or a
 * list of maps that are alternatives), Drone's `trigger:` and step `when:` (a map). Inside one
 * map every key must hold: `event`, `ref`, `cron` and `status` narrow the kinds of build, and
 * `evaluate` (Woodpecker's expr-lang) is read by the shared condition reader. `branch`, `path`,
 * `matrix`, `platform`, `instance` and `repo` only filter which builds of a kind run, so they
 * narrow nothing: a pull-request step gated on changed paths still gates pull requests. For a
 * pull request `branch` is the target branch.
 *
 * Traps: `pull_request_metadata` (labels or title edited) and `pull_request_closed` do not build
 * new code, so a step only on those does not check pull requests; a step only on
 * `status: failure` runs after a failure and checks nothing.
 */

/** Event names of Woodpecker and Drone and the kind of build each is. */
const EVENT_KINDS: Readonly<Record<string, BuildKind | null>> = {
  push: 'push',
  pull_request: 'pr',
  tag: 'tag',
  release: 'tag',
  cron: 'schedule',
  manual: 'manual',
  custom: 'manual',
  deployment: 'manual',
  promote: 'manual',
  rollback: 'manual',
  pull_request_metadata: null,
  pull_request_closed: null
}

export interface WhenReading {
  /** Kinds of build the condition lets run. */
  readonly kinds: ReadonlySet<BuildKind>
  /** Raw event names written, for evidence. */
  readonly events: readonly string[]
  /** Why it never runs as a check (`status: failure` only), or null. */
  readonly disabled: string | null
}

const EVERYTHING: WhenReading = { kinds: ALL_KINDS, events: [], disabled: null }

/** Values of a condition key: a string, a list, or `{include, exclude}`. */
function includeExclude(v: unknown): { include: string[]; exclude: string[] } {
  if (isMap(v)) return { include: strings(get(v, 'include')), exclude: strings(get(v, 'exclude')) }
  return { include: strings(v), exclude: [] }
}

/** A Woodpecker `when:` (map or list of alternatives) or a Drone `trigger:`/`when:` map. */
export function readWhen(when: unknown): WhenReading {
  if (when === undefined || when === null) return EVERYTHING
  const alternatives = Array.isArray(when) ? when.filter(isMap) : isMap(when) ? [when] : []
  if (alternatives.length === 0) return EVERYTHING
  const kinds = new Set<BuildKind>()
  const events: string[] = []
  let allFailureOnly = true
  for (const alt of alternatives) {
    const r = readAlternative(alt)
    for (const k of r.kinds) kinds.add(k)
    events.push(...r.events)
    allFailureOnly &&= r.disabled !== null
  }
  return { kinds, events: [...new Set(events)], disabled: allFailureOnly ? 'when: status failure (runs only after a failure)' : null }
}

function readAlternative(alt: Readonly<Record<string, unknown>>): WhenReading {
  let kinds = new Set<BuildKind>(ALL_KINDS)
  const keep = (allowed: Iterable<BuildKind>): void => {
    const a = new Set(allowed)
    kinds = new Set([...kinds].filter((k) => a.has(k)))
  }
  const ev = includeExclude(get(alt, 'event'))
  if (ev.include.length > 0) keep(ev.include.flatMap((e) => eventKind(e)))
  if (ev.exclude.length > 0) {
    const out = new Set(ev.exclude.flatMap((e) => eventKind(e)))
    keep([...ALL_KINDS].filter((k) => !out.has(k)))
  }
  const refs = includeExclude(get(alt, 'ref')).include
  if (refs.length > 0) keep(refs.flatMap(refKinds))
  if (get(alt, 'cron') !== undefined) keep(['schedule'])
  const evalExpr = str(get(alt, 'evaluate'))
  if (evalExpr !== undefined) keep(evaluate(evalExpr, readWoodpeckerAtom, { keywords: true }).canTrue)
  const status = includeExclude(get(alt, 'status')).include
  const failureOnly = status.length > 0 && !status.includes('success')
  return { kinds, events: ev.include.length > 0 ? ev.include : [], disabled: failureOnly ? 'status: failure' : null }
}

function eventKind(e: string): BuildKind[] {
  const k = EVENT_KINDS[e.trim().toLowerCase()]
  return k === undefined || k === null ? [] : [k]
}

/** `refs/tags/*` → tags, `refs/heads/*` → branch builds, `refs/pull/*` → pull requests; anything else may be any. */
function refKinds(ref: string): BuildKind[] {
  if (ref.startsWith('refs/tags/')) return ['tag']
  if (ref.startsWith('refs/heads/')) return ['push', 'schedule', 'manual']
  if (ref.startsWith('refs/pull/') || ref.startsWith('refs/pull-requests/') || ref.startsWith('refs/merge-requests/')) return ['pr']
  return [...ALL_KINDS]
}

/** Woodpecker variables that tell the kind of build. */
const PRESENCE: Readonly<Record<string, BuildKind>> = {
  CI_COMMIT_PULL_REQUEST: 'pr',
  CI_COMMIT_PULL_REQUEST_LABELS: 'pr',
  CI_COMMIT_SOURCE_BRANCH: 'pr',
  CI_COMMIT_TARGET_BRANCH: 'pr',
  CI_COMMIT_TAG: 'tag',
  CI_PIPELINE_CRON: 'schedule'
}

/** One atom of an `evaluate:` expression (expr-lang). */
function readWoodpeckerAtom(atom: string): Possible | undefined {
  const c = comparison(atom.replace(/^"?\$\{([A-Z_]+)\}"?/, '$1'))
  if (c !== undefined) {
    if (c.name === 'CI_PIPELINE_EVENT' || c.name === 'CI_BUILD_EVENT') {
      const k = eventKind(c.value)
      return c.op === '==' ? exactly(k) : c.op === '!=' ? exactly([...ALL_KINDS].filter((x) => !k.includes(x))) : undefined
    }
    const kind = PRESENCE[c.name]
    if (kind === undefined) return undefined
    if (c.value === '') return c.op === '!=' ? exactly([kind]) : c.op === '==' ? exactly([...ALL_KINDS].filter((x) => x !== kind)) : undefined
    return c.op === '!=' ? undefined : onlyIn([kind])
  }
  // `CI_COMMIT_PULL_REQUEST_LABELS contains "x"`, `"${CI_COMMIT_TAG}" matches '…'`: only where the variable is set.
  const v = /^"?\$?\{?([A-Z_]+)\}?"? +(contains|matches|startsWith|endsWith|in)\b/.exec(atom.trim())
  const kind = v ? PRESENCE[v[1]!] : undefined
  return kind === undefined ? undefined : onlyIn([kind])
}

/** Triggers for the kinds a condition lets run, within the kinds the enclosing workflow runs. */
export function kindTriggers(kinds: ReadonlySet<BuildKind>, events: readonly string[], outer?: ReadonlySet<BuildKind>): CiTriggers {
  const k = outer === undefined ? kinds : new Set([...kinds].filter((x) => outer.has(x)))
  const names = events.length > 0 ? events : [...k].map((x) => KIND_EVENTS[x])
  return triggers({ pullRequest: k.has('pr'), push: k.has('push'), schedule: k.has('schedule'), manual: k.has('manual') }, names)
}

const KIND_EVENTS: Readonly<Record<BuildKind, string>> = { pr: 'pull_request', push: 'push', tag: 'tag', schedule: 'cron', manual: 'manual' }

