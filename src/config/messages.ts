/**
 * Small helpers for config messages: quoting a bad value (bounded, whatever its size or shape)
 * and suggesting the closest allowed name for a misspelling.
 */

const MAX_SHOWN = 60

/**
 * Quotes a value for a message: strings in double quotes, lists and mappings abbreviated.
 * Bounded in time and length even for a YAML alias "bomb" (shared sub-trees are never expanded
 * past the character budget).
 */
export function show(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value'
  if (typeof value === 'string') return quote(value)
  const out = { text: '', full: false }
  write(value, out, 0)
  return out.full ? out.text.slice(0, MAX_SHOWN) + '…' : out.text
}

/** A string in double quotes, cut to MAX_SHOWN characters with an ellipsis inside the quotes. */
function quote(text: string): string {
  return text.length > MAX_SHOWN ? JSON.stringify(text.slice(0, MAX_SHOWN)).slice(0, -1) + '…"' : JSON.stringify(text)
}

function write(value: unknown, out: { text: string; full: boolean }, depth: number): void {
  if (out.full) return
  const add = (s: string): void => {
    out.text += s
    if (out.text.length > MAX_SHOWN) out.full = true
  }
  if (typeof value === 'string') add(quote(value))
  else if (value instanceof Date) add(Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString())
  else if (Array.isArray(value)) {
    if (depth > 2) return add('[…]')
    add('[')
    for (let i = 0; i < value.length && !out.full; i++) {
      if (i > 0) add(', ')
      write(value[i], out, depth + 1)
    }
    add(']')
  } else if (typeof value === 'object' && value !== null) {
    if (depth > 2) return add('{…}')
    add('{')
    let first = true
    for (const key in value) {
      if (out.full) break
      if (!Object.hasOwn(value, key)) continue
      if (!first) add(', ')
      first = false
      add(`${key}: `)
      write((value as Record<string, unknown>)[key], out, depth + 1)
    }
    add('}')
  } else add(String(value))
}

/** Lower-case, `_` and spaces as `-`, camelCase split: `minScore` and `min_score` become `min-score`. */
function canonical(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[_\s]+/g, '-')
}

/** Optimal string alignment distance (Levenshtein plus adjacent transposition), stopping early past `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let prevPrev: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2] + 1)
      row.push(d)
      rowMin = Math.min(rowMin, d)
    }
    if (rowMin > limit) return limit + 1
    prevPrev = prev
    prev = row
  }
  return prev[b.length]
}

/** The allowed name closest to `given`, if it is close enough to be a likely typo. */
export function closest(given: string, allowed: readonly string[]): string | null {
  if (given.length > 100) return null
  const g = canonical(given)
  let best: string | null = null
  let bestDistance = Infinity
  for (const name of allowed) {
    const limit = name.length >= 5 ? 2 : 1
    const d = distance(g, canonical(name), limit)
    if (d <= limit && d < bestDistance) {
      best = name
      bestDistance = d
    }
  }
  return best
}

/** ` (did you mean "x"?)` or nothing. */
export function didYouMean(given: string, allowed: readonly string[]): string {
  const near = closest(given, allowed)
  return near === null ? '' : ` (did you mean "${near}"?)`
}

/** Dot path with list indices: `waivers[0].expires`, `checks.ci-lint.weight`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`
  return base === '' ? key : `${base}.${key}`
}
