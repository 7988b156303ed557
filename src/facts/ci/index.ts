import { filesWhere } from '../asked.js'
import { dirname, type Snapshot } from '../snapshot.js'
import { collectLocalHooks, resolveScript, type ResolvedCommand } from './resolve/index.js'
import { actionScript } from './systems/action-scripts.js'
import { parseAzurePipelines } from './systems/azure.js'
import { parseBitbucket } from './systems/bitbucket.js'
import { parseCircleci } from './systems/circleci.js'
import type { ParseContext } from './systems/common.js'
import { isWorkflowFile, parseGithubWorkflows } from './systems/github.js'
import { parseGitlab } from './systems/gitlab.js'
import { parseJenkinsfile } from './systems/jenkins.js'
import { parsePreCommitCi, PRE_COMMIT_CONFIG } from './systems/precommit-ci.js'
import { parseTravis } from './systems/travis.js'
import { NO_TRIGGERS, type ActionUse, type ChainLink, type CiFacts, type CiJob, type CiStep, type CiSystem, type ParseProblem, type ToolRun } from './types.js'

export * from './types.js'

/**
 * Collects CI facts: finds the CI files of every system in one pass over the file list, parses
 * them into jobs and steps, then resolves each step's script (and the commands some actions stand
 * for) through make/npm/tox/pre-commit/… into ToolRuns, and adds local git hooks. Facts only: no
 * judgement about what a command is. A broken file becomes a ParseProblem, never a throw.
 */

type Parse = (ctx: ParseContext, paths: readonly string[]) => CiJob[]

interface CiFileKind {
  readonly system: CiSystem
  readonly match: (path: string) => boolean
  readonly parse: Parse
}

const AZURE_DIRS = new Set(['.azure-pipelines', '.azuredevops', 'azure-pipelines'])
const isYaml = (p: string): boolean => p.endsWith('.yml') || p.endsWith('.yaml')
const each =
  (fn: (ctx: ParseContext, path: string) => CiJob[]): Parse =>
  (ctx, paths) =>
    paths.flatMap((p) => fn(ctx, p))

/** Where CI lives (SIGNATURES.md §0.1): one row per kind of file, in reporting order. */
const CI_FILES: readonly CiFileKind[] = [
  { system: 'github-actions', match: (p) => isWorkflowFile(p, '.github/workflows'), parse: (ctx, paths) => parseGithubWorkflows(ctx, paths) },
  { system: 'gitlab-ci', match: (p) => p === '.gitlab-ci.yml', parse: each(parseGitlab) },
  { system: 'circleci', match: (p) => p === '.circleci/config.yml' || p === '.circleci/config.yaml', parse: each(parseCircleci) },
  {
    system: 'azure-pipelines',
    match: (p) => p === 'azure-pipelines.yml' || p === 'azure-pipelines.yaml' || (AZURE_DIRS.has(dirname(p)) && isYaml(p)),
    parse: parseAzurePipelines
  },
  { system: 'jenkins', match: (p) => (!p.includes('/') && (p === 'Jenkinsfile' || p.startsWith('Jenkinsfile.'))) || (dirname(p) === 'jenkins' && p.endsWith('.groovy')), parse: each(parseJenkinsfile) },
  { system: 'travis', match: (p) => p === '.travis.yml', parse: each(parseTravis) },
  { system: 'bitbucket-pipelines', match: (p) => p === 'bitbucket-pipelines.yml', parse: each(parseBitbucket) },
  // Gitea and Forgejo Actions: the GitHub format, run by another forge.
  { system: 'other', match: (p) => isWorkflowFile(p, '.gitea/workflows') || isWorkflowFile(p, '.forgejo/workflows'), parse: (ctx, paths) => parseGithubWorkflows(ctx, paths, 'other') }
]

/** Why a job or step that may fail cannot fail the pipeline, per system. */
const CAN_FAIL_LABEL: Readonly<Record<CiSystem, string>> = {
  'github-actions': 'continue-on-error: true',
  other: 'continue-on-error: true',
  'gitlab-ci': 'allow_failure: true',
  'azure-pipelines': 'continueOnError: true',
  circleci: 'allowed to fail',
  'pre-commit.ci': 'allowed to fail',
  jenkins: 'allowed to fail',
  travis: 'allowed to fail',
  'bitbucket-pipelines': 'allowed to fail'
}

/** Steps whose failures are ignored by design (GitLab `after_script`, Travis `after_*`, Bitbucket `after-script`). */
const AFTER_SECTIONS = new Set(['after_script', 'after_success', 'after_failure', 'after-script'])

