import { STATUSES } from '../../checks/ids.js'
import { changeWords, previousName, signed } from '../present.js'
import type { Fleet, FleetRepo, RepoCheck } from '../types.js'
import { badge, labelledBadge } from './cells.js'
import { esc, page } from './escape.js'
import { CSS } from './style.js'

/**
 * repos/<name>.html: one repository's evidence, linked from its row in the dashboard. Static (no
 * script at all): the score and gate, each check's status, summary and evidence with links to the
 * file and line at the scanned commit, the services of a monorepo and the report's warnings.
 */
export function renderRepoPage(repo: FleetRepo, fleet: Fleet): string {
  const order = (c: RepoCheck): number => ['fail', 'partial', 'unknown', 'waived', 'not-applicable', 'pass'].indexOf(c.status)
  const checks = [...repo.checks].sort((a, b) => order(a) - order(b))
  const change = repo.isNew ? 'new since the previous run' : repo.change === null ? null : `${changeWords(repo.change)} since ${previousName(fleet)}`
  const commit = repo.commit ? (repo.url ? `<a href="${esc(`${repo.url}/tree/${repo.commit}`)}" rel="noopener noreferrer"><code>${esc(repo.commit.slice(0, 12))}</code></a>` : `<code>${esc(repo.commit.slice(0, 12))}</code>`) : 'unknown commit'
  const facts = [
    repo.scannedAt ? `scanned ${esc(repo.scannedAt.slice(0, 16).replace('T', ' '))} UTC` : null,
    `at ${commit}`,
    repo.toolVersion ? `Shipshape ${esc(repo.toolVersion)}` : null,
    repo.source ? `from <code>${esc(repo.source)}</code>` : null
  ].filter(Boolean)
  const body = [
    '<header class="top">',
    '<p class="meta"><a href="../index.html">← Fleet</a></p>',
    `<h1>${esc(repo.name)}</h1>`,
    `<p class="meta">${facts.join(' · ')}${repo.url ? ` · <a href="${esc(repo.url)}" rel="noopener noreferrer">open the repository ↗</a>` : ''}</p>`,
    '</header>',
    '<main>',
    '<section class="cards" aria-label="Summary">',
    `<div class="card"><h2>Score</h2><div class="big">${repo.score ?? '–'}${repo.grade ? ` <span class="grade ${repo.grade}">${repo.grade}</span>` : ''}${repo.change !== null && !repo.isNew ? ` <small>${esc(signed(repo.change) ?? '')}</small>` : ''}</div><div class="muted">${esc(change ?? 'no previous score to compare with')}</div></div>`,
    `<div class="card"><h2>Gate</h2><div class="big">${repo.gatePassed === null ? '–' : repo.gatePassed ? `${badge('pass')} passed` : `${badge('fail')} failed`}</div></div>`,
    `<div class="card"><h2>Checks</h2><div>${STATUSES.map((s) => [s, repo.checks.filter((c) => c.status === s).length] as const).filter(([, n]) => n > 0).map(([s, n]) => `${badge(s)} ${n}`).join(' ')}</div></div>`,
    '</section>',
    '<h2>Checks</h2>',
    '<div class="panel"><table>',
    '<thead><tr><th scope="col">Practice</th><th scope="col">Status</th><th scope="col">What Shipshape found</th><th scope="col">Evidence</th></tr></thead>',
    `<tbody>${checks.map(checkRow).join('\n')}</tbody>`,
    '</table></div>',
    services(repo),
    repo.warnings.length > 0 || repo.note ? `<h2>Notes</h2><ul class="notes">${[...(repo.note ? [repo.note] : []), ...repo.warnings].map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : '',
    '</main>',
    '<footer>The fleet page keeps up to three evidence items per check; the full report is the file named above.</footer>'
  ].join('\n')
  return page({ title: `${repo.name} — Shipshape fleet`, css: CSS, body })
}

function checkRow(c: RepoCheck): string {
  const items = c.evidence.map((e) => {
    const where = e.path ? `${e.path}${e.line !== null ? `:${e.line}` : ''}` : null
    const loc = where ? (e.url ? `<a href="${esc(e.url)}" rel="noopener noreferrer"><code>${esc(where)}</code></a>` : `<code>${esc(where)}</code>`) : ''
    return `<li>${loc}${loc && e.message ? ' — ' : ''}${esc(e.message)}</li>`
  })
  if (c.moreEvidence > 0) items.push(`<li class="muted">${c.moreEvidence} more in the report</li>`)
  return `<tr><th scope="row">${esc(c.title)}</th><td class="nowrap">${labelledBadge(c.status)}</td><td>${esc(c.summary)}</td><td>${items.length > 0 ? `<ul class="evidence">${items.join('')}</ul>` : ''}</td></tr>`
}

function services(repo: FleetRepo): string {
  if (repo.services.length === 0) return ''
  const rows = repo.services.map((s) => `<tr><th scope="row">${esc(s.name)}</th><td><code>${esc(s.path)}</code></td><td class="num">${s.score ?? '–'}</td><td class="c">${s.grade ? `<span class="grade ${s.grade}">${s.grade}</span>` : '–'}</td></tr>`).join('')
  const more = repo.moreServices > 0 ? `<p class="muted">${repo.moreServices} more services in the report.</p>` : ''
  return `<h2>Services</h2><div class="panel"><table><thead><tr><th scope="col">Service</th><th scope="col">Path</th><th scope="col" class="num">Score</th><th scope="col" class="c">Grade</th></tr></thead><tbody>${rows}</tbody></table></div>${more}`
}
