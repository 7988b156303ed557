import * as childProcess from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { batchContents, batchSizes, treeEntries } from './git-objects.js'

/**
 * The PR base's git work — make sure the commit is local (fetching it shallowly from `origin`
 * when actions/checkout left a depth-1 clone), list its tree, and name the files changed since
 * it — started before the head scan and run on a worker thread, so the fetch and both listings
 * overlap the head scan instead of adding to it. Never throws: a failure is a reason.
 */

export type PreparedBase =
  | {
      readonly ok: true
      readonly commit: string
      readonly fetched: boolean
      /** `git ls-tree -r -z --full-tree <commit>` output. */
      readonly tree: string
      /** Paths that differ between the commit and the work tree (`git diff --name-only`), or null when that could not be asked. */
      readonly changed: readonly string[] | null
      /** The base's own blobs of the changed paths (what the work tree cannot supply): sizes, and contents within the cap and budget. */
      readonly blobs: readonly BaseBlob[]
    }
  | { readonly ok: false; readonly reason: string }

export interface BaseBlob {
  readonly path: string
  /** Null when git did not say (the snapshot then asks itself). */
  readonly size: number | null
  /** Not in the local object store (a partial clone). */
  readonly absent: boolean
  /** Null when over the cap or the budget, or not read. */
  readonly bytes: Uint8Array | null
}

export interface BaseJob {
  readonly root: string
  readonly sha: string
  readonly fetch: boolean
  /** Whether to ask which files changed (needs a work tree at a commit). */
  readonly diff: boolean
  readonly timeoutMs: number
  /** Per-file read cap and total byte budget for the changed blobs read ahead. */
  readonly cap: number
  readonly budget: number
}

/**
 * The job itself: run by the worker entry (`base-worker.ts`, bundled beside the action and the
 * CLI as `dist/base-worker.js`), and directly when no worker can be started.
 */
export function runBaseJob(job: BaseJob, cp: Pick<typeof childProcess, 'execFileSync'> = childProcess): PreparedBase {
  const env = { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' }
  const git = (args: string[], timeout?: number, input?: string): Buffer =>
    cp.execFileSync('git', ['-c', 'core.fsmonitor=false', ...args], { cwd: job.root, env, input, maxBuffer: 1024 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'], ...(timeout ? { timeout } : {}) })
  const resolve = (): string | null => {
    try {
      return git(['rev-parse', '--verify', '-q', `${job.sha}^{commit}`]).toString('utf8').trim() || null
    } catch {
      return null
    }
  }
  const short = job.sha.slice(0, 12)
  if (!/^[0-9a-f]{7,64}$/i.test(job.sha)) return { ok: false, reason: `'${job.sha}' is not a commit SHA` }
  let commit = resolve()
  let fetched = false
  if (!commit) {
    if (!job.fetch) return { ok: false, reason: `the base commit ${short} is not in the checkout` }
    try {
      git(['fetch', '--no-tags', '--quiet', '--depth=1', '--no-write-fetch-head', 'origin', job.sha], job.timeoutMs)
    } catch (err) {
      const stderr = String((err as { stderr?: Buffer }).stderr ?? '').trim().split('\n').pop() ?? ''
      return { ok: false, reason: `the base commit ${short} could not be fetched from origin${stderr ? ` (${stderr.slice(0, 160)})` : ''}` }
    }
    commit = resolve()
    if (!commit) return { ok: false, reason: `the base commit ${short} is still missing after fetching` }
    fetched = true
  }
  let tree: string
  try {
    tree = git(['ls-tree', '-r', '-z', '--full-tree', commit]).toString('utf8')
  } catch (err) {
    return { ok: false, reason: `the base commit could not be read: ${String((err as Error).message ?? err).split('\n')[0]!.slice(0, 200)}` }
  }
  let changed: string[] | null = null
  if (job.diff) {
    try {
      changed = git(['diff', '--name-only', '-z', '--no-renames', commit]).toString('utf8').split('\0').filter((p) => p !== '')
    } catch {
      changed = null
    }
  }
  return { ok: true, commit, fetched, tree, changed, blobs: changed ? readChanged(changed) : [] }

  /** The base's blobs at the changed paths: sizes in one batch, then contents in another. */
  function readChanged(paths: readonly string[]): BaseBlob[] {
    const want = new Set(paths)
    const entries = treeEntries(tree).filter((e) => e.type === 'blob' && e.mode !== '120000' && want.has(e.path))
    if (entries.length === 0) return []
    let sizes: (number | 'missing' | null)[]
    try {
      sizes = batchSizes(git(['cat-file', '--batch-check'], undefined, entries.map((e) => e.sha).join('\n') + '\n').toString('utf8'), entries.length)
    } catch {
      return []
    }
    let spent = 0
    const read: number[] = []
    sizes.forEach((size, i) => {
      if (typeof size === 'number' && size <= job.cap && spent + size <= job.budget) {
        spent += size
        read.push(i)
      }
    })
    let contents: Uint8Array[] = []
    try {
      if (read.length > 0) contents = batchContents(git(['cat-file', '--batch'], undefined, read.map((i) => entries[i]!.sha).join('\n') + '\n'), read.length)
    } catch {
      contents = []
    }
    const bytes = new Map<number, Uint8Array>()
    contents.forEach((b, k) => bytes.set(read[k]!, b))
    return entries.map((e, i) => {
      const size = sizes[i]!
      return { path: e.path, size: typeof size === 'number' ? size : null, absent: size === 'missing', bytes: bytes.get(i) ?? null }
    })
  }
}

/**
 * The commit a ref names in the repository at `root` (`main`, `origin/main`, `v1.2.0`, a SHA), or
 * null when it names none. A ref that starts with `-` is refused before git sees it.
 */
export function resolveCommit(root: string, ref: string): string | null {
  if (ref === '' || ref.startsWith('-') || /[\0\n]/.test(ref)) return null
  try {
    const out = childProcess.execFileSync('git', ['rev-parse', '--verify', '-q', `${ref}^{commit}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } })
    const sha = out.trim()
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : null
  } catch {
    return null
  }
}

/** The bundled worker entry, beside the bundle that starts it (`dist/index.js`, `dist/cli.js`). */
const WORKER = new URL('./base-worker.js', import.meta.url)

/**
 * Starts the base job on a worker thread and returns its answer as a promise; the caller runs
 * the head scan meanwhile. Falls back to running it in place when no worker can be started or
 * the worker fails.
 */
export function prepareBase(job: BaseJob, entry: URL = WORKER): Promise<PreparedBase & { readonly via: 'worker' | 'main thread' }> {
  const here = (): PreparedBase & { via: 'main thread' } => ({ ...runBaseJob(job), via: 'main thread' })
  let worker: Worker
  try {
    // Run from the sources (tests), there is no bundled entry beside this module.
    if (!existsSync(fileURLToPath(entry))) return Promise.resolve(here())
    worker = new Worker(entry, { workerData: job })
  } catch {
    return Promise.resolve(here())
  }
  return new Promise((resolve) => {
    let answered = false
    worker.once('message', (m: PreparedBase) => {
      answered = true
      resolve({ ...m, via: 'worker' })
    })
    // A worker that cannot run its source (a restricted runtime) leaves the job to this thread.
    worker.once('error', () => {
      answered = true
      resolve(here())
    })
    worker.once('exit', () => {
      if (!answered) resolve({ ok: false, reason: 'the base commit could not be read: the reader stopped', via: 'worker' })
    })
  })
}
