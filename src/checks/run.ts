import type { Config } from '../config/types.js'
import type { Facts } from '../facts/types.js'
import { CHECK_IDS, type CheckId, type Status } from './ids.js'
import { REGISTRY } from './registry.js'
import { fillTemplate, statusScore, type Check, type Evidence } from './types.js'

/** What a check said, before policy (weights, required, waivers) is applied. */
export interface RawResult {
  readonly id: CheckId
  readonly title: string
  readonly status: Exclude<Status, 'waived'>
  readonly score: number | null
  readonly summary: string
  readonly messageId: string
  readonly evidence: readonly Evidence[]
  readonly remediation: string | null
}

/** Runs every enabled check. A check that throws becomes `unknown` for itself alone. */
export function runChecks(facts: Facts, config: Config, registry: Partial<Record<CheckId, Check>> = REGISTRY): RawResult[] {
  const results: RawResult[] = []
  for (const id of CHECK_IDS) {
    const check = registry[id]
    if (!check || !config.checks[id].enabled) continue
    results.push(runOne(check, facts, config))
  }
  return results
}

export function runOne(check: Check, facts: Facts, config: Config): RawResult {
  const { meta } = check
  try {
    const out = check.run({ facts, config, extra: config.signatures[meta.id] })
    const template = (meta.messages as Record<string, string>)[out.messageId]
    if (template === undefined) throw new Error(`unknown messageId '${out.messageId}'`)
    const score = statusScore(out.status, out.score)
    if (score !== null && !(score >= 0 && score <= 10)) throw new Error(`score ${score} is outside 0–10`)
    return {
      id: meta.id,
      title: meta.title,
      status: out.status,
      score,
      summary: fillTemplate(template, out.data),
      messageId: out.messageId,
      evidence: out.evidence ?? [],
      remediation: out.status === 'pass' ? null : (out.remediation ?? meta.remediation)
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    return {
      id: meta.id,
      title: meta.title,
      status: 'unknown',
      score: null,
      summary: `The check failed to run: ${message}`,
      messageId: 'internal-error',
      evidence: [{ message: `internal error: ${message}` }],
      remediation: 'This is a Shipshape bug, not a problem in your repository: please report it with the evidence above.'
    }
  }
}
