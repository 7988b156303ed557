import { touchesIn } from '../body.js'
import { bracketDelta, callText, joinUrl, keywordArg, readLiteral, resolveExpr } from '../text.js'
import type { Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { defBody, extractPython, pyConstLookup, type PyFrameworkSpec } from './python-common.js'

/**
 * FastAPI and Starlette routes: `@app.get("/x")`, `@router.api_route`, `add_api_route`,
 * `APIRouter(prefix=…)` and `include_router(r, prefix=…)` followed across modules, plus
 * Starlette's `Route("/x", …)` inside `Mount("/api", routes=[…])` lists.
 */

export const FASTAPI: PyFrameworkSpec = {
  framework: 'fastapi',
  apps: ['FastAPI'],
  routers: [{ ctor: 'APIRouter', prefixKw: 'prefix' }],
  decorators: {
    get: ['GET'],
    post: ['POST'],
    put: ['PUT'],
    delete: ['DELETE'],
    patch: ['PATCH'],
    head: ['HEAD'],
    options: ['OPTIONS'],
    api_route: ['ANY'],
    websocket: ['WEBSOCKET']
  },
  addRoute: { add_api_route: 1 },
  mounts: [
    { call: 'include_router', prefixKw: 'prefix', replacesOwn: false, childArg: 0 },
    { call: 'mount', prefixKw: 'path', prefixArg: 0, replacesOwn: false, childArg: 1 }
  ]
}

export function extractFastApi(ctx: ExtractContext): Extracted {
  const routes = ctx.frameworks.has('fastapi') ? extractPython(ctx, [FASTAPI]) : []
  if (ctx.frameworks.has('starlette') || ctx.frameworks.has('fastapi')) routes.push(...starletteRoutes(ctx))
  return { routes }
}

/** `Route("/x", endpoint)` and `Mount("/p", routes=[…])`, with the Mount stack tracked by bracket depth. */
function starletteRoutes(ctx: ExtractContext): Route[] {
  const out: Route[] = []
  const consts = pyConstLookup(ctx)
  for (const file of ctx.src.files('python')) {
    const raw = ctx.src.text(file)
    if (raw === undefined || !(raw.includes('Route(') || raw.includes('Mount('))) continue
    const lines = ctx.src.lines(file)
    if (!lines || !lines.some((l) => l.includes('Route(') || l.includes('Mount('))) continue
    const lookup = consts(file)
    const stack: { prefix: string; depth: number; unknown?: string }[] = []
    let depth = 0
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!
      const hits: { col: number; kind: 'Route' | 'Mount' | 'WebSocketRoute' }[] = []
      for (const kind of ['Route', 'Mount', 'WebSocketRoute'] as const) {
        let at = line.indexOf(kind + '(')
        while (at >= 0) {
          if (at === 0 || !/[\w.]/.test(line[at - 1]!) || line.slice(Math.max(0, at - 8), at) === 'routing.') hits.push({ col: at, kind })
          at = line.indexOf(kind + '(', at + 1)
        }
      }
      hits.sort((a, b) => a.col - b.col)
      for (const h of hits) {
        const d = depth + bracketDelta(line.slice(0, h.col))
        while (stack.length && stack[stack.length - 1]!.depth >= d) stack.pop()
        const text = callText(lines, i, h.col + h.kind.length)
        const lit = readLiteral(text, 1)
        const value = lit ? resolveExpr(text.slice(1, lit.end), lookup) : undefined
        if (!value) continue
        const unknown = stack.find((s) => s.unknown)?.unknown ?? ('unknown' in value ? value.unknown : undefined)
        const path = joinUrl(...stack.map((s) => s.prefix), 'value' in value ? value.value : '')
        if (h.kind === 'Mount') {
          stack.push({ prefix: 'value' in value ? value.value : '', depth: d, ...(unknown ? { unknown } : {}) })
          continue
        }
        const endpoint = keywordArg(text, 'endpoint') ?? text.slice(lit!.end).replace(/^\s*,/, '').split(/[,)]/)[0]!.trim()
        const body = endpoint ? defBody(lines, endpoint) : undefined
        const methods = keywordArg(text, 'methods')
        out.push({
          path,
          methods: methods ? methods.replace(/[^A-Za-z,]/g, '').toUpperCase().split(',').filter(Boolean) : h.kind === 'WebSocketRoute' ? ['WEBSOCKET'] : ['ANY'],
          framework: 'starlette',
          file,
          line: i + 1,
          ...(unknown ? { prefixUnknown: unknown } : {}),
          ...(endpoint ? { handler: endpoint } : {}),
          ...(body ? { touches: touchesIn(file, lines, body[0], body[1]) } : {})
        })
      }
      depth += bracketDelta(line)
      while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop()
    }
  }
  return out
}
