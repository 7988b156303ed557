import type { CheckResult, Evidence } from '../checks/types.js'
import { CAPS, plainText } from './escape.js'
import { DOCS_BASE, docsUrl, isLine } from './links.js'
import { columns, inlinePlain, markdownToPlain, wrap } from './plain.js'
import { actionable, changeText, count, duration, judgedText, ownReasons, scoreText, serviceDifferences, servicesVerdict, viewOf, waiverText } from './status.js'
import { rowsOf } from './services.js'
import type { RenderOptions, ScanReport } from './types.js'

/**
 * The terminal report: a headline with the gate verdict and its reasons, one line per check,
 * then evidence and the fix for each check to act on. Wrapped to `options.width` columns (no line
 * is wider), code blocks printed on their own lines, Markdown markup dropped. Every piece of
 * report text is passed through plainText (escape.ts), so a file name holding `\x1b[2J` prints as
 * text instead of clearing the screen; our own colour codes are added after wrapping, only when
 * options.color.
 */

/** Evidence lines per check: the JSON report has the rest. */
export const TEXT_EVIDENCE_CAP = 10
/** Width when the caller does not say (a pipe, a file). */
export const TEXT_WIDTH = 100
/** Repository paths are capped shorter here than in the JSON: a terminal line is short. */
const PATH_CAP = 160

type Paint = (code: string, s: string) => string

export function renderText(report: ScanReport, options: RenderOptions): string {
  const width = Math.max(40, options.width ?? TEXT_WIDTH)
  const paint: Paint = (code, s) => (options.color && s !== '' ? `\x1b[${code}m${s}\x1b[0m` : s)
  const out: string[] = []
  const score = scoreText(report)
  const change = changeText(report)
  const judged = judgedText(report.checks)
  const head = `Shipshape ${score ?? '— no score (no check could be judged)'}${change ? ` (${change})` : ''}`
  const verdict = report.gate.passed ? paint('32', 'gate passed') : paint('1;31', 'gate FAILED')
  const tail = judged ? ` · ${judged}` : ''
  // The headline is one line when it fits; the judged count moves down rather than wrap.
  if (columns(`${head} · ${report.gate.passed ? 'gate passed' : 'gate FAILED'}${tail}`) <= width) out.push(`${paint('1', head)} · ${verdict}${tail}`)
  else out.push(`${paint('1', head)} · ${verdict}`, ...(judged ? [`  ${judged}`] : []))
  const services = servicesVerdict(report)
  for (const reason of [...ownReasons(report), ...(services ? [services] : [])]) {
    const lines = wrap(plainText(reason, CAPS.reason), width, '  ✖ ', '    ')
    out.push(paint('31', '  ✖') + lines[0]!.slice(3), ...lines.slice(1))
  }
  out.push('')

  const rows = rowsOf(report)
  if (rows.length === 0) out.push('  No checks ran (all disabled in the configuration?).')
  out.push(...checkTable(report, rows, width, paint))
  if (report.services) out.push('', ...servicesSection(rows, report.services, width, paint))
  for (const c of actionable(rows)) out.push('', ...detail(c, width, paint))

  if (report.warnings.length > 0) {
    out.push('', paint('33', 'Warnings'))
    for (const w of report.warnings.slice(0, 50)) out.push(...wrap(plainText(w, CAPS.warning), width, '  ! ', '    '))
    if (report.warnings.length > 50) out.push(`  … and ${count(report.warnings.length - 50)} more`)
  }

  const s = report.stats
  out.push('', paint('2', `${count(s.files)} ${s.files === 1 ? 'file' : 'files'}, ${count(s.filesRead)} read, in ${duration(s.durationMs)}`))
  if (!fitsDocs(width)) out.push(paint('2', `Check docs: ${DOCS_BASE.replace('/blob/', '/tree/')}`))
  return out.join('\n') + '\n'
}

