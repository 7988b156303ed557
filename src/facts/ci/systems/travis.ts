import type { CiJob, CiStep, CiTriggers } from '../types.js'
import { get, isMap, itemLine, keyLine, list, str, valueLine, type YamlMap } from '../../parse/yaml.js'
import { link, readYaml, restrict, triggers, type ParseContext } from './common.js'

/**
 * Travis CI (`.travis.yml`): the build phases as run steps (`after_*` cannot fail the build), one
 * job per `jobs.include` / `matrix.include` entry (global phases as defaults), else one job. Travis
 * builds pushes and pull requests by default; `if:` conditions on `type` narrow that.
 */

const PHASES = ['before_install', 'install', 'before_script', 'script', 'after_success', 'after_failure', 'after_script'] as const
const CANNOT_FAIL = new Set<string>(['after_success', 'after_failure', 'after_script'])

/** Default `script` per `language` when none is given. */
const DEFAULT_SCRIPT: Readonly<Record<string, string>> = {
  node_js: 'npm test',
  ruby: 'bundle exec rake',
  go: 'go test -v ./...'
}

/** `if:` fragments (lower-cased, spaces collapsed) and what they leave running. */
const IF_RULES: readonly { fragment: RegExp; keep: Parameters<typeof restrict>[1] }[] = [
  { fragment: /^type ?== ?pull_request$|^type ?= ?pull_request$/, keep: { push: false, schedule: false, manual: false } },
  { fragment: /^type ?!= ?pull_request$|^type ?= ?push$|^type ?= ?cron$|^type ?= ?api$/, keep: { pullRequest: false } },
  { fragment: /^tag ?is ?present$/, keep: { pullRequest: false, push: false } }
]

const DEFAULT_TRIGGERS: CiTriggers = triggers({ pullRequest: true, push: true }, ['push', 'pull_request'])

export function parseTravis(ctx: ParseContext, path: string): CiJob[] {
  const doc = readYaml(ctx, path)
  if (doc === undefined) return []
  if (!isMap(doc)) {
    ctx.problems.push({ path, line: 1, message: 'Travis config is not a YAML mapping' })
    return []
  }
  const t = readIf(get(doc, 'if'), DEFAULT_TRIGGERS)
  const include = get(get(doc, 'jobs'), 'include') ?? get(get(doc, 'matrix'), 'include')
  if (!Array.isArray(include) || include.length === 0) return [job(path, doc, doc, 'build', 'build', keyLine(doc, 'script') ?? 1, t)]
  return include.flatMap((entry, i) => {
    if (!isMap(entry)) return []
    const name = str(get(entry, 'name')) ?? str(get(entry, 'stage')) ?? `job ${i + 1}`
    return [job(path, doc, entry, `include[${i}]`, name, itemLine(include, i), readIf(get(entry, 'if'), t))]
  })
}

function job(path: string, doc: YamlMap, entry: YamlMap, id: string, name: string, line: number | undefined, t: CiTriggers): CiJob {
  const steps: CiStep[] = []
  for (const phase of PHASES) {
    const holder = Object.hasOwn(entry, phase) ? entry : doc
    const v = get(holder, phase)
    if (v === undefined) continue
    const items = list(v)
    items.forEach((item, i) => {
      const run = str(item)
      if (run === undefined) return
      const runLine = Array.isArray(v) ? itemLine(v, i) : valueLine(holder, phase)
      steps.push({ loc: link(path, runLine, run), name: phase, run, ...(runLine !== undefined ? { runLine } : {}), canFail: CANNOT_FAIL.has(phase), disabled: null, via: [] })
    })
  }
  const language = str(get(entry, 'language')) ?? str(get(doc, 'language'))
  const fallback = language === undefined ? undefined : DEFAULT_SCRIPT[language]
  if (fallback !== undefined && !steps.some((s) => s.name === 'script')) {
    const l = keyLine(doc, 'language')
    steps.push({ loc: link(path, l, `${fallback} (default script for ${language})`), name: 'script', run: fallback, ...(l !== undefined ? { runLine: l } : {}), canFail: false, disabled: null, via: [] })
  }
  return { system: 'travis', file: path, ...(line !== undefined ? { line } : {}), id, name, triggers: t, disabled: null, canFail: false, steps, images: [], services: list(get(doc, 'services')).flatMap((s) => (str(s) ? [str(s)!] : [])), via: [] }
}

function readIf(cond: unknown, t: CiTriggers): CiTriggers {
  const c = str(cond)?.toLowerCase().replace(/\s+/g, ' ').trim()
  if (c === undefined || c.includes(' or ') || c.length > 500) return t
  let out = t
  for (const part of c.split(' and ')) {
    const rule = IF_RULES.find((r) => r.fragment.test(part.trim()))
    if (rule) out = restrict(out, rule.keep)
  }
  return out
}
