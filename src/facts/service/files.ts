import { isExcluded, isTestPath } from '../excluded.js'
import { boundedLines, mentionsAny } from '../text-lines.js'
import type { Ecosystem } from '../manifests/types.js'
import { sourceKind } from '../usage.js'
import type { Snapshot } from '../snapshot.js'
import type { Skipped } from './types.js'
import { plural } from '../../prose.js'

/**
 * The files the route scan reads, and how: only sources of the ecosystems where a framework was
 * found, outside vendored/generated/example trees and test code, under a size cap, and with
 * minified lines left out. Every file left out for size is recorded so evidence can say what
 * was not read.
 */

/** Per-file cap for route scanning: larger sources are generated or bundled. */
export const MAX_ROUTE_FILE_BYTES = 1024 * 1024
/** Lines longer than this are minified or generated: skipped. */
export const MAX_LINE_CHARS = 10 * 1024
/** Lines read per file. */
export const MAX_LINES_PER_FILE = 50_000
/** Files per ecosystem read by the route scan. */
export const MAX_FILES_PER_ECOSYSTEM = 25_000

export interface SourceSet {
  readonly snapshot: Snapshot
  /** Source files of an ecosystem, outside excluded trees and tests. */
  files(ecosystem: Ecosystem): readonly string[]
  /** Lines of a file with over-long lines blanked (so numbering stays right), or undefined. */
  lines(path: string): readonly string[] | undefined
  /** Whether the file's text contains any of the tokens (a cheap filter before a line scan). */
  mentions(path: string, tokens: readonly string[]): boolean
  /**
   * The whole text of a file the route scan would split (same size cap), for a cheap relevance
   * test before the split; undefined when it is not read as text.
   */
  text(path: string): string | undefined
  has(path: string): boolean
  readonly skipped: Skipped[]
  readonly read: () => number
}

export function sourceSet(snapshot: Snapshot): SourceSet {
  const byEco = new Map<Ecosystem, string[]>()
  for (const path of snapshot.files()) {
    const kind = sourceKind(path)
    if (!kind || kind.template || isExcluded(path) || isTestPath(path)) continue
    const list = byEco.get(kind.ecosystem) ?? []
    if (list.length < MAX_FILES_PER_ECOSYSTEM) list.push(path)
    byEco.set(kind.ecosystem, list)
  }
  const cache = new Map<string, readonly string[] | undefined>()
  const skipped: Skipped[] = []
  // Files the route scan read, by its whole text or its lines: each counted once.
  const readPaths = new Set<string>()
  const lines = (path: string): readonly string[] | undefined => {
    if (cache.has(path)) return cache.get(path)
    let out: readonly string[] | undefined
    const r = snapshot.read(path)
    readPaths.add(path)
    if (r.kind === 'too-large' || (r.kind === 'text' && r.size > MAX_ROUTE_FILE_BYTES)) {
      skipped.push({ path, reason: `${r.size} bytes, over the ${MAX_ROUTE_FILE_BYTES}-byte cap for route scanning` })
    } else if (r.kind === 'text') {
      // Split once per read, shared with every other view of the snapshot (service views).
      const split = boundedLines(r, MAX_LINES_PER_FILE, MAX_LINE_CHARS)
      out = split.lines
      const long = split.long
      if (long > 0) skipped.push({ path, reason: `${plural(long, 'line')} over ${MAX_LINE_CHARS} characters (minified or generated) not scanned` })
    }
    cache.set(path, out)
    return out
  }
  const mentions = (path: string, tokens: readonly string[]): boolean => {
    const r = snapshot.read(path)
    return r.kind === 'text' && r.size <= MAX_ROUTE_FILE_BYTES && mentionsAny(r, tokens)
  }
  const text = (path: string): string | undefined => {
    const r = snapshot.read(path)
    readPaths.add(path)
    if (r.kind === 'text' && r.size <= MAX_ROUTE_FILE_BYTES) return r.text
    // Over the cap: recorded as skipped, exactly as a split would.
    if (r.kind === 'too-large' || r.kind === 'text') lines(path)
    return undefined
  }
  return {
    snapshot,
    files: (eco) => byEco.get(eco) ?? [],
    lines,
    mentions,
    text,
    has: (p) => snapshot.has(p),
    skipped,
    read: () => readPaths.size
  }
}
