import type { CiJob, CiStep, CiTriggers } from '../types.js'
import { get, isMap, keyLine, list, parseYaml, str, type YamlMap } from '../../parse/yaml.js'
import { joinedScript, link, triggers, unescapeDollars, type ParseContext } from './common.js'
import { ALL_KINDS, BRANCH_KINDS, comparison, evaluate, exactly, negate, onlyIn, type BuildKind, type Possible } from './condition.js'
import { substituteEnv } from './github-env.js'

/**
 * Cirrus CI (`.cirrus.yml`): every top-level `*_task` (or `task:`, `*docker_builder`, `*pipe`)
 * is a job. Its instructions are the keys ending in `_script` (and `script:`), in order, also
 * inside `always:`; `on_failure:` scripts and caches' `populate`/`fingerprint` scripts check
 * nothing, `*_background_script` cannot fail the task. Cirrus builds pull requests, branch
 * pushes, tags and crons by default; `only_if:` and `skip:` expressions narrow that (read by the
 * shared condition reader: `$CIRRUS_PR != ''` is PR-only, `$CIRRUS_TAG != ''` tag-only,
 * `changesInclude(…)` may hold on any build), `trigger_type: manual` waits for a click, and
 * `allow_failures:` that may hold on pull requests makes the task unable to fail them.
 *
 * Environment: the global and task `env:` (with the values of every `matrix:` entry) expand
 * `$VAR` in scripts; a variable pointing into the clone (`$CIRRUS_WORKING_DIR`) is the repository
 * root, so `$GOSRC/$SCRIPT_BASE/runner.sh` reads as `./contrib/cirrus/runner.sh`.
 *
 * Trap: YAML that repeats a top-level `task:` key keeps only the last one; the file is read with
 * repeated task keys renamed first. `.cirrus.star` (Starlark) is opaque (files.ts).
 */

const DEFAULT_DIR = '/tmp/cirrus-ci-build'
const MAX_VALUES = 8
const REPEATED_KEYS = /^(task|docker_builder|pipe):(?=\s|$)/gm

export function parseCirrus(ctx: ParseContext, path: string): CiJob[] {
  const text = ctx.snapshot.text(path)
  if (text === undefined) {
    ctx.problems.push({ path, message: `${path} could not be read` })
    return []
  }
  let n = 0
  const parsed = parseYaml(text.replace(REPEATED_KEYS, (_, k: string) => `${k}_${++n}_task:`), path)
  if (!parsed.ok) {
    ctx.problems.push(parsed.problem)
    return []
  }
  const doc = parsed.value
  if (!isMap(doc)) {
    ctx.problems.push({ path, line: 1, message: 'Cirrus configuration is not a YAML mapping' })
    return []
  }
  const globalEnv = envOf(get(doc, 'env'))
  const out: CiJob[] = []
  for (const [key, task] of Object.entries(doc)) {
    if (!isTaskKey(key) || !isMap(task)) continue
    out.push(job(path, doc, key, task, globalEnv))
  }
  return out
}

function isTaskKey(key: string): boolean {
  return key.endsWith('_task') || key === 'task' || key.endsWith('docker_builder') || key.endsWith('_pipe') || key === 'pipe'
}

function job(path: string, doc: YamlMap, key: string, task: YamlMap, globalEnv: Map<string, string[]>): CiJob {
  const env = new Map(globalEnv)
  for (const [k, v] of envOf(get(task, 'env'))) env.set(k, v)
  const entries = list(get(task, 'matrix')).filter(isMap)
  for (const entry of entries) for (const [k, v] of envOf(get(entry, 'env'))) env.set(k, [...new Set([...(env.has(k) && entries.length > 1 ? env.get(k)! : []), ...v])].slice(0, MAX_VALUES))
  const vars = expand(env)
  const canFailOnPr = allowsFailure(get(task, 'allow_failures'))
  const steps: CiStep[] = []
  const holders: YamlMap[] = [task, ...entries]
  for (const holder of holders) {
    steps.push(...scripts(path, holder, vars))
    const always = get(holder, 'always')
    if (isMap(always)) steps.push(...scripts(path, always, vars))
    for (const step of list(get(holder, 'steps'))) if (isMap(step)) steps.push(...scripts(path, step, vars))
  }
  const name = (str(get(task, 'name')) ?? key.replace(/_task$/, '')).replace(/\$\{?([A-Z_]+)\}?/g, (w, v: string) => vars.get(v)?.[0] ?? w)
  const line = keyLine(doc, key)
  const images = containers(task)
  return {
    system: 'cirrus',
    file: path,
    ...(line !== undefined ? { line } : {}),
    id: key,
    name,
    triggers: taskTriggers(task),
    disabled: null,
    canFail: canFailOnPr,
    steps,
    images,
    services: [],
    via: []
  }
}

