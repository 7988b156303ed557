import { createHash } from 'node:crypto'
import type { CommentMode } from '../config/types.js'
import type { ScanReport } from '../report/types.js'
import type { GitHubClient, IssueComment } from './client.js'
import type { ApiError } from './errors.js'

/**
 * The sticky PR comment: exactly one per PR and key, found by a hidden marker AND our own author
 * (a human quoting the marker is never touched), updated in place, left alone when unchanged,
 * and converged when two runs race: after a create we re-list, keep the oldest of ours (lowest
 * id), give it the newest body and delete the rest (docs/design.md, "What a GitHub API answer means").
 */


/** GitHub rejects comment bodies over 65,536 characters (422). */
export const GITHUB_COMMENT_LIMIT = 65_536
/** What the markdown renderer may use: the limit minus our markers and a safety margin. */
export const COMMENT_BODY_BUDGET = 60_000

/** The author of comments made with the workflow's GITHUB_TOKEN. */
export const ACTIONS_BOT: Identity = { login: 'github-actions[bot]', type: 'Bot' }

export interface Identity {
  readonly login: string
  readonly type?: string
}

export function commentMarker(key: string): string {
  return `<!-- shipshape:comment key=${sanitizeKey(key)} -->`
}

/** Keys end up inside an HTML comment: keep them to a safe alphabet. */
function sanitizeKey(key: string): string {
  const k = key.replace(/[^A-Za-z0-9._/-]/g, '-').slice(0, 64)
  return k === '' ? 'default' : k
}

const DIGEST_RE = /<!-- shipshape:digest=([0-9a-f]{8,64}) -->/

/** The body as posted: marker first (truncation never loses it), then the digest, then the report. */
export function commentBody(markdown: string, key: string, digest: string): string {
  const head = `${commentMarker(key)}\n<!-- shipshape:digest=${digest} -->\n`
  const room = GITHUB_COMMENT_LIMIT - head.length
  const text = markdown.length > room ? markdown.slice(0, room - 80) + '\n\n…(truncated: the full report is in the job summary)\n' : markdown
  return head + text
}

/**
 * What `on-change` compares: the verdict and each check's status and summary, not timestamps or
 * commit SHAs, so a push that changes nothing Shipshape judges leaves the comment alone.
 */
export function reportDigest(report: Pick<ScanReport, 'score' | 'grade' | 'gate' | 'checks'>): string {
  const parts = [String(report.score), String(report.grade), String(report.gate.passed), ...report.gate.reasons, ...report.checks.map((c) => `${c.id}:${c.status}:${c.summary}`)]
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16)
}

export interface UpsertOptions {
  readonly client: GitHubClient
  readonly issue: number
  readonly key: string
  /** Rendered markdown (already capped near COMMENT_BODY_BUDGET). */
  readonly markdown: string
  readonly digest: string
  readonly mode: CommentMode
  readonly gatePassed: boolean
  /** Whose comments are ours; default github-actions[bot]. */
  readonly identity?: Identity
  /** The PR comes from a fork: explains a 403. */
  readonly isFork?: boolean
}

export type UpsertOutcome =
  | { readonly action: 'created' | 'updated'; readonly id: number; readonly url: string; readonly deleted: number }
  | { readonly action: 'unchanged'; readonly id: number; readonly url: string; readonly deleted: number }
  | { readonly action: 'skipped'; readonly reason: string }
  | { readonly action: 'failed'; readonly error: ApiError; readonly warning: string }

/**
 * Our comments open with the marker (commentBody). Anywhere else it is quoted text, e.g. a
 * repository file name cited as evidence that spells another key's marker: never ours.
 */
function isOurs(c: IssueComment, marker: string, who: Identity): boolean {
  if (!c.user || !c.body.startsWith(marker)) return false
  if (c.user.login.toLowerCase() !== who.login.toLowerCase()) return false
  return who.type === undefined || c.user.type === who.type
}

function digestOf(body: string): string | null {
  return DIGEST_RE.exec(body.slice(0, 300))?.[1] ?? null
}

/** The one warning a failed publish gives: the reason, and what still happened. */
export function publishWarning(error: ApiError, isFork: boolean): string {
  const base = `Shipshape could not post the pull request comment (${error.message}).`
  const after = ' The report is in the job summary and the `report` output; the gate alone decides the step result.'
  if (error.kind === 'forbidden') {
    const why = isFork
      ? ' Pull requests from forks get a read-only GITHUB_TOKEN.'
      : ' The token is read-only here (Dependabot runs, or `permissions:` without `pull-requests: write`).'
    return `${base}${why}${after} To comment on such pull requests, run Shipshape on \`pull_request\`, upload the report as an artifact, and post it from a \`workflow_run\` workflow (see the README).`
  }
  return base + after
}

