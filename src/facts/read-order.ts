import { isExcluded, isTestPath } from './excluded.js'
import type { Ecosystem } from './manifests/types.js'
import { sourceKind } from './usage.js'

/** Ecosystems in the order the route extractors visit them. */
const ECOSYSTEM_ORDER: readonly Ecosystem[] = ['python', 'node', 'go', 'ruby', 'java']

/**
 * The files a scan reads in bulk, in the order it reads them: application sources by ecosystem
 * (the route scan), then test sources (the usage searches). Everything else (manifests, CI,
 * Dockerfiles) is few, read first, on demand. This only orders the read-ahead; a file the scan
 * wants earlier is read at once either way.
 */
export function bulkReadOrder(files: readonly string[]): string[] {
  const app = new Map<Ecosystem, string[]>(ECOSYSTEM_ORDER.map((e) => [e, []]))
  const tests: string[] = []
  for (const path of files) {
    const kind = sourceKind(path)
    if (!kind || kind.template || isExcluded(path)) continue
    if (isTestPath(path)) tests.push(path)
    else app.get(kind.ecosystem)?.push(path)
  }
  return [...[...app.values()].flat(), ...tests]
}
