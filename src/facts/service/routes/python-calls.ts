import { pythonBody, touchesIn } from '../body.js'
import { callArgs, callText, indentOf, joinUrl, keywordArg, readLiteral } from '../text.js'
import type { Framework, Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { handlerFinder, patternPath } from './python-handlers.js'
import { literalList } from './python-common.js'

/**
 * Python frameworks whose routes are calls or bare decorators rather than methods of an app
 * object the decorator engine follows: Falcon `app.add_route("/x", Resource())`, aiohttp
 * `app.router.add_get("/x", h)`, `web.get("/x", h)` in `add_routes([...])` and
 * `@routes.get("/x")` on a RouteTableDef, Bottle's module-level `@route("/x")`, Litestar's
 * `@get("/x")` (below a Controller's `path`), Sanic's `app.add_route(handler, "/x")`. The
 * receiver is not followed (Falcon apps are passed to `init(app)` functions): a rule applies only
 * when its framework was recognised. Traps: Pyramid's `config.add_route(name, pattern)` shares
 * Falcon's name (its path is the second argument, routes/pyramid.ts); aiohttp's sub-application
 * prefixes (`add_subapp`) and Litestar's `Router(path=…)` are not followed (the path below them
 * is kept, as with an unresolved prefix).
 */

interface CallRule {
  readonly framework: Framework
  /** The method (`.add_route(`) or, with `bare`, the function (`route(`). */
  readonly call: string
  /** Also matches a call without receiver (`@route("/x")`). */
  readonly bare?: boolean
  /** Only this receiver (`web.get(`). */
  readonly receiver?: string
  /** A decorator: the function below is the handler. */
  readonly decorator?: boolean
  readonly pathArg: number
  readonly pathKw?: string
  /** Path when none is given (`@get()` in a Litestar controller). */
  readonly defaultPath?: string
  readonly handlerArg?: number
  /** Argument holding the method (`add_route("GET", "/x", h)`). */
  readonly methodArg?: number
  /** Keyword holding the methods (`method=` in Bottle, `http_method=` in Litestar). */
  readonly methodsKw?: string
  readonly methods: readonly string[]
}

const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const

const rules: CallRule[] = [
  { framework: 'falcon', call: 'add_route', pathArg: 0, handlerArg: 1, methods: ['ANY'] },
  { framework: 'sanic', call: 'add_route', pathArg: 1, handlerArg: 0, methodsKw: 'methods', methods: ['GET'] },
  ...VERBS.map((v): CallRule => ({ framework: 'aiohttp', call: `add_${v}`, pathArg: 0, handlerArg: 1, methods: [v.toUpperCase()] })),
  { framework: 'aiohttp', call: 'add_route', pathArg: 1, handlerArg: 2, methodArg: 0, methods: ['ANY'] },
  { framework: 'aiohttp', call: 'add_view', pathArg: 0, handlerArg: 1, methods: ['ANY'] },
  ...VERBS.map((v): CallRule => ({ framework: 'aiohttp', call: v, receiver: 'web', pathArg: 0, handlerArg: 1, methods: [v.toUpperCase()] })),
  { framework: 'aiohttp', call: 'route', receiver: 'web', pathArg: 1, handlerArg: 2, methodArg: 0, methods: ['ANY'] },
  { framework: 'aiohttp', call: 'view', receiver: 'web', pathArg: 0, handlerArg: 1, methods: ['ANY'] },
  ...VERBS.map((v): CallRule => ({ framework: 'aiohttp', call: v, decorator: true, pathArg: 0, methods: [v.toUpperCase()] })),
  { framework: 'aiohttp', call: 'route', decorator: true, pathArg: 1, methodArg: 0, methods: ['ANY'] },
  { framework: 'aiohttp', call: 'view', decorator: true, pathArg: 0, methods: ['ANY'] },
  ...['route', ...VERBS].map((v): CallRule => ({ framework: 'bottle', call: v, bare: true, decorator: true, pathArg: 0, pathKw: 'path', defaultPath: '/', methodsKw: 'method', methods: [v === 'route' ? 'GET' : v.toUpperCase()] })),
  ...['route', ...VERBS, 'websocket'].map((v): CallRule => ({
    framework: 'litestar',
    call: v,
    bare: true,
    decorator: true,
    pathArg: 0,
    pathKw: 'path',
    defaultPath: '/',
    methodsKw: 'http_method',
    methods: [v === 'route' ? 'ANY' : v.toUpperCase()]
  }))
]

/** `x.add_route(`, `@routes.get(`, `@get(`: receiver (may be empty) and name. */
const CALL = /^\s*(@?)(?:([A-Za-z_][\w.]{0,80})\.)?([A-Za-z_]\w{0,40})\(/

export function extractPythonCalls(ctx: ExtractContext): Extracted {
  const active = rules.filter((r) => ctx.frameworks.has(r.framework))
  if (active.length === 0) return { routes: [] }
  const byName = new Map<string, CallRule[]>()
  for (const r of active) byName.set(r.call, [...(byName.get(r.call) ?? []), r])
  const tokens = [...byName.keys()].map((n) => n + '(')
  const handler = handlerFinder(ctx)
  const receivers = [...new Set(active.flatMap((r) => (r.receiver ? [r.receiver] : [])))]
  const routes: Route[] = []
  for (const file of ctx.src.files('python')) {
    if (!ctx.src.mentions(file, tokens)) continue
    const lines = ctx.src.lines(file)
    if (!lines) continue
    const controllers = active.some((r) => r.framework === 'litestar') ? controllerPaths(lines) : []
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!
      const sites: { decorator: boolean; receiver: string; name: string; open: number }[] = []
      const m = CALL.exec(line)
      if (m) sites.push({ decorator: m[1] === '@', receiver: m[2] ?? '', name: m[3]!, open: m[0].length - 1 })
      // `web.post("/x", h)` inside a list: anywhere on the line.
      if (receivers.some((r) => line.includes(r + '.'))) {
        for (const x of line.matchAll(INNER)) if (x.index + x[0].length - 1 !== sites[0]?.open) sites.push({ decorator: false, receiver: x[1]!, name: x[2]!, open: x.index + x[0].length - 1 })
      }
      for (const site of sites) routes.push(...routeAt(file, lines, i, site, byName.get(site.name) ?? [], controllers, handler))
    }
  }
  return { routes }
}

const INNER = /(?<![\w.])([A-Za-z_]\w{0,40})\.([A-Za-z_]\w{0,40})\(/g

function routeAt(
  file: string,
  lines: readonly string[],
  i: number,
  site: { decorator: boolean; receiver: string; name: string; open: number },
  candidates: readonly CallRule[],
  controllers: readonly { from: number; to: number; indent: number; path: string }[],
  handler: ReturnType<typeof handlerFinder>
): Route[] {
  const isDecorator = site.decorator
  const receiver = site.receiver
  if (candidates.length === 0) return []
  const text = callText(lines, i, site.open)
  const args = callArgs(text, 0)
  for (const rule of candidates) {
        if (!!rule.decorator !== isDecorator || (rule.receiver !== undefined && rule.receiver !== receiver.slice(receiver.lastIndexOf('.') + 1))) continue
        if (receiver === '' && !rule.bare) continue
        const pathExpr = args[rule.pathArg] !== undefined && !/^\w+\s*=/.test(args[rule.pathArg]!) ? args[rule.pathArg] : rule.pathKw ? keywordArg(text, rule.pathKw) : undefined
        const lit = pathExpr !== undefined ? readLiteral(pathExpr, 0) : undefined
        if (pathExpr !== undefined && !lit) continue
        const raw = lit ? lit.value : rule.defaultPath
        if (raw === undefined || (rule.framework !== 'litestar' && rule.framework !== 'bottle' && !raw.startsWith('/') && !raw.startsWith('^'))) continue
        const methods = methodsOf(rule, args, text)
        const prefix = rule.framework === 'litestar' ? controllers.find((c) => i > c.from && i < c.to && indentOf(lines[i]!) > c.indent)?.path ?? '' : ''
        const where = isDecorator ? bodyTouches(file, lines, i) : rule.handlerArg !== undefined && args[rule.handlerArg] ? handler(file, args[rule.handlerArg]!) : {}
        const path = raw === '/' && prefix !== '' ? joinUrl(prefix) : joinUrl(prefix, patternPath(raw))
        return [{ path, methods, framework: rule.framework, file, line: i + 1, ...where }]
  }
  return []
}

function methodsOf(rule: CallRule, args: readonly string[], text: string): string[] {
  if (rule.methodArg !== undefined && args[rule.methodArg]) {
    const m = readLiteral(args[rule.methodArg]!, 0)
    if (m) return [m.value === '*' ? 'ANY' : m.value.toUpperCase()]
  }
  const kw = rule.methodsKw ? keywordArg(text, rule.methodsKw) : undefined
  if (kw) {
    const list = literalList(kw)
    if (list.length) return list
    const member = /HttpMethod\.(\w+)/.exec(kw)
    if (member) return [member[1]!.toUpperCase()]
  }
  return [...rule.methods]
}

function bodyTouches(file: string, lines: readonly string[], i: number): Pick<Route, 'touches'> {
  const [from, to] = pythonBody(lines, i)
  return { touches: touchesIn(file, lines, from, to) }
}

/** Litestar controllers: `class X(Controller):` with `path = "/x"` in its body. */
function controllerPaths(lines: readonly string[]): { from: number; to: number; indent: number; path: string }[] {
  const out: { from: number; to: number; indent: number; path: string }[] = []
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*class\s+\w+\(.*Controller\b/.test(lines[i]!)) continue
    const indent = indentOf(lines[i]!)
    let end = i + 1
    let path: string | undefined
    for (; end < lines.length && end < i + 400; end++) {
      const l = lines[end]!
      if (l.trim() !== '' && indentOf(l) <= indent) break
      const p = /^\s*path\s*(?::\s*\w+\s*)?=\s*/.exec(l)
      if (p && path === undefined && indentOf(l) > indent) path = readLiteral(l, p[0].length)?.value
    }
    if (path !== undefined) out.push({ from: i, to: end, indent, path })
  }
  return out
}