export async function upsertComment(opts: UpsertOptions): Promise<UpsertOutcome> {
  const { client, issue, mode } = opts
  if (mode === 'never') return { action: 'skipped', reason: 'the comment input is `never`' }
  const marker = commentMarker(opts.key)
  let who = opts.identity ?? ACTIONS_BOT
  const body = commentBody(opts.markdown, opts.key, opts.digest)
  const fail = (error: ApiError): UpsertOutcome => ({ action: 'failed', error, warning: publishWarning(error, opts.isFork ?? false) })

  const listed = await client.listIssueComments(issue)
  if (!listed.ok) return fail(listed.error)
  const ours = listed.value.filter((c) => isOurs(c, marker, who)).sort((a, b) => a.id - b.id)

  if (ours.length === 0) {
    if (mode === 'on-failure' && opts.gatePassed) return { action: 'skipped', reason: 'the gate passed and the comment input is `on-failure`' }
    const created = await createWithFallback(client, issue, body, opts.key)
    if (!created.ok) return fail(created.error)
    // The author of what we just created is who we are (a PAT or an App token is not the Actions bot).
    if (created.value.user) who = { login: created.value.user.login, type: created.value.user.type }
    const again = await client.listIssueComments(issue)
    if (!again.ok) return { action: 'created', id: created.value.id, url: created.value.htmlUrl, deleted: 0 }
    const now = again.value.filter((c) => isOurs(c, marker, who) || c.id === created.value.id).sort((a, b) => a.id - b.id)
    if (now.length <= 1) return { action: 'created', id: created.value.id, url: created.value.htmlUrl, deleted: 0 }
    // A concurrent run also created one: converge on the oldest.
    return converge(client, now, body, 'created')
  }
  const keeper = ours[0]!
  const unchanged = keeper.body === body || (mode === 'on-change' && digestOf(keeper.body) === opts.digest)
  if (unchanged) {
    const deleted = await deleteAll(client, ours.slice(1))
    return { action: 'unchanged', id: keeper.id, url: keeper.htmlUrl, deleted }
  }
  return converge(client, ours, body, 'updated')
}

async function converge(client: GitHubClient, sorted: readonly IssueComment[], body: string, action: 'created' | 'updated'): Promise<UpsertOutcome> {
  const keeper = sorted[0]!
  let url = keeper.htmlUrl
  if (keeper.body !== body) {
    const updated = await client.updateComment(keeper.id, body)
    if (updated.ok) url = updated.value.htmlUrl || url
    else if (updated.error.kind !== 'not-found') {
      return { action: 'failed', error: updated.error, warning: publishWarning(updated.error, false) }
    }
  }
  const deleted = await deleteAll(client, sorted.slice(1))
  return { action, id: keeper.id, url, deleted }
}

/** Deletes duplicates; a 404 means a racing run already did. */
async function deleteAll(client: GitHubClient, extras: readonly IssueComment[]): Promise<number> {
  let n = 0
  for (const c of extras) {
    const res = await client.deleteComment(c.id)
    if (res.ok || res.error.kind === 'not-found') n++
  }
  return n
}

/** A 422 (body too long by GitHub's count, which differs from ours for some characters) gets one retry with a minimal body. */
async function createWithFallback(client: GitHubClient, issue: number, body: string, key: string) {
  const res = await client.createComment(issue, body)
  if (res.ok || res.error.status !== 422) return res
  const minimal = `${commentMarker(key)}\nThe Shipshape report is too large for a comment: see the job summary of this run.\n`
  return client.createComment(issue, minimal)
}

/**
 * Who our comments are by. Installation tokens (`ghs_`, the GITHUB_TOKEN) cannot call GET /user;
 * they comment as github-actions[bot] (another App's token is learnt from its first create).
 * Personal and OAuth tokens are asked once. Only the prefix of the token is looked at.
 */
export async function resolveIdentity(client: GitHubClient, token: string): Promise<Identity> {
  if (!/^(ghp_|github_pat_|gho_|ghu_)/.test(token)) return ACTIONS_BOT
  const me = await client.getAuthenticatedUser()
  return me.ok ? { login: me.value.login, type: me.value.type } : ACTIONS_BOT
}
