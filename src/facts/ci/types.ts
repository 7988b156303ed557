import type { ParseProblem } from '../parse/problem.js'
/**
 * The CI model: what every CI system Shipshape understands boils down to, and the commands those
 * pipelines really run once every indirection (make, npm scripts, tox, nox, pre-commit, shell
 * scripts, composite actions, …) has been followed. Facts hold no opinions: whether a command is
 * a linter is the checks' business (their catalogues), not this module's.
 */

export type CiSystem =
  | 'github-actions'
  | 'gitlab-ci'
  | 'circleci'
  | 'azure-pipelines'
  | 'pre-commit.ci'
  | 'jenkins'
  | 'travis'
  | 'bitbucket-pipelines'
  | 'woodpecker'
  | 'drone'
  | 'buildkite'
  | 'cirrus'
  | 'semaphore'
  | 'appveyor'
  | 'codebuild'
  | 'cloud-build'
  | 'teamcity'
  | 'tekton'
  | 'other'

/** One link of an evidence chain: where a command or indirection was found. */
export interface ChainLink {
  /** Repo-relative path. */
  readonly path: string
  /** 1-based line, when known. */
  readonly line?: number
  /** Short text shown for this link, e.g. `make lint` or `flake8 src`. */
  readonly text: string
}

/** When a job runs. */
export interface CiTriggers {
  /** Runs for pull/merge requests: pull_request, pull_request_target, merge_group, GitLab MR pipelines, Azure `pr:`, CircleCI/Travis PR builds. */
  readonly pullRequest: boolean
  readonly push: boolean
  readonly schedule: boolean
  /** workflow_dispatch, repository_dispatch, manual `when:`. */
  readonly manual: boolean
  /** Raw event names as written (for evidence). */
  readonly events: readonly string[]
  /** PR path filters (`paths`), when the PR trigger has them. */
  readonly prPaths?: readonly string[]
  readonly prPathsIgnore?: readonly string[]
  /** PR target branch filters (`branches`), when present. */
  readonly prBranches?: readonly string[]
  /**
   * Why the events that start the job cannot be read from the repository, when they cannot (a
   * Cloud Build or CodeBuild trigger is set in the cloud project): it may run on pull requests or
   * not, so what it runs is neither counted on pull requests nor held against them.
   */
  readonly outside?: string
}

export const NO_TRIGGERS: CiTriggers = { pullRequest: false, push: false, schedule: false, manual: false, events: [] }

export interface ActionRef {
  /** As written: `actions/checkout@v4`, `./.github/actions/setup`, `docker://alpine`, `Npm@1` (Azure task), `circleci/python@2` (orb). */
  readonly raw: string
  /** Without the version: `actions/checkout`, `github/codeql-action/analyze`, `./.github/actions/setup`. Lower-cased for remote refs. */
  readonly name: string
  readonly version?: string
  /** `with:` / `inputs:` values as strings. */
  readonly with: Readonly<Record<string, string>>
  readonly local: boolean
}

export interface CiStep {
  /** Where the step is declared. */
  readonly loc: ChainLink
  readonly name?: string
  /** Shell script of a `run:`/`script:`/`command:` step. */
  readonly run?: string
  /** 1-based line where the script text starts (for line numbers of commands inside it). */
  readonly runLine?: number
  readonly uses?: ActionRef
  /** continue-on-error / allow_failure on the step. */
  readonly canFail: boolean
  /** Why the step never runs (`if: false`, commented out), or null. */
  readonly disabled: string | null
  readonly workingDirectory?: string
  /** Call chain leading here (composite actions, reusable workflows, includes), outermost first. */
  readonly via: readonly ChainLink[]
  /**
   * The repository whose checkout the step runs in, when an earlier step replaced the workspace
   * with another repository's (`actions/checkout` with `repository:` and no `path:`): its commands
   * are that repository's, not this one's.
   */
  readonly elsewhere?: string
  /**
   * The workspace directory this repository was checked out into, when an earlier step put it
   * below the workspace root (`actions/checkout` with `path:`): `cd P/scripts` there is the
   * repository's `scripts`.
   */
  readonly checkoutPath?: string
  /** When the step runs, if it narrows its job's triggers (a Woodpecker or Drone step `when:`, a Buildkite `if:`). */
  readonly triggers?: CiTriggers
  /**
   * Why what the step runs is not visible here, when it is not (an image's default command, a
   * pipeline generated at run time, a Starlark configuration): such a step may do any practice's job.
   */
  readonly opaque?: string
}

