import type { CiJob, CiStep } from '../types.js'
import { get, isMap, keyLine, str } from '../../parse/yaml.js'
import { joinedScript, link, readYaml, stringMap, triggers, type ParseContext } from './common.js'
import { substituteEnv } from './github-env.js'

/**
 * AWS CodeBuild (`buildspec*.yml` at the root): one job whose steps are the `commands` of the
 * phases `install`, `pre_build`, `build`, `post_build` (and their `finally` blocks), with
 * `env.variables` substituted. A phase with `on-failure: CONTINUE` cannot fail the build. Which
 * events start the build (webhook filter groups on pull requests or pushes) is set in the
 * CodeBuild project, not in the repository: the triggers are marked as set outside.
 */

const PHASES = ['install', 'pre_build', 'build', 'post_build'] as const

export function parseCodebuild(ctx: ParseContext, path: string): CiJob[] {
  const doc = readYaml(ctx, path)
  if (doc === undefined) return []
  const phases = get(doc, 'phases')
  if (!isMap(doc) || !isMap(phases)) {
    ctx.problems.push({ path, line: 1, message: 'buildspec has no `phases:` mapping' })
    return []
  }
  const vars = new Map<string, readonly string[]>()
  for (const [k, v] of Object.entries(stringMap(get(get(doc, 'env'), 'variables')))) if (!v.includes('\n')) vars.set(k, [v])
  const steps: CiStep[] = []
  for (const phase of PHASES) {
    const p = get(phases, phase)
    const canFail = str(get(p, 'on-failure'))?.toUpperCase().startsWith('CONTINUE') === true
    for (const holder of [p, get(p, 'finally')]) {
      const joined = joinedScript(holder, 'commands')
      if (joined === undefined) continue
      steps.push({ loc: link(path, joined.line, joined.script), name: phase, run: substituteEnv(joined.script, vars), ...(joined.line !== undefined ? { runLine: joined.line } : {}), canFail, disabled: null, via: [] })
    }
  }
  const t = triggers({}, ['CodeBuild webhook'], { outside: 'the CodeBuild project, set in AWS, decides which events start this build' })
  return [{ system: 'codebuild', file: path, line: keyLine(doc, 'phases') ?? 1, id: path, name: path, triggers: t, disabled: null, canFail: false, steps, images: [], services: [], via: [] }]
}
