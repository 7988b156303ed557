import type { CiTriggers } from '../types.js'
import { get, isMap, list, str, strings } from '../../parse/yaml.js'
import { triggers } from './common.js'

/**
 * When a GitLab job runs, from `workflow:rules`, `rules:`, `only:`/`except:` and `when:`.
 *
 * We reason about pipeline sources: merge-request pipelines (the only ones PRODUCT counts as
 * "on every pull request"), branch pipelines, tag pipelines, schedules and manual runs
 * (web/api/trigger). `rules` are first-match: a rule whose condition we fully understand consumes
 * the sources it matches; a condition we cannot decide (`$MY_VAR == "1"`, `changes:`) may or may not
 * match, so it adds its sources without consuming them (and a `when: never` of that kind removes
 * nothing).
 */

export type Source = 'mr' | 'push' | 'tag' | 'schedule' | 'manual'

export const ALL_SOURCES: ReadonlySet<Source> = new Set(['mr', 'push', 'tag', 'schedule', 'manual'])
const BRANCH_SOURCES: readonly Source[] = ['push', 'schedule', 'manual']

/** `$CI_PIPELINE_SOURCE` values. */
const PIPELINE_SOURCES: Readonly<Record<string, readonly Source[]>> = {
  merge_request_event: ['mr'],
  external_pull_request_event: ['mr'],
  push: ['push', 'tag'],
  schedule: ['schedule'],
  web: ['manual'],
  api: ['manual'],
  trigger: ['manual'],
  pipeline: ['manual'],
  chat: ['manual'],
  webide: ['manual']
}

/** Variables whose mere presence tells the pipeline kind. */
const PRESENCE: Readonly<Record<string, readonly Source[]>> = {
  CI_MERGE_REQUEST_ID: ['mr'],
  CI_MERGE_REQUEST_IID: ['mr'],
  CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: ['mr'],
  CI_MERGE_REQUEST_TARGET_BRANCH_NAME: ['mr'],
  CI_EXTERNAL_PULL_REQUEST_IID: ['mr'],
  CI_COMMIT_BRANCH: BRANCH_SOURCES,
  CI_COMMIT_TAG: ['tag']
}

/** `only:`/`except:` keywords; any other entry is a branch name or pattern (a branch pipeline). */
const ONLY_KEYWORDS: Readonly<Record<string, readonly Source[]>> = {
  branches: ['push'],
  tags: ['tag'],
  merge_requests: ['mr'],
  external_pull_requests: ['mr'],
  schedules: ['schedule'],
  pushes: ['push', 'tag'],
  web: ['manual'],
  api: ['manual'],
  triggers: ['manual'],
  pipelines: ['manual'],
  chat: ['manual']
}

interface Match {
  readonly sources: ReadonlySet<Source>
  /** True when the condition may not match every one of `sources`. */
  readonly conditional: boolean
}

const ANY: Match = { sources: ALL_SOURCES, conditional: true }

/** A rules `if:` expression, read as a `||` of `&&` of simple comparisons (parentheses: undecidable). */
export function evalIf(expr: string): Match {
  const e = expr.trim()
  if (e === '' || e.length > 1000 || e.includes('(')) return ANY
  let sources = new Set<Source>()
  let conditional = false
  for (const disjunct of e.split('||')) {
    let s: Set<Source> = new Set(ALL_SOURCES)
    for (const atom of disjunct.split('&&')) {
      const m = evalAtom(atom.trim())
      s = new Set([...s].filter((x) => m.sources.has(x)))
      conditional ||= m.conditional
    }
    sources = new Set([...sources, ...s])
  }
  return { sources, conditional }
}

function evalAtom(atom: string): Match {
  const cmp = /^\$\{?([A-Z0-9_]+)\}? *(==|!=) *["']([^"']*)["']$/.exec(atom)
  if (cmp) {
    const [, name, op, value] = cmp
    if (name === 'CI_PIPELINE_SOURCE') {
      const s = new Set<Source>(PIPELINE_SOURCES[value!] ?? [])
      return op === '==' ? { sources: s, conditional: false } : { sources: new Set([...ALL_SOURCES].filter((x) => !s.has(x))), conditional: false }
    }
    // A comparison on a kind-telling variable narrows to that kind, conditionally (only some branches).
    const kinds = PRESENCE[name!]
    if (kinds && op === '==') return { sources: new Set(kinds), conditional: true }
    return ANY
  }
  const varCmp = /^\$\{?([A-Z0-9_]+)\}? *(==|!=|=~|!~) *\$\{?([A-Z0-9_]+)\}?$/.exec(atom)
  if (varCmp) {
    const kinds = PRESENCE[varCmp[1]!]
    if (kinds && varCmp[2] === '==') return { sources: new Set(kinds), conditional: true }
    return ANY
  }
  const presence = /^(!?)\$\{?([A-Z0-9_]+)\}?$/.exec(atom)
  if (presence) {
    const kinds = PRESENCE[presence[2]!]
    if (kinds === undefined) return ANY
    return presence[1] === '!' ? { sources: new Set([...ALL_SOURCES].filter((x) => !kinds.includes(x))), conditional: false } : { sources: new Set(kinds), conditional: false }
  }
  // Regex matches on a kind-telling variable (`$CI_COMMIT_BRANCH =~ /^release/`) narrow conditionally.
  const re = /^\$\{?([A-Z0-9_]+)\}? *=~/.exec(atom)
  const kinds = re ? PRESENCE[re[1]!] : undefined
  if (kinds) return { sources: new Set(kinds), conditional: true }
  return ANY
}

