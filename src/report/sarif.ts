import { createHash } from 'node:crypto'
import type { Location, Log, ReportingDescriptor, Result, Run } from 'sarif'
import type { CheckResult, Evidence } from '../checks/types.js'
import { CAPS, mdText, plainText, sanitize, trustedMarkdown } from './escape.js'
import { commitOf, docsUrl, encodePath, isLine, PROJECT_URL, repositoryUrl } from './links.js'
import { firstParagraph } from './status.js'
import type { ScanReport } from './types.js'

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, one rule per check in the report, and one
 * result per check that is `fail` (error) or `partial` (warning). Checks that were not judged
 * (unknown, not-applicable) or are waived produce no result: an alert must be something to fix.
 *
 * Locations: the first evidence item with a usable path is the primary location; the other
 * path evidence become relatedLocations (capped). Code scanning rejects a result with no
 * location, and many findings are about the repository as a whole (no branch protection, no
 * release tags), so such a result is anchored on {@link REPOSITORY_LEVEL_URI} with no region:
 * the README is the file most repositories have and the one a reader of the alert opens first.
 *
 * partialFingerprints hash the check id and the primary path only — not lines or summaries,
 * which move on unrelated edits — so an alert stays the same alert across runs.
 */

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
export const REPOSITORY_LEVEL_URI = 'README.md'
/** Code scanning shows at most 100 related locations per result. */
export const RELATED_CAP = 100
export const FINGERPRINT_KEY = 'shipshapeCheck/v1'

const LEVEL: Partial<Record<CheckResult['status'], Result.level>> = { fail: 'error', partial: 'warning' }

export function renderSarif(report: ScanReport): string {
  return JSON.stringify(toSarif(report), null, 2) + '\n'
}

export function toSarif(report: ScanReport): Log {
  const rules = report.checks.map(rule)
  const results: Result[] = []
  report.checks.forEach((check, index) => {
    const level = LEVEL[check.status]
    if (level) results.push(result(check, index, level))
  })
  const run: Run = {
    tool: { driver: { name: 'Shipshape', version: report.tool.version, informationUri: PROJECT_URL, rules } },
    results,
    columnKind: 'utf16CodeUnits',
    properties: { score: report.score, grade: report.grade, gatePassed: report.gate.passed, gateReasons: report.gate.reasons.map((r) => plainText(r, CAPS.reason)) }
  }
  const repo = repositoryUrl(report.repository)
  const commit = commitOf(report.repository)
  if (repo && commit) run.versionControlProvenance = [{ repositoryUri: repo, revisionId: commit }]
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }
}

function rule(check: CheckResult): ReportingDescriptor {
  const docs = docsUrl(check.id)
  const title = plainText(check.title, 200)
  const fix = check.remediation ? sanitize(check.remediation).trim() : null
  return {
    id: check.id,
    name: pascal(check.id),
    shortDescription: { text: title },
    helpUri: docs,
    help: {
      text: `${fix ? `${plainText(firstParagraph(fix), 1000)} ` : ''}See ${docs}`,
      markdown: `${fix ? `${trustedMarkdown(fix)}\n\n` : ''}[${mdText(title, 200)} docs](${docs})`
    },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['shipshape', 'engineering-practice'], weight: check.weight, required: check.required }
  }
}

function result(check: CheckResult, ruleIndex: number, level: Result.level): Result {
  const located = check.evidence.flatMap((e) => {
    const uri = e.path ? encodePath(sanitize(e.path)) : null
    return uri ? [{ e, uri }] : []
  })
  const primary = located[0]
  const related = located.slice(1, 1 + RELATED_CAP)
  const locations: Location[] = primary ? [location(primary.e, primary.uri)] : [{ physicalLocation: { artifactLocation: { uri: REPOSITORY_LEVEL_URI, uriBaseId: '%SRCROOT%' } }, message: { text: 'Repository-level finding' } }]
  const out: Result = {
    ruleId: check.id,
    ruleIndex,
    level,
    kind: 'fail',
    message: { text: message(check) },
    locations,
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(check.id, primary?.uri ?? REPOSITORY_LEVEL_URI) },
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
