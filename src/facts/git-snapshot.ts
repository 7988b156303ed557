import { execFileSync, spawnSync } from 'node:child_process'
import { Minimatch } from 'minimatch'
import type { BaseBlob } from './base-commit.js'
import { batchContents, batchSizes, treeEntries } from './git-objects.js'
import { ListedSnapshot } from './listed-snapshot.js'
import { DEFAULT_MAX_FILE_BYTES, looksBinary, type FileRead, type SnapshotStats } from './snapshot.js'
import { WorkTreeSnapshot } from './worktree.js'

export interface GitSnapshotOptions {
  readonly ignore?: readonly string[]
  readonly maxFileBytes?: number
  readonly label?: string
  /**
   * A snapshot of the work tree at HEAD: blobs the commit shares with a clean HEAD are read from
   * it (already cached when the head scan ran) instead of from git, so a base scan costs little.
   */
  readonly shareWith?: WorkTreeSnapshot
  /** The commit's tree listing and changed files, already asked of git (on a worker, during the head scan). */
  readonly listing?: { readonly tree: string; readonly changed: readonly string[] | null; readonly blobs: readonly BaseBlob[] }
}

interface Entry {
  readonly sha: string
  /** Blob size; looked up only for blobs read from git (shared ones are read, and capped, from the work tree). */
  size: number | null
  /** Not in the local object store (a partial clone filtering large blobs): asked once, never read. */
  absent?: boolean
  readonly symlink: boolean
}

const GIT_ENV = { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_CONFIG_NOSYSTEM: '1' }

function git(root: string, args: string[], input?: string): Buffer {
  return execFileSync('git', ['-c', 'core.fsmonitor=false', ...args], {
    cwd: root,
    input,
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'ignore'],
    env: GIT_ENV
  })
}

/** Resolves a revision to a commit SHA, or null when the repository does not have it. */
export function resolveCommit(root: string, rev: string): string | null {
  try {
    return git(root, ['rev-parse', '--verify', '-q', `${rev}^{commit}`]).toString('utf8').trim() || null
  } catch {
    return null
  }
}

/**
 * A commit read from git objects: the same Snapshot contract as the working tree, with no
 * checkout. Symlinks are never followed (a tree's symlink is reported unsafe); submodules are left
 * out.
 */
export class GitTreeSnapshot extends ListedSnapshot {
  readonly label: string
  readonly commit: string
  private readonly entries = new Map<string, Entry>()
  private readonly cache = new Map<string, FileRead>()
  private readonly cap: number
  private readonly stat: SnapshotStats
  private readonly shared = new Set<string>()

  constructor(private readonly root: string, commit: string, private readonly opts: GitSnapshotOptions = {}) {
    super()
    this.commit = commit
    this.label = opts.label ?? '.'
    this.cap = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
    const matchers = (opts.ignore ?? []).map((g) => new Minimatch(g, { dot: true }))
    let ignored = 0
    // No `-l`: asking every blob's size costs an object lookup per file (seconds on 100k loose
    // objects); only the blobs read from git need one, asked in one batch below.
    const out = opts.listing?.tree ?? git(root, ['ls-tree', '-r', '-z', '--full-tree', commit]).toString('utf8')
    for (const { mode, type, sha, path } of treeEntries(out)) {
      if (type !== 'blob') continue
      if (matchers.some((m) => m.match(path))) {
        ignored++
        continue
      }
      this.entries.set(path, { sha, size: null, symlink: mode === '120000' })
    }
    // ls-tree lists in git's tree order, which is already sorted for all but unusual names: sorted only when not.
    const paths = [...this.entries.keys()]
    this.setListing(paths.every((p, i) => i === 0 || paths[i - 1]! < p) ? paths : paths.sort())
    this.stat = { files: this.entries.size, reads: 0, bytesRead: 0, tooLarge: [], binary: 0, unsafe: [], ignored }
    if (opts.shareWith) this.findShared(opts.shareWith)
    // Blobs the worker already sized and read: no git run of our own for them.
    for (const b of opts.listing?.blobs ?? []) {
      const e = this.entries.get(b.path)
      if (!e || e.symlink) continue
      if (b.absent) e.absent = true
      else if (b.size !== null) e.size = b.size
      if (b.bytes && b.size !== null && b.size <= this.cap && !this.shared.has(b.path)) this.cache.set(b.path, this.decode(b.path, Buffer.from(b.bytes.buffer, b.bytes.byteOffset, b.bytes.byteLength)))
    }
    this.sizeUnshared(this.files().filter((p) => !this.shared.has(p)))
  }

