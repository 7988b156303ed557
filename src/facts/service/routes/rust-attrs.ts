import type { Tok } from './rust-lex.js'
import type { Attr, RsFn } from './rust-syntax.js'

/**
 * Routes written as attributes: `#[get("/alive")]` (Rocket, actix-web, also `#[actix_web::get]`,
 * `#[rocket::head]`), `#[route("/x", method = "GET", method = "HEAD")]` (actix) and
 * `#[route(GET, uri = "/x")]` (Rocket), poem-openapi's `#[oai(path = "/x", method = "get")]`;
 * and route tables in an attribute (a routing macro of the code base): `"/health" => get(h)`,
 * `"" => [get(a), patch(b)]`, `"/tasks" => sub(tasks::TaskApi)`.
 */

export interface AttrRoute {
  readonly path: string
  readonly methods: readonly string[]
  readonly line: number
}

const VERBS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace', 'connect'])

/** The route a function's attributes declare, or undefined. */
export function attrRoute(fn: RsFn): AttrRoute | undefined {
  for (const a of fn.attrs) {
    const last = a.path[a.path.length - 1]
    if (last === undefined) continue
    if (VERBS.has(last) && a.args[0]?.k === 'str') return { path: clean(a.args[0].v), methods: [last.toUpperCase()], line: a.line }
    if (last === 'route' && a.args.length > 0) {
      const path = a.args[0]!.k === 'str' ? a.args[0]!.v : named(a.args, 'uri') ?? named(a.args, 'path')
      if (path === undefined) continue
      const methods = [...a.args.filter((t, k) => t.k === 'str' && a.args[k - 2]?.v === 'method').map((t) => t.v.toUpperCase()), ...(a.args[0]!.k === 'id' ? [a.args[0]!.v.toUpperCase()] : [])]
      return { path: clean(path), methods: methods.length > 0 ? methods : ['ANY'], line: a.line }
    }
    if (last === 'oai') {
      const path = named(a.args, 'path')
      if (path === undefined) continue
      const method = named(a.args, 'method') ?? idAfter(a.args, 'method')
      return { path: clean(path), methods: [method ? method.toUpperCase() : 'ANY'], line: a.line }
    }
  }
  return undefined
}

/** `prefix_path = "/v1"` of poem-openapi's `#[OpenApi(…)]` on an impl block. */
export function openApiPrefix(attrs: readonly Attr[]): string | undefined {
  const a = attrs.find((x) => x.path[x.path.length - 1] === 'OpenApi')
  return a ? named(a.args, 'prefix_path') : undefined
}

export function isOpenApiImpl(attrs: readonly Attr[]): boolean {
  return attrs.some((x) => x.path[x.path.length - 1] === 'OpenApi')
}

/** Rocket's `/?<query..>` keeps the path part only. */
function clean(path: string): string {
  const q = path.indexOf('?')
  return q >= 0 ? path.slice(0, q) : path
}

/** The string after `name =` in attribute tokens. */
function named(toks: readonly Tok[], name: string): string | undefined {
  for (let k = 0; k + 2 < toks.length; k++) if (toks[k]!.k === 'id' && toks[k]!.v === name && toks[k + 1]!.v === '=' && toks[k + 2]!.k === 'str') return toks[k + 2]!.v
  return undefined
}

/** `method = Get` written as an identifier. */
function idAfter(toks: readonly Tok[], name: string): string | undefined {
  for (let k = 0; k + 2 < toks.length; k++) if (toks[k]!.k === 'id' && toks[k]!.v === name && toks[k + 1]!.v === '=' && toks[k + 2]!.k === 'id') return toks[k + 2]!.v
  return undefined
}

export type TableEntry =
  | { readonly kind: 'route'; readonly path: string; readonly method: string; readonly handler: readonly string[]; readonly line: number }
  | { readonly kind: 'sub'; readonly path: string; readonly target: readonly string[]; readonly line: number }

/**
 * `"PATH" => verb(handler)`, `"PATH" => [verb(h), …]` and `"PATH" => name(path::Type)` entries in
 * an attribute's tokens: a route per verb, a sub-table mount for anything else.
 */
export function tableEntries(toks: readonly Tok[]): TableEntry[] {
  const out: TableEntry[] = []
  for (let k = 0; k + 2 < toks.length && out.length < 500; k++) {
    const s = toks[k]!
    if (s.k !== 'str' || toks[k + 1]!.v !== '=>') continue
    let j = k + 2
    const list = toks[j]!.v === '['
    if (list) j++
    while (j < toks.length) {
      const fn = toks[j]
      if (fn?.k !== 'id' || toks[j + 1]?.v !== '(') break
      // The arguments: a path up to the closing parenthesis.
      const target: string[] = []
      let m = j + 2
      for (; m < toks.length && toks[m]!.v !== ')'; m++) if (toks[m]!.k === 'id') target.push(toks[m]!.v)
      if (VERBS.has(fn.v)) out.push({ kind: 'route', path: s.v, method: fn.v.toUpperCase(), handler: target, line: fn.line })
      else if (target.length > 0) out.push({ kind: 'sub', path: s.v, target, line: fn.line })
      j = m + 1
      if (!list || toks[j]?.v !== ',') break
      j++
    }
  }
  return out
}
