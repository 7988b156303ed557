import type { ParseProblem } from '../ci/types.js'
import type { Snapshot } from '../snapshot.js'

/**
 * Reads a manifest as text, turning every way it can be unreadable into a problem. Invalid UTF-8
 * decodes to U+FFFD: the file is still parsed (names are ASCII) but the problem is reported.
 */
export function readText(snapshot: Snapshot, path: string, problems: ParseProblem[]): string | undefined {
  const r = snapshot.read(path)
  switch (r.kind) {
    case 'text':
      if (r.text.includes('\uFFFD')) problems.push({ path, message: 'file is not valid UTF-8; undecodable bytes were ignored' })
      return r.text
    case 'binary':
      problems.push({ path, message: 'file looks binary (NUL bytes); not parsed' })
      return undefined
    case 'too-large':
      problems.push({ path, message: `file is ${r.size} bytes, over the ${r.cap}-byte cap; not parsed` })
      return undefined
    case 'error':
      problems.push({ path, message: `file could not be read: ${r.message}` })
      return undefined
    case 'missing':
      return undefined
  }
}

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/)
}

/**
 * 1-based number of the first line at or after `from` (0-based) containing `needle`; searches
 * the whole file when nothing follows `from`.
 */
export function locate(lines: readonly string[], needle: string, from = 0): number | undefined {
  for (let i = Math.max(0, from); i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1
  for (let i = 0; i < Math.min(from, lines.length); i++) if (lines[i]!.includes(needle)) return i + 1
  return undefined
}

/** 0-based index of a TOML/INI section header line `[name]`, or -1. */
export function sectionIndex(lines: readonly string[], name: string): number {
  const want = `[${name}]`
  for (let i = 0; i < lines.length; i++) if (lines[i]!.trim().replace(/\s+/g, '') === want.replace(/\s+/g, '')) return i
  return -1
}

/** Line (1-based) of a JSON.parse error, read from the messages of Node 20 ("at position N") and Node 22+ ("line L column C"). */
export function jsonErrorLine(text: string, err: unknown): number | undefined {
  const msg = err instanceof Error ? err.message : String(err)
  const lc = /line (\d+) column \d+/.exec(msg)
  if (lc) return Number(lc[1])
  const pos = /position (\d+)/.exec(msg)
  if (pos) {
    const p = Math.min(Number(pos[1]), text.length)
    let line = 1
    for (let i = 0; i < p; i++) if (text.charCodeAt(i) === 10) line++
    return line
  }
  return undefined
}

/** Group/extra names that mean "not shipped": dev, test, lint, docs, typing, CI tooling. */
export function isDevGroupName(name: string): boolean {
  return /^(dev|develop|development|test|tests|testing|lint|linting|linters|docs|doc|typing|types|mypy|ci|style|format|check|checks|qa|bench|benchmark|benchmarks|coverage|tox|nox|local|debug|build)([-_.].*)?$/i.test(name)
}
