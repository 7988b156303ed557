/**
 * Ruby source read as statements for the block DSLs of Sinatra, Grape, Hanami and Roda: comments,
 * `=begin` blocks and heredoc bodies are dropped, and each statement says whether it opens a block
 * (`do … end`, `{ |r|` left open, `class`/`module`/`def`/`if` …) or closes one. A walker then keeps
 * a stack of frames. Every reader walks a line once and is capped: hostile text costs little.
 */

export interface RubyStatement {
  /** The code without its comment, trimmed. */
  readonly code: string
  /** 0-based line. */
  readonly line: number
  /** How many frames the statement opens (0 or 1) and closes before that. */
  readonly opens: boolean
  readonly closes: number
}

const MAX_LINE = 2000
const HEREDOC = /<<[~-]?(['"]?)([A-Z_][A-Z0-9_]{0,40})\1/
const KEYWORD_OPEN = /^(?:class|module|def|if|unless|while|until|case|begin|for)\b/
const ASSIGN_OPEN = /(?:=|\|\||&&|\breturn)\s*(?:if|unless|case|begin|while)\b/
const ENDLESS_DEF = /^def\s+[\w.?!]+(?:\([^)]*\))?\s*=[^=~>]/
const DO_OPEN = /\bdo\s*(?:\|[^|]*\|)?$/
const BRACE_OPEN = /\{\s*(?:\|[^|]*\|)?$/

/** The code of a line without its `#` comment (quotes respected; `#{` inside strings stays). */
export function stripComment(line: string): string {
  let quote = ''
  const n = Math.min(line.length, MAX_LINE)
  for (let i = 0; i < n; i++) {
    const c = line[i]!
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = ''
    } else if (c === '"' || c === "'" || c === '`') quote = c
    // `#{` is an interpolation (in a regexp or %-literal the quotes above do not see), not a comment.
    else if (c === '#' && line[i + 1] !== '{') return line.slice(0, i)
  }
  return line.slice(0, n)
}

/** The statements of a Ruby file (one per line; continuation lines are separate statements). */
export function rubyStatements(lines: readonly string[]): RubyStatement[] {
  const out: RubyStatement[] = []
  let heredoc: string | undefined
  let comment = false
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!
    if (heredoc !== undefined) {
      if (raw.trim() === heredoc) heredoc = undefined
      continue
    }
    if (comment) {
      if (raw.startsWith('=end')) comment = false
      continue
    }
    if (raw.startsWith('=begin')) {
      comment = true
      continue
    }
    const code = stripComment(raw).trim()
    if (code === '') continue
    const h = HEREDOC.exec(code)
    if (h) heredoc = h[2]!
    let closes = 0
    let rest = code
    while (/^(?:end\b|\})/.test(rest) && closes < 8) {
      closes++
      rest = rest.replace(/^(?:end\b|\})[\s).,;]*/, '')
      if (!/^(?:end\b|\})/.test(rest)) break
    }
    const body = rest.replace(/^\.\w+.*$/, '')
    const oneLiner = /;\s*end$|\bend$/.test(body) && !DO_OPEN.test(body)
    const opens = body !== '' && !oneLiner && (DO_OPEN.test(body) || BRACE_OPEN.test(body) || (KEYWORD_OPEN.test(body) && !ENDLESS_DEF.test(body) && !/^class\s+\S+\s*<\s*\S+\s*;/.test(body)) || ASSIGN_OPEN.test(body))
    out.push({ code, line: i, opens, closes })
  }
  return out
}

/** One argument of a DSL call, classified. */
export type RubyArg =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'symbol'; readonly value: string }
  | { readonly kind: 'const'; readonly value: string }
  | { readonly kind: 'regexp' }
  | { readonly kind: 'true' }
  | { readonly kind: 'pair'; readonly key: string; readonly value: string }
  | { readonly kind: 'other'; readonly text: string }

