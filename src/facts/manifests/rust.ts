import type { ParseProblem } from '../ci/types.js'
import { parseTomlSafe } from './python.js'
import { splitLines } from './text.js'
import type { Dependency } from './types.js'

type Table = Record<string, unknown>
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Cargo's dependency tables; build and dev dependencies never ship in the service binary. */
const SECTIONS: readonly [string, boolean][] = [
  ['dependencies', false],
  ['dev-dependencies', true],
  ['build-dependencies', true]
]

export interface CargoManifest {
  readonly deps: Dependency[]
  /** `[workspace] members` globs, when declared. */
  readonly workspaces?: string[]
}

/**
 * `Cargo.toml`: `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, their
 * `[target.'cfg(…)'.…]` forms and `[dependencies.name]` sub-tables. A renamed dependency
 * (`http2 = { package = "h2" }`) is named by its package. `[workspace.dependencies]` only pins
 * versions for members (which declare `x = { workspace = true }` themselves): not a use.
 * Lines come from the text (`name =` or `[dependencies.name]` after the section header).
 */
export function parseCargoToml(path: string, text: string, problems: ParseProblem[]): CargoManifest {
  const doc = parseTomlSafe(text, path, problems)
  if (!doc) return { deps: [] }
  const lines = splitLines(text)
  const deps: Dependency[] = []
  const read = (table: unknown, dev: boolean, header: string): void => {
    if (!isTable(table)) return
    const at = headerLine(lines, header)
    for (const [key, v] of Object.entries(table)) {
      const name = isTable(v) && typeof v.package === 'string' ? v.package : key
      const spec = typeof v === 'string' ? v : isTable(v) && typeof v.version === 'string' ? v.version : undefined
      const line = keyLine(lines, key, header, at)
      deps.push({ name, ecosystem: 'rust', manifest: path, dev, ...(line !== undefined ? { line } : {}), ...(spec ? { spec } : {}) })
    }
  }
  for (const [section, dev] of SECTIONS) read(doc[section], dev, section)
  if (isTable(doc.target)) {
    for (const [cfg, t] of Object.entries(doc.target)) {
      if (!isTable(t)) continue
      for (const [section, dev] of SECTIONS) read(t[section], dev, `target.${cfg}.${section}`)
    }
  }
  const ws = isTable(doc.workspace) && Array.isArray(doc.workspace.members) ? doc.workspace.members.filter((m): m is string => typeof m === 'string') : undefined
  return { deps, ...(ws ? { workspaces: ws } : {}) }
}

/** 0-based index of the header line of a table (`[dependencies]`, `[target.'cfg(unix)'.dependencies]`), or -1. */
function headerLine(lines: readonly string[], header: string): number {
  const want = header.replace(/["'\s]/g, '')
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim()
    if (t.startsWith('[') && t.replace(/["'\s]/g, '') === `[${want}]`) return i
  }
  return -1
}

/** 1-based line of `key = …` inside the section, else of a `[section.key]` sub-table anywhere. */
function keyLine(lines: readonly string[], key: string, header: string, from: number): number | undefined {
  if (from >= 0) {
    for (let i = from + 1; i < lines.length; i++) {
      const t = lines[i]!.trim()
      if (t.startsWith('[')) break
      const bare = t.startsWith('"') ? (t.startsWith(`"${key}"`) ? t.slice(key.length + 2) : '') : t.startsWith(key) ? t.slice(key.length) : ''
      if (bare.trimStart().startsWith('=')) return i + 1
    }
  }
  const sub = headerLine(lines, `${header}.${key}`)
  return sub >= 0 ? sub + 1 : undefined
}
