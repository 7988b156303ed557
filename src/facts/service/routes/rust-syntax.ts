import type { Tok } from './rust-lex.js'

/**
 * A tolerant reader of Rust items and expressions, enough to follow how a service builds its
 * router: functions (with attributes, parameters and inline-module path), `use` declarations
 * (aliases), string constants, attributes on structs and impl blocks, and expression trees of
 * calls, method chains, macros, closures and blocks. Anything it does not model becomes an `other`
 * node that keeps its children, so nothing below it is lost. It never throws on odd input and
 * always advances; nesting deeper than MAX_DEPTH is skipped as one balanced group.
 */

export type Expr =
  | { readonly k: 'path'; readonly segs: readonly string[]; readonly line: number }
  | { readonly k: 'str'; readonly v: string; readonly line: number }
  | { readonly k: 'call'; readonly callee: Expr; readonly args: readonly Expr[]; readonly line: number }
  | { readonly k: 'method'; readonly recv: Expr; readonly name: string; readonly args: readonly Expr[]; readonly line: number }
  | { readonly k: 'field'; readonly recv: Expr; readonly name: string; readonly line: number }
  | { readonly k: 'macro'; readonly segs: readonly string[]; readonly args: readonly Expr[]; readonly line: number }
  | { readonly k: 'closure'; readonly params: readonly string[]; readonly body: Expr; readonly line: number; readonly end: number }
  | { readonly k: 'block'; readonly stmts: readonly Stmt[]; readonly line: number; readonly end: number }
  | { readonly k: 'list'; readonly items: readonly Expr[]; readonly line: number }
  | { readonly k: 'assign'; readonly target: Expr; readonly value: Expr; readonly line: number }
  | { readonly k: 'other'; readonly kids: readonly Expr[]; readonly line: number }

export type Stmt = { readonly k: 'let'; readonly name?: string; readonly init?: Expr; readonly line: number } | { readonly k: 'expr'; readonly e: Expr; readonly line: number }

export interface Attr {
  /** `get`, `actix_web::get`, `routes::routes`, `oai`. */
  readonly path: readonly string[]
  /** The tokens inside the attribute's parentheses (bounded). */
  readonly args: readonly Tok[]
  readonly line: number
}

export interface RsFn {
  readonly name: string
  readonly line: number
  /** Last line of the body (or of the signature when there is none). */
  readonly end: number
  readonly attrs: readonly Attr[]
  /** Parameter names with the text of their types (`cfg` → `&mut ServiceConfig`). */
  readonly params: readonly { readonly name: string; readonly type: string }[]
  readonly body: readonly Stmt[] | null
  /** Inline modules (`mod docs { … }`) around it, outermost first. */
  readonly mods: readonly string[]
  /** The type of the `impl` block it is a method of. */
  readonly impl?: string
}

export interface RsItemAttrs {
  /** Struct or impl type name. */
  readonly name: string
  readonly kind: 'struct' | 'impl'
  readonly attrs: readonly Attr[]
  readonly line: number
  readonly mods: readonly string[]
}

export interface RsFile {
  readonly fns: readonly RsFn[]
  /** `use a::b as c;` and `use a::b;` — the name in scope and the path it stands for. */
  readonly uses: readonly { readonly name: string; readonly path: readonly string[]; readonly mods: readonly string[] }[]
  /** `const X: &str = "…";` / `static`. */
  readonly consts: ReadonlyMap<string, string>
  readonly items: readonly RsItemAttrs[]
}

const MAX_DEPTH = 120
const MAX_ATTR_TOKENS = 4000
const OPEN: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' }
const STOP = new Set([')', ']', '}', ',', ';', '=>'])
const ITEM_KEYWORDS = new Set(['fn', 'struct', 'enum', 'union', 'trait', 'impl', 'mod', 'use', 'const', 'static', 'type', 'extern', 'macro_rules'])
const QUALIFIERS = new Set(['pub', 'async', 'unsafe', 'default', 'const', 'extern'])
const BINARY = new Set(['+', '-', '*', '/', '%', '^', '&', '|', '&&', '||', '==', '!=', '<', '>', '<=', '>=', '..', '+=', '-=', '*=', '/=', '%=', '^=', '&=', '|=', '=', '<<', '>>', '@'])

export function parseRust(toks: readonly Tok[]): RsFile {
  const p = new Parser(toks)
  p.items(toks.length, [], undefined)
  return { fns: p.fns, uses: p.uses, consts: p.consts, items: p.itemAttrs }
}

