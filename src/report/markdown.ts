import { composeMarkdown } from './compose.js'
import type { RenderOptions, ScanReport } from './types.js'

/** GitHub rejects issue comments over 65,536 characters. */
export const COMMENT_LIMIT = 65_536
/** Room left for the hidden marker and digest the publisher prepends. */
export const MARKER_HEADROOM = 1_000

/**
 * The PR comment body (without the hidden marker: github/comment.ts adds it). Capped at
 * `options.maxChars`, by default the comment limit minus the marker headroom. GitHub counts
 * characters; `.length` counts UTF-16 units, which is never fewer, so the cap is conservative.
 */
export function renderMarkdown(report: ScanReport, options: RenderOptions): string {
  return composeMarkdown(report, {
    heading: '###',
    budget: options.maxChars ?? COMMENT_LIMIT - MARKER_HEADROOM,
    measure: (text) => text.length,
    evidenceCaps: [10, 5, 3, 1, 0],
    warningsCap: 20,
    stats: false,
    fullReportHint: 'The job summary and the JSON report have everything.'
  })
}
