import { getOctokit } from '@actions/github'
import { defaults } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { VERSION } from '../version.js'
import { malformed, toApiError, type ApiError, type ApiResult } from './errors.js'

/**
 * The one interface in front of Octokit: only the calls Shipshape makes, each returning an
 * ApiResult (never throwing), each bounded by a per-request timeout and by a total time budget
 * so a slow or hostile API cannot hang the step. The token is handed to Octokit and never logged.
 */
export interface GitHubClient {
  readonly owner: string
  readonly repo: string
  /** API requests sent so far (retries included). */
  calls(): number
  getRepository(): Promise<ApiResult<RepositoryInfo>>
  /** Active rules for a branch from every ruleset (metadata:read), one page of 100. */
  getBranchRules(branch: string): Promise<ApiResult<readonly RuleItem[]>>
  /** The branch summary (contents:read): whether classic protection is on, without its rules. */
  getBranch(branch: string): Promise<ApiResult<{ readonly protected: boolean }>>
  /** Classic protection (administration:read); the raw body, parsed by collect.ts. */
  getBranchProtection(branch: string): Promise<ApiResult<Record<string, unknown>>>
  /** One page of workflow runs (actions:read). */
  listWorkflowRuns(query: { event?: string; status?: string; branch?: string; perPage?: number }): Promise<ApiResult<readonly WorkflowRun[]>>
  /** One page of tags (contents:read). */
  listTags(perPage?: number): Promise<ApiResult<readonly string[]>>
  /** Every comment of an issue/PR, 100 per page, at most `maxPages` pages. */
  listIssueComments(issue: number, maxPages?: number): Promise<ApiResult<readonly IssueComment[]>>
  createComment(issue: number, body: string): Promise<ApiResult<IssueComment>>
  updateComment(commentId: number, body: string): Promise<ApiResult<IssueComment>>
  deleteComment(commentId: number): Promise<ApiResult<null>>
  /** One pull request of this repository (pull-requests: read): its head commit and state. */
  getPullRequest(pullNumber: number): Promise<ApiResult<PullRequestInfo>>
  /** The token's user (works for personal tokens, 403 for installation tokens such as GITHUB_TOKEN). */
  getAuthenticatedUser(): Promise<ApiResult<{ readonly login: string; readonly type: string }>>
}

export interface RepositoryInfo {
  readonly defaultBranch: string
  readonly visibility: string | null
  readonly private: boolean
}

export interface PullRequestInfo {
  readonly number: number
  readonly state: string
  readonly headSha: string
  /** `owner/repo` of the base repository. */
  readonly baseRepo: string | null
}

export interface RuleItem {
  readonly type: string
  readonly parameters?: Record<string, unknown>
  readonly ruleset_source_type?: string
  readonly ruleset_source?: string
  readonly ruleset_id?: number
}

export interface WorkflowRun {
  readonly id: number
  readonly name: string | null
  readonly event: string
  readonly status: string | null
  readonly conclusion: string | null
  readonly headSha: string | null
  readonly runStartedAt: string | null
  readonly createdAt: string
  readonly updatedAt: string
}

export interface IssueComment {
  readonly id: number
  readonly body: string
  readonly user: { readonly login: string; readonly type: string } | null
  readonly htmlUrl: string
}

export interface ClientLogger {
  debug(message: string): void
}