export interface RulesResult {
  /** Sources where the job runs on its own. */
  readonly auto: ReadonlySet<Source>
  /** Sources where it waits for a manual start. */
  readonly manual: ReadonlySet<Source>
  /** Conditions of `changes:` on rules that let MR pipelines in (kept as PR path filters). */
  readonly changes?: readonly string[]
}

/** First-match evaluation of a `rules:` list (already flattened). */
export function evalRules(rules: readonly unknown[]): RulesResult {
  const remaining = new Set(ALL_SOURCES)
  const auto = new Set<Source>()
  const manual = new Set<Source>()
  let changes: string[] | undefined
  for (const rule of rules) {
    if (!isMap(rule)) continue
    const cond = str(get(rule, 'if'))
    const m = cond === undefined ? { sources: ALL_SOURCES, conditional: false } : evalIf(cond)
    const ruleChanges = get(rule, 'changes')
    const conditional = m.conditional || ruleChanges !== undefined || get(rule, 'exists') !== undefined
    const matched = [...m.sources].filter((s) => remaining.has(s))
    const when = str(get(rule, 'when')) ?? 'on_success'
    if (when !== 'never') {
      const into = when === 'manual' ? manual : auto
      for (const s of matched) into.add(s)
      if (ruleChanges !== undefined && matched.includes('mr')) changes = [...(changes ?? []), ...changePaths(ruleChanges)]
    }
    if (!conditional) for (const s of matched) remaining.delete(s)
  }
  return changes === undefined ? { auto, manual } : { auto, manual, changes }
}

function changePaths(v: unknown): string[] {
  return isMap(v) ? strings(get(v, 'paths')) : strings(v)
}

/** Sources selected by `only:` minus `except:`; undefined when the job has neither. */
export function evalOnlyExcept(only: unknown, except: unknown): Set<Source> | undefined {
  if (only === undefined && except === undefined) return undefined
  const refsOf = (v: unknown): string[] => (isMap(v) ? strings(get(v, 'refs')) : strings(v))
  const written = only === undefined ? [] : refsOf(only)
  const onlyRefs = written.length > 0 ? written : ['branches', 'tags']
  const out = new Set<Source>()
  for (const r of onlyRefs) for (const s of ONLY_KEYWORDS[r] ?? ['push']) out.add(s)
  // Only keywords remove sources: `except: [main]` skips one branch, not branch pipelines.
  for (const r of refsOf(except)) for (const s of ONLY_KEYWORDS[r] ?? []) out.delete(s)
  return out
}

/** Sources in which pipelines exist at all, from `workflow:rules` (absent: every kind). */
export function workflowSources(workflow: unknown): ReadonlySet<Source> {
  const rules = get(workflow, 'rules')
  if (rules === undefined) return ALL_SOURCES
  const r = evalRules(list(rules))
  return new Set([...r.auto, ...r.manual])
}

export function toTriggers(auto: ReadonlySet<Source>, manual: ReadonlySet<Source>, events: readonly string[], changes?: readonly string[]): CiTriggers {
  const pullRequest = auto.has('mr')
  return triggers(
    { pullRequest, push: auto.has('push'), schedule: auto.has('schedule'), manual: auto.has('manual') || manual.size > 0 },
    events,
    pullRequest && changes !== undefined ? { prPaths: changes } : {}
  )
}

/** Raw event names for evidence, in a stable order. */
export function sourceEvents(auto: ReadonlySet<Source>, manual: ReadonlySet<Source>): string[] {
  const names: Record<Source, string> = { mr: 'merge_request_event', push: 'push', tag: 'tag', schedule: 'schedule', manual: 'web' }
  const out = [...ALL_SOURCES].filter((s) => auto.has(s)).map((s) => names[s])
  for (const s of ALL_SOURCES) if (manual.has(s)) out.push(`${names[s]} (manual)`)
  return out
}
