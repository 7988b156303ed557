import { describe, expect, it } from 'vitest'
import { parseArgs } from '../src/cli-args.js'

describe('parseArgs', () => {
  it('parses a full scan command', () => {
    const r = parseArgs(['scan', 'repo', '--format', 'json', '--min-score=80', '--config', 'c.yml', '--output', 'out.json', '--required-checks', 'ci-tests,ci-lint', '--no-color', '--repo', 'acme/orders'])
    expect(r).toEqual({
      ok: true,
      args: { command: 'scan', dir: 'repo', format: 'json', config: 'c.yml', minScore: 80, output: 'out.json', githubToken: null, repo: 'acme/orders', requiredChecks: ['ci-tests', 'ci-lint'], color: false }
    })
  })

  it('defaults DIR to . and shows help without arguments', () => {
    expect(parseArgs(['scan'])).toMatchObject({ ok: true, args: { dir: '.', format: null } })
    expect(parseArgs([])).toMatchObject({ ok: true, args: { command: 'help' } })
  })

  it('reports every problem at once, naming the allowed values', () => {
    const r = parseArgs(['scan', '--format', 'xml', '--min-score', '101', '--required-checks', 'ci-test', '--bogus', 'a', 'b'])
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toEqual([
      "--format: 'xml' is not a format. Expected one of: text, markdown, json, sarif",
      "--min-score: '101' is not a whole number from 0 to 100",
      expect.stringContaining("--required-checks: 'ci-test' is not a check id. Expected any of: mandatory-prs, ci-lint"),
      "unknown option '--bogus' (see --help)",
      "unexpected argument 'b': scan takes one directory"
    ])
  })

  it('rejects a missing value and an unknown command', () => {
    expect(parseArgs(['scan', '--format'])).toEqual({ ok: false, errors: ['--format needs a value'] })
    expect(parseArgs(['lint'])).toEqual({ ok: false, errors: ["unknown command 'lint'. Expected: scan, fleet or fleet-plan"] })
  })
})
