import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '../config/types.js'
import type { FactInputs } from '../facts/collect.js'
import type { GitHubFacts } from '../facts/github.js'
import { readLocalTags } from '../facts/git-tags.js'
import type { ScanReport } from '../report/types.js'
import { createGitHubClient, type ClientLogger, type GitHubClient } from './client.js'
import { collectGitHubFacts } from './collect.js'
import type { CommentMode } from '../config/types.js'
import { COMMENT_BODY_BUDGET, reportDigest, resolveIdentity, upsertComment } from './comment.js'
import type { ActionContext } from './context.js'
import { plural } from '../prose.js'

/**
 * The GitHub side of one run, shared by the action (src/main.ts) and the CLI (src/cli.ts):
 * before the scan, collect API facts into FactInputs; after it, publish the PR comment.
 * Without a token or a repository slug there is no session and the API-backed checks say
 * `unknown`.
 */
export interface GitHubSession {
  readonly client: GitHubClient
  readonly token: string
  readonly facts: GitHubFacts
  /** Pass to scanRepository({ inputs }). */
  readonly factInputs: FactInputs
}

export interface StartOptions {
  readonly token: string | null
  readonly adminToken?: string | null
  readonly owner: string | null
  readonly repo: string | null
  readonly apiUrl: string
  /** From the event payload when known (saves a call). */
  readonly defaultBranch?: string | null
  readonly root: string
  readonly config: Config
  readonly logger?: ClientLogger
  /** Test seam: shrink retry waits. */
  readonly retryUnitMs?: number
}

export async function startGitHubSession(opts: StartOptions): Promise<GitHubSession | null> {
  if (!opts.token || !opts.owner || !opts.repo) return null
  const common = { baseUrl: opts.apiUrl, owner: opts.owner, repo: opts.repo, ...(opts.logger ? { logger: opts.logger } : {}), ...(opts.retryUnitMs ? { retryUnitMs: opts.retryUnitMs } : {}) }
  const client = createGitHubClient({ token: opts.token, ...common })
  const adminClient = opts.adminToken ? createGitHubClient({ token: opts.adminToken, ...common }) : null
  const checks = opts.config.checks
  const local = readLocalTags(opts.root)
  const facts = await collectGitHubFacts({
    client,
    adminClient,
    defaultBranch: opts.defaultBranch ?? null,
    wantRules: checks['mandatory-prs'].enabled,
    wantRuns: checks['ci-duration'].enabled,
    // Null: no git directory, or a shallow clone without tags (actions/checkout's default), so
    // the checkout cannot tell; ask the API. An empty list from a full clone means no tags.
    wantTags: checks['release-versioning'].enabled && local === null
  })
  const tags = facts.tags.status === 'ok' ? { names: facts.tags.names, source: 'api' as const } : undefined
  return { client, token: opts.token, facts, factInputs: { github: facts, ...(tags ? { tags } : {}) } }
}

export interface PublishOptions {
  readonly context: ActionContext
  readonly mode: CommentMode
  readonly key: string
  /** The markdown renderer, capped at `maxChars`. */
  readonly renderMarkdown: (report: ScanReport, maxChars: number) => string
}

export interface PublishResult {
  /** URL of the comment posted, updated or left unchanged; null when none. */
  readonly url: string | null
  /** One warning to show, or null. */
  readonly warning: string | null
  /** What happened, for the log. */
  readonly note: string
}

/** Upserts the sticky comment on pull_request events; never throws. */
export async function publishPrComment(session: Pick<GitHubSession, 'client' | 'token'> | null, report: ScanReport, opts: PublishOptions): Promise<PublishResult> {
  const pr = opts.context.pullRequest
  if (!pr) return { url: null, warning: null, note: `no pull request in a ${opts.context.eventName || 'local'} run: no comment` }
  if (opts.mode === 'never') return { url: null, warning: null, note: 'the comment input is `never`' }
  if (!session) return { url: null, warning: 'Shipshape could not post the pull request comment: no github-token. The report is in the job summary and the `report` output.', note: 'no token' }
  try {
    const identity = await resolveIdentity(session.client, session.token)
    const outcome = await upsertComment({
      client: session.client,
      issue: pr.number,
      key: opts.key,
      markdown: opts.renderMarkdown(report, COMMENT_BODY_BUDGET),
      digest: reportDigest(report),
      mode: opts.mode,
      gatePassed: report.gate.passed,
      identity,
      isFork: pr.isFork
    })
    switch (outcome.action) {
      case 'failed':
        return { url: null, warning: outcome.warning, note: `comment failed: ${outcome.error.message}` }
      case 'skipped':
        return { url: null, warning: null, note: outcome.reason }
      default:
        return { url: outcome.url, warning: null, note: `comment ${outcome.action}${outcome.deleted > 0 ? `, ${plural(outcome.deleted, 'duplicate')} deleted` : ''}` }
    }
  } catch (err) {
    return { url: null, warning: `Shipshape could not post the pull request comment: ${(err as Error)?.message ?? String(err)}`, note: 'comment error' }
  }
}

/**
 * `owner/repo` and the API base for the CLI: GITHUB_REPOSITORY/GITHUB_API_URL when set, else the
 * `origin` remote of the checkout (github.com → api.github.com; another host → GHES `/api/v3`).
 */
export function detectRepository(root: string, env: Readonly<Record<string, string | undefined>>): { owner: string; repo: string; apiUrl: string } | null {
  const fromEnv = /^([\w.-]+)\/([\w.-]+)$/.exec(env.GITHUB_REPOSITORY ?? '')
  if (fromEnv) return { owner: fromEnv[1]!, repo: fromEnv[2]!, apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '') }
  let config = ''
  try {
    config = readFileSync(join(root, '.git', 'config'), 'utf8').slice(0, 64 * 1024)
  } catch {
    return null
  }
  let inOrigin = false
  for (const raw of config.split('\n')) {
    const line = raw.trim()
    if (line.startsWith('[')) inOrigin = line === '[remote "origin"]'
    else if (inOrigin && line.startsWith('url')) {
      const url = line.slice(line.indexOf('=') + 1).trim()
      const m = /^(?:https?:\/\/(?:[^@/]+@)?|ssh:\/\/git@|git@)([^/:]+)[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url)
      if (!m) return null
      const host = m[1]!
      const apiUrl = env.GITHUB_API_URL?.replace(/\/+$/, '') || (host === 'github.com' ? 'https://api.github.com' : `https://${host}/api/v3`)
      return { owner: m[2]!, repo: m[3]!, apiUrl }
    }
  }
  return null
}

/**
 * `owner/repo` given on the command line (`--repo`, a fleet job scanning another repository's
 * checkout): the API and server URLs come from GITHUB_API_URL / GITHUB_SERVER_URL (set on every
 * Actions runner, GHES included), else github.com.
 */
export function namedRepository(slug: string, env: Readonly<Record<string, string | undefined>>): { owner: string; repo: string; apiUrl: string; serverUrl: string } {
  const [owner = '', repo = ''] = slug.split('/')
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const apiUrl = env.GITHUB_API_URL?.replace(/\/+$/, '') || (serverUrl === 'https://github.com' ? 'https://api.github.com' : `${serverUrl}/api/v3`)
  return { owner, repo, apiUrl, serverUrl }
}
