import { CHECK_IDS, type CheckId } from '../checks/ids.js'
import { REGISTRY } from '../checks/registry.js'

/** Table headers for the known checks: short enough for 14 columns side by side. */
const SHORT: Readonly<Record<CheckId, string>> = {
  'mandatory-prs': 'PRs',
  'ci-lint': 'Lint',
  'ci-tests': 'Tests',
  'type-checking': 'Types',
  'static-analysis': 'SAST',
  'contract-tests': 'Contract',
  'openapi-published': 'OpenAPI',
  'health-endpoint': 'Health',
  'feature-flags': 'Flags',
  'circuit-breakers': 'Breakers',
  'container-build': 'Image',
  'release-versioning': 'Releases',
  'layered-architecture': 'Layers',
  'ci-duration': 'CI time'
}

const KNOWN = new Set<string>(CHECK_IDS)

/**
 * Title and short label of a check id. Known ids use this version's own titles (a report's title
 * is untrusted text); an id from a newer Shipshape keeps the title its report gave.
 */
export function labelOf(id: string, reportTitle: string): { title: string; short: string } {
  if (KNOWN.has(id)) {
    const known = id as CheckId
    return { title: REGISTRY[known]?.meta.title ?? reportTitle, short: SHORT[known] }
  }
  return { title: reportTitle || id, short: reportTitle.length > 0 && reportTitle.length <= 10 ? reportTitle : id.slice(0, 10) }
}

/** Column order: the catalogue's order, then ids this version does not know, alphabetically. */
export function columnOrder(a: string, b: string): number {
  const ia = CHECK_IDS.indexOf(a as CheckId)
  const ib = CHECK_IDS.indexOf(b as CheckId)
  if (ia >= 0 || ib >= 0) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || 0
  return a < b ? -1 : a > b ? 1 : 0
}
