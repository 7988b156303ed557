import type { CheckId } from '../checks/ids.js'
import { bytes, plural } from '../prose.js'
import type { CheckResult, Evidence } from '../checks/types.js'
import { CAPS, codeSpan, htmlText, mdText, trustedMarkdown } from './escape.js'
import { blobUrl, commitOf, docsUrl, isLine, PROJECT_URL } from './links.js'
import { actionable, changeText, count, duration, judgedText, ownReasons, scoreText, serviceDifferences, servicesVerdict, viewOf, waiverText } from './status.js'
import { rowsOf } from './services.js'
import type { ScanReport } from './types.js'

/**
 * The Markdown scorecard shared by the PR comment and the job summary: a headline, the full
 * table of checks, one collapsed `<details>` per check to act on, warnings. Every piece of
 * repository-derived text goes through escape.ts. When the result would exceed its budget it
 * degrades in a fixed order — shorter evidence lists, then remediation replaced by docs links,
 * then details dropped for the lowest-weight checks, then warnings — always keeping the headline
 * and the full table, and saying what was cut.
 */

export interface MarkdownProfile {
  /** Heading level of the headline (`###` in a comment, `##` in a summary). */
  readonly heading: string
  /** Size budget, in `measure` units. */
  readonly budget: number
  readonly measure: (text: string) => number
  /** Evidence items per check, tried in order until the body fits (the first is the default). */
  readonly evidenceCaps: readonly number[]
  readonly warningsCap: number
  /** Add the scan statistics line (job summary). */
  readonly stats: boolean
  /** Where the reader finds what was cut. */
  readonly fullReportHint: string
}

interface Layout {
  readonly evidenceCap: number
  readonly remediation: boolean
  readonly omitted: ReadonlySet<CheckId>
  readonly warnings: boolean
}

export function composeMarkdown(report: ScanReport, profile: MarkdownProfile): string {
  const rows = rowsOf(report)
  const fixed = [headline(report, profile), ...(profile.stats ? [statsLine(report)] : []), table(report, rows), ...(report.services ? [servicesTable(rows, report.services)] : [])]
  const todo = actionable(rows)
  const build = (layout: Layout): string => {
    const parts = [...fixed]
    for (const check of todo) if (!layout.omitted.has(check.id)) parts.push(details(report, check, layout))
    if (report.warnings.length > 0) parts.push(layout.warnings ? warnings(report.warnings, profile.warningsCap) : `**Warnings:** ${count(report.warnings.length)} (left out for size).`)
    const note = cutNote(report, layout, profile)
    if (note) parts.push(note)
    parts.push(footer(report))
    return parts.join('\n\n') + '\n'
  }
  const fits = (text: string): boolean => profile.measure(text) <= profile.budget
  const caps = profile.evidenceCaps.length > 0 ? profile.evidenceCaps : [0]
  const defaultCap = caps[0]!
  let layout: Layout = { evidenceCap: defaultCap, remediation: true, omitted: new Set(), warnings: true }
  for (const evidenceCap of caps) {
    layout = { ...layout, evidenceCap }
    const text = build(layout)
    if (fits(text)) return text
  }
  layout = { ...layout, remediation: false }
  let text = build(layout)
  if (fits(text)) return text
  const omitted = new Set<CheckId>()
  for (const check of dropOrder(todo)) {
    omitted.add(check.id)
    layout = { ...layout, omitted: new Set(omitted) }
    text = build(layout)
    if (fits(text)) return text
  }
  text = build({ ...layout, warnings: false })
  return fits(text) ? text : hardCut(text, profile)
}

/** Lowest weight first; among equals, the least severe (last in the details order) first. */
function dropOrder(todo: readonly CheckResult[]): CheckResult[] {
  return todo
    .map((check, index) => ({ check, index }))
    .sort((a, b) => a.check.weight - b.check.weight || b.index - a.index)
    .map((x) => x.check)
}

