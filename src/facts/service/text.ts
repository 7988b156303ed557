/**
 * Small, bounded readers for source text: a string literal at a position, one call argument, a
 * keyword argument. No regular expression here can backtrack: each reader walks the characters
 * once, and every walk is capped, so a hostile line costs at most a few thousand steps.
 */

/** Longest expression (in characters) a reader follows. */
const MAX_EXPR = 400

export interface Literal {
  readonly value: string
  /** Index just after the closing quote. */
  readonly end: number
  /** A template (`f"…{x}…"`, JS `` `…${x}…` ``): the value still holds the placeholders. */
  readonly template: boolean
}

/** Reads a string literal starting at `from` (after spaces), with Python prefixes `r`, `f`, `b`, `u`. */
export function readLiteral(s: string, from: number): Literal | undefined {
  let i = from
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++
  let fstring = false
  for (let k = 0; k < 2 && i < s.length && /[rRfFbBuU]/.test(s[i]!); k++) {
    if (s[i] === 'f' || s[i] === 'F') fstring = true
    i++
  }
  const q = s[i]
  if (q !== '"' && q !== "'" && q !== '`') return undefined
  let out = ''
  const limit = Math.min(s.length, i + 1 + MAX_EXPR)
  for (let j = i + 1; j < limit; j++) {
    const c = s[j]!
    if (c === '\\') {
      out += s[j + 1] ?? ''
      j++
      continue
    }
    if (c === q) return { value: out, end: j + 1, template: (q === '`' && out.includes('${')) || (fstring && out.includes('{')) }
    out += c
  }
  return undefined
}

/**
 * Reads one argument expression from `from` up to the next `,` or closing bracket at depth 0,
 * skipping over strings. Returns the trimmed text and the index where it stopped.
 */
export function readArg(s: string, from: number): { text: string; end: number } {
  let depth = 0
  let i = from
  const limit = Math.min(s.length, from + MAX_EXPR)
  for (; i < limit; i++) {
    const c = s[i]!
    if (c === '"' || c === "'" || c === '`') {
      const lit = readLiteral(s, i)
      if (!lit) break
      i = lit.end - 1
      continue
    }
    if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) break
      depth--
    } else if (c === ',' && depth === 0) break
  }
  return { text: s.slice(from, i).trim(), end: i }
}

/**
 * The index just after the bracket closing the one at `open` (any of `(`, `[`, `{`, nested ones
 * counted, strings skipped), or the text's length when it never closes. Unlike readArg it has no
 * length cap: for a block whose content is walked (a route config's children), not an expression.
 */
export function closingBracket(s: string, open: number): number {
  let depth = 0
  for (let i = open; i < s.length; i++) {
    const c = s[i]!
    if (c === '"' || c === "'" || c === '`') {
      const lit = readLiteral(s, i)
      if (!lit) return s.length
      i = lit.end - 1
    } else if (c === '(' || c === '[' || c === '{') depth++
    else if ((c === ')' || c === ']' || c === '}') && --depth === 0) return i + 1
  }
  return s.length
}

/** The arguments of a call whose `(` is at `open`, as trimmed texts (at most 12). */
export function callArgs(s: string, open: number): string[] {
  const out: string[] = []
  let i = open + 1
  while (i < s.length && out.length < 12) {
    const { text, end } = readArg(s, i)
    if (text !== '') out.push(text)
    if (end >= s.length || s[end] !== ',') break
    i = end + 1
  }
  return out
}

const IDENT = /[A-Za-z0-9_$]/

/**
 * The value of keyword argument `name` (`name=…` in Python, `name: …` in JS objects) inside a call
 * text, or undefined. The name must not be the tail of a longer identifier.
 */
export function keywordArg(s: string, name: string): string | undefined {
  let at = s.indexOf(name)
  while (at >= 0) {
    const before = at === 0 ? '' : s[at - 1]!
    let j = at + name.length
    while (s[j] === ' ') j++
    const sep = s[j]
    if (!IDENT.test(before) && (sep === '=' || sep === ':') && s[j + 1] !== '=') {
      return readArg(s, j + 1).text
    }
    at = s.indexOf(name, at + name.length)
  }
  return undefined
}

/** Net bracket depth change of a line, ignoring strings and `#`/`//` comments. */
export function bracketDelta(line: string): number {
  let d = 0
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (c === '"' || c === "'" || c === '`') {
      const lit = readLiteral(line, i)
      if (!lit) return d
      i = lit.end - 1
    } else if (c === '#' || (c === '/' && line[i + 1] === '/')) return d
    else if (c === '(' || c === '[' || c === '{') d++
    else if (c === ')' || c === ']' || c === '}') d--
  }
  return d
}

/**
 * The text of a call starting on line `i` at `col`, joined over following lines until its
 * brackets balance (at most 40 lines or 4,000 characters).
 */