export interface ClientOptions {
  readonly token: string
  /** API base URL, e.g. https://api.github.com or https://ghes.example/api/v3 (never taken from module-load time). */
  readonly baseUrl: string
  readonly owner: string
  readonly repo: string
  readonly logger?: ClientLogger
  /** Total time for every call of this client (default 20 s). */
  readonly budgetMs?: number
  /** Time for one call, retries included (default 10 s). */
  readonly timeoutMs?: number
  /** Retries for 5xx/429/network errors (default 2). */
  readonly retries?: number
  /** Base of the quadratic retry backoff and unit of retry-after (default 1000 ms; tests shrink it). */
  readonly retryUnitMs?: number
  /** Longest rate-limit wait honoured (default 10 s); longer waits degrade the fact instead. */
  readonly maxRateLimitWaitMs?: number
  /** Octokit's throttling (write spacing, rate-limit waits); default on. Unit tests turn it off. */
  readonly throttle?: boolean
  readonly now?: () => number
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

function toComment(v: unknown): IssueComment | null {
  if (!isObj(v) || typeof v.id !== 'number') return null
  const user = isObj(v.user) && typeof v.user.login === 'string' ? { login: v.user.login, type: str(v.user.type) ?? 'User' } : null
  return { id: v.id, body: str(v.body) ?? '', user, htmlUrl: str(v.html_url) ?? '' }
}

function toRun(v: unknown): WorkflowRun | null {
  if (!isObj(v) || typeof v.id !== 'number' || typeof v.updated_at !== 'string' || typeof v.created_at !== 'string') return null
  return { id: v.id, name: str(v.name), event: str(v.event) ?? '', status: str(v.status), conclusion: str(v.conclusion), headSha: str(v.head_sha), runStartedAt: str(v.run_started_at), createdAt: v.created_at, updatedAt: v.updated_at }
}

let clientSeq = 0

export function createGitHubClient(opts: ClientOptions): GitHubClient {
  const log = opts.logger ?? { debug: () => {} }
  const now = opts.now ?? Date.now
  const started = now()
  const budgetMs = opts.budgetMs ?? 20_000
  const timeoutMs = opts.timeoutMs ?? 10_000
  const unit = opts.retryUnitMs ?? 1000
  const maxWait = opts.maxRateLimitWaitMs ?? 10_000
  const { owner, repo } = opts
  let count = 0
  const remaining = () => budgetMs - (now() - started)
  const wantRetry = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
    const waitMs = retryAfter * unit
    const ok = retryCount < 1 && waitMs <= maxWait && waitMs < remaining()
    log.debug(`GitHub API ${kind} on ${options.method} ${options.url}: retry-after ${retryAfter}s, ${ok ? 'retrying once' : 'giving up'}`)
    return ok
  }
  const baseFetch: typeof fetch = (defaults.request as { fetch?: typeof fetch } | undefined)?.fetch ?? fetch
  const countingFetch = (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    count++
    // The URL carries no secret; the token travels in a header that is never logged.
    log.debug(`GitHub API request #${count}: ${init?.method ?? 'GET'} ${String(url)}`)
    return baseFetch(url, init)
  }
  const quiet = { debug: () => {}, info: () => {}, warn: (m: string) => log.debug(`octokit: ${m}`), error: (m: string) => log.debug(`octokit: ${m}`) }
  const octokit = getOctokit(
    opts.token,
    {
      baseUrl: opts.baseUrl.replace(/\/+$/, ''),
      userAgent: `shipshape/${VERSION}`,
      log: quiet,
      // Keep the toolkit's proxy-aware fetch (`request` here replaces its defaults wholesale),
      // wrapped to count and log every HTTP request actually sent, retries included.
      request: { ...defaults.request, fetch: countingFetch },
      retry: { retries: opts.retries ?? 2, retryAfterBaseValue: unit, doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
      throttle: {
        enabled: opts.throttle ?? true,
        // A distinct id per client: the plugin's write spacing is keyed by it, process-wide.
        id: `shipshape-${process.pid}-${++clientSeq}`,
        retryAfterBaseValue: unit,
        fallbackSecondaryRateRetryAfter: 60,
        onRateLimit: wantRetry('rate limit'),
        onSecondaryRateLimit: wantRetry('secondary rate limit')
      }
    },
    retry,
    throttling
  )
  async function call<T>(what: string, route: string, params: Record<string, unknown>, parse: (data: unknown) => T | undefined, permission?: string): Promise<ApiResult<T>> {
    const left = remaining()
    if (left <= 0) {
      log.debug(`GitHub API: skipped ${what}, the ${budgetMs} ms budget is spent`)
      return { ok: false, error: { kind: 'timeout', message: `the GitHub API time budget (${Math.round(budgetMs / 1000)} s) is spent` } }
    }
    const signal = AbortSignal.timeout(Math.max(1, Math.min(timeoutMs, left)))
    const t0 = now()
    try {
      const res = await octokit.request(route, { owner, repo, ...params, headers: { 'x-github-api-version': '2022-11-28' }, request: { signal } })
      const value = parse(res.data)
      log.debug(`GitHub API ${what}: ${res.status} in ${now() - t0} ms`)
      if (value === undefined) return { ok: false, error: malformed(what) }
      return { ok: true, value }
    } catch (err) {
      const error: ApiError = toApiError(err, { aborted: signal.aborted, ...(permission ? { permission } : {}) })
      log.debug(`GitHub API ${what}: ${error.kind} (${error.message}) in ${now() - t0} ms`)
      return { ok: false, error }
    }
  }

  return {
    owner,
    repo,
    calls: () => count,
    getRepository: () =>
      call('get repository', 'GET /repos/{owner}/{repo}', {}, (d) =>
        isObj(d) && typeof d.default_branch === 'string' ? { defaultBranch: d.default_branch, visibility: str(d.visibility), private: d.private === true } : undefined
      ),
    getBranchRules: (branch) =>
      call('get rules for a branch', 'GET /repos/{owner}/{repo}/rules/branches/{branch}', { branch, per_page: 100 }, (d) =>
        Array.isArray(d) ? d.filter((r): r is RuleItem => isObj(r) && typeof r.type === 'string') : undefined
      , 'metadata: read'),
    getBranch: (branch) =>
      call('get branch', 'GET /repos/{owner}/{repo}/branches/{branch}', { branch }, (d) => (isObj(d) && typeof d.protected === 'boolean' ? { protected: d.protected } : undefined), 'contents: read'),
    getBranchProtection: (branch) =>
      call('get branch protection', 'GET /repos/{owner}/{repo}/branches/{branch}/protection', { branch }, (d) => (isObj(d) ? d : undefined), 'administration: read'),
    listWorkflowRuns: (q) =>
      call(
        'list workflow runs',
        'GET /repos/{owner}/{repo}/actions/runs',
        { per_page: Math.min(100, q.perPage ?? 50), ...(q.event ? { event: q.event } : {}), ...(q.status ? { status: q.status } : {}), ...(q.branch ? { branch: q.branch } : {}), exclude_pull_requests: true },
        (d) => (isObj(d) && Array.isArray(d.workflow_runs) ? d.workflow_runs.map(toRun).filter((r): r is WorkflowRun => r !== null) : undefined),
        'actions: read'
      ),
    listTags: (perPage = 100) =>
      call('list tags', 'GET /repos/{owner}/{repo}/tags', { per_page: Math.min(100, perPage) }, (d) =>
        Array.isArray(d) ? d.filter((t) => isObj(t) && typeof t.name === 'string').map((t) => (t as { name: string }).name) : undefined
      , 'contents: read'),
    async listIssueComments(issue, maxPages = 10) {
      const all: IssueComment[] = []
      for (let page = 1; page <= maxPages; page++) {
        const res = await call(`list comments (page ${page})`, 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: issue, per_page: 100, page }, (d) =>
          Array.isArray(d) ? d.map(toComment).filter((c): c is IssueComment => c !== null) : undefined
        , 'pull-requests: read')
        if (!res.ok) return res
        all.push(...res.value)
        if (res.value.length < 100) break
      }
      return { ok: true, value: all }
    },
    createComment: (issue, body) =>
      call('create comment', 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: issue, body }, (d) => toComment(d) ?? undefined, 'pull-requests: write'),
    updateComment: (id, body) =>
      call('update comment', 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { comment_id: id, body }, (d) => toComment(d) ?? undefined, 'pull-requests: write'),
    deleteComment: (id) => call('delete comment', 'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', { comment_id: id }, () => null, 'pull-requests: write'),
    getPullRequest: (pullNumber) =>
      call('get pull request', 'GET /repos/{owner}/{repo}/pulls/{pull_number}', { pull_number: pullNumber }, (d) => {
        const head = isObj(d) && isObj(d.head) ? d.head : null
        const base = isObj(d) && isObj(d.base) && isObj(d.base.repo) ? d.base.repo : null
        return isObj(d) && typeof d.number === 'number' && head && typeof head.sha === 'string' ? { number: d.number, state: str(d.state) ?? '', headSha: head.sha, baseRepo: base ? str(base.full_name) : null } : undefined
      }, 'pull-requests: read'),
    getAuthenticatedUser: () =>
      call('get authenticated user', 'GET /user', {}, (d) => (isObj(d) && typeof d.login === 'string' ? { login: d.login, type: str(d.type) ?? 'User' } : undefined))
  }
}
