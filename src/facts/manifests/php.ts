import type { ParseProblem } from '../ci/types.js'
import { jsonErrorLine, locate, splitLines } from './text.js'
import type { Dependency } from './types.js'

const SECTIONS: readonly [string, boolean][] = [
  ['require', false],
  ['require-dev', true]
]

/** Platform requirements, not packages: `php`, `ext-json`, `lib-icu`, `composer-plugin-api`. */
function isPlatform(name: string): boolean {
  return name === 'php' || name === 'hhvm' || name.startsWith('ext-') || name.startsWith('lib-') || name.startsWith('composer-')
}

/** `composer.json` `require` and `require-dev`, names lower-cased as Composer compares them. */
export function parseComposerJson(path: string, text: string, problems: ParseProblem[]): Dependency[] {
  let doc: unknown
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (err) {
    const line = jsonErrorLine(text, err)
    problems.push({ path, ...(line !== undefined ? { line } : {}), message: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` })
    return []
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    problems.push({ path, message: 'composer.json is not a JSON object' })
    return []
  }
  const obj = doc as Record<string, unknown>
  const lines = splitLines(text)
  const deps: Dependency[] = []
  for (const [section, dev] of SECTIONS) {
    const table = obj[section]
    if (typeof table !== 'object' || table === null || Array.isArray(table)) continue
    const at = (locate(lines, `"${section}"`) ?? 1) - 1
    for (const [raw, spec] of Object.entries(table as Record<string, unknown>)) {
      const name = raw.toLowerCase()
      if (isPlatform(name)) continue
      const line = locate(lines, `"${raw}"`, at)
      deps.push({ name, ecosystem: 'php', manifest: path, dev, ...(line !== undefined ? { line } : {}), ...(typeof spec === 'string' && spec ? { spec } : {}) })
    }
  }
  return deps
}
