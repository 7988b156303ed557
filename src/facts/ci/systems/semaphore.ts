import { basename, dirname, joinPath } from '../../paths.js'
import type { ChainLink, CiJob, CiStep, CiTriggers } from '../types.js'
import { get, isMap, itemLine, keyLine, list, str, type YamlMap } from '../../parse/yaml.js'
import { joinedScript, link, readYaml, triggers, type ParseContext } from './common.js'
import { BRANCH_KINDS, comparison, evaluate, narrow, negate, onlyIn, type Possible } from './condition.js'

/**
 * Semaphore 2 (`.semaphore/semaphore.yml`, the initial pipeline, and the pipelines its
 * `promotions:` start). Every job of every block is a CiJob whose steps are the global and task
 * `prologue`, the job's `commands`, then the `epilogue` `always`/`on_pass` commands (`on_fail`
 * ones check nothing). Semaphore builds every pushed branch (a pull request's branch too), like
 * CircleCI, so the initial pipeline runs on pull requests and pushes; a block's `run.when` and
 * `skip.when` (`branch = 'main'`, `tag =~ '.*'`, `pull_request =~ '.*'`, `change_in(…)`) narrow
 * that. A promoted pipeline runs when its `auto_promote.when` says, else by hand. Other files in
 * `.semaphore/` belong to pipelines configured elsewhere: their triggers are set outside.
 */

const ENTRY = new Set(['.semaphore/semaphore.yml', '.semaphore/semaphore.yaml'])
const DEFAULT: CiTriggers = triggers({ pullRequest: true, push: true }, ['push', 'pull_request'])
const MANUAL: CiTriggers = triggers({ manual: true }, ['promotion'])
const OUTSIDE: CiTriggers = triggers({}, ['pipeline settings'], { outside: 'no promotion of the initial pipeline starts this file; its triggers are set in Semaphore' })

export function parseSemaphore(ctx: ParseContext, paths: readonly string[]): CiJob[] {
  const docs = new Map<string, YamlMap>()
  for (const p of paths) {
    const d = readYaml(ctx, p)
    if (isMap(d)) docs.set(p, d)
  }
  const promoted = new Map<string, { t: CiTriggers; via: ChainLink }>()
  for (const [path, doc] of docs) {
    const base = ENTRY.has(path) ? DEFAULT : MANUAL
    const promos = get(doc, 'promotions')
    list(promos).forEach((p, i) => {
      const file = str(get(p, 'pipeline_file'))
      const target = file === undefined ? undefined : joinPath(dirname(path), file)
      if (target === undefined || !isMap(p)) return
      const when = str(get(get(p, 'auto_promote'), 'when'))
      const t = when === undefined ? MANUAL : narrow(base, evaluate(when, readSemaphoreAtom, { keywords: true }))
      promoted.set(target, { t, via: link(path, itemLine(promos, i), `promotion: ${file}`) })
    })
  }
  const out: CiJob[] = []
  for (const [path, doc] of docs) {
    const p = promoted.get(path)
    const t = ENTRY.has(path) ? DEFAULT : (p?.t ?? OUTSIDE)
    out.push(...pipeline(path, doc, t, p ? [p.via] : []))
  }
  return out
}

function commands(path: string, holder: unknown, name: string): CiStep[] {
  const joined = joinedScript(holder, 'commands')
  if (joined === undefined) return []
  return [{ loc: link(path, joined.line, joined.script), name, run: joined.script, ...(joined.line !== undefined ? { runLine: joined.line } : {}), canFail: false, disabled: null, via: [] }]
}

function pipeline(path: string, doc: YamlMap, t: CiTriggers, via: readonly ChainLink[]): CiJob[] {
  const global = get(doc, 'global_job_config')
  const out: CiJob[] = []
  const blocks = get(doc, 'blocks')
  list(blocks).forEach((block, bi) => {
    if (!isMap(block)) return
    let bt = t
    const run = str(get(get(block, 'run'), 'when'))
    if (run !== undefined) bt = narrow(bt, evaluate(run, readSemaphoreAtom, { keywords: true }))
    const skip = str(get(get(block, 'skip'), 'when'))
    if (skip !== undefined) bt = narrow(bt, negate(evaluate(skip, readSemaphoreAtom, { keywords: true })))
    const task = get(block, 'task')
    const before = [...commands(path, get(global, 'prologue'), 'prologue'), ...commands(path, get(task, 'prologue'), 'prologue')]
    const epilogue = get(task, 'epilogue') ?? get(global, 'epilogue')
    const after = [...commands(path, get(epilogue, 'always'), 'epilogue'), ...commands(path, get(epilogue, 'on_pass'), 'epilogue')]
    const jobs = get(task, 'jobs')
    const blockName = str(get(block, 'name')) ?? `block ${bi + 1}`
    list(jobs).forEach((job, ji) => {
      if (!isMap(job)) return
      const name = `${blockName} / ${str(get(job, 'name')) ?? `job ${ji + 1}`}`
      const line = itemLine(jobs, ji)
      out.push({
        system: 'semaphore',
        file: path,
        ...(line !== undefined ? { line } : {}),
        id: name,
        name,
        triggers: bt,
        disabled: null,
        canFail: false,
        steps: [...before, ...commands(path, job, str(get(job, 'name')) ?? 'commands'), ...after],
        images: list(get(get(doc, 'agent'), 'containers')).flatMap((c) => (str(get(c, 'image')) ? [str(get(c, 'image'))!] : [])),
        services: [],
        via
      })
    })
  })
  if (out.length === 0 && get(doc, 'blocks') === undefined) return []
  return out.length > 0 ? out : [{ system: 'semaphore', file: path, line: keyLine(doc, 'blocks') ?? 1, id: basename(path), name: basename(path), triggers: t, disabled: null, canFail: false, steps: [], images: [], services: [], via }]
}

/** `branch = 'main'`, `tag =~ '.*'`, `pull_request =~ '.*'`; `change_in(…)` and `result` may hold anywhere. */
function readSemaphoreAtom(atom: string): Possible | undefined {
  const c = comparison(atom)
  if (c === undefined) return undefined
  if (c.op !== '=' && c.op !== '==' && c.op !== '=~') return undefined
  if (c.name === 'branch') return onlyIn(BRANCH_KINDS)
  if (c.name === 'tag') return onlyIn(['tag'])
  if (c.name === 'pull_request') return onlyIn(['pr'])
  return undefined
}
