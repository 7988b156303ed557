import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DOCS_BASE, PROJECT_URL } from '../../src/report/links.js'
import { COMMENT_LIMIT, MARKER_HEADROOM, renderMarkdown } from '../../src/report/markdown.js'
import { hostileReport, hugeReport } from './hostile.js'
import { expectInertMarkdown, NASTY } from './inert.js'
import { COMMIT, emptyReport, SAMPLE_CHECKS, sampleReport } from './sample.js'

const md = (r = sampleReport(), maxChars?: number): string => renderMarkdown(r, { color: false, maxChars })
const ALLOWED = [`${PROJECT_URL}/`, `https://github.com/acme/orders/blob/${COMMIT}/`]
const lines = (s: string): string[] => s.split('\n')

describe('markdown (PR comment body)', () => {
  it('renders the sample report', async () => {
    await expect(md()).toMatchFileSnapshot('__snapshots__/sample.comment.md')
  })

  it('opens with one headline: score, grade, change against base and the gate verdict with reasons', () => {
    expect(lines(md())[0]).toBe('### ❌ Shipshape 61 → 58/100 (F), ▼ −3 against base, 11 of 13 checks judged — gate failed: score 58 is under 70; required check ci\\-tests is fail')
    const passing = sampleReport({ score: 81, grade: 'B', delta: undefined, gate: { passed: true, minScore: 70, reasons: [] } })
    expect(lines(md(passing))[0]).toBe('### ✅ Shipshape 81/100 (B), 11 of 13 checks judged — gate passed')
    const failing = sampleReport({ score: 64, grade: 'D', delta: undefined, gate: { passed: false, minScore: 70, reasons: ['score 64 is under 70'] } })
    expect(lines(md(failing))[0]).toBe('### ❌ Shipshape 64/100 (D), 11 of 13 checks judged — gate failed: score 64 is under 70')
  })

  it('has a full table: one row per check with status, linked title and what was found', () => {
    const rows = lines(md()).filter((l) => l.startsWith('| ') && !l.startsWith('| Status'))
    expect(rows).toHaveLength(SAMPLE_CHECKS.length)
    expect(rows[2]).toBe(`| ❌ Fail | [CI tests](${DOCS_BASE}/ci-tests.md) · required | No test run was found in CI\\. | was Pass |`)
    expect(rows[9]).toBe(`| ➖ N/A | [Circuit breakers](${DOCS_BASE}/circuit-breakers.md) | The service makes no outbound HTTP calls\\. |  |`)
    expect(rows[10]).toContain('Waived until 2026\\-12\\-31 \\(was partial\\): images are built by the platform team — A Dockerfile exists')
    expect(rows[12]).toContain('CI duration needs the GitHub API: grant \\`actions: read\\`')
  })

  it('has one collapsed details block per check to act on (fail, partial, unknown), most severe first', () => {
    const summaries = lines(md()).filter((l) => l.startsWith('<summary>'))
    expect(summaries.map((s) => /<b>(.*?)<\/b>/.exec(s)![1])).toEqual([
      'CI tests',
      'Contract tests',
      'Release versioning',
      'Type checking',
      'Feature flags',
      'Mandatory pull requests',
      'CI duration'
    ])
  })

  it('links evidence to the exact file and line at the scanned commit', () => {
    const out = md()
    expect(out).toContain(`- [tests/test\\_orders\\.py:1](https://github.com/acme/orders/blob/${COMMIT}/tests/test_orders.py#L1) — pytest tests exist`)
    expect(out).toContain(`- [pyproject\\.toml:40](https://github.com/acme/orders/blob/${COMMIT}/pyproject.toml#L40-L48) — \\[tool\\.mypy\\] section`)
    expect(out).toContain(`- [\\.github/workflows/ci\\.yml](https://github.com/acme/orders/blob/${COMMIT}/.github/workflows/ci.yml) — workflow runs on pull\\_request but has no test step`)
    expect(out).toContain('- no tox\\.ini, noxfile\\.py or Makefile test target')
  })

  it('falls back to code text when the commit, slug or server is unknown or untrustworthy', () => {
    for (const repository of [
      { root: '.', commit: null, slug: 'acme/orders', serverUrl: 'https://github.com' },
      { root: '.', commit: COMMIT },
      { root: '.', commit: COMMIT, slug: '../evil', serverUrl: 'https://github.com' },
      { root: '.', commit: COMMIT, slug: 'acme/..', serverUrl: 'https://github.com' },
      { root: '.', commit: COMMIT, slug: 'acme/orders', serverUrl: 'https://evil.example/x?y=(1)' },
      { root: '.', commit: COMMIT, slug: 'acme/orders', serverUrl: 'javascript:alert(1)//' },
      { root: '.', commit: 'HEAD; rm -rf', slug: 'acme/orders', serverUrl: 'https://github.com' }
    ]) {
      const out = md(sampleReport({ repository }))
      expect(out).toContain('- `tests/test_orders.py:1` — pytest tests exist')
      expect(out).not.toContain('acme/orders/blob')
    }
  })

  it('keeps the remediation Markdown and the docs link inside the details', () => {
    const out = md()
    expect(out).toContain(`**How to fix**\n\nRun the test suite on every pull request:\n\n\`\`\`yaml\n- run: pytest -q\n\`\`\`\n\nSee the docs for other runners.\n\n[Docs: CI tests](${DOCS_BASE}/ci-tests.md)\n\n</details>`)
    expect(out).toContain('**How to resolve**\n\nPass an `admin-token` with administration:read.')
  })

  it('lists warnings at the end and adds no hidden marker', () => {
    const out = md()
    expect(out).toContain('**Warnings**\n\n- waiver for container\\-build expires in 30 days\n- config: unknown key "chekcs" \\(did you mean "checks"?\\)')
    expect(out).not.toContain('<!--')
    expect(out.endsWith('</sub>\n')).toBe(true)
  })

  it('handles a report where nothing was judged', () => {
    const out = md(emptyReport())
    expect(lines(out)[0]).toBe('### ✅ Shipshape: no score (no check could be judged) — gate passed')
    expect(out).toContain('_No checks ran (all disabled in the configuration?)._')
    expect(out).not.toContain('<details>')
  })

  it('makes every repository-derived string inert', () => {
    const out = md(hostileReport())
    expectInertMarkdown(out, ALLOWED)
    expect(out).toContain('\\[click\\]\\(javascript:alert\\(1\\)\\)')
    expect(out).toContain('&lt;script&gt;alert\\(1\\)&lt;/script&gt;')
    expect(out).toContain('found &lt;img src=x onerror=alert\\(1\\)&gt;')
  })

  it('stays inert for any mix of hostile fragments in paths, messages, summaries and warnings (property)', () => {
    const hostile = fc.array(fc.oneof(fc.constantFrom(...NASTY, '@', '#7', 'https://', '](', '`', '|', '\n', '<', '\\'), fc.string({ maxLength: 6 })), { maxLength: 8 }).map((p) => p.join(''))
    fc.assert(
      fc.property(hostile, hostile, hostile, fc.option(fc.integer({ min: -2, max: 5 })), (path, message, summary, line) => {
        const base = sampleReport()
        const report = sampleReport({
          warnings: [message],
          checks: base.checks.map((c) => ({ ...c, summary, evidence: [{ path, line: line ?? undefined, message }, { message: path }] }))
        })
        expectInertMarkdown(md(report), ALLOWED)
      }),
      { numRuns: 150 }
    )
  })

  it('stays under the comment limit with 14 checks × 5,000 hostile evidence items, keeping headline and table', () => {
    const report = hugeReport(5000)
    const out = md(report)
    expect(out.length).toBeLessThanOrEqual(COMMENT_LIMIT - MARKER_HEADROOM)
    expect(lines(out)[0]).toMatch(/^### ❌ Shipshape 58\/100 \(F\)(, \d+ of 14 checks judged)? — gate failed/)
    expect(lines(out).filter((l) => l.startsWith('| ') && !l.startsWith('| Status'))).toHaveLength(14)
    expect(out).toContain('… and 4,99')
    expect(out).toMatch(/_Shortened to fit the size limit: evidence lists show at most \d items? per check/)
    expectInertMarkdown(out, ALLOWED)
  })

  it('degrades in order: evidence, then remediation, then details of the lowest-weight checks', () => {
    const report = hugeReport(50)
    const full = md(report, 1_000_000)
    expect(full).not.toContain('Shortened')
    expect(full).toContain('- … and 40 more')

    const noFix = md(report, 30_000)
    expect(noFix.length).toBeLessThanOrEqual(30_000)
    expect(noFix).toContain('fixes link to the docs instead of being shown')
    expect(noFix).toContain(`**How to fix:** see [the Check ci\\-tests docs](${DOCS_BASE}/ci-tests.md).`)
    expect(noFix).not.toContain('details are left out')

    const tight = md(report, 6_000)
    expect(tight.length).toBeLessThanOrEqual(6_000)
    const note = /details are left out for ([^;.]*)/.exec(tight)![1]!
    const omitted = note.split(', ').map((t) => t.replace('Check ', '').replace(/\\/g, ''))
    const weights = report.checks.map((c) => ({ id: c.id, w: c.weight, omitted: omitted.includes(c.id) }))
    const maxOmitted = Math.max(...weights.filter((x) => x.omitted).map((x) => x.w))
    const minKept = Math.min(...weights.filter((x) => !x.omitted).map((x) => x.w))
    expect(omitted.length).toBeGreaterThan(0)
    expect(maxOmitted).toBeLessThanOrEqual(minKept)
    expect(lines(tight).filter((l) => l.startsWith('| ') && !l.startsWith('| Status'))).toHaveLength(14)
    expectInertMarkdown(tight, ALLOWED)
  })

  it('still returns something within budget when even the table does not fit', () => {
    const out = md(hugeReport(5), 1_500)
    expect(out.length).toBeLessThanOrEqual(1_500)
    expect(out.startsWith('### ❌ Shipshape')).toBe(true)
    expect(out).toContain('truncated to fit the size limit')
  })
})
