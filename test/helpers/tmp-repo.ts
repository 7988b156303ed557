import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { onTestFinished } from 'vitest'

/** Writes a fixture tree into a fresh temp dir, removed when the test finishes. */
export function tempTree(files: Record<string, string | Uint8Array>, opts: { keep?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-'))
  writeTree(dir, files)
  if (!opts.keep) {
    try {
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    } catch {
      // Outside a test (beforeAll): the caller cleans up.
    }
  }
  return dir
}

export function writeTree(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path)
    mkdirSync(dirname(abs), { recursive: true })
    writeFileSync(abs, content)
  }
}

/** Runs git in a fixture repo with a fixed identity and no user config. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z'
    }
  })
}

/** A temp git repository with the files committed on `main`. */
export function tempGitRepo(files: Record<string, string | Uint8Array>): string {
  const dir = tempTree(files)
  git(dir, 'init', '-q', '-b', 'main')
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'init')
  return dir
}

/** A depth-1 clone (`<tmp>/repo`) of an origin with two commits: `base`, the first commit, is not in the clone. */
export function shallowCloneLackingBase(): { root: string; base: string } {
  const origin = tempGitRepo({ 'a.txt': 'one\n' })
  const base = git(origin, 'rev-parse', 'HEAD').trim()
  writeFileSync(join(origin, 'a.txt'), 'two\n')
  git(origin, 'commit', '-qam', 'two')
  const clone = tempTree({})
  git(clone, 'clone', '-q', '--depth=1', `file://${origin}`, 'repo')
  return { root: join(clone, 'repo'), base }
}
