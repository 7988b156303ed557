import { rangeWithPrefix } from './paths.js'
import type { FileRead, Snapshot, SnapshotStats } from './snapshot.js'

/**
 * What every snapshot shares: a sorted listing with membership, prefix ranges and text reads on
 * top of `read`. Implementations (work tree, git tree, memory, filtered view) supply the listing,
 * `read` and `stats`.
 */
export abstract class ListedSnapshot implements Snapshot {
  abstract readonly label: string
  abstract readonly commit: string | null
  private list: readonly string[] = []
  private set: ReadonlySet<string> = new Set()

  /** Sets the listing; `sorted` must already be sorted. */
  protected setListing(sorted: readonly string[]): void {
    this.list = sorted
    this.set = new Set(sorted)
  }

  files(): readonly string[] {
    return this.list
  }

  has(path: string): boolean {
    return this.set.has(path)
  }

  under(dir: string): readonly string[] {
    if (dir === '') return this.list
    return rangeWithPrefix(this.list, dir.endsWith('/') ? dir : dir + '/')
  }

  text(path: string): string | undefined {
    const r = this.read(path)
    return r.kind === 'text' ? r.text : undefined
  }

  abstract read(path: string): FileRead
  abstract stats(): SnapshotStats
}
