import { STATUSES, type Status } from '../checks/ids.js'
import { oneLine } from '../report/escape.js'
import { blobUrl, repositoryUrl } from '../report/links.js'
import type { Grade } from '../report/types.js'
import { LIMITS } from './limits.js'
import { isSlug, keyOf, nameFromFile } from './names.js'
import { FLEET_KIND, type EntryState, type EvidenceItem, type RepoCheck, type RepoEntry, type RepoService } from './types.js'

/**
 * One untrusted report file → one fleet entry. Nothing is assumed about the input: every field is
 * type-checked, strings are made one-line and capped, lists are capped (with a count of what was
 * cut), and anything that does not fit the report's shape makes the entry `unreadable` with the
 * reason, never a crash and never a silent drop.
 */

/** The report schema version this Shipshape reads (schema/report.schema.json). */
export const REPORT_SCHEMA_VERSION = 1

export interface ReportFile {
  /** The path as given (shown in the page, so never resolved to a machine path). */
  readonly source: string
  /** The file's text, or null when it could not be read. */
  readonly text: string | null
  /** Why it could not be read. */
  readonly error: string | null
  readonly mtimeMs: number
  /** Position on the command line: among equally new duplicates, the later file wins. */
  readonly order: number
}

const GRADES: readonly string[] = ['A', 'B', 'C', 'D', 'F']
/** Check ids: the catalogue's shape (a newer Shipshape's ids pass too; `__proto__` never does). */
export const CHECK_ID_RE = /^[a-z][a-z0-9-]{0,63}$/

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown, max: number): string => (typeof v === 'string' ? oneLine(v, max) : '')
const strOrNull = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim() !== '' ? oneLine(v, max) : null)

export function scoreOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100 ? v : null
}
export function gradeOrNull(v: unknown): Grade | null {
  return typeof v === 'string' && GRADES.includes(v) ? (v as Grade) : null
}
export function statusOrNull(v: unknown): Status | null {
  return typeof v === 'string' && (STATUSES as readonly string[]).includes(v) ? (v as Status) : null
}
/** An ISO 8601 instant, normalised; null for anything else. */
export function instantOrNull(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > 40 || !/^\d{4}-\d{2}-\d{2}T/.test(v)) return null
  const t = Date.parse(v)
  return Number.isFinite(t) ? new Date(t).toISOString() : null
}

export function parseReport(file: ReportFile): RepoEntry {
  const fallback = nameFromFile(file.source)
  const fileTime = Number.isFinite(file.mtimeMs) && file.mtimeMs > 0 ? file.mtimeMs : 0
  const bare = (state: EntryState, note: string, name = fallback): RepoEntry => ({
    name,
    key: keyOf(name),
    state,
    note: oneLine(note, LIMITS.note),
    source: file.source,
    url: null,
    commit: null,
    scannedAt: fileTime > 0 ? new Date(fileTime).toISOString() : null,
    toolVersion: null,
    score: null,
    grade: null,
    gatePassed: null,
    checks: [],
    services: [],
    moreServices: 0,
    warnings: [],
    sortTime: fileTime,
    order: file.order
  })
  if (file.text === null) return bare('unreadable', file.error ?? 'could not be read')
  let data: unknown
  try {
    data = JSON.parse(file.text)
  } catch (err) {
    return bare('unreadable', `not valid JSON (${(err as Error).message})`)
  }
  if (!isObject(data)) return bare('unreadable', 'not a Shipshape report (not a JSON object)')
  if (data.kind === FLEET_KIND) return bare('unreadable', 'a fleet aggregate (fleet.json), not a repository report')
  const tool = isObject(data.tool) ? data.tool : null
  if (tool?.name !== 'shipshape' || !('schemaVersion' in data)) return bare('unreadable', 'not a Shipshape report (no tool.name "shipshape" and schemaVersion)')
  const repository = isObject(data.repository) ? data.repository : {}
  const slug = isSlug(repository.slug) ? repository.slug : null
  const name = slug ?? fallback
  if (data.schemaVersion !== REPORT_SCHEMA_VERSION) {
    const v = typeof data.schemaVersion === 'number' || typeof data.schemaVersion === 'string' ? oneLine(String(data.schemaVersion), 20) : 'of another type'
    return bare('other-schema', `report schemaVersion ${v} (from Shipshape ${str(tool.version, 40) || 'unknown'}); this Shipshape reads schemaVersion ${REPORT_SCHEMA_VERSION}`, name)
  }
  if (!Array.isArray(data.checks)) return bare('unreadable', 'not a Shipshape report (checks is not a list)', name)

  const where = {
    root: '',
    commit: typeof repository.commit === 'string' ? repository.commit : null,
    slug,
    serverUrl: typeof repository.serverUrl === 'string' ? repository.serverUrl : null
  }
  const url = repositoryUrl(where)
  const notes: string[] = []
  const checks = parseChecks(data.checks, where, notes)
  const { services, more: moreServices } = parseServices(data.services)
  if (moreServices > 0) notes.push(`${moreServices} service(s) beyond ${LIMITS.servicesPerReport} not shown`)
  const scannedAt = instantOrNull(data.scannedAt)
  const time = scannedAt ? Date.parse(scannedAt) : fileTime
  const gate = isObject(data.gate) ? data.gate : {}
  const score = scoreOrNull(data.score)
  return {
    ...bare('ok', '', name),
    note: notes.length > 0 ? oneLine(notes.join('; '), LIMITS.note) : null,
    url,
    commit: where.commit && /^[0-9a-f]{7,64}$/i.test(where.commit) ? where.commit.toLowerCase() : null,
    scannedAt: scannedAt ?? (fileTime > 0 ? new Date(fileTime).toISOString() : null),
    toolVersion: strOrNull(tool.version, 40),
    score,
    grade: score === null ? null : gradeOrNull(data.grade),
    gatePassed: typeof gate.passed === 'boolean' ? gate.passed : null,
    checks,
    services,
    moreServices,
    warnings: Array.isArray(data.warnings) ? data.warnings.slice(0, LIMITS.warningsPerReport).map((w) => str(w, LIMITS.message)).filter(Boolean) : [],
    sortTime: time
  }
}

