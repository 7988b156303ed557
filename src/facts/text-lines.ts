import type { FileRead } from './snapshot.js'

/**
 * How collectors see a file's text: line splits (the route scan's bounded view, the usage scan's
 * plain one) and a one-pass test for tokens. Plain functions: each collector keeps the lines it
 * asks for again (the route scan's source set, the usage index), and nothing is shared between
 * collectors, monorepo views or the PR base (sharing splits on the read measured no gain on the
 * corpus).
 */

export type TextRead = Extract<FileRead, { kind: 'text' }>

export interface BoundedLines {
  /** At most `maxLines` lines, `\r` stripped, lines over `maxChars` blanked (numbering stays right). */
  readonly lines: readonly string[]
  /** How many lines were blanked for length. */
  readonly long: number
  /** Every line kept and none blanked. */
  readonly complete: boolean
}

/**
 * The route scan's view of a text: split on `\n` (at most `maxLines` lines), a trailing `\r`
 * dropped, over-long (minified) lines blanked.
 */
export function boundedLines(read: TextRead, maxLines: number, maxChars: number): BoundedLines {
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
  return { lines: out, long, complete: long === 0 && out.length < maxLines }
}

/** Every line of a text, split on `\n` or `\r\n` (the usage scan's view). */
export function plainLines(read: TextRead): readonly string[] {
  return read.text.split(/\r?\n/)
}

/** Whether a text contains any of the tokens (plain substrings), in one pass over it. */
export function mentionsAny(read: TextRead, tokens: readonly string[]): boolean {
  return anyOf(tokens).test(read.text)
}

const alternations = new WeakMap<readonly string[], RegExp>()

/** One literal alternation per token list (catalogue lists are module constants): a single pass over a text instead of one per token. */
function anyOf(tokens: readonly string[]): RegExp {
  let re = alternations.get(tokens)
  if (!re) {
    re = tokens.length === 0 ? /(?!)/ : new RegExp(tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'))
    alternations.set(tokens, re)
  }
  return re
}
