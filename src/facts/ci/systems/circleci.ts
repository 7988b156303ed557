import type { ActionRef, ChainLink, CiJob, CiStep, CiTriggers } from '../types.js'
import { get, isMap, itemLine, keyLine, list, str, strings, valueLine, type YamlMap } from '../../parse/yaml.js'
import { link, MAX_INCLUDE_DEPTH, readYaml, stringMap, triggers, type ParseContext } from './common.js'

/**
 * CircleCI (`.circleci/config.yml`). Jobs run when a workflow lists them (2.0 configs without
 * workflows run `build`). CircleCI builds every pushed branch, PR branches included, so a job
 * without a restrictive branch filter counts as running on pull requests; `filters.branches.only`
 * (other than a catch-all regex) leaves only branch pushes; scheduled workflows run on schedule.
 * Reusable `commands:` are inlined; orb jobs and commands (`python/test`) become `uses` steps
 * named after the orb (`circleci/python/test`). `<< parameters.x >>` in a command's or job's steps
 * is the value its caller gives (a step's or workflow entry's map), else the parameter's `default`;
 * `<< pipeline.parameters.x >>` the pipeline parameter's default.
 */

const BUILT_IN_STEPS = new Set(['checkout', 'setup_remote_docker', 'save_cache', 'restore_cache', 'store_artifacts', 'store_test_results', 'persist_to_workspace', 'attach_workspace', 'add_ssh_keys', 'deploy'])

const PUSH_AND_PR: CiTriggers = triggers({ pullRequest: true, push: true }, ['push', 'pull_request'])

export function parseCircleci(ctx: ParseContext, path: string): CiJob[] {
  const doc = readYaml(ctx, path)
  if (doc === undefined) return []
  if (!isMap(doc)) {
    ctx.problems.push({ path, line: 1, message: 'CircleCI config is not a YAML mapping' })
    return []
  }
  return new CircleParser(path, doc).jobs()
}

class CircleParser {
  private readonly orbs = new Map<string, string>()
  private readonly jobDefs: YamlMap
  private readonly commands: YamlMap
  private readonly pipeline: Record<string, string>

  constructor(
    private readonly path: string,
    private readonly doc: YamlMap
  ) {
    const orbs = get(doc, 'orbs')
    if (isMap(orbs)) for (const [alias, ref] of Object.entries(orbs)) if (typeof ref === 'string') this.orbs.set(alias, ref)
    this.jobDefs = isMap(get(doc, 'jobs')) ? (get(doc, 'jobs') as YamlMap) : {}
    this.commands = isMap(get(doc, 'commands')) ? (get(doc, 'commands') as YamlMap) : {}
    this.pipeline = defaults(get(doc, 'parameters'), {})
  }

  jobs(): CiJob[] {
    const workflows = get(this.doc, 'workflows')
    if (!isMap(workflows)) return Object.hasOwn(this.jobDefs, 'build') ? [this.job('build', 'build', PUSH_AND_PR, null, keyLine(this.jobDefs, 'build'))] : []
    const out: CiJob[] = []
    for (const [wfName, wf] of Object.entries(workflows)) {
      if (!isMap(wf)) continue
      const wfTriggers = workflowTriggers(wf)
      const when = get(wf, 'when')
      const wfDisabled = when === false || get(wf, 'unless') === true ? `workflow ${wfName}: when false` : null
      const jobList = get(wf, 'jobs')
      list(jobList).forEach((entry, i) => {
        const line = itemLine(jobList, i)
        const name = typeof entry === 'string' ? entry : isMap(entry) ? Object.keys(entry)[0] : undefined
        if (name === undefined) return
        const cfg = isMap(entry) ? get(entry, name) : undefined
        const t = branchFilter(wfTriggers, get(get(cfg, 'filters'), 'branches'))
        out.push(this.job(name, str(get(cfg, 'name')) ?? name, t, wfDisabled, line, stringMap(cfg)))
      })
    }
    return out
  }

  private job(id: string, name: string, t: CiTriggers, disabled: string | null, line: number | undefined, params: Record<string, string> = {}): CiJob {
    const def = get(this.jobDefs, id)
    const base = { system: 'circleci' as const, file: this.path, ...(line !== undefined ? { line } : {}), id, name, triggers: t, disabled, canFail: false, via: [] }
    if (!isMap(def)) {
      // An orb job (`python/test`): its steps live in the orb.
      const ref = this.orbRef(id, params)
      const steps: CiStep[] = ref ? [{ loc: link(this.path, line, id), uses: ref, canFail: false, disabled: null, via: [] }] : []
      return { ...base, steps, images: [], services: [] }
    }
    const wd = circleDir(get(def, 'working_directory'))
    const docker = list(get(def, 'docker')).flatMap((d) => strings(get(d, 'image')))
    return {
      ...base,
      line: keyLine(this.jobDefs, id) ?? line,
      steps: this.steps(get(def, 'steps'), [], 0, this.arguments(get(def, 'parameters'), params, {})),
      ...(wd !== undefined ? { workingDirectory: wd } : {}),
      images: docker.slice(0, 1),
      services: docker.slice(1)
    } as CiJob
  }

