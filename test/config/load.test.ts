import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { describe, expect, onTestFinished, test } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { loadConfig } from '../../src/config/load.js'
import { tempTree } from '../helpers/tmp-repo.js'

function outsideDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-outside-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true })
    writeFileSync(join(dir, p), c)
  }
  return dir
}

describe('discovery', () => {
  test('no config file: the embedded default, no warnings', () => {
    const root = tempTree({ 'README.md': '# x' })
    expect(loadConfig({ root })).toEqual({ config: DEFAULT_CONFIG, warnings: [], errors: undefined, source: null })
  })

  const order = ['.github/shipshape.yml', '.github/shipshape.yaml', '.shipshape.yml', '.shipshape.yaml']
  test.each(order.map((name, i) => ({ name, i })))('$name is found, and wins over the names after it', ({ name, i }) => {
    const files: Record<string, string> = {}
    order.forEach((n, j) => {
      if (j >= i) files[n] = `min-score: ${50 + j}`
    })
    const root = tempTree(files)
    const r = loadConfig({ root })
    expect(r.errors).toBeUndefined()
    expect(r.config?.minScore).toBe(50 + i)
    expect(r.config?.source).toBe(name)
    expect(r.source).toBe(name)
    const others = order.slice(i + 1)
    expect(r.warnings).toEqual(others.length ? [`${others.join(' and ')} ignored: ${name} is read first (keep one config file)`] : [])
  })

  test('errors of a discovered file come back with its name as the source', () => {
    const root = tempTree({ '.shipshape.yml': 'min-score: high' })
    const r = loadConfig({ root })
    expect(r.errors).toEqual([{ path: 'min-score', message: 'min-score: expected an integer from 0 to 100, got "high"' }])
    expect(r.source).toBe('.shipshape.yml')
  })

  test('a YAML syntax error names the file and line', () => {
    const root = tempTree({ '.github/shipshape.yml': 'min-score: 70\n  checks: x\n' })
    expect(loadConfig({ root }).errors?.map((e) => e.message)).toEqual(['.github/shipshape.yml:2:9: YAML syntax error: bad indentation of a mapping entry'])
  })

  test('a missing scan directory is an error', () => {
    const r = loadConfig({ root: '/nonexistent/shipshape-dir' })
    expect(r.errors?.map((e) => e.message)).toEqual(['/nonexistent/shipshape-dir: the directory to scan does not exist'])
  })
})

describe('explicit path', () => {
  test('an explicit file wins over discovery, labelled repo-relative when inside the root', () => {
    const root = tempTree({ '.github/shipshape.yml': 'min-score: 10', 'conf/strict.yml': 'min-score: 95' })
    const r = loadConfig({ root, explicit: join(root, 'conf/strict.yml') })
    expect(r.config?.minScore).toBe(95)
    expect(r.config?.source).toBe('conf/strict.yml')
    expect(r.warnings).toEqual([])
  })

  test('an explicit file outside the root is read as given', () => {
    const root = tempTree({})
    const out = outsideDir({ 'org.yml': 'min-score: 88' })
    const r = loadConfig({ root, explicit: join(out, 'org.yml') })
    expect(r.config?.minScore).toBe(88)
    expect(r.config?.source).toBe(join(out, 'org.yml'))
  })

  test('a relative explicit path is resolved against the working directory', () => {
    const root = tempTree({ 'c.yml': 'min-score: 42' })
    const r = loadConfig({ root, explicit: relative(process.cwd(), join(root, 'c.yml')) })
    expect(r.config?.minScore).toBe(42)
    expect(r.config?.source).toBe('c.yml')
  })

  test('a missing explicit file is an error, never a silent default', () => {
    const root = tempTree({ '.github/shipshape.yml': 'min-score: 10' })
    const r = loadConfig({ root, explicit: join(root, 'nope.yml') })
    expect(r.config).toBeUndefined()
    expect(r.errors).toEqual([{ path: 'nope.yml', message: `nope.yml: config file not found (looked for ${join(root, 'nope.yml')})` }])
  })

  test('a directory is not a config file', () => {
    const root = tempTree({ 'conf/x': '' })
    expect(loadConfig({ root, explicit: join(root, 'conf') }).errors?.map((e) => e.message)).toEqual(['conf: is not a regular file'])
  })
})

describe('symlinks and size', () => {
  test('a discovered config that is a symlink out of the root is refused', () => {
    const out = outsideDir({ 'secret.yml': 'min-score: 1' })
    const root = tempTree({ 'README.md': 'x' })
    mkdirSync(join(root, '.github'))
    symlinkSync(join(out, 'secret.yml'), join(root, '.github/shipshape.yml'))
    const r = loadConfig({ root })
    expect(r.config).toBeUndefined()
    expect(r.errors?.map((e) => e.message)).toEqual([
      '.github/shipshape.yml: refused: it resolves outside the repository (a symlink out of the scanned directory is never followed)'
    ])
  })

  test('a symlinked directory on the way out of the root is refused too', () => {
    const out = outsideDir({ 'shipshape.yml': 'min-score: 1' })
    const root = tempTree({ 'README.md': 'x' })
    symlinkSync(out, join(root, '.github'))
    expect(loadConfig({ root }).errors?.[0]?.message).toMatch(/^\.github\/shipshape\.yml: refused: it resolves outside the repository/)
  })

  test('an explicit path inside the root that links out of it is refused', () => {
    const out = outsideDir({ 'secret.yml': 'min-score: 1' })
    const root = tempTree({})
    symlinkSync(join(out, 'secret.yml'), join(root, 'cfg.yml'))
    expect(loadConfig({ root, explicit: join(root, 'cfg.yml') }).errors?.map((e) => e.message)).toEqual([
      'cfg.yml: refused: it resolves outside the repository (a symlink out of the scanned directory is never followed)'
    ])
  })

  test('a symlink that stays inside the root is followed', () => {
    const root = tempTree({ 'config/shipshape.yml': 'min-score: 77' })
    symlinkSync('config/shipshape.yml', join(root, '.shipshape.yml'))
    const r = loadConfig({ root })
    expect(r.config?.minScore).toBe(77)
    expect(r.config?.source).toBe('.shipshape.yml')
  })

  test('a dangling symlink is an error', () => {
    const root = tempTree({})
    symlinkSync('missing.yml', join(root, '.shipshape.yml'))
    expect(loadConfig({ root }).errors?.map((e) => e.message)).toEqual(['.shipshape.yml: cannot be read (a symlink to a missing file?)'])
  })

  test('a root reached through a symlink still reads its own config', () => {
    const real = tempTree({ '.shipshape.yml': 'min-score: 61' })
    const parent = outsideDir({})
    symlinkSync(real, join(parent, 'link'))
    expect(loadConfig({ root: join(parent, 'link') }).config?.minScore).toBe(61)
  })

  test('a config over 256 KiB is refused without being parsed', () => {
    const root = tempTree({ '.shipshape.yml': 'min-score: 70\n#' + 'x'.repeat(256 * 1024) })
    expect(loadConfig({ root }).errors?.map((e) => e.message)).toEqual(['.shipshape.yml: the file is 262159 bytes; a config may be at most 262144 bytes (256 KiB)'])
  })
})
