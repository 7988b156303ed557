/**
 * A bounded tokenizer for Rust source, enough for the route scan: identifiers, string literals
 * (plain, raw `r#"…"#`, byte), punctuation (with `::`, `=>`, `->` and `..` kept whole), numbers,
 * lifetimes and char literals told apart, comments (nested block comments too) dropped. One pass
 * over the characters; a hostile text costs at most `maxTokens` tokens, after which it stops.
 */

export type TokKind = 'id' | 'str' | 'punct' | 'num' | 'char' | 'life'

export interface Tok {
  readonly k: TokKind
  /** The identifier, the string's value (escapes resolved), or the punctuation. */
  readonly v: string
  /** 1-based line where the token starts. */
  readonly line: number
}

/** Tokens read from one file at most: a larger file is generated and cut there. */
export const MAX_TOKENS = 400_000
/** Characters kept of a string literal's value (paths are short). */
const MAX_STR = 400

const TWO = new Set(['::', '=>', '->', '..', '==', '!=', '<=', '>=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '^=', '&=', '|='])

const TWO_FIRST = new Set([...TWO].map((t) => t.charCodeAt(0)))

const isIdStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127
const isIdChar = (c: number): boolean => isIdStart(c) || (c >= 48 && c <= 57)
const isDigit = (c: number): boolean => c >= 48 && c <= 57

export function lexRust(text: string, maxTokens = MAX_TOKENS): Tok[] {
  const out: Tok[] = []
  const n = text.length
  let i = 0
  let line = 1
  const push = (k: TokKind, v: string, at: number): void => {
    out.push({ k, v, line: at })
  }
  while (i < n && out.length < maxTokens) {
    const c = text.charCodeAt(i)
    if (c === 10) {
      line++
      i++
      continue
    }
    if (c === 32 || c === 9 || c === 13) {
      i++
      continue
    }
    // Comments.
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const end = text.indexOf('\n', i)
      i = end < 0 ? n : end
      continue
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      let depth = 1
      i += 2
      while (i < n && depth > 0) {
        const d = text.charCodeAt(i)
        if (d === 10) line++
        if (d === 47 && text.charCodeAt(i + 1) === 42) {
          depth++
          i += 2
        } else if (d === 42 && text.charCodeAt(i + 1) === 47) {
          depth--
          i += 2
        } else i++
      }
      continue
    }
    // Raw strings r"…", r#"…"#, br"…"; byte strings b"…"; raw identifiers r#ident.
    if ((c === 114 || c === 98) && i + 1 < n) {
      const j = i + (c === 98 && text.charCodeAt(i + 1) === 114 ? 2 : c === 114 ? 1 : 0)
      if (j > i) {
        let hashes = 0
        while (text.charCodeAt(j + hashes) === 35) hashes++
        if (text.charCodeAt(j + hashes) === 34) {
          const close = '"' + '#'.repeat(hashes)
          const start = j + hashes + 1
          const end = text.indexOf(close, start)
          const stop = end < 0 ? n : end
          const at = line
          line += countLines(text, start, stop)
          push('str', text.slice(start, Math.min(stop, start + MAX_STR)), at)
          i = end < 0 ? n : end + close.length
          continue
        }
        if (c === 114 && hashes === 1 && isIdStart(text.charCodeAt(j + 1))) {
          let k = j + 1
          while (k < n && isIdChar(text.charCodeAt(k))) k++
          push('id', text.slice(j + 1, k), line)
          i = k
          continue
        }
      }
      if (c === 98 && text.charCodeAt(i + 1) === 34) {
        i++
        continue
      }
      if (c === 98 && text.charCodeAt(i + 1) === 39) {
        i++
        continue
      }
    }
    if (c === 34) {
      const at = line
      let v = ''
      let j = i + 1
      for (; j < n; j++) {
        const d = text.charCodeAt(j)
        if (d === 34) break
        if (d === 10) line++
        if (d === 92) {
          const e = text[j + 1] ?? ''
          if (e === '\n') line++
          else if (v.length < MAX_STR) v += e === 'n' ? '\n' : e === 't' ? '\t' : e
          j++
          continue
        }
        if (v.length < MAX_STR) v += text[j]
      }
      push('str', v, at)
      i = j + 1
      continue
    }
    if (c === 39) {
      // 'x', '\n', '\u{..}' are chars; 'a (no closing quote right after) is a lifetime or label.
      if (text.charCodeAt(i + 1) === 92) {
        const end = text.indexOf("'", i + 3)
        const stop = end < 0 || end - i > 12 ? i + 2 : end + 1
        push('char', text.slice(i + 1, stop - 1), line)
        i = stop
        continue
      }
      if (i + 2 < n && text.charCodeAt(i + 2) === 39 && text.charCodeAt(i + 1) !== 10) {
        push('char', text[i + 1]!, line)
        i += 3
        continue
      }
      const cp = text.codePointAt(i + 1) ?? 0
      const w = cp > 0xffff ? 2 : 1
      if (cp > 127 && text.charCodeAt(i + 1 + w) === 39) {
        push('char', text.slice(i + 1, i + 1 + w), line)
        i += 2 + w
        continue
      }
      let k = i + 1
      while (k < n && isIdChar(text.charCodeAt(k))) k++
      push('life', text.slice(i + 1, k), line)
      i = Math.max(k, i + 1)
      continue
    }
    if (isIdStart(c)) {
      let k = i + 1
      while (k < n && isIdChar(text.charCodeAt(k))) k++
      push('id', text.slice(i, k), line)
      i = k
      continue
    }
    if (isDigit(c)) {
      let k = i + 1
      while (k < n && (isIdChar(text.charCodeAt(k)) || (text.charCodeAt(k) === 46 && isDigit(text.charCodeAt(k + 1))))) k++
      push('num', text.slice(i, k), line)
      i = k
      continue
    }
    // Two-character punctuation is looked up only after a character that can start one.
    if (TWO_FIRST.has(c)) {
      const two = text.slice(i, i + 2)
      if (TWO.has(two)) {
        // `..=` stays `..` then `=`: ranges are never routes.
        push('punct', two, line)
        i += 2
        continue
      }
    }
    push('punct', text[i]!, line)
    i++
  }
  return out
}

function countLines(text: string, from: number, to: number): number {
  let n = 0
  for (let k = text.indexOf('\n', from); k >= 0 && k < to; k = text.indexOf('\n', k + 1)) n++
  return n
}
