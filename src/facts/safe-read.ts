/**
 * Reading one repository file without ever leaving the root: the one read routine of the work
 * tree snapshot, run on the main thread and, unchanged, inside the read-ahead worker. It is a
 * single self-contained function (its only inputs are its parameters) because the worker runs
 * its source text: it may not refer to anything imported.
 */

/** What a read found, before text decoding. */
export type RawRead =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'refused'; readonly why: string }
  | { readonly kind: 'error'; readonly message: string }

/** The parts of `node:fs` the read uses (passed in, so the worker can hand over its own). */
export type ReadFs = Pick<typeof import('node:fs'), 'openSync' | 'fstatSync' | 'readSync' | 'closeSync' | 'realpathSync' | 'constants'>

/**
 * Reads `path` (repo-relative, POSIX) under `rootReal` (a real path). Parent directories are
 * resolved once each (cached in `dirs`) and must stay inside the root; the file is opened with
 * O_NOFOLLOW (a symlink is then resolved and checked like a directory) and O_NONBLOCK (a FIFO
 * never blocks), must be a regular file and at most `cap` bytes. `alloc` makes the buffer (the
 * worker needs one that owns its memory, to transfer it).
 */
export function safeRead(fs: ReadFs, sep: string, rootReal: string, path: string, cap: number, dirs: Map<string, string>, alloc: (n: number) => Uint8Array): RawRead {
  const inside = (real: string): boolean => real === rootReal || real.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep)
  const under = (base: string, rel: string): string => (base.endsWith(sep) ? base : base + sep) + rel.split('/').join(sep)
  const flags = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK
  let fd: number
  try {
    const slash = path.lastIndexOf('/')
    let dir = rootReal
    if (slash >= 0) {
      const rel = path.slice(0, slash)
      const known = dirs.get(rel)
      dir = known ?? fs.realpathSync.native(under(rootReal, rel))
      if (known === undefined) dirs.set(rel, dir)
    }
    if (!inside(dir)) return { kind: 'refused', why: 'symlink leaves the repository' }
    const file = under(dir, path.slice(slash + 1))
    try {
      fd = fs.openSync(file, flags | fs.constants.O_NOFOLLOW)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOOP') throw err
      const real = fs.realpathSync.native(file)
      if (!inside(real)) return { kind: 'refused', why: 'symlink leaves the repository' }
      fd = fs.openSync(real, flags)
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' }
    if (code === 'ELOOP') return { kind: 'refused', why: 'symlink cycle' }
    return { kind: 'error', message: code ?? String(err) }
  }
  try {
    const st = fs.fstatSync(fd)
    if (!st.isFile()) return { kind: 'refused', why: 'not a regular file' }
    if (st.size > cap) return { kind: 'too-large', size: st.size }
    const buf = alloc(st.size)
    let off = 0
    while (off < st.size) {
      const n = fs.readSync(fd, buf, off, st.size - off, off)
      if (n === 0) break
      off += n
    }
    return { kind: 'bytes', bytes: off === st.size ? buf : buf.subarray(0, off) }
  } catch (err) {
    return { kind: 'error', message: (err as NodeJS.ErrnoException).code ?? String(err) }
  } finally {
    fs.closeSync(fd)
  }
}
