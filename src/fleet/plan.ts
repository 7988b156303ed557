import { minimatch } from 'minimatch'
import { oneLine } from '../report/escape.js'
import { isSlug } from './names.js'

/**
 * The fleet workflow's first job: from an organisation's repository listing to the batches of a
 * job matrix. A matrix holds at most 256 jobs, so repositories are spread evenly over at most
 * `maxJobs` batches. Archived, disabled and forked repositories are skipped and said so. Pure.
 */

export interface ListedRepo {
  readonly fullName: string
  readonly archived: boolean
  readonly fork: boolean
  readonly disabled: boolean
  readonly topics: readonly string[]
}

export interface PlanOptions {
  readonly topics: readonly string[]
  readonly patterns: readonly string[]
  readonly repos: readonly string[]
  readonly maxJobs: number
  readonly batchSize: number
}

export interface Plan {
  readonly kind: 'shipshape-fleet-plan'
  readonly repositories: readonly string[]
  readonly skipped: readonly { readonly name: string; readonly reason: 'archived' | 'disabled' | 'fork' }[]
  /** Names given with --repos that the listing does not have. */
  readonly notFound: readonly string[]
  readonly batches: readonly (readonly string[])[]
}

/** Listing entries read at most (an organisation has far fewer repositories). */
export const MAX_LISTED = 100_000

/** The API's repository objects, as one JSON array or one JSON value per line (`gh api --paginate --jq ".[]"`). */
export function parseListing(text: string): { repos: ListedRepo[]; errors: string[] } {
  const errors: string[] = []
  const items: unknown[] = []
  const trimmed = text.trim()
  try {
    const data = JSON.parse(trimmed === '' ? '[]' : trimmed) as unknown
    items.push(...(Array.isArray(data) ? data : [data]))
  } catch {
    trimmed.split(/\r?\n/).forEach((line, i) => {
      const l = line.trim()
      if (l === '' || items.length >= MAX_LISTED) return
      try {
        const v = JSON.parse(l) as unknown
        items.push(...(Array.isArray(v) ? v : [v]))
      } catch {
        if (errors.length < 5) errors.push(`line ${i + 1} is not JSON: ${oneLine(l, 80)}`)
      }
    })
  }
  const repos: ListedRepo[] = []
  for (const item of items.slice(0, MAX_LISTED)) {
    const r = item as Record<string, unknown> | null
    if (typeof r !== 'object' || r === null || !isSlug(r.full_name)) continue
    const topics = Array.isArray(r.topics) ? r.topics.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase()) : []
    repos.push({ fullName: r.full_name, archived: r.archived === true, fork: r.fork === true, disabled: r.disabled === true, topics })
  }
  if (items.length > 0 && repos.length === 0) errors.push('no entry has a full_name of the form OWNER/NAME')
  return { repos, errors }
}

export function planFleet(listing: readonly ListedRepo[], opts: PlanOptions): Plan {
  const wanted = new Map(opts.repos.map((r) => [r.toLowerCase(), r]))
  const found = new Set<string>()
  const seen = new Set<string>()
  const repositories: string[] = []
  const skipped: Plan['skipped'][number][] = []
  const topics = opts.topics.map((t) => t.toLowerCase())
  for (const r of listing) {
    const full = r.fullName.toLowerCase()
    if (seen.has(full)) continue
    seen.add(full)
    const name = full.slice(full.indexOf('/') + 1)
    if (wanted.size > 0) {
      const hit = wanted.has(full) ? full : wanted.has(name) ? name : null
      if (hit === null) continue
      found.add(hit)
    }
    if (topics.length > 0 && !r.topics.some((t) => topics.includes(t))) continue
    if (opts.patterns.length > 0 && !opts.patterns.some((p) => minimatch(p.includes('/') ? r.fullName : r.fullName.slice(r.fullName.indexOf('/') + 1), p, { nocase: true, dot: true }))) continue
    const reason = r.archived ? 'archived' : r.disabled ? 'disabled' : r.fork ? 'fork' : null
    if (reason) skipped.push({ name: r.fullName, reason })
    else repositories.push(r.fullName)
  }
  repositories.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))
  const notFound = [...wanted.entries()].filter(([k]) => !found.has(k)).map(([, v]) => v)
  return { kind: 'shipshape-fleet-plan', repositories, skipped, notFound, batches: batch(repositories, opts.maxJobs, opts.batchSize) }
}

/** Splits `items` into at most `maxJobs` batches of at least `minSize` (when there are enough), sizes differing by at most one. */
export function batch<T>(items: readonly T[], maxJobs: number, minSize: number): T[][] {
  if (items.length === 0) return []
  const jobs = Math.max(1, Math.min(maxJobs, Math.floor(items.length / Math.max(1, minSize))))
  const out: T[][] = []
  const base = Math.floor(items.length / jobs)
  const extra = items.length % jobs
  let at = 0
  for (let j = 0; j < jobs; j++) {
    const n = base + (j < extra ? 1 : 0)
    out.push(items.slice(at, at + n))
    at += n
  }
  return out
}

/** The job matrix: one entry per batch, its repositories space-separated (names never contain spaces). */
export function matrixOf(plan: Plan): { include: { batch: number; repos: string }[] } {
  return { include: plan.batches.map((b, i) => ({ batch: i + 1, repos: b.join(' ') })) }
}
