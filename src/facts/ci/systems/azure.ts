import { dirname, joinPath } from '../../paths.js'
import type { ChainLink, CiJob, CiStep, CiTriggers } from '../types.js'
import { get, isMap, itemLine, keyLine, list, str, strings, truthy, valueLine, type YamlMap } from '../../parse/yaml.js'
import { link, MAX_INCLUDE_DEPTH, readYaml, restrict, stringMap, triggers, workDir, type ParseContext } from './common.js'

/**
 * Azure Pipelines (`azure-pipelines.yml` and the usual pipeline folders). Triggers: `trigger:`
 * (absent: every branch push; `none`: no CI push builds), `pr:` (absent: PR builds on; `none`: off),
 * `schedules:`. Stages → jobs → steps, or top-level jobs/steps; `- template:` references to local
 * files are inlined (capped, cycle-guarded) and such template files are not pipelines of their own.
 * Tasks (`- task: Npm@1`) become `uses` steps named `npm`, version `1`, with their `inputs:`.
 */

/** Step keys whose value is a shell script. */
const SCRIPT_KEYS = ['script', 'bash', 'pwsh', 'powershell'] as const

/** Condition fragments (lower-cased, spaces removed) and what they leave running. */
const CONDITION_RULES: readonly { fragment: string; keep: Partial<Record<'pullRequest' | 'push' | 'schedule' | 'manual', boolean>> }[] = [
  { fragment: "eq(variables['build.reason'],'pullrequest')", keep: { push: false, schedule: false, manual: false } },
  { fragment: "ne(variables['build.reason'],'pullrequest')", keep: { pullRequest: false } },
  { fragment: "eq(variables['build.reason'],'schedule')", keep: { pullRequest: false, push: false, manual: false } },
  { fragment: "eq(variables['build.reason'],'manual')", keep: { pullRequest: false, push: false, schedule: false } },
  { fragment: "eq(variables['build.sourcebranch'],'refs/heads/", keep: { pullRequest: false } },
  { fragment: "startswith(variables['build.sourcebranch'],'refs/tags/", keep: { pullRequest: false, push: false } },
  { fragment: "eq(variables['build.sourcebranchname'],", keep: { pullRequest: false } }
]

export function parseAzurePipelines(ctx: ParseContext, paths: readonly string[]): CiJob[] {
  const docs = new Map<string, YamlMap>()
  for (const path of paths) {
    const doc = readYaml(ctx, path)
    if (doc === undefined) continue
    if (!isMap(doc)) ctx.problems.push({ path, line: 1, message: 'Azure Pipelines file is not a YAML mapping' })
    else docs.set(path, doc)
  }
  // Files another pipeline uses as a template are not pipelines themselves.
  const templates = new Set<string>()
  for (const [path, doc] of docs) collectTemplateRefs(doc, dirname(path), templates, 0)
  const out: CiJob[] = []
  for (const [path, doc] of docs) if (!templates.has(path)) out.push(...new AzureParser(ctx, path).pipeline(doc))
  return out
}

function collectTemplateRefs(v: unknown, dir: string, into: Set<string>, depth: number): void {
  if (depth > 20) return
  if (Array.isArray(v)) for (const x of v) collectTemplateRefs(x, dir, into, depth + 1)
  else if (isMap(v))
    for (const [k, x] of Object.entries(v)) {
      const p = k === 'template' ? templatePath(str(x), dir) : undefined
      if (p !== undefined) into.add(p)
      else collectTemplateRefs(x, dir, into, depth + 1)
    }
}

/** A local template reference (`x.yml`, `/x.yml` from the root); `x.yml@repo` is remote → undefined. */
function templatePath(ref: string | undefined, dir: string): string | undefined {
  if (ref === undefined || ref.includes('@') || ref.includes('$')) return undefined
  return ref.startsWith('/') ? joinPath('', ref) : joinPath(dir, ref)
}

