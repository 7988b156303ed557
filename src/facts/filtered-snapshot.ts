import { ListedSnapshot } from './listed-snapshot.js'
import type { FileRead, Snapshot, SnapshotStats } from './snapshot.js'

/**
 * A view of another snapshot restricted to some files (a monorepo service's directory plus the
 * repository-wide CI and task files). Reads go to the underlying snapshot, so its cache serves
 * every view and nothing is read twice.
 */
export class FilteredSnapshot extends ListedSnapshot {
  readonly label: string
  readonly commit: string | null

  /**
   * `candidates`, when given, is a sorted subset of the base's files known to hold every file
   * `keep` accepts (a service's subtree plus the shared files): filtering it instead of the whole
   * listing keeps one view per service linear in the service's size, not the repository's.
   */
  constructor(private readonly base: Snapshot, keep: (path: string) => boolean, candidates?: readonly string[], label?: string) {
    super()
    this.label = label ?? base.label
    this.commit = base.commit
    this.setListing((candidates ?? base.files()).filter(keep))
  }

  read(path: string): FileRead {
    return this.has(path) ? this.base.read(path) : { kind: 'missing' }
  }

  /** The base's counters (reads go through it), with this view's own file count. */
  stats(): SnapshotStats {
    return { ...this.base.stats(), files: this.files().length }
  }
}
