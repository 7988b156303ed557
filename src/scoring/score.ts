import { isJudged } from '../checks/ids.js'
import type { CheckResult } from '../checks/types.js'
import type { Grade } from './types.js'

/** Lowest score for each grade, best first (docs/design.md, "Policy, score and gate"). */
export const GRADE_FLOORS: readonly { readonly grade: Grade; readonly min: number }[] = [
  { grade: 'A', min: 90 },
  { grade: 'B', min: 80 },
  { grade: 'C', min: 70 },
  { grade: 'D', min: 60 },
  { grade: 'F', min: 0 }
]

export function gradeOf(score: number): Grade {
  return GRADE_FLOORS.find((g) => score >= g.min)?.grade ?? 'F'
}

/**
 * The repository score: `round(100 × Σ weight·score / Σ weight·10)` over judged checks only
 * (pass, partial, fail). Unknown, not-applicable and waived checks are left out entirely, so what
 * could not be judged never lowers the score. Null (and no grade) when nothing judged carries
 * weight. Halves round up (69.5 → 70).
 */
export function scoreOf(results: readonly CheckResult[]): { score: number | null; grade: Grade | null } {
  let earned = 0
  let possible = 0
  for (const r of results) {
    if (!isJudged(r.status) || r.score === null || r.weight <= 0) continue
    earned += r.weight * r.score
    possible += r.weight * 10
  }
  if (possible === 0) return { score: null, grade: null }
  // Snap to 1e-9 first so float noise (69.49999999999999 for a true 69.5) does not decide the rounding.
  const exact = Math.round(((100 * earned) / possible) * 1e9) / 1e9
  const score = Math.round(exact)
  return { score, grade: gradeOf(score) }
}
