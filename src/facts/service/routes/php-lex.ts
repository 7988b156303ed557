import { dirname, joinPath } from '../../paths.js'
import { braceBody } from '../body.js'

/**
 * A small PHP lexer for route files: identifiers (namespaced), variables, string literals,
 * numbers and punctuation, with comments dropped and line numbers kept. It reads what route
 * declarations need (calls, arrays, closures, concatenated paths), never evaluates code, and is
 * bounded: one linear pass, at most MAX_TOKENS tokens per file.
 */

export interface Token {
  readonly k: 'id' | 'var' | 'str' | 'num' | 'p'
  readonly v: string
  /** 1-based line. */
  readonly line: number
  /** A double-quoted or heredoc string with `$x`/`{$x}` interpolation: its value is not known. */
  readonly dynamic?: true
}

const MAX_TOKENS = 200_000
const PUNCT3 = new Set(['...', '?->', '<=>', '===', '!=='])
const PUNCT2 = new Set(['::', '->', '=>', '==', '!=', '&&', '||', '??', '<=', '>=', '.=', '++', '--', '#['])

function isIdStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '\\' || c > '\x7f'
}
function isIdPart(c: string): boolean {
  return isIdStart(c) || (c >= '0' && c <= '9')
}

export function lexPhp(text: string): Token[] {
  const out: Token[] = []
  let line = 1
  let i = 0
  const n = text.length
  const start = text.indexOf('<?php')
  if (start >= 0) {
    for (let k = 0; k < start; k++) if (text[k] === '\n') line++
    i = start + 5
  }
  while (i < n && out.length < MAX_TOKENS) {
    const c = text[i]!
    if (c === '\n') {
      line++
      i++
      continue
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++
      continue
    }
    if ((c === '/' && text[i + 1] === '/') || (c === '#' && text[i + 1] !== '[')) {
      while (i < n && text[i] !== '\n') {
        if (text[i] === '?' && text[i + 1] === '>') break
        i++
      }
      continue
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      const stop = end < 0 ? n : end + 2
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++
      i = stop
      continue
    }
    if (c === "'" || c === '"') {
      const from = line
      let v = ''
      let dynamic = false
      let j = i + 1
      for (; j < n && text[j] !== c; j++) {
        const ch = text[j]!
        if (ch === '\n') line++
        if (ch === '\\' && j + 1 < n) {
          const next = text[j + 1]!
          if (next === c || next === '\\') {
            v += next
            j++
            continue
          }
          if (c === '"' && next === '$') {
            v += '$'
            j++
            continue
          }
          v += ch
          continue
        }
        if (c === '"' && ch === '$' && isIdStart(text[j + 1] ?? '')) dynamic = true
        if (c === '"' && ch === '{' && text[j + 1] === '$') dynamic = true
        v += ch
      }
      out.push(dynamic ? { k: 'str', v, line: from, dynamic: true } : { k: 'str', v, line: from })
      i = j + 1
      continue
    }
    if (c === '<' && text.startsWith('<<<', i)) {
      // Heredoc / nowdoc: skipped to its closing identifier, as an unknown string.
      const m = /^<<<\s*['"]?([A-Za-z_]\w*)['"]?/.exec(text.slice(i, i + 80))
      if (m) {
        const from = line
        const close = new RegExp(`^\\s*${m[1]}\\b`)
        let j = text.indexOf('\n', i)
        while (j >= 0 && j < n) {
          line++
          const eol = text.indexOf('\n', j + 1)
          const l = text.slice(j + 1, eol < 0 ? n : eol)
          if (close.test(l)) {
            j = j + 1 + l.search(/\S/) + m[1]!.length
            break
          }
          j = eol
        }
        out.push({ k: 'str', v: '', line: from, dynamic: true })
        i = j < 0 ? n : j
        continue
      }
    }
    if (c === '$' && isIdStart(text[i + 1] ?? '') && text[i + 1] !== '\\') {
      let j = i + 1
      while (j < n && isIdPart(text[j]!) && text[j] !== '\\') j++
      out.push({ k: 'var', v: text.slice(i + 1, j), line })
      i = j
      continue
    }
    if (isIdStart(c)) {
      let j = i + 1
      while (j < n && isIdPart(text[j]!)) j++
      out.push({ k: 'id', v: text.slice(i, j), line })
      i = j
      continue
    }
    if (c >= '0' && c <= '9') {
      let j = i + 1
      while (j < n && /[\w.]/.test(text[j]!)) j++
      out.push({ k: 'num', v: text.slice(i, j), line })
      i = j
      continue
    }
    const three = text.slice(i, i + 3)
    const two = text.slice(i, i + 2)
    const p = PUNCT3.has(three) ? three : PUNCT2.has(two) ? two : c
    out.push({ k: 'p', v: p, line })
    i += p.length
  }
  return out
}

const OPEN: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '#[': ']' }