export function callText(lines: readonly string[], i: number, col: number): string {
  let text = lines[i]!.slice(col)
  let depth = bracketDelta(text)
  for (let k = i + 1; depth > 0 && k < lines.length && k < i + 40 && text.length < 4000; k++) {
    text += ' ' + lines[k]!.trim()
    depth += bracketDelta(lines[k]!)
  }
  return text
}

/** A value that may be a resolved string or an expression Shipshape could not resolve. */
export type Resolved = { readonly value: string } | { readonly unknown: string }

/**
 * Resolves a path expression: a string literal, a template whose placeholders are constants, a
 * `+` concatenation of those, or a constant name. `lookup` returns a constant's value or undefined.
 */
export function resolveExpr(expr: string, lookup: (name: string) => string | undefined): Resolved {
  const text = expr.trim()
  if (text === '') return { value: '' }
  const parts = splitPlus(text)
  let out = ''
  for (const part of parts) {
    const lit = readLiteral(part, 0)
    if (lit && lit.end === part.length) {
      if (!lit.template) {
        out += lit.value
        continue
      }
      const filled = fillTemplate(lit.value, lookup)
      if (filled === undefined) return { unknown: text }
      out += filled
      continue
    }
    if (/^[A-Za-z_$][A-Za-z0-9_$.]*$/.test(part)) {
      const v = lookup(part)
      if (v === undefined) return { unknown: text }
      out += v
      continue
    }
    return { unknown: text }
  }
  return { value: out }
}

/**
 * A `+` concatenation whose head cannot be resolved but whose tail can (`cfg.RootPath + "/swagger/*any"`):
 * the head as written and the resolved tail, which must start with `/`. Undefined when the whole
 * expression resolves, nothing after the last unresolved part resolves, or the tail is not a path.
 */
export function knownSuffix(expr: string, lookup: (name: string) => string | undefined): { head: string; suffix: string } | undefined {
  const parts = splitPlus(expr.trim(), true)
  if (parts.length < 2) return undefined
  let from = parts.length
  while (from > 0 && 'value' in resolveExpr(parts[from - 1]!, lookup)) from--
  if (from === 0 || from === parts.length) return undefined
  const tail = resolveExpr(parts.slice(from).join(' + '), lookup)
  if (!('value' in tail) || !tail.value.startsWith('/') || tail.value === '/') return undefined
  return { head: parts.slice(0, from).join(' + '), suffix: tail.value }
}

/**
 * `+` operands outside literals. With `topLevel`, only at bracket depth 0 (`f(a + b) + "/x"` is two
 * operands), and an empty operand gives the text back whole.
 */
function splitPlus(text: string, topLevel = false): string[] {
  const out: string[] = []
  let start = 0
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '"' || c === "'" || c === '`') {
      const lit = readLiteral(text, i)
      if (!lit) return [text]
      i = lit.end - 1
    } else if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') depth--
    else if (c === '+' && (!topLevel || depth === 0)) {
      out.push(text.slice(start, i).trim())
      start = i + 1
    }
  }
  out.push(text.slice(start).trim())
  return topLevel && out.some((p) => p === '') ? [text] : out
}

function fillTemplate(t: string, lookup: (name: string) => string | undefined): string | undefined {
  let out = ''
  let i = 0
  while (i < t.length) {
    const dollar = t[i] === '$' && t[i + 1] === '{'
    if (t[i] === '{' || dollar) {
      const open = dollar ? i + 1 : i
      const close = t.indexOf('}', open)
      if (close < 0) return undefined
      const v = lookup(t.slice(open + 1, close).trim())
      if (v === undefined) return undefined
      out += v
      i = close + 1
    } else out += t[i++]
  }
  return out
}

/** Joins URL path parts with single slashes; the result starts with `/`. */
export function joinUrl(...parts: readonly string[]): string {
  let out = ''
  for (const p of parts) {
    if (p === '') continue
    const trimmed = p.startsWith('/') ? p : '/' + p
    out = out.endsWith('/') ? out.slice(0, -1) + trimmed : out + trimmed
  }
  return out === '' ? '/' : out
}

/** Indentation width of a line (tabs count as one). */
export function indentOf(line: string): number {
  let i = 0
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++
  return i
}

/**
 * The first group of each match of a global, multiline regular expression (a declaration such as
 * `func Name(` or `fn name`) with the 0-based line it is on, counted without splitting the text.
 */
export function matchLines(text: string, re: RegExp): [string, number][] {
  const out: [string, number][] = []
  let line = 0
  let at = 0
  re.lastIndex = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let k = text.indexOf('\n', at); k >= 0 && k < m.index; k = text.indexOf('\n', k + 1)) line++
    at = m.index
    out.push([m[1]!, line])
  }
  return out
}