/** Last resort (only reachable with an absurd number of checks): cut at a line and say so. */
function hardCut(text: string, profile: MarkdownProfile): string {
  const note = `\n\n_…truncated to fit the size limit. ${profile.fullReportHint}_\n`
  let end = text.length
  while (end > 0 && profile.measure(text.slice(0, end)) + profile.measure(note) > profile.budget) end = Math.floor(end * 0.9)
  const cut = text.lastIndexOf('\n', end)
  return text.slice(0, cut > 0 ? cut : end) + note
}

function headline(report: ScanReport, profile: MarkdownProfile): string {
  const score = scoreText(report)
  const change = changeText(report)
  const what = score ? `Shipshape ${score}` : 'Shipshape: no score (no check could be judged)'
  const judged = score ? judgedText(report.checks) : null
  const verdict = report.gate.passed ? 'gate passed' : `gate failed${reasons(report)}`
  return `${profile.heading} ${report.gate.passed ? '✅' : '❌'} ${what}${change ? `, ${change}` : ''}${judged ? `, ${judged}` : ''} — ${verdict}`
}

/** The repository's own reasons (at most three), then the failing services summed up in one clause: the headline stays one line. */
function reasons(report: ScanReport): string {
  const own = ownReasons(report)
  const shown = own.slice(0, 3).map((r) => mdText(r, CAPS.reason))
  if (own.length > shown.length) shown.push(`and ${plural(own.length - shown.length, 'more reason')}`)
  const services = servicesVerdict(report)
  if (services) shown.push(mdText(services, CAPS.reason))
  return shown.length > 0 ? `: ${shown.join('; ')}` : ''
}

