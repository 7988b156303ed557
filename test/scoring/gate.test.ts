import { describe, expect, test } from 'vitest'
import type { CheckId, Status } from '../../src/checks/ids.js'
import type { CheckResult } from '../../src/checks/types.js'
import type { Policy } from '../../src/config/types.js'
import { gate, type Regression } from '../../src/scoring/gate.js'

type GateOptions = Pick<Policy, 'minScore' | 'required' | 'failOnRegression'>

function result(id: CheckId, status: Status, extra: Partial<CheckResult> = {}): CheckResult {
  const score = status === 'pass' ? 10 : status === 'partial' ? 5 : status === 'fail' ? 0 : null
  return { id, title: id, status, score, weight: 3, required: false, summary: '', messageId: 'm', evidence: [], remediation: null, ...extra }
}

const base: GateOptions = { minScore: 70, required: [], failOnRegression: false }

describe('gate', () => {
  test('passes at exactly min-score', () => {
    expect(gate([result('ci-lint', 'pass')], 70, base)).toEqual({ passed: true, minScore: 70, reasons: [] })
  })

  test('fails under min-score, naming both numbers', () => {
    expect(gate([], 64, base)).toEqual({ passed: false, minScore: 70, reasons: ['score 64 is under 70'] })
  })

  test('a null score (nothing judged) never fails', () => {
    expect(gate([result('mandatory-prs', 'unknown')], null, { ...base, minScore: 100 })).toEqual({ passed: true, minScore: 100, reasons: [] })
  })

  test.each([
    { status: 'partial', reason: 'required check ci-tests is partial' },
    { status: 'fail', reason: 'required check ci-tests is fail' }
  ] as const)('a required check that is $status fails', ({ status, reason }) => {
    expect(gate([result('ci-tests', status)], 95, { ...base, required: ['ci-tests'] }).reasons).toEqual([reason])
  })

  test('a waived required check is not satisfied, and the reason says so', () => {
    const waived = result('contract-tests', 'waived', { waiver: { reason: 'r', expires: '2027-01-01', original: 'fail' } })
    expect(gate([waived], 95, { ...base, required: ['contract-tests'] }).reasons).toEqual([
      'required check contract-tests is waived (was fail); a waiver does not satisfy a required check'
    ])
  })

  test('a required check with no result fails', () => {
    expect(gate([], 95, { ...base, required: ['ci-lint'] }).reasons).toEqual(['required check ci-lint has no result (it is disabled or did not run)'])
  })

  test('a required check that is unknown fails, naming what would let Shipshape judge it', () => {
    const unknown = result('ci-duration', 'unknown', { resolve: 'grant the job "actions: read"' })
    expect(gate([unknown], 90, { ...base, required: ['ci-duration'] })).toEqual({ passed: false, minScore: 70, reasons: ['required check ci-duration is unknown: grant the job "actions: read"'] })
    expect(gate([result('ci-duration', 'unknown')], null, { ...base, required: ['ci-duration'] }).reasons).toEqual(['required check ci-duration is unknown: Shipshape could not judge it'])
  })

  test('an unknown check that is not required never fails the gate, nor does a required check that does not apply', () => {
    const results = [result('mandatory-prs', 'unknown'), result('ci-duration', 'unknown'), result('contract-tests', 'not-applicable')]
    expect(gate(results, null, { ...base, required: ['contract-tests'] })).toEqual({ passed: true, minScore: 70, reasons: [] })
    expect(gate(results, 85, base).passed).toBe(true)
  })

  test('a required pass is fine, and a check listed twice is reported once', () => {
    expect(gate([result('ci-lint', 'pass'), result('ci-tests', 'fail')], 90, { ...base, required: ['ci-lint', 'ci-tests', 'ci-tests'] }).reasons).toEqual([
      'required check ci-tests is fail'
    ])
  })

  test('every reason at once, in order: score, required, regression', () => {
    const verdict = gate([result('ci-lint', 'partial'), result('ci-tests', 'fail')], 55, { minScore: 70, required: ['ci-lint', 'ci-tests'], failOnRegression: true }, { baseScore: 72, worsened: [{ id: 'ci-tests', from: 'pass', to: 'fail' }] })
    expect(verdict).toEqual({
      passed: false,
      minScore: 70,
      reasons: [
        'score 55 is under 70',
        'required check ci-lint is partial',
        'required check ci-tests is fail',
        'score dropped from 72 to 55 against the base',
        'check ci-tests got worse against the base: pass → fail'
      ]
    })
  })
})

describe('regression', () => {
  const regression: Regression = { baseScore: 90, worsened: [{ id: 'ci-lint', from: 'pass', to: 'partial' }] }
  const onRegression: GateOptions = { ...base, failOnRegression: true }

  test('ignored unless enabled', () => {
    expect(gate([], 85, base, regression).passed).toBe(true)
  })

  test('a score drop alone fails when enabled', () => {
    expect(gate([], 85, onRegression, { baseScore: 90, worsened: [] }).reasons).toEqual(['score dropped from 90 to 85 against the base'])
  })

  test('a worsened check alone fails when enabled, even if the score held', () => {
    expect(gate([], 90, onRegression, regression).reasons).toEqual(['check ci-lint got worse against the base: pass → partial'])
  })

  test('an equal or better score, or a missing side, is no regression', () => {
    const against = (baseScore: number | null): Regression => ({ baseScore, worsened: [] })
    expect(gate([], 90, onRegression, against(90)).passed).toBe(true)
    expect(gate([], 95, onRegression, against(90)).passed).toBe(true)
    expect(gate([], 90, onRegression, against(null)).passed).toBe(true)
    expect(gate([], null, onRegression, against(90)).passed).toBe(true)
    expect(gate([], 90, onRegression, null).passed).toBe(true)
  })
})
