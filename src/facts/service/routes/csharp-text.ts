import { readArg } from '../text.js'

/**
 * C# source read as text, for the ASP.NET Core extractors: one linear pass that blanks comments
 * (keeping every newline, so line numbers hold), and a second view with string contents blanked
 * too (for counting braces). Then statement segments (text between `;`, `{` and `}` outside
 * strings) and method-call chains in them (`endpoints.MapGroup("/api").RequireAuthorization()`).
 * Every walk is linear and capped; a hostile file costs at most its length.
 */

export interface CsText {
  /** Comments blanked; strings kept. */
  readonly code: string
  /** Comments and string contents blanked (quotes kept). */
  readonly bare: string
  /** Offset of the start of each line. */
  readonly lineStarts: readonly number[]
}

const blank = (s: string): string => s.replace(/[^\n]/g, ' ')
const SPECIAL = /\/\/|\/\*|[@$]{1,2}"|"|'/g

/**
 * Masks a C# text: line and block comments become blanks, then (in `bare`) the contents of "…",
 * @"…", $"…", """…""" and '…' literals too. Newlines always stay, so offsets and lines agree.
 */
export function maskCSharp(text: string): CsText {
  const code: string[] = []
  const bare: string[] = []
  const lineStarts: number[] = [0]
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) lineStarts.push(k + 1)
  const n = text.length
  let last = 0
  SPECIAL.lastIndex = 0
  for (let m = SPECIAL.exec(text); m; m = SPECIAL.exec(text)) {
    const i = m.index
    const tok = m[0]
    let end: number
    let kind: 'comment' | 'string' | 'none' = 'string'
    let open = tok.length
    if (tok === '//') {
      const nl = text.indexOf('\n', i)
      end = nl < 0 ? n : nl
      kind = 'comment'
    } else if (tok === '/*') {
      const close = text.indexOf('*/', i + 2)
      end = close < 0 ? n : close + 2
      kind = 'comment'
    } else if (tok === "'") {
      const close = charLiteralEnd(text, i)
      if (close < 0) kind = 'none'
      end = close + 1
      open = 1
    } else if (text.startsWith('"""', i + tok.length - 1)) {
      open = tok.length + 2
      const close = text.indexOf('"""', i + open)
      end = close < 0 ? n : close + 3
    } else {
      end = stringEnd(text, i + tok.length, tok.includes('@'))
    }
    if (kind === 'none') continue
    const before = text.slice(last, i)
    code.push(before)
    bare.push(before)
    const body = text.slice(i, end)
    if (kind === 'comment') {
      const b = blank(body)
      code.push(b)
      bare.push(b)
    } else {
      code.push(body)
      const closeLen = Math.min(body.length - open, tok === "'" ? 1 : text.startsWith('"""', i + tok.length - 1) ? 3 : 1)
      bare.push(body.slice(0, open) + blank(body.slice(open, body.length - closeLen)) + body.slice(body.length - closeLen))
    }
    last = end
    SPECIAL.lastIndex = end
  }
  const rest = text.slice(last)
  code.push(rest)
  bare.push(rest)
  return { code: code.join(''), bare: bare.join(''), lineStarts }
}

/** The offset just after the quote closing a string whose contents start at `from` (regular strings end at a newline). */
function stringEnd(text: string, from: number, verbatim: boolean): number {
  for (let j = from; j < text.length; j++) {
    const d = text[j]
    if (d === '\n' && !verbatim) return j
    if (d === '\\' && !verbatim) {
      j++
      continue
    }
    if (d === '"') {
      if (verbatim && text[j + 1] === '"') {
        j++
        continue
      }
      return j + 1
    }
  }
  return text.length
}

/** The offset of the quote closing a char literal opened at `i` (`'x'`, `'\\n'`, `'\\u0041'`), or -1. */
function charLiteralEnd(text: string, i: number): number {
  const close = text[i + 1] === '\\' ? text.slice(i + 3, i + 9).indexOf("'") : 0
  const end = text[i + 1] === '\\' ? (close < 0 ? -1 : i + 3 + close) : i + 2
  if (end < 0 || text[end] !== "'") return -1
  for (let k = i + 1; k < end; k++) if (text[k] === '\n') return -1
  return end
}

