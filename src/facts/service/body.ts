import { DEPENDENCY_TOKENS } from '../catalog/health.js'
import type { Route } from './types.js'
import { indentOf } from './text.js'

/**
 * Handler bodies, read only to tell a deep health check (it touches a database, a cache or another
 * service) from a shallow one (it returns a constant). The tokens are data in the health
 * catalogue (catalog/health.ts, DEPENDENCY_TOKENS); a body is a bounded window of lines after the
 * declaration.
 */

const MAX_BODY_LINES = 40

/** Tokens from DEPENDENCY_TOKENS found in lines [from, to). */
export function touchesIn(file: string, lines: readonly string[], from: number, to: number): NonNullable<Route['touches']> {
  const out: { token: string; file: string; line: number }[] = []
  for (let i = Math.max(0, from); i < Math.min(lines.length, to); i++) {
    const l = lines[i]!
    const t = l.trimStart()
    if (t.startsWith('#') || t.startsWith('//')) continue
    for (const token of DEPENDENCY_TOKENS) {
      if (l.includes(token)) {
        out.push({ token, file, line: i + 1 })
        break
      }
    }
    if (out.length >= 5) break
  }
  return out
}

/**
 * The body of a Python function whose decorator or `def` is on line `decl` (0-based): the lines
 * after the `def` while they are indented deeper than it.
 */
export function pythonBody(lines: readonly string[], decl: number): [number, number] {
  let def = decl
  while (def < lines.length && def < decl + 12 && !/^\s*(async\s+)?def\s/.test(lines[def]!)) def++
  if (def >= lines.length) return [decl, decl]
  return pythonBlock(lines, def, MAX_BODY_LINES)
}

/** The lines after line `head` (a `def`, a `class`) indented deeper than it, at most `max`. */
export function pythonBlock(lines: readonly string[], head: number, max: number): [number, number] {
  const base = indentOf(lines[head]!)
  let end = head + 1
  while (end < lines.length && end < head + max) {
    const l = lines[end]!
    if (l.trim() !== '' && indentOf(l) <= base) break
    end++
  }
  return [head + 1, end]
}

/** The body of a brace-delimited handler starting on line `decl`: until its braces balance. */
export function braceBody(lines: readonly string[], decl: number): [number, number] {
  let depth = 0
  let opened = false
  let end = decl
  for (; end < lines.length && end < decl + MAX_BODY_LINES; end++) {
    for (const c of lines[end]!) {
      if (c === '{') {
        depth++
        opened = true
      } else if (c === '}') depth--
    }
    if (opened && depth <= 0) return [decl, end + 1]
  }
  return [decl, end]
}

/** The body of a Ruby block or method (`do … end`, `def … end`), by keyword depth. */
export function rubyBody(lines: readonly string[], decl: number): [number, number] {
  let depth = 0
  for (let end = decl; end < lines.length && end < decl + MAX_BODY_LINES; end++) {
    const t = lines[end]!.trim()
    if (/^(def|class|module|if|unless|case|begin|while)\b/.test(t) || /\bdo(\s*\|[^|]*\|)?$/.test(t)) depth++
    if (t === 'end' || t.startsWith('end ')) {
      depth--
      if (depth <= 0) return [decl, end + 1]
    }
  }
  return [decl, Math.min(lines.length, decl + MAX_BODY_LINES)]
}
