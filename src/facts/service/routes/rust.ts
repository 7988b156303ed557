import { FRAMEWORKS, type Framework } from '../frameworks.js'
import { RouteGraph } from '../graph.js'
import { joinUrl } from '../text.js'
import type { Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { attrRoute, isOpenApiImpl, openApiPrefix } from './rust-attrs.js'
import { RustIndex, type FnRef } from './rust-index.js'
import { fnNode, lazyTouches } from './rust-sink.js'
import { RustWalker } from './rust-walk.js'

/**
 * Rust routes, for axum (and aide's `ApiRouter`), actix-web, Rocket, warp, poem (and
 * poem-openapi), tide and loco: the files that build routers are parsed (rust-syntax.ts) and each
 * function's router building is followed (rust-walk.ts) — `.route`/`.nest`/`.merge`, `.service`,
 * `web::scope`, `.configure`, `.mount` with `routes![…]`, warp filters, tide's `.at()` — into the
 * shared route graph, where functions and local router variables are the routers and nesting a
 * function's router (`.nest("/api/v1", v1::router())`, `.configure(api::config)`,
 * `.mount("/api", api::routes())`) is a mount. Attribute routes (`#[get("/alive")]`) take the
 * prefix of where they are registered; route tables in attributes (`"/health" => get(h)`) are
 * routers of their own.
 */

/** Texts that show a file builds routes (a cheap filter before parsing). */
const ROUTE_TOKENS: readonly string[] = [
  '.route(', '.route_service(', '.api_route', '.nest', '.merge(', '.service(', '.configure(', '.mount(', 'routes![', 'routes!(', 'services![', '.at(', '.add(',
  'warp::', 'path!(', '#[get(', '#[post(', '#[put(', '#[delete(', '#[patch(', '#[head(', '#[route(', '#[oai(', '#[OpenApi', '.add_route(', 'AppRoutes::',
  '=> get(', '=>get(', '=> [get(', '=> post(', '=> put(', '=> delete(', '=> patch(', '=> [', '=> sub(', '=>sub(', 'OpenApiService::new('
]

/** Files read as well for their `pub use … as …` re-exports. */
const REEXPORT_FILES = /(^|\/)(lib|main|mod)\.rs$/

export function extractRust(ctx: ExtractContext): Extracted {
  const rust = [...ctx.frameworks].filter((f) => FRAMEWORKS[f].ecosystem === 'rust')
  if (rust.length === 0) return { routes: [] }
  const all = ctx.src.files('rust')
  const files = all.filter((f) => ctx.src.mentions(f, ROUTE_TOKENS))
  const parsed = new Set(files)
  const index = new RustIndex(ctx, files)
  for (const f of all) if (REEXPORT_FILES.test(f) && !parsed.has(f)) index.add(f, true)
  const graph = new RouteGraph()
  const frameworkOf = frameworkFor(ctx, rust)
  const walker = new RustWalker(ctx, index, graph, frameworkOf)
  const handlers: FnRef[] = []
  // Route tables and poem-openapi impls first: the functions that mount them name them by type.
  for (const file of files) {
    const parsed = index.file(file)
    for (const item of parsed.items) {
      if (item.kind === 'struct') walker.table(file, item)
      else if (isOpenApiImpl(item.attrs)) walker.openApiImpl(file, item.name, openApiPrefix(item.attrs), parsed.fns.filter((f) => f.impl === item.name))
    }
  }
  for (const file of files) {
    const parsed = index.file(file)
    const base = index.moduleOf(file)
    for (const fn of parsed.fns) {
      const ref: FnRef = { file, fn, module: [...base, ...fn.mods] }
      if (attrRoute(fn)) handlers.push(ref)
      walker.walkFn(ref)
    }
  }
  const routes: Route[] = graph.resolve((parts) => joinUrl(...parts))
  // Attribute routes nobody was seen registering: their own path, the mount left unresolved.
  for (const h of handlers) {
    if (walker.registered.has(fnNode(h).name + '\0' + h.file) || h.fn.impl !== undefined) continue
    const r = attrRoute(h.fn)!
    const route: Route = { path: joinUrl(r.path), methods: r.methods, framework: frameworkOf(h.file), file: h.file, line: r.line, prefixUnknown: 'mount not found', handler: h.fn.name }
    lazyTouches(route, () => walker.touches(h))
    routes.push(route)
  }
  walker.attachTouches(routes)
  return { routes }
}

/** The Rust framework of a file's crate (the nearest directory that declares one). */
function frameworkFor(ctx: ExtractContext, rust: readonly Framework[]): (file: string) => Framework {
  return (file) => {
    let best: { dir: string; fw: Framework } | undefined
    for (const m of ctx.manifests.manifests) {
      if (m.ecosystem !== 'rust' || !(m.dir === '' || file.startsWith(m.dir + '/'))) continue
      const fw = rust.find((f) => m.dependencies.some((d) => !d.dev && FRAMEWORKS[f].packages.includes(d.name)))
      if (fw && (!best || m.dir.length > best.dir.length)) best = { dir: m.dir, fw }
    }
    return best?.fw ?? rust[0]!
  }
}
