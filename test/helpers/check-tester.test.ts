import { describe, expect, it } from 'vitest'
import ciLint from '../../src/checks/ci-lint.js'
import { validateTables, type Case } from './check-tester.js'
import { run } from './facts.js'

/** The tester is strict about its own input. */
describe('checkTester input validation', () => {
  const ok: Case<'pr'> = { name: 'a', facts: { ci: { runs: [run('ruff check .')] } }, messageId: 'pr' }

  it('accepts a well-formed table', () => {
    expect(() => validateTables(ciLint, { pass: [ok] })).not.toThrow()
  })

  it('rejects duplicate case names', () => {
    expect(() => validateTables(ciLint, { pass: [ok], fail: [{ ...ok }] })).toThrow("Detected duplicate test case 'a' in ci-lint.")
  })

  it('rejects an unknown messageId and lists the allowed ones', () => {
    const bad = { ...ok, name: 'b', messageId: 'passed' } as unknown as Case<'pr'>
    expect(() => validateTables(ciLint, { pass: [bad] })).toThrow(/Invalid messageId 'passed' in case 'b'\. Expected one of 'pr', 'not-on-prs', /)
  })

  it('rejects empty tables and no tables at all', () => {
    expect(() => validateTables(ciLint, { pass: [] })).toThrow("Table 'pass' of ci-lint is empty")
    expect(() => validateTables(ciLint, {})).toThrow('No test cases for ci-lint')
  })

  it('rejects a case without a name', () => {
    expect(() => validateTables(ciLint, { pass: [{ ...ok, name: ' ' }] })).toThrow('has no name')
  })
})
