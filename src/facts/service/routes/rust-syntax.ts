import type { Attr, Expr, RsFile, RsFn, RsItemAttrs, Stmt } from './rust-ast.js'
import { OPEN } from './rust-cursor.js'
import { ExprReader, MAX_DEPTH } from './rust-expr.js'
import type { Tok } from './rust-lex.js'

export type { Attr, Expr, RsFile, RsFn, RsItemAttrs, Stmt } from './rust-ast.js'

/**
 * A tolerant reader of Rust items and expressions, enough to follow how a service builds its
 * router: functions (with attributes, parameters and inline-module path), `use` declarations
 * (aliases), string constants, attributes on structs and impl blocks, and expression trees of
 * calls, method chains, macros, closures and blocks. Anything it does not model becomes an `other`
 * node that keeps its children, so nothing below it is lost. It never throws on odd input and
 * always advances; nesting deeper than MAX_DEPTH is skipped as one balanced group.
 */

const ITEM_KEYWORDS = new Set(['fn', 'struct', 'enum', 'union', 'trait', 'impl', 'mod', 'use', 'const', 'static', 'type', 'extern', 'macro_rules'])
const QUALIFIERS = new Set(['pub', 'async', 'unsafe', 'default', 'const', 'extern'])

export function parseRust(toks: readonly Tok[]): RsFile {
  const p = new Parser(toks)
  p.items(toks.length, [], undefined)
  return { fns: p.fns, uses: p.uses, consts: p.consts, items: p.itemAttrs }
}

class Parser extends ExprReader {
  readonly fns: RsFn[] = []
  readonly uses: { name: string; path: string[]; mods: readonly string[] }[] = []
  readonly consts = new Map<string, string>()
  readonly itemAttrs: RsItemAttrs[] = []

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