/** One row per check: status, title (padded), and the summary wrapped under its own column. */
function checkTable(report: ScanReport, rows: readonly CheckResult[], width: number, paint: Paint): string[] {
  const out: string[] = []
  const titleWidth = Math.min(32, Math.max(0, ...rows.map((c) => columns(plainText(c.title, 100)))))
  for (const c of rows) {
    const v = viewOf(c.status)
    const label = `${v.symbol} ${v.label.padEnd(7)}`
    const title = plainText(c.title, 100)
    const moved = report.delta?.checks.find((d) => d.id === c.id && d.changed)
    const was = moved ? (moved.base === null ? '[new] ' : `[was ${viewOf(moved.base).label}] `) : ''
    const waiver = waiverText(c)
    // Summaries are our templates filled with data: their inline markup (`code`) is dropped like the fixes'.
    const summary = inlinePlain(plainText(`${was}${waiver ? `${waiver} — ${c.summary}` : c.summary}`, CAPS.summary))
    const left = `  ${label} ${title.padEnd(titleWidth)}  `
    const painted = `  ${paint(v.ansi, label)} ${c.required ? paint('1', title.padEnd(titleWidth)) : title.padEnd(titleWidth)}  `
    // Under a narrow terminal the summary goes below the title rather than into a sliver.
    if (width - columns(left) >= 30) {
      const lines = wrap(summary, width, ' '.repeat(columns(left)))
      out.push(painted + paint('2', lines[0]!.trimStart()), ...lines.slice(1).map((l) => paint('2', l)))
    } else {
      out.push(painted.trimEnd(), ...wrap(summary, width, '      ').map((l) => paint('2', l)))
    }
  }
  return out
}

/** One line per service: score, gate (with its reasons) and the checks where it differs from the rows above. */
function servicesSection(rows: readonly CheckResult[], services: NonNullable<ScanReport['services']>, width: number, paint: Paint): string[] {
  const out = [paint('1', 'Services')]
  for (const svc of services) {
    const score = svc.score === null ? 'no score' : `${svc.score}/100${svc.grade ? ` (${svc.grade})` : ''}`
    const differs = serviceDifferences(rows, svc).map((c) => `${viewOf(c.status).symbol} ${plainText(c.title, 60)}`)
    const gate = svc.gate.passed ? 'gate passed' : 'gate FAILED'
    const why = svc.gate.passed ? '' : ` (${svc.gate.reasons.slice(0, 2).map((r) => plainText(r, CAPS.reason)).join('; ')})`
    const lines = wrap(`${plainText(svc.name, 60)} (${plainText(svc.path, 120)}): ${score} · ${gate}${why}${differs.length > 0 ? ` · ${differs.join(', ')}` : ''}`, width, '  ', '    ')
    out.push(...lines.map((l) => l.replace(gate, svc.gate.passed ? paint('32', gate) : paint('1;31', gate))))
  }
  return out
}

/** Whether a check's docs URL fits on a `    Docs: ` line; otherwise the docs path is shown and the base URL once at the end. */
function fitsDocs(width: number): boolean {
  return columns(`    Docs: ${docsUrl('release-versioning')}`) <= width
}

function detail(c: CheckResult, width: number, paint: Paint): string[] {
  const v = viewOf(c.status)
  const out = [`${paint(v.ansi, v.symbol)} ${paint('1', plainText(c.title, 100))}${c.required ? ' (required)' : ''}`]
  const shown = c.evidence.slice(0, TEXT_EVIDENCE_CAP)
  for (const e of shown) out.push(...wrap(evidenceText(e, Math.min(PATH_CAP, width - 10)), width, '    ', '      '))
  if (c.evidence.length > shown.length) out.push(`    … and ${count(c.evidence.length - shown.length)} more (--format json lists all)`)
  const docs = fitsDocs(width) ? docsUrl(c.id) : `docs/checks/${c.id}.md`
  if (c.remediation) {
    const label = c.status === 'unknown' ? 'Resolve:' : 'Fix:'
    const lines = markdownToPlain(c.remediation, { width, indent: '      ', lead: `    ${label} `, docs, codeIndent: '    ' })
    if (lines.length > 0) out.push(lines[0]!.replace(label, paint('36', label)), ...lines.slice(1))
  }
  out.push(paint('2', `    Docs: ${docs}`))
  return out
}

/** `path:line — message`, or the message alone for a repository-level finding. The path is capped, never broken across lines. */
export function evidenceText(e: Evidence, pathCap = PATH_CAP): string {
  const message = plainText(e.message, CAPS.message)
  if (!e.path) return message
  const where = `${plainText(e.path, pathCap)}${isLine(e.line) ? `:${e.line}` : ''}`
  return message ? `${where} — ${message}` : where
}
