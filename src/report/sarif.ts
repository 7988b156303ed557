import { createHash } from 'node:crypto'
import type { Location, Log, Notification, ReportingDescriptor, Result, Run } from 'sarif'
import type { CheckResult, Evidence } from '../checks/types.js'
import { CAPS, mdText, plainText, sanitize, trustedMarkdown } from './escape.js'
import { commitOf, docsUrl, encodePath, isLine, PROJECT_URL, repositoryUrl } from './links.js'
import { markdownToPlain } from './plain.js'
import type { ScanReport } from './types.js'

/**
 * SARIF 2.1.0 for GitHub code scanning (validated in the tests against the official schema,
 * vendored in schema/). One run for the repository (or the scanned directory) and one per
 * monorepo service, each with its own `automationDetails` category, so code scanning keeps their
 * alerts apart. In a run: one rule per check, and one result per check that is `fail` (error) or
 * `partial` (warning). Checks that were not judged (unknown, not-applicable) or are waived
 * produce no result: an alert must be something to fix.
 *
 * Locations: the first evidence item with a usable path is the primary location, with a region
 * when its line is known; the other path evidence become relatedLocations (capped). A finding
 * about the repository as a whole (no branch protection, no release tags) has no file to point
 * at: it becomes a run-level notification tied to its rule, never a result on a made-up file.
 *
 * partialFingerprints hash the check id and the primary path only — not lines or summaries,
 * which move on unrelated edits — so an alert stays the same alert across runs.
 */

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
/** Code scanning shows at most 100 related locations per result. */
export const RELATED_CAP = 100
export const FINGERPRINT_KEY = 'shipshapeCheck/v1'
/** The category prefix of every run (`shipshape/`, `shipshape/services/api/`, `shipshape/service/web/`). */
export const CATEGORY = 'shipshape'

const LEVEL: Partial<Record<CheckResult['status'], Result.level>> = { fail: 'error', partial: 'warning' }

export function renderSarif(report: ScanReport): string {
  return JSON.stringify(toSarif(report), null, 2) + '\n'
}

/** A path for a category: sanitised, `/`-separated, with a final `/` (the category ends at the last one). */
function categoryOf(...parts: string[]): string {
  const path = parts
    .flatMap((p) => sanitize(p).split('/'))
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map((s) => s.replace(/[^\w.@+-]/g, '_'))
    .join('/')
  return `${CATEGORY}/${path ? `${path}/` : ''}`
}

export function toSarif(report: ScanReport): Log {
  const runs: Run[] = [
    run(report, report.checks, categoryOf(report.repository.root), {
      score: report.score,
      grade: report.grade,
      gatePassed: report.gate.passed,
      gateReasons: report.gate.reasons.map((r) => plainText(r, CAPS.reason))
    })
  ]
  for (const s of report.services ?? []) {
    runs.push(
      run(report, s.checks, categoryOf('service', s.path), {
        service: plainText(s.name, 100),
        servicePath: plainText(s.path, CAPS.path),
        score: s.score,
        grade: s.grade,
        gatePassed: s.gate.passed,
        gateReasons: s.gate.reasons.map((r) => plainText(r, CAPS.reason))
      })
    )
  }
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs }
}

function run(report: ScanReport, checks: readonly CheckResult[], category: string, properties: Record<string, unknown>): Run {
  const results: Result[] = []
  const notifications: Notification[] = []
  checks.forEach((check, index) => {
    const level = LEVEL[check.status]
    if (!level) return
    const r = result(check, index, level)
    if (r) results.push(r)
    else notifications.push({ level, message: { text: message(check) }, associatedRule: { id: check.id, index } })
  })
  const out: Run = {
    tool: { driver: { name: 'Shipshape', version: report.tool.version, informationUri: PROJECT_URL, rules: checks.map(rule) } },
    automationDetails: { id: category },
    results,
    columnKind: 'utf16CodeUnits',
    properties
  }
  if (notifications.length > 0) out.invocations = [{ executionSuccessful: true, toolExecutionNotifications: notifications }]
  const repo = repositoryUrl(report.repository)
  const commit = commitOf(report.repository)
  if (repo && commit) out.versionControlProvenance = [{ repositoryUri: repo, revisionId: commit }]
  return out
}

function rule(check: CheckResult): ReportingDescriptor {
  const docs = docsUrl(check.id)
  const title = plainText(check.title, 200)
  const fix = check.remediation ? sanitize(check.remediation).trim() : null
  // The same plain rendering as the terminal's: code blocks on their own lines, no markup.
  const text = fix ? markdownToPlain(fix, { width: 100, indent: '', docs, maxCodeLines: 60 }).join('\n') : null
  return {
    id: check.id,
    name: pascal(check.id),
    shortDescription: { text: title },
    helpUri: docs,
    help: {
      text: `${text ? `${text}\n\n` : ''}See ${docs}`,
      markdown: `${fix ? `${trustedMarkdown(fix)}\n\n` : ''}[${mdText(title, 200)} docs](${docs})`
    },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['shipshape', 'engineering-practice'], weight: check.weight, required: check.required }
  }
}

/** The result of a check about files, or null when it is about the repository as a whole. */
function result(check: CheckResult, ruleIndex: number, level: Result.level): Result | null {
  const located = check.evidence.flatMap((e) => {
    const uri = e.path ? encodePath(sanitize(e.path)) : null
    return uri ? [{ e, uri }] : []
  })
  const primary = located[0]
  if (!primary) return null
  const related = located.slice(1, 1 + RELATED_CAP)
  const out: Result = {
    ruleId: check.id,
    ruleIndex,
    level,
    kind: 'fail',
    message: { text: message(check) },
    locations: [location(primary.e, primary.uri)],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(check.id, primary.uri) },
    properties: { status: check.status, score: check.score }
  }
  if (related.length > 0) out.relatedLocations = related.map((r, i) => ({ id: i + 1, ...location(r.e, r.uri) }))
  return out
}

/** The summary, then the evidence without a path (they have no location to carry them). */
function message(check: CheckResult): string {
  const loose = check.evidence.filter((e) => !e.path).slice(0, 10).map((e) => plainText(e.message, CAPS.message))
  return [`${plainText(check.title, 200)}: ${plainText(check.summary, CAPS.summary)}`, ...loose].join(' · ')
}

function location(e: Evidence, uri: string): Location {
  const region = isLine(e.line) ? { startLine: e.line, ...(isLine(e.endLine) && e.endLine >= e.line ? { endLine: e.endLine } : {}) } : undefined
  const text = plainText(e.message, CAPS.message)
  return {
    physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, ...(region ? { region } : {}) },
    ...(text ? { message: { text } } : {})
  }
}

function fingerprint(id: string, uri: string): string {
  return createHash('sha256').update(`${id}\0${uri}`).digest('hex').slice(0, 32)
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase())
}
