import { touchesIn } from '../body.js'
import { joinUrl } from '../text.js'
import type { Route } from '../types.js'
import type { ExtractContext } from './context.js'
import { atomArg, closesBlock, findModule, functionBody, keyword, macroCall, moduleArg, opensBlocks, statements, stringArg } from './elixir-source.js'

/**
 * Phoenix router routes: verbs (`get "/x", C, :a` with or without parentheses, `match :*, …`),
 * `resources` (nested ones open `/x/:x_id`), `forward` (a plug mounted at a path),
 * `live_dashboard`, inside `scope` blocks (path, `path:`, the module alias prepended to
 * controllers) and `for VAR <- ["/", "/repos/:repository"] do scope VAR do … end end` loops, each
 * value giving its routes. Routes under `if` blocks that test the Mix environment or dev routes
 * are development-only and left out. A controller action's body is read for dependency touches.
 *
 * Traps: `live "/status", StatusLive` is a LiveView page, never a probe endpoint, and is left out
 * (as `live_dashboard` is); `pipeline :x do plug … end` declares no route; a `get_session(` call is not a verb (a
 * verb needs a path string); module attributes and interpolation in a path (`"/api/#{@v}"`) stay
 * as `{…}` segments, which never count as health words.
 */

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'connect', 'trace'])
/** Alternatives of a prefix through loops, at most. */
const MAX_ALTERNATIVES = 16

interface Frame {
  /** Prefix alternatives this block adds (`['']` when it adds none). */
  readonly prefixes: readonly string[]
  readonly alias?: string
  /** A `for VAR <- [...]` binding. */
  readonly binding?: { readonly name: string; readonly values: readonly string[] }
  readonly devOnly?: boolean
}

const PLAIN: Frame = { prefixes: [''] }

/** Router files: sources that `use Phoenix.Router` (directly or through `use MyAppWeb, :router`). */
function routerFiles(ctx: ExtractContext): string[] {
  return ctx.src.files('elixir').filter((f) => ctx.src.mentions(f, ['Phoenix.Router', ':router']) && (ctx.src.lines(f) ?? []).some((l) => /^\s*use\s+(Phoenix\.Router\b|[A-Z][\w.]*\s*,\s*:router\b)/.test(l)))
}

function bound(stack: readonly Frame[], name: string): readonly string[] | undefined {
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k]!.binding?.name === name) return stack[k]!.binding!.values
  return undefined
}

/** Every full prefix of the stack (cartesian product of alternatives, capped). */
function prefixes(stack: readonly Frame[]): string[] {
  let out = ['']
  for (const f of stack) {
    const next: string[] = []
    for (const a of out) for (const p of f.prefixes) if (next.length < MAX_ALTERNATIVES) next.push(joinUrl(a, p))
    out = next
  }
  return out
}

function aliasOf(stack: readonly Frame[]): string {
  return stack.flatMap((f) => (f.alias ? [f.alias] : [])).join('.')
}

/** `scope "/health"` + `get "/"` serves `/health`, not `/health/`. */
export function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
}

/** The singular resource name Phoenix derives from a controller (`Api.SourceController` → `source`). */
function resourceName(controller: string | undefined, path: string): string {
  const base = controller?.split('.').pop()?.replace(/Controller$/, '') ?? path.split('/').filter(Boolean).pop() ?? 'id'
  return base.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() || 'id'
}

/** A plug mounted at a path by `forward` (its own routes, when it is a Plug.Router, live below it). */
export interface Forward {
  readonly path: string
  readonly module: string
  readonly file: string
  readonly line: number
}

