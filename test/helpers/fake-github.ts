import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A loopback fake of the GitHub REST endpoints Shipshape calls: a real HTTP server on 127.0.0.1
 * (undici's fetch bypasses in-process mocks), with GitHub's status codes and error bodies
 * (`{message, documentation_url, status}`), scriptable per test and recording every request.
 * Response shapes are checked against GitHub's OpenAPI description in
 * test/github/openapi-contract.test.ts; keep the builders below in step with it.
 */

export interface RecordedRequest {
  readonly method: string
  /** Path without the GHES prefix and without the query. */
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly body: unknown
  readonly authorization: string | undefined
}

export interface Reply {
  readonly status: number
  readonly body?: unknown
  /** Sent verbatim instead of JSON (malformed bodies). */
  readonly raw?: string
  readonly headers?: Readonly<Record<string, string>>
  readonly delayMs?: number
  /** Destroy the socket without answering. */
  readonly reset?: boolean
}

export interface FakeUser {
  readonly login: string
  readonly type: 'Bot' | 'User'
}

export interface StoredComment {
  id: number
  body: string
  user: FakeUser
  created_at: string
  updated_at: string
}

export type Route = 'repo' | 'rules' | 'branch' | 'protection' | 'runs' | 'tags' | 'list-comments' | 'create-comment' | 'update-comment' | 'delete-comment' | 'user' | 'pull'

const DOCS = 'https://docs.github.com/rest'

/** GitHub's error bodies, as observed (docs/design.md, "What a GitHub API answer means"). */
export const ERRORS = {
  integration: { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' } },
  upgrade: { status: 403, body: { message: 'Upgrade to GitHub Pro or make this repository public to enable this feature.', documentation_url: DOCS, status: '403' } },
  rateLimit: (resetEpochS: number): Reply => ({
    status: 403,
    body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: DOCS, status: '403' },
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '1000', 'x-ratelimit-reset': String(resetEpochS) }
  }),
  secondary: (retryAfterS: number): Reply => ({
    status: 403,
    body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: DOCS, status: '403' },
    headers: { 'retry-after': String(retryAfterS) }
  }),
  tooMany: (retryAfterS: number): Reply => ({ status: 429, body: { message: 'Too Many Requests', documentation_url: DOCS, status: '429' }, headers: { 'retry-after': String(retryAfterS) } }),
  badCredentials: { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS, status: '401' } },
  notFound: { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } },
  branchNotProtected: { status: 404, body: { message: 'Branch not protected', documentation_url: DOCS, status: '404' } },
  bodyTooLong: {
    status: 422,
    body: { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'Body is too long (maximum is 65536 characters)' }], documentation_url: DOCS, status: '422' }
  },
  server: (status = 500): Reply => ({ status, body: { message: status === 502 ? 'Server Error' : 'Internal Server Error', documentation_url: DOCS, status: String(status) } })
} satisfies Record<string, Reply | ((n: number) => Reply)>

export const ACTIONS_BOT_USER: FakeUser = { login: 'github-actions[bot]', type: 'Bot' }

export interface FakeGitHubOptions {
  /** Path prefix of the API, e.g. `/api/v3` for GHES. */
  readonly prefix?: string
  readonly owner?: string
  readonly repo?: string
}

/** Who a token authenticates as: `ghs_` installation tokens are the Actions bot. */
function userFor(authorization: string | undefined, users: Map<string, FakeUser>): FakeUser | null {
  const token = authorization?.replace(/^(token|bearer)\s+/i, '') ?? ''
  if (users.has(token)) return users.get(token)!
  if (token.startsWith('ghs_')) return ACTIONS_BOT_USER
  if (token.startsWith('ghp_')) return { login: 'octocat', type: 'User' }
  return null
}

export class FakeGitHub {
  readonly owner: string
  readonly repo: string
  readonly prefix: string
  readonly requests: RecordedRequest[] = []
  /** Comments per issue number. */
  readonly comments = new Map<number, StoredComment[]>()
  /** Branch → rules items for GET /rules/branches/{branch}. */
  rules: Record<string, unknown[]> = {}
  /** Branch → classic protection body; absent branch → 404 Branch not protected. */
  protection: Record<string, unknown> = {}
  runs: WorkflowRunSeed[] = []
  /** Pull request number → its head commit; absent → 404. */
  readonly pulls = new Map<number, string>()
  tags: string[] = []
  defaultBranch = 'main'
  /** Every write answers 403 "Resource not accessible by integration" (fork PR, read-only token). */
  readOnly = false
  /** Extra token → user mappings. */
  readonly users = new Map<string, FakeUser>()
  private server: Server | null = null
  private nextId = 1000
  private readonly scripted: { route: Route; reply: Reply; times: number }[] = []
  private readonly defaults = new Map<Route, Reply>()
  private listBarrier: { n: number; waiting: (() => void)[] } | null = null
  url = ''

