import type { ApiErrorKind } from '../facts/github.js'

/**
 * Every failure of an API call becomes one of these values: nothing thrown by Octokit, undici or
 * an AbortSignal escapes the client. `permission` names the token permission that would have
 * made the call work, when GitHub's answer says so.
 */
export interface ApiError {
  readonly kind: ApiErrorKind
  readonly message: string
  /** HTTP status, when there was a response. */
  readonly status?: number
  readonly permission?: string
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError }

interface ErrorLike {
  name?: unknown
  message?: unknown
  status?: unknown
  cause?: unknown
  response?: { headers?: Record<string, unknown>; data?: unknown }
}

/** GitHub's permission messages (docs/design.md, "What a GitHub API answer means") and what each means. */
const FORBIDDEN_TEXTS: readonly { readonly pattern: RegExp; readonly explain: string }[] = [
  { pattern: /resource not accessible by (integration|personal access token)/i, explain: 'the token lacks the permission for this endpoint' },
  { pattern: /upgrade to github pro|make this repository public/i, explain: 'the feature is not available on this plan for a private repository' },
  { pattern: /must have admin rights/i, explain: 'the token needs admin rights on the repository' }
]

function messageOf(data: unknown, fallback: string): string {
  if (typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string') return (data as { message: string }).message
  return fallback
}

/**
 * Maps what Octokit throws to an ApiError. `aborted` tells whether our own timeout fired (undici
 * reports it as a generic AbortError, which Octokit re-labels as status 500).
 */
export function toApiError(err: unknown, opts: { aborted?: boolean; permission?: string } = {}): ApiError {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorLike
  const rawMessage = typeof e.message === 'string' ? e.message : String(err)
  if (opts.aborted || e.name === 'AbortError' || e.name === 'TimeoutError' || /\baborted\b|timed? ?out/i.test(rawMessage)) {
    return { kind: 'timeout', message: 'the GitHub API did not answer in time' }
  }
  const status = typeof e.status === 'number' ? e.status : undefined
  const headers = e.response?.headers ?? {}
  const message = messageOf(e.response?.data, rawMessage)
  const withStatus = (kind: ApiErrorKind, extra: Partial<ApiError> = {}): ApiError => ({ kind, message: `${status} ${message}`.trim(), ...(status === undefined ? {} : { status }), ...extra })
  if (status === undefined || (status === 500 && e.response === undefined)) {
    // No HTTP response at all: DNS, refused connection, TLS, reset.
    const cause = e.cause && typeof e.cause === 'object' ? String((e.cause as { code?: unknown; message?: unknown }).code ?? (e.cause as { message?: unknown }).message ?? '') : ''
    return { kind: 'network', message: `cannot reach the GitHub API: ${rawMessage}${cause ? ` (${cause})` : ''}` }
  }
  if (status === 401) return withStatus('unauthorized')
  if (status === 429) return withStatus('rate-limited')
  if (status === 403) {
    if (String(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test(message)) return withStatus('rate-limited')
    const known = FORBIDDEN_TEXTS.find((f) => f.pattern.test(message))
    return withStatus('forbidden', { message: `${status} ${message}${known ? ` (${known.explain})` : ''}`, ...(opts.permission ? { permission: opts.permission } : {}) })
  }
  if (status === 404) return withStatus('not-found')
  if (status >= 500) return withStatus('server')
  if (status === 422) return withStatus('malformed')
  return withStatus('server')
}

/** A response body that is not what GitHub documents. */
export function malformed(what: string): ApiError {
  return { kind: 'malformed', message: `unexpected response for ${what}` }
}
