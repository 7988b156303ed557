import type { Resolved } from '../text.js'
import { attrRoute } from './rust-attrs.js'
import type { FnRef } from './rust-index.js'
import { fnNode, RouteSink, type NodeId } from './rust-sink.js'
import type { Expr, Stmt } from './rust-syntax.js'
import { handlerInfo, pathValue, warpSegments } from './rust-values.js'

/**
 * Follows how one function builds routers. A router value flows through method chains: the
 * constructors (`Router::new()`, `App::new()`, `web::scope("/x")`, `web::resource("/x")`,
 * `rocket::build()`, `tide::new()`, warp filters) start one; `.route`, `.nest`, `.merge`,
 * `.service`, `.configure`, `.mount`, `.at`, `.add` add routes and mounts to the router node the
 * value belongs to, under the prefix it carries. Routers are the function itself, its local
 * router variables (`let api = Router::new()…`), attribute-route tables and poem-openapi impls.
 * A local variable that is never nested elsewhere in the function is part of the function's
 * router (what the function returns or serves).
 */

interface State {
  readonly node: NodeId
  readonly prefix: readonly Resolved[]
  /** actix `web::resource(p)`: the resource's full path. */
  readonly resource?: readonly Resolved[]
  /** tide `.at(p)`: the route's full path. */
  readonly at?: readonly Resolved[]
  readonly warp?: { segs: Resolved[]; methods: string[]; handled: boolean }
}

interface Scope {
  readonly ref: FnRef
  readonly node: NodeId
  readonly vars: Map<string, NodeId>
  readonly nested: Set<string>
  /** Builder parameters (`cfg: &mut ServiceConfig`) and closure parameters of `.configure`. */
  readonly aliases: Map<string, State>
}

const AXUM_ROUTE = new Set(['route', 'api_route', 'api_route_with', 'route_with', 'route_service', 'at', 'add'])
const NEST = new Set(['nest', 'nest_service', 'nest_api_service', 'nest_no_strip'])
const VEC_ADD = new Set(['append', 'extend', 'push', 'extend_from_slice'])
const VERB_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'all'])
const ROUTES_MACROS = new Set(['routes', 'openapi_get_routes', 'services'])
/** Constructors of a router value, by their last two path segments (or the last one). */
const ROUTERS = new Set(['Router::new', 'ApiRouter::new', 'App::new', 'Route::new', 'Routes::new', 'rocket::build', 'rocket::custom', 'Rocket::build', 'Rocket::custom', 'tide::new', 'tide::with_state', 'Server::new', 'Server::with_state', 'AppRoutes::with_default_routes', 'AppRoutes::empty', 'Router::with_state'])
/** Methods of a router value that give something else (poem-openapi's UI and spec endpoints). */
const DOCS_METHODS = new Set(['swagger_ui', 'spec_endpoint', 'spec_endpoint_yaml', 'redoc', 'rapidoc', 'scalar', 'openapi_explorer', 'spec', 'spec_yaml'])
const SCOPES = new Set(['scope', 'Scope::new'])
const RESOURCES = new Set(['resource', 'Resource::new'])

export class RustWalker extends RouteSink {
  walkFn(ref: FnRef): void {
    if (!ref.fn.body) return
    const node = this.node(fnNode(ref))
    const scope: Scope = { ref, node, vars: new Map(), nested: new Set(), aliases: new Map() }
    for (const p of ref.fn.params) if (/\bServiceConfig\b/.test(p.type)) scope.aliases.set(p.name, { node, prefix: [] })
    for (const s of ref.fn.body) this.stmt(s, scope)
    for (const [name, id] of scope.vars) if (!scope.nested.has(name)) this.mount(node, id, [])
  }

  private stmt(s: Stmt, scope: Scope): void {
    if (s.k === 'expr') return this.walk(s.e, scope)
    if (!s.init) return
    if (s.name !== undefined && this.isBuilder(s.init, scope)) {
      const id = scope.vars.get(s.name) ?? this.node({ file: scope.node.file, name: `${scope.node.name}#${s.name}` })
      scope.vars.set(s.name, id)
      this.chain(s.init, scope, { node: id, prefix: [] }, true)
      return
    }
    this.walk(s.init, scope)
  }