  constructor(opts: FakeGitHubOptions = {}) {
    this.owner = opts.owner ?? 'acme'
    this.repo = opts.repo ?? 'api'
    this.prefix = opts.prefix ?? ''
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    const { port } = this.server.address() as AddressInfo
    this.url = `http://127.0.0.1:${port}${this.prefix}`
    return this
  }

  async stop(): Promise<void> {
    if (!this.server) return
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server!.close(() => resolve()))
    this.server = null
  }

  /** The next `times` requests to `route` get `reply` (queued in order). */
  script(route: Route, reply: Reply, times = 1): this {
    this.scripted.push({ route, reply, times })
    return this
  }

  /** Every request to `route` gets `reply` until cleared. */
  always(route: Route, reply: Reply): this {
    this.defaults.set(route, reply)
    return this
  }

  /** Holds the first `n` comment listings until all `n` arrived: two runs then race for real. */
  syncFirstLists(n: number): this {
    this.listBarrier = { n, waiting: [] }
    return this
  }

  addComment(issue: number, body: string, user: FakeUser = ACTIONS_BOT_USER): StoredComment {
    const c: StoredComment = { id: this.nextId++, body, user, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' }
    const list = this.comments.get(issue) ?? []
    list.push(c)
    this.comments.set(issue, list)
    return c
  }

  commentsOf(issue: number): StoredComment[] {
    return this.comments.get(issue) ?? []
  }

  calls(route?: Route): RecordedRequest[] {
    return route ? this.requests.filter((r) => routeOf(r.method, r.path, this.owner, this.repo)?.route === route) : this.requests
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    let path = url.pathname
    if (this.prefix) {
      if (!path.startsWith(this.prefix + '/') && path !== this.prefix) return send(res, { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } })
      path = path.slice(this.prefix.length) || '/'
    }
    let body: unknown = undefined
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      body = text
    }
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, query: Object.fromEntries(url.searchParams), body, authorization: req.headers.authorization }
    this.requests.push(recorded)
    const user = userFor(recorded.authorization, this.users)
    if (!user) return send(res, ERRORS.badCredentials)
    const match = routeOf(recorded.method, path, this.owner, this.repo)
    if (!match) return send(res, ERRORS.notFound)
    if (match.route === 'list-comments' && this.listBarrier) {
      const barrier = this.listBarrier
      await new Promise<void>((resolve) => {
        barrier.waiting.push(resolve)
        if (barrier.waiting.length >= barrier.n) {
          this.listBarrier = null
          for (const w of barrier.waiting) w()
        }
      })
    }
    const i = this.scripted.findIndex((s) => s.route === match.route)
    if (i >= 0) {
      const s = this.scripted[i]!
      if (--s.times <= 0) this.scripted.splice(i, 1)
      return send(res, s.reply)
    }
    const fixed = this.defaults.get(match.route)
    if (fixed) return send(res, fixed)
    return send(res, this.answer(match, recorded, user))
  }

  private answer(m: RouteMatch, req: RecordedRequest, user: FakeUser): Reply {
    const base = `${this.url.replace(this.prefix, '')}`
    const write = req.method !== 'GET'
    if (write && this.readOnly) return ERRORS.integration
    switch (m.route) {
      case 'repo':
        return { status: 200, body: fullRepository(this.owner, this.repo, this.defaultBranch) }
      case 'rules': {
        const all = this.rules[m.params.branch!] ?? []
        return { status: 200, body: all }
      }
      case 'branch':
        return { status: 200, body: branchWithProtection(this.owner, this.repo, m.params.branch!, m.params.branch! in this.protection) }
      case 'protection': {
        const p = this.protection[m.params.branch!]
        return p ? { status: 200, body: p } : ERRORS.branchNotProtected
      }
      case 'runs': {
        const per = Math.min(100, Number(req.query.per_page ?? 30))
        const runs = this.runs.filter((r) => (!req.query.event || r.event === req.query.event) && (!req.query.status || r.conclusion === req.query.status || r.status === req.query.status))
        return { status: 200, body: { total_count: runs.length, workflow_runs: runs.slice(0, per).map((r) => workflowRun(this.owner, this.repo, r)) } }
      }
      case 'tags':
        return { status: 200, body: this.tags.slice(0, Math.min(100, Number(req.query.per_page ?? 30))).map((t) => tag(this.owner, this.repo, t)) }
      case 'list-comments': {
        const issue = Number(m.params.issue)
        const per = Math.min(100, Number(req.query.per_page ?? 30))
        const page = Math.max(1, Number(req.query.page ?? 1))
        const all = this.commentsOf(issue)
        const slice = all.slice((page - 1) * per, page * per)
        const last = Math.max(1, Math.ceil(all.length / per))
        const headers: Record<string, string> = {}
        if (page < last) headers.link = `<${base}${this.prefix}/repos/${this.owner}/${this.repo}/issues/${issue}/comments?per_page=${per}&page=${page + 1}>; rel="next", <${base}${this.prefix}/repos/${this.owner}/${this.repo}/issues/${issue}/comments?per_page=${per}&page=${last}>; rel="last"`
        return { status: 200, body: slice.map((c) => issueComment(this.owner, this.repo, issue, c)), headers }
      }
      case 'create-comment': {
        const issue = Number(m.params.issue)
        const b = (req.body as { body?: unknown } | undefined)?.body
        if (typeof b !== 'string') return { status: 422, body: { message: 'Invalid request.\n\n"body" wasn\'t supplied.', documentation_url: DOCS, status: '422' } }
        if (b.length > 65_536) return ERRORS.bodyTooLong
        const c = this.addComment(issue, b, user)
        return { status: 201, body: issueComment(this.owner, this.repo, issue, c) }
      }
      case 'update-comment': {
        const id = Number(m.params.id)
        const b = (req.body as { body?: unknown } | undefined)?.body
        for (const [issue, list] of this.comments) {
          const c = list.find((x) => x.id === id)
          if (!c) continue
          if (c.user.login !== user.login) return ERRORS.integration
          if (typeof b !== 'string' || b.length > 65_536) return ERRORS.bodyTooLong
          c.body = b
          c.updated_at = '2026-01-02T00:00:00Z'
          return { status: 200, body: issueComment(this.owner, this.repo, issue, c) }
        }
        return ERRORS.notFound
      }
      case 'delete-comment': {
        const id = Number(m.params.id)
        for (const [, list] of this.comments) {
          const i = list.findIndex((x) => x.id === id)
          if (i < 0) continue
          if (list[i]!.user.login !== user.login) return ERRORS.integration
          list.splice(i, 1)
          return { status: 204 }
        }
        return ERRORS.notFound
      }
      case 'pull': {
        const head = this.pulls.get(Number(m.params.number))
        return head ? { status: 200, body: pullRequest(this.owner, this.repo, Number(m.params.number), head) } : ERRORS.notFound
      }
      case 'user':
        return user.type === 'Bot' ? ERRORS.integration : { status: 200, body: publicUser(user) }
    }
  }
}

