import type { Expr, Stmt } from './rust-ast.js'
import { Cursor, OPEN } from './rust-cursor.js'

/**
 * Expressions: unary operands joined by binary operators (`=` makes an assignment), postfix
 * chains of method calls, calls, fields, `?` and indexing, and the primaries — literals, paths
 * (turbofish and `<T as Trait>::f` too), macros, struct literals, closures, blocks, `if`/`while`/
 * `for`/`match`. Blocks are read by the item reader (statements may hold items).
 */

export const MAX_DEPTH = 120
const STOP = new Set([')', ']', '}', ',', ';', '=>'])
const BINARY = new Set(['+', '-', '*', '/', '%', '^', '&', '|', '&&', '||', '==', '!=', '<', '>', '<=', '>=', '..', '+=', '-=', '*=', '/=', '%=', '^=', '&=', '|=', '=', '<<', '>>', '@'])

export abstract class ExprReader extends Cursor {
  abstract block(): { stmts: Stmt[]; line: number; end: number }

  list(): Expr[] {
    const out: Expr[] = []
    if (this.depth > MAX_DEPTH) {
      this.skipGroup()
      return out
    }
    this.depth++
    const close = OPEN[this.peek()!.v]!
    this.i++
    while (this.i < this.t.length && !this.is(close)) {
      const before = this.i
      if (this.is(',') || this.is(';') || this.is('=>')) {
        this.i++
        continue
      }
      if (this.is(')') || this.is(']') || this.is('}')) {
        // A stray closer of another kind: stop at it (the caller's group ends there).
        break
      }
      out.push(this.expr(false))
      if (this.i === before) this.i++
    }
    if (this.is(close)) this.i++
    this.depth--
    return out
  }

  /** An expression: unary operands joined by binary operators; `=` makes an assignment. */
  expr(noStruct: boolean): Expr {
    const line = this.line()
    if (this.depth > MAX_DEPTH) {
      this.skipGroup()
      return { k: 'other', kids: [], line }
    }
    this.depth++
    const first = this.unary(noStruct)
    let kids: Expr[] | undefined
    while (this.peek()?.k === 'punct' && BINARY.has(this.peek()!.v)) {
      const op = this.peek()!.v
      this.i++
      const rhs = this.unary(noStruct)
      if (op === '=' && kids === undefined) {
        this.depth--
        return { k: 'assign', target: first, value: this.continueBinary(rhs, noStruct), line }
      }
      kids ??= [first]
      kids.push(rhs)
    }
    if (this.is('as')) {
      this.i++
      this.typeTokens()
    }
    this.depth--
    return kids ? { k: 'other', kids, line } : first
  }

  continueBinary(first: Expr, noStruct: boolean): Expr {
    let kids: Expr[] | undefined
    while (this.peek()?.k === 'punct' && BINARY.has(this.peek()!.v)) {
      this.i++
      kids ??= [first]
      kids.push(this.unary(noStruct))
    }
    return kids ? { k: 'other', kids, line: first.line } : first
  }

  /** Skips a type after `as` (a path with generics, a reference, a tuple). */
  typeTokens(): void {
    while (this.is('&') || this.is('*') || this.is('mut') || this.is('const')) this.i++
    if (this.is('(') || this.is('[')) {
      this.skipGroup()
      return
    }
    while (this.peek()?.k === 'id' || this.is('::')) this.i++
    this.skipAngles()
  }

  unary(noStruct: boolean): Expr {
    while (this.is('&') || this.is('&&') || this.is('*') || this.is('-') || this.is('!') || (this.is('mut') && this.peek(1)?.k === 'id')) this.i++
    let e = this.primary(noStruct)
    for (;;) {
      if (this.is('?')) {
        this.i++
        continue
      }
      if (this.is('.') && this.peek(1)) {
        const name = this.peek(1)!
        const line = name.line
        this.i += 2
        if (this.is('::')) {
          this.i++
          this.skipAngles()
        }
        if (this.is('(')) e = { k: 'method', recv: e, name: name.v, args: this.list(), line }
        else e = { k: 'field', recv: e, name: name.v, line }
        continue
      }
      if (this.is('(')) {
        e = { k: 'call', callee: e, args: this.list(), line: e.line }
        continue
      }
      if (this.is('[')) {
        this.skipGroup()
        continue
      }
      return e
    }
  }

