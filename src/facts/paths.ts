/** Repository paths: repo-relative, POSIX, never starting with `/` or containing `..`. Pure string work, no reads. */

export function dirname(path: string): string {
  const i = path.lastIndexOf('/')
  return i < 0 ? '' : path.slice(0, i)
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

export function joinPath(dir: string, rel: string): string | undefined {
  const parts = dir === '' ? [] : dir.split('/')
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      if (parts.length === 0) return undefined
      parts.pop()
    } else parts.push(seg)
  }
  return parts.join('/')
}

/** The files of a sorted list that start with `prefix`: one binary search, then the contiguous run. */
export function rangeWithPrefix(sorted: readonly string[], prefix: string): string[] {
  const lo = lowerBound(sorted, prefix)
  const out: string[] = []
  for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) out.push(sorted[i]!)
  return out
}

/** The first index of a sorted list whose entry is not below `key` (a binary search). */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}