  /** Any expression: router chains are followed, everything else is searched for them. */
  private walk(e: Expr, scope: Scope): void {
    switch (e.k) {
      case 'method':
      case 'call':
      case 'macro':
      case 'field':
        if (this.chain(e, scope, { node: scope.node, prefix: [] }, false)) return
        if (e.k === 'method' || e.k === 'field') this.walk(e.recv, scope)
        if (e.k === 'call') this.walk(e.callee, scope)
        if (e.k !== 'field') for (const a of e.args) this.walk(a, scope)
        return
      case 'closure':
        return this.walk(e.body, scope)
      case 'block':
        for (const s of e.stmts) this.stmt(s, scope)
        return
      case 'list':
        for (const x of e.items) this.walk(x, scope)
        return
      case 'other':
        for (const x of e.kids) this.walk(x, scope)
        return
      case 'assign':
        if (e.target.k === 'path' && e.target.segs.length === 1 && scope.vars.has(e.target.segs[0]!)) {
          this.chain(e.value, scope, { node: scope.vars.get(e.target.segs[0]!)!, prefix: [] }, true)
          return
        }
        return this.walk(e.value, scope)
      default:
    }
  }

  /** Whether an expression starts a router value (a constructor, a router variable, a function of the parsed files). */
  private isBuilder(e: Expr, scope: Scope): boolean {
    if (e.k === 'method' && DOCS_METHODS.has(e.name)) return false
    let root = e
    while (root.k === 'method' || root.k === 'field') root = root.recv
    if (root.k === 'path' && root.segs.length === 1) return scope.vars.has(root.segs[0]!) || scope.aliases.has(root.segs[0]!)
    if (root.k === 'macro') return ROUTES_MACROS.has(last(root.segs)) || (last(root.segs) === 'path' && this.isWarpFile(scope))
    if (root.k !== 'call' || root.callee.k !== 'path') return false
    const segs = root.callee.segs
    return this.ctor(segs, scope) !== undefined || this.index.resolve(scope.ref.file, scope.ref.fn.mods, segs).length > 0
  }

  private isWarpFile(scope: Scope): boolean {
    return this.ctx.src.text(scope.ref.file)?.includes('warp') === true
  }

  private ctor(segs: readonly string[], scope: Scope): 'router' | 'scope' | 'resource' | 'warp' | 'openapi' | undefined {
    const two = segs.slice(-2).join('::')
    const one = last(segs)
    if (ROUTERS.has(two) || (one === 'new' && segs.length === 1)) return ROUTERS.has(two) ? 'router' : undefined
    if (two === 'OpenApiService::new') return 'openapi'
    if (SCOPES.has(two) || (one === 'scope' && (segs.length === 1 || segs[segs.length - 2] === 'web'))) return 'scope'
    if (RESOURCES.has(two) || (one === 'resource' && (segs.length === 1 || segs[segs.length - 2] === 'web'))) return 'resource'
    if (segs[0] === 'warp' || ((one === 'path' || one === 'any') && segs.length === 1 && this.isWarpFile(scope))) return 'warp'
    return undefined
  }

  /**
   * Follows a method chain from its root; false when the root starts no router value. `bind`:
   * the value is being stored into `base.node` (a `let` or an assignment), so a different router
   * variable at its root is nested into it.
   */
  chain(e: Expr, scope: Scope, base: State, bind: boolean): boolean {
    const methods: Extract<Expr, { k: 'method' }>[] = []
    let root = e
    while (root.k === 'method' || root.k === 'field') {
      if (root.k === 'method') methods.unshift(root)
      root = root.recv
    }
    let st = this.root(root, scope, base, bind)
    if (st === undefined) return false
    for (const m of methods) st = this.apply(m, st, scope)
    if (st.warp?.handled) this.warpRoute(st, scope, e.line)
    return true
  }

  private root(root: Expr, scope: Scope, base: State, bind: boolean): State | undefined {
    if (root.k === 'path' && root.segs.length === 1) {
      const name = root.segs[0]!
      const alias = scope.aliases.get(name)
      if (alias) return alias
      const id = scope.vars.get(name)
      if (!id) return undefined
      if (!bind) return { node: id, prefix: [] }
      if (id.name !== base.node.name) {
        this.mount(base.node, id, base.prefix)
        scope.nested.add(name)
      }
      return base
    }
    if (root.k === 'macro') {
      const m = last(root.segs)
      if (ROUTES_MACROS.has(m)) {
        for (const a of root.args) this.handlerRef(a, scope, base.prefix)
        return base
      }
      if (m === 'path' && this.isWarpFile(scope)) return { ...base, warp: { segs: warpSegments(root.args, scope.ref.file, this.index), methods: [], handled: false } }
      return undefined
    }
    if (root.k !== 'call' || root.callee.k !== 'path') return undefined
    const segs = root.callee.segs
    const kind = this.ctor(segs, scope)
    const arg = (): Resolved[] => pathValue(root.args[0], scope.ref.file, this.index)
    switch (kind) {
      case 'router':
        return base
      case 'scope':
        return { node: base.node, prefix: [...base.prefix, ...arg()] }
      case 'resource':
        return { node: base.node, prefix: base.prefix, resource: [...base.prefix, ...arg()] }
      case 'warp':
        return this.warpRoot(segs, root.args, base, scope)
      case 'openapi': {
        const first = root.args[0]
        const types = first?.k === 'list' ? first.items : first ? [first] : []
        for (const t of types) if (t.k === 'path') for (const id of this.impls.get(last(t.segs)) ?? []) this.mount(base.node, id, base.prefix)
        return base
      }
      default: {
        const refs = this.index.resolve(scope.ref.file, scope.ref.fn.mods, segs)
        if (refs.length === 0) return undefined
        // A call handing a builder parameter on (`api::config(cfg, …)`) mounts under that builder.
        const alias = root.args.map((a) => (a.k === 'path' && a.segs.length === 1 ? scope.aliases.get(a.segs[0]!) : undefined)).find((x) => x !== undefined)
        const on = alias ?? base
        for (const r of refs) this.mount(on.node, this.node(fnNode(r)), on.prefix)
        return base
      }
    }
  }

