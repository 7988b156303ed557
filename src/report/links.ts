import type { ScanReport } from './types.js'

/**
 * Every URL a report contains is built here: the docs page of a check (derived from its id)
 * and the link to a file and line at the scanned commit. URL parts taken from
 * the report are validated before use, so a hostile slug or server URL yields no link at all
 * rather than a link somewhere else.
 */

export const PROJECT_URL = 'https://github.com/shipshape-dev/shipshape'
export const DOCS_BASE = `${PROJECT_URL}/blob/main/docs/checks`

export function docsUrl(checkId: string): string {
  return `${DOCS_BASE}/${encodeSegment(checkId)}.md`
}

const SERVER_RE = /^https?:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:\/[A-Za-z0-9._~-]+)*\/?$/
/** GitHub owners are alphanumerics and hyphens; repository names add `.` and `_` (but are never `.`/`..`). */
const SLUG_RE = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/(?!\.\.?$)[A-Za-z0-9_.-]{1,100}$/
const COMMIT_RE = /^[0-9a-f]{7,64}$/i

/** Percent-encodes one path segment, including the characters that end a Markdown link destination. */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** A repo-relative path as a URI reference (`a b/c#d` → `a%20b/c%23d`), or null when it is not one. */
export function encodePath(path: string): string | null {
  const segments = path.replace(/^\/+/, '').split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null
  return segments.map(encodeSegment).join('/')
}

/** The repository's web URL (`https://github.com/owner/repo`), when slug and server are trustworthy. */
export function repositoryUrl(repository: ScanReport['repository']): string | null {
  const server = repository.serverUrl?.replace(/\/+$/, '')
  const slug = repository.slug
  if (!server || !slug || !SERVER_RE.test(server) || !SLUG_RE.test(slug)) return null
  return `${server}/${slug}`
}

/** A valid commit SHA from the report, or null. */
export function commitOf(repository: ScanReport['repository']): string | null {
  const c = repository.commit
  return c && COMMIT_RE.test(c) ? c.toLowerCase() : null
}

/** `${serverUrl}/${slug}/blob/${commit}/${path}#L${line}` (or `#L3-L7`), or null when any part is unknown. */
export function blobUrl(repository: ScanReport['repository'], path: string, line?: number, endLine?: number): string | null {
  const repo = repositoryUrl(repository)
  const commit = commitOf(repository)
  const encoded = encodePath(path)
  if (!repo || !commit || !encoded) return null
  let url = `${repo}/blob/${commit}/${encoded}`
  if (isLine(line)) url += isLine(endLine) && endLine > line ? `#L${line}-L${endLine}` : `#L${line}`
  return url
}

export function isLine(n: number | undefined | null): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1
}
