import { describe, expect, it } from 'vitest'
import { CHECK_IDS } from '../../src/checks/ids.js'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { parseConfig } from '../../src/config/load.js'
import { readPolicyInputs, resolvePolicy } from '../../src/config/policy.js'

const IDS = CHECK_IDS.join(', ')

describe('the effective policy', () => {
  it('refuses a bad min-score in the same words in the config, an action input and a CLI flag', () => {
    const fromFile = parseConfig('min-score: 101\n', 'shipshape.yml').errors!.map((e) => e.message)
    const fromInput = readPolicyInputs({ 'min-score': '101' }, (k) => k).errors
    const fromFlag = readPolicyInputs({ 'min-score': '101' }, (k) => `--${k}`).errors
    expect(fromFile).toEqual(['min-score: expected an integer from 0 to 100, got 101'])
    expect(fromInput).toEqual(fromFile)
    expect(fromFlag).toEqual(['--min-score: expected an integer from 0 to 100, got 101'])
    expect(readPolicyInputs({ 'min-score': 'seventy' }, (k) => k).errors).toEqual(['min-score: expected an integer from 0 to 100, got "seventy"'])
  })

  it('checks every policy input by the schema node of its config key, with "did you mean"', () => {
    const r = readPolicyInputs({ 'required-checks': 'ci-tests, ci-test', 'fail-on-regression': 'yes', comment: 'sometimes' }, (k) => k)
    expect(r.errors).toEqual([
      `required-checks: expected a check id (${IDS}), got "ci-test" (did you mean "ci-tests"?)`,
      'fail-on-regression: expected true or false, got "yes"',
      'comment: expected a comment mode (always, on-failure, on-change, never), got "sometimes"'
    ])
    expect(r.overrides).toEqual({ requiredChecks: ['ci-tests'] })
  })

  it('reads what is given and leaves out what is empty', () => {
    expect(readPolicyInputs({ 'min-score': ' 80 ', 'required-checks': 'ci-lint ci-tests', 'fail-on-regression': 'True', comment: 'on-change' }, (k) => k)).toEqual({
      overrides: { minScore: 80, requiredChecks: ['ci-lint', 'ci-tests'], failOnRegression: true, comment: 'on-change' },
      errors: []
    })
    expect(readPolicyInputs({ 'min-score': '', 'required-checks': '  ', comment: null }, (k) => k)).toEqual({ overrides: {}, errors: [] })
  })

  it('lets each input override the config, and adds required checks to the config’s, in catalogue order', () => {
    const config = parseConfig('min-score: 60\nfail-on-regression: true\ncomment: on-failure\nchecks:\n  ci-duration: { required: true }\n', 'c.yml').config!
    expect(resolvePolicy(config)).toEqual({ minScore: 60, required: ['ci-duration'], failOnRegression: true, comment: 'on-failure' })
    expect(resolvePolicy(config, { minScore: 0, requiredChecks: ['ci-lint', 'ci-duration'], failOnRegression: false, comment: 'never' })).toEqual({
      minScore: 0,
      required: ['ci-lint', 'ci-duration'],
      failOnRegression: false,
      comment: 'never'
    })
    expect(resolvePolicy(DEFAULT_CONFIG)).toEqual({ minScore: 70, required: [], failOnRegression: false, comment: 'always' })
  })
})