  private apply(m: Extract<Expr, { k: 'method' }>, st: State, scope: Scope): State {
    const { name, args } = m
    if (st.warp) return this.warpMethod(m, st, scope)
    if (st.resource && (name === 'route' || name === 'to') && args.length === 1) {
      this.route(st.node, st.resource, args[0]!, scope, m.line, name === 'to' ? ['ANY'] : undefined)
      return st
    }
    if ((st.resource || st.at) && VERB_METHODS.has(name) && args.length === 1) {
      this.route(st.node, (st.resource ?? st.at)!, args[0]!, scope, m.line, [name === 'all' ? 'ANY' : name.toUpperCase()])
      return st
    }
    if (AXUM_ROUTE.has(name) && args.length >= 2) {
      this.route(st.node, [...st.prefix, ...pathValue(args[0], scope.ref.file, this.index)], args[1]!, scope, m.line)
      return st
    }
    if (name === 'at' && args.length === 1) return { ...st, at: [...(st.at ?? st.prefix), ...pathValue(args[0], scope.ref.file, this.index)] }
    if (NEST.has(name) && args.length === 2) this.mountExpr(st, [...st.prefix, ...pathValue(args[0], scope.ref.file, this.index)], args[1]!, scope)
    else if (name === 'nest' && args.length === 1 && st.at) this.mountExpr(st, st.at, args[0]!, scope)
    else if ((name === 'merge' || name === 'service' || name === 'configure' || name === 'add_route' || VEC_ADD.has(name)) && args.length === 1) this.mountExpr(st, st.prefix, args[0]!, scope)
    else if (name === 'mount' && args.length === 2) this.mountExpr(st, [...st.prefix, ...pathValue(args[0], scope.ref.file, this.index)], args[1]!, scope)
    else if (name === 'prefix' && args.length === 1) return { ...st, prefix: [...st.prefix, ...pathValue(args[0], scope.ref.file, this.index)] }
    return st
  }

  /** Something nested, merged, mounted or registered under `prefix` of the state's router. */
  private mountExpr(st: State, prefix: readonly Resolved[], x: Expr, scope: Scope): void {
    const at: State = { node: st.node, prefix }
    if (x.k === 'list') {
      for (const item of x.items) this.mountExpr(st, prefix, item, scope)
      return
    }
    if (x.k === 'closure') {
      const inner: Scope = { ...scope, aliases: new Map(scope.aliases) }
      if (x.params[0] !== undefined) inner.aliases.set(x.params[0], at)
      this.walk(x.body, inner)
      return
    }
    if (x.k === 'path') {
      const name = x.segs[0]!
      if (x.segs.length === 1 && scope.vars.has(name)) {
        this.mount(st.node, scope.vars.get(name)!, prefix)
        scope.nested.add(name)
        return
      }
      return this.handlerRef(x, scope, prefix, st.node)
    }
    if (this.chain(x, scope, at, false)) return
    this.walk(x, scope)
  }

  /** A function named where a handler or a router goes: an attribute route registers, a function mounts, a route table mounts. */
  private handlerRef(x: Expr, scope: Scope, prefix: readonly Resolved[], node?: NodeId): void {
    const on = node ?? scope.node
    if (x.k === 'macro' && ROUTES_MACROS.has(last(x.segs))) {
      for (const a of x.args) this.handlerRef(a, scope, prefix, on)
      return
    }
    if (x.k !== 'path') {
      if (x.k === 'call' || x.k === 'method') this.chain(x, scope, { node: on, prefix }, false)
      return
    }
    const refs = this.index.resolve(scope.ref.file, scope.ref.fn.mods, x.segs)
    for (const r of refs) {
      const attr = attrRoute(r.fn)
      if (attr) {
        this.registered.add(fnNode(r).name + '\0' + r.file)
        const at = this.place(on, [...prefix, { value: attr.path }])
        this.addRoute({ router: at.node, path: at.path, methods: attr.methods, framework: this.frameworkOf(r.file), file: r.file, line: attr.line, handler: r.fn.name })
        this.defer(r.file, attr.line, () => this.touches(r))
      } else this.mount(on, this.node(fnNode(r)), prefix)
    }
    if (refs.length === 0 && x.segs.length >= 2) {
      // `<routes::Api as Routes>::configure`: the table of the type.
      const table = this.tables.get(x.segs[x.segs.length - 2]!)
      if (table) this.mount(on, table, prefix)
    }
  }

