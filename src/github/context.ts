import { readFileSync } from 'node:fs'

/**
 * The run's GitHub context, read from the runner's environment and event payload when asked
 * (not at import time, unlike @actions/github's `context`), so tests and GHES runs control it.
 */
export interface PullRequestContext {
  readonly number: number
  readonly baseRef: string | null
  /** The PR base commit the score is compared against. */
  readonly baseSha: string | null
  readonly headSha: string | null
  /** `owner/repo` of the PR head; differs from the base for fork PRs. */
  readonly headRepo: string | null
  readonly isFork: boolean
}

export interface ActionContext {
  readonly eventName: string
  readonly owner: string | null
  readonly repo: string | null
  /** API base, e.g. https://api.github.com or https://ghes.example/api/v3. */
  readonly apiUrl: string
  /** Web base for links, e.g. https://github.com. */
  readonly serverUrl: string
  /** From the event payload's `repository.default_branch`, when present. */
  readonly defaultBranch: string | null
  /** pull_request / pull_request_target events only. */
  readonly pullRequest: PullRequestContext | null
  /** workflow_run events only: the run that finished, as GitHub describes it (trusted, unlike its artifacts). */
  readonly workflowRun: WorkflowRunContext | null
}

export interface WorkflowRunContext {
  /** The commit the finished run ran on (for a pull_request run, the PR head). */
  readonly headSha: string | null
  /** The event that started it, e.g. pull_request. */
  readonly event: string | null
  /** Pull requests of this repository GitHub links to the run; empty for fork PRs. */
  readonly pullRequests: readonly number[]
}

type Env = Readonly<Record<string, string | undefined>>

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

/** Events whose payload carries a pull request Shipshape may comment on. */
const PR_EVENTS = new Set(['pull_request', 'pull_request_target'])

export function readActionContext(env: Env, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): ActionContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  let payload: Record<string, unknown> = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      const parsed: unknown = JSON.parse(readFile(env.GITHUB_EVENT_PATH))
      if (isObj(parsed)) payload = parsed
    } catch {
      // A missing or unreadable payload leaves the context without PR details.
    }
  }
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const repository = isObj(payload.repository) ? payload.repository : {}
  const pr = isObj(payload.pull_request) ? payload.pull_request : null
  let pullRequest: PullRequestContext | null = null
  if (pr && PR_EVENTS.has(eventName) && typeof pr.number === 'number') {
    const head = isObj(pr.head) ? pr.head : {}
    const base = isObj(pr.base) ? pr.base : {}
    const headRepoObj = isObj(head.repo) ? head.repo : null
    const baseRepoObj = isObj(base.repo) ? base.repo : null
    const headRepo = headRepoObj ? str(headRepoObj.full_name) : null
    const baseRepo = (baseRepoObj ? str(baseRepoObj.full_name) : null) ?? (owner && repo ? `${owner}/${repo}` : null)
    pullRequest = {
      number: pr.number,
      baseRef: str(base.ref),
      baseSha: str(base.sha),
      headSha: str(head.sha),
      headRepo,
      // A deleted fork has head.repo null: treat as a fork (its token is read-only too).
      isFork: headRepoObj === null || (headRepo !== null && baseRepo !== null && headRepo.toLowerCase() !== baseRepo.toLowerCase())
    }
  }
  const run = eventName === 'workflow_run' && isObj(payload.workflow_run) ? payload.workflow_run : null
  const workflowRun: WorkflowRunContext | null = run
    ? {
        headSha: str(run.head_sha),
        event: str(run.event),
        pullRequests: Array.isArray(run.pull_requests) ? run.pull_requests.filter(isObj).map((p) => p.number).filter((n): n is number => typeof n === 'number') : []
      }
    : null
  return {
    eventName,
    owner: str(owner),
    repo: str(repo),
    apiUrl: (str(env.GITHUB_API_URL) ?? 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl: (str(env.GITHUB_SERVER_URL) ?? 'https://github.com').replace(/\/+$/, ''),
    defaultBranch: str(repository.default_branch),
    pullRequest,
    workflowRun
  }
}
