import { SERVICE_CHECKS, type ServiceReport } from '../scoring/services.js'
import type { CheckResult } from '../checks/types.js'
import { codeSpan } from './escape.js'
import type { ScanReport } from './types.js'

/**
 * How a monorepo's rows read: the row of a service-level check reflects its services — pass when
 * every service it applies to passes, fail when none passes even in part, partial in between —
 * with a summary that counts them (`1 of 8 services pass`) and the evidence and fixes of the
 * services that fall short. A waived check, or one no service was judged on, keeps the
 * repository's own result. Presentation only: the report's checks, its score and the JSON keep
 * the repository's own judgement; `services` carries each service's.
 */
export function reflectServices(results: readonly CheckResult[], services: readonly ServiceReport[]): CheckResult[] {
  if (services.length === 0) return [...results]
  return results.map((r) => {
    if (!SERVICE_CHECKS.includes(r.id) || r.status === 'waived') return r
    const per = services.flatMap((s) => {
      const c = s.checks.find((x) => x.id === r.id)
      return c && c.status !== 'not-applicable' ? [{ service: s, check: c }] : []
    })
    if (per.length === 0) return r
    const judged = per.filter((p) => p.check.score !== null)
    const passing = per.filter((p) => p.check.status === 'pass')
    const short = per.filter((p) => p.check.status !== 'pass')
    if (judged.length === 0) {
      const first = per[0]!.check
      return { ...r, status: 'unknown', score: null, summary: servicesSummary(per.length, passing, short), evidence: shortfallEvidence(short), remediation: first.remediation, ...(first.resolve ? { resolve: first.resolve } : {}) }
    }
    const status = short.length === 0 ? 'pass' : judged.some((p) => p.check.status !== 'fail') ? 'partial' : 'fail'
    const score = Math.round((judged.reduce((n, p) => n + p.check.score!, 0) / judged.length) * 10) / 10
    const { resolve: _unused, ...rest } = r
    return { ...rest, status, score, messageId: 'services', summary: servicesSummary(per.length, passing, short), evidence: shortfallEvidence(short), remediation: status === 'pass' ? null : shortfallRemediation(short) }
  })
}

type PerService = { readonly service: ServiceReport; readonly check: CheckResult }

function names(list: readonly PerService[], max = 3): string {
  const shown = list.slice(0, max).map((p) => p.service.name)
  return list.length > max ? `${shown.join(', ')} and ${list.length - max} more` : shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
}

/** `2 of 3 services pass (api, worker); web does not.` */
function servicesSummary(total: number, passing: readonly PerService[], short: readonly PerService[]): string {
  if (short.length === 0) return total === 1 ? `The service passes (${names(passing)}).` : `All ${total} services pass (${names(passing)}).`
  const lead = passing.length === 0 ? (total === 1 ? 'The service does not pass' : `None of the ${total} services passes`) : `${passing.length} of ${total} services ${passing.length === 1 ? 'passes' : 'pass'} (${names(passing)})`
  const byStatus = (['fail', 'partial', 'unknown'] as const).flatMap((st) => {
    const of = short.filter((p) => p.check.status === st)
    return of.length > 0 ? [`${st}: ${names(of)}`] : []
  })
  return `${lead}; ${byStatus.join('; ')}.`
}

/** The first items of each service that falls short (each file's path already says which service it is in). */
function shortfallEvidence(short: readonly PerService[]): CheckResult['evidence'] {
  return short.flatMap((p) => p.check.evidence.slice(0, 3)).slice(0, 12)
}


/** Each distinct fix once, headed by the services it is for. */
function shortfallRemediation(short: readonly PerService[]): string | null {
  const groups = new Map<string, PerService[]>()
  for (const p of short) if (p.check.remediation) groups.set(p.check.remediation, [...(groups.get(p.check.remediation) ?? []), p])
  if (groups.size === 0) return null
  if (groups.size === 1) return [...groups.keys()][0]!
  return [...groups.entries()]
    .slice(0, 3)
    .map(([fix, ps]) => `**In ${ps.map((p) => codeSpan(p.service.path, 120)).join(', ')}**:\n\n${fix}`)
    .join('\n\n')
}

/** The rows a renderer shows: the repository's checks, with a monorepo's service-level rows reflecting its services. */
export function rowsOf(report: Pick<ScanReport, 'checks' | 'services'>): CheckResult[] {
  return reflectServices(report.checks, report.services ?? [])
}
