import { describe, expect, it } from 'vitest'
import { CHECK_IDS } from '../src/checks/ids.js'
import { parseArgs, USAGE } from '../src/cli-args.js'

describe('parseArgs', () => {
  it('parses a full scan command', () => {
    const r = parseArgs(['scan', 'repo', '--format', 'json', '--min-score=80', '--config', 'c.yml', '--output', 'out.json', '--required-checks', 'ci-tests,ci-lint', '--base', 'origin/main', '--fail-on-regression', '--no-color', '--repo', 'acme/orders'])
    expect(r).toEqual({
      ok: true,
      args: {
        command: 'scan',
        dir: 'repo',
        format: 'json',
        config: 'c.yml',
        output: 'out.json',
        githubToken: null,
        repo: 'acme/orders',
        policy: { minScore: 80, requiredChecks: ['ci-tests', 'ci-lint'], failOnRegression: true },
        base: 'origin/main',
        color: false
      }
    })
  })

  it('defaults DIR to . and shows help without arguments', () => {
    expect(parseArgs(['scan'])).toMatchObject({ ok: true, args: { dir: '.', format: null, policy: {}, base: null } })
    expect(parseArgs([])).toMatchObject({ ok: true, args: { command: 'help' } })
  })

  it('reports every problem at once, naming the allowed values; policy flags in the config schema’s words', () => {
    const r = parseArgs(['scan', '--format', 'xml', '--min-score', '101', '--required-checks', 'ci-test', '--bogus', 'a', 'b'])
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toEqual([
      "--format: 'xml' is not a format. Expected one of: text, markdown, json, sarif",
      "unknown option '--bogus'",
      "unexpected argument 'b': scan takes one directory",
      '--min-score: expected an integer from 0 to 100, got 101',
      `--required-checks: expected a check id (${CHECK_IDS.join(', ')}), got "ci-test" (did you mean "ci-tests"?)`
    ])
  })

  it('suggests the option meant', () => {
    expect(parseArgs(['scan', '--fromat', 'json'])).toEqual({ ok: false, errors: ["unknown option '--fromat' (did you mean --format?)"] })
    expect(parseArgs(['scan', '--min-scor', '3'])).toMatchObject({ ok: false, errors: ["unknown option '--min-scor' (did you mean --min-score?)"] })
  })

  it('rejects a missing value, an option as a ref and an unknown command', () => {
    expect(parseArgs(['scan', '--format'])).toEqual({ ok: false, errors: ['--format needs a value'] })
    expect(parseArgs(['scan', '--base=--upload-pack=x'])).toEqual({ ok: false, errors: ["--base: '--upload-pack=x' is not a commit, branch or tag"] })
    expect(parseArgs(['lint'])).toEqual({ ok: false, errors: ["unknown command 'lint'. Expected: scan, fleet or fleet-plan"] })
  })

  it('keeps every help line within 80 columns', () => {
    for (const line of USAGE.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80)
  })
})
