import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { PROJECT_URL } from '../../src/report/links.js'
import { renderSummary, SUMMARY_LIMIT_BYTES } from '../../src/report/summary.js'
import { hostileReport, hugeReport } from './hostile.js'
import { expectInertMarkdown } from './inert.js'
import { COMMIT, emptyReport, sampleReport } from './sample.js'

const summary = (r = sampleReport(), maxChars?: number): string => renderSummary(r, { color: false, maxChars })
const ALLOWED = [`${PROJECT_URL}/`, `https://github.com/acme/orders/blob/${COMMIT}/`]

describe('summary (job summary)', () => {
  it('renders the sample report', async () => {
    await expect(summary()).toMatchFileSnapshot('__snapshots__/sample.summary.md')
  })

  it('has the headline, the scan statistics, the table and the warnings', () => {
    const lines = summary().split('\n')
    expect(lines[0]).toBe('## ❌ Shipshape 61 → 58/100 (F), ▼ −3 against base, 11 of 13 checks judged — gate failed: score 58 is under 70; required check ci\\-tests is fail')
    expect(lines[2]).toBe('Scanned 1,234 files (87 read, 402.7 KiB) in 812 ms at `3f2a9c1d4e5b`. 1 file over the size cap was not read.')
    expect(lines[4]).toBe('| Status | Check | What was found | Change |')
    expect(summary()).toContain('**Warnings**')
  })

  it('shows much more evidence than the comment and stays under 1 MiB with 14 × 5,000 items', () => {
    const out = summary(hugeReport(5000))
    expect(Buffer.byteLength(out, 'utf8')).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    expect(out).toMatch(/^- … and 4,9[0-9]0 more$/m)
    expect(out.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Status'))).toHaveLength(14)
    expectInertMarkdown(out, ALLOWED)
  })

  it('counts its budget in UTF-8 bytes', () => {
    const out = summary(hugeReport(200), 40_000)
    expect(Buffer.byteLength(out, 'utf8')).toBeLessThanOrEqual(40_000)
    expect(out).toContain('_Shortened to fit the size limit')
  })

  it('handles nothing judged and makes hostile text inert', () => {
    expect(summary(emptyReport())).toContain('## ✅ Shipshape: no score (no check could be judged) — gate passed\n\nScanned 0 files (0 read, 0 B) in 3 ms.')
    expectInertMarkdown(summary(hostileReport()), ALLOWED)
  })
})
