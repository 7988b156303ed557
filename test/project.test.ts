import { readdirSync, readFileSync } from 'node:fs'
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

  it('every output set in src is declared in action.yml, and vice versa', () => {
    const action = yaml.load(read('action.yml')) as { outputs: Record<string, unknown> }
    const set = new Set(sources().flatMap((f) => [...read(f).matchAll(/(?:setOutput|writeOutputFile)\('([a-z-]+)'/g)].map((m) => m[1])))
    expect([...set].sort()).toEqual(Object.keys(action.outputs).sort())
  })

  it('dependencies are chosen: every runtime dependency is imported by src, and src imports no other package (type-only imports come from devDependencies)', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> }
    const imported = new Set<string>()
    for (const f of sources()) {
      for (const m of read(f).matchAll(/^(?:import|export|\})(?! type )[^'\n]*? from '([^'.][^']*)'|^import '([^'.][^']*)'/gm)) {
        const spec = (m[1] ?? m[2])!
        if (spec.startsWith('node:')) continue
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!)
      }
    }
    expect([...imported].sort()).toEqual(Object.keys(pkg.dependencies).sort())
  })

  it('no source file or doc cites a file outside the repository (the internal notes are never named)', () => {
    const outside = ['PRODUCT', 'SIGNATURES', 'PLATFORM', 'STYLE'].map((n) => `${n}.md`)
    const files = [...sources('src'), ...sources('test'), ...sources('docs', '.md'), 'README.md', 'CONTRIBUTING.md']
    const hits = files.flatMap((f) => outside.filter((name) => read(f).includes(name)).map((name) => `${f}: ${name}`))
    expect(hits).toEqual([])
    // The docs that replace them exist.
    for (const doc of ['docs/design.md', 'docs/catalogue.md']) expect(read(doc).length).toBeGreaterThan(2000)
  })

  it('the README gives the two newcomer commands', () => {
    const readme = read('README.md')
    expect(readme).toContain('node dist/cli.js scan .')
    expect(readme).toContain('npm cit')
  })
})

/** Every file under `dir` ending in `ext` (TypeScript by default), repository-relative. */
function sources(dir = 'src', ext = '.ts'): string[] {
  return readdirSync(new URL(`../${dir}`, import.meta.url), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(`${dir}/${e.name}`, ext) : e.name.endsWith(ext) ? [`${dir}/${e.name}`] : []))
}
