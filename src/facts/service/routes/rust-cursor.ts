import type { Attr } from './rust-ast.js'
import type { Tok } from './rust-lex.js'

/** Tokens read past (their number) of an attribute's arguments at most. */
const MAX_ATTR_TOKENS = 4000
export const OPEN: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' }

/** A position in a token list, with the bounded skips every part of the reader uses. */
export class Cursor {
  i = 0
  depth = 0

  constructor(readonly t: readonly Tok[]) {}

  peek(o = 0): Tok | undefined {
    return this.t[this.i + o]
  }
  is(v: string, o = 0): boolean {
    const x = this.t[this.i + o]
    return x !== undefined && x.k !== 'str' && x.v === v
  }
  line(): number {
    return (this.t[this.i] ?? this.t[this.t.length - 1])?.line ?? 1
  }

  /** Skips one token, or a whole bracketed group when it opens one. Returns the last line skipped. */
  skipGroup(): number {
    const start = this.t[this.i]
    if (!start) return 1
    const close = start.k === 'punct' ? OPEN[start.v] : undefined
    this.i++
    if (close === undefined) return start.line
    let depth = 1
    while (this.i < this.t.length && depth > 0) {
      const x = this.t[this.i++]!
      if (x.k !== 'punct') continue
      if (OPEN[x.v] !== undefined) depth++
      else if (x.v === ')' || x.v === ']' || x.v === '}') depth--
    }
    return this.t[this.i - 1]?.line ?? start.line
  }

  /** Skips `<…>` generics (`->` is not a closer). */
  skipAngles(): void {
    if (!this.is('<')) return
    let depth = 0
    while (this.i < this.t.length) {
      const x = this.t[this.i]!
      if (x.k === 'punct') {
        if (x.v === '<') depth++
        else if (x.v === '>') depth--
        else if (OPEN[x.v] !== undefined) {
          this.skipGroup()
          continue
        } else if (x.v === ';' || x.v === '{' || x.v === '}') return
      }
      this.i++
      if (depth <= 0) return
    }
  }

  attrs(): Attr[] {
    const out: Attr[] = []
    while (this.is('#')) {
      const inner = this.is('!', 1)
      if (!this.is('[', inner ? 2 : 1)) break
      this.i += inner ? 2 : 1
      const open = this.i
      const line = this.line()
      this.skipGroup()
      if (inner) continue
      const body = this.t.slice(open + 1, this.i - 1)
      const path: string[] = []
      let k = 0
      while (k < body.length && (body[k]!.k === 'id' || body[k]!.v === '::')) {
        if (body[k]!.k === 'id') path.push(body[k]!.v)
        k++
      }
      const args = body[k]?.v === '(' ? body.slice(k + 1, Math.min(body.length - 1, k + 1 + MAX_ATTR_TOKENS)) : []
      out.push({ path, args, line })
    }
    return out
  }

  /** Items until `end` (a token index) or a closing brace. */
}