/** Matching brackets of a token list, computed once per list: index of the closer, or -1. */
const MATCHES = new WeakMap<readonly Token[], Int32Array>()

function matches(toks: readonly Token[]): Int32Array {
  let m = MATCHES.get(toks)
  if (m) return m
  m = new Int32Array(toks.length).fill(-1)
  const stack: number[] = []
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!
    if (t.k !== 'p') continue
    if (OPEN[t.v] !== undefined) stack.push(i)
    else if (t.v === ')' || t.v === ']' || t.v === '}') {
      // A stray closer closes the nearest opener of its kind; the openers above it stay unmatched.
      let k = stack.length - 1
      while (k >= 0 && OPEN[toks[stack[k]!]!.v] !== t.v) k--
      if (k < 0) continue
      m[stack[k]!] = i
      stack.length = k
    }
  }
  MATCHES.set(toks, m)
  return m
}

/** Index of the bracket closing the one at `open`, or -1 (unbalanced within the file). One pass per token list, then a lookup. */
export function closing(toks: readonly Token[], open: number): number {
  return open >= 0 && open < toks.length ? matches(toks)[open]! : -1
}

export interface Arg {
  /** Token range [from, to). */
  readonly from: number
  readonly to: number
  /** `name: value` (PHP 8 named argument) or `'key' => value` in an array. */
  readonly name?: string
}

/**
 * The arguments of the call or array whose bracket is at `open`, split at top-level commas, with
 * the index of its closing bracket (-1 when unbalanced). Named arguments and `'key' => value`
 * array entries carry their name; closures stay whole inside their argument.
 */
export function args(toks: readonly Token[], open: number): { args: Arg[]; close: number } {
  const close = closing(toks, open)
  if (close < 0) return { args: [], close }
  const out: Arg[] = []
  let from = open + 1
  let depth = 0
  const push = (to: number): void => {
    if (to <= from) return
    const a = toks[from]!
    const b = toks[from + 1]
    if ((a.k === 'id' || a.k === 'var') && b?.k === 'p' && b.v === ':' && to > from + 2) out.push({ from: from + 2, to, name: a.v })
    else if (a.k === 'str' && b?.k === 'p' && b.v === '=>' && to > from + 2) out.push({ from: from + 2, to, name: a.v })
    else out.push({ from, to })
  }
  for (let i = open + 1; i < close; i++) {
    const t = toks[i]!
    if (t.k !== 'p') continue
    if (OPEN[t.v] !== undefined) depth++
    else if (t.v === ')' || t.v === ']' || t.v === '}') depth--
    else if (t.v === ',' && depth === 0) {
      push(i)
      from = i + 1
    }
  }
  push(close)
  return { args: out, close }
}

