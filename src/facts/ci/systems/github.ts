import { joinPath } from '../../paths.js'
export { isWorkflowFile } from '../files.js'
import type { ChainLink, CiJob, CiStep, CiSystem, CiTriggers } from '../types.js'
import { get, isMap, itemLine, keyLine, list, str, truthy, valueLine, type YamlMap } from '../../parse/yaml.js'
import { actionRef, link, MAX_INCLUDE_DEPTH, readYaml, stringMap, workDir, type ParseContext } from './common.js'
import { envScope, substituteEnv, substituteMatrix, type EnvValues } from './github-env.js'
import { readIf, workflowTriggers } from './github-triggers.js'

/**
 * GitHub Actions workflows (`.github/workflows/*.yml`), also used for Gitea and Forgejo, whose
 * workflow format is the same. Local composite actions (`uses: ./path`) are inlined into the job
 * and local reusable workflows (`jobs.x.uses: ./.github/workflows/y.yml`) become jobs of the
 * caller, both with a `via` link; remote reusable workflows stay as jobs of unknown content.
 */

/** Interpreters whose `run:` is not a shell script: the resolver must not split it into commands. */
const NON_SHELL = /^(python|python3|node|ruby|perl)\b/

interface Workflow {
  readonly path: string
  readonly doc: YamlMap
  readonly triggers: CiTriggers
}

export function parseGithubWorkflows(ctx: ParseContext, paths: readonly string[], system: CiSystem = 'github-actions'): CiJob[] {
  const workflows: Workflow[] = []
  for (const path of paths) {
    const doc = readYaml(ctx, path)
    if (doc === undefined) continue
    if (!isMap(doc)) {
      ctx.problems.push({ path, line: 1, message: 'workflow is not a YAML mapping' })
      continue
    }
    workflows.push({ path, doc, triggers: workflowTriggers(get(doc, 'on')) })
  }
  // A workflow that only answers workflow_call and is called from here runs as part of its callers.
  const calledLocally = new Set<string>()
  for (const wf of workflows)
    for (const job of Object.values(asMap(get(wf.doc, 'jobs')))) {
      const target = localWorkflowPath(str(get(job, 'uses')))
      if (target !== undefined) calledLocally.add(target)
    }
  const parser = new WorkflowParser(ctx, system)
  const jobs: CiJob[] = []
  for (const wf of workflows) {
    const onlyCalled = wf.triggers.events.length > 0 && wf.triggers.events.every((e) => e === 'workflow_call')
    if (onlyCalled && calledLocally.has(wf.path)) continue
    jobs.push(...parser.jobs(wf.path, wf.doc, wf.triggers, [], {}, [wf.path]))
  }
  return jobs
}

function asMap(v: unknown): YamlMap {
  return isMap(v) ? v : {}
}

/** `./.github/workflows/x.yml` (optionally `@ref`, ignored) → repo path; anything else → undefined. */
function localWorkflowPath(uses: string | undefined): string | undefined {
  if (uses === undefined || !uses.startsWith('./')) return undefined
  return joinPath('', uses.replace(/@[^/]*$/, ''))
}

/** `${{ inputs.name }}` → the value given by the caller or the input's default, so inlined scripts read like the real ones. */
function substituteInputs(script: string, inputs: Readonly<Record<string, string>>): string {
  if (!script.includes('inputs.')) return script
  return script.replace(/\$\{\{ *inputs\.([A-Za-z0-9_-]{1,100}) *\}\}/g, (whole, name: string) => {
    const v = inputs[name]
    return v === undefined ? whole : v.replace(/\n/g, ' ')
  })
}

function inputDefaults(spec: unknown, given: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, def] of Object.entries(asMap(spec))) {
    const d = str(get(def, 'default'))
    if (d !== undefined) out[name] = d
  }
  return { ...out, ...given }
}

class WorkflowParser {
  private readonly cache = new Map<string, unknown>()

  constructor(
    private readonly ctx: ParseContext,
    private readonly system: CiSystem
  ) {}

  private load(path: string, from: ChainLink): unknown {
    if (!this.cache.has(path)) this.cache.set(path, readYaml(this.ctx, path, from))
    return this.cache.get(path)
  }