interface RouteMatch {
  readonly route: Route
  readonly params: Record<string, string>
}

function routeOf(method: string, path: string, owner: string, repo: string): RouteMatch | null {
  if (method === 'GET' && path === '/user') return { route: 'user', params: {} }
  const prefix = `/repos/${owner}/${repo}`
  if (!path.startsWith(prefix)) return null
  const rest = path.slice(prefix.length)
  const table: readonly [string, RegExp, Route, readonly string[]][] = [
    ['GET', /^$/, 'repo', []],
    ['GET', /^\/rules\/branches\/([^/]+)$/, 'rules', ['branch']],
    ['GET', /^\/branches\/([^/]+)\/protection$/, 'protection', ['branch']],
    ['GET', /^\/branches\/([^/]+)$/, 'branch', ['branch']],
    ['GET', /^\/actions\/runs$/, 'runs', []],
    ['GET', /^\/tags$/, 'tags', []],
    ['GET', /^\/pulls\/(\d+)$/, 'pull', ['number']],
    ['GET', /^\/issues\/(\d+)\/comments$/, 'list-comments', ['issue']],
    ['POST', /^\/issues\/(\d+)\/comments$/, 'create-comment', ['issue']],
    ['PATCH', /^\/issues\/comments\/(\d+)$/, 'update-comment', ['id']],
    ['DELETE', /^\/issues\/comments\/(\d+)$/, 'delete-comment', ['id']]
  ]
  for (const [m, re, route, names] of table) {
    const hit = m === method ? re.exec(rest) : null
    if (hit) return { route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(hit[i + 1]!)])) }
  }
  return null
}

