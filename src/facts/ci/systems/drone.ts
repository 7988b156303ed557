import type { CiJob } from '../types.js'
import { get, isMap, keyLine, str } from '../../parse/yaml.js'
import { readYamlDocs, type ParseContext } from './common.js'
import { containerJob } from './container-steps.js'
import { readWhen } from './container-when.js'

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
    const name = str(get(doc, 'name')) ?? `pipeline ${out.length + 1}`
    out.push(containerJob('drone', path, doc, readWhen(get(doc, 'trigger')), new Map(), name, keyLine(doc, 'name') ?? keyLine(doc, 'kind')))
  }
  return out
}
