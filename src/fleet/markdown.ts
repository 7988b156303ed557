import { STATUS_VIEW } from '../report/status.js'
import { mdText } from '../report/escape.js'
import { STATUSES } from '../checks/ids.js'
import { changeWords, plural, previousName, problemLine, problems, signed, STATE_LABEL, worstFirst } from './present.js'
import type { Fleet, FleetRepo } from './types.js'

/**
 * fleet.md: the fleet in Markdown, for a job summary or an issue. Every name, note and title comes
 * from untrusted reports and goes through mdText. Bounded: the repository table stops at
 * MAX_ROWS rows or MAX_CHARS characters (a job summary holds 1 MiB) and says how many were left out.
 */
export const MAX_ROWS = 1_000
export const MAX_CHARS = 600_000

export function renderFleetMarkdown(fleet: Fleet): string {
  const out: string[] = ['# Shipshape fleet', '', headline(fleet), '']
  const bad = problemLine(fleet)
  if (bad) out.push(`> ⚠️ ${bad}: listed under “Without a usable report”.`, '')

  out.push('## Practice adoption', '')
  if (fleet.columns.length === 0) out.push('No report had any check result.', '')
  else {
    const trend = fleet.previous !== null
    out.push(`| Practice | ${STATUSES.map((s) => `${STATUS_VIEW[s].emoji} ${STATUS_VIEW[s].label}`).join(' | ')}${trend ? ' | Pass since previous' : ''} |`)
    out.push(`|---|${STATUSES.map(() => '--:').join('|')}${trend ? '|--:' : ''}|`)
    for (const c of fleet.columns) {
      out.push(`| ${mdText(c.title, 80)} | ${STATUSES.map((s) => c.counts[s]).join(' | ')}${trend ? ` | ${signed(c.passChange) ?? ''}` : ''} |`)
    }
    out.push('')
  }

  const scored = fleet.repos.filter((r) => r.state === 'ok').sort(worstFirst)
  out.push('## Repositories, lowest score first', '')
  if (scored.length === 0) out.push('No usable report.', '')
  else {
    out.push('| Repository | Score | Grade | Change | Gate | Failing | Partial | Unknown |', '|---|--:|:-:|--:|:-:|---|---|---|')
    let chars = out.join('\n').length
    let shown = 0
    for (const r of scored) {
      const row = repoRow(r, fleet)
      if (shown >= MAX_ROWS || chars + row.length > MAX_CHARS) break
      out.push(row)
      chars += row.length + 1
      shown++
    }
    if (shown < scored.length) out.push('', `${plural(scored.length - shown, 'more repository', 'more repositories')} in index.html and fleet.json.`)
    out.push('')
  }

  const missing = problems(fleet)
  if (missing.length > 0) {
    out.push('## Without a usable report', '')
    for (const r of missing.slice(0, MAX_ROWS)) out.push(`- ${mdText(r.name, 140)} — ${STATE_LABEL[r.state]}${r.note ? `: ${mdText(r.note, 300)}` : ''}`)
    if (missing.length > MAX_ROWS) out.push(`- … and ${missing.length - MAX_ROWS} more in fleet.json`)
    out.push('')
  }
  if (fleet.left.length > 0 || fleet.notes.length > 0) {
    out.push('## Notes', '')
    if (fleet.left.length > 0) out.push(`- ${plural(fleet.left.length, 'repository', 'repositories')} left the fleet since ${previousName(fleet)}: ${fleet.left.slice(0, 50).map((n) => mdText(n, 140)).join(', ')}${fleet.left.length > 50 ? ', …' : ''}`)
    for (const n of fleet.notes) out.push(`- ${mdText(n, 600)}`)
    out.push('')
  }
  out.push(`<sub>Shipshape ${mdText(fleet.toolVersion, 40)} · ${mdText(fleet.generatedAt, 40)}</sub>`, '')
  return out.join('\n')
}

function headline(fleet: Fleet): string {
  const s = fleet.summary
  const parts = [`**${plural(s.repositories, 'repository', 'repositories')}**`]
  if (s.medianScore !== null) {
    const change = changeWords(s.medianChange)
    parts.push(`median score **${s.medianScore}**${change ? ` (${change} since ${previousName(fleet)})` : ''}`)
  }
  if (s.byState.ok > 0) parts.push(`gate passed by **${s.gatePassed}** of ${s.byState.ok}`)
  const grades = (['A', 'B', 'C', 'D', 'F'] as const).map((g) => `${g} ${s.grades[g]}`)
  if (s.grades.none > 0) grades.push(`no score ${s.grades.none}`)
  parts.push(`grades: ${grades.join(' · ')}`)
  return parts.join(' · ')
}

function repoRow(r: FleetRepo, fleet: Fleet): string {
  const name = r.url ? `[${mdText(r.name, 140)}](${r.url})` : mdText(r.name, 140)
  const which = (status: string): string => fleet.columns.filter((_, i) => r.cells[i] === status).map((c) => mdText(c.short, 20)).join(', ')
  const change = r.isNew ? 'new' : (signed(r.change) ?? '')
  const gate = r.gatePassed === null ? '' : r.gatePassed ? '✅' : '❌'
  return `| ${name} | ${r.score ?? '–'} | ${r.grade ?? '–'} | ${change} | ${gate} | ${which('fail')} | ${which('partial')} | ${which('unknown')} |`
}
