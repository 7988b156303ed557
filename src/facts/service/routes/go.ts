import { GO_HEALTH_MIDDLEWARE, type GoHealthMiddleware } from '../../catalog/health.js'
import { braceBody, touchesIn } from '../body.js'
import { RouteGraph, type LocalRoute, type MountEdge, type RouterNode } from '../graph.js'
import { dirname } from '../../paths.js'
import { callArgs, callText, joinUrl, knownSuffix, readLiteral, resolveExpr, type Resolved } from '../text.js'
import type { Framework, HealthLibrary } from '../types.js'
import { scanImports } from '../../imports.js'
import type { Extracted, ExtractContext } from './context.js'
import { docsHandler } from './go-docs.js'
import { GO_FRAMEWORKS, goFrameworkOf } from './go-frameworks.js'
import { handlerIndex, mountHelper, qualifiedConst, GO_CONSTS, stringConstants, type HandlerAt } from './go-index.js'

/**
 * Go routes: net/http `HandleFunc("/x")` (and Go 1.22 `"GET /x"` patterns), gin/echo `GET`,
 * chi/fiber `Get`, gorilla `HandleFunc(...).Methods()`. Prefixes: `v1 := r.Group("/v1")`,
 * `PathPrefix("/api").Subrouter()`, chi `r.Route("/x", func(r chi.Router) {…})` (by brace depth),
 * and `r.Mount("/x", pkg.Routes())` where the routes are declared in function `Routes` of the
 * service (functions are the routers of the graph).
 */

const METHODS: Readonly<Record<string, string>> = {
  GET: 'GET', POST: 'POST', PUT: 'PUT', DELETE: 'DELETE', PATCH: 'PATCH', HEAD: 'HEAD', OPTIONS: 'OPTIONS', Any: 'ANY',
  Get: 'GET', Post: 'POST', Put: 'PUT', Delete: 'DELETE', Patch: 'PATCH', Head: 'HEAD', Options: 'OPTIONS', All: 'ANY',
  HandleFunc: 'ANY', Handle: 'ANY', HandlerFunc: 'ANY', Method: 'ANY', MethodFunc: 'ANY',
  // gin/echo `Match([]string{"GET", "HEAD"}, "/health", h)`: the methods come first.
  Match: 'ANY'
}

/** The part after the package name (`Ping`, `Heartbeat(`). */
const memberOf = (mw: GoHealthMiddleware): string => mw.token.slice(mw.token.indexOf('.') + 1)

/**
 * The names a Go file's imports are used under: an explicit alias, else the package's usual name
 * (the path's last element, a `/vN` or `.vN` major version skipped) when that is an identifier.
 * Blank (`_`) and dot imports are left out.
 */
