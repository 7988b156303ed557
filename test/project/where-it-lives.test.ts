import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHECK_IDS } from '../../src/checks/ids.js'

/**
 * Every docs/checks/<id>.md ends its reference part with a "Where it lives" map: the check's own
 * module, the catalogue rows and shared machinery it judges with, the facts collectors it reads,
 * and its tests. This keeps the map true: every path it names exists, and every project module the
 * check imports (type-only files aside) is on it, so a new catalogue or collector cannot be wired
 * in without the page saying where it lives.
 */

const ROOT = join(import.meta.dirname, '..', '..')
const ROWS = ['check', 'catalogue', 'facts', 'tests'] as const

function section(id: string): string {
  const text = readFileSync(join(ROOT, 'docs', 'checks', `${id}.md`), 'utf8')
  const start = text.indexOf('\n## Where it lives\n')
  expect(start, `docs/checks/${id}.md has a "## Where it lives" section`).toBeGreaterThanOrEqual(0)
  const next = text.indexOf('\n## ', start + 5)
  return text.slice(start, next < 0 ? undefined : next)
}

function rows(map: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const line of map.split('\n')) {
    const m = /^\| (check|catalogue|facts|tests) \| (.*) \|$/.exec(line)
    if (m) out.set(m[1]!, [...m[2]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!))
  }
  return out
}

/** The project modules a source file imports (values, not `import type`), as repository paths. */
function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const out: string[] = []
  for (const m of text.matchAll(/^import (?!type )[\s\S]*? from '(\.{1,2}\/[^']+)'/gm)) {
    const path = relative(ROOT, normalize(join(ROOT, dirname(file), m[1]!.replace(/\.js$/, '.ts'))))
    out.push(path.split('\\').join('/'))
  }
  return out
}

/** Modules every check shares and no page needs to repeat. */
const EVERYWHERE = new Set(['src/checks/types.ts', 'src/checks/ids.ts', 'src/prose.ts'])

describe('"Where it lives" maps on the check pages', () => {
  it.each([...CHECK_IDS])('%s: the map names existing paths, the check module, its tests, and every module the check imports', (id) => {
    const map = rows(section(id))
    for (const row of ROWS) expect(map.get(row)?.length ?? 0, `${id}: row "${row}" names at least one path`).toBeGreaterThan(0)
    const named = ROWS.flatMap((r) => map.get(r) ?? [])
    for (const p of named) expect(existsSync(join(ROOT, p)), `${id}: ${p} exists`).toBe(true)
    expect(map.get('check')).toContain(`src/checks/${id}.ts`)
    expect(map.get('tests')).toContain(`test/checks/${id}.test.ts`)
    const covered = (path: string): boolean => named.some((p) => p === path || (p.endsWith('/') && path.startsWith(p)))
    const missing = imports(`src/checks/${id}.ts`).filter((p) => !EVERYWHERE.has(p) && !p.endsWith('/types.ts') && !covered(p))
    expect(missing, `${id}: imported but not on the map`).toEqual([])
  })
})
