import { describe, expect, it } from 'vitest'
import type { CheckResult } from '../../src/checks/types.js'
import { computeDelta, regressionOf } from '../../src/scoring/delta.js'

const check = (id: CheckResult['id'], status: CheckResult['status']): CheckResult => ({
  id, title: id, status, score: null, weight: 1, required: false, summary: '', messageId: 'x', evidence: [], remediation: null
})
const side = (commit: string, score: number | null, checks: CheckResult[]) => ({ score, grade: null, checks, repository: { root: '.', commit } })

describe('computeDelta / regressionOf', () => {
  it('reports the score change and each check on either side', () => {
    const d = computeDelta(
      side('b', 72, [check('ci-lint', 'fail'), check('health-endpoint', 'pass'), check('ci-duration', 'unknown')]),
      side('h', 81, [check('ci-lint', 'pass'), check('health-endpoint', 'partial'), check('feature-flags', 'fail')])
    )
    expect(d.change).toBe(9)
    expect(d.base).toEqual({ commit: 'b', score: 72, grade: null })
    expect(d.checks).toEqual([
      { id: 'ci-lint', base: 'fail', head: 'pass', changed: true },
      { id: 'health-endpoint', base: 'pass', head: 'partial', changed: true },
      { id: 'feature-flags', base: null, head: 'fail', changed: true },
      { id: 'ci-duration', base: 'unknown', head: null, changed: true }
    ])
    expect(regressionOf(d)).toEqual({ baseScore: 72, worsened: [{ id: 'health-endpoint', from: 'pass', to: 'partial' }] })
  })

  it('has no change when a side has no score, and unknown is never a regression', () => {
    const d = computeDelta(side('b', null, [check('ci-lint', 'pass')]), side('h', 50, [check('ci-lint', 'unknown')]))
    expect(d.change).toBeNull()
    expect(regressionOf(d).worsened).toEqual([])
  })
})
