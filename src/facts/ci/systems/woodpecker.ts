import { basename } from '../../paths.js'
import type { CiJob } from '../types.js'
import { get, isMap, keyLine, list, str } from '../../parse/yaml.js'
import { readYaml, type ParseContext } from './common.js'
import { containerJob } from './container-steps.js'
import { readWhen } from './container-when.js'
import type { EnvValues } from './github-env.js'

/**
 * Woodpecker CI: every `.woodpecker/*.y*ml` is a workflow (the single `.woodpecker.yml` only when
 * that folder does not exist). A workflow is one job: its `when:` says which builds run it, its
 * steps (a map keyed by name, or a list of `- name:` items; `pipeline:` in old files) each may
 * narrow that with their own `when:`. `matrix:` values (axes or `include:` entries) expand
 * `${VAR}` in commands. `clone:` overrides and `services:` are not the workflow's commands.
 * Top-level `variables:` only holds YAML anchors.
 */

const MAX_MATRIX_VALUES = 8

export function parseWoodpecker(ctx: ParseContext, paths: readonly string[]): CiJob[] {
  const folder = paths.filter((p) => p.startsWith('.woodpecker/'))
  return (folder.length > 0 ? folder : paths).flatMap((path) => workflow(ctx, path))
}

function workflow(ctx: ParseContext, path: string): CiJob[] {
  const doc = readYaml(ctx, path)
  if (doc === undefined) return []
  if (!isMap(doc)) {
    ctx.problems.push({ path, line: 1, message: 'Woodpecker workflow is not a YAML mapping' })
    return []
  }
  const name = basename(path).replace(/\.ya?ml$/, '')
  return [containerJob('woodpecker', path, doc, readWhen(get(doc, 'when')), matrixEnv(get(doc, 'matrix')), name, keyLine(doc, 'steps') ?? keyLine(doc, 'pipeline') ?? 1)]
}

/** `matrix:` axes (`GO: [a, b]`) and `include:` entries as variable values. */
function matrixEnv(matrix: unknown): EnvValues {
  const out = new Map<string, string[]>()
  const add = (k: string, v: unknown): void => {
    const s = str(v)
    if (s === undefined) return
    const vs = out.get(k) ?? []
    if (!vs.includes(s) && vs.length < MAX_MATRIX_VALUES) vs.push(s)
    out.set(k, vs)
  }
  if (!isMap(matrix)) return out
  for (const [k, v] of Object.entries(matrix)) {
    if (k === 'include') continue
    for (const x of list(v)) add(k, x)
  }
  for (const entry of list(get(matrix, 'include'))) if (isMap(entry)) for (const [k, v] of Object.entries(entry)) add(k, v)
  return out
}
