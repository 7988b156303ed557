import { rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GitTreeSnapshot, resolveCommit } from '../../src/facts/git-snapshot.js'
import { WorkTreeSnapshot } from '../../src/facts/worktree.js'
import { git, tempGitRepo } from '../helpers/tmp-repo.js'

describe('GitTreeSnapshot', () => {
  it('reads an older commit from git objects, without a checkout', () => {
    const dir = tempGitRepo({ 'a.py': 'v1\n', 'keep.txt': 'same\n', 'bin.dat': new Uint8Array([1, 0, 2]) })
    const base = resolveCommit(dir, 'HEAD')!
    writeFileSync(join(dir, 'a.py'), 'v2\n')
    writeFileSync(join(dir, 'new.py'), 'new\n')
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '-m', 'head')
    const head = new WorkTreeSnapshot(dir)
    const snap = new GitTreeSnapshot(dir, base, { shareWith: head })
    expect(snap.commit).toBe(base)
    expect(snap.files()).toEqual(['a.py', 'bin.dat', 'keep.txt'])
    expect(snap.text('a.py')).toBe('v1\n')
    expect(snap.text('keep.txt')).toBe('same\n')
    expect(snap.read('bin.dat').kind).toBe('binary')
    expect(snap.read('new.py')).toEqual({ kind: 'missing' })
    // keep.txt and bin.dat are shared with the clean work tree: only a.py was read from git.
    expect(snap.stats().reads).toBe(1)
    expect(head.stats().reads).toBe(2)
  })

  it('prefetches in one batch, caps sizes, never follows symlinks, resolves unknown revs to null', () => {
    const dir = tempGitRepo({ 'x.txt': 'x', 'y.txt': 'y', 'big.txt': 'b'.repeat(3000) })
    symlinkSync('/etc/passwd', join(dir, 'link'))
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '-m', 'link')
    const snap = new GitTreeSnapshot(dir, resolveCommit(dir, 'HEAD')!, { maxFileBytes: 1000, ignore: ['y.*'] })
    expect(snap.files()).toEqual(['big.txt', 'link', 'x.txt'])
    snap.prefetch(['x.txt', 'big.txt', 'link'])
    expect(snap.text('x.txt')).toBe('x')
    expect(snap.read('big.txt').kind).toBe('too-large')
    expect(snap.read('link').kind).toBe('error')
    expect(resolveCommit(dir, 'deadbeef')).toBeNull()
  })

  it('caps a changed blob read from git by its size, and a shared one by the work tree read', () => {
    const dir = tempGitRepo({ 'grown.txt': 'small', 'same-big.txt': 's'.repeat(3000), 'ok.txt': 'ok' })
    const base = resolveCommit(dir, 'HEAD')!
    writeFileSync(join(dir, 'grown.txt'), 'g'.repeat(500))
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '-m', 'head')
    // The base's grown.txt is its old small blob; make the base side the large one instead.
    const bigBase = tempGitRepo({ 'changed.txt': 'c'.repeat(3000), 'same-big.txt': 's'.repeat(3000) })
    const bigBaseSha = resolveCommit(bigBase, 'HEAD')!
    writeFileSync(join(bigBase, 'changed.txt'), 'short now')
    git(bigBase, 'add', '-A')
    git(bigBase, 'commit', '-q', '-m', 'shrink')
    const head = new WorkTreeSnapshot(bigBase, { maxFileBytes: 1000 })
    const snap = new GitTreeSnapshot(bigBase, bigBaseSha, { maxFileBytes: 1000, shareWith: head })
    snap.prefetchUnshared()
    expect(snap.read('changed.txt')).toEqual({ kind: 'too-large', size: 3000, cap: 1000 })
    expect(snap.read('same-big.txt')).toEqual({ kind: 'too-large', size: 3000, cap: 1000 })
    expect(snap.stats().tooLarge).toEqual([{ path: 'changed.txt', size: 3000 }])
    expect(snap.stats().reads).toBe(0)
    const small = new GitTreeSnapshot(dir, base, { maxFileBytes: 100, shareWith: new WorkTreeSnapshot(dir, { maxFileBytes: 100 }) })
    expect(small.text('grown.txt')).toBe('small')
    expect(small.text('ok.txt')).toBe('ok')
  })

  it('reads a blob missing from the object store (a partial clone) as an error, asked of git once', () => {
    const dir = tempGitRepo({ 'big.json': '{"a": 1}\n', 'ok.txt': 'ok' })
    const sha = git(dir, 'rev-parse', 'HEAD:big.json').trim()
    rmSync(join(dir, '.git', 'objects', sha.slice(0, 2), sha.slice(2)))
    const snap = new GitTreeSnapshot(dir, resolveCommit(dir, 'HEAD')!)
    snap.prefetchUnshared()
    expect(snap.read('big.json')).toEqual({ kind: 'error', message: 'blob not in the local object store (partial clone)' })
    expect(snap.text('ok.txt')).toBe('ok')
  })

  it('never shares a file the work tree changed since the base, committed, staged or not', () => {
    const dir = tempGitRepo({ 'committed.txt': 'base\n', 'staged.txt': 'base\n', 'edited.txt': 'base\n', 'same.txt': 'same\n' })
    const base = resolveCommit(dir, 'HEAD')!
    writeFileSync(join(dir, 'committed.txt'), 'head\n')
    git(dir, 'commit', '-q', '-am', 'head')
    writeFileSync(join(dir, 'staged.txt'), 'staged\n')
    git(dir, 'add', 'staged.txt')
    writeFileSync(join(dir, 'edited.txt'), 'edited\n')
    const head = new WorkTreeSnapshot(dir)
    const snap = new GitTreeSnapshot(dir, base, { shareWith: head })
    for (const f of ['committed.txt', 'staged.txt', 'edited.txt']) expect(snap.text(f), f).toBe('base\n')
    expect(snap.text('same.txt')).toBe('same\n')
    // Only the three changed files came from git; same.txt is the work tree's own read.
    expect(snap.stats().reads).toBe(3)
    expect(head.stats().reads).toBe(1)
  })
})
