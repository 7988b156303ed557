import type { Status } from '../checks/ids.js'
import type { CheckResult } from '../checks/types.js'
import type { ScanReport } from './types.js'

/**
 * How each status looks in every format, as one exhaustive table: adding a status fails to
 * compile until every renderer knows how to show it.
 */
export interface StatusView {
  /** PR comment / job summary. */
  readonly emoji: string
  readonly label: string
  /** Terminal symbol. */
  readonly symbol: string
  /** ANSI SGR colour code for the terminal. */
  readonly ansi: string
}

export const STATUS_VIEW: Readonly<Record<Status, StatusView>> = {
  pass: { emoji: '✅', label: 'Pass', symbol: '✔', ansi: '32' },
  partial: { emoji: '🟡', label: 'Partial', symbol: '◐', ansi: '33' },
  fail: { emoji: '❌', label: 'Fail', symbol: '✖', ansi: '31' },
  unknown: { emoji: '❔', label: 'Unknown', symbol: '?', ansi: '35' },
  'not-applicable': { emoji: '➖', label: 'N/A', symbol: '–', ansi: '2' },
  waived: { emoji: '💤', label: 'Waived', symbol: '~', ansi: '36' }
}

/** A status outside the union (a hand-edited report) is shown as unknown rather than crashing. */
export function viewOf(status: Status): StatusView {
  return STATUS_VIEW[status] ?? STATUS_VIEW.unknown
}

/** Checks that get a details section / evidence listing: the ones a developer should act on. */
const ACTIONABLE: readonly Status[] = ['fail', 'partial', 'unknown']

/** Actionable checks, most severe first (fail, partial, unknown), report order within a status. */
export function actionable(checks: readonly CheckResult[]): CheckResult[] {
  return ACTIONABLE.flatMap((s) => checks.filter((c) => c.status === s))
}

/** `Waived until 2026-01-31 (was fail): reason` — raw text, the caller escapes. */
export function waiverText(check: CheckResult): string | null {
  const w = check.waiver
  if (!w) return null
  return `Waived until ${w.expires} (was ${w.original}): ${w.reason}`
}

/** `81/100 (B)`, `72 → 81/100 (B)` against a base with a score, or null when nothing was judged. */
export function scoreText(report: Pick<ScanReport, 'score' | 'grade' | 'delta'>): string | null {
  if (report.score === null) return null
  const from = report.delta?.base.score
  const base = from !== null && from !== undefined && from !== report.score ? `${from} → ` : ''
  return `${base}${report.score}/100${report.grade ? ` (${report.grade})` : ''}`
}

/** `▲ +9 against base`, `▼ −5 against base`, `no change against base`, or null without a delta. */
export function changeText(report: Pick<ScanReport, 'delta'>): string | null {
  const change = report.delta?.change
  if (change === null || change === undefined) return null
  if (change > 0) return `▲ +${change} against base`
  if (change < 0) return `▼ −${-change} against base`
  return 'no change against base'
}

/** The first paragraph of a remediation, for a one-line hint. */
export function firstParagraph(markdown: string): string {
  return markdown.trim().split(/\n[ \t]*\n/, 1)[0] ?? ''
}

/** `1,234`: numbers in prose are easier to read with separators (fixed locale: pure output). */
export function count(n: number): string {
  return n.toLocaleString('en-US')
}

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}
