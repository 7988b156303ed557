import { ASPNET_HEALTH_ROUTE_CALLS } from '../../catalog/health.js'
import { braceBody, touchesIn } from '../body.js'
import { joinUrl } from '../text.js'
import type { HealthLibrary, Route } from '../types.js'
import { healthRegistrations, maskedSource } from './aspnetcore-health.js'
import { controllerRoutes, parseControllers, type ControllerFile } from './aspnetcore-controllers.js'
import type { Extracted, ExtractContext } from './context.js'
import { assignment, chains, csConstants, lineAt, pathArg, segments, type Chain, type CsText } from './csharp-text.js'
import { dotnetProjects } from './dotnet-projects.js'

/**
 * ASP.NET Core routes, C# only:
 * - attribute-routed controllers (aspnetcore-controllers.ts), conventional routes when
 *   `MapControllerRoute`/`MapDefaultControllerRoute`/`UseMvcWithDefaultRoute` is used;
 * - minimal APIs: `MapGet`/`MapPost`/…/`MapMethods`/`Map`/`MapHub` on the app, on route groups
 *   (`var api = app.MapGroup("/api")`, chained `.MapGroup("/v1").MapGet(…)`) and inside extension
 *   methods (`static void MapItems(this RouteGroupBuilder group)`) whose call sites give the prefix
 *   (`app.MapGroup("/items").MapItems()`);
 * - health checks: `MapHealthChecks("/health")` and the `UseHealthChecks("/healthz")` middleware,
 *   with the checks registered on `AddHealthChecks()` (aspnetcore-health.ts) as what they touch;
 *   a `Predicate = _ => false` option runs none of them.
 * Traps: `UsePathBase` is not applied; a path built at run time (`$"/{x}"`) keeps its prefix unknown.
 */

const VERBS: Readonly<Record<string, string>> = { MapGet: 'GET', MapPost: 'POST', MapPut: 'PUT', MapDelete: 'DELETE', MapPatch: 'PATCH', MapMethods: 'ANY', Map: 'ANY', MapHub: 'ANY', MapFallback: 'ANY' }
const CONVENTIONAL = new Set(['MapControllerRoute', 'MapDefaultControllerRoute', 'MapAreaControllerRoute', 'UseMvcWithDefaultRoute', 'MapRoute'])
const LIBRARY = 'ASP.NET Core health checks'
const CONST_TOKENS = ['const string', 'static readonly string']
/** A file is read for routes when it mentions one of these (`.Map` also catches extension methods such as `.MapItemEndpoints()`). */
const TOKENS = ['.Map', 'UseHealthChecks', '[Route', 'Route(', '[Http', 'HttpGet', 'AcceptVerbs', 'UseMvc', 'ControllerBase', ': Controller', 'Controller :']

/**
 * Where a minimal-API route hangs: the app (root) or an extension method's builder parameter,
 * then the raw path arguments of the `MapGroup` calls on the way (resolved once every file's
 * constants are known, so the per-file parse depends on the file alone).
 */
interface Base {
  readonly method?: string
  readonly groups: readonly string[]
}

interface MinimalRoute {
  readonly base: Base
  /** The raw path argument. */
  readonly arg: string
  readonly method: string
  readonly line: number
  readonly health?: { readonly predicateOff: boolean }
  readonly handler?: string
}

interface ExtMethod {
  readonly name: string
  readonly param: string
  readonly from: number
  readonly to: number
}

/** What one file declares, independent of other files. */
interface FileFacts {
  readonly routes: readonly MinimalRoute[]
  /** `Map…` extension methods called on a builder, with the caller's base. */
  readonly calls: readonly { readonly name: string; readonly base: Base }[]
  readonly conventional: boolean
  readonly controllers: ControllerFile
}

type Prefix = { readonly path: string; readonly unknown?: string }

