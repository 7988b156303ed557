/**
 * Memoises a pure function of a repo-relative path. Path classification (excluded tree? test
 * code? which ecosystem?) is asked by several collectors for every file of a large repository;
 * answering from a map makes that cost one pass. The cache is bounded: past `max` entries it
 * starts over, so memory stays proportional to one repository's listing.
 */
export function memoByPath<T>(fn: (path: string) => T, max = 500_000): (path: string) => T {
  let cache = new Map<string, T>()
  return (path: string): T => {
    const hit = cache.get(path)
    if (hit !== undefined || cache.has(path)) return hit as T
    const value = fn(path)
    if (cache.size >= max) cache = new Map()
    cache.set(path, value)
    return value
  }
}