  /** Jobs of a workflow document; `stack` holds the files on the current call chain (cycle guard). */
  jobs(path: string, doc: YamlMap, wfTriggers: CiTriggers, via: readonly ChainLink[], inputs: Readonly<Record<string, string>>, stack: readonly string[]): CiJob[] {
    const out: CiJob[] = []
    const jobsMap = get(doc, 'jobs')
    if (!isMap(jobsMap)) return out
    const wfDir = workDir(get(get(get(doc, 'defaults'), 'run'), 'working-directory'))
    for (const [id, job] of Object.entries(jobsMap)) {
      if (!isMap(job)) continue
      const line = keyLine(jobsMap, id)
      const name = str(get(job, 'name')) ?? id
      const cond = readIf(get(job, 'if'), wfTriggers)
      const canFail = truthy(get(job, 'continue-on-error'))
      const uses = str(get(job, 'uses'))
      if (uses !== undefined) {
        out.push(...this.reusable(path, jobsMap, id, job, uses, cond.triggers, cond.disabled, canFail, via, stack))
        continue
      }
      const wd = workDir(get(get(get(job, 'defaults'), 'run'), 'working-directory')) ?? wfDir
      const matrix = get(get(job, 'strategy'), 'matrix')
      const env = { vars: envScope(envScope(new Map(), get(doc, 'env'), undefined), get(job, 'env'), matrix), matrix }
      const steps = this.steps(path, get(job, 'steps'), wd, [], inputs, stack, 0, env)
      out.push({
        system: this.system,
        file: path,
        ...(line !== undefined ? { line } : {}),
        id,
        name,
        triggers: cond.triggers,
        disabled: cond.disabled,
        canFail,
        steps,
        ...(wd !== undefined ? { workingDirectory: wd } : {}),
        images: imagesOf(get(job, 'container')),
        services: Object.values(asMap(get(job, 'services'))).flatMap(imagesOf),
        via
      })
    }
    return out
  }

  private reusable(
    path: string,
    jobsMap: YamlMap,
    id: string,
    job: YamlMap,
    uses: string,
    t: CiTriggers,
    disabled: string | null,
    canFail: boolean,
    via: readonly ChainLink[],
    stack: readonly string[]
  ): CiJob[] {
    const line = keyLine(job, 'uses')
    const name = str(get(job, 'name')) ?? id
    const target = localWorkflowPath(uses)
    const here = link(path, line, `uses: ${uses}`)
    if (target !== undefined && !stack.includes(target) && stack.length <= MAX_INCLUDE_DEPTH) {
      const doc = this.load(target, here)
      if (isMap(doc)) {
        const inputs = inputDefaults(get(get(get(doc, 'on'), 'workflow_call'), 'inputs'), stringMap(get(job, 'with')))
        return this.jobs(target, doc, t, [...via, here], inputs, [...stack, target]).map((j) => ({
          ...j,
          name: `${name} / ${j.name}`,
          disabled: disabled ?? j.disabled,
          canFail: canFail || j.canFail
        }))
      }
      if (doc !== undefined) this.ctx.problems.push({ path: target, line: 1, message: 'reusable workflow is not a YAML mapping' })
    }
    // Remote (or unreadable) reusable workflow: the job exists, its content is unknown here.
    const jobLine = keyLine(jobsMap, id)
    const opaque = target === undefined ? `${uses} is a reusable workflow of another repository: its steps are not visible here` : `${target} could not be read`
    return [
      {
        system: this.system,
        file: path,
        ...(jobLine !== undefined ? { line: jobLine } : {}),
        id,
        name,
        triggers: t,
        disabled,
        canFail,
        // The call itself, as a step using the workflow: catalogues and config signatures can name it.
        steps: target === undefined ? [{ loc: here, uses: actionRef(uses, stringMap(get(job, 'with'))), canFail, disabled, via: [] }] : [],
        images: [],
        services: [],
        via,
        opaque
      }
    ]
  }

  /** Steps of a job or composite action; composite actions are inlined after their `uses` step. */
  private steps(
    path: string,
    stepsNode: unknown,
    jobWd: string | undefined,
    via: readonly ChainLink[],
    inputs: Readonly<Record<string, string>>,
    stack: readonly string[],
    depth: number,
    env: { readonly vars: EnvValues; readonly matrix: unknown } = { vars: new Map(), matrix: undefined }
  ): CiStep[] {
    const out: CiStep[] = []
    const flat = flattenSteps(stepsNode, 0)
    const items = flat.map((f) => f.step)
    const reraised = reraisedStepIds(items)
    // The workspace holds another repository after `actions/checkout` with `repository:` and no `path:`.
    let elsewhere: string | undefined
    // …and this repository sits below the workspace root after a checkout of it with `path:`.
    let checkoutPath: string | undefined
    flat.forEach(({ step, line }) => {
      if (!isMap(step)) return
      const name = str(get(step, 'name'))
      const run = str(get(step, 'run'))
      const uses = str(get(step, 'uses'))
      const shell = str(get(step, 'shell'))?.trim()
      const cond = readIf(get(step, 'if'), { pullRequest: true, push: true, schedule: true, manual: true, events: [] })
      const wd = workDir(get(step, 'working-directory')) ?? jobWd
      const loc = link(path, line, name ?? (run !== undefined ? run : uses !== undefined ? `uses: ${uses}` : 'step'))
      const base = {
        loc,
        ...(name !== undefined ? { name } : {}),
        // continue-on-error does not neutralise a step whose failure a later step re-raises.
        canFail: truthy(get(step, 'continue-on-error')) && !reraised.has(str(get(step, 'id')) ?? ''),
        disabled: cond.disabled,
        ...(wd !== undefined ? { workingDirectory: wd } : {}),
        via,
        ...(elsewhere !== undefined ? { elsewhere } : {}),
        ...(checkoutPath !== undefined ? { checkoutPath } : {})
      }
      if (run !== undefined) {
        const isShell = shell === undefined || !NON_SHELL.test(shell)
        const runLine = valueLine(step, 'run')
        const script = substituteEnv(substituteMatrix(substituteInputs(run, inputs), env.matrix), envScope(env.vars, get(step, 'env'), env.matrix))
        out.push(isShell ? { ...base, run: script, ...(runLine !== undefined ? { runLine } : {}) } : base)
        return
      }
      if (uses === undefined) {
        out.push(base)
        return
      }
      const ref = actionRef(uses, stringMap(get(step, 'with')))
      if (ref.name === 'actions/checkout' && !ref.with.path) {
        elsewhere = otherRepository(ref.with.repository, this.ctx.self)
        checkoutPath = undefined
      } else if (ref.name === 'actions/checkout' && otherRepository(ref.with.repository, this.ctx.self) === undefined) checkoutPath = workDir(ref.with.path) || undefined
      out.push({ ...base, uses: ref })
      if (ref.local) out.push(...this.composite(ref.raw, ref.with, { ...base, uses: ref }, stack, depth, env))
    })
    return out
  }

