import { touchesIn } from '../body.js'
import { joinUrl } from '../text.js'
import type { Framework, Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { blockEnd, keyword, macroCall, moduleArg, opensBlocks, statements, stringArg } from './elixir-source.js'
import { extractPhoenix, trimSlash, type Forward } from './phoenix.js'

/**
 * Elixir HTTP routes: the Phoenix router (phoenix.ts), Plug.Router modules mounted where they are
 * forwarded to (a Phoenix `forward "/api", ApiRouter` or a Plug `forward "/v1", to: V1`; a router
 * nobody forwards to serves at the root), and module plugs in the endpoint that answer a path
 * themselves (`def call(%Conn{path_info: ["status"]} = conn, _)`, `request_path: "/health"`),
 * counted only when some module plugs them in.
 */

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'head'])
/** Forward hops followed from a root router, at most. */
const MAX_MOUNT_DEPTH = 4

interface PlugRouter {
  readonly module: string
  readonly file: string
  readonly routes: { path: string; methods: string[]; line: number; touches: Route['touches'] }[]
  readonly forwards: { path: string; module: string; line: number }[]
}

function moduleName(lines: readonly string[]): string | undefined {
  for (const l of lines) {
    const m = /^\s*defmodule\s+([A-Z][\w.]*)\s+do\b/.exec(l)
    if (m) return m[1]
  }
  return undefined
}

function plugRouters(ctx: ExtractContext): PlugRouter[] {
  const out: PlugRouter[] = []
  for (const file of ctx.src.files('elixir')) {
    if (!ctx.src.mentions(file, ['Plug.Router'])) continue
    const lines = ctx.src.lines(file)
    if (!lines || !lines.some((l) => /^\s*use\s+Plug\.Router\b/.test(l))) continue
    const module = moduleName(lines)
    if (!module) continue
    const router: PlugRouter = { module, file, routes: [], forwards: [] }
    for (const st of statements(lines)) {
      const call = macroCall(st.text)
      if (!call) continue
      const path = stringArg(call.args[0])
      if (path === undefined) continue
      if (VERBS.has(call.name) || call.name === 'match') {
        const method = call.name === 'match' ? (stringArg(keyword(call.args, 'via'))?.toUpperCase() ?? /via:\s*:(\w+)/.exec(st.text)?.[1]?.toUpperCase() ?? 'ANY') : call.name.toUpperCase()
        const touches = opensBlocks(st.text) > 0 ? touchesIn(file, lines, st.line + 1, blockEnd(lines, st.line)) : undefined
        router.routes.push({ path, methods: [method], line: st.line + 1, touches })
      } else if (call.name === 'forward') {
        const target = moduleArg(keyword(call.args, 'to')) ?? moduleArg(call.args[1])
        if (target) router.forwards.push({ path, module: target, line: st.line + 1 })
      }
    }
    out.push(router)
  }
  return out
}

/** A forward's target module matched to a Plug.Router by full name or by its last segments (an alias). */
function sameModule(named: string, module: string): boolean {
  return named === module || module.endsWith('.' + named) || named.endsWith('.' + module)
}

/** Every mount path of each Plug.Router: where it is forwarded to, else the root. */
function mounts(routers: readonly PlugRouter[], phoenixForwards: readonly Forward[]): Map<PlugRouter, string[]> {
  const out = new Map<PlugRouter, string[]>()
  const forwarded = (r: PlugRouter): boolean => phoenixForwards.some((f) => sameModule(f.module, r.module)) || routers.some((o) => o !== r && o.forwards.some((f) => sameModule(f.module, r.module)))
  const visit = (r: PlugRouter, prefix: string, depth: number): void => {
    const list = out.get(r) ?? []
    if (list.includes(prefix) || list.length >= 8) return
    list.push(prefix)
    out.set(r, list)
    if (depth >= MAX_MOUNT_DEPTH) return
    for (const f of r.forwards) for (const t of routers) if (sameModule(f.module, t.module)) visit(t, joinUrl(prefix, f.path), depth + 1)
  }
  for (const f of phoenixForwards) for (const r of routers) if (sameModule(f.module, r.module)) visit(r, f.path, 1)
  for (const r of routers) if (!forwarded(r)) visit(r, '', 0)
  return out
}

/** Module plugs that answer a path themselves, when something plugs them in. */
function pathPlugs(ctx: ExtractContext, framework: Framework): Route[] {
  const out: Route[] = []
  const files = ctx.src.files('elixir')
  const plugged = (module: string): boolean => {
    const last = module.split('.').pop()!
    // `plug HexpmWeb.Plugs.Status`, or `plug Plugs.Status` after an alias.
    return files.some((f) => ctx.src.mentions(f, [`plug ${last}`, `plug(${last}`, `.${last}`]) && (ctx.src.lines(f) ?? []).some((l) => {
      const m = /^\s*plug\(?\s*([A-Z][\w.]*)/.exec(l)
      return m !== null && sameModule(m[1]!, module)
    }))
  }
  for (const file of files) {
    if (!ctx.src.mentions(file, ['path_info', 'request_path'])) continue
    const lines = ctx.src.lines(file)
    if (!lines || !lines.some((l) => /^\s*def\s+call\s*\(/.test(l))) continue
    const module = moduleName(lines)
    if (!module) continue
    for (let i = 0; i < lines.length && out.length < 20; i++) {
      const l = lines[i]!
      if (l.trimStart().startsWith('#')) continue
      const info = /path_info(?::|\s*==)\s*\[((?:\s*"[^"]{0,80}"\s*,?){1,8})\]/.exec(l)
      const req = /request_path(?::|\s*==)\s*"(\/[^"]{0,120})"/.exec(l)
      const path = info ? '/' + [...info[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!).join('/') : req?.[1]
      if (path === undefined) continue
      if (!plugged(module)) break
      const head = /^\s*def\s+call\s*\(/.test(l) ? i : -1
      const body = head >= 0 ? touchesIn(file, lines, i + 1, blockEnd(lines, i)) : undefined
      out.push({ path, methods: ['ANY'], framework, file, line: i + 1, handler: `${module}.call`, ...(body ? { touches: body } : {}), note: 'answered by a plug before the router' })
    }
  }
  return out
}

export function extractElixir(ctx: ExtractContext): Extracted {
  const phoenix = ctx.frameworks.has('phoenix')
  if (!phoenix && !ctx.frameworks.has('plug')) return { routes: [] }
  const framework: Framework = phoenix ? 'phoenix' : 'plug'
  const { routes, forwards } = extractPhoenix(ctx)
  const routers = plugRouters(ctx)
  for (const [r, prefixes] of mounts(routers, forwards)) {
    for (const prefix of prefixes) {
      for (const x of r.routes) routes.push({ path: trimSlash(joinUrl(prefix, x.path)), methods: x.methods, framework, file: r.file, line: x.line, handler: r.module, ...(x.touches ? { touches: x.touches } : {}) })
      for (const f of r.forwards) routes.push({ path: joinUrl(prefix, f.path), methods: ['ANY'], framework, file: r.file, line: f.line, handler: f.module })
    }
  }
  routes.push(...pathPlugs(ctx, framework))
  return { routes }
}

