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
    expect(lines.slice(0, 3)).toEqual(['Shipshape 61 → 58/100 (F) (▼ −3 against base) · gate FAILED · 11 of 13 checks judged', '  ✖ score 58 is under 70', '  ✖ required check ci-tests is fail'])
    // Titles are padded to the longest ("Mandatory pull requests", 23 characters).
    // A check whose status moved against the base says what it was.
    expect(lines).toContain(`  ✖ Fail    ${'CI tests'.padEnd(23)}  [was Pass] No test run was found in CI.`)
    // A long summary wraps under its own column.
    const waived = lines.findIndex((l) => l.startsWith(`  ~ Waived  ${'Container build'.padEnd(23)}  Waived until 2026-12-31 (was partial): images are built by the`))
    expect(lines[waived + 1]).toBe(`${' '.repeat(37)}platform team — A Dockerfile exists but CI does not build it.`)
  })

  it('lists evidence and the whole fix for checks to act on, code on its own lines, markup dropped', () => {
    const out = text()
    expect(out).toContain(
      [
        '✖ CI tests (required)',
        '    .github/workflows/ci.yml — workflow runs on pull_request but has no test step',
        '    tests/test_orders.py:1 — pytest tests exist',
        '    no tox.ini, noxfile.py or Makefile test target',
        '    Fix: Run the test suite on every pull request:',
        '',
        '    - run: pytest -q',
        '',
        '      See the docs for other runners.',
        '    Docs: https://github.com/shipshape-dev/shipshape/blob/main/docs/checks/ci-tests.md'
      ].join('\n')
    )
    expect(out).toContain('    Resolve: Pass an admin-token with administration:read.')
    expect(out).not.toContain('Circuit breakers —')
    // The summary is in the table above; the details do not say it again.
    expect(out.split('No test run was found in CI.').length - 1).toBe(1)
  })

  it.each([80, 100])('fits %i columns: no line wider, no fence or markup left, snippets whole', (width) => {
    const wide = sampleReport({
      checks: sampleReport().checks.map((c) => c.id === 'ci-tests' ? { ...c, summary: 'word '.repeat(60), remediation: `**Run** the [suite](https://example.com/docs):\n\n- one \`item\` with a long tail ${'x '.repeat(60)}\n- two\n\n\`\`\`yaml\nshort: line\n\`\`\`\n\n\`\`\`sh\n${'y'.repeat(120)}\n\`\`\`` } : c)
    })
    const out = renderText(wide, { color: false, width })
    for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(width)
    expect(out).not.toMatch(/```|\*\*|\]\(/)
    expect(out).toContain('    Fix: Run the suite (https://example.com/docs):')
    expect(out).toContain('      - one item with a long tail')
    expect(out).toContain('    short: line')
    // A code line too wide for the terminal is named, never cut.
    expect(out).not.toContain('yyyyyyyy')
    expect(out).toMatch(/a 1-line snippet, too wide for this terminal/)
  })

  it('caps and breaks a hostile 10,000-character name: inert, never wider than the terminal', () => {
    const name = `\x1b[2J${'a'.repeat(10_000)}\u202e.py`
    const report = sampleReport({ checks: [{ ...sampleReport().checks[2]!, evidence: [{ path: name, line: 1, message: `\x1b]8;;http://x\x07click\x1b]8;;\x07 ${'b'.repeat(10_000)}` }] }] })
    const out = renderText(report, { color: false, width: 80 })
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/)
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(80)
    const pathLine = out.split('\n').find((l) => l.includes('aaaa'))!
    expect(pathLine).toMatch(/^ {4}a+…:1 —/)
    expect(out.match(/a/g)!.length).toBeLessThan(200)
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