  primary(noStruct: boolean): Expr {
    const x = this.peek()
    const line = this.line()
    if (!x) return { k: 'other', kids: [], line }
    if (x.k === 'str') {
      this.i++
      return { k: 'str', v: x.v, line }
    }
    if (x.k === 'num' || x.k === 'char') {
      this.i++
      return { k: 'other', kids: [], line }
    }
    if (x.k === 'life') {
      this.i++
      if (this.is(':')) this.i++
      return this.primary(noStruct)
    }
    if (x.k === 'punct') {
      if (x.v === '|' || x.v === '||') return this.closure()
      if (x.v === '{') {
        const b = this.block()
        return { k: 'block', stmts: b.stmts, line: b.line, end: b.end }
      }
      if (x.v === '(' || x.v === '[') {
        const items = this.list()
        return items.length === 1 && x.v === '(' ? items[0]! : { k: 'list', items, line }
      }
      if (x.v === '<' || x.v === '::') return this.path(noStruct)
      if (x.v === '#' && this.is('[', 1)) {
        this.attrs()
        return this.primary(noStruct)
      }
      if (STOP.has(x.v)) return { k: 'other', kids: [], line }
      this.i++
      return { k: 'other', kids: [], line }
    }
    // Identifiers: keywords first.
    switch (x.v) {
      case 'move':
      case 'static':
        this.i++
        return this.primary(noStruct)
      case 'async':
      case 'unsafe':
      case 'const':
      case 'try':
        this.i++
        if (this.is('move')) this.i++
        return this.is('|') || this.is('||') ? this.closure() : this.primary(noStruct)
      case 'loop':
        this.i++
        return this.primary(noStruct)
      case 'return':
      case 'break':
      case 'yield':
      case 'box':
        this.i++
        if (this.peek()?.k === 'life') this.i++
        if (this.peek() === undefined || (this.peek()!.k === 'punct' && STOP.has(this.peek()!.v))) return { k: 'other', kids: [], line }
        return { k: 'other', kids: [this.expr(noStruct)], line }
      case 'continue':
        this.i++
        if (this.peek()?.k === 'life') this.i++
        return { k: 'other', kids: [], line }
      case 'if':
      case 'while':
        return this.conditional()
      case 'for': {
        this.i++
        while (this.i < this.t.length && !this.is('in') && !this.is('{')) this.i++
        if (this.is('in')) this.i++
        const iter = this.expr(true)
        return { k: 'other', kids: [iter, ...(this.is('{') ? [this.primary(false)] : [])], line }
      }
      case 'match':
        return this.match()
      case 'let': {
        // `if let PAT = EXPR`, `while let …`.
        this.i++
        while (this.i < this.t.length && !this.is('=') && !this.is('{') && !this.is(';')) {
          if (this.is('(') || this.is('[')) this.skipGroup()
          else this.i++
        }
        if (this.is('=')) this.i++
        return this.expr(true)
      }
      case 'true':
      case 'false':
      case 'self':
        if (x.v !== 'self' || !this.is('::', 1)) {
          this.i++
          return x.v === 'self' ? { k: 'path', segs: ['self'], line } : { k: 'other', kids: [], line }
        }
    }
    return this.path(noStruct)
  }

