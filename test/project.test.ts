import { readFileSync } from 'node:fs'
import yaml from 'js-yaml'
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain ESM script without types
import { updateReadme } from '../scripts/readme-usage.mjs'
import { VERSION } from '../src/version.js'

const read = (p: string): string => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8')

describe('project invariants', () => {
  it('VERSION equals package.json version', () => {
    expect(VERSION).toBe(JSON.parse(read('package.json')).version)
  })

  it('the README usage block is generated from action.yml', () => {
    const readme = read('README.md')
    expect((updateReadme as (r: string, a: string) => string)(readme, read('action.yml'))).toBe(readme)
  })

  it('action.yml runs the committed bundle on node24 and declares the contract inputs and outputs', () => {
    const action = yaml.load(read('action.yml')) as { runs: Record<string, string>; inputs: Record<string, unknown>; outputs: Record<string, unknown> }
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    for (const name of ['path', 'config', 'min-score', 'required-checks', 'fail-on-regression', 'comment', 'github-token', 'admin-token', 'sarif']) {
      expect(action.inputs).toHaveProperty(name)
    }
    for (const name of ['score', 'grade', 'passed', 'report', 'comment-url']) expect(action.outputs).toHaveProperty(name)
  })

  it('every input read in src/inputs.ts is declared in action.yml, and vice versa', () => {
    const action = yaml.load(read('action.yml')) as { inputs: Record<string, unknown> }
    const src = read('src/inputs.ts')
    const used = new Set([...src.matchAll(/(?:str|optional|bool)\('([a-z-]+)'\)/g)].map((m) => m[1]))
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort())
  })

  it('the README gives the two newcomer commands', () => {
    const readme = read('README.md')
    expect(readme).toContain('node dist/cli.js scan .')
    expect(readme).toContain('npm cit')
  })
})