export function extractAspNetCore(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('aspnetcore')) return { routes: [] }
  const files = ctx.src.files('dotnet').filter((f) => f.endsWith('.cs'))
  const perFile = new Map<string, FileFacts>()
  for (const f of files) {
    if (!ctx.src.mentions(f, TOKENS)) continue
    const t = maskedSource(ctx, f)
    if (t) perFile.set(f, fileFacts(t))
  }
  // Route constants may live in files that declare nothing else (`static class ApiRoutes`).
  const consts = new Map<string, string>()
  for (const f of files) if (ctx.src.mentions(f, CONST_TOKENS)) csConstants(ctx.src.text(f) ?? '', consts)
  const registrations = healthRegistrations(ctx, files)
  const projects = dotnetProjects(ctx.manifests)
  // Call sites of every extension method: the prefixes its routes take.
  const callers = new Map<string, Base[]>()
  for (const ff of perFile.values()) for (const c of ff.calls) callers.set(c.name, [...(callers.get(c.name) ?? []), c.base].slice(0, 20))
  const prefixes = (b: Base, depth = 0): Prefix[] => {
    const own = groupPrefix(b.groups, consts)
    const sites = b.method ? (callers.get(b.method) ?? []) : []
    if (sites.length === 0 || depth > 4) return [own]
    return sites.flatMap((site) => prefixes(site, depth + 1).map((p) => ({ path: joinUrl(p.path, own.path), ...(p.unknown || own.unknown ? { unknown: p.unknown ?? own.unknown } : {}) })))
  }
  const routes: Route[] = []
  const libraries: HealthLibrary[] = []
  for (const [file, ff] of perFile) {
    const lines = ctx.src.lines(file) ?? []
    for (const r of ff.routes) {
      const rel = pathArg(r.arg, consts)
      if (!rel) continue
      for (const p of prefixes(r.base)) {
        const path = joinUrl(p.path, 'value' in rel && rel.value !== '/' ? rel.value : '')
        const unknown = p.unknown ?? ('unknown' in rel ? rel.unknown : undefined)
        const where = { framework: 'aspnetcore' as const, file, line: r.line, ...(unknown ? { prefixUnknown: unknown } : {}) }
        if (r.health) {
          // A web project's own registrations, and those of the class libraries every app shares;
          // a route a shared library maps (Aspire's MapDefaultEndpoints) serves every app's checks.
          const own = projects.of(file)
          const shared = !projects.isWeb(own)
          const checks = r.health.predicateOff ? [] : registrations.filter((c) => shared || projects.of(c.file) === own || !projects.isWeb(projects.of(c.file)))
          const touches = checks.filter((c) => c.dependency).map((c) => ({ token: c.name, file: c.file, line: c.line }))
          routes.push({ path, methods: ['GET'], ...where, library: LIBRARY, touches })
          libraries.push({ name: LIBRARY, path: file, line: r.line, text: path, routes: [path], checks: touches.map((c) => c.token) })
          continue
        }
        const [from, to] = handlerBody(lines, r.line - 1)
        routes.push({ path, methods: [r.method], ...where, ...(r.handler ? { handler: r.handler } : { touches: touchesIn(file, lines, from, to) }) })
      }
    }
  }
  const controllers = new Map<string, ControllerFile>()
  for (const [f, ff] of perFile) controllers.set(f, ff.controllers)
  const conventional = [...perFile.values()].some((f) => f.conventional)
  routes.push(...controllerRoutes(controllers, consts, conventional, (file) => ctx.src.lines(file) ?? []))
  return { routes, libraries: libraries.length > 0 ? [mergeLibraries(libraries)] : [] }
}

function groupPrefix(groups: readonly string[], consts: ReadonlyMap<string, string>): Prefix {
  let path = ''
  for (const g of groups) {
    const v = pathArg(g, consts)
    if (!v) continue
    if ('unknown' in v) return { path, unknown: v.unknown }
    path = joinUrl(path, v.value)
  }
  return { path: path === '/' ? '' : path }
}

/** One library entry for every health route the app maps. */
function mergeLibraries(libs: readonly HealthLibrary[]): HealthLibrary {
  return { ...libs[0]!, routes: [...new Set(libs.flatMap((l) => l.routes))], checks: [...new Set(libs.flatMap((l) => l.checks))] }
}