  private route(node: NodeId, path: readonly Resolved[], h: Expr, scope: Scope, line: number, methods?: readonly string[]): void {
    const info = handlerInfo(h, scope.ref, this.index, this.ctx)
    const at = this.place(node, path)
    this.addRoute({
      router: at.node,
      path: at.path,
      methods: methods ?? info.methods,
      framework: this.frameworkOf(scope.ref.file),
      file: scope.ref.file,
      line,
      ...(info.handler ? { handler: info.handler } : {})
    })
    if (info.touches) this.defer(scope.ref.file, line, info.touches)
  }

  // ---- warp ----

  private warpRoot(segs: readonly string[], args: readonly Expr[], base: State, scope: Scope): State {
    const one = last(segs)
    const w = { segs: [] as Resolved[], methods: [] as string[], handled: false }
    if (one === 'path' && args.length === 1) w.segs.push(...pathValue(args[0], scope.ref.file, this.index))
    else if (one === 'param' || (segs.includes('path') && one === 'param')) w.segs.push({ value: '{param}' })
    else if (VERB_METHODS.has(one)) w.methods.push(one.toUpperCase())
    return { ...base, warp: w }
  }

  private warpMethod(m: Extract<Expr, { k: 'method' }>, st: State, scope: Scope): State {
    const w = st.warp!
    const arg = m.args[0]
    if (m.name === 'and' && arg) {
      const sub = this.warpFilter(arg, scope)
      if (sub) {
        w.segs.push(...sub.segs)
        w.methods.push(...sub.methods)
      } else if (arg.k === 'path' && arg.segs.length === 1 && scope.vars.has(arg.segs[0]!)) {
        this.mount(st.node, scope.vars.get(arg.segs[0]!)!, [...st.prefix, ...w.segs])
        scope.nested.add(arg.segs[0]!)
      }
      return st
    }
    if (m.name === 'or' && arg) {
      if (w.handled) this.warpRoute(st, scope, m.line)
      this.mountExpr({ node: st.node, prefix: st.prefix }, st.prefix, arg, scope)
      return { node: st.node, prefix: st.prefix, warp: { segs: [], methods: [], handled: false } }
    }
    if (m.name === 'map' || m.name === 'and_then' || m.name === 'then' || m.name === 'untuple_one' || m.name === 'handle') w.handled = true
    return st
  }

  /** A filter written inline (`warp::path("x")`, `warp::get()`, `warp::path!(…)`), without routes of its own. */
  private warpFilter(e: Expr, scope: Scope): { segs: Resolved[]; methods: string[] } | undefined {
    let root = e
    const methods: Extract<Expr, { k: 'method' }>[] = []
    while (root.k === 'method') {
      methods.unshift(root)
      root = root.recv
    }
    let st: State | undefined
    if (root.k === 'macro' && last(root.segs) === 'path') st = { node: { file: '', name: '' }, prefix: [], warp: { segs: warpSegments(root.args, scope.ref.file, this.index), methods: [], handled: false } }
    else if (root.k === 'call' && root.callee.k === 'path' && this.ctor(root.callee.segs, scope) === 'warp') st = this.warpRoot(root.callee.segs, root.args, { node: { file: '', name: '' }, prefix: [] }, scope)
    if (!st?.warp) return undefined
    for (const m of methods) if (m.name === 'and' && m.args[0]) {
      const sub = this.warpFilter(m.args[0], scope)
      if (sub) {
        st.warp!.segs.push(...sub.segs)
        st.warp!.methods.push(...sub.methods)
      }
    }
    return st.warp
  }

  private warpRoute(st: State, scope: Scope, line: number): void {
    const w = st.warp!
    const at = this.place(st.node, [...st.prefix, ...w.segs])
    this.addRoute({ router: at.node, path: at.path, methods: w.methods.length > 0 ? [...new Set(w.methods)] : ['ANY'], framework: this.frameworkOf(scope.ref.file), file: scope.ref.file, line })
    w.handled = false
  }
}

function last(segs: readonly string[]): string {
  return segs[segs.length - 1] ?? ''
}