function send(res: ServerResponse, reply: Reply): void {
  const go = () => {
    if (reply.reset) {
      res.socket?.destroy()
      return
    }
    const headers: Record<string, string> = { 'x-github-api-version-selected': '2022-11-28', ...reply.headers }
    if (reply.status === 204) {
      res.writeHead(204, headers).end()
      return
    }
    const payload = reply.raw ?? JSON.stringify(reply.body ?? null)
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(payload)
  }
  if (reply.delayMs) setTimeout(go, reply.delayMs)
  else go()
}

// ---------------------------------------------------------------------------------------------
// Response builders (shapes per GitHub's OpenAPI description)

export interface WorkflowRunSeed {
  readonly id: number
  readonly name: string
  readonly event: string
  readonly status: string
  readonly conclusion: string | null
  readonly headSha: string
  readonly runStartedAt: string
  readonly updatedAt: string
}

/** A successful pull_request run of `minutes`, started at `start`. */
export function prRun(id: number, minutes: number, opts: { name?: string; sha?: string; start?: string; event?: string; conclusion?: string } = {}): WorkflowRunSeed {
  const start = Date.parse(opts.start ?? '2026-03-01T10:00:00Z') + id * 3_600_000
  return {
    id,
    name: opts.name ?? 'CI',
    event: opts.event ?? 'pull_request',
    status: 'completed',
    conclusion: opts.conclusion ?? 'success',
    headSha: opts.sha ?? id.toString(16).padStart(40, '0'),
    runStartedAt: new Date(start).toISOString().replace('.000', ''),
    updatedAt: new Date(start + minutes * 60_000).toISOString().replace('.000', '')
  }
}

const API = 'https://api.github.com'

