import { STATUS_VIEW } from '../../report/status.js'
import type { Cell } from '../types.js'
import { esc } from './escape.js'

/**
 * How a cell looks in the pages: the terminal's symbols and labels (one table for every format),
 * plus `absent`. The one-letter codes carry the table's cells to the page script compactly.
 */
export const CELL_VIEW: Readonly<Record<Cell, { readonly code: string; readonly symbol: string; readonly label: string }>> = {
  pass: { code: 'p', symbol: STATUS_VIEW.pass.symbol, label: STATUS_VIEW.pass.label },
  partial: { code: 'a', symbol: STATUS_VIEW.partial.symbol, label: STATUS_VIEW.partial.label },
  fail: { code: 'f', symbol: STATUS_VIEW.fail.symbol, label: STATUS_VIEW.fail.label },
  unknown: { code: 'u', symbol: STATUS_VIEW.unknown.symbol, label: STATUS_VIEW.unknown.label },
  'not-applicable': { code: 'n', symbol: STATUS_VIEW['not-applicable'].symbol, label: 'Not applicable' },
  waived: { code: 'w', symbol: STATUS_VIEW.waived.symbol, label: STATUS_VIEW.waived.label },
  absent: { code: '.', symbol: '·', label: 'Not reported' }
}

/** The order statuses appear in the chart, the legend and the filters: best first. */
export const CHART_ORDER = ['pass', 'partial', 'fail', 'unknown', 'waived', 'not-applicable'] as const satisfies readonly Cell[]

/** A status badge: symbol for the eye, the word for screen readers, both with the colour. */
export function badge(cell: Cell, title?: string): string {
  const v = CELL_VIEW[cell]
  return `<span class="st ${cell}"${title ? ` title="${esc(title)}: ${esc(v.label)}"` : ''}><span aria-hidden="true">${esc(v.symbol)}</span><span class="sr">${esc(v.label)}</span></span>`
}

/** A badge that shows its word too, where there is room (the detail page). */
export function labelledBadge(cell: Cell): string {
  const v = CELL_VIEW[cell]
  return `<span class="st ${cell}"><span aria-hidden="true">${esc(v.symbol)}</span>&nbsp;${esc(v.label)}</span>`
}
