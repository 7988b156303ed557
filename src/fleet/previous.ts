import type { Status } from '../checks/ids.js'
import { oneLine } from '../report/escape.js'
import { LIMITS } from './limits.js'
import { isSlug, keyOf } from './names.js'
import { CHECK_ID_RE, gradeOrNull, instantOrNull, scoreOrNull, statusOrNull } from './parse.js'
import { ENTRY_STATES, FLEET_KIND, FLEET_SCHEMA_VERSION, type EntryState, type PreviousFleet, type PreviousRepo } from './types.js'

/**
 * The previous run's fleet.json (`--previous`), the only memory trends need. It is read as
 * untrusted as any report: a file that is not a fleet.json of this schema version gives no
 * trends and one note saying why, never a crash.
 */
export function parsePrevious(text: string): { previous: PreviousFleet | null; note: string | null } {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    return { previous: null, note: `the previous fleet.json is not valid JSON (${oneLine((err as Error).message, 200)}): no trends this run` }
  }
  const obj = data as Record<string, unknown>
  if (typeof data !== 'object' || data === null || obj.kind !== FLEET_KIND) return { previous: null, note: 'the previous file is not a Shipshape fleet.json: no trends this run' }
  if (obj.schemaVersion !== FLEET_SCHEMA_VERSION) {
    return { previous: null, note: `the previous fleet.json has schemaVersion ${oneLine(String(obj.schemaVersion), 20)}; this Shipshape reads ${FLEET_SCHEMA_VERSION}: no trends this run` }
  }
  const repos = new Map<string, PreviousRepo>()
  const list = Array.isArray(obj.repositories) ? obj.repositories : []
  for (let i = 0; i < list.length && repos.size < LIMITS.reports; i++) {
    const r = list[i] as Record<string, unknown> | null
    if (typeof r !== 'object' || r === null || typeof r.name !== 'string' || r.name.length > 200) continue
    const name = isSlug(r.name) ? r.name : oneLine(r.name, LIMITS.name)
    const state: EntryState = (ENTRY_STATES as readonly string[]).includes(r.state as string) ? (r.state as EntryState) : 'unreadable'
    const checks: Record<string, Status> = {}
    if (typeof r.checks === 'object' && r.checks !== null && !Array.isArray(r.checks)) {
      let n = 0
      for (const [id, s] of Object.entries(r.checks)) {
        const status = statusOrNull(s)
        if (status && CHECK_ID_RE.test(id) && n++ < LIMITS.checksPerReport) checks[id] = status
      }
    }
    const score = state === 'ok' ? scoreOrNull(r.score) : null
    repos.set(keyOf(name), { name, state, score, grade: score === null ? null : gradeOrNull(r.grade), checks })
  }
  return { previous: { generatedAt: instantOrNull(obj.generatedAt), repos }, note: null }
}
