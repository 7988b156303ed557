/**
 * The one way Shipshape reads a repository. A snapshot is a read-only view of a tree of files at
 * one point in time: the working tree (WorkTreeSnapshot) or a git commit (a second implementation
 * reads git objects for the PR-base comparison). Paths are repo-relative, POSIX, never starting
 * with `/` or containing `..`.
 */
export type FileRead =
  | { readonly kind: 'text'; readonly text: string; readonly size: number }
  | { readonly kind: 'binary'; readonly size: number }
  | { readonly kind: 'too-large'; readonly size: number; readonly cap: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'error'; readonly message: string }

export interface SnapshotStats {
  /** Files listed after ignore globs. */
  files: number
  /** Files whose content was read (cache misses). */
  reads: number
  bytesRead: number
  /** Files skipped because they exceed the size cap (path and size). */
  tooLarge: { path: string; size: number }[]
  binary: number
  /** Entries left out because they are symlinks leaving the root, cycles or special files. */
  unsafe: string[]
  /** Files left out by config `ignore` globs. */
  ignored: number
}

export interface Snapshot {
  /** What to show as the root in reports ("." for the scanned directory). */
  readonly label: string
  /** Commit SHA of what is scanned, when known. */
  readonly commit: string | null
  /** Every tracked file, sorted, after ignore globs. */
  files(): readonly string[]
  has(path: string): boolean
  /** Cached; never throws. */
  read(path: string): FileRead
  /** The text of a file, or undefined when it is missing, binary, too large or unreadable. */
  text(path: string): string | undefined
  /** Files directly or indirectly under a directory ('' for the root). */
  under(dir: string): readonly string[]
  stats(): SnapshotStats
}

/** Default per-file read cap: 2 MiB. Larger files are skipped and counted. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024

/** Heuristic binary detection: a NUL byte in the first 8 KiB. */
export function looksBinary(buf: Uint8Array): boolean {
  // Buffer#indexOf is a native byte search: ~10x a JavaScript loop over every small file.
  return Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 8192)).indexOf(0) >= 0
}