function statsLine(report: ScanReport): string {
  const s = report.stats
  const commit = commitOf(report.repository)
  const parts = [`Scanned ${count(s.files)} files (${count(s.filesRead)} read, ${bytes(s.bytesRead)}) in ${duration(s.durationMs)}${commit ? ` at \`${commit.slice(0, 12)}\`` : ''}.`]
  if (s.skippedTooLarge > 0) parts.push(`${plural(s.skippedTooLarge, 'file')} over the size cap ${s.skippedTooLarge === 1 ? 'was' : 'were'} not read.`)
  return parts.join(' ')
}

function table(report: ScanReport, checks: readonly CheckResult[]): string {
  if (checks.length === 0) return '_No checks ran (all disabled in the configuration?)._'
  const delta = report.delta
  const head = delta ? '| Status | Check | What was found | Change |\n|---|---|---|---|' : '| Status | Check | What was found |\n|---|---|---|'
  const rows = checks.map((c) => {
    const v = viewOf(c.status)
    const title = `[${mdText(c.title, 100)}](${docsUrl(c.id)})${c.required ? ' · required' : ''}`
    const waiver = waiverText(c)
    const found = waiver ? `${mdText(waiver, CAPS.summary)} — ${mdText(c.summary, CAPS.summary)}` : mdText(c.summary, CAPS.summary)
    const cells = [`${v.emoji} ${v.label}`, title, found]
    if (delta) {
      const row = delta.checks.find((d) => d.id === c.id)
      cells.push(row && row.changed ? (row.base === null ? 'new' : `was ${viewOf(row.base).label}`) : '')
    }
    return `| ${cells.join(' | ')} |`
  })
  return [head, ...rows].join('\n')
}

/**
 * One row per monorepo service: its score, its gate with the reasons, and only the service-level
 * checks where it differs from the rows above (which already say what all services share).
 */
function servicesTable(rows: readonly CheckResult[], services: NonNullable<ScanReport['services']>): string {
  const lines = services.map((s) => {
    const score = s.score === null ? '—' : `${s.score}/100${s.grade ? ` (${s.grade})` : ''}`
    const differs = serviceDifferences(rows, s).map((c) => `${viewOf(c.status).emoji} ${mdText(c.title, 60)}`)
    const gate = s.gate.passed ? '✅ passed' : `❌ failed: ${s.gate.reasons.slice(0, 2).map((r) => mdText(r, CAPS.reason)).join('; ')}`
    return `| ${mdText(s.name, 80)} | ${codeSpan(s.path, 120)} | ${score} | ${gate} | ${differs.length > 0 ? differs.join(', ') : 'as above'} |`
  })
  return ['**Services**', '', '| Service | Path | Score | Gate | Differs from the rows above |', '|---|---|---|---|---|', ...lines].join('\n')
}

function details(report: ScanReport, check: CheckResult, layout: Layout): string {
  const v = viewOf(check.status)
  const out = ['<details>', `<summary>${v.emoji} <b>${htmlText(check.title, 100)}</b> — ${htmlText(check.summary, CAPS.summary)}</summary>`, '']
  if (check.evidence.length > 0) {
    out.push('**Evidence**', '')
    const shown = check.evidence.slice(0, layout.evidenceCap)
    for (const e of shown) out.push(`- ${evidenceLine(report, e)}`)
    const rest = check.evidence.length - shown.length
    if (rest > 0) out.push(shown.length > 0 ? `- … and ${count(rest)} more` : `- ${plural(rest, 'item')} not shown`)
    out.push('')
  }
  const docs = docsUrl(check.id)
  const heading = check.status === 'unknown' ? 'How to resolve' : 'How to fix'
  if (check.remediation && layout.remediation) {
    out.push(`**${heading}**`, '', trustedMarkdown(check.remediation), '', `[Docs: ${mdText(check.title, 100)}](${docs})`)
  } else {
    out.push(`**${heading}:** see [the ${mdText(check.title, 100)} docs](${docs}).`)
  }
  out.push('', '</details>')
  return out.join('\n')
}

/** `[path:line](blob link) — message`, or the path as code when no link can be built. */
export function evidenceLine(report: ScanReport, e: Evidence): string {
  const message = e.message ? mdText(e.message, CAPS.message) : ''
  if (!e.path) return message || '_(no message)_'
  const where = isLine(e.line) ? `${e.path}:${e.line}` : e.path
  const url = blobUrl(report.repository, e.path, e.line, e.endLine)
  const loc = url ? `[${mdText(where, CAPS.path)}](${url})` : codeSpan(where, CAPS.path)
  return message ? `${loc} — ${message}` : loc
}

function warnings(list: readonly string[], max: number): string {
  const shown = list.slice(0, max).map((w) => `- ${mdText(w, CAPS.warning)}`)
  if (list.length > max) shown.push(`- … and ${count(list.length - max)} more`)
  return ['**Warnings**', '', ...shown].join('\n')
}

function cutNote(report: ScanReport, layout: Layout, profile: MarkdownProfile): string | null {
  const cuts: string[] = []
  if (layout.evidenceCap < (profile.evidenceCaps[0] ?? 0)) cuts.push(layout.evidenceCap === 0 ? 'evidence is left out' : `evidence lists show at most ${plural(layout.evidenceCap, 'item')} per check`)
  if (!layout.remediation) cuts.push('fixes link to the docs instead of being shown')
  if (layout.omitted.size > 0) {
    const titles = report.checks.filter((c) => layout.omitted.has(c.id)).map((c) => mdText(c.title, 100))
    cuts.push(`details are left out for ${titles.join(', ')}`)
  }
  if (!layout.warnings && report.warnings.length > 0) cuts.push('warnings are left out')
  if (cuts.length === 0) return null
  return `_Shortened to fit the size limit: ${cuts.join('; ')}. ${profile.fullReportHint}_`
}

function footer(report: ScanReport): string {
  const commit = commitOf(report.repository)
  return `<sub>${mdText(`Shipshape ${report.tool.version}`, 60)}${commit ? ` · commit \`${commit.slice(0, 12)}\`` : ''} · [about the checks](${PROJECT_URL}/tree/main/docs/checks)</sub>`
}
