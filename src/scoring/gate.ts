import type { CheckId, Status } from '../checks/ids.js'
import type { CheckResult } from '../checks/types.js'
import type { GateVerdict } from '../report/types.js'

export interface GateOptions {
  readonly minScore: number
  /** Checks that must be `pass`. */
  readonly required: readonly CheckId[]
  readonly failOnRegression: boolean
  /** The comparison with the PR base, or null/absent when there is none. */
  readonly regression?: {
    readonly baseScore: number | null
    readonly worsened: readonly { readonly id: CheckId; readonly from: Status; readonly to: Status }[]
  } | null
}

/**
 * The merge gate (docs/design.md, "Policy, score and gate"). It fails, listing every reason as a plain sentence, when:
 *
 * - the score is under `minScore` ("score 64 is under 70"); a null score (nothing judged) never fails;
 * - a required check is partial or fail ("required check ci-tests is partial");
 * - a required check is waived: a waiver accepts a shortfall in the score, but "required" means
 *   "must pass", so the waiver does not satisfy it (the reason says so, and what it replaced);
 * - a required check has no result at all (it was disabled or did not run);
 * - with `failOnRegression`, the score dropped against the base, or a check's judged status got
 *   worse (pass → partial/fail, partial → fail), one reason per check.
 *
 * It never fails because of `unknown` alone: a required check that is unknown (or
 * not-applicable) is left to the warnings, because "could not tell" is not "missing".
 */
export function gate(results: readonly CheckResult[], score: number | null, opts: GateOptions): GateVerdict {
  const reasons: string[] = []
  if (score !== null && score < opts.minScore) reasons.push(`score ${score} is under ${opts.minScore}`)

  const byId = new Map(results.map((r) => [r.id, r]))
  for (const id of new Set(opts.required)) {
    const r = byId.get(id)
    if (!r) reasons.push(`required check ${id} has no result (it is disabled or did not run)`)
    else if (r.status === 'partial' || r.status === 'fail') reasons.push(`required check ${id} is ${r.status}`)
    else if (r.status === 'waived') {
      const was = r.waiver ? ` (was ${r.waiver.original})` : ''
      reasons.push(`required check ${id} is waived${was}; a waiver does not satisfy a required check`)
    }
  }

  const regression = opts.failOnRegression ? opts.regression : null
  if (regression) {
    if (regression.baseScore !== null && score !== null && score < regression.baseScore) {
      reasons.push(`score dropped from ${regression.baseScore} to ${score} against the base`)
    }
    for (const w of regression.worsened) reasons.push(`check ${w.id} got worse against the base: ${w.from} → ${w.to}`)
  }
  return { passed: reasons.length === 0, minScore: opts.minScore, reasons }
}
