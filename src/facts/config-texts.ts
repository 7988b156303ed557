import type { OwnFile, RepoFileFacts } from './repo-files.js'
import type { Snapshot } from './snapshot.js'

/**
 * The texts of the configuration files whose content a check judges (`[tool.mypy]` in
 * pyproject.toml, `depguard` in .golangci.yml, `exit:` in .sobelow-conf). The checks' catalogues
 * declare the file patterns up front (checks/reads.ts); this collector reads the matching files
 * once, so a check looks a text up and never reads. A pattern nobody declared has no texts: the
 * check that asks for one fails loudly (ConfigTexts.declared says which were).
 *
 * Pattern grammar: `name` a basename anywhere; `name*` a basename prefix; `*.ext` a basename
 * extension (`*.csproj`); `dir/` a directory segment (`.github/codeql/`); `a/b.yml` a path suffix.
 */

export interface ConfigTexts {
  /** The patterns declared: a check asking about any other pattern is a programming error. */
  readonly declared: ReadonlySet<string>
  /** Text per repository path, for the first MAX_FILES_PER_PATTERN own files of each pattern. */
  readonly texts: ReadonlyMap<string, string>
}

/**
 * Files read per pattern, in listing order. A check reads at most 20 candidates per signature
 * (checks/catalog/ecosystem.ts); the margin covers candidates it skips without reading (a file
 * another signature of the same tool already matched).
 */
export const MAX_FILES_PER_PATTERN = 40

export const NO_CONFIG_TEXTS: ConfigTexts = { declared: new Set(), texts: new Map() }

export function matchesConfigPattern(pattern: string, path: string, name: string): boolean {
  if (pattern.endsWith('/')) return path.startsWith(pattern) || path.includes('/' + pattern)
  if (pattern.includes('/')) return path === pattern || path.endsWith('/' + pattern)
  if (pattern.endsWith('*')) return name.startsWith(pattern.slice(0, -1))
  if (pattern.startsWith('*')) return name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1
  return name === pattern
}

/** The own files each pattern matches, in listing order, at most `max` per pattern. */
export function filesMatching(files: readonly OwnFile[], patterns: readonly string[], max: number): Map<string, string[]> {
  const out = new Map<string, string[]>(patterns.map((p) => [p, []]))
  // Patterns grouped by what can be looked up per file: exact basenames (also of `a/b` suffixes),
  // first characters of `prefix*`, `.suffix`es of `*.ext`; only `dir/` patterns are tried per file.
  const byName = new Map<string, string[]>()
  const byFirst = new Map<string, string[]>()
  const byExt = new Map<string, string[]>()
  const dirs: string[] = []
  const add = (m: Map<string, string[]>, k: string, p: string): void => {
    const list = m.get(k)
    if (list) list.push(p)
    else m.set(k, [p])
  }
  for (const p of new Set(patterns)) {
    if (p.endsWith('/')) dirs.push(p)
    else if (p.includes('/')) add(byName, p.slice(p.lastIndexOf('/') + 1), p)
    else if (p.endsWith('*')) add(byFirst, p[0] ?? '', p)
    else if (p.startsWith('*.')) add(byExt, p.slice(1), p)
    else add(byName, p, p)
  }
  const take = (p: string, file: OwnFile): void => {
    const list = out.get(p)!
    if (list.length < max && matchesConfigPattern(p, file.path, file.name) && list[list.length - 1] !== file.path) list.push(file.path)
  }
  for (const file of files) {
    const { name } = file
    for (const p of byName.get(name) ?? []) take(p, file)
    for (const p of byFirst.get(name[0] ?? '') ?? []) take(p, file)
    for (let dot = name.indexOf('.'); dot >= 0 && byExt.size > 0; dot = name.indexOf('.', dot + 1)) for (const p of byExt.get(name.slice(dot)) ?? []) take(p, file)
    for (const p of dirs) if (file.path.includes(p)) take(p, file)
  }
  return out
}

export function collectConfigTexts(snapshot: Snapshot, repoFiles: RepoFileFacts, patterns: readonly string[]): ConfigTexts {
  const texts = new Map<string, string>()
  for (const paths of filesMatching(repoFiles.own, patterns, MAX_FILES_PER_PATTERN).values()) {
    for (const path of paths) {
      if (texts.has(path)) continue
      const text = snapshot.text(path)
      if (text !== undefined) texts.set(path, text)
    }
  }
  return { declared: new Set(patterns), texts }
}
