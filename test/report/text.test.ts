import { describe, expect, it } from 'vitest'
import { renderText } from '../../src/report/text.js'
import { hostileReport } from './hostile.js'
import { emptyReport, sampleReport } from './sample.js'

const text = (r = sampleReport(), color = false): string => renderText(r, { color })

describe('text (terminal)', () => {
  it('renders the sample report', async () => {
    await expect(text()).toMatchFileSnapshot('__snapshots__/sample.txt')
  })

  it('leads with the verdict and its reasons, then one line per check', () => {
    const lines = text().split('\n')
    expect(lines.slice(0, 3)).toEqual(['Shipshape 61 → 58/100 (F) (▼ −3 against base) · gate FAILED', '  ✖ score 58 is under 70', '  ✖ required check ci-tests is fail'])
    // Titles are padded to the longest ("Mandatory pull requests", 23 characters).
    // A check whose status moved against the base says what it was.
    expect(lines).toContain(`  ✖ Fail    ${'CI tests'.padEnd(23)} [was Pass]  No test run was found in CI.`)
    expect(lines).toContain(`  ~ Waived  ${'Container build'.padEnd(23)}  Waived until 2026-12-31 (was partial): images are built by the platform team — A Dockerfile exists but CI does not build it.`)
  })

  it('lists evidence and the first paragraph of the fix for checks to act on', () => {
    const out = text()
    expect(out).toContain(
      [
        '✖ CI tests (required) — No test run was found in CI.',
        '    .github/workflows/ci.yml — workflow runs on pull_request but has no test step',
        '    tests/test_orders.py:1 — pytest tests exist',
        '    no tox.ini, noxfile.py or Makefile test target',
        '    Fix: Run the test suite on every pull request:',
        '    Docs: https://github.com/shipshape-dev/shipshape/blob/main/docs/checks/ci-tests.md'
      ].join('\n')
    )
    expect(out).toContain('    Resolve: Pass an `admin-token` with administration:read.')
    expect(out).not.toContain('Circuit breakers —')
  })

  it('uses ANSI colour only when asked', () => {
    expect(text()).not.toContain('\x1b')
    const coloured = text(sampleReport(), true)
    expect(coloured).toContain('\x1b[1;31mgate FAILED\x1b[0m')
    expect(coloured).toContain('\x1b[32m✔ Pass   \x1b[0m')
  })

  it('strips escapes and controls from repository-derived text, in colour too', () => {
    const plain = text(hostileReport())
    expect(plain).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/)
    expect(plain).toContain('found clear bell nul del c1\n')
    const coloured = text(hostileReport(), true)
    // Every escape in the output is one of our SGR colour codes.
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/)
  })

  it('caps evidence per check', () => {
    const report = sampleReport({ checks: [{ ...sampleReport().checks[2]!, evidence: Array.from({ length: 25 }, (_, i) => ({ path: `f${i}.py`, line: i + 1, message: 'm' })) }] })
    const out = text(report)
    expect(out).toContain('    f9.py:10 — m\n    … and 15 more (--format json lists all)')
    expect(out).not.toContain('f10.py')
  })

  it('handles a report where nothing was judged', () => {
    expect(text(emptyReport())).toBe('Shipshape — no score (no check could be judged) · gate passed\n\n  No checks ran (all disabled in the configuration?).\n\n0 files, 0 read, in 3 ms\n')
  })
})
