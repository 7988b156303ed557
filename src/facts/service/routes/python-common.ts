import { memoKey } from '../../run-memo.js'
import { pythonBody, touchesIn } from '../body.js'
import { RouteGraph, type LocalRoute } from '../graph.js'
import { pyIndex, pythonBindings, pythonConstants, resolvePyRef, type PyBinding } from '../python-imports.js'
import { callArgs, callText, joinUrl, keywordArg, readLiteral, resolveExpr, type Resolved } from '../text.js'
import type { Framework, Route } from '../types.js'
import type { ExtractContext } from './context.js'

const PY_BINDINGS = memoKey<Map<string, PyBinding>>('pyBindings')

const PY_CLASS_CONSTS = memoKey<ReturnType<typeof pythonConstants> | undefined>('pyClassConsts')

const PY_CONSTS = memoKey<ReadonlyMap<string, string>>('pyConsts')

/**
 * The engine shared by the decorator-style Python frameworks (FastAPI, Flask and their
 * relatives). Each framework is a PyFrameworkSpec (data): which constructors make apps and
 * routers, which decorators declare routes, which calls mount a router under a prefix.
 */

export interface PyFrameworkSpec {
  readonly framework: Framework
  /** Constructors of application objects (`FastAPI`, `Flask`). */
  readonly apps: readonly string[]
  /** Constructors of routers and the keyword of their own prefix. */
  readonly routers: readonly { readonly ctor: string; readonly prefixKw: string }[]
  /** Decorator method → HTTP methods (`route`/`api_route` read `methods=`). */
  readonly decorators: Readonly<Record<string, readonly string[]>>
  /** `x.add_api_route("/p", handler)`-style calls: method name → index of the handler argument. */
  readonly addRoute: Readonly<Record<string, number>>
  /** Mount calls: `include_router(child, prefix=…)`. */
  readonly mounts: readonly { readonly call: string; readonly prefixKw: string; readonly replacesOwn: boolean; readonly prefixArg?: number; readonly childArg: number }[]
}

/** A decorator line anywhere in a text (`@app.get(…)`), tested before the text is split. */
const DECORATOR_LINE = /^[ \t]*@/m
/** Words naming the UPPER_CASE constants the service-wide lookup keeps (one constant list: one compiled token test). */
const CONST_HINTS: readonly string[] = ['_STR', 'PREFIX', 'URL', 'PATH']