  private composite(uses: string, given: Readonly<Record<string, string>>, step: CiStep, stack: readonly string[], depth: number, env: { readonly vars: EnvValues; readonly matrix: unknown }): CiStep[] {
    const dir = joinPath('', uses)
    if (dir === undefined || depth >= MAX_INCLUDE_DEPTH) return []
    const file = [`${dir}/action.yml`, `${dir}/action.yaml`].find((p) => this.ctx.snapshot.has(p))
    if (file === undefined) {
      // `uses: ./` is the repository's own action (a smoke test); other missing paths are worth a note.
      if (dir !== '' && !this.ctx.snapshot.has(dir)) this.ctx.problems.push({ path: step.loc.path, ...(step.loc.line ? { line: step.loc.line } : {}), message: `local action ${uses} not found` })
      return []
    }
    if (stack.includes(file)) return []
    const doc = this.load(file, step.loc)
    const runs = get(doc, 'runs')
    if (str(get(runs, 'using')) !== 'composite') return []
    const inputs = inputDefaults(get(doc, 'inputs'), given)
    const inner = this.steps(file, get(runs, 'steps'), undefined, [...step.via, step.loc], inputs, [...stack, file], depth + 1, env)
    // The caller's failure handling covers every inlined step.
    return inner.map((s) => ({ ...s, canFail: s.canFail || step.canFail, disabled: step.disabled ?? s.disabled }))
  }
}

/**
 * The steps of a job in order, with the steps of a `parallel:` group (GitHub Actions runs them
 * concurrently, then goes on) and of its `sequential:` sequences in place: each is a step of the job.
 */
function flattenSteps(node: unknown, depth: number): { step: unknown; line: number | undefined }[] {
  const out: { step: unknown; line: number | undefined }[] = []
  list(node).forEach((step, i) => {
    const group = isMap(step) && depth < MAX_INCLUDE_DEPTH ? (get(step, 'parallel') ?? get(step, 'sequential')) : undefined
    if (Array.isArray(group) && get(step, 'run') === undefined && get(step, 'uses') === undefined) out.push(...flattenSteps(group, depth + 1))
    else out.push({ step, line: itemLine(node, i) })
  })
  return out
}

/**
 * The `repository:` of a checkout when it is not this repository (`${{ github.repository }}`, or
 * absent). A workflow input (`${{ inputs.repository }}`, the reusable-workflow idiom for "the PR
 * head or this repository") or the PR head's repository is this repository's code (or a fork's):
 * empty when the workflow is not called with it, so the checkout's default applies. A checkout
 * that names the scanned repository itself (`repository: acme/api` in acme/api, common in reusable
 * workflows) is this repository too, when its name is known (the action's context, `--repo`).
 */
function otherRepository(repository: string | undefined, self: string | undefined): string | undefined {
  const r = repository?.trim()
  if (!r || /github\.repository\b|github\.event\.pull_request\.head\.repo|github\.head_ref|\binputs\.|github\.event\.inputs\./.test(r)) return undefined
  if (self !== undefined && r.toLowerCase() === self.toLowerCase()) return undefined
  return r
}

function imagesOf(v: unknown): string[] {
  const s = str(v) ?? str(get(v, 'image'))
  return s === undefined || s.trim() === '' ? [] : [s.trim()]
}

/**
 * Ids of steps whose failure a later step turns back into a job failure: the common pattern of
 * `continue-on-error: true` (to run a fix-up step) followed by
 * `if: steps.<id>.outcome == 'failure'` with `run: exit 1`.
 */
export function reraisedStepIds(items: readonly unknown[]): Set<string> {
  const ids = new Set<string>()
  for (const step of items) {
    if (!isMap(step)) continue
    const cond = str(get(step, 'if'))
    const run = str(get(step, 'run'))
    if (cond === undefined || run === undefined || !/\bexit\s+[1-9]|^\s*false\s*$/m.test(run)) continue
    for (const m of cond.matchAll(/steps\.([A-Za-z0-9_-]{1,100})\.outcome\s*(==\s*'failure'|!=\s*'success')/g)) ids.add(m[1]!)
  }
  return ids
}
