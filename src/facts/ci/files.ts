import { basename, dirname } from '../snapshot.js'
import type { CiSystem } from './types.js'

/**
 * Where CI lives: the one table of CI configuration files. The CI collector finds and parses them
 * from it, service views of a monorepo keep them (and the folders around them: scripts, templates,
 * hooks), and the deployment collector never reads them as deployment manifests. Add a CI system
 * here and every one of those follows.
 *
 * `homes` are literal path prefixes (a file, or a folder ending in `/`) under which the kind's
 * files live; `match` then says which of those files are configurations the system runs. A home
 * is also what service views share: `.buildkite/` keeps the pipeline's scripts next to it.
 *
 * Traps: a workflow is only run from the workflows folder itself (not from a subfolder, not as
 * `.yml.disabled`); GitLab and Azure let a project point at another file name in its settings,
 * which we cannot see; Cloud Build and CodeBuild configurations may be anywhere, but only the
 * conventional root names are read.
 */

export type CiFileKindId =
  | 'github-actions'
  | 'gitea-forgejo'
  | 'gitlab-ci'
  | 'circleci'
  | 'azure-pipelines'
  | 'jenkins'
  | 'travis'
  | 'bitbucket-pipelines'
  | 'woodpecker'
  | 'drone'
  | 'drone-script'
  | 'buildkite'
  | 'cirrus'
  | 'cirrus-script'
  | 'semaphore'
  | 'appveyor'
  | 'codebuild'
  | 'cloud-build'
  | 'teamcity'
  | 'tekton'

export interface CiFileKind {
  readonly id: CiFileKindId
  readonly system: CiSystem
  /** Path prefixes holding the kind's files (and the scripts next to them). */
  readonly homes: readonly string[]
  readonly match: (path: string) => boolean
}

const isYaml = (p: string): boolean => p.endsWith('.yml') || p.endsWith('.yaml')
const rootFile = (p: string): boolean => !p.includes('/')

/** Workflow files GitHub (or Gitea/Forgejo) runs: directly in the workflows directory, `.yml`/`.yaml` only. */
export function isWorkflowFile(path: string, dir: string): boolean {
  return dirname(path) === dir && isYaml(basename(path))
}

const AZURE_DIRS = new Set(['.azure-pipelines', '.azuredevops', 'azure-pipelines'])

/** In reporting order; a path belongs to the first kind that matches it. */
export const CI_FILES: readonly CiFileKind[] = [
  { id: 'github-actions', system: 'github-actions', homes: ['.github/'], match: (p) => isWorkflowFile(p, '.github/workflows') },
  { id: 'gitlab-ci', system: 'gitlab-ci', homes: ['.gitlab-ci.yml', '.gitlab/'], match: (p) => p === '.gitlab-ci.yml' },
  { id: 'circleci', system: 'circleci', homes: ['.circleci/'], match: (p) => p === '.circleci/config.yml' || p === '.circleci/config.yaml' },
  {
    id: 'azure-pipelines',
    system: 'azure-pipelines',
    homes: ['azure-pipelines', '.azure-pipelines/', '.azuredevops/'],
    match: (p) => p === 'azure-pipelines.yml' || p === 'azure-pipelines.yaml' || (AZURE_DIRS.has(dirname(p)) && isYaml(p))
  },
  { id: 'jenkins', system: 'jenkins', homes: ['Jenkinsfile', 'jenkins/'], match: (p) => (rootFile(p) && (p === 'Jenkinsfile' || p.startsWith('Jenkinsfile.'))) || (dirname(p) === 'jenkins' && p.endsWith('.groovy')) },
  { id: 'travis', system: 'travis', homes: ['.travis.yml'], match: (p) => p === '.travis.yml' },
  { id: 'bitbucket-pipelines', system: 'bitbucket-pipelines', homes: ['bitbucket-pipelines.yml'], match: (p) => p === 'bitbucket-pipelines.yml' },
  // Woodpecker reads `.woodpecker/*.y*ml` when the folder exists, else the single file.
  { id: 'woodpecker', system: 'woodpecker', homes: ['.woodpecker'], match: (p) => p === '.woodpecker.yml' || p === '.woodpecker.yaml' || (dirname(p) === '.woodpecker' && isYaml(p)) },
  { id: 'drone', system: 'drone', homes: ['.drone.'], match: (p) => p === '.drone.yml' || p === '.drone.yaml' },
  { id: 'drone-script', system: 'drone', homes: ['.drone.'], match: (p) => p === '.drone.star' || p === '.drone.jsonnet' },
  { id: 'buildkite', system: 'buildkite', homes: ['.buildkite/', 'buildkite.'], match: (p) => (dirname(p) === '.buildkite' && isYaml(p)) || p === 'buildkite.yml' || p === 'buildkite.yaml' },
  { id: 'cirrus', system: 'cirrus', homes: ['.cirrus.'], match: (p) => p === '.cirrus.yml' || p === '.cirrus.yaml' },
  { id: 'cirrus-script', system: 'cirrus', homes: ['.cirrus.'], match: (p) => p === '.cirrus.star' },
  { id: 'semaphore', system: 'semaphore', homes: ['.semaphore/'], match: (p) => dirname(p) === '.semaphore' && isYaml(p) },
  { id: 'appveyor', system: 'appveyor', homes: ['appveyor.yml', '.appveyor.yml'], match: (p) => p === 'appveyor.yml' || p === '.appveyor.yml' },
  { id: 'codebuild', system: 'codebuild', homes: ['buildspec'], match: (p) => rootFile(p) && /^buildspec[\w.-]{0,60}\.ya?ml$/.test(p) },
  { id: 'cloud-build', system: 'cloud-build', homes: ['cloudbuild'], match: (p) => rootFile(p) && /^cloudbuild[\w.-]{0,60}\.ya?ml$/.test(p) },
  { id: 'teamcity', system: 'teamcity', homes: ['.teamcity/'], match: (p) => p.startsWith('.teamcity/') && p.endsWith('.kts') },
  { id: 'tekton', system: 'tekton', homes: ['.tekton/'], match: (p) => p.startsWith('.tekton/') && isYaml(p) },
  // Gitea and Forgejo Actions: the GitHub format, run by another forge.
  { id: 'gitea-forgejo', system: 'other', homes: ['.gitea/', '.forgejo/'], match: (p) => isWorkflowFile(p, '.gitea/workflows') || isWorkflowFile(p, '.forgejo/workflows') }
]

/** Every home of every kind, once. */
export const CI_HOMES: readonly string[] = [...new Set(CI_FILES.flatMap((k) => k.homes))]
const HOMES = CI_HOMES
/** First characters of every home: a listing of 100k files costs one character test per file. */
const FIRST_CHARS = new Set(HOMES.map((h) => h.charCodeAt(0)))

/** The kind of CI file a path is, or undefined. */
export function ciFileKind(path: string): CiFileKind | undefined {
  if (!FIRST_CHARS.has(path.charCodeAt(0))) return undefined
  return CI_FILES.find((k) => k.homes.some((h) => path.startsWith(h)) && k.match(path))
}

/**
 * A path under some CI system's home: its configuration and what lives beside it (scripts,
 * templates, local actions, hooks). Shared by every service view; never a deployment manifest.
 */
export function isCiHome(path: string): boolean {
  return FIRST_CHARS.has(path.charCodeAt(0)) && HOMES.some((h) => path.startsWith(h))
}
