import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** The labelled corpus (corpus/README.md): every label file has the shape `npm run corpus` reads. */
const DIR = join(import.meta.dirname, '..', '..', 'corpus')
const PRACTICES = ['ci-lint', 'ci-tests', 'type-checking', 'static-analysis', 'contract-tests', 'openapi-published', 'health-endpoint', 'feature-flags', 'circuit-breakers', 'container-build', 'release-versioning', 'layered-architecture']
const STACKS = ['python', 'node', 'go', 'spring', 'jvm', 'ruby', 'rust', 'php', 'dotnet', 'elixir']
const LABELS = ['yes', 'partial', 'no']

describe('the labelled corpus', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'))

  it('holds at least 40 repositories across at least ten stacks', () => {
    const stacks = new Set(files.map((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { stack: string }).stack))
    expect(files.length).toBeGreaterThanOrEqual(40)
    expect(stacks.size).toBeGreaterThanOrEqual(10)
  })

  it.each(files)('%s is a well-formed label file', (file) => {
    const j = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { repo: string; commit: string; stack: string; practices: Record<string, { label: string; accept?: string[]; evidence: string[] }> }
    expect(file).toBe(`${j.repo.replace('/', '+')}.json`)
    expect(j.commit).toMatch(/^[0-9a-f]{40}$/)
    expect(STACKS).toContain(j.stack)
    expect(Object.keys(j.practices).sort()).toEqual([...PRACTICES].sort())
    for (const p of Object.values(j.practices)) {
      expect(LABELS).toContain(p.label)
      for (const a of p.accept ?? []) expect(LABELS).toContain(a)
      if (p.accept) expect(p.accept).toContain(p.label)
      expect(Array.isArray(p.evidence)).toBe(true)
    }
  })
})
