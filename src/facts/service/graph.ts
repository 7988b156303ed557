import type { Framework, Route } from './types.js'
import type { Resolved } from './text.js'

/**
 * A routing graph shared by every framework: routers (a variable in a file: `app`, `router`, a
 * blueprint, a Go function) hold routes; mounts attach a child router under a parent with a
 * prefix (`include_router`, `register_blueprint`, `app.use`, `include()`, `Group`). Resolving
 * walks from each router up through its parents, so a route's full path is every prefix on the
 * way to an app. Cycles and fan-out are capped.
 */

export interface RouterNode {
  readonly file: string
  readonly name: string
  /** An application object (`FastAPI()`, `express()`, `Flask()`), never mounted under another. */
  readonly root: boolean
  readonly framework?: Framework
  /** The router's own prefix (`APIRouter(prefix=…)`, `Blueprint(url_prefix=…)`). */
  readonly prefix?: Resolved
}

export interface ChildRef {
  /** `*`: a router of that name in any file (Go functions named across packages). */
  readonly file: string
  /** Variable in that file; undefined: every non-app router of the file (a default export). */
  readonly name?: string
}

export interface MountEdge {
  readonly parent: { readonly file: string; readonly name: string }
  readonly child: ChildRef
  readonly prefix: Resolved
  /** Flask: `register_blueprint(url_prefix=…)` replaces the blueprint's own prefix. */
  readonly replacesOwn?: boolean
}

export interface LocalRoute {
  readonly router: { readonly file: string; readonly name: string }
  readonly path: Resolved
  /**
   * A literal path below an unresolved `path` (`cfg.Root + "/swagger/*any"`: `path` is the
   * unknown `cfg.Root`, `below` is `/swagger/*any`), kept as the route's path below that prefix.
   */
  readonly below?: string
  readonly methods: readonly string[]
  readonly framework: Framework
  /** File of the declaration when it is not the router's file. */
  readonly file?: string
  readonly line: number
  readonly handler?: string
  readonly touches?: Route['touches']
}

export type Joiner = (parts: readonly string[]) => string

const MAX_CHAINS = 8
const MAX_DEPTH = 12

interface Chain {
  readonly parts: readonly string[]
  readonly unknown?: string
}

export class RouteGraph {
  private readonly nodes = new Map<string, RouterNode>()
  private readonly byFile = new Map<string, RouterNode[]>()
  private readonly mounts: MountEdge[] = []
  readonly routes: LocalRoute[] = []

  addRouter(node: RouterNode): void {
    const key = node.file + '\0' + node.name
    if (this.nodes.has(key)) return
    this.nodes.set(key, node)
    const list = this.byFile.get(node.file) ?? []
    list.push(node)
    this.byFile.set(node.file, list)
  }

  router(file: string, name: string): RouterNode | undefined {
    return this.nodes.get(file + '\0' + name)
  }

  addMount(edge: MountEdge): void {
    this.mounts.push(edge)
    this.mountIndex = undefined
  }

  /** Mounts by the child they name (a file, or `*` plus a name), in insertion order: resolving looks up, never scans. */
  private mountIndex: Map<string, { readonly at: number; readonly edge: MountEdge }[]> | undefined

  private mountsOf(node: RouterNode): readonly MountEdge[] {
    if (!this.mountIndex) {
      const index = new Map<string, { at: number; edge: MountEdge }[]>()
      this.mounts.forEach((edge, at) => {
        const key = edge.child.file === '*' ? '*\0' + (edge.child.name ?? '') : edge.child.file
        const list = index.get(key)
        if (list) list.push({ at, edge })
        else index.set(key, [{ at, edge }])
      })
      this.mountIndex = index
    }
    const byFile = this.mountIndex.get(node.file) ?? []
    const byName = this.mountIndex.get('*\0' + node.name) ?? []
    const both = byName.length === 0 ? byFile : byFile.length === 0 ? byName : [...byFile, ...byName].sort((a, b) => a.at - b.at)
    const out: MountEdge[] = []
    for (const { edge } of both) if (this.matches(edge.child, node)) out.push(edge)
    return out
  }

  addRoute(route: LocalRoute): void {
    this.routes.push(route)
  }

  private matches(child: ChildRef, node: RouterNode): boolean {
    if (child.file === '*') return child.name === node.name
    if (child.file !== node.file) return false
    if (child.name !== undefined && this.nodes.has(child.file + '\0' + child.name)) return child.name === node.name
    return !node.root
  }

  /** Every prefix chain from an app down to this router (outermost first). */
  private chains(node: RouterNode, depth: number, seen: Set<RouterNode>): Chain[] {
    const own: Resolved = node.prefix ?? { value: '' }
    const parents = depth < MAX_DEPTH && !node.root ? this.mountsOf(node) : []
    const out: Chain[] = []
    for (const m of parents) {
      const parent = this.nodes.get(m.parent.file + '\0' + m.parent.name) ?? { file: m.parent.file, name: m.parent.name, root: true }
      if (seen.has(parent)) continue
      seen.add(parent)
      for (const up of this.chains(parent, depth + 1, seen)) {
        let c = extend(up, m.prefix)
        if (!m.replacesOwn) c = extend(c, own)
        out.push(c)
        if (out.length >= MAX_CHAINS) break
      }
      seen.delete(parent)
      if (out.length >= MAX_CHAINS) break
    }
    if (out.length === 0) out.push(extend({ parts: [] }, own))
    return out
  }

  resolve(join: Joiner): Route[] {
    const out: Route[] = []
    for (const r of this.routes) {
      const node = this.nodes.get(r.router.file + '\0' + r.router.name) ?? { file: r.router.file, name: r.router.name, root: true }
      const seen = new Set<string>()
      for (const chain of this.chains(node, 0, new Set([node]))) {
        const c = r.below === undefined ? extend(chain, r.path) : extend(extend(chain, r.path), { value: r.below })
        const path = join(c.parts)
        const key = path + '\0' + (c.unknown ?? '')
        if (seen.has(key)) continue
        seen.add(key)
        out.push({
          path,
          methods: r.methods,
          framework: r.framework,
          file: r.file ?? r.router.file,
          line: r.line,
          ...(c.unknown !== undefined ? { prefixUnknown: c.unknown } : {}),
          ...(r.handler ? { handler: r.handler } : {}),
          ...(r.touches ? { touches: r.touches } : {})
        })
      }
    }
    return out
  }
}

/** Appends a part; after an unknown part, only what follows it is kept (the path below it). */
function extend(chain: Chain, part: Resolved): Chain {
  if ('unknown' in part) return { parts: [], unknown: chain.unknown !== undefined ? `${chain.unknown} + ${part.unknown}` : part.unknown }
  return { parts: [...chain.parts, part.value], ...(chain.unknown !== undefined ? { unknown: chain.unknown } : {}) }
}
