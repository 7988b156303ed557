import { Buffer } from 'node:buffer'
import { composeMarkdown } from './compose.js'
import type { RenderOptions, ScanReport } from './types.js'

/**
 * The job summary ($GITHUB_STEP_SUMMARY): the same scorecard as the PR comment with room for
 * much more evidence and the scan statistics. A step summary over 1 MiB fails to upload, and
 * that limit is in bytes, so here `options.maxChars` caps UTF-8 bytes (default 1,000,000,
 * leaving headroom under 1,048,576).
 */
export const SUMMARY_LIMIT_BYTES = 1_000_000

export function renderSummary(report: ScanReport, options: RenderOptions): string {
  return composeMarkdown(report, {
    heading: '##',
    budget: options.maxChars ?? SUMMARY_LIMIT_BYTES,
    measure: (text) => Buffer.byteLength(text, 'utf8'),
    evidenceCaps: [100, 50, 20, 10, 5, 1, 0],
    warningsCap: 200,
    stats: true,
    fullReportHint: 'The JSON report has everything.'
  })
}
