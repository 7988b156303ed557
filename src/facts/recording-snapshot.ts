import type { FileRead, Snapshot, SnapshotStats } from './snapshot.js'

/**
 * What a fact collector asked of a snapshot, so another snapshot (the PR base) can tell whether it
 * would answer the same — and, if so, take the head's facts instead of collecting them again.
 * Sound by construction: every question goes through the recorder (reads, membership, subtrees,
 * listings), and a listing is remembered by the filter the collector applied (`filesWhere`), or
 * as the whole listing when it took that.
 */
export interface Asked {
  readonly reads: ReadonlyMap<string, FileRead>
  readonly has: ReadonlyMap<string, boolean>
  /** Directories whose files were listed (`under`). */
  readonly under: ReadonlySet<string>
  /** Filters the listing was taken through. */
  readonly filters: readonly ((path: string) => boolean)[]
  /** The whole listing was taken: any added or removed file may matter. */
  readonly wholeListing: boolean
}

/** A snapshot that answers as `inner` does and records every question. */
export class RecordingSnapshot implements Snapshot {
  readonly label: string
  readonly commit: string | null
  private readonly reads = new Map<string, FileRead>()
  private readonly hasAnswers = new Map<string, boolean>()
  private readonly dirs = new Set<string>()
  private readonly filters: ((path: string) => boolean)[] = []
  private whole = false

  constructor(readonly inner: Snapshot) {
    this.label = inner.label
    this.commit = inner.commit
  }

  files(): readonly string[] {
    this.whole = true
    return this.inner.files()
  }

  /** The listing through a filter, remembered as the filter. */
  filesWhere(keep: (path: string) => boolean): string[] {
    this.filters.push(keep)
    return this.inner.files().filter(keep)
  }

  has(path: string): boolean {
    const v = this.inner.has(path)
    this.hasAnswers.set(path, v)
    return v
  }

  read(path: string): FileRead {
    const r = this.inner.read(path)
    this.reads.set(path, r)
    return r
  }

  text(path: string): string | undefined {
    const r = this.read(path)
    return r.kind === 'text' ? r.text : undefined
  }

  under(dir: string): readonly string[] {
    this.dirs.add(dir)
    return this.inner.under(dir)
  }

  stats(): SnapshotStats {
    return this.inner.stats()
  }

  asked(): Asked {
    return { reads: this.reads, has: this.hasAnswers, under: this.dirs, filters: this.filters, wholeListing: this.whole }
  }
}

/** The files of a snapshot that pass a filter; a recording snapshot remembers the filter rather than the whole listing. */
export function filesWhere(snapshot: Snapshot, keep: (path: string) => boolean): string[] {
  return snapshot instanceof RecordingSnapshot ? snapshot.filesWhere(keep) : snapshot.files().filter(keep)
}

/** Paths listed by exactly one of two snapshots (files added or removed between them). */
export function listingDifference(a: Snapshot, b: Snapshot): string[] {
  const out: string[] = []
  for (const p of a.files()) if (!b.has(p)) out.push(p)
  for (const p of b.files()) if (!a.has(p)) out.push(p)
  return out
}

/** Whether `snapshot` gives every recorded answer again; `added` lists the paths in one listing only. */
export function answersSame(asked: Asked, snapshot: Snapshot, added: readonly string[]): boolean {
  if (added.length > 0) {
    if (asked.wholeListing) return false
    for (const keep of asked.filters) if (added.some(keep)) return false
    for (const dir of asked.under) {
      const prefix = dir === '' ? '' : dir.endsWith('/') ? dir : dir + '/'
      if (added.some((p) => p.startsWith(prefix))) return false
    }
  }
  for (const [path, v] of asked.has) if (snapshot.has(path) !== v) return false
  for (const [path, r] of asked.reads) if (!sameRead(snapshot.read(path), r)) return false
  return true
}

/** The same content: the same cached read (a file the base shares with the head), or equal answers. */
function sameRead(a: FileRead, b: FileRead): boolean {
  if (a === b) return true
  switch (a.kind) {
    case 'text':
      return b.kind === 'text' && a.text === b.text
    case 'missing':
      return b.kind === 'missing'
    case 'binary':
      return b.kind === 'binary' && a.size === b.size
    case 'too-large':
      return b.kind === 'too-large' && a.size === b.size && a.cap === b.cap
    case 'error':
      return b.kind === 'error' && a.message === b.message
  }
}
