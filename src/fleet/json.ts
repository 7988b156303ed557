import { FLEET_KIND, FLEET_SCHEMA_VERSION, type Fleet, type FleetRepo } from './types.js'

/**
 * fleet.json (schema/fleet.schema.json): the aggregate, and the next run's `--previous`. It keeps
 * what trends need (per repository: state, score, grade, gate and each check's status) and leaves
 * the evidence to the detail pages, so it stays a few hundred bytes per repository. Key order is
 * fixed; absent values are null.
 */
export function renderFleetJson(fleet: Fleet): string {
  return JSON.stringify(toFleetJson(fleet), null, 1) + '\n'
}

export function toFleetJson(fleet: Fleet): Record<string, unknown> {
  return {
    schemaVersion: FLEET_SCHEMA_VERSION,
    kind: FLEET_KIND,
    tool: { name: 'shipshape', version: fleet.toolVersion },
    generatedAt: fleet.generatedAt,
    previous: fleet.previous ? { generatedAt: fleet.previous.generatedAt, repositories: fleet.previous.repositories, medianScore: fleet.previous.medianScore } : null,
    summary: {
      repositories: fleet.summary.repositories,
      reported: fleet.summary.byState.ok,
      missing: fleet.summary.byState.missing,
      unreadable: fleet.summary.byState.unreadable,
      otherSchema: fleet.summary.byState['other-schema'],
      medianScore: fleet.summary.medianScore,
      medianChange: fleet.summary.medianChange,
      gatePassed: fleet.summary.gatePassed,
      gateFailed: fleet.summary.gateFailed,
      grades: { ...fleet.summary.grades }
    },
    checks: fleet.columns.map((c) => ({ id: c.id, title: c.title, counts: { ...c.counts }, passChange: c.passChange })),
    repositories: fleet.repos.map((r) => repo(r, fleet)),
    left: [...fleet.left],
    notes: [...fleet.notes]
  }
}

function repo(r: FleetRepo, fleet: Fleet): Record<string, unknown> {
  const checks: Record<string, string> = {}
  fleet.columns.forEach((c, i) => {
    const cell = r.cells[i]
    if (cell !== undefined && cell !== 'absent') checks[c.id] = cell
  })
  return {
    name: r.name,
    state: r.state,
    note: r.note,
    source: r.source,
    url: r.url,
    commit: r.commit,
    scannedAt: r.scannedAt,
    toolVersion: r.toolVersion,
    score: r.score,
    grade: r.grade,
    gatePassed: r.gatePassed,
    change: r.change,
    new: r.isNew,
    duplicates: r.duplicates,
    page: r.page,
    checks
  }
}