export function pipelineTriggers(doc: YamlMap): CiTriggers {
  const trigger = get(doc, 'trigger')
  const pr = get(doc, 'pr')
  const none = (v: unknown): boolean => v === false || (typeof v === 'string' && v.trim().toLowerCase() === 'none')
  const push = !none(trigger)
  const pullRequest = !none(pr)
  const schedule = list(get(doc, 'schedules')).length > 0
  const events = [...(push ? ['push'] : []), ...(pullRequest ? ['pr'] : []), ...(schedule ? ['schedule'] : [])]
  if (!pullRequest || pr === undefined) return triggers({ pullRequest, push, schedule }, events)
  const branches = Array.isArray(pr) ? strings(pr) : strings(get(get(pr, 'branches'), 'include'))
  const paths = get(pr, 'paths')
  const opt = (v: string[]): string[] | undefined => (v.length > 0 ? v : undefined)
  return triggers({ pullRequest, push, schedule }, events, {
    prBranches: opt(branches),
    prPaths: opt(strings(get(paths, 'include'))),
    prPathsIgnore: opt(strings(get(paths, 'exclude')))
  })
}

/** A condition read as far as simple fragments allow: `false` disables, reason/branch tests narrow. */
function readCondition(cond: unknown, t: CiTriggers): { disabled: string | null; triggers: CiTriggers } {
  if (cond === false) return { disabled: 'condition: false', triggers: t }
  const raw = str(cond)
  if (raw === undefined) return { disabled: null, triggers: t }
  const c = raw.toLowerCase().replace(/\s+/g, '').replace(/"/g, "'")
  if (c === 'false') return { disabled: 'condition: false', triggers: t }
  if (c.includes('or(') || c.includes('not(') || c.length > 1000) return { disabled: null, triggers: t }
  let out = t
  for (const rule of CONDITION_RULES) if (c.includes(rule.fragment)) out = restrict(out, rule.keep)
  return { disabled: null, triggers: out }
}

class AzureParser {
  constructor(
    private readonly ctx: ParseContext,
    private readonly path: string
  ) {}

  pipeline(doc: YamlMap): CiJob[] {
    const t = pipelineTriggers(doc)
    const ext = get(doc, 'extends')
    const body = isMap(ext) ? this.template(this.path, get(ext, 'template'), keyLine(ext, 'template')) : { file: this.path, doc, via: [] }
    if (body === undefined) return []
    return this.body(body.file, body.doc, t, null, body.via, [this.path])
  }

  /** Loads a local template; `via` gets a link to where it is referenced. */
  private template(from: string, ref: unknown, line: number | undefined, via: readonly ChainLink[] = []): { file: string; doc: YamlMap; via: ChainLink[] } | undefined {
    const file = templatePath(str(ref), dirname(from))
    if (file === undefined) return undefined
    const here = link(from, line, `template: ${str(ref)}`)
    const doc = readYaml(this.ctx, file, here)
    return isMap(doc) ? { file, doc, via: [...via, here] } : undefined
  }

  private body(file: string, doc: YamlMap, t: CiTriggers, disabled: string | null, via: readonly ChainLink[], stack: readonly string[]): CiJob[] {
    if (get(doc, 'stages') !== undefined) return this.stages(file, get(doc, 'stages'), t, via, stack)
    if (get(doc, 'jobs') !== undefined) return this.jobs(file, get(doc, 'jobs'), t, disabled, via, stack)
    if (get(doc, 'steps') === undefined) return []
    return [this.job(file, doc, 'Job', keyLine(doc, 'steps'), t, disabled, via, stack)]
  }

  private stages(file: string, node: unknown, t: CiTriggers, via: readonly ChainLink[], stack: readonly string[]): CiJob[] {
    return list(node).flatMap((stage, i) => {
      const tpl = this.inline(file, stage, itemLine(node, i), via, stack)
      if (tpl) return this.stages(tpl.file, get(tpl.doc, 'stages'), t, tpl.via, [...stack, tpl.file])
      const cond = readCondition(get(stage, 'condition'), t)
      return this.jobs(file, get(stage, 'jobs'), cond.triggers, cond.disabled, via, stack)
    })
  }

  private jobs(file: string, node: unknown, t: CiTriggers, disabled: string | null, via: readonly ChainLink[], stack: readonly string[]): CiJob[] {
    return list(node).flatMap((job, i) => {
      const line = itemLine(node, i)
      const tpl = this.inline(file, job, line, via, stack)
      if (tpl) return this.jobs(tpl.file, get(tpl.doc, 'jobs'), t, disabled, tpl.via, [...stack, tpl.file])
      if (!isMap(job)) return []
      const id = str(get(job, 'job')) ?? str(get(job, 'deployment')) ?? `job${i + 1}`
      return [this.job(file, job, id, line, t, disabled, via, stack)]
    })
  }

  private job(file: string, job: YamlMap, id: string, line: number | undefined, t: CiTriggers, disabled: string | null, via: readonly ChainLink[], stack: readonly string[]): CiJob {
    const cond = readCondition(get(job, 'condition'), t)
    const deploy = get(get(get(get(job, 'strategy'), 'runOnce'), 'deploy'), 'steps')
    const wd = workDir(get(get(job, 'workspace'), 'workingDirectory'))
    const container = get(job, 'container')
    return {
      system: 'azure-pipelines',
      file,
      ...(line !== undefined ? { line } : {}),
      id,
      name: str(get(job, 'displayName')) ?? id,
      triggers: cond.triggers,
      disabled: disabled ?? cond.disabled,
      canFail: truthy(get(job, 'continueOnError')),
      steps: this.steps(file, get(job, 'steps') ?? deploy, [], stack),
      images: strings(str(container) ?? get(container, 'image')),
      services: isMap(get(job, 'services')) ? Object.values(get(job, 'services') as YamlMap).flatMap((s) => strings(s)) : [],
      ...(wd !== undefined ? { workingDirectory: wd } : {}),
      via
    }
  }

  /** A `- template: x.yml` item: the loaded template, else undefined (not a template, remote, cycle, cap). */
  private inline(file: string, item: unknown, line: number | undefined, via: readonly ChainLink[], stack: readonly string[]): { file: string; doc: YamlMap; via: ChainLink[] } | undefined {
    const ref = get(item, 'template')
    if (ref === undefined || stack.length > MAX_INCLUDE_DEPTH) return undefined
    const target = templatePath(str(ref), dirname(file))
    if (target === undefined || stack.includes(target)) return undefined
    return this.template(file, ref, line, via)
  }

  private steps(file: string, node: unknown, via: readonly ChainLink[], stack: readonly string[]): CiStep[] {
    return list(node).flatMap((step, i): CiStep[] => {
      const line = itemLine(node, i)
      const tpl = this.inline(file, step, line, via, stack)
      if (tpl) return this.steps(tpl.file, get(tpl.doc, 'steps'), tpl.via, [...stack, tpl.file])
      if (!isMap(step)) return []
      const name = str(get(step, 'displayName'))
      const cond = readCondition(get(step, 'condition'), triggers({}, []))
      const disabled = get(step, 'enabled') === false ? 'enabled: false' : cond.disabled
      const wd = workDir(get(step, 'workingDirectory'))
      const base = { ...(name !== undefined ? { name } : {}), canFail: truthy(get(step, 'continueOnError')), disabled, ...(wd !== undefined ? { workingDirectory: wd } : {}), via }
      const key = SCRIPT_KEYS.find((k) => str(get(step, k)) !== undefined)
      if (key !== undefined) {
        const run = str(get(step, key))!
        const runLine = valueLine(step, key)
        return [{ ...base, loc: link(file, line, name ?? run), run, ...(runLine !== undefined ? { runLine } : {}) }]
      }
      const task = str(get(step, 'task'))
      if (task === undefined) return []
      const at = task.lastIndexOf('@')
      const uses = { raw: task, name: (at > 0 ? task.slice(0, at) : task).toLowerCase(), ...(at > 0 ? { version: task.slice(at + 1) } : {}), with: stringMap(get(step, 'inputs')), local: false }
      return [{ ...base, loc: link(file, line, name ?? `task: ${task}`), uses }]
    })
  }
}
