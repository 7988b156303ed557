import { RunMemo } from '../run-memo.js'
import { filesWhere } from '../recording-snapshot.js'
import { joinPath } from '../paths.js'
import type { Snapshot } from '../snapshot.js'
import { CI_FILES, ciFileKind, type CiFileKindId } from './files.js'
import { collectLocalHooks, resolveImageBuild, resolveScript, type ResolvedCommand, collectDeclared } from './resolve/index.js'
import { registerImage } from './resolve/containers.js'
import type { BuiltImage } from './resolve/engine.js'
import { actionScript } from './systems/action-scripts.js'
import { parseAppveyor } from './systems/appveyor.js'
import { parseAzurePipelines } from './systems/azure.js'
import { parseBitbucket } from './systems/bitbucket.js'
import { parseBuildkite } from './systems/buildkite.js'
import { parseCircleci } from './systems/circleci.js'
import { parseCirrus } from './systems/cirrus.js'
import { parseCloudBuild } from './systems/cloud-build.js'
import { parseCodebuild } from './systems/codebuild.js'
import { opaqueConfig, type ParseContext } from './systems/common.js'
import { parseDrone } from './systems/drone.js'
import { parseGithubWorkflows } from './systems/github.js'
import { parseGitlab } from './systems/gitlab.js'
import { imageBuildOf } from './systems/image-builds.js'
import { parseJenkinsfile } from './systems/jenkins.js'
import { parsePreCommitCi, PRE_COMMIT_CONFIG } from './systems/precommit-ci.js'
import { parseSemaphore } from './systems/semaphore.js'
import { parseTeamcity } from './systems/teamcity.js'
import { parseTekton } from './systems/tekton.js'
import { parseTravis } from './systems/travis.js'
import { parseWoodpecker } from './systems/woodpecker.js'
import { NO_TRIGGERS, type ActionUse, type ChainLink, type CiFacts, type CiJob, type CiStep, type CiSystem, type DeclaredRun, type ParseProblem, type ToolRun } from './types.js'

export * from './types.js'

/**
 * Collects CI facts: finds the CI files of every system in one pass over the file list, parses
 * them into jobs and steps, then resolves each step's script (and the commands some actions stand
 * for) through make/npm/tox/pre-commit/… into ToolRuns, and adds local git hooks. Facts only: no
 * judgement about what a command is. A broken file becomes a ParseProblem, never a throw.
 */

type Parse = (ctx: ParseContext, paths: readonly string[]) => CiJob[]

const each =
  (fn: (ctx: ParseContext, path: string) => CiJob[]): Parse =>
  (ctx, paths) =>
    paths.flatMap((p) => fn(ctx, p))

/** The parser of each kind of CI file (files.ts says which files are which). */
const PARSERS: Readonly<Record<CiFileKindId, Parse>> = {
  'github-actions': (ctx, paths) => parseGithubWorkflows(ctx, paths),
  'gitea-forgejo': (ctx, paths) => parseGithubWorkflows(ctx, paths, 'other'),
  'gitlab-ci': each(parseGitlab),
  circleci: each(parseCircleci),
  'azure-pipelines': parseAzurePipelines,
  jenkins: each(parseJenkinsfile),
  travis: each(parseTravis),
  'bitbucket-pipelines': each(parseBitbucket),
  woodpecker: parseWoodpecker,
  drone: each(parseDrone),
  'drone-script': each((_ctx, path) => [opaqueConfig('drone', path, 'a Starlark or Jsonnet configuration generates the Drone pipelines at run time')]),
  buildkite: parseBuildkite,
  cirrus: each(parseCirrus),
  'cirrus-script': each((_ctx, path) => [opaqueConfig('cirrus', path, 'a Starlark configuration generates the Cirrus tasks at run time')]),
  semaphore: parseSemaphore,
  appveyor: each(parseAppveyor),
  codebuild: each(parseCodebuild),
  'cloud-build': parseCloudBuild,
  teamcity: parseTeamcity,
  tekton: parseTekton
}

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
  'bitbucket-pipelines': 'allowed to fail',
  woodpecker: 'failure: ignore',
  drone: 'failure: ignore',
  buildkite: 'soft_fail',
  cirrus: 'allow_failures',
  semaphore: 'allowed to fail',
  appveyor: 'allow_failures',
  codebuild: 'on-failure: CONTINUE',
  'cloud-build': 'allowFailure: true',
  teamcity: 'allowed to fail',
  tekton: 'onError: continue'
}

/** Steps whose failures are ignored by design (GitLab `after_script`, Travis `after_*`, Bitbucket `after-script`). */
const AFTER_SECTIONS = new Set(['after_script', 'after_success', 'after_failure', 'after-script'])

