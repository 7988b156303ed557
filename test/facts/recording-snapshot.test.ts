import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { answersSame, filesWhere, listingDifference, RecordingSnapshot } from '../../src/facts/recording-snapshot.js'
import { collectFacts } from '../../src/facts/collect.js'
import { GitTreeSnapshot } from '../../src/facts/git-snapshot.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { WorkTreeSnapshot } from '../../src/facts/worktree.js'
import { git, tempGitRepo } from '../helpers/tmp-repo.js'

describe('what a collector asked, and whether another snapshot answers the same', () => {
  const files = { 'Makefile': 'lint:\n\truff check .\n', 'src/app.py': 'x = 1\n', 'docs/a.md': '# a\n' }

  it('records reads, membership, subtrees and filtered listings', () => {
    const rec = new RecordingSnapshot(new MemorySnapshot(files))
    rec.text('Makefile')
    rec.has('tox.ini')
    rec.under('docs')
    expect(filesWhere(rec, (p) => p.endsWith('.py'))).toEqual(['src/app.py'])
    const asked = rec.asked()
    expect([...asked.reads.keys()]).toEqual(['Makefile'])
    expect([...asked.has]).toEqual([['tox.ini', false]])
    expect([...asked.under]).toEqual(['docs'])
    expect(asked.filters).toHaveLength(1)
    expect(asked.wholeListing).toBe(false)
    // Outside a recording, the filter is just a filter.
    expect(filesWhere(new MemorySnapshot(files), (p) => p.endsWith('.md'))).toEqual(['docs/a.md'])
  })

  it('holds while every answer is the same, and not once one differs', () => {
    const head = new MemorySnapshot(files)
    const rec = new RecordingSnapshot(head)
    rec.text('Makefile')
    rec.has('tox.ini')
    rec.under('docs')
    filesWhere(rec, (p) => p.endsWith('.py'))
    const asked = rec.asked()
    const same = (changes: Record<string, string>, drop: string[] = []): boolean => {
      const next: Record<string, string> = { ...files, ...changes }
      for (const d of drop) delete next[d]
      const snap = new MemorySnapshot(next)
      return answersSame(asked, snap, listingDifference(head, snap))
    }
    expect(same({})).toBe(true)
    expect(same({ 'src/app.py': 'x = 2\n' })).toBe(true) // listed through the filter, never read
    expect(same({ 'README.md': 'new\n' })).toBe(true) // added, but no filter, subtree or read takes it
    expect(same({ 'Makefile': 'lint:\n\tflake8\n' })).toBe(false)
    expect(same({ 'tox.ini': '[tox]\n' })).toBe(false)
    expect(same({ 'docs/b.md': '# b\n' })).toBe(false)
    expect(same({ 'src/new.py': '\n' })).toBe(false)
    expect(same({}, ['src/app.py'])).toBe(false)
    // A collector that took the whole listing depends on every added or removed file.
    const whole = new RecordingSnapshot(head)
    whole.files()
    expect(answersSame(whole.asked(), new MemorySnapshot({ ...files, 'x.txt': '' }), ['x.txt'])).toBe(false)
    expect(answersSame(whole.asked(), new MemorySnapshot(files), [])).toBe(true)
  })

  it('gives the PR base the head’s CI facts when the PR touched no CI input, and collects them when it did', () => {
    const wf = (cmd: string): string => `on: [pull_request]\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make ${cmd}\n`
    const dir = tempGitRepo({ '.github/workflows/ci.yml': wf('lint'), 'Makefile': 'lint:\n\truff check .\ntest:\n\tpytest\n', 'pyproject.toml': '[project]\nname = "x"\n', 'app/main.py': 'x = 1\n' })
    const first = git(dir, 'rev-parse', 'HEAD').trim()
    writeFileSync(join(dir, 'app/main.py'), 'x = 2\n')
    writeFileSync(join(dir, 'app/new.py'), 'y = 1\n')
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'code only')
    const second = git(dir, 'rev-parse', 'HEAD').trim()
    writeFileSync(join(dir, 'Makefile'), 'lint:\n\tflake8 .\ntest:\n\tpytest\n')
    git(dir, 'commit', '-qam', 'lint tool')
    const head = new WorkTreeSnapshot(dir)
    const hf = collectFacts(head, DEFAULT_CONFIG, { tags: null }, { record: true })
    const baseFacts = (sha: string): ReturnType<typeof collectFacts> => {
      const base = new GitTreeSnapshot(dir, sha, { shareWith: head })
      return collectFacts(base, DEFAULT_CONFIG, { tags: null }, { reuse: { facts: hf, asked: hf.asked, added: listingDifference(head, base) } })
    }
    const fresh = (sha: string): ReturnType<typeof collectFacts> => collectFacts(new GitTreeSnapshot(dir, sha), DEFAULT_CONFIG, { tags: null })
    const tools = (f: ReturnType<typeof collectFacts>): string[] => f.ci.runs.map((r) => r.argv.join(' '))
    // HEAD~1 differs from the head only in the Makefile: CI is collected again, manifests are reused.
    const b1 = baseFacts(second)
    expect(b1.ci).not.toBe(hf.ci)
    expect(b1.manifests).toBe(hf.manifests)
    expect(tools(b1)).toEqual(['ruff check .'])
    expect(tools(hf)).toEqual(['flake8 .'])
    // Against HEAD~2 (the Makefile also differs) likewise; app/new.py was added, which no reused area lists.
    const b2 = baseFacts(first)
    expect(tools(b2)).toEqual(['ruff check .'])
    expect(b2.manifests).toBe(hf.manifests)
    expect(JSON.stringify(b2.ci)).toBe(JSON.stringify(fresh(first).ci))
    // A base whose CI inputs are the head's own gets the very same facts.
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'empty')
    const head2 = new WorkTreeSnapshot(dir)
    const hf2 = collectFacts(head2, DEFAULT_CONFIG, { tags: null }, { record: true })
    const base2 = new GitTreeSnapshot(dir, git(dir, 'rev-parse', 'HEAD~1').trim(), { shareWith: head2 })
    const bf2 = collectFacts(base2, DEFAULT_CONFIG, { tags: null }, { reuse: { facts: hf2, asked: hf2.asked, added: listingDifference(head2, base2) } })
    for (const area of ['ci', 'manifests', 'deploy', 'release', 'securityRules', 'settingsAsCode'] as const) expect(bf2[area]).toBe(hf2[area])
  })
})