/** 1-based line of an offset. */
export function lineAt(t: CsText, offset: number): number {
  let lo = 0
  let hi = t.lineStarts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (t.lineStarts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return lo + 1
}

export interface Segment {
  /** Text of the segment (from `code`). */
  readonly text: string
  /** Offset of the segment in the file. */
  readonly start: number
  /** Brace depth at the segment. */
  readonly depth: number
  /** The character that ended it: `;`, `{`, `}` or '' at the end of the file. */
  readonly end: string
}

/** Most segments read from one file, and longest segment kept (a longer one is cut and the parse resynchronises). */
const MAX_SEGMENTS = 50_000
const MAX_SEGMENT = 20_000

/**
 * Statement fragments: the text between `;`, `{` and `}` outside strings and outside parentheses
 * (an object initializer or a lambda body passed as an argument stays in its call's segment:
 * `app.MapHealthChecks("/h", new HealthCheckOptions { Predicate = _ => false })`).
 */
export function segments(t: CsText): Segment[] {
  const out: Segment[] = []
  let start = 0
  let depth = 0
  let parens = 0
  const b = t.bare
  for (let i = 0; i < b.length && out.length < MAX_SEGMENTS; i++) {
    const c = b[i]
    if (c === '(' || c === '[') parens++
    else if ((c === ')' || c === ']') && parens > 0) parens--
    if (parens > 0 && i - start > MAX_SEGMENT) parens = 0
    if (parens > 0 || (c !== ';' && c !== '{' && c !== '}')) continue
    const text = t.code.slice(start, Math.min(i, start + MAX_SEGMENT))
    if (text.trim() !== '') out.push({ text, start, depth, end: c })
    if (c === '{') depth++
    else if (c === '}') depth = Math.max(0, depth - 1)
    start = i + 1
  }
  const rest = t.code.slice(start, start + MAX_SEGMENT)
  if (rest.trim() !== '' && out.length < MAX_SEGMENTS) out.push({ text: rest, start, depth, end: '' })
  return out
}

export interface Call {
  readonly name: string
  /** Type arguments as written (`MongoHealthCheck` of `AddCheck<MongoHealthCheck>`), or ''. */
  readonly generic: string
  /** Argument texts (trimmed, at most 12). */
  readonly args: readonly string[]
  /** Offset of the name within the text the chain was read from. */
  readonly at: number
}

export interface Chain {
  /** The receiver path before the first call (`endpoints`, `builder.Services`); '' for a bare call. */
  readonly receiver: string
  readonly calls: readonly Call[]
  /** Offset of the chain's start. */
  readonly at: number
}

/** Type arguments, one level of nesting (`<Check<Db>>`). */
const GENERIC = '(?:<((?:[^<>();]|<[^<>();]{0,100}>){0,200})>)?'
const CHAIN_START = new RegExp(`(?<![\\w.$@"])([A-Za-z_]\\w*(?:\\s*\\??\\.\\s*[A-Za-z_]\\w*)*)\\s*${GENERIC}\\s*\\(`, 'g')
const NEXT_CALL = new RegExp(`^\\s*\\??\\.\\s*([A-Za-z_]\\w*)\\s*${GENERIC}\\s*\\(`)
const NEXT_MEMBER = /^\s*\??\.\s*[A-Za-z_]\w*/

/** The offset just after the `)` closing the `(` at `open`, or the text's end. */
export function closeParen(s: string, open: number): number {
  let i = open + 1
  for (let guard = 0; i < s.length && guard < 64; guard++) {
    const { end } = readArg(s, i)
    if (end >= s.length) return s.length
    if (s[end] === ')') return end + 1
    if (s[end] !== ',') {
      // readArg stopped at its length cap: look for the closing bracket by plain depth counting.
      let depth = 0
      for (let k = end; k < s.length; k++) {
        const c = s[k]
        if (c === '(' || c === '[' || c === '{') depth++
        else if (c === ')' || c === ']' || c === '}') {
          if (depth === 0) return c === ')' ? k + 1 : k
          depth--
        }
      }
      return s.length
    }
    i = end + 1
  }
  return s.length
}

function argsOf(s: string, open: number, close: number): string[] {
  const out: string[] = []
  let i = open + 1
  while (i < close && out.length < 12) {
    const { text, end } = readArg(s, i)
    if (text !== '') out.push(text)
    if (end >= close || s[end] !== ',') break
    i = end + 1
  }
  return out
}

/** Every call chain in a text (chains nested in arguments too), in order of their start. */
export function chains(s: string): Chain[] {
  const out: Chain[] = []
  CHAIN_START.lastIndex = 0
  for (let m = CHAIN_START.exec(s); m && out.length < 500; m = CHAIN_START.exec(s)) {
    const path = m[1]!.replace(/\s+/g, '').replace(/\?\./g, '.')
    const dot = path.lastIndexOf('.')
    const receiver = dot < 0 ? '' : path.slice(0, dot)
    const first = dot < 0 ? path : path.slice(dot + 1)
    const open = m.index + m[0].length - 1
    let close = closeParen(s, open)
    const calls: Call[] = [{ name: first, generic: m[2]?.trim() ?? '', args: argsOf(s, open, close), at: m.index + m[1]!.length - first.length }]
    for (let k = 0; k < 50 && close < s.length; k++) {
      const rest = s.slice(close, close + 400)
      const next = NEXT_CALL.exec(rest)
      if (!next) {
        const member = NEXT_MEMBER.exec(rest)
        if (!member) break
        close += member[0].length
        continue
      }
      const o = close + next[0].length - 1
      const c = closeParen(s, o)
      calls.push({ name: next[1]!, generic: next[2]?.trim() ?? '', args: argsOf(s, o, c), at: close + next[0].indexOf(next[1]!) })
      close = c
    }
    out.push({ receiver, calls, at: m.index })
    // Arguments are searched too (lambdas: `e => e.MapGet(…)`): continue right after the first `(`.
    CHAIN_START.lastIndex = open + 1
  }
  return out
}

/** A C# string literal's value (`"x"`, `@"x"`), or undefined (interpolated strings are not literals). */
export function csLiteral(expr: string): string | undefined {
  const t = expr.trim()
  const m = /^@?"((?:[^"\\]|\\.|"")*)"$/.exec(t)
  if (!m) return undefined
  return t.startsWith('@') ? m[1]!.replace(/""/g, '"') : m[1]!.replace(/\\(.)/g, '$1')
}

