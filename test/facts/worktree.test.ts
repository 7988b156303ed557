import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { WorkTreeSnapshot } from '../../src/facts/worktree.js'
import { git, tempGitRepo, tempTree } from '../helpers/tmp-repo.js'

describe('WorkTreeSnapshot', () => {
  it('lists tracked and untracked-but-not-ignored files with git, sorted, with the commit', () => {
    const dir = tempGitRepo({ 'b.txt': 'b', 'a/x.py': 'print(1)\n', '.gitignore': 'build/\n' })
    writeFileSync(join(dir, 'new.txt'), 'untracked')
    mkdirSync(join(dir, 'build'))
    writeFileSync(join(dir, 'build', 'out.js'), 'ignored')
    const snap = new WorkTreeSnapshot(dir)
    expect(snap.files()).toEqual(['.gitignore', 'a/x.py', 'b.txt', 'new.txt'])
    expect(snap.commit).toMatch(/^[0-9a-f]{40}$/)
    expect(snap.text('a/x.py')).toBe('print(1)\n')
    expect(snap.read('build/out.js')).toEqual({ kind: 'missing' })
  })

  it('walks a plain directory honouring nested .gitignore files and negation', () => {
    const dir = tempTree({
      '.gitignore': '*.log\n/dist\n!keep.log\n',
      'src/app.py': 'x',
      'src/debug.log': 'x',
      'keep.log': 'x',
      'dist/bundle.js': 'x',
      'sub/.gitignore': 'secret.txt\n',
      'sub/secret.txt': 'x',
      'sub/dist/kept.js': 'x',
      'node_modules/pkg/index.js': 'x'
    })
    const snap = new WorkTreeSnapshot(dir)
    expect(snap.commit).toBeNull()
    expect(snap.files()).toEqual(['.gitignore', 'keep.log', 'src/app.py', 'sub/.gitignore', 'sub/dist/kept.js'])
  })

  it('applies config ignore globs and counts them', () => {
    const dir = tempTree({ 'legacy/a.py': 'x', 'src/a.py': 'x', 'src/gen/b.py': 'x' })
    const snap = new WorkTreeSnapshot(dir, { ignore: ['legacy/**', '**/gen/**'] })
    expect(snap.files()).toEqual(['src/a.py'])
    expect(snap.stats().ignored).toBe(2)
  })

  it('never reads through a symlink that leaves the root, and survives cycles', () => {
    const outside = tempTree({ 'secret.txt': 'TOP SECRET' })
    const dir = tempTree({ 'ok.txt': 'fine', 'inner/real.txt': 'real' })
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'leak.txt'))
    symlinkSync(outside, join(dir, 'leakdir'))
    symlinkSync(join(dir, 'inner', 'real.txt'), join(dir, 'inside-link.txt'))
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'))
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'))
    const snap = new WorkTreeSnapshot(dir)
    expect(snap.files()).not.toContain('leakdir/secret.txt')
    expect(snap.read('leak.txt').kind).toBe('error')
    expect(snap.read('leakdir').kind).toBe('error')
    expect(snap.text('inside-link.txt')).toBe('real')
    expect(snap.read('loop-a').kind).toBe('error')
    expect(snap.stats().unsafe.join('\n')).toContain('leak.txt (symlink leaves the repository)')
    expect(snap.stats().unsafe.join('\n')).toContain('loop-a (symlink cycle)')
  })

  it('refuses a tracked symlink to a file outside the root in a git repo', () => {
    const outside = tempTree({ 'passwd': 'root:x:0:0' })
    const dir = tempGitRepo({ 'a.txt': 'a' })
    symlinkSync(join(outside, 'passwd'), join(dir, 'passwd'))
    git(dir, 'add', 'passwd')
    const snap = new WorkTreeSnapshot(dir)
    expect(snap.files()).toContain('passwd')
    expect(snap.text('passwd')).toBeUndefined()
  })

  it('skips files over the cap, detects binaries, caches reads', () => {
    const dir = tempTree({ 'big.py': 'x'.repeat(5000), 'Dockerfile': new Uint8Array([0x46, 0x52, 0x00, 0x4f, 0x4d]), 'small.py': 'ok' })
    const snap = new WorkTreeSnapshot(dir, { maxFileBytes: 1000 })
    expect(snap.read('big.py')).toEqual({ kind: 'too-large', size: 5000, cap: 1000 })
    expect(snap.read('Dockerfile').kind).toBe('binary')
    expect(snap.text('small.py')).toBe('ok')
    snap.text('small.py')
    expect(snap.stats().reads).toBe(2)
    expect(snap.stats().tooLarge).toEqual([{ path: 'big.py', size: 5000 }])
  })

  it('lists files under a directory by prefix, not by name collision', () => {
    const dir = tempTree({ 'api/a.py': '', 'api/sub/b.py': '', 'api-old/c.py': '', 'z.py': '' })
    const snap = new WorkTreeSnapshot(dir)
    expect(snap.under('api')).toEqual(['api/a.py', 'api/sub/b.py'])
    expect(snap.under('')).toHaveLength(4)
  })
})
