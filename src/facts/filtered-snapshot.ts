import type { FileRead, Snapshot, SnapshotStats } from './snapshot.js'

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

  constructor(private readonly base: Snapshot, keep: (path: string) => boolean) {
    this.label = base.label
    this.commit = base.commit
    this.list = base.files().filter(keep)
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
    return this.list.filter((p) => p.startsWith(prefix))
  }

  stats(): SnapshotStats {
    return this.base.stats()
  }
}
