import { execFileSync } from 'node:child_process'
import { resolveCommit } from './git-snapshot.js'

export type EnsureResult = { readonly ok: true; readonly commit: string; readonly fetched: boolean } | { readonly ok: false; readonly reason: string }

/**
 * Makes sure a commit is in the local object store: present already, or fetched shallowly from
 * `origin` (actions/checkout leaves a depth-1 clone that lacks the PR base). Never throws.
 */
export function ensureCommit(root: string, sha: string, opts: { fetch: boolean; timeoutMs?: number }): EnsureResult {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return { ok: false, reason: `'${sha}' is not a commit SHA` }
  const have = resolveCommit(root, sha)
  if (have) return { ok: true, commit: have, fetched: false }
  if (!opts.fetch) return { ok: false, reason: `the base commit ${sha.slice(0, 12)} is not in the checkout` }
  try {
    execFileSync('git', ['-c', 'core.fsmonitor=false', 'fetch', '--no-tags', '--quiet', '--depth=1', '--no-write-fetch-head', 'origin', sha], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: opts.timeoutMs ?? 60_000,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }
    })
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? '').trim().split('\n').pop() ?? ''
    return { ok: false, reason: `the base commit ${sha.slice(0, 12)} could not be fetched from origin${stderr ? ` (${stderr.slice(0, 160)})` : ''}` }
  }
  const got = resolveCommit(root, sha)
  return got ? { ok: true, commit: got, fetched: true } : { ok: false, reason: `the base commit ${sha.slice(0, 12)} is still missing after fetching` }
}
