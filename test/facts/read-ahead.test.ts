import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { ReadAhead } from '../../src/facts/read-ahead.js'
import { WorkTreeSnapshot } from '../../src/facts/worktree.js'
import { scanRepository } from '../../src/scan.js'
import { git, tempTree } from '../helpers/tmp-repo.js'

/**
 * Reading ahead on a worker thread changes nothing but speed: every read, every statistic and
 * every refusal (symlinks out, cycles, FIFOs, oversized files) is what the scan's own reads give.
 */

const SECRET = 'OUTSIDE-SECRET-7f3a'
let outside: string

beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'shipshape-ra-outside-'))
  writeFileSync(join(outside, 'secret.py'), `# ${SECRET}\n`)
  mkdirSync(join(outside, 'dir'))
  writeFileSync(join(outside, 'dir/app.py'), `# ${SECRET}\n`)
})
afterAll(() => rmSync(outside, { recursive: true, force: true }))

/** Sources, a binary, an oversized file, links out, a cycle and a FIFO, in a plain directory. */
function hostileTree(): string {
  const files: Record<string, string | Uint8Array> = {}
  for (let i = 0; i < 150; i++) files[`svc/app/mod${i}.py`] = `from fastapi import APIRouter\nrouter = APIRouter()\n@router.get("/m${i}")\ndef h():\n    return ${i}\n`
  for (let i = 0; i < 50; i++) files[`web/src/m${i}.ts`] = `export const x${i} = ${i}\n`
  files['svc/app/blob.py'] = new Uint8Array([0x70, 0x79, 0, 1, 2, 3])
  files['svc/app/huge.py'] = 'x = 1\n'.repeat(2000)
  files['svc/app/latin.py'] = new Uint8Array([0x23, 0x20, 0xe9, 0xff, 0x0a])
  const dir = tempTree(files)
  symlinkSync(join(outside, 'secret.py'), join(dir, 'svc/app/link.py'))
  symlinkSync(join(outside, 'dir'), join(dir, 'svc/linked'))
  symlinkSync('loop-b.py', join(dir, 'svc/loop-a.py'))
  symlinkSync('loop-a.py', join(dir, 'svc/loop-b.py'))
  symlinkSync('mod1.py', join(dir, 'svc/app/inside.py'))
  execFileSync('mkfifo', [join(dir, 'svc/app/pipe.py')])
  return dir
}

function snapshots(dir: string, order: (files: readonly string[]) => readonly string[]): [WorkTreeSnapshot, WorkTreeSnapshot] {
  const opts = { maxFileBytes: 4096 }
  return [new WorkTreeSnapshot(dir, opts), new WorkTreeSnapshot(dir, { ...opts, readAhead: order, readAheadFrom: 1 })]
}

function extraPaths(): string[] {
  return ['svc/linked/app.py', 'nope/missing.py']
}