  /** Sizes of the blobs read from git, in one `git cat-file --batch-check`. */
  private sizeUnshared(paths: readonly string[]): void {
    const wanted = paths.map((p) => this.entries.get(p)!).filter((e) => !e.symlink && e.size === null && !e.absent)
    if (wanted.length === 0) return
    const res = spawnSync('git', ['cat-file', '--batch-check'], {
      cwd: this.root,
      input: wanted.map((e) => e.sha).join('\n') + '\n',
      maxBuffer: 256 * 1024 * 1024,
      env: GIT_ENV
    })
    if (res.status !== 0 || !res.stdout) return
    const sizes = batchSizes(res.stdout.toString('utf8'), wanted.length)
    wanted.forEach((e, i) => {
      const size = sizes[i]
      if (size === 'missing') e.absent = true
      else if (typeof size === 'number') e.size = size
    })
  }

  /** A blob's size, asked of git when the batch did not give it. */
  private sizeOf(path: string, e: Entry): number {
    if (e.size === null && !e.absent) this.sizeUnshared([path])
    return e.size ?? Number.MAX_SAFE_INTEGER
  }

  /**
   * Paths whose blob is what the work tree holds: one `git diff <base>` (base tree against the
   * work tree) names every file changed since the base, committed or not.
   */
  private findShared(head: WorkTreeSnapshot): void {
    if (!head.commit) return
    try {
      const listed = this.opts.listing ? this.opts.listing.changed : git(this.root, ['diff', '--name-only', '-z', '--no-renames', this.commit]).toString('utf8').split('\0')
      if (listed === null) return
      const changed = new Set(listed)
      for (const p of this.files()) if (!changed.has(p) && head.has(p)) this.shared.add(p)
    } catch {
      // No sharing: everything is read from git.
    }
  }

  read(path: string): FileRead {
    const hit = this.cache.get(path)
    if (hit) return hit
    const result = this.load(path)
    this.cache.set(path, result)
    return result
  }

  /**
   * Reads every blob the work tree cannot supply (changed since HEAD) in one batch, up to a byte
   * budget, so the base scan spawns git once instead of once per file.
   */
  prefetchUnshared(maxBytes = 256 * 1024 * 1024): void {
    const wanted: string[] = []
    let bytes = 0
    for (const p of this.files()) {
      const e = this.entries.get(p)!
      if (this.shared.has(p) || e.symlink) continue
      const size = this.sizeOf(p, e)
      if (size > this.cap || e.absent) continue
      if (bytes + size > maxBytes) break
      bytes += size
      wanted.push(p)
    }
    this.prefetch(wanted)
  }

  /** Reads many blobs in one `git cat-file --batch` (for collectors that know what they need). */
  prefetch(paths: readonly string[]): void {
    const wanted = paths.filter((p) => {
      const e = this.entries.get(p)
      return e !== undefined && !this.cache.has(p) && !this.shared.has(p) && !e.symlink && this.sizeOf(p, e) <= this.cap && !e.absent
    })
    if (wanted.length === 0) return
    const res = spawnSync('git', ['cat-file', '--batch'], {
      cwd: this.root,
      input: wanted.map((p) => this.entries.get(p)!.sha).join('\n') + '\n',
      maxBuffer: 1024 * 1024 * 1024,
      env: GIT_ENV
    })
    if (res.status !== 0 || !res.stdout) return
    batchContents(res.stdout, wanted.length).forEach((bytes, i) => {
      const p = wanted[i]!
      this.cache.set(p, this.decode(p, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)))
    })
  }

  stats(): SnapshotStats {
    return this.stat
  }

  private load(path: string): FileRead {
    const e = this.entries.get(path)
    if (!e) return { kind: 'missing' }
    if (e.symlink) {
      this.stat.unsafe.push(`${path} (symlink)`)
      return { kind: 'error', message: 'symlink not followed' }
    }
    if (this.shared.has(path) && this.opts.shareWith) return this.opts.shareWith.read(path)
    const size = this.sizeOf(path, e)
    if (e.absent) return { kind: 'error', message: 'blob not in the local object store (partial clone)' }
    if (size > this.cap) {
      this.stat.tooLarge.push({ path, size })
      return { kind: 'too-large', size, cap: this.cap }
    }
    try {
      return this.decode(path, git(this.root, ['cat-file', 'blob', e.sha]))
    } catch (err) {
      return { kind: 'error', message: String((err as Error).message ?? err).slice(0, 200) }
    }
  }

  private decode(_path: string, bytes: Buffer): FileRead {
    this.stat.reads++
    this.stat.bytesRead += bytes.length
    if (looksBinary(bytes)) {
      this.stat.binary++
      return { kind: 'binary', size: bytes.length }
    }
    return { kind: 'text', text: bytes.toString('utf8'), size: bytes.length }
  }
}