const ASSIGN = /^\s*([A-Za-z_][A-Za-z0-9_]{0,80})\s*(?::\s*[A-Za-z_][\w.[\]]{0,60}\s*)?=\s*([A-Za-z_][\w.]{0,80})\(/
const RECEIVER_CALL = /^\s*@?([A-Za-z_][\w.]{0,80})\.([A-Za-z_]\w{0,40})\(/

/** Constants visible from a file: its module-level constants, then unique UPPER_CASE class attributes of the service. */
export function pyConstLookup(ctx: ExtractContext): (file: string) => (name: string) => string | undefined {
  let global: Map<string, string> | undefined
  // Each file's constants depend on its text alone: read once per route scan, however many imports ask.
  const fileConsts = (f: string): ReadonlyMap<string, string> => ctx.memo.get(PY_CONSTS, f, () => pythonConstants(ctx.src.lines(f) ?? []))
  return (file) => (name) => {
    const own = fileConsts(file).get(name)
    if (own !== undefined && own !== '\0conflict') return own
    const last = name.slice(name.lastIndexOf('.') + 1)
    if (!/^[A-Z][A-Z0-9_]*$/.test(last)) return undefined
    if (!global) {
      global = new Map()
      for (const f of ctx.src.files('python')) {
        if (!ctx.src.mentions(f, CONST_HINTS)) continue
        // A file's class-level constants, merged as one pass over every file would: two values make a conflict.
        const found = ctx.memo.get(PY_CLASS_CONSTS, f, () => {
          const ls = ctx.src.lines(f)
          return ls && ls.some((l) => l.includes('_STR') || l.includes('PREFIX') || l.includes('URL') || l.includes('PATH')) ? pythonConstants(ls, new Map(), true) : undefined
        })
        for (const [k, v] of found ?? []) global.set(k, global.has(k) && global.get(k) !== v ? '\0conflict' : v)
      }
    }
    const v = global.get(last)
    return v === undefined || v === '\0conflict' ? undefined : v
  }
}

/** Runs the specs over every Python file and resolves full paths. */
export function extractPython(ctx: ExtractContext, specs: readonly PyFrameworkSpec[]): Route[] {
  const files = ctx.src.files('python')
  const index = pyIndex(files)
  const graph = new RouteGraph()
  const consts = pyConstLookup(ctx)
  const pending: { file: string; receiver: string; route: Omit<LocalRoute, 'router' | 'framework'> }[] = []
  const pendingMounts: { file: string; receiver: string; child: string; prefix: Resolved; replacesOwn: boolean }[] = []
  const decoratorNames = new Map<string, readonly string[]>()
  const addRouteNames = new Map<string, number>()
  const mountNames = new Map<string, PyFrameworkSpec['mounts'][number]>()
  const ctors = new Map<string, { spec: PyFrameworkSpec; app: boolean; prefixKw?: string }>()
  for (const spec of specs) {
    for (const [k, v] of Object.entries(spec.decorators)) decoratorNames.set(k, v)
    for (const [k, v] of Object.entries(spec.addRoute)) addRouteNames.set(k, v)
    for (const m of spec.mounts) mountNames.set(m.call, m)
    for (const a of spec.apps) ctors.set(a, { spec, app: true })
    for (const r of spec.routers) ctors.set(r.ctor, { spec, app: false, prefixKw: r.prefixKw })
  }
  const ctorNames = [...ctors.keys()]
  for (const file of files) {
    // Relevance on the whole text, before any split: a constructor named, or a decorator line.
    const raw = ctx.src.text(file)
    if (raw === undefined || (!ctorNames.some((c) => raw.includes(c)) && !DECORATOR_LINE.test(raw))) continue
    const lines = ctx.src.lines(file)
    if (!lines) continue
    // What one file declares depends on its text alone (expressions stay unresolved); constants
    // are looked up afterwards, since they may come from other files.
    const found = pythonFile(file, lines, { ctors, ctorNames, decoratorNames, addRouteNames, mountNames })
    if (found.routers.length + found.routes.length + found.mounts.length === 0) continue
    const lookup = consts(file)
    for (const r of found.routers) graph.addRouter({ file, name: r.name, root: r.root, framework: r.framework, ...(r.prefixExpr !== undefined ? { prefix: prefixOf(r.prefixExpr, lookup) } : {}) })
    for (const r of found.routes) pending.push({ file, receiver: r.receiver, route: { ...r.route, path: pathOf(r.pathLit.value, r.pathLit.template, lookup) } })
    for (const m of found.mounts) pendingMounts.push({ file, receiver: m.receiver, child: m.child, prefix: m.prefixExpr === undefined ? { value: '' } : prefixOf(m.prefixExpr, lookup), replacesOwn: m.replacesOwn })
  }
  const resolve = (file: string, ref: string): { file: string; name?: string } | undefined => resolvePyRef(ref, file, pyBindingsOf(ctx, file), index)
  for (const pm of pendingMounts) {
    const parent = resolve(pm.file, pm.receiver)
    const child = resolve(pm.file, pm.child)
    if (!parent?.name || !child) continue
    graph.addMount({ parent: { file: parent.file, name: parent.name }, child, prefix: pm.prefix, replacesOwn: pm.replacesOwn })
  }
  for (const p of pending) {
    const r = resolve(p.file, p.receiver)
    const node = r?.name ? graph.router(r.file, r.name) : undefined
    if (!node) continue
    const pr = p.route
    graph.addRoute({
      path: pr.path,
      methods: pr.methods,
      line: pr.line,
      ...(pr.handler !== undefined ? { handler: pr.handler } : {}),
      ...(pr.touches !== undefined ? { touches: pr.touches } : {}),
      file: p.file,
      router: { file: node.file, name: node.name },
      framework: node.framework ?? specs[0]!.framework
    })
  }
  return graph.resolve((parts) => joinUrl(...parts))
}

interface PyTables {
  readonly ctors: ReadonlyMap<string, { spec: PyFrameworkSpec; app: boolean; prefixKw?: string }>
  readonly ctorNames: readonly string[]
  readonly decoratorNames: ReadonlyMap<string, readonly string[]>
  readonly addRouteNames: ReadonlyMap<string, number>
  readonly mountNames: ReadonlyMap<string, PyFrameworkSpec['mounts'][number]>
}

/** One file's declarations, with prefixes and paths still as written (resolved by the caller). */
interface PyFile {
  readonly routers: { readonly name: string; readonly root: boolean; readonly framework: Framework; readonly prefixExpr?: string }[]
  readonly routes: { readonly receiver: string; readonly pathLit: { readonly value: string; readonly template: boolean }; readonly route: Omit<LocalRoute, 'router' | 'framework' | 'path'> }[]
  readonly mounts: { readonly receiver: string; readonly child: string; readonly prefixExpr?: string; readonly replacesOwn: boolean }[]
}

const NO_PY: PyFile = { routers: [], routes: [], mounts: [] }

function pythonFile(file: string, lines: readonly string[], t: PyTables): PyFile {
  let relevant = false
  for (const c of t.ctorNames) if (lines.some((l) => l.includes(c))) relevant = true
  if (!relevant && !lines.some((l) => l.trimStart().startsWith('@'))) return NO_PY
  const out = { routers: [] as PyFile['routers'][number][], routes: [] as PyFile['routes'][number][], mounts: [] as PyFile['mounts'][number][] }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const a = ASSIGN.exec(line)
    if (a) {
      const ctorName = a[2]!.slice(a[2]!.lastIndexOf('.') + 1)
      const ctor = t.ctors.get(ctorName)
      if (ctor) {
        const text = callText(lines, i, line.indexOf('(', a[0].length - 1))
        const kw = ctor.prefixKw ? keywordArg(text, ctor.prefixKw) : undefined
        out.routers.push({ name: a[1]!, root: ctor.app, framework: ctor.spec.framework, ...(kw !== undefined ? { prefixExpr: kw } : {}) })
        continue
      }
    }
    const m = RECEIVER_CALL.exec(line)
    if (!m) continue
    const receiver = m[1]!
    const method = m[2]!
    const open = m[0].length - 1
    if (line.trimStart().startsWith('@') && t.decoratorNames.has(method)) {
      const text = callText(lines, i, open)
      const lit = readLiteral(text, 1)
      if (!lit) continue
      const methodsKw = keywordArg(text, 'methods')
      const methods = methodsKw ? literalList(methodsKw) : t.decoratorNames.get(method)!
      const [from, to] = pythonBody(lines, i)
      out.routes.push({ receiver, pathLit: { value: lit.value, template: lit.template }, route: { methods: methods.length ? methods : ['ANY'], line: i + 1, touches: touchesIn(file, lines, from, to) } })
    } else if (t.addRouteNames.has(method)) {
      const text = callText(lines, i, open)
      const args = callArgs(text, 0)
      const lit = args[0] ? readLiteral(args[0], 0) : undefined
      if (!lit) continue
      const handler = args[t.addRouteNames.get(method)!]
      const body = handler ? defBody(lines, handler) : undefined
      out.routes.push({
        receiver,
        pathLit: { value: lit.value, template: lit.template },
        route: {
          methods: literalList(keywordArg(text, 'methods') ?? '') || ['ANY'],
          line: i + 1,
          ...(handler ? { handler } : {}),
          ...(body ? { touches: touchesIn(file, lines, body[0], body[1]) } : {})
        }
      })
    } else if (t.mountNames.has(method)) {
      const spec = t.mountNames.get(method)!
      const text = callText(lines, i, open)
      const args = callArgs(text, 0)
      const child = args[spec.childArg]
      if (!child) continue
      const kw = keywordArg(text, spec.prefixKw) ?? (spec.prefixArg !== undefined ? args[spec.prefixArg] : undefined)
      out.mounts.push({ receiver, child: child.split('(')[0]!.trim(), ...(kw !== undefined ? { prefixExpr: kw } : {}), replacesOwn: spec.replacesOwn && kw !== undefined })
    }
  }
  return out
}

function prefixOf(expr: string, lookup: (n: string) => string | undefined): Resolved {
  return resolveExpr(expr, lookup)
}

function pathOf(value: string, template: boolean, lookup: (n: string) => string | undefined): Resolved {
  if (!template) return { value }
  return resolveExpr(JSON.stringify(value).replace(/^"/, 'f"'), lookup)
}

/** `["GET", "HEAD"]` → `['GET', 'HEAD']` (upper-cased). */
export function literalList(text: string): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length && out.length < 10; i++) {
    const c = text[i]
    if (c === '"' || c === "'") {
      const lit = readLiteral(text, i)
      if (!lit) break
      out.push(lit.value.toUpperCase())
      i = lit.end - 1
    }
  }
  return out
}

/** Body range of `def name(` in the same file (for `add_api_route("/x", name)`). */
export function defBody(lines: readonly string[], handler: string): [number, number] | undefined {
  const name = handler.slice(handler.lastIndexOf('.') + 1).trim()
  if (!/^[A-Za-z_]\w*$/.test(name)) return undefined
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trimStart()
    if (t.startsWith(`def ${name}(`) || t.startsWith(`async def ${name}(`)) return pythonBody(lines, i)
  }
  return undefined
}

/** A Python file's import bindings, once per route scan (shared by the Python and Django route readers). */
export function pyBindingsOf(ctx: ExtractContext, file: string): Map<string, PyBinding> {
  return ctx.memo.get(PY_BINDINGS, file, () => pythonBindings(ctx.src.lines(file) ?? [], file))
}
