import type { ParseProblem } from '../ci/types.js'
import { jsonErrorLine, locate, splitLines } from './text.js'
import type { Dependency } from './types.js'

const SECTIONS: readonly [string, boolean][] = [
  ['dependencies', false],
  ['optionalDependencies', false],
  ['peerDependencies', false],
  ['devDependencies', true]
]

export interface PackageJson {
  readonly deps: Dependency[]
  /** `workspaces` globs (array form or `{ packages: [...] }`), when declared. */
  readonly workspaces?: string[]
}

/** `package.json` dependencies of every kind; each workspace package is its own manifest (listed separately). */
export function parsePackageJson(path: string, text: string, problems: ParseProblem[]): PackageJson {
  let doc: unknown
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (err) {
    const line = jsonErrorLine(text, err)
    problems.push({ path, ...(line !== undefined ? { line } : {}), message: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` })
    return { deps: [] }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    problems.push({ path, message: 'package.json is not a JSON object' })
    return { deps: [] }
  }
  const obj = doc as Record<string, unknown>
  const lines = splitLines(text)
  const deps: Dependency[] = []
  for (const [section, dev] of SECTIONS) {
    const table = obj[section]
    if (typeof table !== 'object' || table === null || Array.isArray(table)) continue
    const at = (locate(lines, `"${section}"`) ?? 1) - 1
    for (const [name, spec] of Object.entries(table as Record<string, unknown>)) {
      const line = locate(lines, `"${name}"`, at)
      deps.push({ name, ecosystem: 'node', manifest: path, dev, ...(line !== undefined ? { line } : {}), ...(typeof spec === 'string' && spec ? { spec } : {}) })
    }
  }
  let workspaces: string[] | undefined
  const ws = obj.workspaces
  if (Array.isArray(ws)) workspaces = ws.filter((w): w is string => typeof w === 'string')
  else if (typeof ws === 'object' && ws !== null && Array.isArray((ws as Record<string, unknown>).packages)) {
    workspaces = ((ws as Record<string, unknown>).packages as unknown[]).filter((w): w is string => typeof w === 'string')
  }
  return { deps, ...(workspaces ? { workspaces } : {}) }
}
