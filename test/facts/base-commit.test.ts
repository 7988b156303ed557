import { build } from 'esbuild'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { prepareBase, runBaseJob } from '../../src/facts/base-commit.js'
import { GitTreeSnapshot } from '../../src/facts/git-snapshot.js'
import { WorkTreeSnapshot } from '../../src/facts/worktree.js'
import { git, shallowCloneLackingBase, tempGitRepo } from '../helpers/tmp-repo.js'

function repoWithTwoCommits(): { dir: string; base: string } {
  const dir = tempGitRepo({ 'a.py': 'v1\n', 'same.txt': 'same\n', 'gone.txt': 'bye\n' })
  const base = git(dir, 'rev-parse', 'HEAD').trim()
  writeFileSync(join(dir, 'a.py'), 'v2\n')
  writeFileSync(join(dir, 'new.py'), 'new\n')
  git(dir, 'rm', '-q', 'gone.txt')
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'head')
  return { dir, base }
}

describe('the PR base git work', () => {
  // The worker entry bundled as the build bundles it (dist/base-worker.js beside dist/cli.js).
  let entry: URL
  beforeAll(async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shipshape-worker-')), 'base-worker.mjs')
    await build({ entryPoints: ['src/facts/base-worker.ts'], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning' })
    entry = pathToFileURL(out)
  })

  it('lists the base tree and the changed files on a worker thread', async () => {
    const { dir, base } = repoWithTwoCommits()
    writeFileSync(join(dir, 'same.txt'), 'edited, not committed\n')
    const got = await prepareBase({ root: dir, sha: base, fetch: false, diff: true, timeoutMs: 10_000, cap: 1 << 20, budget: 1 << 26 }, entry)
    expect(got.via).toBe('worker')
    if (!got.ok) throw new Error(got.reason)
    expect(got.commit).toBe(base)
    expect(got.fetched).toBe(false)
    // Committed and uncommitted changes alike: the work tree is what the head scan reads.
    expect([...got.changed!].sort()).toEqual(['a.py', 'gone.txt', 'new.py', 'same.txt'])
    const snap = new GitTreeSnapshot(dir, got.commit, { shareWith: new WorkTreeSnapshot(dir), listing: got })
    expect(snap.files()).toEqual(['a.py', 'gone.txt', 'same.txt'])
    expect(snap.text('a.py')).toBe('v1\n')
    expect(snap.text('same.txt')).toBe('same\n')
    // The worker read every changed blob the base has (a.py committed since, same.txt edited in
    // the work tree, gone.txt deleted since); the unchanged rest comes from the work tree.
    expect(snap.stats().reads).toBe(3)
    expect(got.blobs.map((b) => [b.path, b.size, b.bytes === null ? null : Buffer.from(b.bytes).toString()])).toEqual([
      ['a.py', 3, 'v1\n'],
      ['gone.txt', 4, 'bye\n'],
      ['same.txt', 5, 'same\n']
    ])
  })

  it('reads ahead no blob over the cap or past the budget, and the snapshot still caps it', async () => {
    const { dir, base } = repoWithTwoCommits()
    const got = await prepareBase({ root: dir, sha: base, fetch: false, diff: true, timeoutMs: 10_000, cap: 3, budget: 3 })
    if (!got.ok) throw new Error(got.reason)
    expect(got.blobs.map((b) => [b.path, b.size, b.bytes !== null])).toEqual([
      ['a.py', 3, true],
      ['gone.txt', 4, false]
    ])
    const snap = new GitTreeSnapshot(dir, got.commit, { shareWith: new WorkTreeSnapshot(dir), listing: got, maxFileBytes: 3 })
    expect(snap.read('gone.txt')).toEqual({ kind: 'too-large', size: 4, cap: 3 })
    expect(snap.text('a.py')).toBe('v1\n')
  })

  it('gives the same listing as the snapshot asks for itself', async () => {
    const { dir, base } = repoWithTwoCommits()
    const got = await prepareBase({ root: dir, sha: base, fetch: false, diff: true, timeoutMs: 10_000, cap: 1 << 20, budget: 1 << 26 })
    if (!got.ok) throw new Error(got.reason)
    const head = new WorkTreeSnapshot(dir)
    const own = new GitTreeSnapshot(dir, base, { shareWith: head })
    const given = new GitTreeSnapshot(dir, base, { shareWith: head, listing: got })
    expect(given.files()).toEqual(own.files())
    for (const f of own.files()) expect(given.read(f)).toEqual(own.read(f))
    expect(given.stats()).toEqual(own.stats())
  })

  it('fetches a commit a shallow clone lacks, and says why when it cannot', async () => {
    const { root, base } = shallowCloneLackingBase()
    const refused = await prepareBase({ root, sha: base, fetch: false, diff: true, timeoutMs: 10_000, cap: 1 << 20, budget: 1 << 26 })
    expect(refused).toMatchObject({ ok: false, reason: `the base commit ${base.slice(0, 12)} is not in the checkout` })
    const got = await prepareBase({ root, sha: base, fetch: true, diff: true, timeoutMs: 10_000, cap: 1 << 20, budget: 1 << 26 })
    expect(got).toMatchObject({ ok: true, commit: base, fetched: true, changed: ['a.txt'] })
    const missing = await prepareBase({ root, sha: 'e'.repeat(40), fetch: true, diff: true, timeoutMs: 10_000, cap: 1 << 20, budget: 1 << 26 })
    expect(missing.ok).toBe(false)
    expect(!missing.ok && missing.reason).toContain('could not be fetched from origin')
  })

  it('refuses what is not a SHA before running git, in place as on the worker', () => {
    const dir = tempGitRepo({ 'a.txt': 'x' })
    for (const sha of ['HEAD', '--upload-pack=touch /tmp/x', 'abc']) {
      expect(runBaseJob({ root: dir, sha, fetch: true, diff: true, timeoutMs: 1000, cap: 1 << 20, budget: 1 << 26 })).toEqual({ ok: false, reason: `'${sha}' is not a commit SHA` })
    }
  })
})
