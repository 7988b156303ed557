import { DEFAULT_MAX_FILE_BYTES, type FileRead, type Snapshot, type SnapshotStats } from './snapshot.js'

/**
 * A snapshot held in memory: used by unit tests (check tables) and by anything that already has
 * file contents. Same semantics as the disk snapshots (size cap, binary detection, sorted list).
 */
export class MemorySnapshot implements Snapshot {
  readonly label: string
  readonly commit: string | null
  private readonly contents: Map<string, string | Uint8Array>
  private readonly sorted: string[]
  private readonly stat: SnapshotStats

  constructor(files: Record<string, string | Uint8Array>, opts: { label?: string; commit?: string | null; maxFileBytes?: number } = {}) {
    this.label = opts.label ?? '.'
    this.commit = opts.commit ?? null
    this.contents = new Map(Object.entries(files))
    this.sorted = [...this.contents.keys()].sort()
    this.cap = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
    this.stat = { files: this.sorted.length, reads: 0, bytesRead: 0, tooLarge: [], binary: 0, unsafe: [], ignored: 0 }
  }

  private readonly cap: number

  files(): readonly string[] {
    return this.sorted
  }

  has(path: string): boolean {
    return this.contents.has(path)
  }

  read(path: string): FileRead {
    const c = this.contents.get(path)
    if (c === undefined) return { kind: 'missing' }
    const bytes = typeof c === 'string' ? Buffer.byteLength(c) : c.length
    if (bytes > this.cap) return { kind: 'too-large', size: bytes, cap: this.cap }
    if (typeof c !== 'string') {
      if (c.includes(0)) return { kind: 'binary', size: bytes }
      return { kind: 'text', text: Buffer.from(c).toString('utf8'), size: bytes }
    }
    if (c.includes('\0')) return { kind: 'binary', size: bytes }
    return { kind: 'text', text: c, size: bytes }
  }

  text(path: string): string | undefined {
    const r = this.read(path)
    return r.kind === 'text' ? r.text : undefined
  }

  under(dir: string): readonly string[] {
    if (dir === '') return this.sorted
    const prefix = dir.endsWith('/') ? dir : dir + '/'
    return this.sorted.filter((p) => p.startsWith(prefix))
  }

  stats(): SnapshotStats {
    return this.stat
  }
}
