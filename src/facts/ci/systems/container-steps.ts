import type { CiJob, CiStep, CiSystem } from '../types.js'
import { get, isMap, itemLine, keyLine, str, type YamlMap } from '../../parse/yaml.js'
import { imageRef, joinedScript, link, stringMap, unescapeDollars, workDir } from './common.js'
import type { BuildKind } from './condition.js'
import { kindTriggers, readWhen, type WhenReading } from './container-when.js'
import { substituteEnv, type EnvValues } from './github-env.js'

/**
 * Steps of the container-step systems (Woodpecker and Drone, whose formats share their roots): a
 * step runs its `commands` in its `image`, or is a plugin (an image configured by `settings`, no
 * commands), which becomes a `uses` step named after the image so catalogues can know it
 * (`woodpeckerci/plugin-docker-buildx` builds an image). The command items run as one shell script
 * (joinedScript keeps their lines); `$$` escapes and matrix or `environment:` variables are substituted. `failure:
 * ignore` and `detach: true` steps cannot fail the pipeline; a step `when:` narrows the workflow's
 * triggers.
 */

export interface StepScope {
  readonly path: string
  /** Kinds of build the enclosing workflow or pipeline runs in. */
  readonly outer: ReadonlySet<BuildKind>
  /** Variables known for every step (matrix values, workflow environment). */
  readonly env: EnvValues
}

export function containerSteps(scope: StepScope, name: string, node: YamlMap, line: number | undefined): { steps: CiStep[]; image?: string } {
  const when = readWhen(get(node, 'when'))
  const hasWhen = get(node, 'when') !== undefined
  const image = str(get(node, 'image'))?.trim()
  const env = new Map(scope.env)
  for (const [k, v] of Object.entries(stringMap(get(node, 'environment')))) if (!v.includes('\n')) env.set(k, [v])
  const base = {
    name,
    canFail: str(get(node, 'failure')) === 'ignore' || get(node, 'detach') === true,
    disabled: when.disabled,
    via: [],
    ...(hasWhen ? { triggers: kindTriggers(when.kinds, when.events, scope.outer) } : {})
  }
  const wd = workDir(get(node, 'directory'))
  const steps: CiStep[] = []
  const joined = joinedScript(node, get(node, 'commands') !== undefined ? 'commands' : 'command')
  if (joined !== undefined) {
    const run = substituteEnv(unescapeDollars(joined.script), env)
    const first = joined.script.split('\n').find((l) => l.trim() !== '') ?? ''
    steps.push({ ...base, loc: link(scope.path, joined.line ?? line, `${name}: ${first}`), run, ...(joined.line !== undefined ? { runLine: joined.line } : {}), ...(wd !== undefined ? { workingDirectory: wd } : {}) })
  }
  if (steps.length === 0 && image !== undefined && image !== '') {
    const settings = get(node, 'settings')
    const ref = imageRef(substituteEnv(image, env), isMap(settings) ? flatSettings(settings) : {})
    steps.push({ ...base, loc: link(scope.path, line, `${name}: ${image}`), uses: ref })
  }
  return image ? { steps, image } : { steps }
}

/** Plugin settings as strings (lists joined with commas, as plugins read them from the environment). */
function flatSettings(settings: YamlMap): Record<string, string> {
  const out = stringMap(settings)
  for (const [k, v] of Object.entries(settings)) {
    if (out[k] !== undefined || !Array.isArray(v)) continue
    const items = v.map(str).filter((x): x is string => x !== undefined)
    if (items.length > 0) out[k] = items.join(',')
  }
  return out
}

/** Names and nodes of a `steps:` written as a map (name → step) or a list of `- name:` items. */
export function namedSteps(node: unknown): { name: string; step: YamlMap; line: number | undefined }[] {
  if (Array.isArray(node)) {
    return node.flatMap((s, i) => (isMap(s) ? [{ name: str(get(s, 'name')) ?? `step ${i + 1}`, step: s, line: itemLine(node, i) }] : []))
  }
  if (!isMap(node)) return []
  return Object.entries(node).flatMap(([name, s]) => (isMap(s) ? [{ name, step: s, line: keyLine(node, name) }] : []))
}

/** Service images of a `services:` map or list. */
export function serviceImages(node: unknown): string[] {
  const items = Array.isArray(node) ? node : isMap(node) ? Object.values(node) : []
  return items.flatMap((s) => {
    const image = str(get(s, 'image'))?.trim()
    return image ? [image] : []
  })
}

/**
 * A Woodpecker workflow or Drone pipeline as one job: its steps (`steps:`, or `pipeline:` in old
 * files), the images they run in, its services, and the triggers its `when:`/`trigger:` reads as.
 */
export function containerJob(system: CiSystem, path: string, doc: YamlMap, when: WhenReading, env: EnvValues, id: string, line: number | undefined): CiJob {
  const scope = { path, outer: when.kinds, env }
  const steps: CiStep[] = []
  const images: string[] = []
  for (const s of namedSteps(get(doc, 'steps') ?? get(doc, 'pipeline'))) {
    const r = containerSteps(scope, s.name, s.step, s.line)
    steps.push(...r.steps)
    if (r.image !== undefined && !images.includes(r.image)) images.push(r.image)
  }
  return {
    system,
    file: path,
    ...(line !== undefined ? { line } : {}),
    id,
    name: id,
    triggers: kindTriggers(when.kinds, when.events),
    disabled: when.disabled,
    canFail: false,
    steps,
    images,
    services: serviceImages(get(doc, 'services')),
    via: []
  }
}