export function collectCi(snapshot: Snapshot): CiFacts {
  const problems: ParseProblem[] = []
  const ctx: ParseContext = { snapshot, problems }
  const found = CI_FILES.map(() => [] as string[])
  let hasPreCommit = false
  for (const path of filesWhere(snapshot, isCiListed)) {
    if (path === PRE_COMMIT_CONFIG) hasPreCommit = true
    const i = CI_FILES.findIndex((k) => k.match(path))
    if (i >= 0) found[i]!.push(path)
  }
  const files: { system: CiSystem; path: string }[] = []
  const jobs: CiJob[] = []
  CI_FILES.forEach((kind, i) => {
    const paths = found[i]!
    if (paths.length === 0) return
    for (const path of paths) files.push({ system: kind.system, path })
    jobs.push(...guard(problems, paths[0]!, () => kind.parse(ctx, paths), []))
  })
  const preCommitCi = hasPreCommit ? guard(problems, PRE_COMMIT_CONFIG, () => parsePreCommitCi(ctx), undefined) : undefined
  if (preCommitCi) {
    files.push({ system: 'pre-commit.ci', path: PRE_COMMIT_CONFIG })
    jobs.push(preCommitCi.job)
  }

  const runs: ToolRun[] = []
  const actions: ActionUse[] = []
  for (const job of jobs) {
    const skip = job === preCommitCi?.job ? preCommitCi.skip : undefined
    for (const step of job.steps) {
      const chain: ChainLink[] = [...job.via, ...step.via, step.loc]
      const neutralised = neutraliser(job, step)
      const cwd = step.workingDirectory ?? job.workingDirectory ?? ''
      const emit = (script: string, line: number | undefined, dir: string): void => {
        const resolved = guard(problems, step.loc.path, () => resolveScript(script, { snapshot, path: step.loc.path, ...(line !== undefined ? { line } : {}), cwd: dir, chain }), [])
        for (const rc of resolved) {
          if (skip !== undefined && rc.hookId !== undefined && skip.has(rc.hookId)) continue
          runs.push(toolRun(rc, job, step, neutralised))
        }
      }
      if (step.uses !== undefined) {
        actions.push({ action: step.uses, chain, system: job.system, job, step, triggers: job.triggers, neutralised })
        const synthetic = actionScript(job.system, step.uses)
        if (synthetic !== undefined) emit(synthetic.script, step.loc.line, synthetic.cwd ?? cwd)
      }
      // A step running in another repository's checkout runs that repository's commands: none of this one's.
      if (step.run !== undefined && step.elsewhere === undefined) emit(step.run, step.runLine, cwd)
    }
  }
  for (const rc of guard(problems, '', () => collectLocalHooks(snapshot), [])) runs.push(localRun(rc))
  return { files, jobs, runs, actions, problems }
}

/** Cheap pre-filter so a 100k-file listing costs one string test per file. */
/** The listed files the collector starts from: every system's CI files and the pre-commit config. */
function isCiListed(path: string): boolean {
  return path === PRE_COMMIT_CONFIG || (maybeCi(path) && CI_FILES.some((k) => k.match(path)))
}

function maybeCi(path: string): boolean {
  const c = path.charCodeAt(0)
  // '.', 'a', 'b', 'j', 'J'
  return c === 0x2e || c === 0x61 || c === 0x62 || c === 0x6a || c === 0x4a
}

function neutraliser(job: CiJob, step: CiStep): string | null {
  if (job.disabled !== null) return job.disabled
  if (step.disabled !== null) return step.disabled
  if (job.canFail) return CAN_FAIL_LABEL[job.system]
  if (step.canFail) return step.name !== undefined && AFTER_SECTIONS.has(step.name) ? `${step.name} (failures ignored)` : CAN_FAIL_LABEL[job.system]
  return null
}

/**
 * A CI ToolRun from a resolved command. Extra facts the resolver adds (hookId, checkedOutput,
 * followedByDiffCheck, …) are passed through as they are, so checks can use them once the model
 * names them.
 */
function toolRun(rc: ResolvedCommand, job: CiJob, step: CiStep, neutralised: string | null): ToolRun {
  const { argv, text, chain, neutralised: own, cwd, ...extra } = rc
  return { ...extra, argv, text, chain, where: 'ci', system: job.system, job, step, triggers: job.triggers, neutralised: neutralised ?? own, cwd }
}

function localRun(rc: ResolvedCommand): ToolRun {
  const { argv, text, chain, neutralised, cwd, ...extra } = rc
  return { ...extra, argv, text, chain, where: 'local', system: 'git-hook', triggers: NO_TRIGGERS, neutralised, cwd }
}

function guard<T>(problems: ParseProblem[], path: string, fn: () => T, fallback: T): T {
  try {
    return fn()
  } catch (err) {
    problems.push({ path, message: `CI analysis failed: ${(err as Error)?.message ?? String(err)}` })
    return fallback
  }
}