export function extractPhoenix(ctx: ExtractContext): { routes: Route[]; forwards: Forward[] } {
  const routes: Route[] = []
  const forwards: Forward[] = []
  if (!ctx.frameworks.has('phoenix')) return { routes, forwards }
  const controllers = ctx.src.files('elixir')
  for (const file of routerFiles(ctx)) {
    const lines = ctx.src.lines(file)
    if (!lines) continue
    const stack: Frame[] = []
    const add = (path: string, methods: string[], line: number, handler: string | undefined, action: string | undefined): void => {
      if (stack.some((f) => f.devOnly)) return
      const alias = aliasOf(stack)
      // Phoenix prepends the scope's alias to every module named in it (controllers, live views, forwarded plugs).
      const full = handler && alias ? `${alias}.${handler}` : handler
      const touches = full && action ? actionTouches(ctx, controllers, full, action) : undefined
      for (const p of prefixes(stack)) {
        routes.push({ path: trimSlash(joinUrl(p, path)), methods, framework: 'phoenix', file, line: line + 1, ...(full ? { handler: action ? `${full}.${action}` : full } : {}), ...(touches ? { touches } : {}) })
      }
    }
    for (const st of statements(lines)) {
      const t = st.text
      if (closesBlock(t)) {
        stack.pop()
        continue
      }
      const call = macroCall(t)
      const opens = opensBlocks(t)
      let frame: Frame | undefined
      if (call) {
        const [a0, a1, a2, a3] = call.args
        if (call.name === 'scope') {
          const path = stringArg(a0) ?? stringArg(keyword(call.args, 'path'))
          const loopVar = a0 !== undefined && /^[a-z_]\w*$/.test(a0.trim()) ? bound(stack, a0.trim()) : undefined
          const alias = moduleArg(a1) ?? moduleArg(keyword(call.args, 'alias'))
          frame = { prefixes: loopVar ?? [path ?? ''], ...(alias ? { alias } : {}) }
        } else if (call.name === 'for') {
          const m = /^([a-z_]\w*)\s*<-\s*\[(.*)\]$/.exec((a0 ?? '').trim())
          const values = m ? [...m[2]!.matchAll(/"([^"]*)"/g)].map((x) => x[1]!) : []
          frame = m && values.length > 0 ? { prefixes: [''], binding: { name: m[1]!, values: values.slice(0, MAX_ALTERNATIVES) } } : PLAIN
        } else if (call.name === 'if' || call.name === 'unless') {
          frame = { prefixes: [''], devOnly: /Mix\.env|dev_routes|:dev\b|:test\b/.test(t) }
        } else if (VERBS.has(call.name)) {
          const path = stringArg(a0)
          if (path !== undefined) add(path, [call.name.toUpperCase()], st.line, moduleArg(a1), atomArg(a2))
        } else if (call.name === 'match') {
          const path = stringArg(a1)
          const verb = atomArg(a0)
          if (path !== undefined) add(path, [verb === undefined || verb === '*' ? 'ANY' : verb.toUpperCase()], st.line, moduleArg(a2), atomArg(a3))
        } else if (call.name === 'live_dashboard') {
          const path = stringArg(a0)
          if (path !== undefined) add(path, ['GET'], st.line, 'Phoenix.LiveDashboard', undefined)
        } else if (call.name === 'forward') {
          const path = stringArg(a0)
          const plug = moduleArg(a1) ?? moduleArg(keyword(call.args, 'to'))
          if (path !== undefined) {
            add(path, ['ANY'], st.line, plug, undefined)
            const alias = aliasOf(stack)
            if (plug && !stack.some((f) => f.devOnly)) for (const p of prefixes(stack)) forwards.push({ path: trimSlash(joinUrl(p, path)), module: alias ? `${alias}.${plug}` : plug, file, line: st.line + 1 })
          }
        } else if (call.name === 'resources') {
          const path = stringArg(a0)
          const controller = moduleArg(a1)
          if (path !== undefined) {
            const singleton = /singleton:\s*true/.test(t)
            add(path, ['ANY'], st.line, controller, 'index')
            if (!singleton) add(`${path}/:id`, ['ANY'], st.line, controller, 'show')
            const param = stringArg(keyword(call.args, 'param')) ?? 'id'
            frame = { prefixes: [singleton ? path : `${path}/:${resourceName(controller, path)}_${param}`] }
          }
        }
      }
      for (let k = 0; k < opens; k++) stack.push(k === 0 && frame ? frame : PLAIN)
    }
  }
  return { routes, forwards }
}

/** Dependency touches in a controller action's body (`def check(conn, _)` of `LogflareWeb.HealthCheckController`). */
export function actionTouches(ctx: ExtractContext, files: readonly string[], module: string, action: string): Route['touches'] {
  const file = findModule(ctx, module, files)
  const lines = file ? ctx.src.lines(file) : undefined
  if (!file || !lines) return undefined
  const body = functionBody(lines, action)
  return body ? touchesIn(file, lines, body[0] + 1, body[1]) : undefined
}
