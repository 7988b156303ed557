import { rangeWithPrefix, type FileRead, type Snapshot, type SnapshotStats } from './snapshot.js'

/**
 * A view of another snapshot restricted to some files (a monorepo service's directory plus the
 * repository-wide CI and task files). Reads go to the underlying snapshot, so its cache serves
 * every view and nothing is read twice.
 */
export class FilteredSnapshot implements Snapshot {
  readonly label: string
  readonly commit: string | null
  private readonly list: string[]
  private readonly set: Set<string>

  /**
   * `candidates`, when given, is a sorted subset of the base's files known to hold every file
   * `keep` accepts (a service's subtree plus the shared files): filtering it instead of the whole
   * listing keeps one view per service linear in the service's size, not the repository's.
   */
  constructor(private readonly base: Snapshot, keep: (path: string) => boolean, candidates?: readonly string[]) {
    this.label = base.label
    this.commit = base.commit
    this.list = (candidates ?? base.files()).filter(keep)
    this.set = new Set(this.list)
  }

  files(): readonly string[] {
    return this.list
  }

  has(path: string): boolean {
    return this.set.has(path)
  }

  read(path: string): FileRead {
    return this.set.has(path) ? this.base.read(path) : { kind: 'missing' }
  }

  text(path: string): string | undefined {
    return this.set.has(path) ? this.base.text(path) : undefined
  }

  under(dir: string): readonly string[] {
    if (dir === '') return this.list
    const prefix = dir.endsWith('/') ? dir : dir + '/'
    return rangeWithPrefix(this.list, prefix)
  }

  stats(): SnapshotStats {
    return this.base.stats()
  }
}
