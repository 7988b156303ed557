import { touchesIn } from '../body.js'
import type { Framework } from '../frameworks.js'
import type { LocalRoute, RouteGraph } from '../graph.js'
import type { Resolved } from '../text.js'
import type { Route } from '../types.js'
import type { ExtractContext } from './context.js'
import { attrRoute, tableEntries } from './rust-attrs.js'
import type { FnRef, RustIndex } from './rust-index.js'
import type { RsFn, RsItemAttrs } from './rust-syntax.js'
import { handlerInfo } from './rust-values.js'

/**
 * What the Rust route scan writes into the route graph, apart from following code: router nodes,
 * routes (one per declaration line, methods merged), mounts (an unknown part of a prefix becomes
 * a node of its own, so the known parts after it are kept), the routers that are not functions
 * (route tables in attributes, poem-openapi impls), and dependency touches read on demand.
 */

export interface NodeId {
  readonly file: string
  readonly name: string
}

/**
 * A function's router. Node names carry their file, so a mount names its child by name alone
 * (`*`): the graph finds a node's parents by one lookup, however many routers a file holds.
 */
export function fnNode(ref: FnRef): NodeId {
  const f = ref.fn
  return { file: ref.file, name: `${ref.file}::${[...f.mods, ...(f.impl ? [`<${f.impl}>`] : [])].join('::')}::${f.name}@${f.line}` }
}

export class RouteSink {
  /** Attribute handlers registered somewhere (node name + file). */
  readonly registered = new Set<string>()
  protected readonly tables = new Map<string, NodeId>()
  protected readonly impls = new Map<string, NodeId[]>()

  constructor(
    protected readonly ctx: ExtractContext,
    protected readonly index: RustIndex,
    protected readonly graph: RouteGraph,
    protected readonly frameworkOf: (file: string) => Framework
  ) {}

  node(id: NodeId, prefix?: Resolved): NodeId {
    this.graph.addRouter({ file: id.file, name: id.name, root: false, ...(prefix ? { prefix } : {}) })
    return id
  }

  private readonly seen = new Map<string, number>()

  /**
   * A route; a second one on the same line with the same path (`.route(post().to(a)).route(delete().to(b))`)
   * adds its methods to the first, as the report lists one route per declaration line.
   */
  protected addRoute(r: LocalRoute): void {
    const key = `${r.router.name}\0${r.file ?? ''}\0${r.line}\0${'value' in r.path ? r.path.value : r.path.unknown}`
    const at = this.seen.get(key)
    if (at === undefined) {
      this.seen.set(key, this.graph.routes.length)
      this.graph.addRoute(r)
      return
    }
    const old = this.graph.routes[at]!
    this.graph.routes[at] = { ...old, methods: [...new Set([...old.methods, ...r.methods])] }
  }

  protected mount(parent: NodeId, child: NodeId, prefix: readonly Resolved[]): void {
    const at = this.place(parent, prefix)
    this.graph.addMount({ parent: at.node, child: { file: '*', name: child.name }, prefix: at.path })
  }

  /**
   * Where parts land in the graph: a path below the node, or — when a part is unknown (a base path
   * from configuration) — a path below a node mounted at that unknown part, so what follows it is kept.
   */
  protected place(node: NodeId, parts: readonly Resolved[]): { node: NodeId; path: Resolved } {
    let u = -1
    for (let k = 0; k < parts.length; k++) if ('unknown' in parts[k]!) u = k
    if (u < 0) return { node, path: joinedResolved(parts) }
    const before = this.place(node, parts.slice(0, u))
    const unknown = parts[u] as { unknown: string }
    const child = this.node({ file: node.file, name: `${node.name}~{${unknown.unknown}}` })
    this.graph.addMount({ parent: before.node, child: { file: '*', name: child.name }, prefix: 'value' in before.path && before.path.value !== '' ? { unknown: `${before.path.value}{${unknown.unknown}}` } : unknown })
    return { node: child, path: joinedResolved(parts.slice(u + 1)) }
  }

