import type { ChainLink, CiJob, CiStep, CiTriggers } from '../types.js'
import { get, isMap, itemLine, keyLine, list, str, strings, valueLine, type YamlMap } from '../../parse/yaml.js'
import { imageRef, link, MAX_INCLUDE_DEPTH, readYamlDocs, triggers, type ParseContext } from './common.js'
import { shellJoin } from '../resolve/engine.js'

/**
 * Tekton pipelines kept in the repository (`.tekton/`, the Pipelines-as-Code folder). A
 * `PipelineRun` (or `TaskRun`) is a job; its tasks come from `pipelineSpec`, or a `pipelineRef`
 * to a `Pipeline` in the same folder, and each task's steps from `taskSpec` or a `taskRef` to a
 * `Task` in the folder. A step runs its `script`, or `command` + `args`; `onError: continue`
 * cannot fail the task. A task from a catalogue or bundle (`taskRef` with `resolver:`, or a name
 * not in the folder) becomes a `uses` step `tekton-task:<name>` (so `buildah` or `kaniko` count as
 * image builds), opaque when its steps are not here.
 *
 * Triggers: Pipelines-as-Code annotations `pipelinesascode.tekton.dev/on-event` (`[pull_request]`,
 * `[push]`) and `on-cel-expression` (`event == "pull_request"`) say when a run starts; a run
 * without them is started by an EventListener configured elsewhere (triggers set outside).
 */

const ON_EVENT = 'pipelinesascode.tekton.dev/on-event'
const ON_CEL = 'pipelinesascode.tekton.dev/on-cel-expression'

interface Def {
  readonly path: string
  readonly doc: YamlMap
}

export function parseTekton(ctx: ParseContext, paths: readonly string[]): CiJob[] {
  const defs = new Map<string, Def>()
  const runs: Def[] = []
  for (const path of paths) {
    for (const doc of readYamlDocs(ctx, path) ?? []) {
      if (!isMap(doc)) continue
      const kind = str(get(doc, 'kind'))
      const name = str(get(get(doc, 'metadata'), 'name'))
      if ((kind === 'Pipeline' || kind === 'Task') && name !== undefined) defs.set(`${kind}/${name}`, { path, doc })
      if (kind === 'PipelineRun' || kind === 'TaskRun') runs.push({ path, doc })
    }
  }
  const reader = new TektonReader(defs)
  return runs.map((r) => reader.job(r))
}

class TektonReader {
  constructor(private readonly defs: ReadonlyMap<string, Def>) {}

  job(run: Def): CiJob {
    const spec = get(run.doc, 'spec')
    const name = str(get(get(run.doc, 'metadata'), 'name')) ?? str(get(get(run.doc, 'metadata'), 'generateName')) ?? run.path
    const steps: CiStep[] = []
    const kind = str(get(run.doc, 'kind'))
    if (kind === 'TaskRun') steps.push(...this.task(run.path, spec, 'taskSpec', 'taskRef', [], 0))
    else {
      const pipeline = this.resolve(run.path, spec, 'pipelineSpec', 'pipelineRef', 'Pipeline')
      if (pipeline !== undefined) {
        for (const key of ['tasks', 'finally']) {
          const tasks = get(pipeline.spec, key)
          list(tasks).forEach((t, i) => {
            if (isMap(t)) steps.push(...this.task(pipeline.path, t, 'taskSpec', 'taskRef', [...pipeline.via, link(pipeline.path, itemLine(tasks, i), `task: ${str(get(t, 'name')) ?? i + 1}`)], 0))
          })
        }
      }
    }
    const line = keyLine(run.doc, 'spec') ?? 1
    return { system: 'tekton', file: run.path, line, id: name, name, triggers: runTriggers(get(get(run.doc, 'metadata'), 'annotations')), disabled: null, canFail: false, steps, images: [], services: [], via: [] }
  }

