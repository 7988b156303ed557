import { VERSION } from '../../version.js'
import { changeWords, plural, previousName, problemLine, problems, STATE_LABEL } from '../present.js'
import type { Fleet, FleetRepo } from '../types.js'
import { CELL_VIEW, CHART_ORDER } from './cells.js'
import { renderAdoption } from './chart.js'
import { fleetClient, type ClientData, type ClientRow } from './client.js'
import { esc, page, scriptJson } from './escape.js'
import { CSS } from './style.js'

/**
 * index.html: the fleet dashboard, one self-contained page (no request leaves it). The headline,
 * chart, notes and table head are rendered here; the rows travel as JSON and the page script
 * sorts, filters and paginates them, so 5,000 repositories cost one page of rows in the DOM.
 */
export const PAGE_SIZE = 50
const PAGE_SIZES = [25, 50, 100, 250]
/** Repositories without a usable report listed in full before the list folds into a disclosure. */
const PROBLEMS_OPEN = 20

export function renderIndexHtml(fleet: Fleet): string {
  const body = [
    '<a class="sr" href="#repositories">Skip to the repository table</a>',
    '<header class="top">',
    '<h1>Shipshape fleet</h1>',
    `<p class="meta">${esc(plural(fleet.summary.repositories, 'repository', 'repositories'))} · generated ${esc(fleet.generatedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))}${fleet.previous ? ` · compared with ${esc(previousName(fleet))}` : ''}</p>`,
    '</header>',
    '<main>',
    cards(fleet),
    attention(fleet),
    '<h2 id="adoption-h">Practice adoption</h2>',
    renderAdoption(fleet),
    legend(),
    table(fleet),
    notes(fleet),
    '</main>',
    `<footer>Made by Shipshape ${esc(VERSION)}. Each repository's name opens its evidence; ↗ opens the repository. fleet.json holds the same data for scripts and the next run's trends.</footer>`
  ].join('\n')
  return page({ title: `Shipshape fleet — ${plural(fleet.summary.repositories, 'repository', 'repositories')}`, css: CSS, body, data: scriptJson(clientData(fleet)), script: `(${fleetClient.toString()})(document);` })
}

function cards(fleet: Fleet): string {
  const s = fleet.summary
  const change = s.medianChange
  const changeHtml = change === null ? '' : ` <small class="${change > 0 ? 'up' : change < 0 ? 'down' : ''}" title="since ${esc(previousName(fleet))}"><span aria-hidden="true">${change > 0 ? '▲' : change < 0 ? '▼' : '='} ${esc(Math.abs(change))}</span><span class="sr">${esc(changeWords(change) ?? '')} since ${esc(previousName(fleet))}</span></small>`
  const bad = s.byState.missing + s.byState.unreadable + s.byState['other-schema']
  const grades = (['A', 'B', 'C', 'D', 'F'] as const).map((g) => `<span class="grade-${g}"><span class="grade ${g}">${g}</span><small>${s.grades[g]}</small></span>`).join('')
  return [
    '<section class="cards" aria-label="Summary">',
    `<div class="card"><h2>Repositories</h2><div class="big">${s.repositories}</div><div class="muted">${s.byState.ok} reported${bad > 0 ? ` · <a href="#attention">${bad} without a usable report</a>` : ''}</div></div>`,
    `<div class="card"><h2>Median score</h2><div class="big">${s.medianScore ?? '–'}${changeHtml}</div><div class="muted">${fleet.previous ? `was ${fleet.previous.medianScore ?? '–'} in ${esc(previousName(fleet))}` : 'no previous run to compare with'}</div></div>`,
    `<div class="card"><h2>Gate</h2><div class="big">${s.gatePassed}<small> of ${s.byState.ok}</small></div><div class="muted">passed their own gate</div></div>`,
    `<div class="card"><h2>Grades</h2><div class="grades">${grades}</div>${s.grades.none > 0 ? `<div class="muted">${s.grades.none} with no score</div>` : ''}</div>`,
    '</section>'
  ].join('\n')
}

function attention(fleet: Fleet): string {
  const line = problemLine(fleet)
  if (!line) return ''
  const item = (r: FleetRepo): string => `<li><strong>${esc(r.name)}</strong> <span class="state">${esc(STATE_LABEL[r.state])}</span>${r.note ? ` — ${esc(r.note)}` : ''}${r.source ? ` <span class="muted">(${esc(r.source)})</span>` : ''}</li>`
  const list = problems(fleet)
  const open = list.slice(0, PROBLEMS_OPEN).map(item).join('\n')
  const rest = list.length > PROBLEMS_OPEN ? `<details><summary>${list.length - PROBLEMS_OPEN} more</summary><ul class="problems">${list.slice(PROBLEMS_OPEN).map(item).join('\n')}</ul></details>` : ''
  return `<section id="attention" aria-labelledby="attention-h"><h2 id="attention-h">Without a usable report</h2><p>${esc(line)}.</p><ul class="problems">${open}</ul>${rest}</section>`
}

function legend(): string {
  const items = CHART_ORDER.map((s) => `<li><span class="st ${s}" aria-hidden="true">${esc(CELL_VIEW[s].symbol)}</span> ${esc(CELL_VIEW[s].label)}</li>`).join('')
  return `<ul class="legend" aria-label="Legend">${items}<li><span class="st absent" aria-hidden="true">${esc(CELL_VIEW.absent.symbol)}</span> ${esc(CELL_VIEW.absent.label)}</li></ul>`
}