  /** A reusable job's or command's parameters: the caller's values (their own references expanded), else the defaults. */
  private arguments(declared: unknown, given: Record<string, string>, outer: Record<string, string>): Record<string, string> {
    const out = defaults(declared, {})
    for (const [k, v] of Object.entries(out)) out[k] = this.substitute(v, {})
    for (const [k, v] of Object.entries(given)) out[k] = this.substitute(v, outer)
    return out
  }

  private substitute(text: string, params: Record<string, string>): string {
    if (!text.includes('<<')) return text
    return text.replace(/<<\s*(pipeline\.)?parameters\.([\w-]+)\s*>>/g, (all, pipeline: string | undefined, name: string) => {
      const v = pipeline ? this.pipeline[name] : params[name]
      return v ?? all
    })
  }

  private steps(node: unknown, via: readonly ChainLink[], depth: number, params: Record<string, string>): CiStep[] {
    const out: CiStep[] = []
    list(node).forEach((step, i) => {
      const line = itemLine(node, i)
      const key = str(step) ?? (isMap(step) ? Object.keys(step)[0] : undefined)
      if (key === undefined || BUILT_IN_STEPS.has(key)) return
      const body = isMap(step) ? get(step, key) : undefined
      if (key === 'run') {
        const written = str(body) ?? str(get(body, 'command'))
        if (written === undefined) return
        const command = this.substitute(written, params)
        const runLine = str(body) !== undefined ? valueLine(step, 'run') : valueLine(body, 'command')
        const wd = circleDir(get(body, 'working_directory'))
        const name = str(get(body, 'name'))
        out.push({
          loc: link(this.path, line, name ?? command),
          ...(name !== undefined ? { name } : {}),
          run: command,
          ...(runLine !== undefined ? { runLine } : {}),
          canFail: false,
          disabled: null,
          ...(wd !== undefined ? { workingDirectory: wd } : {}),
          via
        })
        return
      }
      if ((key === 'when' || key === 'unless') && depth < MAX_INCLUDE_DEPTH) {
        out.push(...this.steps(get(body, 'steps'), via, depth + 1, params))
        return
      }
      const command = get(this.commands, key)
      if (isMap(command) && depth < MAX_INCLUDE_DEPTH) {
        out.push(...this.steps(get(command, 'steps'), [...via, link(this.path, line, key)], depth + 1, this.arguments(get(command, 'parameters'), stringMap(body), params)))
        return
      }
      const ref = this.orbRef(key, stringMap(body))
      if (ref) out.push({ loc: link(this.path, line, key), uses: ref, canFail: false, disabled: null, via })
    })
    return out
  }

  /** `python/test` with `orbs: {python: circleci/python@2}` → `circleci/python/test` version `2`. */
  private orbRef(raw: string, params: Record<string, string>): ActionRef | undefined {
    const slash = raw.indexOf('/')
    if (slash <= 0) return undefined
    const orb = this.orbs.get(raw.slice(0, slash))
    if (orb === undefined) return { raw, name: raw.toLowerCase(), with: params, local: false }
    const at = orb.lastIndexOf('@')
    const orbName = (at > 0 ? orb.slice(0, at) : orb).toLowerCase()
    return { raw, name: `${orbName}/${raw.slice(slash + 1).toLowerCase()}`, ...(at > 0 ? { version: orb.slice(at + 1) } : {}), with: params, local: false }
  }
}

/** `parameters: {name: {default: v}}` as name → v (over `base`). */
function defaults(declared: unknown, base: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...base }
  if (!isMap(declared)) return out
  for (const [k, def] of Object.entries(declared)) {
    const v = str(get(def, 'default'))
    if (v !== undefined) out[k] = v
  }
  return out
}

function workflowTriggers(wf: YamlMap): CiTriggers {
  const scheduled = list(get(wf, 'triggers')).some((t) => get(t, 'schedule') !== undefined)
  return scheduled ? triggers({ schedule: true }, ['schedule']) : PUSH_AND_PR
}

/** `/.*\/` style catch-alls keep every branch (PR branches too). */
const CATCH_ALL = new Set(['/.*/', '/.+/', '/^.*$/'])

function branchFilter(t: CiTriggers, branches: unknown): CiTriggers {
  if (!isMap(branches) || t.schedule) return t
  const only = strings(get(branches, 'only'))
  const ignore = strings(get(branches, 'ignore'))
  if (ignore.some((b) => CATCH_ALL.has(b))) return triggers({}, t.events)
  if (only.length > 0 && !only.some((b) => CATCH_ALL.has(b))) return triggers({ push: true }, ['push'])
  return t
}

/** CircleCI's checkout lands in `~/project`: paths under it are repo-relative. */
function circleDir(v: unknown): string | undefined {
  const s = str(v)?.trim()
  if (s === undefined) return undefined
  const m = /^(?:~\/project|\/root\/project|\.)\/?(.*)$/.exec(s)
  if (m) return m[1]!.replace(/\/+$/, '')
  return s.startsWith('/') || s.startsWith('~') || s.includes('$') ? undefined : s.replace(/\/+$/, '')
}
