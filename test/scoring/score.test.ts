import { describe, expect, test } from 'vitest'
import type { CheckId, Status } from '../../src/checks/ids.js'
import type { CheckResult } from '../../src/checks/types.js'
import { gradeOf, scoreOf } from '../../src/scoring/score.js'

function result(id: CheckId, status: Status, weight: number, score: number | null = status === 'pass' ? 10 : status === 'partial' ? 5 : status === 'fail' ? 0 : null): CheckResult {
  return { id, title: id, status, score, weight, required: false, summary: '', messageId: 'm', evidence: [], remediation: null }
}

describe('scoreOf', () => {
  test.each([
    { name: 'all pass', results: [result('ci-lint', 'pass', 3), result('ci-tests', 'pass', 2)], score: 100, grade: 'A' },
    { name: 'all fail', results: [result('ci-lint', 'fail', 3), result('ci-tests', 'fail', 2)], score: 0, grade: 'F' },
    // 3·10 + 2·0 = 30 of 50 → 60
    { name: 'weights matter', results: [result('ci-lint', 'pass', 3), result('ci-tests', 'fail', 2)], score: 60, grade: 'D' },
    // 2·10 + 3·0 = 20 of 50 → 40
    { name: 'weights the other way', results: [result('ci-lint', 'fail', 3), result('ci-tests', 'pass', 2)], score: 40, grade: 'F' },
    // 3·5 = 15 of 30 → 50
    { name: 'partial is 5/10', results: [result('ci-lint', 'partial', 3)], score: 50, grade: 'F' },
    // 1·10 + 1·10 + 1·0 = 20 of 30 → 66.67 → 67
    { name: 'rounds to nearest', results: [result('ci-lint', 'pass', 1), result('ci-tests', 'pass', 1), result('type-checking', 'fail', 1)], score: 67, grade: 'D' },
    // 1·10 + 1·0 + 1·0 = 10 of 30 → 33.33 → 33
    { name: 'rounds down below .5', results: [result('ci-lint', 'pass', 1), result('ci-tests', 'fail', 1), result('type-checking', 'fail', 1)], score: 33, grade: 'F' },
    // 2·7.5 + 2·6.4 = 27.8 of 40 → 69.5 → 70 (halves round up)
    { name: 'a half rounds up', results: [result('ci-duration', 'partial', 2, 7.5), result('ci-lint', 'partial', 2, 6.4)], score: 70, grade: 'C' },
    // 3·0 + 1·4.6 = 4.6 of 40 → 11.5, which floats compute as 11.499999999999998: still rounds up
    { name: 'float noise does not decide a half', results: [result('ci-lint', 'fail', 3), result('ci-duration', 'partial', 1, 4.6)], score: 12, grade: 'F' },
    { name: 'finer grades count as given', results: [result('ci-duration', 'partial', 1, 7)], score: 70, grade: 'C' },
    {
      name: 'unknown, not-applicable and waived are left out',
      results: [result('ci-lint', 'pass', 3), result('mandatory-prs', 'unknown', 3), result('contract-tests', 'not-applicable', 3), result('feature-flags', 'waived', 3)],
      score: 100,
      grade: 'A'
    },
    { name: 'a weight of 0 leaves a check out', results: [result('ci-lint', 'pass', 3), result('ci-tests', 'fail', 0)], score: 100, grade: 'A' },
    { name: 'nothing judged', results: [result('mandatory-prs', 'unknown', 3), result('contract-tests', 'not-applicable', 3)], score: null, grade: null },
    { name: 'no results', results: [], score: null, grade: null },
    { name: 'everything judged weighs 0', results: [result('ci-lint', 'fail', 0)], score: null, grade: null }
  ])('$name → $score', ({ results, score, grade }) => {
    expect(scoreOf(results)).toEqual({ score, grade })
  })

  test('the default weights over the whole catalogue: one core practice missing', () => {
    const weights: [CheckId, number][] = [
      ['mandatory-prs', 3], ['ci-lint', 3], ['ci-tests', 3], ['type-checking', 2], ['static-analysis', 2], ['contract-tests', 3], ['openapi-published', 3],
      ['health-endpoint', 3], ['feature-flags', 3], ['circuit-breakers', 2], ['container-build', 2], ['release-versioning', 2], ['ci-duration', 1]
    ]
    const results = weights.map(([id, w]) => result(id, id === 'feature-flags' ? 'fail' : 'pass', w))
    // 290 of 320 → 90.625 → 91
    expect(scoreOf(results)).toEqual({ score: 91, grade: 'A' })
  })
})

describe('grade boundaries', () => {
  test.each([
    [100, 'A'], [90, 'A'], [89, 'B'], [80, 'B'], [79, 'C'], [70, 'C'], [69, 'D'], [60, 'D'], [59, 'F'], [0, 'F']
  ] as const)('%i → %s', (score, grade) => {
    expect(gradeOf(score)).toBe(grade)
  })
})
