import { describe, expect, test } from 'vitest'
import { closest, didYouMean, joinPath, show } from '../../src/config/messages.js'

describe('show', () => {
  test.each([
    { value: 'abc', shown: '"abc"' },
    { value: 'say "hi"', shown: '"say \\"hi\\""' },
    { value: 150, shown: '150' },
    { value: true, shown: 'true' },
    { value: null, shown: 'an empty value' },
    { value: [1, 'a'], shown: '[1, "a"]' },
    { value: { a: 1, b: [2] }, shown: '{a: 1, b: [2]}' },
    { value: [[[[1]]]], shown: '[[[[…]]]]' },
    { value: 'x'.repeat(70), shown: `"${'x'.repeat(60)}…"` }
  ])('$shown', ({ value, shown }) => {
    expect(show(value)).toBe(shown)
  })

  test('a huge list is cut at the budget', () => {
    const s = show(Array.from({ length: 10_000 }, (_, i) => i))
    expect(s.endsWith('…')).toBe(true)
    expect(s.length).toBe(61)
  })
})

describe('closest', () => {
  const keys = ['min-score', 'fail-on-regression', 'max-file-size', 'ignore', 'checks']
  test.each([
    { given: 'min_score', near: 'min-score' },
    { given: 'minScore', near: 'min-score' },
    { given: 'MIN-SCORE', near: 'min-score' },
    { given: 'ignroe', near: 'ignore' },
    { given: 'check', near: 'checks' },
    { given: 'failOnRegression', near: 'fail-on-regression' },
    { given: 'color', near: null },
    { given: 'x'.repeat(500), near: null }
  ])('$given → $near', ({ given, near }) => {
    expect(closest(given, keys)).toBe(near)
  })

  test('short names allow one edit only', () => {
    expect(closest('ab', ['abc'])).toBe('abc')
    expect(closest('a', ['abc'])).toBeNull()
  })

  test('didYouMean phrasing', () => {
    expect(didYouMean('ci-lnt', ['ci-lint', 'ci-tests'])).toBe(' (did you mean "ci-lint"?)')
    expect(didYouMean('zzz', ['ci-lint'])).toBe('')
  })
})

test('joinPath', () => {
  expect(joinPath('', 'min-score')).toBe('min-score')
  expect(joinPath('waivers', 0)).toBe('waivers[0]')
  expect(joinPath('waivers[0]', 'expires')).toBe('waivers[0].expires')
})
