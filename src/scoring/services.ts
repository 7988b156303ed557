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
export const SERVICE_CHECKS: readonly CheckId[] = ['openapi-published', 'contract-tests', 'health-endpoint', 'feature-flags', 'circuit-breakers', 'container-build', 'layered-architecture']

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
