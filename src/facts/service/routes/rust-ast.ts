import type { Tok } from './rust-lex.js'

/**
 * The Rust syntax the route scan models (see rust-syntax.ts for the reader): expression trees of
 * calls, method chains, macros, closures and blocks; statements; functions with their attributes
 * and parameters; attributes of structs and impl blocks; `use` names; string constants.
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