class Parser {
  i = 0
  depth = 0
  readonly fns: RsFn[] = []
  readonly uses: { name: string; path: string[]; mods: readonly string[] }[] = []
  readonly consts = new Map<string, string>()
  readonly itemAttrs: RsItemAttrs[] = []

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
  items(end: number, mods: readonly string[], impl: string | undefined): void {
    while (this.i < end && !this.is('}')) {
      const before = this.i
      this.item(mods, impl)
      if (this.i === before) this.i++
    }
  }

  item(mods: readonly string[], impl: string | undefined): void {
    const attrs = this.attrs()
    if (this.is('pub')) {
      this.i++
      if (this.is('(')) this.skipGroup()
    }
    // `async`, `unsafe`, `extern "C"`, `default`, and `const` when a function follows (`const fn`).
    while (this.peek()?.k === 'id' && QUALIFIERS.has(this.peek()!.v) && !(this.is('const') && !this.is('fn', 1) && !this.is('unsafe', 1) && !this.is('async', 1))) {
      this.i++
      if (this.peek()?.k === 'str') this.i++
    }
    const kw = this.peek()
    if (!kw) return
    // Test code (`#[cfg(test)] mod tests { … }`, `#[test] fn …`) serves no route.
    if (attrs.some(isTestAttr)) return this.skipItem()
    if (kw.k === 'id' && kw.v === 'fn') return this.fn(attrs, mods, impl)
    if (kw.k === 'id' && kw.v === 'mod' && this.peek(1)?.k === 'id') {
      const name = this.peek(1)!.v
      this.i += 2
      if (this.is('{')) {
        this.i++
        this.items(this.t.length, [...mods, name], undefined)
        if (this.is('}')) this.i++
      } else if (this.is(';')) this.i++
      return
    }
    if (kw.k === 'id' && (kw.v === 'impl' || kw.v === 'trait')) return this.implBlock(attrs, mods, kw.v === 'impl')
    if (kw.k === 'id' && kw.v === 'use') return this.use(mods)
    if (kw.k === 'id' && (kw.v === 'const' || kw.v === 'static') && this.peek(1)?.k === 'id') {
      this.i++
      if (this.is('mut')) this.i++
      const name = this.peek()?.v ?? ''
      while (this.i < this.t.length && !this.is('=') && !this.is(';')) this.i++
      if (this.is('=')) {
        this.i++
        if (this.is('&')) this.i++
        const v = this.peek()
        if (v?.k === 'str' && this.is(';', 1)) this.consts.set(name, v.v)
      }
      return this.skipItem()
    }
    if (kw.k === 'id' && kw.v === 'struct' && this.peek(1)?.k === 'id') {
      if (attrs.length > 0) this.itemAttrs.push({ name: this.peek(1)!.v, kind: 'struct', attrs, line: kw.line, mods })
      return this.skipItem()
    }
    if (kw.k === 'id' && ITEM_KEYWORDS.has(kw.v)) return this.skipItem()
    // A macro invocation at item level (`lazy_static! { … }`), or anything else: skip it.
    this.skipItem()
  }

  /** Skips to the end of an item: a `;` outside brackets, or the end of its first top-level `{…}`. */
  skipItem(): void {
    while (this.i < this.t.length) {
      const x = this.t[this.i]!
      if (x.k === 'punct' && x.v === ';') {
        this.i++
        return
      }
      if (x.k === 'punct' && x.v === '}') return
      if (x.k === 'punct' && x.v === '{') {
        this.skipGroup()
        if (this.is(';')) this.i++
        return
      }
      if (x.k === 'punct' && OPEN[x.v] !== undefined) this.skipGroup()
      else this.i++
    }
  }

  implBlock(attrs: Attr[], mods: readonly string[], isImpl: boolean): void {
    const line = this.line()
    this.i++
    this.skipAngles()
    // The self type: the last path before `{`/`where` (after `for` when a trait is implemented).
    let name = ''
    while (this.i < this.t.length && !this.is('{') && !this.is(';') && !this.is('where')) {
      const x = this.t[this.i]!
      if (x.k === 'id' && x.v !== 'for' && x.v !== 'dyn' && x.v !== 'mut') name = x.v
      if (x.k === 'id' && x.v === 'for') name = ''
      if (x.k === 'punct' && x.v === '<') {
        this.skipAngles()
        continue
      }
      this.i++
    }
    while (this.i < this.t.length && !this.is('{') && !this.is(';')) this.i++
    if (isImpl && attrs.length > 0 && name) this.itemAttrs.push({ name, kind: 'impl', attrs, line, mods })
    if (!this.is('{')) {
      if (this.is(';')) this.i++
      return
    }
    this.i++
    this.items(this.t.length, mods, isImpl ? name : undefined)
    if (this.is('}')) this.i++
  }