type Where = Parameters<typeof blobUrl>[0]

function parseChecks(raw: readonly unknown[], where: Where, notes: string[]): RepoCheck[] {
  const out: RepoCheck[] = []
  const seen = new Set<string>()
  let dropped = 0
  // Bounded however long the list is: only the first checksPerReport × 4 items are even looked at.
  const limit = Math.min(raw.length, LIMITS.checksPerReport * 4)
  for (let i = 0; i < limit && out.length < LIMITS.checksPerReport; i++) {
    const c = raw[i]
    const id = isObject(c) && typeof c.id === 'string' && CHECK_ID_RE.test(c.id) ? c.id : null
    const status = isObject(c) ? statusOrNull(c.status) : null
    if (!isObject(c) || id === null || status === null || seen.has(id)) {
      dropped++
      continue
    }
    seen.add(id)
    out.push({
      id,
      title: str(c.title, 80) || id,
      status,
      score: typeof c.score === 'number' && c.score >= 0 && c.score <= 10 ? c.score : null,
      summary: str(c.summary, LIMITS.summary),
      ...parseEvidence(c.evidence, where)
    })
  }
  dropped += raw.length - limit
  if (dropped > 0) notes.push(`${dropped} check result(s) not used (malformed, duplicated or beyond ${LIMITS.checksPerReport})`)
  return out
}

function parseEvidence(raw: unknown, where: Where): { evidence: EvidenceItem[]; moreEvidence: number } {
  if (!Array.isArray(raw)) return { evidence: [], moreEvidence: 0 }
  const evidence: EvidenceItem[] = []
  for (let i = 0; i < raw.length && evidence.length < LIMITS.evidencePerCheck; i++) {
    const e = raw[i]
    if (!isObject(e)) continue
    const path = strOrNull(e.path, LIMITS.path)
    const line = typeof e.line === 'number' && Number.isInteger(e.line) && e.line >= 1 ? e.line : null
    const endLine = typeof e.endLine === 'number' && Number.isInteger(e.endLine) ? e.endLine : undefined
    // The link is built from the raw path (capped paths would point elsewhere) and only when valid.
    const rawPath = typeof e.path === 'string' && e.path.length <= 1024 ? e.path : null
    const url = rawPath ? blobUrl(where, rawPath, line ?? undefined, endLine) : null
    evidence.push({ path, line, message: str(e.message, LIMITS.message), url })
  }
  return { evidence, moreEvidence: raw.length - evidence.length }
}

function parseServices(raw: unknown): { services: RepoService[]; more: number } {
  if (!Array.isArray(raw)) return { services: [], more: 0 }
  const services: RepoService[] = []
  for (let i = 0; i < raw.length && services.length < LIMITS.servicesPerReport; i++) {
    const s = raw[i]
    if (!isObject(s)) continue
    const score = scoreOrNull(s.score)
    services.push({ name: str(s.name, LIMITS.name) || '(unnamed)', path: str(s.path, LIMITS.path), score, grade: score === null ? null : gradeOrNull(s.grade) })
  }
  return { services, more: raw.length - services.length }
}
