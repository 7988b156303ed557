import { changeWords } from '../present.js'
import type { Fleet, FleetColumn } from '../types.js'
import { badge, CELL_VIEW, CHART_ORDER } from './cells.js'
import { esc } from './escape.js'

/**
 * The practice-adoption chart: one row per check, a stacked bar of how many usable reports pass,
 * partly pass, fail, could not tell, waived or found it not applicable, and the same numbers as
 * text (each a button that filters the table to those repositories). The bar is drawn for the eye
 * and hidden from screen readers, which read the numbers in their columns instead.
 */
export function renderAdoption(fleet: Fleet): string {
  if (fleet.columns.length === 0) return '<p class="muted">No report had any check result.</p>'
  const trend = fleet.previous !== null
  const head = [
    '<th scope="col">Practice</th>',
    '<th scope="col"><span class="sr">Adoption bar</span></th>',
    '<th scope="col" class="num">Pass rate</th>',
    ...CHART_ORDER.map((s) => `<th scope="col" class="num">${badge(s)}<br>${esc(CELL_VIEW[s].label)}</th>`),
    trend ? '<th scope="col" class="num" title="Change in the pass count since the previous run">Pass<br>change</th>' : ''
  ].join('')
  const rows = fleet.columns.map((c, i) => row(c, i, fleet.summary.byState.ok, trend)).join('\n')
  return [
    '<div class="panel"><table class="adoption" id="adoption">',
    `<colgroup><col class="practice"><col class="bar"><col class="pct">${CHART_ORDER.map(() => '<col class="count">').join('')}${trend ? '<col class="change">' : ''}</colgroup>`,
    '<caption class="sr">Practice adoption: for each check, how many repositories with a usable report pass, partly pass, fail, could not be judged, are waived or not applicable. Select a number to list those repositories.</caption>',
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${rows}\n</tbody>`,
    '</table></div>'
  ].join('\n')
}

function row(c: FleetColumn, index: number, total: number, trend: boolean): string {
  let x = 0
  const segments = CHART_ORDER.map((s) => {
    const n = c.counts[s]
    if (n === 0 || total === 0) return ''
    const w = (100 * n) / total
    const rect = `<rect class="s-${s}" x="${x.toFixed(3)}" y="0" width="${w.toFixed(3)}" height="10"><title>${esc(`${CELL_VIEW[s].label}: ${n}`)}</title></rect>`
    x += w
    return rect
  }).join('')
  const counts = CHART_ORDER.map((s) => {
    const n = c.counts[s]
    return `<td class="num"><button type="button" class="count" data-col="${index}" data-status="${CELL_VIEW[s].code}"${n === 0 ? ' disabled' : ''} aria-label="${esc(`${n} ${CELL_VIEW[s].label.toLowerCase()}: list them`)}">${n}</button></td>`
  }).join('')
  const change = trend ? `<td class="num">${trendHtml(c.passChange)}</td>` : ''
  const judged = total - c.counts.absent
  const pct = judged > 0 ? `${Math.round((100 * c.counts.pass) / judged)} %` : '–'
  return `<tr><th scope="row" title="${esc(c.id)}">${esc(c.title)}</th><td class="bar"><svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">${segments}</svg></td><td class="pct">${pct}</td>${counts}${change}</tr>`
}

/** ▲ 3 / ▼ 2 / = for the eye (with colour), "up 3" for screen readers. */
export function trendHtml(n: number | null): string {
  if (n === null) return ''
  const shown = n > 0 ? `▲ ${n}` : n < 0 ? `▼ ${-n}` : '='
  return `<span class="${n > 0 ? 'up' : n < 0 ? 'down' : 'muted'}" aria-hidden="true">${shown}</span><span class="sr">${esc(changeWords(n) ?? '')}</span>`
}