/** A minimal-API handler's lines: the call's line only when it ends there, else its braces. */
function handlerBody(lines: readonly string[], i: number): [number, number] {
  const l = lines[i] ?? ''
  if (/\)\s*;\s*$/.test(l)) return [i, i + 1]
  return braceBody(lines, i)
}

const EXT_DECL = /\bstatic\s+[\w<>.?[\], ]{1,200}?\s+([A-Za-z_]\w*)\s*(?:<[^<>]*>)?\s*\(\s*this\s+[\w<>.?]+\s+([A-Za-z_]\w*)/

function fileFacts(t: CsText): FileFacts {
  const routes: MinimalRoute[] = []
  const calls: { name: string; base: Base }[] = []
  const vars = new Map<string, Base>()
  const methods: ExtMethod[] = []
  let conventional = false
  const segs = segments(t)
  // Extension methods (`static … MapX(this IEndpointRouteBuilder e)`): their bodies are the segments deeper than the declaration.
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k]!
    if (!s.text.includes('this')) continue
    const m = EXT_DECL.exec(s.text)
    if (!m || (s.end !== '{' && !s.text.includes('=>'))) continue
    let end = k + 1
    if (s.end === '{') while (end < segs.length && segs[end]!.depth > s.depth) end++
    methods.push({ name: m[1]!, param: m[2]!, from: s.start, to: end < segs.length ? segs[end]!.start : t.code.length })
  }
  const enclosing = (offset: number): ExtMethod | undefined => {
    let best: ExtMethod | undefined
    for (const m of methods) if (offset >= m.from && offset < m.to && (!best || m.from > best.from)) best = m
    return best
  }
  const baseOf = (receiver: string, at: number): Base => {
    const v = vars.get(receiver)
    if (v) return v
    const m = enclosing(at)
    if (m && receiver === m.param) return { method: m.name, groups: [] }
    return { groups: [] }
  }
  for (const s of segs) {
    if (!s.text.includes('Map') && !s.text.includes('UseHealthChecks') && !s.text.includes('UseMvc')) continue
    const assign = assignment(s.text)
    for (const c of chains(s.text)) {
      // A bare call (`MapItems(group)`, or a declaration `static void MapItems(this …)`) has no builder to hang on.
      if (c.receiver === '') continue
      const r = walk(c, baseOf(c.receiver, s.start + c.at), s.start, t, routes, calls)
      if (r.conventional) conventional = true
      if (assign && r.base && c.at >= assign.head - 1 && c.at <= assign.head + 8) vars.set(assign.name, r.base)
    }
  }
  return { routes, calls, conventional, controllers: parseControllers(t) }
}

/** Follows one call chain: groups add to the prefix, verbs and health calls make routes, `Map…` extension methods record their caller's base. */
function walk(c: Chain, start: Base, segStart: number, t: CsText, routes: MinimalRoute[], calls: { name: string; base: Base }[]): { base?: Base; conventional: boolean } {
  let base = start
  let conventional = false
  let grouped = false
  for (const call of c.calls) {
    const line = lineAt(t, segStart + call.at)
    const arg = call.args[0]
    if (call.name === 'MapGroup') {
      if (arg === undefined) return { conventional }
      base = { ...base, groups: [...base.groups, arg] }
      grouped = true
    } else if (CONVENTIONAL.has(call.name)) conventional = true
    else if (ASPNET_HEALTH_ROUTE_CALLS.has(call.name)) {
      if (arg === undefined) continue
      const predicateOff = call.args.slice(1).some((a) => /Predicate\s*=\s*(?:\(\s*\w*\s*\)|_|\w+)\s*=>\s*false\b/.test(a))
      routes.push({ base, arg, method: 'GET', line, health: { predicateOff } })
    } else if (VERBS[call.name]) {
      if (arg === undefined) continue
      const handler = call.args[call.name === 'MapMethods' ? 2 : 1]?.trim()
      routes.push({ base, arg, method: VERBS[call.name]!, line, ...(handler && /^[A-Za-z_][\w.]*$/.test(handler) ? { handler } : {}) })
    } else if (/^Map[A-Z]/.test(call.name) && calls.length < 500) calls.push({ name: call.name, base })
  }
  return { ...(grouped ? { base } : {}), conventional }
}
