/**
 * Parsers for git's plumbing output, shared by the git-tree snapshot and the PR-base worker.
 * Each function is self-contained (no imports, no outer names but each other's): the worker runs
 * their source text.
 */

export interface TreeEntry {
  readonly mode: string
  readonly type: string
  readonly sha: string
  readonly path: string
}

/** Records of `git ls-tree -r -z`: "<mode> <type> <sha>\t<path>\0" each. */
export function treeEntries(out: string): TreeEntry[] {
  const entries: TreeEntry[] = []
  for (const rec of out.split('\0')) {
    const tab = rec.indexOf('\t')
    const sp1 = rec.indexOf(' ')
    const sp2 = rec.indexOf(' ', sp1 + 1)
    if (tab < 0 || sp1 < 0 || sp2 < 0 || sp2 > tab) continue
    const sha = rec.slice(sp2 + 1, tab)
    if (sha) entries.push({ mode: rec.slice(0, sp1), type: rec.slice(sp1 + 1, sp2), sha, path: rec.slice(tab + 1) })
  }
  return entries
}

/** Per input line of `git cat-file --batch-check`: the blob size, 'missing', or null when unreadable. */
export function batchSizes(out: string, count: number): (number | 'missing' | null)[] {
  const lines = out.split('\n')
  const sizes: (number | 'missing' | null)[] = []
  for (let i = 0; i < count; i++) {
    const [, type, size] = (lines[i] ?? '').split(' ')
    sizes.push(type === 'missing' ? 'missing' : size !== undefined && Number.isFinite(Number(size)) ? Number(size) : null)
  }
  return sizes
}

/** The blobs of `git cat-file --batch` output, in input order, up to the first record that does not parse. */
export function batchContents(buf: Uint8Array, count: number): Uint8Array[] {
  const out: Uint8Array[] = []
  let off = 0
  for (let i = 0; i < count; i++) {
    const nl = buf.indexOf(0x0a, off)
    if (nl < 0) break
    const header = new TextDecoder().decode(buf.subarray(off, nl)).split(' ')
    const size = Number(header[2])
    if (header[1] !== 'blob' || !Number.isFinite(size) || nl + 1 + size > buf.length) break
    out.push(buf.subarray(nl + 1, nl + 1 + size))
    off = nl + 1 + size + 1
  }
  return out
}
