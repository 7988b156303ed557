import { readArg, readLiteral } from '../text.js'
import type { ExtractContext } from './context.js'

/**
 * Reading Elixir source for the route extractors (Phoenix router, Plug.Router, endpoint plugs):
 * logical statements (a call continued over several lines joined into one, comments and heredocs
 * left out), macro arguments with or without parentheses, do/end block depth, and where a module
 * and its functions are defined. Bounded like every reader here: statements are joined over at
 * most a few lines and bodies are read over a fixed window.
 */

export interface Statement {
  /** The statement's text, continuation lines joined with a space, comments removed. */
  readonly text: string
  /** 0-based index of its first line. */
  readonly line: number
}

/** Lines a call may continue over (`resources "/x", C,\n  only: […]`). */
const MAX_CONTINUATION = 12
const MAX_BODY_LINES = 60

/**
 * Visits the characters of a line that lie outside `"…"`/`'…'` strings (escapes honoured), until
 * `visit` returns true; returns that index, or -1.
 */
function codeChars(line: string, visit: (c: string, i: number) => boolean): number {
  let quote = ''
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = ''
      continue
    }
    if (c === '"' || c === "'") quote = c
    else if (visit(c, i)) return i
  }
  return -1
}

/** The line without a trailing `# comment` (a `#` inside a string or `#{…}` interpolation stays). */
export function stripComment(line: string): string {
  const at = codeChars(line, (c, i) => c === '#' && line[i + 1] !== '{')
  return at < 0 ? line : line.slice(0, at)
}

/** Unclosed brackets of a line outside strings. */
function openBrackets(line: string): number {
  let depth = 0
  codeChars(line, (c) => {
    if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') depth--
    return false
  })
  return depth
}

/** Statements of a file: heredoc lines skipped, calls continued over lines (open brackets, a trailing comma) joined. */
export function statements(lines: readonly string[]): Statement[] {
  const out: Statement[] = []
  let heredoc = false
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!
    const quotes = raw.split('"""').length - 1
    if (heredoc) {
      if (quotes % 2 === 1) heredoc = false
      continue
    }
    if (quotes % 2 === 1) {
      heredoc = true
      continue
    }
    let text = stripComment(raw).trim()
    if (text === '') continue
    const start = i
    let depth = openBrackets(text)
    while ((depth > 0 || text.endsWith(',')) && i + 1 < lines.length && i - start < MAX_CONTINUATION) {
      const next = stripComment(lines[i + 1]!).trim()
      if (next.includes('"""')) break
      i++
      text += ' ' + next
      depth += openBrackets(next)
    }
    out.push({ text, line: start })
  }
  return out
}

/** Whether a statement opens a block (`… do`, not `do:`), and how many `fn` it leaves open. */
export function opensBlocks(text: string): number {
  let n = /(^|[\s)\]])do$/.test(text) ? 1 : 0
  const fns = (text.match(/\bfn\b/g) ?? []).length
  const ends = (text.match(/\bend\b/g) ?? []).length
  if (fns > ends) n += fns - ends
  return n
}

/** Whether a statement closes a block (`end`, `end)`, `end,`). */
export function closesBlock(text: string): boolean {
  return /^end\b/.test(text)
}

/** The macro's name and its argument text (`get("/x", C, :a)` and `get "/x", C, :a do` alike). */
export function macroCall(text: string): { name: string; args: string[] } | undefined {
  const m = /^([a-z_][a-z0-9_]*[?!]?)(\s*\(|\s+)/.exec(text)
  if (!m) return undefined
  let rest = text.slice(m[0].length)
  if (m[2]!.includes('(')) {
    const close = rest.lastIndexOf(')')
    rest = close >= 0 ? rest.slice(0, close) : rest
  } else rest = rest.replace(/\s+do$/, '')
  const args: string[] = []
  let at = 0
  for (let k = 0; k < 12 && at < rest.length; k++) {
    const a = readArg(rest, at)
    if (a.text !== '') args.push(a.text)
    if (a.end >= rest.length || rest[a.end] !== ',') break
    at = a.end + 1
  }
  return { name: m[1]!, args }
}

/** A string literal argument (`"/health"`), with `#{…}` interpolation kept as a `{…}` placeholder segment. */
export function stringArg(arg: string | undefined): string | undefined {
  if (arg === undefined) return undefined
  const lit = readLiteral(arg, 0)
  if (!lit || (arg[arg.search(/\S/)] !== '"' && arg[arg.search(/\S/)] !== "'")) return undefined
  return lit.value.replace(/#\{([^}]{0,60})\}/g, '{$1}')
}

/** The value of a keyword argument among the arguments (`to: Mod` → `Mod`). */
export function keyword(args: readonly string[], key: string): string | undefined {
  for (const a of args) {
    const m = new RegExp(`(?:^|[\\s,\\[])${key}:\\s*`).exec(a)
    if (m) return readArg(a, m.index + m[0].length).text
  }
  return undefined
}

/** A module name argument (`HealthController`, `MyAppWeb.Plugs.Status`). */
export function moduleArg(arg: string | undefined): string | undefined {
  const m = arg === undefined ? null : /^([A-Z][\w]*(?:\.[A-Z][\w]*)*)$/.exec(arg.trim())
  return m ? m[1] : undefined
}

/** An atom argument (`:show`). */
export function atomArg(arg: string | undefined): string | undefined {
  const m = arg === undefined ? null : /^:([a-z_][\w?!]*)$/.exec(arg.trim())
  return m ? m[1] : undefined
}

/** Where a module is defined: the file whose `defmodule NAME do` line matches, searched among `files`. */
export function findModule(ctx: ExtractContext, name: string, files: readonly string[]): string | undefined {
  const decl = `defmodule ${name} do`
  const token = [`defmodule ${name} `]
  for (const f of files) {
    if (!ctx.src.mentions(f, token)) continue
    if ((ctx.src.lines(f) ?? []).some((l) => l.trim() === decl || l.trim().startsWith(decl + ' '))) return f
  }
  return undefined
}

/** The body of `def NAME(` in a file: from its line to the matching `end` (or its `do:` line), as [from, to). */
export function functionBody(lines: readonly string[], name: string): [number, number] | undefined {
  const head = new RegExp(`^\\s*defp?\\s+${name.replace(/[?!]/g, '\\$&')}\\s*\\(`)
  const at = lines.findIndex((l) => head.test(l))
  if (at < 0) return undefined
  return [at, blockEnd(lines, at)]
}

/** The end (exclusive) of the do/end block opened on line `at`, or of its `do:` one-liner. */
export function blockEnd(lines: readonly string[], at: number): number {
  if (/,\s*do:/.test(lines[at]!)) return at + 1
  let depth = 0
  for (let i = at; i < lines.length && i < at + MAX_BODY_LINES; i++) {
    const t = stripComment(lines[i]!).trim()
    depth += opensBlocks(t)
    if (closesBlock(t)) depth--
    if (depth <= 0 && i > at) return i + 1
  }
  return Math.min(lines.length, at + MAX_BODY_LINES)
}
