import { MAX_LINE_CHARS } from '../files.js'
import { braceBody, touchesIn } from '../body.js'
import { RouteGraph, type ChildRef, type LocalRoute, type RouterNode } from '../graph.js'
import { callArgs, callText, indentOf, joinUrl, keywordArg, readLiteral, resolveExpr, type Resolved } from '../text.js'
import type { Framework } from '../types.js'
import { HTTP_METHODS, type Extracted, type ExtractContext } from './context.js'
import { defaultExport, jsBindings, resolveSpecifier, type JsBinding } from './js-imports.js'
import { tableMounts } from './route-tables.js'

/**
 * Express, Fastify, Koa and Hono routes: `app.get('/x')`, `router.route('/x').get()`,
 * `fastify.route({ url })`, mounts by `app.use('/api', router)`, `fastify.register(plugin,
 * { prefix })` and Hono `app.route('/api', sub)`, following routers imported from other files.
 * A receiver counts only when the file creates it (`express.Router()`, `Fastify()`, `new Hono()`)
 * or receives it as a parameter named like an app, so `axios.get('/x')` is never a route.
 */

interface Ctor {
  readonly call: string
  readonly framework: Framework
  readonly root: boolean
  readonly prefixKw?: string
}

export const JS_CONSTRUCTORS: readonly Ctor[] = [
  { call: 'express()', framework: 'express', root: true },
  { call: 'express.Router(', framework: 'express', root: false },
  { call: 'Router(', framework: 'express', root: false, prefixKw: 'prefix' },
  { call: 'Fastify(', framework: 'fastify', root: true },
  { call: 'fastify(', framework: 'fastify', root: true },
  { call: 'new Koa(', framework: 'koa', root: true },
  { call: 'new KoaRouter(', framework: 'koa', root: false, prefixKw: 'prefix' },
  { call: 'new Hono(', framework: 'hono', root: false },
  { call: 'new Elysia(', framework: 'elysia', root: false, prefixKw: 'prefix' }
]

/** Parameter names that make a function's argument an app or router (plugins, route modules). */
const PARAM_RECEIVERS: readonly string[] = ['app', 'router', 'fastify', 'server', 'instance', 'api', 'routes']
const PARAM_NAMES = PARAM_RECEIVERS.join('|')
/** `(app`, `app =>` or `app: ` anywhere in the text: one linear pass (an alternation of literals). */
const PARAM_USE = new RegExp(`\\((${PARAM_NAMES})|(${PARAM_NAMES})(?: =>|: )`, 'g')

/** The receiver parameter names a file uses, in catalogue order. */
function paramReceivers(text: string): string[] {
  const found = new Set<string>()
  for (const m of text.matchAll(PARAM_USE)) found.add(m[1] ?? m[2]!)
  return PARAM_RECEIVERS.filter((p) => found.has(p))
}

const ROUTE_METHODS = new Set<string>([...HTTP_METHODS, 'all'])
const COMMENT_LINE = /^\s*(?:\/\/|\*)/