  use(mods: readonly string[]): void {
    this.i++
    const start = this.i
    while (this.i < this.t.length && !this.is(';') && !this.is('}')) {
      if (this.is('{')) this.skipGroup()
      else this.i++
    }
    this.useTree(this.t.slice(start, this.i), [], mods)
    if (this.is(';')) this.i++
  }

  /** `a::b::{c, d::e as f, self}` → names in scope with the paths they stand for. */
  useTree(toks: readonly Tok[], prefix: readonly string[], mods: readonly string[]): void {
    const path = [...prefix]
    for (let k = 0; k < toks.length; k++) {
      const x = toks[k]!
      if (x.k === 'id' && x.v !== 'as') path.push(x.v)
      else if (x.v === '{') {
        let depth = 1
        let from = k + 1
        for (let j = k + 1; j < toks.length && depth > 0; j++) {
          const y = toks[j]!
          if (y.v === '{') depth++
          else if (y.v === '}') depth--
          if ((y.v === ',' && depth === 1) || depth === 0) {
            this.useTree(toks.slice(from, j), path, mods)
            from = j + 1
          }
        }
        return
      } else if (x.k === 'id' || x.v === 'as') {
        const alias = toks[k + 1]
        if (alias?.k === 'id' && alias.v !== '_') this.uses.push({ name: alias.v, path, mods })
        return
      }
      if (toks[k + 1]?.v === 'as') {
        const alias = toks[k + 2]
        if (alias?.k === 'id' && alias.v !== '_') this.uses.push({ name: alias.v, path: [...path], mods })
        return
      }
    }
    const last = path[path.length - 1]
    if (last === 'self' && path.length > 1) this.uses.push({ name: path[path.length - 2]!, path: path.slice(0, -1), mods })
    else if (last !== undefined && last !== '*' && path.length > prefix.length) this.uses.push({ name: last, path, mods })
  }

  fn(attrs: Attr[], mods: readonly string[], impl: string | undefined): void {
    const line = this.line()
    this.i++
    const name = this.peek()?.k === 'id' ? this.peek()!.v : ''
    this.i++
    this.skipAngles()
    const params: { name: string; type: string }[] = []
    if (this.is('(')) {
      const open = this.i
      this.skipGroup()
      params.push(...paramsOf(this.t.slice(open + 1, this.i - 1)))
    }
    while (this.i < this.t.length && !this.is('{') && !this.is(';') && !this.is('}')) {
      if (this.is('(') || this.is('[')) this.skipGroup()
      else this.i++
    }
    let body: Stmt[] | null = null
    let end = line
    if (this.is('{')) {
      // Only bodies that name a routing method or constructor are parsed; handlers and the
      // rest of a code base are skipped as one balanced group (most of the text, and of the cost).
      const open = this.i
      end = this.skipGroup()
      if (!attrs.some(isRouteAttr) && mentionsRouting(this.t, open, this.i)) {
        this.i = open
        const b = this.block()
        body = [...b.stmts]
        end = b.end
      }
    } else if (this.is(';')) this.i++
    this.fns.push({ name, line, end, attrs, params, body, mods, ...(impl ? { impl } : {}) })
  }

  block(): { stmts: Stmt[]; line: number; end: number } {
    const line = this.line()
    if (this.depth > MAX_DEPTH) return { stmts: [], line, end: this.skipGroup() }
    this.depth++
    this.i++
    const stmts: Stmt[] = []
    while (this.i < this.t.length && !this.is('}')) {
      const before = this.i
      const s = this.stmt()
      if (s) stmts.push(s)
      if (this.i === before) this.i++
    }
    const end = this.line()
    if (this.is('}')) this.i++
    this.depth--
    return { stmts, line, end }
  }

