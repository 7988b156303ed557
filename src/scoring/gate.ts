import type { CheckId, Status } from '../checks/ids.js'
import type { CheckResult } from '../checks/types.js'
import type { Policy } from '../config/types.js'
import type { GateVerdict } from './types.js'

/** What the ratchet compares: the base score and every check whose judged status got worse. */
export interface Regression {
  readonly baseScore: number | null
  readonly worsened: readonly { readonly id: CheckId; readonly from: Status; readonly to: Status }[]
}

/**
 * The merge gate (docs/design.md, "Policy, score and gate"). It fails, listing every reason as a plain sentence, when:
 *
 * - the score is under `minScore` ("score 64 is under 70"); a null score (nothing judged) never fails;
 * - a required check is partial or fail ("required check ci-tests is partial");
 * - a required check is unknown: "required" means "shown to pass", and Shipshape could not show
 *   it, so the reason names what would let it judge (a token, a permission);
 * - a required check is waived: a waiver accepts a shortfall in the score, but "required" means
 *   "must pass", so the waiver does not satisfy it (the reason says so, and what it replaced);
 * - a required check has no result at all (it was disabled or did not run);
 * - with `failOnRegression`, the score dropped against the base, or a check's judged status got
 *   worse (pass → partial/fail, partial → fail), one reason per check.
 *
 * An unknown check that is not required never fails it, and neither does a required check that
 * does not apply (not-applicable: policy warns instead).
 */
export function gate(results: readonly CheckResult[], score: number | null, policy: Pick<Policy, 'minScore' | 'required' | 'failOnRegression'>, regression: Regression | null = null): GateVerdict {
  const reasons: string[] = []
  if (score !== null && score < policy.minScore) reasons.push(`score ${score} is under ${policy.minScore}`)

  const byId = new Map(results.map((r) => [r.id, r]))
  for (const id of new Set(policy.required)) {
    const r = byId.get(id)
    if (!r) reasons.push(`required check ${id} has no result (it is disabled or did not run)`)
    else if (r.status === 'partial' || r.status === 'fail') reasons.push(`required check ${id} is ${r.status}`)
    else if (r.status === 'unknown') reasons.push(`required check ${id} is unknown: ${r.resolve ?? 'Shipshape could not judge it'}`)
    else if (r.status === 'waived') {
      const was = r.waiver ? ` (was ${r.waiver.original})` : ''
      reasons.push(`required check ${id} is waived${was}; a waiver does not satisfy a required check`)
    }
  }

  if (policy.failOnRegression && regression) {
    if (regression.baseScore !== null && score !== null && score < regression.baseScore) {
      reasons.push(`score dropped from ${regression.baseScore} to ${score} against the base`)
    }
    for (const w of regression.worsened) reasons.push(`check ${w.id} got worse against the base: ${w.from} → ${w.to}`)
  }
  return { passed: reasons.length === 0, minScore: policy.minScore, reasons }
}