  private readonly lazy = new Map<string, () => Route['touches']>()

  /**
   * Touches are read from a handler's body only when asked for (the health check asks about its
   * routes alone): a route scan of a large code base never reads every handler.
   */
  protected defer(file: string, line: number, compute: () => Route['touches']): void {
    this.lazy.set(`${file}\0${line}`, compute)
  }

  /** Gives every route whose handler is known a `touches` read on first access. */
  attachTouches(routes: Route[]): void {
    for (const r of routes) {
      const compute = this.lazy.get(`${r.file}\0${r.line}`)
      if (!compute || r.touches !== undefined) continue
      lazyTouches(r, compute)
    }
  }

  /** Dependency touches in a handler function's body (its signature too: request guards such as a DB connection). */
  touches(r: FnRef): Route['touches'] {
    const lines = this.ctx.src.lines(r.file)
    return lines ? touchesIn(r.file, lines, r.fn.line - 1, Math.min(r.fn.end, r.fn.line + 60)) : []
  }

  /** A struct carrying a route table in an attribute: a router of its own. */
  table(file: string, item: RsItemAttrs): void {
    const entries = item.attrs.flatMap((a) => tableEntries(a.args))
    if (entries.length === 0) return
    const node = this.node({ file, name: `table#${item.name}` })
    this.tables.set(item.name, node)
    const ref: FnRef = { file, fn: { name: item.name, line: item.line, end: item.line, attrs: [], params: [], body: null, mods: item.mods }, module: this.index.moduleOf(file) }
    for (const e of entries) {
      if (e.kind === 'route') {
        const info = handlerInfo({ k: 'path', segs: e.handler, line: e.line }, ref, this.index, this.ctx)
        this.addRoute({ router: node, path: { value: e.path }, methods: [e.method], framework: this.frameworkOf(file), file, line: e.line, ...(info.handler ? { handler: info.handler } : {}) })
        if (info.touches) this.defer(file, e.line, info.touches)
      } else {
        const name = e.target[e.target.length - 1]!
        this.graph.addMount({ parent: node, child: { file: '*', name: `table#${name}` }, prefix: { value: e.path } })
      }
    }
  }

  /** A poem-openapi `#[OpenApi]` impl: its `#[oai(path, method)]` methods are routes. */
  openApiImpl(file: string, type: string, prefix: string | undefined, fns: readonly RsFn[]): void {
    const node = this.node({ file, name: `${file}::impl#${type}` }, prefix !== undefined ? { value: prefix } : undefined)
    const list = this.impls.get(type) ?? []
    list.push(node)
    this.impls.set(type, list)
    for (const fn of fns) {
      const r = attrRoute(fn)
      if (!r) continue
      const ref: FnRef = { file, fn, module: this.index.moduleOf(file) }
      this.registered.add(fnNode(ref).name + '\0' + file)
      this.addRoute({ router: node, path: { value: r.path }, methods: r.methods, framework: this.frameworkOf(file), file, line: r.line, handler: fn.name })
      this.defer(file, r.line, () => this.touches(ref))
    }
  }
}

/** Defines `route.touches` as computed on first read, then kept. */
export function lazyTouches(route: Route, compute: () => Route['touches']): void {
  let done = false
  let value: Route['touches']
  Object.defineProperty(route, 'touches', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!done) {
        value = compute()
        done = true
      }
      return value
    }
  })
}

/** Known path parts joined with single slashes (`place` keeps unknown parts out of it). */
export function joinedResolved(parts: readonly Resolved[]): Resolved {
  let out = ''
  for (const p of parts) {
    if ('unknown' in p) return p
    // `mount("/admin", …)` of `#[get("/")]` is `/admin` (Rocket and actix join it so).
    if (p.value === '' || (p.value === '/' && out !== '')) continue
    out = out.replace(/\/$/, '') + (p.value.startsWith('/') ? p.value : '/' + p.value)
  }
  return { value: out }
}
