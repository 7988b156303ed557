/**
 * Memoises a pure function of a path's directory (`a/b` for `a/b/c.py`, '' for a root file).
 * Path classification (excluded tree? test code?) is asked by several collectors for every file
 * of a large repository; the cache is bounded (past `max` directories it starts over).
 * A repository has far fewer directories than files, and collectors walk sorted listings, so the
 * last directory answers almost every call with two string comparisons and no allocation; other
 * directories come from a small map.
 */
export function memoByDir<T>(fn: (dir: string) => T, max = 200_000): (path: string) => T {
  let cache = new Map<string, T>()
  let lastDir: string | undefined
  let lastValue: T | undefined
  return (path: string): T => {
    const slash = path.lastIndexOf('/')
    if (lastDir !== undefined && slash === lastDir.length && path.startsWith(lastDir)) return lastValue as T
    const dir = slash < 0 ? '' : path.slice(0, slash)
    let value = cache.get(dir)
    if (value === undefined && !cache.has(dir)) {
      value = fn(dir)
      if (cache.size >= max) cache = new Map()
      cache.set(dir, value)
    }
    lastDir = dir
    lastValue = value
    return value as T
  }
}
