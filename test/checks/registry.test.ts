import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CHECK_IDS } from '../../src/checks/ids.js'
import { REGISTRY } from '../../src/checks/registry.js'

/**
 * The registry is explicit and checked: every check id has an entry named by
 * its id, a source file named by its id, and a docs page with the required headings in order.
 * A missing piece fails here, naming what to add.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const REQUIRED_HEADINGS = ['## What it looks for', '## Why it matters', '## How to fix', '## Statuses']

describe('check registry', () => {
  it('keeps its keys sorted by id', () => {
    const keys = Object.keys(REGISTRY)
    expect(keys).toEqual([...keys].sort())
  })

  it('holds only known check ids', () => {
    for (const key of Object.keys(REGISTRY)) expect(CHECK_IDS as readonly string[], `unknown registry key ${key}`).toContain(key)
  })

  for (const id of CHECK_IDS) {
    describe(id, () => {
      it('has a registry entry whose meta.id is its key', () => {
        const check = REGISTRY[id]
        expect(check, `no REGISTRY entry for ${id}: if you just added the check, add it to src/checks/registry.ts`).toBeDefined()
        expect(check!.meta.id).toBe(id)
      })

      it('has messages, a why and a remediation', () => {
        const meta = REGISTRY[id]?.meta
        expect(meta, `no REGISTRY entry for ${id}`).toBeDefined()
        expect(Object.keys(meta!.messages).length).toBeGreaterThan(0)
        for (const [key, text] of Object.entries(meta!.messages)) expect((text as string).trim(), `message ${key} is empty`).not.toBe('')
        expect(meta!.title.trim()).not.toBe('')
        expect(meta!.question.trim()).not.toBe('')
        expect(meta!.why.trim()).not.toBe('')
        expect(meta!.remediation.trim()).not.toBe('')
      })

      it(`has src/checks/${id}.ts`, () => {
        expect(existsSync(`${ROOT}src/checks/${id}.ts`), `missing src/checks/${id}.ts`).toBe(true)
      })

      it(`has docs/checks/${id}.md with the required headings in order`, () => {
        const path = `${ROOT}docs/checks/${id}.md`
        expect(existsSync(path), `missing docs/checks/${id}.md`).toBe(true)
        const lines = readFileSync(path, 'utf8').split('\n')
        const title = REGISTRY[id]?.meta.title
        expect(lines[0], 'the page starts with `# <title>`').toBe(`# ${title ?? lines[0]!.slice(2)}`)
        const h2 = lines.filter((l) => l.startsWith('## '))
        const found = REQUIRED_HEADINGS.map((h) => h2.indexOf(h))
        for (const [i, h] of REQUIRED_HEADINGS.entries()) expect(found[i], `docs/checks/${id}.md lacks "${h}"`).toBeGreaterThanOrEqual(0)
        expect(found, 'required headings are in order').toEqual([...found].sort((a, b) => a - b))
      })
    })
  }
})