/** `const string Name = "value"` and `static readonly string Name = "value"` in a text, by name. */
export function csConstants(code: string, into: Map<string, string>): void {
  const re = /\b(?:const|static\s+readonly)\s+string\s+([A-Za-z_]\w*)\s*=\s*(@?"(?:[^"\\\n]|\\.){0,300}")\s*;/g
  for (let m = re.exec(code); m && into.size < 10_000; m = re.exec(code)) {
    const v = csLiteral(m[2]!)
    if (v !== undefined && !into.has(m[1]!)) into.set(m[1]!, v)
  }
}

/** A path argument: a literal, a named `pattern:`/`template:` argument, or a constant (by its last name segment). */
export function pathArg(arg: string | undefined, consts: ReadonlyMap<string, string>): { value: string } | { unknown: string } | undefined {
  if (arg === undefined) return undefined
  const t = arg.replace(/^(?:pattern|template|path)\s*:\s*/, '').trim()
  const lit = csLiteral(t)
  if (lit !== undefined) return { value: lit }
  if (/^[A-Za-z_][\w.]*$/.test(t)) {
    const v = consts.get(t.slice(t.lastIndexOf('.') + 1))
    return v === undefined ? { unknown: t } : { value: v }
  }
  if (t.startsWith('$"') || t.startsWith('$@"') || t.startsWith('@$"') || t.includes('+')) return { unknown: t.slice(0, 80) }
  return undefined
}

/** The variable a statement assigns (`var api = …`, `RouteGroupBuilder api = …`, `api = …`), with the length of that head. */
export function assignment(statement: string): { name: string; head: number } | undefined {
  const m = /^\s*(?:[A-Za-z_][\w.<>?]*\s+)?([A-Za-z_]\w*)\s*=(?![=>])/.exec(statement)
  return m ? { name: m[1]!, head: m[0].length } : undefined
}