describe('read-ahead worker', () => {
  for (const [name, order] of [
    ['listing order', (f: readonly string[]) => f],
    ['reverse order (the scan and the worker meet in the middle)', (f: readonly string[]) => [...f].reverse()],
    ['half the files', (f: readonly string[]) => f.filter((_, i) => i % 2 === 0)]
  ] as const) {
    it(`gives exactly the scan's own reads and statistics (${name})`, async () => {
      const dir = hostileTree()
      const [plain, ahead] = snapshots(dir, order)
      expect(ahead.files()).toEqual(plain.files())
      // Let the worker get going, so both threads really race for the files.
      await new Promise((r) => setTimeout(r, 30))
      for (const path of [...plain.files(), ...extraPaths()]) expect(ahead.read(path), path).toEqual(plain.read(path))
      const norm = (s: ReturnType<WorkTreeSnapshot['stats']>) => ({ ...s, unsafe: [...s.unsafe].sort(), tooLarge: [...s.tooLarge].sort((a, b) => a.path.localeCompare(b.path)) })
      expect(norm(ahead.stats())).toEqual(norm(plain.stats()))
      expect(JSON.stringify(ahead.stats())).not.toContain(SECRET)
      ahead.stopReadingAhead()
    })
  }

  it('refuses links out of the root and special files on the worker too', async () => {
    const dir = hostileTree()
    const root = realpathSync(dir)
    const files = ['svc/app/link.py', 'svc/linked/app.py', 'svc/loop-a.py', 'svc/app/pipe.py', 'svc/app/huge.py', 'svc/app/mod1.py', 'svc/app/inside.py']
    const ra = new ReadAhead(root, sep, files, 4096)
    await new Promise((r) => setTimeout(r, 200))
    const got = Object.fromEntries(files.map((f) => [f, ra.take(f)]))
    ra.stop()
    expect(got['svc/app/link.py']).toEqual({ kind: 'refused', why: 'symlink leaves the repository' })
    expect(got['svc/linked/app.py']).toEqual({ kind: 'refused', why: 'symlink leaves the repository' })
    expect(got['svc/loop-a.py']).toEqual({ kind: 'refused', why: 'symlink cycle' })
    expect(got['svc/app/pipe.py']).toEqual({ kind: 'refused', why: 'not a regular file' })
    expect(got['svc/app/huge.py']).toEqual({ kind: 'too-large', size: 12000 })
    for (const f of ['svc/app/mod1.py', 'svc/app/inside.py']) {
      const r = got[f]!
      expect(r.kind).toBe('bytes')
      if (r.kind === 'bytes') expect(Buffer.from(r.bytes).toString('utf8')).toContain('/m1')
    }
  })

  it('hands a file to one thread only: what the scan claimed first, the worker never delivers', async () => {
    const dir = hostileTree()
    const files = Array.from({ length: 150 }, (_, i) => `svc/app/mod${i}.py`)
    const ra = new ReadAhead(realpathSync(dir), sep, files, 4096)
    // Files the scan asks for before the worker reaches them come back undefined (read them yourself).
    const early = ra.take('svc/app/mod149.py')
    await new Promise((r) => setTimeout(r, 200))
    expect(early).toBeUndefined()
    expect(ra.take('svc/app/mod149.py')).toBeUndefined()
    expect(ra.take('not/listed.py')).toBeUndefined()
    expect(ra.take('svc/app/mod0.py')?.kind).toBe('bytes')
    ra.stop()
    expect(ra.take('svc/app/mod5.py')).toBeUndefined()
  })

  it('falls back to the scan reading for itself when the worker finds nothing (root gone)', () => {
    const ra = new ReadAhead(join(tmpdir(), 'shipshape-no-such-root-' + process.pid), sep, ['a.py', 'b.py'], 4096)
    const a = ra.take('a.py')
    expect(a === undefined || a.kind === 'missing').toBe(true)
    ra.stop()
  })

  it('a whole scan reports the same with and without it (2,100-file repository)', () => {
    const files: Record<string, string> = { 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["fastapi"]\n' }
    for (let i = 0; i < 2100; i++) files[`app/m${i}.py`] = `from fastapi import APIRouter\nrouter = APIRouter(prefix="/r${i}")\n@router.get("/x")\ndef h():\n    return ${i}\n`
    files['app/main.py'] = 'from fastapi import FastAPI\nfrom .m1 import router\napp = FastAPI()\napp.include_router(router)\n@app.get("/healthz")\ndef hz():\n    return 1\n'
    const dir = tempTree(files)
    git(dir, 'init', '-q', '-b', 'main')
    const scan = (ahead: string) => {
      const before = process.env.SHIPSHAPE_READ_AHEAD
      process.env.SHIPSHAPE_READ_AHEAD = ahead
      try {
        const r = scanRepository({ root: dir, config: DEFAULT_CONFIG, inputs: { tags: null } })
        return JSON.stringify({ ...r, durationMs: 0, stats: { ...r.stats, durationMs: 0 } })
      } finally {
        if (before === undefined) delete process.env.SHIPSHAPE_READ_AHEAD
        else process.env.SHIPSHAPE_READ_AHEAD = before
      }
    }
    expect(scan('1')).toEqual(scan('0'))
  })
})
