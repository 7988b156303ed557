import { ListedSnapshot } from './listed-snapshot.js'
import { DEFAULT_MAX_FILE_BYTES, type FileRead, type SnapshotStats } from './snapshot.js'

/**
 * A snapshot held in memory: used by unit tests (check tables) and by anything that already has
 * file contents. Same semantics as the disk snapshots (size cap, binary detection, sorted list,
 * cached reads).
 */
export class MemorySnapshot extends ListedSnapshot {
  readonly label: string
  readonly commit: string | null
  private readonly contents: Map<string, string | Uint8Array>
  private readonly cache = new Map<string, FileRead>()
  private readonly cap: number
  private readonly stat: SnapshotStats

  constructor(files: Record<string, string | Uint8Array>, opts: { label?: string; commit?: string | null; maxFileBytes?: number } = {}) {
    super()
    this.label = opts.label ?? '.'
    this.commit = opts.commit ?? null
    this.contents = new Map(Object.entries(files))
    this.setListing([...this.contents.keys()].sort())
    this.cap = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
    this.stat = { files: this.contents.size, reads: 0, bytesRead: 0, tooLarge: [], binary: 0, unsafe: [], ignored: 0 }
  }

  read(path: string): FileRead {
    let r = this.cache.get(path)
    if (r === undefined) {
      r = this.load(path)
      this.cache.set(path, r)
    }
    return r
  }

  private load(path: string): FileRead {
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

  stats(): SnapshotStats {
    return this.stat
  }
}
