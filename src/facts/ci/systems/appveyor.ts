import type { CiJob, CiStep } from '../types.js'
import { get, isMap, itemLine, keyLine, list, str, strings, valueLine } from '../../parse/yaml.js'
import { link, readYaml, triggers, type ParseContext } from './common.js'

/**
 * AppVeyor (`appveyor.yml`, `.appveyor.yml`): one job whose steps are the phases in order
 * (`install`, `before_build`, `build_script`, …, `test_script`, `after_test`); items are a command
 * string or `{cmd|ps|pwsh|sh: …}`. `on_finish` and `on_failure` check nothing that fails the
 * build. `build: off` and `test: off` switch the automatic phases off; `build: {project: x.sln}`
 * without `build_script` runs MSBuild on it. AppVeyor builds pushes and pull requests by default;
 * `branches: only:` filters pushes (for a pull request it is the target branch), and
 * `skip_non_tags: true` leaves tag builds only.
 */

const PHASES: readonly (readonly [string, boolean])[] = [
  ['init', false],
  ['install', false],
  ['before_build', false],
  ['build_script', false],
  ['after_build', false],
  ['before_test', false],
  ['test_script', false],
  ['after_test', false],
  ['on_success', false],
  ['on_failure', true],
  ['on_finish', true]
]
const ITEM_KEYS = ['cmd', 'ps', 'pwsh', 'sh'] as const

export function parseAppveyor(ctx: ParseContext, path: string): CiJob[] {
  const doc = readYaml(ctx, path)
  if (doc === undefined) return []
  if (!isMap(doc)) {
    ctx.problems.push({ path, line: 1, message: 'AppVeyor configuration is not a YAML mapping' })
    return []
  }
  const steps: CiStep[] = []
  for (const [phase, canFail] of PHASES) {
    const node = get(doc, phase)
    list(node).forEach((item, i) => {
      const text = str(item) ?? ITEM_KEYS.map((k) => str(get(item, k))).find((x) => x !== undefined)
      if (text === undefined || text.trim() === '') return
      const line = Array.isArray(node) ? itemLine(node, i) : valueLine(doc, phase)
      steps.push({ loc: link(path, line, text), name: phase, run: text, ...(line !== undefined ? { runLine: line } : {}), canFail, disabled: null, via: [] })
    })
  }
  const build = get(doc, 'build')
  const project = str(get(build, 'project'))
  if (project !== undefined && get(doc, 'build_script') === undefined && build !== 'off' && build !== false) {
    const line = keyLine(build, 'project')
    steps.unshift({ loc: link(path, line, `build: project: ${project}`), name: 'build', run: `msbuild ${project}`, ...(line !== undefined ? { runLine: line } : {}), canFail: false, disabled: null, via: [] })
  }
  const tagsOnly = get(doc, 'skip_non_tags') === true
  const t = tagsOnly ? triggers({}, ['tag']) : triggers({ pullRequest: true, push: true }, ['push', 'pull_request'])
  const image = strings(get(doc, 'image'))
  return [{ system: 'appveyor', file: path, line: 1, id: path, name: 'appveyor', triggers: t, disabled: null, canFail: false, steps, images: image, services: strings(get(doc, 'services')), via: [] }]
}