/** The body of a closure argument (`function (…) use (…): T { … }`, `fn () => …`), as a token range, or undefined. */
export function closureBody(toks: readonly Token[], a: Arg): { from: number; to: number } | undefined {
  let i = a.from
  if (toks[i]?.v === 'static') i++
  const kw = toks[i]
  if (kw?.k !== 'id' || (kw.v !== 'function' && kw.v !== 'fn')) return undefined
  if (kw.v === 'fn') {
    for (let k = i; k < a.to; k++) if (toks[k]!.v === '=>') return { from: k + 1, to: a.to }
    return undefined
  }
  for (let k = i + 1; k < a.to; k++) {
    const t = toks[k]!
    if (t.k === 'p' && t.v === '(') {
      const c = closing(toks, k)
      if (c < 0) return undefined
      k = c
      continue
    }
    if (t.k === 'p' && t.v === '{') {
      const c = closing(toks, k)
      return c < 0 ? undefined : { from: k + 1, to: c }
    }
  }
  return undefined
}

/** Where relative paths in an expression are resolved from. */
export interface PathBase {
  /** The file holding the expression (for `__DIR__`). */
  readonly file: string
  /** The application root (for `base_path()`): the directory of its composer.json. */
  readonly root: string
}

/**
 * The value of a string expression: literals joined with `.`, `__DIR__`, `dirname(__DIR__)`,
 * `base_path('x')`, `app_path('x')`; undefined for anything else (variables, interpolation).
 * With `path`, a file path relative to the repository (`..` resolved).
 */
export function stringOf(toks: readonly Token[], a: Arg, base?: PathBase, depth = 0): string | undefined {
  if (depth > 8) return undefined
  let out = ''
  let i = a.from
  let sawPath = false
  while (i < a.to) {
    const t = toks[i]!
    if (t.k === 'str') {
      if (t.dynamic) return undefined
      out += t.v
      i++
    } else if (t.k === 'id' && t.v === '__DIR__' && base) {
      out += dirname(base.file)
      sawPath = true
      i++
    } else if (t.k === 'id' && base && (t.v === 'dirname' || t.v === 'base_path' || t.v === 'app_path' || t.v === '\\base_path' || t.v === '\\dirname') && toks[i + 1]?.v === '(') {
      const inner = args(toks, i + 1)
      if (inner.close < 0) return undefined
      const first = inner.args[0]
      const fn = t.v.replace(/^\\/, '')
      if (fn === 'dirname') {
        const v = first ? stringOf(toks, first, base, depth + 1) : undefined
        if (v === undefined) return undefined
        out += dirname(v)
      } else {
        const v = first ? stringOf(toks, first, base, depth + 1) : ''
        if (v === undefined) return undefined
        out += joinPath(base.root, fn === 'app_path' ? `app/${v}` : v) ?? ''
      }
      sawPath = true
      i = inner.close + 1
    } else return undefined
    if (i < a.to) {
      if (toks[i]!.v !== '.') return undefined
      i++
    }
  }
  if (!sawPath) return out
  return joinPath('', out) ?? undefined
}

/** The short class name of a `Foo\Bar::class` argument, or undefined. */
export function classOf(toks: readonly Token[], a: Arg): string | undefined {
  const t = toks[a.from]
  if (a.to - a.from === 3 && t?.k === 'id' && toks[a.from + 1]?.v === '::' && toks[a.from + 2]?.v === 'class') return t.v.slice(t.v.lastIndexOf('\\') + 1)
  return undefined
}

/** Strings of an array argument (`['GET', 'POST']`), or of a single string. */
export function stringsOf(toks: readonly Token[], a: Arg): string[] {
  const t = toks[a.from]
  if (t?.k === 'str') return t.dynamic ? [] : [t.v]
  if (t?.k === 'p' && (t.v === '[' || t.v === '{')) return args(toks, a.from).args.flatMap((x) => (toks[x.from]?.k === 'str' && x.to === x.from + 1 && !toks[x.from]!.dynamic ? [toks[x.from]!.v] : []))
  return []
}

/**
 * The lines of method `name` of a class (a controller), as a 0-based [from, to) window for reading
 * its body: from the `function name(` line until its braces balance.
 */
export function methodBody(lines: readonly string[], name: string): [number, number] | undefined {
  const decl = new RegExp(`\\bfunction\\s+${name.replace(/[^\w]/g, '')}\\s*\\(`)
  for (let i = 0; i < lines.length; i++) if (decl.test(lines[i]!)) return braceBody(lines, i)
  return undefined
}
