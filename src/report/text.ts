import type { CheckResult, Evidence } from '../checks/types.js'
import { CAPS, plainText } from './escape.js'
import { docsUrl, isLine } from './links.js'
import { actionable, changeText, count, duration, firstParagraph, scoreText, viewOf, waiverText } from './status.js'
import type { RenderOptions, ScanReport } from './types.js'

/**
 * The terminal report: a headline with the gate verdict and its reasons, one line per check,
 * then evidence and a one-paragraph fix for each check to act on. Every piece of report text is
 * passed through plainText (escape.ts), so a file name holding `\x1b[2J` prints as text instead
 * of clearing the screen; our own colour codes are added afterwards, only when options.color.
 */

/** Evidence lines per check: the JSON report has the rest. */
export const TEXT_EVIDENCE_CAP = 10

export function renderText(report: ScanReport, options: RenderOptions): string {
  const paint = (code: string, s: string): string => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s)
  const out: string[] = []
  const score = scoreText(report)
  const change = changeText(report)
  const verdict = report.gate.passed ? paint('32', 'gate passed') : paint('1;31', 'gate FAILED')
  out.push(`${paint('1', `Shipshape ${score ?? '— no score (no check could be judged)'}`)}${change ? ` (${change})` : ''} · ${verdict}`)
  for (const reason of report.gate.reasons) out.push(`  ${paint('31', '✖')} ${plainText(reason, CAPS.reason)}`)
  out.push('')

  if (report.checks.length === 0) out.push('  No checks ran (all disabled in the configuration?).')
  const width = Math.min(40, Math.max(0, ...report.checks.map((c) => plainText(c.title, 100).length)))
  for (const c of report.checks) {
    const v = viewOf(c.status)
    const label = paint(v.ansi, `${v.symbol} ${v.label.padEnd(7)}`)
    const title = plainText(c.title, 100).padEnd(width)
    const waiver = waiverText(c)
    const summary = plainText(waiver ? `${waiver} — ${c.summary}` : c.summary, CAPS.summary)
    const moved = report.delta?.checks.find((d) => d.id === c.id && d.changed)
    const was = moved ? paint('33', moved.base === null ? ' [new]' : ` [was ${viewOf(moved.base).label}]`) : ''
    out.push(`  ${label} ${c.required ? paint('1', title) : title}${was}  ${paint('2', summary)}`)
  }

  if (report.services) {
    out.push('', paint('1', 'Services'))
    for (const svc of report.services) {
      const score = svc.score === null ? 'no score' : `${svc.score}/100${svc.grade ? ` (${svc.grade})` : ''}`
      const open = svc.checks.filter((c) => c.status === 'fail' || c.status === 'partial').map((c) => `${viewOf(c.status).symbol} ${plainText(c.title, 60)}`)
      out.push(`  ${plainText(svc.name, 60)} (${plainText(svc.path, 120)}): ${score} · ${svc.gate.passed ? paint('32', 'gate passed') : paint('1;31', 'gate FAILED')}${open.length > 0 ? ` · ${open.join(', ')}` : ''}`)
    }
  }

  for (const c of actionable(report.checks)) out.push('', ...detail(c, paint))

  if (report.warnings.length > 0) {
    out.push('', paint('33', 'Warnings'))
    for (const w of report.warnings.slice(0, 50)) out.push(`  ! ${plainText(w, CAPS.warning)}`)
    if (report.warnings.length > 50) out.push(`  … and ${count(report.warnings.length - 50)} more`)
  }

  const s = report.stats
  out.push('', paint('2', `${count(s.files)} files, ${count(s.filesRead)} read, in ${duration(s.durationMs)}`))
  return out.join('\n') + '\n'
}

function detail(c: CheckResult, paint: (code: string, s: string) => string): string[] {
  const v = viewOf(c.status)
  const out = [`${paint(v.ansi, v.symbol)} ${paint('1', plainText(c.title, 100))}${c.required ? ' (required)' : ''} — ${plainText(c.summary, CAPS.summary)}`]
  const shown = c.evidence.slice(0, TEXT_EVIDENCE_CAP)
  for (const e of shown) out.push(`    ${evidenceText(e)}`)
  if (c.evidence.length > shown.length) out.push(`    … and ${count(c.evidence.length - shown.length)} more (--format json lists all)`)
  if (c.remediation) out.push(`    ${paint('36', c.status === 'unknown' ? 'Resolve:' : 'Fix:')} ${plainText(firstParagraph(c.remediation), 600)}`)
  out.push(`    ${paint('2', `Docs: ${docsUrl(c.id)}`)}`)
  return out
}

/** `path:line — message`, or the message alone for a repository-level finding. */
export function evidenceText(e: Evidence): string {
  const message = plainText(e.message, CAPS.message)
  if (!e.path) return message
  const where = plainText(isLine(e.line) ? `${e.path}:${e.line}` : e.path, CAPS.path)
  return message ? `${where} — ${message}` : where
}
