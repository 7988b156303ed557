import type { Status } from '../checks/ids.js'
import { count } from '../prose.js'
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

/** Whether a check was judged: everything but `unknown` (a waiver keeps what it replaced). */
export function wasJudged(check: Pick<CheckResult, 'status' | 'waiver'>): boolean {
  return (check.waiver?.original ?? check.status) !== 'unknown'
}

/** `12 of 14 checks judged` when some could not be judged, else null. */
export function judgedText(checks: readonly Pick<CheckResult, 'status' | 'waiver'>[]): string | null {
  const judged = checks.filter(wasJudged).length
  return judged < checks.length ? `${count(judged)} of ${count(checks.length)} checks judged` : null
}

export { count } from '../prose.js'

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** The gate's reasons about the repository itself (each failing service is summed up by {@link servicesVerdict}). */
export function ownReasons(report: Pick<ScanReport, 'gate' | 'services'>): string[] {
  const fromServices = new Set((report.services ?? []).flatMap((s) => s.gate.reasons.map((r) => `service ${s.name}: ${r}`)))
  return report.gate.reasons.filter((r) => !fromServices.has(r))
}

/** `2 of 8 services fail their gate: web (6/100), worker (19/100) and 1 more` (worst first), or null when none fails. Raw text: the caller escapes. */
export function servicesVerdict(report: Pick<ScanReport, 'services'>, max = 3): string | null {
  const all = report.services ?? []
  const failed = all.filter((s) => !s.gate.passed).sort((a, b) => (a.score ?? 101) - (b.score ?? 101) || a.name.localeCompare(b.name))
  if (failed.length === 0) return null
  const named = failed.slice(0, max).map((s) => `${s.name}${s.score === null ? '' : ` (${s.score}/100)`}`)
  const more = failed.length - named.length
  const list = more > 0 ? `${named.join(', ')} and ${count(more)} more` : named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`
  const who = all.length === 1 ? 'the service fails its' : failed.length === all.length ? `all ${count(all.length)} services fail their` : `${count(failed.length)} of ${count(all.length)} services fail their`
  return `${who} gate: ${list}`
}

/** A service's checks whose status differs from the repository's row (which already says what the services share). */
export function serviceDifferences(rows: readonly CheckResult[], service: { readonly checks: readonly CheckResult[] }): CheckResult[] {
  return service.checks.filter((c) => c.status !== 'not-applicable' && rows.find((r) => r.id === c.id)?.status !== c.status)
}
