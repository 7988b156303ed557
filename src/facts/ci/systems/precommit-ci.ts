import type { CiJob } from '../types.js'
import { get, isMap, keyLine, strings } from '../../parse/yaml.js'
import { link, readYaml, triggers, type ParseContext } from './common.js'

/**
 * pre-commit.ci: the hosted service leaves no workflow, only a top-level `ci:` key in
 * `.pre-commit-config.yaml` (`autofix_prs`, `skip: [...]`). It runs every hook on each PR and on
 * pushes, so we model it as one job running `pre-commit run --all-files`, minus the skipped hooks.
 */

export const PRE_COMMIT_CONFIG = '.pre-commit-config.yaml'
export const PRE_COMMIT_CI_SCRIPT = 'pre-commit run --all-files'

export interface PreCommitCi {
  readonly job: CiJob
  /** Hook ids listed in `ci.skip`: pre-commit.ci does not run them. */
  readonly skip: ReadonlySet<string>
}

export function parsePreCommitCi(ctx: ParseContext, path = PRE_COMMIT_CONFIG): PreCommitCi | undefined {
  const doc = readYaml(ctx, path)
  if (!isMap(doc) || !Object.hasOwn(doc, 'ci')) return undefined
  const line = keyLine(doc, 'ci')
  const loc = link(path, line, 'ci: (pre-commit.ci)')
  const job: CiJob = {
    system: 'pre-commit.ci',
    file: path,
    ...(line !== undefined ? { line } : {}),
    id: 'pre-commit.ci',
    name: 'pre-commit.ci',
    triggers: triggers({ pullRequest: true, push: true }, ['pull_request', 'push']),
    disabled: null,
    canFail: false,
    steps: [{ loc, name: 'pre-commit.ci', run: PRE_COMMIT_CI_SCRIPT, ...(line !== undefined ? { runLine: line } : {}), canFail: false, disabled: null, via: [] }],
    images: [],
    services: [],
    via: []
  }
  return { job, skip: new Set(strings(get(get(doc, 'ci'), 'skip'))) }
}