  /** A path (`a::b::<T>::c`, `<T as Trait>::f`), then a macro call or a struct literal when one follows. */
  path(noStruct: boolean): Expr {
    const line = this.line()
    const segs: string[] = []
    if (this.is('<')) {
      // `<Type as Trait>::f`: the type's path, then what follows `>::`.
      this.i++
      while (this.i < this.t.length && !this.is('>') && !this.is('as')) {
        const x = this.t[this.i]!
        if (x.k === 'id') segs.push(x.v)
        if (this.is('<')) this.skipAngles()
        else this.i++
      }
      while (this.i < this.t.length && !this.is('>')) {
        if (this.is('<')) this.skipAngles()
        else this.i++
      }
      if (this.is('>')) this.i++
    }
    for (;;) {
      if (this.is('::')) {
        this.i++
        if (this.is('<')) {
          this.skipAngles()
          continue
        }
      }
      const x = this.peek()
      if (x?.k !== 'id') break
      segs.push(x.v)
      this.i++
      if (!this.is('::')) break
    }
    if (segs.length === 0) {
      this.i++
      return { k: 'other', kids: [], line }
    }
    if (this.is('!') && (this.is('(', 1) || this.is('[', 1) || this.is('{', 1))) {
      this.i++
      if (this.is('{')) {
        this.skipGroup()
        return { k: 'macro', segs, args: [], line }
      }
      return { k: 'macro', segs, args: this.list(), line }
    }
    if (this.is('{') && !noStruct && /^[A-Z]/.test(segs[segs.length - 1]!)) {
      return { k: 'other', kids: this.structFields(), line }
    }
    return { k: 'path', segs, line }
  }

  /** `Name { field: expr, short, ..base }`: the field values. */
  structFields(): Expr[] {
    const out: Expr[] = []
    this.i++
    while (this.i < this.t.length && !this.is('}')) {
      const before = this.i
      if (this.is(',')) {
        this.i++
        continue
      }
      if (this.peek()?.k === 'id' && this.is(':', 1)) this.i += 2
      else if (this.is('..')) this.i++
      out.push(this.expr(false))
      if (this.i === before) this.i++
    }
    if (this.is('}')) this.i++
    return out
  }

  closure(): Expr {
    const line = this.line()
    const params: string[] = []
    if (this.is('||')) this.i++
    else {
      this.i++
      let depth = 0
      let expectName = true
      while (this.i < this.t.length && !(depth === 0 && this.is('|'))) {
        const x = this.t[this.i]!
        if (x.k === 'punct' && (x.v === '(' || x.v === '[' || x.v === '<')) depth++
        else if (x.k === 'punct' && (x.v === ')' || x.v === ']' || x.v === '>')) depth--
        else if (x.k === 'punct' && x.v === ',' && depth === 0) expectName = true
        else if (x.k === 'punct' && x.v === ':' && depth === 0) expectName = false
        else if (x.k === 'id' && expectName && depth === 0 && x.v !== 'mut' && x.v !== 'ref') {
          params.push(x.v)
          expectName = false
        }
        if (x.k === 'punct' && (x.v === ';' || x.v === '{' || x.v === '}')) break
        this.i++
      }
      if (this.is('|')) this.i++
    }
    if (this.is('->')) {
      this.i++
      while (this.i < this.t.length && !this.is('{')) {
        if (this.is('<')) this.skipAngles()
        else this.i++
      }
    }
    const body = this.expr(false)
    return { k: 'closure', params, body, line, end: this.t[this.i - 1]?.line ?? line }
  }

  conditional(): Expr {
    const line = this.line()
    this.i++
    const kids: Expr[] = [this.expr(true)]
    if (this.is('{')) kids.push(this.primary(false))
    while (this.is('else')) {
      this.i++
      if (this.is('if')) {
        kids.push(this.conditional())
        break
      }
      if (this.is('{')) kids.push(this.primary(false))
    }
    return { k: 'other', kids, line }
  }

  match(): Expr {
    const line = this.line()
    this.i++
    const kids: Expr[] = [this.expr(true)]
    if (!this.is('{')) return { k: 'other', kids, line }
    this.i++
    while (this.i < this.t.length && !this.is('}')) {
      const before = this.i
      while (this.i < this.t.length && !this.is('=>') && !this.is('}')) {
        if (this.is('if')) {
          this.i++
          kids.push(this.expr(true))
          continue
        }
        if (this.peek()!.k === 'punct' && OPEN[this.peek()!.v] !== undefined) this.skipGroup()
        else this.i++
      }
      if (this.is('=>')) {
        this.i++
        kids.push(this.expr(false))
      }
      if (this.is(',')) this.i++
      if (this.i === before) this.i++
    }
    if (this.is('}')) this.i++
    return { k: 'other', kids, line }
  }
}
