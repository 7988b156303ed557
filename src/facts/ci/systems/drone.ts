import type { CiJob, CiStep } from '../types.js'
import { get, isMap, keyLine, str } from '../yaml.js'
import { readYamlDocs, type ParseContext } from './common.js'
import { containerSteps, namedSteps, serviceImages } from './container-steps.js'
import { kindTriggers, readWhen } from './container-when.js'

/**
 * Drone (`.drone.yml`): every YAML document of `kind: pipeline` is a job (other kinds, such as
 * `secret` and `signature`, are not). The pipeline's `trigger:` says which builds run it (no
 * trigger: every event), a step's `when:` narrows that; steps share the Woodpecker step format
 * (commands in an image, or a plugin image with `settings:`). A step exiting 78 skips the rest of
 * the pipeline as a success: a change gate, not a failure we can see. `.drone.star` and
 * `.drone.jsonnet` generate pipelines at run time and are read as opaque (files.ts).
 */

export function parseDrone(ctx: ParseContext, path: string): CiJob[] {
  const docs = readYamlDocs(ctx, path)
  if (docs === undefined) return []
  const out: CiJob[] = []
  for (const doc of docs) {
    if (!isMap(doc) || (str(get(doc, 'kind')) ?? 'pipeline') !== 'pipeline') continue
    const when = readWhen(get(doc, 'trigger'))
    const scope = { path, outer: when.kinds, env: new Map<string, readonly string[]>() }
    const steps: CiStep[] = []
    const images: string[] = []
    for (const s of namedSteps(get(doc, 'steps') ?? get(doc, 'pipeline'))) {
      const r = containerSteps(scope, s.name, s.step, s.line)
      steps.push(...r.steps)
      if (r.image !== undefined && !images.includes(r.image)) images.push(r.image)
    }
    const name = str(get(doc, 'name')) ?? `pipeline ${out.length + 1}`
    const line = keyLine(doc, 'name') ?? keyLine(doc, 'kind')
    out.push({
      system: 'drone',
      file: path,
      ...(line !== undefined ? { line } : {}),
      id: name,
      name,
      triggers: kindTriggers(when.kinds, when.events),
      disabled: when.disabled,
      canFail: false,
      steps,
      images,
      services: serviceImages(get(doc, 'services')),
      via: []
    })
  }
  return out
}
