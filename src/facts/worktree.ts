import { execFileSync } from 'node:child_process'
import { lstatSync, readdirSync, realpathSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Minimatch } from 'minimatch'
import { isSafeGlob } from './safe-glob.js'
import { ListedSnapshot } from './listed-snapshot.js'
import { safeRead } from './safe-read.js'
import { DEFAULT_MAX_FILE_BYTES, looksBinary, type FileRead, type SnapshotStats } from './snapshot.js'

export interface WorkTreeOptions {
  /** minimatch globs (repo-relative) of files to leave out. */
  readonly ignore?: readonly string[]
  readonly maxFileBytes?: number
  /** Shown as the root in reports. */
  readonly label?: string
  /** Hard cap on listed files; the rest are dropped and counted. */
  readonly maxFiles?: number
}

/** Directories never walked when git cannot list the files. */
const WALK_SKIP = new Set(['.git', 'node_modules', '.hg', '.svn'])

/**
 * The working tree on disk. Lists tracked (and untracked, not ignored) files with `git ls-files`
 * when the directory is a git work tree, else walks it honouring `.gitignore`. Reads are lazy,
 * cached and capped; no read ever leaves the root, whatever symlinks say.
 */
export class WorkTreeSnapshot extends ListedSnapshot {
  readonly label: string
  readonly commit: string | null
  private readonly rootReal: string
  private readonly cache = new Map<string, FileRead>()
  private readonly cap: number
  private readonly stat: SnapshotStats

  constructor(readonly root: string, opts: WorkTreeOptions = {}) {
    super()
    this.rootReal = realpathSync(root)
    this.label = opts.label ?? '.'
    this.cap = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
    const unsafe: string[] = []
    const git = gitListing(this.rootReal)
    let all = git ? git.files : walk(this.rootReal, unsafe)
    this.commit = git ? git.commit : null
    const matchers = (opts.ignore ?? []).map((g) => new Minimatch(g, { dot: true }))
    let ignored = 0
    if (matchers.length > 0) {
      all = all.filter((p) => {
        const hit = matchers.some((m) => m.match(p))
        if (hit) ignored++
        return !hit
      })
    }
    if (opts.maxFiles !== undefined && all.length > opts.maxFiles) all = all.slice(0, opts.maxFiles)
    all.sort()
    this.setListing(all)
    this.stat = { files: all.length, reads: 0, bytesRead: 0, tooLarge: [], binary: 0, unsafe, ignored }
  }

  read(path: string): FileRead {
    const hit = this.cache.get(path)
    if (hit) return hit
    const result = this.has(path) ? this.load(path) : ({ kind: 'missing' } as const)
    this.cache.set(path, result)
    return result
  }

  stats(): SnapshotStats {
    return this.stat
  }

  private load(path: string): FileRead {
    const raw = safeRead(this.rootReal, path, this.cap, this.dirs)
    switch (raw.kind) {
      case 'missing':
        return raw
      case 'error':
        return raw
      case 'refused':
        return this.refuse(path, raw.why)
      case 'too-large':
        this.stat.tooLarge.push({ path, size: raw.size })
        return { kind: 'too-large', size: raw.size, cap: this.cap }
    }
    const bytes = raw.bytes
    this.stat.reads++
    this.stat.bytesRead += bytes.byteLength
    if (looksBinary(bytes)) {
      this.stat.binary++
      return { kind: 'binary', size: bytes.byteLength }
    }
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
    return { kind: 'text', text, size: bytes.byteLength }
  }

  private readonly dirs = new Map<string, string>()

  private refuse(path: string, why: string): FileRead {
    this.stat.unsafe.push(`${path} (${why})`)
    return { kind: 'error', message: why }
  }
}

/** `git ls-files` of a work tree; null when git is unavailable or the directory is not a work tree root. */
function gitListing(root: string): { files: string[]; commit: string | null } | null {
  if (!existsSync(join(root, '.git'))) return null
  const git = (args: string[]): string =>
    execFileSync('git', ['-c', 'core.fsmonitor=false', '-c', 'core.quotepath=off', ...args], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' }
    })
  try {
    const out = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
    const seen = new Set<string>()
    const files: string[] = []
    for (const p of out.split('\0')) {
      if (p === '' || seen.has(p) || !isSafeRelative(p)) continue
      seen.add(p)
      files.push(p)
    }
    let commit: string | null = null
    try {
      commit = git(['rev-parse', '--verify', '-q', 'HEAD']).trim() || null
    } catch {
      commit = null
    }
    return { files, commit }
  } catch {
    return null
  }
}

function isSafeRelative(p: string): boolean {
  return !p.startsWith('/') && !p.split('/').includes('..')
}

interface IgnoreRule {
  readonly base: string
  readonly matcher: Minimatch
  readonly negate: boolean
  readonly dirOnly: boolean
}

/** A walk honouring .gitignore files (common subset: globs, `!` negation, trailing `/`, anchoring). */
function walk(root: string, unsafe: string[]): string[] {
  const out: string[] = []
  const visit = (dir: string, rel: string, rules: IgnoreRule[]): void => {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    const local = rules.concat(readGitignore(join(dir, '.gitignore'), rel))
    for (const e of entries) {
      const path = rel === '' ? e.name : `${rel}/${e.name}`
      const isDir = e.isDirectory()
      if (isDir && WALK_SKIP.has(e.name)) continue
      if (ignoredBy(local, path, isDir)) continue
      if (isDir) visit(join(dir, e.name), path, local)
      else if (e.isFile() || e.isSymbolicLink()) out.push(path)
      else unsafe.push(`${path} (not a regular file)`)
    }
  }
  visit(root, '', [])
  return out
}

function readGitignore(file: string, base: string): IgnoreRule[] {
  let text: string
  try {
    // Like git, never follow a symlinked .gitignore (it could name /dev/zero or a file outside
    // the root) and never open a FIFO (the read would block forever).
    const st = lstatSync(file)
    if (!st.isFile() || st.size > 1024 * 1024) return []
    text = readFileSync(file, 'utf8')
  } catch {
    return []
  }
  const rules: IgnoreRule[] = []
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trimEnd()
    if (line === '' || line.startsWith('#')) continue
    const negate = line.startsWith('!')
    if (negate) line = line.slice(1)
    const dirOnly = line.endsWith('/')
    if (dirOnly) line = line.slice(0, -1)
    const anchored = line.includes('/')
    if (line.startsWith('/')) line = line.slice(1)
    const pattern = anchored ? line : `**/${line}`
    if (!isSafeGlob(pattern)) continue
    rules.push({ base, matcher: new Minimatch(pattern, { dot: true }), negate, dirOnly })
  }
  return rules
}

function ignoredBy(rules: IgnoreRule[], path: string, isDir: boolean): boolean {
  let ignored = false
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue
    const rel = r.base === '' ? path : path.startsWith(r.base + '/') ? path.slice(r.base.length + 1) : null
    if (rel === null) continue
    if (r.matcher.match(rel)) ignored = !r.negate
  }
  return ignored
}
