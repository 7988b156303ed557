import type { FileRead } from './snapshot.js'

/**
 * Line splits of file texts, shared by every collector and every view of one snapshot. The
 * cache is keyed by the snapshot's own read result (held by the `FileRead` object itself), so a
 * file read once is split once however many collectors, checks and monorepo service views (which
 * hand out the same cached read) ask for its lines, and the split is freed with the snapshot.
 * A snapshot that returns a fresh object per read simply gets no sharing, never a stale answer.
 */

export type TextRead = Extract<FileRead, { kind: 'text' }>

export interface BoundedLines {
  /** At most `maxLines` lines, `\r` stripped, lines over `maxChars` blanked (numbering stays right). */
  readonly lines: readonly string[]
  /** How many lines were blanked for length. */
  readonly long: number
  /** Every line kept and none blanked: the same lines a plain split gives, when there is no `\r`. */
  readonly complete: boolean
}

/** Everything memoised on one read, held by the read itself (a property lookup, not a hash probe per question). */
interface Slots {
  bounded?: Map<string, BoundedLines>
  plain?: readonly string[]
  mentioned?: Map<readonly string[], boolean>
}

const SLOTS = Symbol('shipshape.read-memo')

function slotsOf(read: TextRead): Slots {
  const holder = read as TextRead & { [SLOTS]?: Slots }
  let s = holder[SLOTS]
  if (s === undefined) {
    s = {}
    // Not enumerable: spreads and JSON of a read never carry it.
    Object.defineProperty(holder, SLOTS, { value: s, enumerable: false })
  }
  return s
}


/**
 * The route scan's view of a text: split on `\n` (at most `maxLines` lines), a trailing `\r`
 * dropped, over-long (minified) lines blanked. Memoised per read and per bound pair.
 */
export function boundedLines(read: TextRead, maxLines: number, maxChars: number): BoundedLines {
  const slots = slotsOf(read)
  let byBounds = slots.bounded
  const key = `${maxLines}:${maxChars}`
  const hit = byBounds?.get(key)
  if (hit) return hit
  const out = read.text.split('\n', maxLines)
  let long = 0
  // A text no longer than the line cap and free of `\r` needs no per-line pass (the common case).
  const clean = read.text.length <= maxChars && !read.text.includes('\r')
  for (let i = 0; !clean && i < out.length; i++) {
    const l = out[i]!
    if (l.length > maxChars) {
      out[i] = ''
      long++
    } else if (l.endsWith('\r')) out[i] = l.slice(0, -1)
  }
  const result: BoundedLines = { lines: out, long, complete: long === 0 && out.length < maxLines }
  if (!byBounds) {
    byBounds = new Map()
    slots.bounded = byBounds
  }
  byBounds.set(key, result)
  return result
}

/** Every line of a text, split on `\n` or `\r\n` (the usage scan's view). Memoised per read. */
export function plainLines(read: TextRead): readonly string[] {
  const slots = slotsOf(read)
  let out = slots.plain
  if (!out) {
    out = reusableSplit(read) ?? read.text.split(/\r?\n/)
    slots.plain = out
  }
  return out
}

/**
 * The route scan's split of the same text when it is exactly the plain split (every line kept,
 * none blanked, no `\r`): one array of lines per file instead of two.
 */
function reusableSplit(read: TextRead): readonly string[] | undefined {
  const byBounds = slotsOf(read).bounded
  if (!byBounds) return undefined
  for (const b of byBounds.values()) if (b.complete && !read.text.includes('\r')) return b.lines
  return undefined
}


/**
 * Whether a text contains any of the tokens (plain substrings), memoised per read and token set:
 * the health-library and generator searches ask the same question of the same file again in
 * every monorepo service view.
 */
export function mentionsAny(read: TextRead, tokens: readonly string[]): boolean {
  // Keyed by the token list itself (catalogue lists are module constants): no string building.
  const slots = slotsOf(read)
  let byTokens = slots.mentioned
  const hit = byTokens?.get(tokens)
  if (hit !== undefined) return hit
  const found = anyOf(tokens).test(read.text)
  if (!byTokens) {
    byTokens = new Map()
    slots.mentioned = byTokens
  }
  byTokens.set(tokens, found)
  return found
}

const alternations = new WeakMap<readonly string[], RegExp>()

/** One literal alternation per token list: a single pass over a text instead of one per token. */
function anyOf(tokens: readonly string[]): RegExp {
  let re = alternations.get(tokens)
  if (!re) {
    re = tokens.length === 0 ? /(?!)/ : new RegExp(tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'))
    alternations.set(tokens, re)
  }
  return re
}
