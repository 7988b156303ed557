import { describe, expect, test } from 'vitest'
import type { CheckId, Status } from '../../src/checks/ids.js'
import type { RawResult } from '../../src/checks/run.js'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import type { CheckPolicy, Config, Waiver } from '../../src/config/types.js'
import { resolvePolicy } from '../../src/config/policy.js'
import { applyPolicy, isWaiverActive } from '../../src/scoring/policy.js'

function raw(id: CheckId, status: Exclude<Status, 'waived'>): RawResult {
  const score = status === 'pass' ? 10 : status === 'partial' ? 5 : status === 'fail' ? 0 : null
  return { id, title: `Title ${id}`, status, score, summary: `${id} is ${status}`, messageId: 'm', evidence: [{ path: 'a.yml', line: 1, message: 'e' }], remediation: status === 'pass' ? null : 'fix it' }
}

function configWith(o: { checks?: Partial<Record<CheckId, Partial<CheckPolicy>>>; waivers?: Waiver[] } = {}): Config {
  const checks = { ...DEFAULT_CONFIG.checks }
  for (const [id, p] of Object.entries(o.checks ?? {}) as [CheckId, Partial<CheckPolicy>][]) checks[id] = { ...checks[id], ...p }
  return { ...DEFAULT_CONFIG, checks, waivers: o.waivers ?? [] }
}

const TODAY = new Date('2026-06-15T12:00:00Z')
const waiver = (check: CheckId, expires: string): Waiver => ({ check, reason: 'migrating to Pact', expires })

describe('weights and required', () => {
  test('weight comes from the config and required from the effective policy; the rest of the result is kept', () => {
    const config = configWith({ checks: { 'ci-lint': { weight: 7, required: true } } })
    const { results, warnings } = applyPolicy([raw('ci-lint', 'fail'), raw('ci-tests', 'pass')], config, { today: TODAY, required: resolvePolicy(config).required })
    expect(results).toEqual([
      { ...raw('ci-lint', 'fail'), weight: 7, required: true },
      { ...raw('ci-tests', 'pass'), weight: 3, required: false }
    ])
    expect(warnings).toEqual([])
  })

  test('the required-checks input adds to the config', () => {
    const config = configWith({ checks: { 'ci-lint': { required: true } } })
    const { results } = applyPolicy([raw('ci-lint', 'pass'), raw('ci-tests', 'pass'), raw('ci-duration', 'pass')], config, { today: TODAY, required: resolvePolicy(config, { requiredChecks: ['ci-tests'] }).required })
    expect(results.map((r) => [r.id, r.required])).toEqual([
      ['ci-lint', true],
      ['ci-tests', true],
      ['ci-duration', false]
    ])
  })

  test('a required check that is disabled or did not run is a warning', () => {
    const config = configWith({ checks: { 'ci-lint': { enabled: false } } })
    const { results, warnings } = applyPolicy([raw('ci-lint', 'pass')], config, { today: TODAY, required: ['ci-lint', 'ci-tests'] })
    expect(results).toEqual([])
    expect(warnings).toEqual(['required check ci-lint is disabled in the config, so it cannot be judged', 'required check ci-tests did not run, so it cannot be judged'])
  })

  test('a required check that does not apply is a warning naming why (an unknown one is for the gate to fail)', () => {
    const { warnings } = applyPolicy([raw('mandatory-prs', 'unknown'), raw('contract-tests', 'not-applicable')], DEFAULT_CONFIG, {
      today: TODAY,
      required: ['mandatory-prs', 'contract-tests']
    })
    expect(warnings).toEqual(['required check contract-tests is not-applicable, so the gate cannot hold it to pass: contract-tests is not-applicable'])
  })
})

describe('waivers', () => {
  test.each([
    { name: 'well before expiry', expires: '2026-12-31', active: true },
    { name: 'on the expiry day (inclusive)', expires: '2026-06-15', active: true },
    { name: 'the day after expiry', expires: '2026-06-14', active: false }
  ])('$name', ({ expires, active }) => {
    const { results, warnings } = applyPolicy([raw('contract-tests', 'fail')], configWith({ waivers: [waiver('contract-tests', expires)] }), { today: TODAY, required: [] })
    if (active) {
      expect(results[0]).toEqual({
        ...raw('contract-tests', 'fail'),
        status: 'waived',
        score: null,
        weight: 3,
        required: false,
        waiver: { reason: 'migrating to Pact', expires, original: 'fail' }
      })
      expect(warnings).toEqual([])
    } else {
      expect(results[0]?.status).toBe('fail')
      expect(results[0]?.waiver).toBeUndefined()
      expect(warnings).toEqual([`waiver for contract-tests expired on ${expires} and no longer applies`])
    }
  })

  test('expiry is judged on the UTC day, whatever the hour', () => {
    const w = waiver('ci-lint', '2026-06-15')
    expect(isWaiverActive(w, new Date('2026-06-15T23:59:59.999Z'))).toBe(true)
    expect(isWaiverActive(w, new Date('2026-06-16T00:00:00.000Z'))).toBe(false)
  })

  test('partial and unknown can be waived too, keeping what they were', () => {
    const config = configWith({ waivers: [waiver('ci-lint', '2027-01-01'), waiver('ci-duration', '2027-01-01')] })
    const { results } = applyPolicy([raw('ci-lint', 'partial'), raw('ci-duration', 'unknown')], config, { today: TODAY, required: [] })
    expect(results.map((r) => [r.id, r.status, r.waiver?.original])).toEqual([
      ['ci-lint', 'waived', 'partial'],
      ['ci-duration', 'waived', 'unknown']
    ])
  })

  test('a waiver on a passing or not-applicable check does not apply and says it is no longer needed', () => {
    const config = configWith({ waivers: [waiver('ci-lint', '2027-01-01'), waiver('contract-tests', '2027-01-01')] })
    const { results, warnings } = applyPolicy([raw('ci-lint', 'pass'), raw('contract-tests', 'not-applicable')], config, { today: TODAY, required: [] })
    expect(results.map((r) => r.status)).toEqual(['pass', 'not-applicable'])
    expect(warnings).toEqual(['waiver for ci-lint is no longer needed: the check is pass', 'waiver for contract-tests is no longer needed: the check is not-applicable'])
  })

  test('a waiver on a disabled, missing or unknown check has no effect and is reported', () => {
    const config = configWith({
      checks: { 'feature-flags': { enabled: false } },
      waivers: [waiver('feature-flags', '2027-01-01'), waiver('ci-tests', '2027-01-01'), { check: 'security' as CheckId, reason: 'x', expires: '2027-01-01' }]
    })
    const { results, warnings } = applyPolicy([raw('ci-lint', 'fail'), raw('feature-flags', 'fail')], config, { today: TODAY, required: [] })
    expect(results.map((r) => [r.id, r.status])).toEqual([['ci-lint', 'fail']])
    expect(warnings).toEqual([
      'waiver for feature-flags has no effect: the check is disabled',
      'waiver for ci-tests has no effect: the check did not run',
      'waiver names unknown check "security" and has no effect'
    ])
  })

  test('an expired waiver next to an active one for another check', () => {
    const config = configWith({ waivers: [waiver('ci-lint', '2026-01-31'), waiver('ci-tests', '2026-07-01')] })
    const { results, warnings } = applyPolicy([raw('ci-lint', 'fail'), raw('ci-tests', 'fail')], config, { today: TODAY, required: [] })
    expect(results.map((r) => r.status)).toEqual(['fail', 'waived'])
    expect(warnings).toEqual(['waiver for ci-lint expired on 2026-01-31 and no longer applies'])
  })
})
