import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs'
import { sep } from 'node:path'

/** Reading one repository file without ever leaving the root: the work tree snapshot's one read routine. */

/** What a read found, before text decoding. */
export type RawRead =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'refused'; readonly why: string }
  | { readonly kind: 'error'; readonly message: string }

/**
 * Reads `path` (repo-relative, POSIX) under `rootReal` (a real path). Parent directories are
 * resolved once each (cached in `dirs`) and must stay inside the root; the file is opened with
 * O_NOFOLLOW (a symlink is then resolved and checked like a directory) and O_NONBLOCK (a FIFO
 * never blocks), must be a regular file and at most `cap` bytes.
 */
export function safeRead(rootReal: string, path: string, cap: number, dirs: Map<string, string>): RawRead {
  const inside = (real: string): boolean => real === rootReal || real.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep)
  const under = (base: string, rel: string): string => (base.endsWith(sep) ? base : base + sep) + rel.split('/').join(sep)
  const flags = constants.O_RDONLY | constants.O_NONBLOCK
  let fd: number
  try {
    const slash = path.lastIndexOf('/')
    let dir = rootReal
    if (slash >= 0) {
      const rel = path.slice(0, slash)
      const known = dirs.get(rel)
      dir = known ?? realpathSync.native(under(rootReal, rel))
      if (known === undefined) dirs.set(rel, dir)
    }
    if (!inside(dir)) return { kind: 'refused', why: 'symlink leaves the repository' }
    const file = under(dir, path.slice(slash + 1))
    try {
      fd = openSync(file, flags | constants.O_NOFOLLOW)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOOP') throw err
      const real = realpathSync.native(file)
      if (!inside(real)) return { kind: 'refused', why: 'symlink leaves the repository' }
      fd = openSync(real, flags)
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' }
    if (code === 'ELOOP') return { kind: 'refused', why: 'symlink cycle' }
    return { kind: 'error', message: code ?? String(err) }
  }
  return readOpen(fd, cap)
}

/** Reads an open file descriptor (closing it): a regular file of at most `cap` bytes. */
export function readOpen(fd: number, cap: number): RawRead {
  try {
    const st = fstatSync(fd)
    if (!st.isFile()) return { kind: 'refused', why: 'not a regular file' }
    if (st.size > cap) return { kind: 'too-large', size: st.size }
    const buf = Buffer.allocUnsafe(st.size)
    let off = 0
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off)
      if (n === 0) break
      off += n
    }
    return { kind: 'bytes', bytes: off === st.size ? buf : buf.subarray(0, off) }
  } catch (err) {
    return { kind: 'error', message: (err as NodeJS.ErrnoException).code ?? String(err) }
  } finally {
    closeSync(fd)
  }
}