  stmt(): Stmt | undefined {
    if (this.is(';')) {
      this.i++
      return undefined
    }
    const save = this.i
    const attrs = this.attrs()
    const x = this.peek()
    if (!x) return undefined
    if (x.k === 'id' && x.v === 'let') {
      const line = x.line
      this.i++
      const names: string[] = []
      while (this.i < this.t.length && !this.is('=') && !this.is(';') && !this.is(':') && !this.is('}')) {
        const y = this.t[this.i]!
        if (y.k === 'id' && y.v !== 'mut' && y.v !== 'ref') names.push(y.v)
        if (y.k === 'punct' && OPEN[y.v] !== undefined) {
          this.skipGroup()
          names.push('', '')
          continue
        }
        this.i++
      }
      if (this.is(':')) {
        while (this.i < this.t.length && !this.is('=') && !this.is(';') && !this.is('}')) {
          if (this.is('<')) this.skipAngles()
          else if (this.is('(') || this.is('[')) this.skipGroup()
          else this.i++
        }
      }
      let init: Expr | undefined
      if (this.is('=')) {
        this.i++
        init = this.expr(false)
        if (this.is('else') && this.is('{', 1)) {
          this.i++
          this.block()
        }
      }
      if (this.is(';')) this.i++
      const name = names.length === 1 ? names[0] : undefined
      return { k: 'let', ...(name ? { name } : {}), ...(init ? { init } : {}), line }
    }
    const isItem = x.k === 'id' && (ITEM_KEYWORDS.has(x.v) || x.v === 'pub') && !(x.v === 'const' && this.is('{', 1)) && !(x.v === 'unsafe' && this.is('{', 1))
    if (isItem || (attrs.length > 0 && x.k === 'id' && (x.v === 'fn' || x.v === 'async'))) {
      this.i = save
      this.item([], undefined)
      return undefined
    }
    const line = x.line
    const e = this.expr(false)
    if (this.is(';')) this.i++
    return { k: 'expr', e, line }
  }

  /** A comma-separated list up to the closing bracket of the group whose opener is at `this.i`. */
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

/** Identifiers without which a function body builds no router. */
const ROUTING_IDS = new Set(['route', 'api_route', 'api_route_with', 'route_with', 'route_service', 'nest', 'nest_service', 'nest_api_service', 'nest_no_strip', 'merge', 'service', 'services', 'configure', 'mount', 'routes', 'openapi_get_routes', 'at', 'add', 'prefix', 'scope', 'resource', 'warp', 'path', 'OpenApiService', 'append', 'extend'])
const ROUTE_ATTRS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'route', 'oai'])

function mentionsRouting(toks: readonly Tok[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (toks[k]!.k === 'id' && ROUTING_IDS.has(toks[k]!.v)) return true
  return false
}

/** A route attribute: the function is a handler, its body builds no router. */
function isRouteAttr(a: Attr): boolean {
  return ROUTE_ATTRS.has(a.path[a.path.length - 1] ?? '') && a.args.length > 0
}

/** `#[test]`, `#[tokio::test]`, `#[cfg(test)]` (not `#[cfg(not(test))]`). */
function isTestAttr(a: Attr): boolean {
  const last = a.path[a.path.length - 1]
  if (last === 'test') return true
  return last === 'cfg' && a.args.length === 1 && a.args[0]!.v === 'test'
}

/** `cfg: &mut ServiceConfig, rate: &RateLimit` → names with their type text. */
function paramsOf(toks: readonly Tok[]): { name: string; type: string }[] {
  const out: { name: string; type: string }[] = []
  let depth = 0
  let name: string | undefined
  let type: string[] = []
  let inType = false
  const flush = (): void => {
    if (name !== undefined) out.push({ name, type: type.join(' ').slice(0, 200) })
    name = undefined
    type = []
    inType = false
  }
  for (const x of toks) {
    if (x.k === 'punct' && (x.v === '(' || x.v === '[' || x.v === '<' || x.v === '{')) depth++
    if (x.k === 'punct' && (x.v === ')' || x.v === ']' || x.v === '>' || x.v === '}')) depth--
    if (x.k === 'punct' && x.v === ',' && depth === 0) {
      flush()
      continue
    }
    if (!inType && depth === 0 && x.k === 'punct' && x.v === ':') {
      inType = true
      continue
    }
    if (inType) type.push(x.v)
    else if (x.k === 'id' && x.v !== 'mut' && x.v !== 'ref') name = x.v
  }
  flush()
  return out
}