export function extractExpress(ctx: ExtractContext): Extracted {
  const fws = (['express', 'fastify', 'koa', 'hono', 'elysia'] as const).filter((f) => ctx.frameworks.has(f))
  if (fws.length === 0) return { routes: [] }
  const framework: Framework = fws[0]!
  const graph = new RouteGraph()
  const has = (p: string): boolean => ctx.src.has(p)
  const mounts: ExpressMount[] = []
  for (const file of ctx.src.files('node')) {
    // Relevance is decided on the whole text before any line split: most files name no framework
    // and call no route method. (A blanked minified line can only make the split text shorter.)
    const raw = ctx.src.text(file)
    if (raw === undefined || (!fws.some((f) => raw.includes(f)) && !/\.(get|post|use|route|register)\(/.test(raw))) continue
    // Asking for the split records this scan's skips (over-long lines) either way.
    if (!ctx.src.lines(file)) continue
    const found = expressFile(ctx, file, raw, fws)
    for (const r of found.routers) graph.addRouter(r)
    for (const r of found.routes) graph.addRoute(r)
    mounts.push(...found.mounts)
  }
  const bindingCache = new Map<string, Map<string, JsBinding>>()
  for (const mt of mounts) {
    const child = childRef(mt.child, mt.file, ctx, has, bindingCache)
    if (child) {
      graph.addMount({ parent: { file: mt.file, name: mt.receiver }, child, prefix: mt.prefix })
    } else if ('value' in mt.prefix && mt.prefix.value !== '') {
      // An external middleware mounted at a path (`app.use('/api-docs', swaggerUi.serve)`): the path is served.
      graph.addRoute({ router: { file: mt.file, name: mt.receiver }, path: mt.prefix, methods: ['ANY'], framework, line: mt.line, handler: mt.child })
    }
  }
  return { routes: graph.resolve((parts) => joinUrl(...parts)) }
}

interface ExpressMount {
  readonly file: string
  readonly receiver: string
  readonly prefix: Resolved
  readonly child: string
  readonly line: number
}

interface ExpressFile {
  readonly routers: RouterNode[]
  readonly routes: LocalRoute[]
  readonly mounts: ExpressMount[]
}

/** One file's routers (constructed or taken as parameters), its routes and its mounts. */
function expressFile(ctx: ExtractContext, file: string, raw: string, fws: readonly Framework[]): ExpressFile {
  const framework: Framework = fws[0]!
  const out: ExpressFile = { routers: [], routes: [], mounts: [] }
  const lines = ctx.src.lines(file)
  if (!lines) return out
  // The file's own text when no line was blanked (short files: no line can exceed the cap), else
  // the kept lines joined: the same text either way, without rebuilding it for every file.
  const joined = lines.length >= 4000 ? '' : raw.length <= MAX_LINE_CHARS ? raw : lines.join('\n')
  if (!fws.some((f) => joined.includes(f)) && !/\.(get|post|use|route|register)\(/.test(joined)) return out
  const consts = jsConsts(lines)
  const lookup = (n: string): string | undefined => consts.get(n)
  const receivers = new Map<string, Framework>()
  /** Lines continuing a declaration's chain (`new Elysia()` then `.get('/x', …)` lines): their receiver. */
  const chained = new Map<number, string>()
  // Every constructor match below names its call in the text: without one, no line can match.
  const constructs = JS_CONSTRUCTORS.some((k) => raw.includes(k.call))
  for (let i = 0; constructs && i < lines.length; i++) {
    const line = lines[i]!
    // Only a declaration can construct a router: a line without `=` is skipped before the regex.
    if (!line.includes('=')) continue
    const m = /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]{1,60})?=\s*(?:await\s+)?(.*)$/.exec(line)
    if (!m) continue
    const rhs = m[2]!
    const c = JS_CONSTRUCTORS.find((k) => rhs.startsWith(k.call) || rhs.startsWith('new ' + k.call) || rhs.includes('.' + k.call))
    if (!c) continue
    const kw = c.prefixKw ? keywordArg(callText(lines, i, line.indexOf(rhs)), c.prefixKw) : undefined
    const base = /\.basePath\(\s*(['"`][^'"`]*['"`])/.exec(rhs)
    const prefix = kw !== undefined ? resolveExpr(kw, lookup) : base ? resolveExpr(base[1]!, lookup) : undefined
    out.routers.push({ file, name: m[1]!, root: c.root, framework: c.framework, ...(prefix ? { prefix } : {}) })
    receivers.set(m[1]!, c.framework)
    for (const k of chainLines(lines, i)) chained.set(k, m[1]!)
  }
  for (const p of paramReceivers(joined)) {
    if (receivers.has(p)) continue
    out.routers.push({ file, name: p, root: false, framework })
    receivers.set(p, framework)
  }
  // Controller classes (`class HealthCheckController extends Controller { … this.route({ path }) }`):
  // inside one, `this` is a router named after the class, mounted elsewhere as `new X(…).router`.
  const classes = raw.includes('class ') && raw.includes('this.') ? controllerClasses(lines) : []
  for (const c of classes) out.routers.push({ file, name: c.name, root: false, framework })
  if (classes.length > 0) receivers.set('this', framework)
  const classAt = (i: number): string | undefined => classes.find((c) => i >= c.from && i < c.to)?.name
  if (receivers.size === 0) return out
  if (raw.includes('forEach(') || raw.includes(' of ')) {
    for (const t of tableMounts(lines, (n) => receivers.has(n))) out.mounts.push({ file, receiver: t.receiver, prefix: { value: t.prefix }, child: t.child, line: t.line })
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const via = chained.get(i)
    const calls = via !== undefined ? [{ recv: via, method: /^\s*\.(\w+)\(/.exec(line)![1]!, open: line.indexOf('(') }] : receiverCalls(line, receivers)
    if (calls.length === 0 || COMMENT_LINE.test(line)) continue
    for (const { recv: callee, method, open } of calls) {
      const recv = callee === 'this' ? classAt(i) : callee
      if (recv === undefined) continue
      const text = callText(lines, i, open)
      const args = callArgs(text, 0)
      const first = args[0] ?? ''
      const lit = readLiteral(first, 0)
      // `this.get('key')` in a class is as often a cache as a route: only paths count there.
      if (callee === 'this' && lit && lit.value !== '' && !lit.value.startsWith('/')) continue
      const fw = receivers.get(callee) ?? framework
      const addRoute = (path: Resolved, methods: string[], handler?: string): void => {
        const [from, to] = braceBody(lines, i)
        out.routes.push({ router: { file, name: recv }, path, methods, framework: fw, line: i + 1, touches: touchesIn(file, lines, from, to), ...(handler ? { handler } : {}) })
      }
      if (ROUTE_METHODS.has(method) && lit) {
        addRoute(resolveExpr(first, lookup), [method === 'all' ? 'ANY' : method.toUpperCase()], args.length >= 2 ? handlerRef(args[args.length - 1]!) : undefined)
      } else if (method === 'route' && lit && args.length === 1) {
        const chained = [...line.slice(open).matchAll(/\.(get|post|put|delete|patch)\(/g)].map((x) => x[1]!.toUpperCase())
        addRoute(resolveExpr(first, lookup), chained.length ? chained : ['ANY'])
      } else if (method === 'route' && first.startsWith('{')) {
        const url = keywordArg(first, 'url') ?? keywordArg(first, 'path')
        const meth = keywordArg(first, 'method')
        if (url) addRoute(resolveExpr(url, lookup), meth ? [meth.replace(/[^A-Za-z]/g, '').toUpperCase() || 'ANY'] : ['ANY'])
      } else if ((method === 'use' || (method === 'route' && args.length >= 2)) && lit && args.length >= 2) {
        out.mounts.push({ file, receiver: recv, prefix: resolveExpr(first, lookup), child: args[args.length - 1]!, line: i + 1 })
      } else if (method === 'use' && !lit && args.length >= 1) {
        out.mounts.push({ file, receiver: recv, prefix: { value: '' }, child: args[args.length - 1]!, line: i + 1 })
      } else if (method === 'register' && args.length >= 1) {
        const opts = args[1] ?? ''
        const prefix = keywordArg(opts, 'prefix')
        out.mounts.push({ file, receiver: recv, prefix: prefix ? resolveExpr(prefix, lookup) : { value: '' }, child: first, line: i + 1 })
      }
    }
  }
  return out
}

/**
 * The lines after a declaration that continue its method chain at one indentation (`.get(…)`,
 * `.use(…)`), stopping at the first line back at the declaration's indentation or shallower.
 */
function chainLines(lines: readonly string[], decl: number): number[] {
  const out: number[] = []
  const base = indentOf(lines[decl]!)
  let step = -1
  for (let k = decl + 1; k < lines.length && k < decl + 2000 && out.length < 500; k++) {
    const l = lines[k]!
    if (l.trim() === '') continue
    const ind = indentOf(l)
    if (ind <= base) break
    if (!/^\s*\.\w+\(/.test(l)) continue
    if (step < 0) step = ind
    if (ind === step) out.push(k)
  }
  return out
}

/** A route's handler when it is a reference or a call (`listUsers`, `swaggerUi.setup(spec)`), not an inline function. */
function handlerRef(arg: string): string | undefined {
  return /^[A-Za-z_$][\w$.]*(\(|$)/.test(arg) && !/^(async|function)\b/.test(arg) ? arg.slice(0, 200) : undefined
}

/** A class whose base names a router or controller, with its body's line range. */
const CONTROLLER_CLASS = /^\s*(?:export\s+)?(?:default\s+)?class\s+([A-Za-z_$][\w$]{0,80})\s+extends\s+([A-Za-z_$][\w$.]{0,80})/
const CONTROLLER_BASE = /(?:Controller|Router|Routes|Api|API)$/

function controllerClasses(lines: readonly string[]): { name: string; from: number; to: number }[] {
  const out: { name: string; from: number; to: number }[] = []
  for (let i = 0; i < lines.length && out.length < 50; i++) {
    const m = lines[i]!.length <= 300 ? CONTROLLER_CLASS.exec(lines[i]!) : null
    if (!m || !CONTROLLER_BASE.test(m[2]!)) continue
    const [from, to] = braceBody(lines, i)
    out.push({ name: m[1]!, from, to })
  }
  return out
}

/** `new HealthCheckController(config, services).router`: the class's router. */
const NEW_CHILD = /^new\s+([A-Za-z_$][\w$]{0,80})\s*\([^]{0,300}\)\s*\.\s*(?:router|app|routes)$/

function childRef(expr: string, file: string, ctx: ExtractContext, has: (p: string) => boolean, cache: Map<string, Map<string, JsBinding>>): ChildRef | undefined {
  const made = NEW_CHILD.exec(expr)
  if (made) {
    const cls = made[1]!
    const bind = bindingsOf(file, ctx, has, cache).get(cls)
    if (!bind) return { file, name: cls }
    return bind.name ? { file: bind.file, name: bind.name } : withDefault(bind.file, ctx)
  }
  const req = /^(?:require|import)\(\s*(['"`][^'"`]+['"`])\s*\)/.exec(expr)
  if (req) {
    const target = resolveSpecifier(readLiteral(req[1]!, 0)!.value, file, has)
    return target ? withDefault(target, ctx) : undefined
  }
  const name = expr.replace(/\.(routes|middleware)\(\)$/, '').replace(/\(\)$/, '').trim()
  if (!/^[A-Za-z_$][\w$.]*$/.test(name)) return undefined
  const head = name.split('.')[0]!
  const bind = bindingsOf(file, ctx, has, cache).get(head)
  if (!bind) return { file, name: head }
  if (bind.name) return { file: bind.file, name: bind.name }
  return withDefault(bind.file, ctx)
}

function bindingsOf(file: string, ctx: ExtractContext, has: (p: string) => boolean, cache: Map<string, Map<string, JsBinding>>): Map<string, JsBinding> {
  let b = cache.get(file)
  if (!b) {
    b = jsBindings(ctx.src.lines(file) ?? [], file, has)
    cache.set(file, b)
  }
  return b
}

function withDefault(target: string, ctx: ExtractContext): ChildRef {
  const def = defaultExport(ctx.src.lines(target) ?? [])
  return def ? { file: target, name: def } : { file: target }
}

/** `const API_PREFIX = '/api'` constants of one file. */
function jsConsts(lines: readonly string[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const l of lines) {
    const m = /^\s*(?:export\s+)?const\s+([A-Za-z_$][\w$]*)\s*(?::\s*string\s*)?=\s*/.exec(l)
    if (!m) continue
    const lit = readLiteral(l, m[0].length)
    if (lit && !lit.template) out.set(m[1]!, lit.value)
  }
  return out
}

/** `recv.method(` calls on a line for known receivers, found by indexOf (linear, no regex scan). */
function receiverCalls(line: string, receivers: ReadonlyMap<string, Framework>): { recv: string; method: string; open: number }[] {
  const out: { recv: string; method: string; open: number }[] = []
  for (const recv of receivers.keys()) {
    let at = line.indexOf(recv + '.')
    while (at >= 0 && out.length < 20) {
      const prev = at === 0 ? '' : line[at - 1]!
      let j = at + recv.length + 1
      const start = j
      while (j < line.length && j - start < 12 && /[a-zA-Z]/.test(line[j]!)) j++
      if (!/[\w$.]/.test(prev) && line[j] === '(' && j > start) out.push({ recv, method: line.slice(start, j), open: j })
      at = line.indexOf(recv + '.', at + recv.length + 1)
    }
  }
  return out.sort((a, b) => a.open - b.open)
}
