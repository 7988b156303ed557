import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { loadConfig } from '../../src/config/load.js'
import { WorkTreeSnapshot } from '../../src/facts/worktree.js'
import { scanReport } from '../helpers/scan.js'
import { git, tempTree } from '../helpers/tmp-repo.js'
import { expectClean, runCli, scanAllFormats, SECRET, statusOf, type JsonReport } from './run.js'

/**
 * Symlinks out of the root (to files, to directories, absolute and relative), symlink cycles,
 * FIFOs and device files: nothing outside the root is read or printed, nothing blocks.
 */

const BOUND_MS = 10_000
let outside: string

beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'shipshape-outside-'))
  mkdirSync(join(outside, 'dir/.github/workflows'), { recursive: true })
  writeFileSync(join(outside, 'secret.txt'), `${SECRET}\n`)
  writeFileSync(join(outside, 'app.py'), `from fastapi import FastAPI  # ${SECRET}\napp = FastAPI()\n@app.get("/${SECRET}")\ndef h():\n    return 1\n`)
  writeFileSync(join(outside, 'ci.yml'), `on: [pull_request]\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: ruff check ${SECRET}\n`)
  writeFileSync(join(outside, 'pyproject.toml'), `[project]\nname = "${SECRET}"\ndependencies = ["fastapi", "${SECRET}"]\n`)
  writeFileSync(join(outside, 'dir/app.py'), `# ${SECRET}\n`)
  writeFileSync(join(outside, 'dir/.github/workflows/ci.yml'), `on: [pull_request]\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: pytest ${SECRET}\n`)
  writeFileSync(join(outside, 'shipshape.yml'), `min-score: 0\nignore: ["${SECRET}"]\n`)
})
afterAll(() => rmSync(outside, { recursive: true, force: true }))

/** A repository whose every interesting file is a symlink leaving it, plus cycles. */
function hostileLinks(dir: string): void {
  mkdirSync(join(dir, '.github/workflows'), { recursive: true })
  mkdirSync(join(dir, 'nested/deeper'), { recursive: true })
  symlinkSync(join(outside, 'ci.yml'), join(dir, '.github/workflows/ci.yml'))
  symlinkSync(relative(join(dir, '.github/workflows'), join(outside, 'ci.yml')), join(dir, '.github/workflows/rel.yml'))
  symlinkSync(join(outside, 'app.py'), join(dir, 'app.py'))
  symlinkSync(join(outside, 'pyproject.toml'), join(dir, 'pyproject.toml'))
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'Dockerfile'))
  symlinkSync(join(outside, 'dir'), join(dir, 'linked'))
  symlinkSync('/etc/passwd', join(dir, 'requirements.txt'))
  symlinkSync('/dev/zero', join(dir, 'package.json'))
  symlinkSync('loop-b', join(dir, 'loop-a'))
  symlinkSync('loop-a', join(dir, 'loop-b'))
  symlinkSync('.', join(dir, 'self'))
  symlinkSync('..', join(dir, 'nested/up'))
  symlinkSync('../..', join(dir, 'nested/deeper/root'))
  writeFileSync(join(dir, 'README.md'), '# hello\n')
}

