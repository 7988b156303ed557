/**
 * Numbers and nouns in the text Shipshape writes: `1,621 tags`, `1 file`, `2 files`, `2 MiB`.
 * Pure and locale-fixed, so every report reads the same wherever it is made.
 */

/**
 * `1,234`: numbers in prose are easier to read with separators. Integers are grouped by hand: the
 * first `toLocaleString` call loads the ICU locale data, about 15 ms of every scan.
 */
export function count(n: number): string {
  if (Number.isSafeInteger(n)) return String(n).replace(/\B(?=(\d{3})+$)/g, ',')
  return n.toLocaleString('en-US')
}

/** `1 file`, `2 files`, `1 entry`/`3 entries` (pass the plural when it is not the noun plus `s`). */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${count(n)} ${n === 1 ? noun : many}`
}

/** `512 B`, `2 MiB`, `1.5 KiB`: whole units without a decimal. */
export function bytes(n: number): string {
  const unit = (v: number, u: string): string => `${Number.isInteger(v) ? v : v.toFixed(1)} ${u}`
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return unit(Math.round((n / 1024) * 10) / 10, 'KiB')
  return unit(Math.round((n / 1024 / 1024) * 10) / 10, 'MiB')
}

/** `a`, `a and b`, `a, b and c`, `a, b, c and 4 more`. */
export function listed(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max)
  const more = items.length - shown.length
  if (more > 0) return `${shown.join(', ')} and ${count(more)} more`
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
}
