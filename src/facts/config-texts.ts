import type { FileIndex, RepoFileFacts } from './repo-files.js'
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

/** The own files a pattern matches, in listing order, at most `max`, looked up in the name index. */
function filesMatching(index: FileIndex, pattern: string, max: number): string[] {
  const { files } = index
  const candidates: readonly number[] | undefined = pattern.endsWith('/')
    ? files.flatMap((f, i) => (f.path.includes(pattern) ? [i] : []))
    : pattern.includes('/')
      ? index.byName.get(pattern.slice(pattern.lastIndexOf('/') + 1))
      : pattern.endsWith('*')
        ? index.byFirst.get(pattern[0] ?? '')
        : pattern.startsWith('*.')
          ? index.byExt.get(pattern.slice(1))
          : index.byName.get(pattern)
  const out: string[] = []
  for (const i of candidates ?? []) {
    const f = files[i]!
    if (matchesConfigPattern(pattern, f.path, f.name)) out.push(f.path)
    if (out.length >= max) break
  }
  return out
}

export function collectConfigTexts(snapshot: Snapshot, repoFiles: RepoFileFacts, patterns: readonly string[]): ConfigTexts {
  const texts = new Map<string, string>()
  for (const pattern of new Set(patterns)) {
    for (const path of filesMatching(repoFiles.index, pattern, MAX_FILES_PER_PATTERN)) {
      if (texts.has(path)) continue
      const text = snapshot.text(path)
      if (text !== undefined) texts.set(path, text)
    }
  }
  return { declared: new Set(patterns), texts }
}