  /** An inline spec, or the definition a ref names in the folder (its `spec`), with the link to it. */
  private resolve(path: string, holder: unknown, specKey: string, refKey: string, kind: string): { path: string; spec: unknown; via: ChainLink[] } | undefined {
    const inline = get(holder, specKey)
    if (inline !== undefined) return { path, spec: inline, via: [] }
    const ref = get(holder, refKey)
    const name = str(get(ref, 'name'))
    const def = name === undefined || get(ref, 'resolver') !== undefined || get(ref, 'bundle') !== undefined ? undefined : this.defs.get(`${kind}/${name}`)
    if (def === undefined) return undefined
    return { path: def.path, spec: get(def.doc, 'spec'), via: [link(path, keyLine(holder, refKey), `${refKey}: ${name}`)] }
  }

  private task(path: string, holder: unknown, specKey: string, refKey: string, via: readonly ChainLink[], depth: number): CiStep[] {
    const t = this.resolve(path, holder, specKey, refKey, 'Task')
    if (t === undefined || depth > MAX_INCLUDE_DEPTH) {
      const ref = get(holder, refKey)
      const name = str(get(ref, 'name')) ?? strings(get(list(get(ref, 'params')).find((p) => str(get(p, 'name')) === 'name'), 'value'))[0]
      if (name === undefined) return []
      const line = keyLine(holder, refKey)
      return [{ loc: link(path, line, `taskRef: ${name}`), uses: { raw: name, name: `tekton-task:${name.toLowerCase()}`, with: params(holder), local: false }, canFail: false, disabled: null, via: [...via], opaque: `task ${name} comes from a catalogue or bundle outside the repository` }]
    }
    const steps = get(t.spec, 'steps')
    const allVia = [...via, ...t.via]
    return list(steps).flatMap((s, i): CiStep[] => {
      if (!isMap(s)) return []
      const line = itemLine(steps, i)
      const canFail = str(get(s, 'onError')) === 'continue'
      const name = str(get(s, 'name'))
      const base = { ...(name !== undefined ? { name } : {}), canFail, disabled: null, via: allVia }
      const script = str(get(s, 'script'))
      if (script !== undefined) {
        const runLine = valueLine(s, 'script')
        // A script with another interpreter's shebang (python, node) is not shell.
        if (/^#!/.test(script) && !/^#!\s*\S*\/(env\s+)?(ba|z|da)?sh\b/.test(script)) return [{ ...base, loc: link(t.path, line, name ?? script) }]
        return [{ ...base, loc: link(t.path, line, name ?? script), run: script, ...(runLine !== undefined ? { runLine } : {}) }]
      }
      const argv = [...strings(get(s, 'command')), ...strings(get(s, 'args'))]
      if (argv.length > 0) return [{ ...base, loc: link(t.path, line, name ?? argv.join(' ')), run: shellJoin(argv), ...(line !== undefined ? { runLine: line } : {}) }]
      const image = str(get(s, 'image'))
      return image ? [{ ...base, loc: link(t.path, line, `${name ?? 'step'}: ${image}`), uses: imageRef(image, {}), opaque: `it runs the default command of image ${image}` }] : []
    })
  }
}

function params(holder: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of list(get(holder, 'params'))) {
    const n = str(get(p, 'name'))
    const v = str(get(p, 'value'))
    if (n !== undefined && v !== undefined) out[n] = v
  }
  return out
}

function runTriggers(annotations: unknown): CiTriggers {
  const onEvent = str(get(annotations, ON_EVENT))
  const cel = str(get(annotations, ON_CEL))
  const events = onEvent !== undefined ? onEvent.replace(/[[\]"'\s]/g, '').split(',').filter(Boolean) : cel !== undefined ? [...cel.matchAll(/event\s*==\s*["'](\w+)["']/g)].map((m) => m[1]!) : []
  if (events.length === 0) return triggers({}, ['EventListener'], { outside: 'no Pipelines-as-Code annotation says which events start this run; an EventListener set outside the repository does' })
  return triggers({ pullRequest: events.includes('pull_request'), push: events.includes('push') }, events)
}
