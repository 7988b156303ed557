import type { ActionRef, CiJob, CiStep, CiTriggers } from '../types.js'
import { get, isMap, itemLine, list, str, valueLine, type YamlMap } from '../../parse/yaml.js'
import { link, readYaml, stringMap, triggers, type ParseContext } from './common.js'

/**
 * Bitbucket Pipelines (`bitbucket-pipelines.yml`): every `step` under `pipelines:` is a job.
 * `default` and `branches` run on pushes, `pull-requests` on PRs, `custom` by hand, `tags` on tag
 * pushes only. `- pipe: atlassian/x:1.2` script items become `uses` steps; `after-script` cannot
 * fail the step; `trigger: manual` makes the step manual.
 */

const SECTION_TRIGGERS: Readonly<Record<string, CiTriggers>> = {
  default: triggers({ push: true }, ['push']),
  branches: triggers({ push: true }, ['push']),
  'pull-requests': triggers({ pullRequest: true }, ['pull_request']),
  custom: triggers({ manual: true }, ['custom']),
  tags: triggers({}, ['tag'])
}

export function parseBitbucket(ctx: ParseContext, path: string): CiJob[] {
  const doc = readYaml(ctx, path)
  if (doc === undefined) return []
  const pipelines = get(doc, 'pipelines')
  if (!isMap(doc) || !isMap(pipelines)) {
    ctx.problems.push({ path, line: 1, message: 'bitbucket-pipelines.yml has no `pipelines:` mapping' })
    return []
  }
  const out: CiJob[] = []
  for (const [section, t] of Object.entries(SECTION_TRIGGERS)) {
    const node = get(pipelines, section)
    if (node === undefined) continue
    // `default` is a list of items; the other sections map a pattern or name to a list.
    const groups: [string, unknown][] = section === 'default' ? [['', node]] : isMap(node) ? Object.entries(node) : []
    for (const [pattern, items] of groups) {
      const prefix = pattern === '' ? section : `${section}/${pattern}`
      for (const { step, line } of stepsOf(items, 0)) out.push(job(path, doc, step, `${prefix}#${out.length + 1}`, line, t))
    }
  }
  return out
}

/** Steps inside items, `parallel` (list or `steps:`) and `stage` groups. */
function stepsOf(items: unknown, depth: number): { step: YamlMap; line: number | undefined }[] {
  if (depth > 4) return []
  return list(items).flatMap((item, i) => {
    const step = get(item, 'step')
    if (isMap(step)) return [{ step, line: itemLine(items, i) }]
    const parallel = get(item, 'parallel')
    if (parallel !== undefined) return stepsOf(get(parallel, 'steps') ?? parallel, depth + 1)
    const stage = get(item, 'stage')
    if (stage !== undefined) return stepsOf(get(stage, 'steps'), depth + 1)
    return []
  })
}

function job(path: string, doc: YamlMap, step: YamlMap, id: string, line: number | undefined, t: CiTriggers): CiJob {
  const manual = str(get(step, 'trigger')) === 'manual'
  const steps: CiStep[] = []
  for (const [key, canFail] of [['script', false], ['after-script', true]] as const) {
    const items = get(step, key)
    list(items).forEach((item, i) => {
      const itemAt = Array.isArray(items) ? itemLine(items, i) : valueLine(step, key)
      const run = str(item)
      if (run !== undefined) {
        steps.push({ loc: link(path, itemAt, run), name: key, run, ...(itemAt !== undefined ? { runLine: itemAt } : {}), canFail, disabled: null, via: [] })
        return
      }
      const pipe = str(get(item, 'pipe'))
      if (pipe !== undefined) steps.push({ loc: link(path, itemAt, `pipe: ${pipe}`), name: key, uses: pipeRef(pipe, stringMap(get(item, 'variables'))), canFail, disabled: null, via: [] })
    })
  }
  const image = get(step, 'image') ?? get(doc, 'image')
  const imageName = str(image) ?? str(get(image, 'name'))
  return {
    system: 'bitbucket-pipelines',
    file: path,
    ...(line !== undefined ? { line } : {}),
    id,
    name: str(get(step, 'name')) ?? id,
    triggers: manual ? triggers({ manual: true }, [...t.events, 'manual']) : t,
    disabled: null,
    canFail: false,
    steps,
    images: imageName ? [imageName] : [],
    services: list(get(step, 'services')).flatMap((s) => {
      const name = str(s)
      const def = name === undefined ? undefined : get(get(get(doc, 'definitions'), 'services'), name)
      return name === undefined ? [] : [str(get(def, 'image')) ?? str(get(get(def, 'image'), 'name')) ?? name]
    }),
    via: []
  }
}

/** `atlassian/sonarcloud-scan:1.4.0` → name `atlassian/sonarcloud-scan`, version `1.4.0`. */
function pipeRef(raw: string, withValues: Record<string, string>): ActionRef {
  const colon = raw.lastIndexOf(':')
  const slash = raw.lastIndexOf('/')
  if (colon > slash && colon > 0) return { raw, name: raw.slice(0, colon).toLowerCase(), version: raw.slice(colon + 1), with: withValues, local: false }
  return { raw, name: raw.toLowerCase(), with: withValues, local: false }
}
