import type { CheckId } from '../checks/ids.js'
import type { RawResult } from '../checks/run.js'
import type { CheckResult } from '../checks/types.js'
import type { Config, Policy } from '../config/types.js'
import { gate } from './gate.js'
import { applyPolicy } from './policy.js'
import { scoreOf } from './score.js'
import type { GateVerdict, Grade } from './types.js'

/**
 * Monorepo service scoring: each service (facts/monorepo.ts gives its view) is scored on the
 * practices that belong to one service rather than to the repository, and gated with the
 * repository's policy, without the ratchet (the base is compared as a whole).
 */

/** The practices that belong to one service rather than to the repository. */
export const SERVICE_CHECKS: readonly CheckId[] = ['openapi-published', 'contract-tests', 'health-endpoint', 'feature-flags', 'circuit-breakers', 'container-build']

export interface ServiceReport {
  readonly name: string
  /** Repo-relative directory ('.' for the root). */
  readonly path: string
  readonly score: number | null
  readonly grade: Grade | null
  readonly gate: GateVerdict
  readonly checks: readonly CheckResult[]
}

/** The config a service view is judged with: only the service-level checks run. */
export function serviceConfig(config: Config): Config {
  const checks = Object.fromEntries(Object.entries(config.checks).map(([id, p]) => [id, { ...p, enabled: p.enabled && SERVICE_CHECKS.includes(id as CheckId) }]))
  return { ...config, checks: checks as Config['checks'] }
}

/** Scores and gates one service from what its checks said (run with {@link serviceConfig}). */
export function scoreService(service: { readonly name: string; readonly path: string }, raw: readonly RawResult[], config: Config, policy: Policy, today: Date): ServiceReport {
  const required = policy.required.filter((id) => SERVICE_CHECKS.includes(id))
  const { results } = applyPolicy(raw, config, { today, required })
  const { score, grade } = scoreOf(results)
  const verdict = gate(results, score, { ...policy, required, failOnRegression: false })
  return { name: service.name, path: service.path === '' ? '.' : service.path, score, grade, gate: verdict, checks: results }
}

/** The overall verdict: the repository's gate, failed as well by every service whose own gate failed. */
export function combineGates(overall: GateVerdict, services: readonly ServiceReport[]): GateVerdict {
  const reasons = [...overall.reasons]
  for (const s of services) for (const r of s.gate.reasons) reasons.push(`service ${s.name}: ${r}`)
  return { ...overall, passed: overall.passed && services.every((s) => s.gate.passed), reasons }
}

/**
 * In a monorepo the repository's row for a service-level check reflects its services: pass when
 * every service it applies to passes, fail when none passes even in part, partial in between,
 * with the services' mean score, a summary that counts them (`1 of 8 services pass`), the
 * evidence and fixes of the services that fall short. A waived check, or one no service was
 * judged on, keeps the repository's own result.
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

/** A service path as an inert code span: only path characters survive, so repository text adds no markup to a fix. */
function pathSpan(path: string): string {
  return `\`${path.replace(/[^\w./@-]/g, '_').slice(0, 120)}\``
}

/** Each distinct fix once, headed by the services it is for. */
function shortfallRemediation(short: readonly PerService[]): string | null {
  const groups = new Map<string, PerService[]>()
  for (const p of short) if (p.check.remediation) groups.set(p.check.remediation, [...(groups.get(p.check.remediation) ?? []), p])
  if (groups.size === 0) return null
  if (groups.size === 1) return [...groups.keys()][0]!
  return [...groups.entries()]
    .slice(0, 3)
    .map(([fix, ps]) => `**In ${ps.map((p) => pathSpan(p.service.path)).join(', ')}**:\n\n${fix}`)
    .join('\n\n')
}