describe('symlinks leaving the root and symlink cycles', () => {
  for (const kind of ['git', 'plain'] as const) {
    it(`reads nothing outside and prints no secret (${kind} dir, every format, ${BOUND_MS} ms each)`, () => {
      const dir = tempTree({})
      hostileLinks(dir)
      if (kind === 'git') {
        git(dir, 'init', '-q', '-b', 'main')
        git(dir, 'add', '-A')
        git(dir, 'commit', '-q', '-m', 'links')
        // Git committed the links themselves, not what they point to.
        expect(git(dir, 'ls-files', '-s', 'linked', 'self', 'app.py').split('\n').filter(Boolean).every((l) => l.startsWith('120000 '))).toBe(true)
      }
      const out = scanAllFormats(dir, BOUND_MS)
      const report = JSON.parse(out.json) as JsonReport
      expect(report.stats.bytesRead).toBeLessThan(100)
      expect(report.warnings.some((w) => /paths? (was|were) not read because they leave the repository/.test(w))).toBe(true)
      // Nothing from the outside workflow or app counted.
      // The refused workflow files make lint unknown (never pass): Shipshape could not read them.
      expect(statusOf(report, 'ci-lint')).toBe('unknown')
      expect(statusOf(report, 'health-endpoint')).toBe('not-applicable')
    })
  }

  it('the snapshot refuses every escaping read and names why', () => {
    const dir = tempTree({})
    hostileLinks(dir)
    const snap = new WorkTreeSnapshot(dir)
    for (const p of ['.github/workflows/ci.yml', '.github/workflows/rel.yml', 'app.py', 'pyproject.toml', 'Dockerfile', 'requirements.txt', 'package.json']) {
      expect(snap.read(p), p).toEqual({ kind: 'error', message: 'symlink leaves the repository' })
    }
    expect(snap.read('loop-a')).toEqual({ kind: 'error', message: 'symlink cycle' })
    expect(snap.read('self')).toEqual({ kind: 'error', message: 'not a regular file' })
    expect(snap.read('README.md')).toMatchObject({ kind: 'text', text: '# hello\n' })
    // The walk never descends through a directory link (no file of outside/dir, no cycle).
    expect(snap.files().filter((f) => f.startsWith('linked/') || f.startsWith('self/') || f.startsWith('nested/up/'))).toEqual([])
  })

  it('a config symlinked out of the root is refused: exit 2 with the reason, no secret', () => {
    const dir = tempTree({ 'README.md': 'x\n' })
    mkdirSync(join(dir, '.github'))
    symlinkSync(join(outside, 'shipshape.yml'), join(dir, '.github/shipshape.yml'))
    const r = runCli(dir, 'json', { timeoutMs: BOUND_MS })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('.github/shipshape.yml: refused: it resolves outside the repository')
    expect(r.stdout + r.stderr).not.toContain(SECRET)
  })
})

describe('FIFOs and devices (regression: these blocked forever)', () => {
  const mkfifo = (path: string): void => {
    execFileSync('mkfifo', [path])
  }

  it('a FIFO named .github/shipshape.yml is a config error, not a hang', () => {
    const dir = tempTree({ 'README.md': 'x\n' })
    mkdirSync(join(dir, '.github'))
    mkfifo(join(dir, '.github/shipshape.yml'))
    const t0 = performance.now()
    const loaded = loadConfig({ root: dir })
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(loaded.errors?.map((e) => e.message)).toEqual(['.github/shipshape.yml: is not a regular file'])
    const r = runCli(dir, 'text', { timeoutMs: BOUND_MS })
    expect(r.code).toBe(2)
    expect(r.ms).toBeLessThan(BOUND_MS)
  })

  it('a .gitignore that is a FIFO or a link to /dev/zero is not read (plain dir walk)', () => {
    for (const make of [(p: string) => mkfifo(p), (p: string) => symlinkSync('/dev/zero', p), (p: string) => symlinkSync(join(outside, 'secret.txt'), p)]) {
      const dir = tempTree({ 'app.py': 'x = 1\n', [SECRET]: 'x\n', 'sub/b.py': 'y = 2\n' })
      make(join(dir, '.gitignore'))
      make(join(dir, 'sub/.gitignore'))
      const t0 = performance.now()
      const snap = new WorkTreeSnapshot(dir)
      expect(performance.now() - t0).toBeLessThan(1000)
      // Nothing was ignored: the outside file's content (which names a file here) was not used.
      expect(snap.files().filter((f) => !f.endsWith('.gitignore'))).toEqual([SECRET, 'app.py', 'sub/b.py'])
      const r = runCli(dir, 'json', { timeoutMs: BOUND_MS })
      expectClean(r, BOUND_MS)
    }
  })

  it('a FIFO or a socket-like special file in the tree is listed as unsafe, never opened blocking', async () => {
    const dir = tempTree({ 'app.py': 'x = 1\n' })
    mkfifo(join(dir, 'Dockerfile'))
    const report = await scanReport({ root: dir, config: DEFAULT_CONFIG })
    expect(report.warnings).toContain('1 path was not read because it leaves the repository or is not a regular file: Dockerfile (not a regular file)')
  })
})