/** Scripts of one instruction holder (a task, a matrix entry, `always:`), in key order. */
function scripts(path: string, holder: YamlMap, vars: ReadonlyMap<string, readonly string[]>): CiStep[] {
  const out: CiStep[] = []
  for (const key of Object.keys(holder)) {
    if (key !== 'script' && !key.endsWith('_script')) continue
    const background = key.endsWith('_background_script')
    const joined = joinedScript(holder, key)
    if (joined === undefined) continue
    const run = substituteEnv(unescapeDollars(joined.script), vars)
    out.push({ loc: link(path, joined.line, `${key}: ${joined.script}`), name: key, run, ...(joined.line !== undefined ? { runLine: joined.line } : {}), canFail: background, disabled: null, via: [] })
  }
  return out
}

function containers(task: YamlMap): string[] {
  const out: string[] = []
  for (const [k, v] of Object.entries(task)) {
    if (k !== 'container' && !k.endsWith('_container')) continue
    const image = str(get(v, 'image'))
    if (image !== undefined) out.push(image)
  }
  return out
}

function envOf(node: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>()
  if (!isMap(node)) return out
  for (const [k, v] of Object.entries(node)) {
    const s = str(v)
    if (s !== undefined && !s.includes('\n') && !s.startsWith('ENCRYPTED[')) out.set(k, [s])
  }
  return out
}

/**
 * Variables with `${X}` inside their values expanded (a few passes), and every value pointing
 * into the clone made repository-relative.
 */
function expand(env: ReadonlyMap<string, readonly string[]>): Map<string, readonly string[]> {
  let cur = new Map<string, readonly string[]>(env)
  for (let pass = 0; pass < 3; pass++) {
    const next = new Map<string, readonly string[]>()
    for (const [k, vs] of cur) next.set(k, vs.map((v) => substituteEnv(v, withoutSelf(cur, k))))
    cur = next
  }
  const dir = cur.get('CIRRUS_WORKING_DIR')?.[0] ?? DEFAULT_DIR
  const out = new Map<string, readonly string[]>()
  for (const [k, vs] of cur) out.set(k, vs.map((v) => (v === dir ? '.' : v.startsWith(dir + '/') ? '.' + v.slice(dir.length) : v)))
  out.set('CIRRUS_WORKING_DIR', ['.'])
  return out
}

function withoutSelf(env: ReadonlyMap<string, readonly string[]>, name: string): Map<string, readonly string[]> {
  const m = new Map(env)
  m.delete(name)
  return m
}

/** Builds the task runs in: every kind, narrowed by `only_if`, `skip` and `trigger_type: manual`. */
export function taskTriggers(task: YamlMap): CiTriggers {
  let kinds = new Set<BuildKind>(ALL_KINDS)
  const keep = (allowed: ReadonlySet<BuildKind>): void => {
    kinds = new Set([...kinds].filter((k) => allowed.has(k)))
  }
  const onlyIf = str(get(task, 'only_if'))
  if (onlyIf !== undefined) keep(evaluate(onlyIf, readCirrusAtom).canTrue)
  const skip = get(task, 'skip')
  if (skip === true) kinds = new Set()
  else if (typeof skip === 'string') keep(negate(evaluate(skip, readCirrusAtom)).canTrue)
  if (str(get(task, 'trigger_type')) === 'manual') kinds = kinds.size > 0 ? new Set(['manual']) : kinds
  const events = [...kinds].map((k) => EVENT_NAMES[k])
  return triggers({ pullRequest: kinds.has('pr'), push: kinds.has('push'), schedule: kinds.has('schedule'), manual: kinds.has('manual') }, events)
}

const EVENT_NAMES: Readonly<Record<BuildKind, string>> = { pr: 'pull_request', push: 'push', tag: 'tag', schedule: 'cron', manual: 'manual' }

/** `allow_failures: true`, or an expression that may hold on pull requests. */
function allowsFailure(v: unknown): boolean {
  if (v === true) return true
  const s = str(v)
  if (s === undefined || s === 'false') return false
  return evaluate(s, readCirrusAtom).canTrue.has('pr')
}

/** Variables that exist only in some kinds of build. */
const PRESENCE: Readonly<Record<string, BuildKind>> = {
  CIRRUS_PR: 'pr',
  CIRRUS_BASE_BRANCH: 'pr',
  CIRRUS_BASE_SHA: 'pr',
  CIRRUS_PR_DRAFT: 'pr',
  CIRRUS_PR_LABELS: 'pr',
  CIRRUS_TAG: 'tag',
  CIRRUS_RELEASE: 'tag',
  CIRRUS_CRON: 'schedule'
}

function readCirrusAtom(atom: string): Possible | undefined {
  const c = comparison(atom)
  if (c === undefined) return undefined
  const kind = PRESENCE[c.name]
  if (kind !== undefined) {
    if (c.value === '') return c.op === '!=' ? exactly([kind]) : c.op === '==' ? exactly([...ALL_KINDS].filter((k) => k !== kind)) : undefined
    return c.op === '==' || c.op === '=~' ? onlyIn([kind]) : undefined
  }
  if (c.name === 'CIRRUS_BRANCH') {
    // On a pull request CIRRUS_BRANCH is `pull/<n>`.
    if (/^pull\//.test(c.value)) return c.op === '==' || c.op === '=~' ? onlyIn(['pr']) : undefined
    return c.op === '==' || c.op === '=~' ? onlyIn([...BRANCH_KINDS, 'tag']) : undefined
  }
  return undefined
}