/** `word` or `recv.word`, its arguments (with or without parentheses) up to a block opener. */
export interface RubyCall {
  readonly receiver?: string
  readonly name: string
  readonly args: readonly RubyArg[]
  /** The block parameter (`do |r|`), when the call opens a block with one. */
  readonly blockVar?: string
}

const CALL_HEAD = /^(?:([a-z_]\w{0,40})\.)?([a-z_]\w{0,40}[?!]?)(?=[\s(]|$)/

/** Splits the top-level arguments of a call (brackets and quotes respected), at most 12. */
function splitArgs(s: string): string[] {
  const out: string[] = []
  let depth = 0
  let quote = ''
  let from = 0
  const n = Math.min(s.length, MAX_LINE)
  for (let i = 0; i < n && out.length < 12; i++) {
    const c = s[i]!
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') depth--
    else if (c === ',' && depth === 0) {
      out.push(s.slice(from, i).trim())
      from = i + 1
    }
  }
  const last = s.slice(from, n).trim()
  if (last !== '') out.push(last)
  return out
}

function unquote(s: string): string | undefined {
  const m = /^(["'])(.*)\1$/.exec(s)
  if (!m) return undefined
  // Interpolations are parameters (`"#{id}"`).
  return m[1] === '"' ? m[2]!.replace(/#\{[^}]*\}/g, ':param') : m[2]!
}

export function classifyArg(text: string): RubyArg {
  const t = text.trim()
  const str = unquote(t)
  if (str !== undefined) return { kind: 'string', value: str }
  const pair = /^(?::?([a-z_]\w*)(?::\s*|\s*=>\s*)|(["'])([^"']*)\2\s*=>\s*)(.+)$/.exec(t)
  if (pair && !t.startsWith('::')) {
    const key = pair[1] ?? pair[3]!
    const value = pair[4]!.trim()
    return { kind: 'pair', key, value: unquote(value) ?? value }
  }
  if (/^:["']/.test(t)) return { kind: 'symbol', value: unquote(t.slice(1)) ?? t.slice(1) }
  if (/^:[A-Za-z_]\w*[?!]?$/.test(t)) return { kind: 'symbol', value: t.slice(1) }
  if (/^[A-Z][\w:]*$/.test(t)) return { kind: 'const', value: t }
  if (/^(?:\/.*\/[a-z]*|%r\{.*\}[a-z]*)$/.test(t)) return { kind: 'regexp' }
  if (t === 'true') return { kind: 'true' }
  return { kind: 'other', text: t }
}

/** A DSL call at the start of a statement, or undefined. */
export function rubyCall(code: string): RubyCall | undefined {
  const head = CALL_HEAD.exec(code)
  if (!head) return undefined
  let rest = code.slice(head[0].length)
  const blockVar = /\bdo\s*\|\s*([a-z_]\w*)[^|]*\|$|\{\s*\|\s*([a-z_]\w*)[^|]*\|$/.exec(rest)
  rest = rest.replace(/\s*(?:\bdo\s*(?:\|[^|]*\|)?|\{\s*(?:\|[^|]*\|)?)$/, '')
  // A one-line brace block (`get('/x') { 'ok' }`) is the handler, not an argument.
  rest = rest.replace(/\)\s*\{.*\}$/, ')').replace(/^(\s+[^{]*?)\s+\{.*\}$/, '$1').replace(/^\s*\{.*\}$/, '')
  rest = rest.trim()
  if (rest.startsWith('(')) rest = rest.slice(1).replace(/\)\s*$/, '')
  else if (rest !== '' && /^(?:[=+*<>!&|.]|-(?!>))/.test(rest)) return undefined
  return {
    ...(head[1] ? { receiver: head[1] } : {}),
    name: head[2]!,
    args: rest === '' ? [] : splitArgs(rest).map(classifyArg),
    ...(blockVar ? { blockVar: blockVar[1] ?? blockVar[2]! } : {})
  }
}

/** Path segments of a route string (`"/books/:id"` → `books`, `:id`). */
export function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '')
}