export function simpleUser(u: FakeUser, id = 41898282): Record<string, unknown> {
  const url = `${API}/users/${encodeURIComponent(u.login)}`
  return {
    login: u.login,
    id,
    node_id: 'MDM6Qm90NDE4OTgyODI=',
    avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
    gravatar_id: '',
    url,
    html_url: u.type === 'Bot' ? `https://github.com/apps/${u.login.replace(/\[bot\]$/, '')}` : `https://github.com/${u.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: u.type,
    site_admin: false
  }
}

/** GET /user for a personal token. */
export function publicUser(u: FakeUser): Record<string, unknown> {
  return {
    ...simpleUser(u, 583231),
    name: 'The Octocat',
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 8,
    public_gists: 8,
    followers: 0,
    following: 0,
    created_at: '2011-01-25T18:44:36Z',
    updated_at: '2026-01-01T00:00:00Z'
  }
}

export function issueComment(owner: string, repo: string, issue: number, c: StoredComment): Record<string, unknown> {
  return {
    id: c.id,
    node_id: `IC_kwDO${c.id}`,
    url: `${API}/repos/${owner}/${repo}/issues/comments/${c.id}`,
    html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${c.id}`,
    issue_url: `${API}/repos/${owner}/${repo}/issues/${issue}`,
    body: c.body,
    user: simpleUser(c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER'
  }
}

function minimalRepository(owner: string, repo: string): Record<string, unknown> {
  const url = `${API}/repos/${owner}/${repo}`
  const urls = Object.fromEntries(
    [
      'archive_url', 'assignees_url', 'blobs_url', 'branches_url', 'collaborators_url', 'comments_url', 'commits_url', 'compare_url', 'contents_url', 'contributors_url',
      'deployments_url', 'downloads_url', 'events_url', 'forks_url', 'git_commits_url', 'git_refs_url', 'git_tags_url', 'hooks_url', 'issue_comment_url', 'issue_events_url',
      'issues_url', 'keys_url', 'labels_url', 'languages_url', 'merges_url', 'milestones_url', 'notifications_url', 'pulls_url', 'releases_url', 'stargazers_url',
      'statuses_url', 'subscribers_url', 'subscription_url', 'tags_url', 'teams_url', 'trees_url'
    ].map((k) => [k, `${url}/${k.replace(/_url$/, '')}`])
  )
  return {
    id: 1296269,
    node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
    name: repo,
    full_name: `${owner}/${repo}`,
    owner: simpleUser({ login: owner, type: 'User' }, 1),
    private: false,
    html_url: `https://github.com/${owner}/${repo}`,
    description: null,
    fork: false,
    url,
    ...urls
  }
}

export function fullRepository(owner: string, repo: string, defaultBranch: string): Record<string, unknown> {
  return {
    ...minimalRepository(owner, repo),
    visibility: 'public',
    clone_url: `https://github.com/${owner}/${repo}.git`,
    git_url: `git://github.com/${owner}/${repo}.git`,
    ssh_url: `git@github.com:${owner}/${repo}.git`,
    svn_url: `https://github.com/${owner}/${repo}`,
    mirror_url: null,
    homepage: null,
    language: 'Python',
    default_branch: defaultBranch,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    open_issues: 0,
    open_issues_count: 0,
    size: 100,
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    archived: false,
    disabled: false,
    license: null,
    pushed_at: '2026-03-01T00:00:00Z',
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2026-03-01T00:00:00Z',
    network_count: 0,
    subscribers_count: 1
  }
}

export function branchWithProtection(owner: string, repo: string, branch: string, isProtected: boolean): Record<string, unknown> {
  const sha = 'a'.repeat(40)
  const person = { name: 'Octo', email: 'octo@example.com', date: '2026-03-01T00:00:00Z' }
  return {
    name: branch,
    commit: {
      url: `${API}/repos/${owner}/${repo}/commits/${sha}`,
      sha,
      node_id: 'C_kwDO',
      html_url: `https://github.com/${owner}/${repo}/commit/${sha}`,
      comments_url: `${API}/repos/${owner}/${repo}/commits/${sha}/comments`,
      commit: {
        url: `${API}/repos/${owner}/${repo}/git/commits/${sha}`,
        author: person,
        committer: person,
        message: 'Initial commit',
        comment_count: 0,
        tree: { sha, url: `${API}/repos/${owner}/${repo}/git/trees/${sha}` }
      },
      author: null,
      committer: null,
      parents: []
    },
    _links: { html: `https://github.com/${owner}/${repo}/tree/${branch}`, self: `${API}/repos/${owner}/${repo}/branches/${branch}` },
    protected: isProtected,
    protection: isProtected ? { enabled: true, required_status_checks: { enforcement_level: 'non_admins', contexts: [], checks: [] } } : { enabled: false },
    protection_url: `${API}/repos/${owner}/${repo}/branches/${branch}/protection`
  }
}

export function workflowRun(owner: string, repo: string, r: WorkflowRunSeed): Record<string, unknown> {
  const url = `${API}/repos/${owner}/${repo}/actions/runs/${r.id}`
  return {
    id: r.id,
    name: r.name,
    node_id: `WFR_${r.id}`,
    head_branch: 'feature',
    head_sha: r.headSha,
    path: '.github/workflows/ci.yml',
    display_title: 'A change',
    run_number: r.id,
    run_attempt: 1,
    event: r.event,
    status: r.status,
    conclusion: r.conclusion,
    workflow_id: 161335,
    url,
    html_url: `https://github.com/${owner}/${repo}/actions/runs/${r.id}`,
    pull_requests: [],
    created_at: r.runStartedAt,
    updated_at: r.updatedAt,
    run_started_at: r.runStartedAt,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${API}/repos/${owner}/${repo}/check-suites/${r.id}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    workflow_url: `${API}/repos/${owner}/${repo}/actions/workflows/161335`,
    head_commit: { id: r.headSha, tree_id: r.headSha, message: 'A change', timestamp: r.runStartedAt, author: { name: 'Octo', email: 'octo@example.com' }, committer: { name: 'Octo', email: 'octo@example.com' } },
    repository: minimalRepository(owner, repo),
    head_repository: minimalRepository(owner, repo)
  }
}

/** A pull request as GET /repos/{owner}/{repo}/pulls/{number} returns it (head from a fork `eve/<repo>`). */
export function pullRequest(owner: string, repo: string, number: number, headSha: string): Record<string, unknown> {
  const api = `https://api.github.com/repos/${owner}/${repo}`
  const web = `https://github.com/${owner}/${repo}/pull/${number}`
  const author = simpleUser({ login: 'eve', type: 'User' }, 7)
  const link = (href: string) => ({ href })
  return {
    url: `${api}/pulls/${number}`, id: 1, node_id: 'PR_1', html_url: web, diff_url: `${web}.diff`, patch_url: `${web}.patch`,
    issue_url: `${api}/issues/${number}`, commits_url: `${api}/pulls/${number}/commits`, review_comments_url: `${api}/pulls/${number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`, comments_url: `${api}/issues/${number}/comments`, statuses_url: `${api}/statuses/${headSha}`,
    number, state: 'open', locked: false, title: 'Change', user: author, body: null, labels: [], milestone: null,
    created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', closed_at: null, merged_at: null, merge_commit_sha: null,
    assignee: null, author_association: 'CONTRIBUTOR', auto_merge: null,
    head: { label: 'eve:feature', ref: 'feature', sha: headSha, user: author, repo: { ...fullRepository('eve', repo, 'main'), has_downloads: true } },
    base: { label: `${owner}:main`, ref: 'main', sha: 'b'.repeat(40), user: simpleUser({ login: owner, type: 'User' }, 9), repo: { ...fullRepository(owner, repo, 'main'), has_downloads: true } },
    _links: {
      self: link(`${api}/pulls/${number}`), html: link(web), issue: link(`${api}/issues/${number}`), comments: link(`${api}/issues/${number}/comments`),
      review_comments: link(`${api}/pulls/${number}/comments`), review_comment: link(`${api}/pulls/comments{/number}`), commits: link(`${api}/pulls/${number}/commits`), statuses: link(`${api}/statuses/${headSha}`)
    },
    merged: false, mergeable: true, mergeable_state: 'clean', merged_by: null, comments: 0, review_comments: 0, maintainer_can_modify: false,
    commits: 1, additions: 1, deletions: 0, changed_files: 1
  }
}

export function tag(owner: string, repo: string, name: string): Record<string, unknown> {
  const sha = 'b'.repeat(40)
  return {
    name,
    commit: { sha, url: `${API}/repos/${owner}/${repo}/commits/${sha}` },
    zipball_url: `${API}/repos/${owner}/${repo}/zipball/${name}`,
    tarball_url: `${API}/repos/${owner}/${repo}/tarball/${name}`,
    node_id: `REF_${name}`
  }
}

/** Rule items as GET /rules/branches/{branch} returns them. */
export const RULES = {
  pullRequest: (approvals: number, id = 42, extra: Record<string, unknown> = {}) => ({
    type: 'pull_request',
    ruleset_source_type: 'Repository',
    ruleset_source: 'acme/api',
    ruleset_id: id,
    parameters: {
      required_approving_review_count: approvals,
      dismiss_stale_reviews_on_push: true,
      require_code_owner_review: false,
      require_last_push_approval: false,
      required_review_thread_resolution: false,
      allowed_merge_methods: ['merge', 'squash', 'rebase'],
      ...extra
    }
  }),
  statusChecks: (contexts: string[], id = 42) => ({
    type: 'required_status_checks',
    ruleset_source_type: 'Repository',
    ruleset_source: 'acme/api',
    ruleset_id: id,
    parameters: { strict_required_status_checks_policy: true, do_not_enforce_on_create: false, required_status_checks: contexts.map((context) => ({ context })) }
  }),
  simple: (type: string, id = 42) => ({ type, ruleset_source_type: 'Organization', ruleset_source: 'acme', ruleset_id: id })
}

/** A classic protection body (GET …/branches/{branch}/protection). */
export function classicProtection(approvals: number | null, contexts: string[]): Record<string, unknown> {
  const url = `${API}/repos/acme/api/branches/main/protection`
  return {
    url,
    required_status_checks: { url: `${url}/required_status_checks`, strict: true, contexts, contexts_url: `${url}/required_status_checks/contexts`, checks: contexts.map((context) => ({ context, app_id: 15368 })) },
    ...(approvals === null
      ? {}
      : { required_pull_request_reviews: { url: `${url}/required_pull_request_reviews`, dismiss_stale_reviews: true, require_code_owner_reviews: false, required_approving_review_count: approvals, require_last_push_approval: false } }),
    enforce_admins: { url: `${url}/enforce_admins`, enabled: true }
  }
}
