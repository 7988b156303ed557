import { STATUSES } from '../checks/ids.js'
import type { Grade } from '../report/types.js'
import { VERSION } from '../version.js'
import { columnOrder, labelOf } from './labels.js'
import { LIMITS } from './limits.js'
import { isSlug, keyOf, listNames, pageFileName } from './names.js'
import { ENTRY_STATES, type Cell, type Counts, type EntryState, type Fleet, type FleetColumn, type FleetRepo, type PreviousFleet, type RepoEntry } from './types.js'

/**
 * Entries from many report files → the fleet: duplicates resolved (the newest usable report of a
 * repository wins), expected repositories without a report added as `missing`, columns gathered
 * from every report, counts, medians and trends against the previous run. Pure.
 */

export interface AggregateInput {
  /** One per report file, in command-line order. */
  readonly entries: readonly RepoEntry[]
  readonly previous: PreviousFleet | null
  /** The repositories the fleet should have (the plan's list), or null when unknown. */
  readonly expected: readonly string[] | null
  readonly generatedAt: string
  /** Notes from reading the inputs (caps), carried into the fleet. */
  readonly notes?: readonly string[]
}

const STATE_RANK: Readonly<Record<EntryState, number>> = { ok: 3, 'other-schema': 2, unreadable: 1, missing: 0 }
const CELLS: readonly Cell[] = [...STATUSES, 'absent']

/** True when `a` should be kept over `b` (same repository). */
function newer(a: RepoEntry, b: RepoEntry): boolean {
  if (STATE_RANK[a.state] !== STATE_RANK[b.state]) return STATE_RANK[a.state] > STATE_RANK[b.state]
  if (a.sortTime !== b.sortTime) return a.sortTime > b.sortTime
  return a.order > b.order
}

function missing(name: string, note: string): RepoEntry {
  return { name, key: keyOf(name), state: 'missing', note, source: null, url: null, commit: null, scannedAt: null, toolVersion: null, score: null, grade: null, gatePassed: null, checks: [], services: [], moreServices: 0, warnings: [], sortTime: 0, order: -1 }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2)
}