export function collectCi(snapshot: Snapshot, self?: string): CiFacts {
  const problems: ParseProblem[] = []
  const ctx: ParseContext = { snapshot, problems, ...(self ? { self } : {}) }
  // Parsed build files and resolved scripts, shared by every step of this collection.
  const memo = new RunMemo()
  const found = CI_FILES.map(() => [] as string[])
  let hasPreCommit = false
  for (const path of filesWhere(snapshot, isCiListed)) {
    if (path === PRE_COMMIT_CONFIG) hasPreCommit = true
    const kind = ciFileKind(path)
    if (kind !== undefined) found[CI_FILES.indexOf(kind)]!.push(path)
  }
  const files: { system: CiSystem; path: string }[] = []
  const jobs: CiJob[] = []
  CI_FILES.forEach((kind, i) => {
    const paths = found[i]!
    if (paths.length === 0) return
    for (const path of paths) files.push({ system: kind.system, path })
    jobs.push(...guard(problems, paths[0]!, () => PARSERS[kind.id](ctx, paths), []))
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
    // Images built by earlier steps of the job, so a later `docker run IMAGE` runs their Dockerfile.
    const images = new Map<string, BuiltImage>()
    for (const step of job.steps) {
      const chain: ChainLink[] = [...job.via, ...step.via, step.loc]
      const neutralised = neutraliser(job, step)
      const cwd = step.workingDirectory ?? job.workingDirectory ?? ''
      // One run per distinct resolved command of a step: a Makefile's `$(shell …)` variable is
      // expanded at every reference, which repeated the same command thousands of times (a large
      // repository's CI reached 78,000 runs), and every practice check read them all.
      const seen = new Set<string>()
      const emit = (script: string, line: number | undefined, dir: string): void => {
        const resolved = guard(problems, step.loc.path, () => resolveScript(script, { snapshot, memo, path: step.loc.path, ...(line !== undefined ? { line } : {}), cwd: dir, chain, images, ...(step.checkoutPath !== undefined ? { checkoutPath: step.checkoutPath } : {}) }), [])
        for (const rc of resolved) {
          if (skip !== undefined && rc.hookId !== undefined && skip.has(rc.hookId)) continue
          const key = runKey(rc)
          if (seen.has(key)) continue
          seen.add(key)
          runs.push(toolRun(rc, job, step, neutralised))
        }
      }
      if (step.uses !== undefined) {
        actions.push({ action: step.uses, chain, system: job.system, job, step, triggers: step.triggers ?? job.triggers, neutralised })
        rememberActionImage(images, step.uses.name, step.uses.with, cwd)
        const synthetic = actionScript(job.system, step.uses)
        if (synthetic !== undefined) emit(synthetic.script, step.loc.line, synthetic.cwd ?? cwd)
        // An image built from this repository runs its Dockerfile's RUN instructions (tests, linters) in CI.
        const image = imageBuildOf(job.system, step.uses)
        if (image !== undefined) for (const rc of guard(problems, step.loc.path, () => resolveImageBuild(snapshot, image, chain, memo), [])) runs.push(toolRun(rc, job, step, neutralised))
      }
      // A step running in another repository's checkout runs that repository's commands: none of this one's.
      if (step.run !== undefined && step.elsewhere === undefined) emit(step.run, step.runLine, cwd)
    }
  }
  for (const rc of guard(problems, '', () => collectLocalHooks(snapshot), [])) runs.push(localRun(rc))
  return { files, jobs, runs, actions, problems }
}

/**
 * The task runners' declared commands of a snapshot, resolved when first asked (a check whose
 * practice CI runs never asks) and then once. Bound to the snapshot by the caller, not kept in
 * reusable CI facts: the PR base must never read the head's task files.
 */
export function collectDeclaredRuns(snapshot: Snapshot): readonly DeclaredRun[] {
  return guard([], '', () => collectDeclared(snapshot), [])
}

/**
 * A build-push action (docker's, or a fork's: same inputs) with `tags:` builds images a later
 * `docker run` of the same job may start: remembered with their Dockerfile and context.
 */
function rememberActionImage(images: Map<string, BuiltImage>, name: string, w: Readonly<Record<string, string>>, cwd: string): void {
  if (!name.endsWith('/build-push-action') || w.tags === undefined) return
  const contextRaw = w.context ?? '.'
  if (contextRaw.includes('$') || contextRaw.includes('://')) return
  const context = joinPath(cwd, contextRaw)
  const dockerfile = w.file !== undefined && !w.file.includes('$') ? joinPath(cwd, w.file) : context !== undefined ? joinPath(context, 'Dockerfile') : undefined
  if (context === undefined || dockerfile === undefined) return
  for (const tag of w.tags.split(/[\n,]+/)) registerImage(images, tag, { dockerfile, context, ...(w.target ? { target: w.target } : {}) })
}

/** The listed files the collector starts from: every system's CI files and the pre-commit config. */
function isCiListed(path: string): boolean {
  return path === PRE_COMMIT_CONFIG || ciFileKind(path) !== undefined
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
/**
 * What makes two resolved commands of one step the same run: the chain (its last link by file, not
 * line: the same command written on several lines of one recipe or script is one run), the command
 * and every flag.
 */
function runKey(rc: ResolvedCommand): string {
  const { chain, argv, ...rest } = rc
  const links = chain.map((l, i) => (i === chain.length - 1 ? `${l.path}::${l.text}` : `${l.path}:${l.line ?? ''}:${l.text}`))
  return `${links.join('\n')}\u0000${argv.join('\u0001')}\u0000${JSON.stringify(rest)}`
}

function toolRun(rc: ResolvedCommand, job: CiJob, step: CiStep, neutralised: string | null): ToolRun {
  const { argv, text, chain, neutralised: own, cwd, ...extra } = rc
  return { ...extra, argv, text, chain, where: 'ci', system: job.system, job, step, triggers: step.triggers ?? job.triggers, neutralised: neutralised ?? own, cwd }
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
