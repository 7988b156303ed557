import { Ajv, type ValidateFunction } from 'ajv'
import schema from '../../schema/report.schema.json' with { type: 'json' }
import { CHECK_IDS } from '../checks/ids.js'
import type { CheckResult } from '../checks/types.js'
import { CAPS, cap, inertMarkdown, oneLine, sanitize } from './escape.js'
import type { PullRequestTarget, ScanReport } from './types.js'

/**
 * A JSON report written by an earlier run, read back by the action's `from-report` input. It
 * comes from a workflow the pull request's author controls (a fork's `pull_request` run), so it
 * is untrusted from the first byte: bounded in size, validated against schema/report.schema.json,
 * then rebuilt field by field with every list and string capped and the fix Markdown made inert.
 * What it may change is the comment's content; where the comment goes is verified against the
 * GitHub API by src/github/from-report.ts.
 */

/** The report schema version this Shipshape reads. */
export const SAVED_SCHEMA_VERSION = 1
/** A real report is a few hundred kilobytes at most (a large monorepo); anything bigger is refused unread. */
export const SAVED_REPORT_MAX_BYTES = 8 * 1024 * 1024
/** Caps on what is kept: past them the comment says what was cut. */
export const SAVED_LIMITS = { evidencePerCheck: 50, services: 50, warnings: 50, reasons: 30, remediationChars: 8_000 } as const

export type SavedRead = { readonly ok: true; readonly report: ScanReport; readonly target: PullRequestTarget } | { readonly ok: false; readonly error: string }

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

let validator: ValidateFunction | null = null
function validate(data: unknown): ValidateFunction['errors'] {
  validator ??= new Ajv({ strict: true, allErrors: false, allowUnionTypes: true }).compile(schema)
  return validator(data) ? null : (validator.errors ?? [])
}

const fail = (error: string): SavedRead => ({ ok: false, error })

/** Parses, validates and rebuilds a saved report's text. Never throws. */
export function readSavedReport(text: string): SavedRead {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    return fail(`it is not JSON (${oneLine((err as Error).message, 120)})`)
  }
  if (!isObject(data) || !isObject(data.tool) || data.tool.name !== 'shipshape') return fail('it is not a Shipshape report (no tool.name "shipshape")')
  if (data.schemaVersion !== SAVED_SCHEMA_VERSION) {
    const v = oneLine(typeof data.schemaVersion === 'string' || typeof data.schemaVersion === 'number' ? String(data.schemaVersion) : 'missing', 20)
    const by = typeof data.tool.version === 'string' ? ` by Shipshape ${oneLine(data.tool.version, 40)}` : ''
    return fail(`it has schemaVersion ${v} (written${by}); this Shipshape reads schemaVersion ${SAVED_SCHEMA_VERSION}: use the same Shipshape version in both workflows`)
  }
  // Each check id appears once, so a longer list is forged; refused before the schema walks it.
  if (Array.isArray(data.checks) && data.checks.length > CHECK_IDS.length) return fail(`it lists ${data.checks.length} checks; a report has at most ${CHECK_IDS.length}, one per check`)
  const errors = validate(data)
  if (errors) {
    const first = errors.slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
    return fail(`it does not match schema/report.schema.json: ${oneLine(first.join('; '), 300)}`)
  }
  const report = data as unknown as ScanReport
  for (const list of [report.checks, ...(report.services ?? []).map((s) => s.checks)]) {
    if (list.length > CHECK_IDS.length || new Set(list.map((c) => c.id)).size !== list.length) return fail('it names a check twice')
  }
  if (!report.pullRequest) return fail('it has no pullRequest (the run that wrote it was not on a pull request, or an older Shipshape wrote it)')
  return { ok: true, report: rebuild(report), target: report.pullRequest }
}

const side = (s: NonNullable<ScanReport['delta']>['base']): NonNullable<ScanReport['delta']>['base'] => ({ commit: s.commit === null ? null : oneLine(s.commit, 64), score: s.score, grade: s.grade })

/** The report with every list and string capped, the fix Markdown made inert, and a warning for each cut. */
function rebuild(r: ScanReport): ScanReport {
  const cuts: string[] = []
  const services = r.services ? r.services.slice(0, SAVED_LIMITS.services) : undefined
  if (r.services && r.services.length > SAVED_LIMITS.services) cuts.push(`${r.services.length - SAVED_LIMITS.services} of ${r.services.length} services left out`)
  const warnings = r.warnings.slice(0, SAVED_LIMITS.warnings).map((w) => oneLine(w, CAPS.warning))
  if (r.warnings.length > SAVED_LIMITS.warnings) cuts.push(`${r.warnings.length - SAVED_LIMITS.warnings} warnings left out`)
  let evidenceCut = 0
  const check = (c: CheckResult): CheckResult => {
    evidenceCut += Math.max(0, c.evidence.length - SAVED_LIMITS.evidencePerCheck)
    return {
      id: c.id,
      title: oneLine(c.title, 100),
      status: c.status,
      score: c.score,
      weight: c.weight,
      required: c.required,
      summary: oneLine(c.summary, CAPS.summary),
      messageId: oneLine(c.messageId ?? '', 100),
      evidence: c.evidence.slice(0, SAVED_LIMITS.evidencePerCheck).map((e) => ({
        ...(e.path !== null && e.path !== undefined ? { path: oneLine(e.path, 1024) } : {}),
        ...(typeof e.line === 'number' ? { line: e.line } : {}),
        ...(typeof e.endLine === 'number' ? { endLine: e.endLine } : {}),
        message: oneLine(e.message, CAPS.message)
      })),
      remediation: c.remediation === null ? null : inertMarkdown(cap(c.remediation, SAVED_LIMITS.remediationChars)),
      ...(c.waiver ? { waiver: { reason: oneLine(c.waiver.reason, CAPS.reason), expires: c.waiver.expires, original: c.waiver.original } } : {})
    }
  }
  const gate = (g: ScanReport['gate']): ScanReport['gate'] => ({ passed: g.passed, minScore: g.minScore, reasons: g.reasons.slice(0, SAVED_LIMITS.reasons).map((x) => oneLine(x, CAPS.reason)) })
  const checks = r.checks.map(check)
  const rebuiltServices = services?.map((s) => ({ name: oneLine(s.name, 100), path: oneLine(s.path, CAPS.path), score: s.score, grade: s.grade, gate: gate(s.gate), checks: s.checks.map(check) }))
  if (evidenceCut > 0) cuts.push(`${evidenceCut} evidence items past ${SAVED_LIMITS.evidencePerCheck} per check left out`)
  return {
    schemaVersion: 1,
    tool: { name: 'shipshape', version: oneLine(r.tool.version, 40) },
    ...(r.scannedAt ? { scannedAt: r.scannedAt } : {}),
    repository: { root: oneLine(r.repository.root, CAPS.path), commit: r.repository.commit && /^[0-9a-f]{7,64}$/i.test(r.repository.commit) ? r.repository.commit : null, slug: null, serverUrl: null },
    score: r.score,
    grade: r.grade,
    gate: gate(r.gate),
    checks,
    warnings: cuts.length > 0 ? [...warnings, sanitize(`The saved report was cut to size: ${cuts.join('; ')}.`)] : warnings,
    ...(rebuiltServices ? { services: rebuiltServices } : {}),
    ...(r.delta ? { delta: { base: side(r.delta.base), head: side(r.delta.head), change: r.delta.change, checks: r.delta.checks.slice(0, CHECK_IDS.length) } } : {}),
    stats: r.stats
  }
}