export interface CiJob {
  readonly system: CiSystem
  /** The CI file that declares the job. */
  readonly file: string
  readonly line?: number
  readonly id: string
  readonly name: string
  readonly triggers: CiTriggers
  /** Why the job never runs (`if: false`, `when: never`), or null. */
  readonly disabled: string | null
  /** continue-on-error / allow_failure on the job. */
  readonly canFail: boolean
  readonly steps: readonly CiStep[]
  /** Job-level default working directory. */
  readonly workingDirectory?: string
  /** Docker images the job runs in (`container:`, `image:`), informative. */
  readonly images: readonly string[]
  /** Service containers (`services:`): test infrastructure, never the app's health endpoint. */
  readonly services: readonly string[]
  /** Reusable workflow / include chain leading to this job. */
  readonly via: readonly ChainLink[]
  /** Why the job's steps are not visible here (a remote reusable workflow), when they are not. */
  readonly opaque?: string
}

/** A simple command that CI (or a local hook) really runs, after following indirections. */
export interface ToolRun {
  /**
   * The command's words, with env assignments and wrappers (`uv run`, `poetry run`, `npx`,
   * `python -m`, `bundle exec`, `pnpm exec`, `sudo`, `time`, …) removed: argv[0] is the tool,
   * lower-cased basename (`./node_modules/.bin/eslint` → `eslint`, `bin/rubocop` → `rubocop`).
   */
  readonly argv: readonly string[]
  /** The command as written at its innermost link. */
  readonly text: string
  /** From the CI step (first) through every indirection to the command (last). */
  readonly chain: readonly ChainLink[]
  /** `ci`: a CI service runs it; `local`: only a local git hook / pre-commit without CI. */
  readonly where: 'ci' | 'local'
  readonly system: CiSystem | 'git-hook'
  readonly job?: CiJob
  readonly step?: CiStep
  readonly triggers: CiTriggers
  /** Why this command cannot fail its job (`|| true`, `set +e`, continue-on-error, `if: false`), or null. Tool flags such as `--exit-zero` are judged by the checks' catalogues. */
  readonly neutralised: string | null
  /** Directory the command runs in, repo-relative ('' for the root). */
  readonly cwd: string
  /** The pre-commit hook id this command came from. */
  readonly hookId?: string
  /** The command's output is tested (`test -z "$(gofmt -l .)"`), so it fails on findings. */
  readonly checkedOutput?: boolean
  /** A fixer followed by `git diff --exit-code` in the same script: it fails on changes. */
  readonly followedByDiffCheck?: boolean
  /** Run by pre-commit, where a hook that modifies files fails. */
  readonly failsOnChange?: boolean
  /** The command is a condition (`if cmd; then`), so its failure does not fail the step. */
  readonly inCondition?: boolean
  /** Synthesised from a build lifecycle or an action (e.g. `mvn checkstyle:check` bound to `verify`). */
  readonly synthetic?: boolean
  /**
   * Why Shipshape could not follow this command to what it really runs (a repository script that
   * is not in the checkout, an expression it cannot expand), when it could not.
   */
  readonly opaque?: string
  /**
   * A `git diff --quiet`-style test that cannot fail its script: the script commits and pushes what
   * changed (a fix-up job), or the test is an `if` condition none of whose branches fails.
   */
  readonly diffFixUp?: boolean
}

/**
 * A command a task runner declares (a Makefile target, a package.json script, a tox environment,
 * a nox session, a just recipe), resolved as if a developer ran it; its chain starts at the
 * declaration. Whether CI runs it is not said here: CI's own runs are in `CiFacts.runs`.
 */
export type DeclaredRun = Pick<ToolRun, 'argv' | 'text' | 'chain' | 'neutralised' | 'cwd' | 'checkedOutput' | 'followedByDiffCheck' | 'failsOnChange'>

/** An action, Azure task or CircleCI orb used by a job. */
export interface ActionUse {
  readonly action: ActionRef
  readonly chain: readonly ChainLink[]
  readonly system: CiSystem
  readonly job: CiJob
  readonly step: CiStep
  readonly triggers: CiTriggers
  readonly neutralised: string | null
}

export type { ParseProblem }

export interface CiFacts {
  /** CI configuration files found, per system (a file that never runs, e.g. `.yml.disabled`, is not listed). */
  readonly files: readonly { system: CiSystem; path: string }[]
  readonly jobs: readonly CiJob[]
  /** Every command run by CI or local hooks, resolved through indirections. */
  readonly runs: readonly ToolRun[]
  readonly actions: readonly ActionUse[]
  /** Unparseable CI files, unresolvable indirections worth mentioning. */
  readonly problems: readonly ParseProblem[]
}