function sortHeader(key: string, label: string, visible: string, cls = '', sort: 'none' | 'ascending' = 'none', title?: string): string {
  return `<th scope="col"${cls ? ` class="${cls}"` : ''} aria-sort="${sort}" data-label="${esc(label)}"${title ? ` title="${esc(title)}"` : ''}><button type="button" class="sort" data-key="${esc(key)}">${visible === label ? esc(label) : `<span aria-hidden="true">${esc(visible)}</span><span class="sr">${esc(label)}</span>`}</button></th>`
}

function table(fleet: Fleet): string {
  const cols = fleet.columns
  const head = [
    sortHeader('name', 'Repository', 'Repository'),
    sortHeader('score', 'Score', 'Score', 'num', 'ascending'),
    sortHeader('grade', 'Grade', 'Grade', 'c'),
    sortHeader('change', 'Change', 'Change', 'num', 'none', fleet.previous ? `Score change since ${previousName(fleet)}` : 'No previous run to compare with'),
    sortHeader('gate', 'Gate', 'Gate', 'c'),
    ...cols.map((c, i) => sortHeader(`c${i}`, c.title, c.short, 'c v', 'none', c.title))
  ].join('')
  const option = (value: string, label: string): string => `<option value="${esc(value)}">${esc(label)}</option>`
  const statuses = [...CHART_ORDER, 'absent' as const].map((s) => option(CELL_VIEW[s].code, CELL_VIEW[s].label)).join('')
  const controls = [
    '<div class="controls" role="search" aria-label="Filter repositories" hidden>',
    '<label>Repository<input id="f-name" type="search" placeholder="name contains…" autocomplete="off"></label>',
    `<label>Grade<select id="f-grade">${option('', 'Any')}${['A', 'B', 'C', 'D', 'F'].map((g) => option(g, g)).join('')}${option('none', 'No score')}</select></label>`,
    `<label>Practice<select id="f-check">${option('', 'Any practice')}${cols.map((c, i) => option(String(i), c.title)).join('')}</select></label>`,
    `<label>Status<select id="f-status">${option('', 'Any status')}${statuses}</select></label>`,
    `<label>Show<select id="f-show">${option('', 'All repositories')}${option('ok', 'With a usable report')}${option('problem', 'Without a usable report')}${option('gate', 'Gate failed')}</select></label>`,
    `<label>Rows per page<select id="f-size">${PAGE_SIZES.map((n) => `<option value="${n}"${n === PAGE_SIZE ? ' selected' : ''}>${n}</option>`).join('')}</select></label>`,
    '<button type="button" id="f-reset">Reset</button>',
    '</div>'
  ].join('\n')
  const pager = '<nav class="pager" aria-label="Pages" hidden><button type="button" id="p-first">« First</button><button type="button" id="p-prev">‹ Previous</button><span id="page-info"></span><button type="button" id="p-next">Next ›</button><button type="button" id="p-last">Last »</button></nav>'
  return [
    '<h2 id="repositories" tabindex="-1">Repositories</h2>',
    controls,
    '<p id="status" role="status" aria-live="polite"></p>',
    '<div class="panel"><table id="repos">',
    '<caption class="sr">Repositories and the status of each practice. Column headers are buttons that sort the table.</caption>',
    `<thead><tr>${head}</tr></thead>`,
    `<tbody id="repo-rows"><tr><td colspan="${5 + cols.length}">This table needs JavaScript; fleet.md and fleet.json hold the same data.</td></tr></tbody>`,
    '</table></div>',
    pager
  ].join('\n')
}

function notes(fleet: Fleet): string {
  const items = [
    ...(fleet.left.length > 0 ? [`${plural(fleet.left.length, 'repository', 'repositories')} left the fleet since ${previousName(fleet)}: ${fleet.left.slice(0, 50).join(', ')}${fleet.left.length > 50 ? ', …' : ''}`] : []),
    ...fleet.notes
  ]
  if (items.length === 0) return ''
  return `<h2>Notes</h2><ul class="notes">${items.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`
}

function clientData(fleet: Fleet): ClientData {
  const code = (i: number, r: FleetRepo): string => CELL_VIEW[r.cells[i] ?? 'absent'].code
  const rows = fleet.repos.map((r): ClientRow => [
    r.name,
    r.page,
    r.url,
    r.state,
    r.note ? `${STATE_LABEL[r.state]}: ${r.note}` : STATE_LABEL[r.state],
    r.score,
    r.grade,
    r.change,
    r.isNew ? 1 : 0,
    r.gatePassed === null ? null : r.gatePassed ? 1 : 0,
    r.state === 'ok' ? fleet.columns.map((_, i) => code(i, r)).join('') : ''
  ])
  const cells = Object.fromEntries(Object.entries(CELL_VIEW).map(([cls, v]) => [v.code, { cls, symbol: v.symbol, label: v.label }]))
  return { columns: fleet.columns.map((c) => ({ title: c.title, short: c.short })), cells, states: { ...STATE_LABEL }, rows, pageSize: PAGE_SIZE }
}

