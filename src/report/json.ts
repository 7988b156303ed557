import type { CheckResult, Evidence } from '../checks/types.js'
import type { ScanReport } from './types.js'

/**
 * The JSON report (PRODUCT.md §3, schema/report.schema.json). Objects are rebuilt key by key so
 * the key order is fixed whatever order the report was assembled in, and optional values are
 * written as null rather than left out: scripts see one shape. Strings are written verbatim
 * (JSON escapes control characters); sanitising is for the human-facing formats.
 */
export function renderJson(report: ScanReport): string {
  return JSON.stringify(toJson(report), null, 2) + '\n'
}

/** The report as plain data in contract order (also what the schema test validates). */
export function toJson(report: ScanReport): Record<string, unknown> {
  return {
    schemaVersion: report.schemaVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    ...(report.scannedAt ? { scannedAt: report.scannedAt } : {}),
    repository: {
      root: report.repository.root,
      commit: report.repository.commit,
      slug: report.repository.slug ?? null,
      serverUrl: report.repository.serverUrl ?? null
    },
    score: report.score,
    grade: report.grade,
    gate: { passed: report.gate.passed, minScore: report.gate.minScore, reasons: [...report.gate.reasons] },
    checks: report.checks.map(check),
    warnings: [...report.warnings],
    stats: {
      files: report.stats.files,
      filesRead: report.stats.filesRead,
      bytesRead: report.stats.bytesRead,
      skippedTooLarge: report.stats.skippedTooLarge,
      durationMs: report.stats.durationMs
    },
    ...(report.delta ? { delta: delta(report.delta) } : {}),
    ...(report.services ? { services: report.services.map(service) } : {})
  }
}

function service(s: NonNullable<ScanReport['services']>[number]): Record<string, unknown> {
  return {
    name: s.name,
    path: s.path,
    score: s.score,
    grade: s.grade,
    gate: { passed: s.gate.passed, minScore: s.gate.minScore, reasons: [...s.gate.reasons] },
    checks: s.checks.map(check)
  }
}

function check(c: CheckResult): Record<string, unknown> {
  return {
    id: c.id,
    title: c.title,
    status: c.status,
    score: c.score,
    weight: c.weight,
    required: c.required,
    summary: c.summary,
    evidence: c.evidence.map(evidence),
    remediation: c.remediation,
    messageId: c.messageId,
    ...(c.waiver ? { waiver: { reason: c.waiver.reason, expires: c.waiver.expires, original: c.waiver.original } } : {})
  }
}

function evidence(e: Evidence): Record<string, unknown> {
  return {
    path: e.path ?? null,
    line: e.line ?? null,
    message: e.message,
    ...(e.endLine !== undefined ? { endLine: e.endLine } : {})
  }
}

function delta(d: NonNullable<ScanReport['delta']>): Record<string, unknown> {
  const side = (s: typeof d.base): Record<string, unknown> => ({ commit: s.commit, score: s.score, grade: s.grade })
  return {
    base: side(d.base),
    head: side(d.head),
    change: d.change,
    checks: d.checks.map((c) => ({ id: c.id, base: c.base, head: c.head, changed: c.changed }))
  }
}