function goAliases(lines: readonly string[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const imp of scanImports('go', lines)) {
    const spec = imp.text.replace(/^import\s+(\(\s*)?/, '')
    const alias = spec.slice(0, spec.indexOf('"')).trim()
    if (alias === '_' || alias === '.') continue
    if (/^[A-Za-z_]\w*$/.test(alias)) out.set(alias, imp.module)
    else if (alias === '') {
      const parts = imp.module.split('/')
      let last = parts.pop() ?? ''
      if (/^v\d+$/.test(last)) last = parts.pop() ?? ''
      last = last.replace(/\.v\d+$/, '')
      if (/^[A-Za-z_]\w*$/.test(last) && !out.has(last)) out.set(last, imp.module)
    }
  }
  return out
}

/** Where a middleware is used on a line: its own token, or an aliased import's. */
function middlewareAt(line: string, mw: GoHealthMiddleware, aliases: () => Map<string, string>): { at: number; token: string } | undefined {
  const at = mw.importRequired ? -1 : line.indexOf(mw.token)
  if (at >= 0) return { at, token: mw.token }
  const member = memberOf(mw)
  if (!line.includes('.' + member)) return undefined
  for (const [alias, module] of aliases()) {
    if (!mw.module.test(module)) continue
    const token = `${alias}.${member}`
    const found = line.indexOf(token)
    if (found >= 0 && (found === 0 || !/[\w.]/.test(line[found - 1]!))) return { at: found, token }
  }
  return undefined
}

const CALL = /\b([A-Za-z_]\w{0,40})\.([A-Z][A-Za-z]{1,11})\(/g
/**
 * A call of a project helper that may wrap chi's `Mount` (`a.MountRouter("API", "/api", h)`): named
 * for mounting, and followed only when its body mounts its own parameters.
 */
const MOUNT_HELPER_CALL = /\b(?:[A-Za-z_]\w{0,40}\.)?([A-Za-z_]{0,30}?[Mm]ount\w{0,30})\(/
/** The cheap part of MOUNT_HELPER_CALL, tested first: its optional receiver and name prefix make it slow at every word of a file. */
const MOUNT_WORD_CALL = /[Mm]ount\w{0,30}\(/
const mayCallMountHelper = (s: string): boolean => MOUNT_WORD_CALL.test(s) && MOUNT_HELPER_CALL.test(s)
/** Any call the route pass acts on (a method route, Route/Mount, a Group/PathPrefix prefix). */
const ROUTING_CALL = new RegExp(`\\.(?:${[...Object.keys(METHODS), 'Route', 'Mount', 'Group', 'PathPrefix'].join('|')})\\(`)
const FUNC = /^func\s+(?:\([^)]{0,80}\)\s*)?([A-Za-z_]\w*)\s*\(/
export function extractGo(ctx: ExtractContext): Extracted {
  const fws = ctx.frameworks
  if (![...fws].some((f) => GO_FRAMEWORKS.includes(f))) return { routes: [] }
  const framework = goFrameworkOf(fws)
  const graph = new RouteGraph()
  const libraries: HealthLibrary[] = []
  const pkgConsts = new Map<string, Map<string, string>>()
  for (const file of ctx.src.files('go')) {
    const consts = pkgConsts.get(dirname(file)) ?? new Map<string, string>()
    pkgConsts.set(dirname(file), consts)
    const text = ctx.src.text(file)
    if (text === undefined || !text.includes('"')) continue
    for (const [name, value] of ctx.memo.get(GO_CONSTS, file, () => stringConstants(text))) consts.set(name, value)
  }
  const handlers = handlerIndex(ctx)
  for (const file of ctx.src.files('go')) {
    // Only files that call a routing method or name a health middleware can add anything: the
    // rest (most of a Go code base) are never split into lines.
    const text = ctx.src.text(file)
    if (text === undefined || !(ROUTING_CALL.test(text) || mayCallMountHelper(text) || GO_HEALTH_MIDDLEWARE.some((mw) => text.includes('.' + memberOf(mw))))) continue
    const lines = ctx.src.lines(file)
    if (!lines) continue
    const pkg = dirname(file)
    const consts = pkgConsts.get(pkg)!
    const env: PassEnv = { framework, constOf: (n) => consts.get(n), pkgConst: (q, n) => qualifiedConst(pkgConsts, q, n), handlerAt: (name) => handlers(pkg, name), funcAt: (name) => handlers('', name), linesOf: (f) => ctx.src.lines(f) }
    const pass = passFile(file, lines, env)
    for (const op of pass.ops) {
      if ('root' in op) graph.addRouter(op)
      else if ('child' in op) graph.addMount(op)
      else graph.addRoute(op)
    }
    libraries.push(...pass.libraries)
  }
  return { routes: graph.resolve((parts) => joinUrl(...parts)), libraries }
}

/** What a file's pass may ask beyond its own text. */
interface PassEnv {
  readonly framework: Framework
  /** A package-level string constant of the file's package. */
  constOf(name: string): string | undefined
  /** A string constant of another package, by the name it is imported under (`consts.URLPathAPI`). */
  pkgConst(pkg: string, name: string): string | undefined
  /** Where a named handler function of the package (or a sub-package) is declared. */
  handlerAt(name: string): HandlerAt | undefined
  /** Where a function of any package is first declared (a method called on another package's value). */
  funcAt(name: string): HandlerAt | undefined
  linesOf(file: string): readonly string[] | undefined
}

/** One file's contribution to the route graph. */
interface FilePass {
  readonly ops: readonly (RouterNode | MountEdge | LocalRoute)[]
  readonly libraries: readonly HealthLibrary[]
}

/** The route pass over one file (brace depth for chi `Route` scopes, `Group` variables, routing calls, health middleware). */
function passFile(file: string, lines: readonly string[], env: PassEnv): FilePass {
  const { framework } = env
  const ops: (RouterNode | MountEdge | LocalRoute)[] = []
  const libraries: HealthLibrary[] = []
  const linesOf = (f: string): readonly string[] | undefined => env.linesOf(f)
  // Brace depth per line and the lines the pass acts on depend on the text alone.
  const shape = lineShape(lines)
  const pkg = dirname(file)
  let fileAliases: Map<string, string> | undefined
  const aliases = (): Map<string, string> => (fileAliases ??= goAliases(lines))
  const lookup = (n: string): string | undefined => {
    const name = n.slice(n.lastIndexOf('.') + 1)
    const value = env.constOf(name)
    // `consts.URLPathAPI`: a constant of the package imported as `consts`.
    const q = /^([A-Za-z_]\w*)\.[A-Za-z_]\w*$/.exec(n)?.[1]
    if (value !== undefined || q === undefined) return value
    return env.pkgConst(q, name)
  }
  let fn = ''
  let vars = new Map<string, Resolved[]>()
  let depth = 0
  const scopes: { name: string; prefix: Resolved[]; depth: number }[] = []
  for (let i = 0; i < lines.length; i++) {
    if (shape.events[i] === 0) {
      depth += shape.delta[i]!
      while (scopes.length && scopes[scopes.length - 1]!.depth > depth) scopes.pop()
      continue
    }
    const line = lines[i]!
    const t = line.trim()
    const f = FUNC.exec(line)
    if (f) {
      fn = f[1]!
      vars = new Map()
      ops.push({ file: pkg, name: fn, root: fn === 'main' })
    }
    for (const mw of GO_HEALTH_MIDDLEWARE) {
      const use = middlewareAt(line, mw, aliases)
      if (!use || (mw.unless && lines.some((l) => l.includes(mw.unless!)))) continue
      const lit = mw.pathArg ? readLiteral(line, use.at + use.token.length) : undefined
      const routes = lit ? [lit.value] : [...mw.routes]
      libraries.push({ name: mw.name, path: file, line: i + 1, text: t, routes, checks: [] })
      for (const r of routes) ops.push({ router: { file: pkg, name: fn }, path: { value: r }, methods: ['GET'], framework, file, line: i + 1, touches: [] })
    }
    const prefixOf = (recv: string): Resolved[] => {
      for (let s = scopes.length - 1; s >= 0; s--) if (scopes[s]!.name === recv) return scopes[s]!.prefix
      return vars.get(recv) ?? []
    }
    const assign = /^([A-Za-z_]\w*)\s*:?=\s*([A-Za-z_]\w*)\.(Group|PathPrefix)\(/.exec(t)
    if (assign) {
      const lit = readLiteral(t, t.indexOf('(', assign[0].length - 1) + 1)
      const arg = callArgs(t, t.indexOf('(', assign[0].length - 1))[0] ?? ''
      vars.set(assign[1]!, [...prefixOf(assign[2]!), lit ? { value: lit.value } : resolveExpr(arg, lookup)])
    }
    CALL.lastIndex = 0
    let m: RegExpExecArray | null = null
    while (!assign && (m = CALL.exec(line)) && !(m[2] === 'Route' || m[2] === 'Mount' || METHODS[m[2]!])) {
      /* skip receivers such as r.With(mw) before the route call */
    }
    const helper = !m && !assign && !f && MOUNT_WORD_CALL.test(line) ? MOUNT_HELPER_CALL.exec(line) : null
    if (helper && helper[1] !== 'Mount') {
      const wraps = mountHelper(helper[1]!, (name) => env.handlerAt(name) ?? env.funcAt(name), linesOf)
      const args = wraps ? callArgs(callText(lines, i, helper.index + helper[0].length - 1), 0) : []
      const pathArg = wraps ? args[wraps.path] : undefined
      const child = wraps ? args[wraps.handler]?.replace(/\(.*$/, '').split('.').pop() : undefined
      const path = pathArg !== undefined ? resolveExpr(pathArg, lookup) : undefined
      if (path && child && /^[A-Za-z_]\w*$/.test(child)) ops.push({ parent: { file: pkg, name: fn }, child: { file: '*', name: child }, prefix: path })
    }
    // `huma.Get(api, "/x", h)` is Huma's registration function, not a router method (routes/go-shapes.ts).
    if (m && !assign && m[1] !== 'huma') {
      const [, recv, method] = m
      const open = m.index + m[0].length - 1
      const all = callArgs(callText(lines, i, open), 0)
      const matchVerbs = method === 'Match' ? [...(all[0] ?? '').matchAll(/"([A-Z]+)"|http\.Method([A-Z][a-z]+)/g)].map((v) => (v[1] ?? v[2]!).toUpperCase()) : undefined
      const args = matchVerbs ? all.slice(1) : all
      const first = args[0] ?? ''
      const path = readLiteral(first, 0) ? resolveExpr(first, lookup) : /^[A-Za-z_][\w.]*$/.test(first) ? resolveExpr(first, lookup) : undefined
      // `e.GET(cfg.RootPath+"/swagger/*any", ginSwagger.WrapHandler(…))`: the literal below an
      // unresolved prefix, kept only for a docs handler (routes/go-docs.ts says why).
      const half = !path && METHODS[method!] && args[1] && docsHandler(args[1], aliases) ? knownSuffix(first, lookup) : undefined
      if (method === 'Route' && path && 'value' in path && line.includes('func(')) {
        const param = /func\(\s*([A-Za-z_]\w*)/.exec(line.slice(open))
        scopes.push({ name: param ? param[1]! : recv!, prefix: [...prefixOf(recv!), path], depth: depth + 1 })
      } else if (method === 'Mount' && path && args[1]) {
        const name = args[1].replace(/\(.*$/, '').split('.').pop()!
        if (/^[A-Za-z_]\w*$/.test(name)) ops.push({ parent: { file: pkg, name: fn }, child: { file: '*', name }, prefix: joinResolved([...prefixOf(recv!), path]) })
      } else if (half) {
        ops.push({ router: { file: pkg, name: fn }, path: joinResolved([...prefixOf(recv!), { unknown: half.head }]), below: half.suffix, methods: matchVerbs && matchVerbs.length > 0 ? matchVerbs : [METHODS[method!]!], framework, file, line: i + 1, handler: args[1]!.slice(0, 80) })
      } else if (METHODS[method!] && path && ('unknown' in path || path.value.startsWith('/') || /^[A-Z]+ \//.test(path.value) || (path.value === '' && prefixOf(recv!).length > 0))) {
        let p = path
        let verb = METHODS[method!]!
        if ('value' in p && /^[A-Z]+ \//.test(p.value)) {
          verb = p.value.slice(0, p.value.indexOf(' '))
          p = { value: p.value.slice(p.value.indexOf(' ') + 1) }
        }
        const methods = /\.Methods\(([^)]*)\)/.exec(line)
        const body = handlerBody(file, lines, i, args[1] ?? '', (name) => env.handlerAt(name), linesOf)
        ops.push({
          router: { file: pkg, name: fn },
          path: joinResolved([...prefixOf(recv!), p]),
          methods: methods ? methods[1]!.replace(/["\s]|http\.Method/g, '').toUpperCase().split(',') : matchVerbs && matchVerbs.length > 0 ? matchVerbs : [verb],
          framework,
          file,
          line: i + 1,
          ...(args[1] ? { handler: args[1].slice(0, 80) } : {}),
          touches: body ? touchesIn(body.file, body.lines, body.from, body.to) : []
        })
      }
    }
    depth += shape.delta[i]!
    while (scopes.length && scopes[scopes.length - 1]!.depth > depth) scopes.pop()
  }
  return { ops, libraries }
}

/**
 * Per line: the brace-depth change (comment lines count none) and whether the route pass acts on
 * it (a function declaration, a routing call, a health-middleware member) — the other lines only
 * move the depth.
 */
function lineShape(lines: readonly string[]): { delta: Int32Array; events: Uint8Array } {
  const delta = new Int32Array(lines.length)
  const events = new Uint8Array(lines.length)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim().startsWith('//')) continue
    let d = 0
    for (const c of line) {
      if (c === '{') d++
      else if (c === '}') d--
    }
    delta[i] = d
    if (FUNC.test(line) || ROUTING_CALL.test(line) || mayCallMountHelper(line) || GO_HEALTH_MIDDLEWARE.some((mw) => line.includes('.' + memberOf(mw)))) events[i] = 1
  }
  return { delta, events }
}

function joinResolved(parts: readonly Resolved[]): Resolved {
  let out = ''
  for (const p of parts) {
    if ('unknown' in p) return p
    out = joinUrl(out, p.value)
  }
  return { value: out === '/' && parts.every((p) => 'value' in p && p.value === '') ? '' : out }
}

/** Body of an inline `func(c *gin.Context) {` handler, or of a named handler function in the package. */
function handlerBody(
  file: string,
  lines: readonly string[],
  i: number,
  handler: string,
  handlerAt: (name: string) => HandlerAt | undefined,
  linesOf: (file: string) => readonly string[] | undefined
): { file: string; lines: readonly string[]; from: number; to: number } | undefined {
  if (handler.includes('func(')) {
    const [from, to] = braceBody(lines, i)
    return { file, lines, from, to }
  }
  const name = handler.split('.').pop()!.replace(/\(.*$/, '').trim()
  if (!/^[A-Za-z_]\w*$/.test(name)) return undefined
  const at = handlerAt(name)
  const ls = at ? linesOf(at.file) : undefined
  if (!at || !ls) return undefined
  const [from, to] = braceBody(ls, at.line)
  return { file: at.file, lines: ls, from, to }
}