export function aggregate(input: AggregateInput): Fleet {
  const notes = [...(input.notes ?? [])]
  const kept = new Map<string, { entry: RepoEntry; dropped: number }>()
  for (const e of input.entries) {
    const seen = kept.get(e.key)
    if (!seen) kept.set(e.key, { entry: e, dropped: 0 })
    else kept.set(e.key, { entry: newer(e, seen.entry) ? e : seen.entry, dropped: seen.dropped + 1 })
  }
  const duplicated = [...kept.values()].filter((k) => k.dropped > 0)
  if (duplicated.length > 0) {
    notes.push(`${duplicated.length} repositor${duplicated.length === 1 ? 'y has' : 'ies have'} more than one report; the newest usable one is shown: ${listNames(duplicated.map((d) => d.entry.name))}`)
  }

  const previous = input.previous
  const left: string[] = []
  if (input.expected) {
    for (const name of input.expected) {
      const key = keyOf(name)
      if (!kept.has(key)) kept.set(key, { entry: missing(name, 'no report: the scan job failed, was cancelled or did not run for it'), dropped: 0 })
    }
    const expectedKeys = new Set(input.expected.map(keyOf))
    for (const [key, p] of previous?.repos ?? []) if (!kept.has(key) && !expectedKeys.has(key)) left.push(p.name)
  } else {
    for (const [key, p] of previous?.repos ?? []) {
      if (!kept.has(key)) kept.set(key, { entry: missing(p.name, 'in the previous run, but no report in this one'), dropped: 0 })
    }
  }

  const entries = [...kept.values()].sort((a, b) => (a.entry.key < b.entry.key ? -1 : a.entry.key > b.entry.key ? 1 : 0))
  const columns = gatherColumns(entries.map((k) => k.entry), notes)
  const taken = new Set<string>()
  const repos: FleetRepo[] = entries.map(({ entry, dropped }) => {
    const before = previous?.repos.get(entry.key)
    const byId = new Map(entry.checks.map((c) => [c.id, c.status]))
    return {
      ...entry,
      change: entry.score !== null && before?.score != null ? entry.score - before.score : null,
      isNew: previous !== null && before === undefined && entry.state === 'ok',
      duplicates: dropped,
      page: entry.state === 'ok' ? `repos/${pageFileName(entry.key, taken)}.html` : null,
      cells: columns.map((c) => byId.get(c.id) ?? 'absent')
    }
  })

  const ok = repos.filter((r) => r.state === 'ok')
  const prevOk = previous ? [...previous.repos.values()].filter((r) => r.state === 'ok') : []
  const fleetColumns: FleetColumn[] = columns.map((c, i) => {
    const counts = Object.fromEntries(CELLS.map((s) => [s, 0])) as Record<Cell, number>
    for (const r of ok) counts[r.cells[i]!]++
    const passBefore = prevOk.filter((r) => r.checks[c.id] === 'pass').length
    return { ...c, counts: counts as Counts, passChange: previous ? counts.pass - passBefore : null }
  })

  const byState = Object.fromEntries(ENTRY_STATES.map((s) => [s, 0])) as Record<EntryState, number>
  for (const r of repos) byState[r.state]++
  const grades: Record<Grade | 'none', number> = { A: 0, B: 0, C: 0, D: 0, F: 0, none: 0 }
  for (const r of ok) grades[r.grade ?? 'none']++
  const medianScore = median(ok.flatMap((r) => (r.score === null ? [] : [r.score])))
  const previousMedian = median(prevOk.flatMap((r) => (r.score === null ? [] : [r.score])))
  return {
    generatedAt: input.generatedAt,
    toolVersion: VERSION,
    summary: {
      repositories: repos.length,
      byState,
      medianScore,
      medianChange: medianScore !== null && previousMedian !== null ? medianScore - previousMedian : null,
      gatePassed: ok.filter((r) => r.gatePassed === true).length,
      gateFailed: ok.filter((r) => r.gatePassed === false).length,
      grades
    },
    columns: fleetColumns,
    repos,
    previous: previous ? { generatedAt: previous.generatedAt, repositories: previous.repos.size, medianScore: previousMedian } : null,
    left,
    notes
  }
}

/** Every check id any usable report has, in catalogue order, capped at LIMITS.columns. */
function gatherColumns(entries: readonly RepoEntry[], notes: string[]): Omit<FleetColumn, 'counts' | 'passChange'>[] {
  const titles = new Map<string, string>()
  for (const e of entries) if (e.state === 'ok') for (const c of e.checks) if (!titles.has(c.id)) titles.set(c.id, c.title)
  const ids = [...titles.keys()].sort(columnOrder)
  if (ids.length > LIMITS.columns) notes.push(`${ids.length - LIMITS.columns} check id(s) beyond ${LIMITS.columns} columns not shown: ${listNames(ids.slice(LIMITS.columns))}`)
  return ids.slice(0, LIMITS.columns).map((id) => ({ id, ...labelOf(id, titles.get(id) ?? id) }))
}

/** Expected repository names from a plan (`{"repositories": [...]}`) or a list, one per line. */
export function parseExpected(text: string): { names: string[]; note: string | null } {
  let list: unknown[] | null = null
  try {
    const data = JSON.parse(text) as unknown
    if (Array.isArray(data)) list = data
    else if (typeof data === 'object' && data !== null && Array.isArray((data as { repositories?: unknown }).repositories)) list = (data as { repositories: unknown[] }).repositories
  } catch {
    list = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))
  }
  if (list === null) return { names: [], note: 'the expected list is neither a plan (`{"repositories": [...]}`) nor one repository per line: ignored' }
  const names = list.filter(isSlug)
  const bad = list.length - names.length
  const capped = names.slice(0, LIMITS.reports)
  const parts: string[] = []
  if (bad > 0) parts.push(`${bad} entr${bad === 1 ? 'y' : 'ies'} of the expected list are not OWNER/NAME and were ignored`)
  if (names.length > capped.length) parts.push(`the expected list was cut at ${LIMITS.reports} repositories`)
  return { names: capped, note: parts.length > 0 ? parts.join('; ') : null }
}
