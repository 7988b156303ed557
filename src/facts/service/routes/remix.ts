import { isTestPath } from '../../excluded.js'
import { braceBody, touchesIn } from '../body.js'
import { closingBracket, joinUrl, readArg, readLiteral } from '../text.js'
import type { Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'

/**
 * React Router framework mode (and Remix, its predecessor) route modules come from files under
 * `app/routes/`, named by the flat-routes convention: dots separate URL segments (`api.health.ts`
 * → `/api/health`), a folder holding `route.tsx` is that route, remix-flat-routes' `name+/` folders
 * stand for `name.` (`api+/health.ts` → `/api/health`), `$id` is a parameter, a lone `$` a splat,
 * `_index` the parent's index, a `_layout` segment (leading underscore) adds nothing to the URL
 * and a trailing underscore (`posts_`) is dropped; `[.]` escapes a dot. A module serves GET when it
 * exports a `loader` and other methods when it exports an `action`; a module with neither only
 * renders inside its parents and is not a route of its own here.
 *
 * An explicit route config (`app/routes.ts` naming modules with `route()`, `index()`, `layout()`,
 * `prefix()`) replaces the file conventions: only the modules it names are routes, at its paths.
 *
 * Traps: files whose name starts with a dot are ignored by the convention; modules under
 * `app/routes` in a package without the framework are not routes (the framework row decides).
 */

const LOADER = /^\s*export\s+(?:async\s+)?(?:function\s+loader\b|const\s+loader\b)/
const ACTION = /^\s*export\s+(?:async\s+)?(?:function\s+action\b|const\s+action\b)/
const MODULE = /\.[cm]?[jt]sx?$/

const CONFIG_FILES = ['app/routes.ts', 'app/routes.js', 'app/routes.mts', 'app/routes.mjs']

export function extractRemix(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('remix')) return { routes: [] }
  const routes: Route[] = []
  const configs = new Map<string, ReadonlyMap<string, string> | undefined>()
  const configOf = (base: string): ReadonlyMap<string, string> | undefined => {
    if (!configs.has(base)) {
      const text = CONFIG_FILES.map((f) => ctx.src.text(base + f)).find((t) => t !== undefined)
      configs.set(base, text === undefined ? undefined : configuredRoutes(text))
    }
    return configs.get(base)
  }
  for (const file of ctx.src.files('node')) {
    const at = file.indexOf('app/routes/')
    if (at < 0 || (at > 0 && file[at - 1] !== '/') || !MODULE.test(file) || isTestPath(file)) continue
    // An explicit route config (`app/routes.ts` without flatRoutes) says which modules are routes, and where.
    const config = configOf(file.slice(0, at))
    const url = config ? config.get(file.slice(at + 'app/'.length)) : remixUrl(file.slice(at + 'app/routes/'.length))
    if (url === undefined) continue
    const lines = ctx.src.lines(file)
    if (!lines) continue
    const loader = lines.findIndex((l) => LOADER.test(l))
    const action = lines.findIndex((l) => ACTION.test(l))
    for (const [line, methods] of [[loader, ['GET']], [action, ['POST', 'PUT', 'PATCH', 'DELETE']]] as const) {
      if (line < 0) continue
      const [from, to] = braceBody(lines, line)
      routes.push({ path: url, methods, framework: 'remix', file, line: line + 1, touches: touchesIn(file, lines, from, to) })
    }
  }
  return { routes }
}

/** The URL of a route module below `app/routes/`, undefined when the convention routes nothing. */
export function remixUrl(rel: string): string | undefined {
  let name = rel.replace(MODULE, '')
  // A folder route: `posts.$id/route.tsx` is the route `posts.$id`.
  name = name.replace(/\/route$/, '')
  // remix-flat-routes: `api+/health` → `api.health`.
  name = name.replace(/\+\//g, '.')
  if (name.includes('/')) {
    // Other files inside a folder route are its private modules.
    return undefined
  }
  if (name.startsWith('.')) return undefined
  const segs: string[] = []
  for (const raw of name.replace(/\[\.\]/g, '\u0000').split('.')) {
    const seg = raw.replace(/\u0000/g, '.')
    if (seg === '' || seg === '_index' || seg === 'index') continue
    if (seg.startsWith('_')) continue
    if (seg.startsWith('(') && seg.endsWith(')')) continue
    const plain = seg.endsWith('_') ? seg.slice(0, -1) : seg
    if (plain === '$') segs.push('*')
    else if (plain.startsWith('$')) segs.push(':' + plain.slice(1))
    else segs.push(plain)
  }
  return '/' + segs.join('/')
}

/**
 * React Router's route config (`app/routes.ts`): `route("path", "file", [children])`,
 * `index("file")`, `layout("file", [children])` and `prefix("path", [children])`, files relative to
 * `app/`. Undefined when the config delegates to the file conventions (`flatRoutes()`), whose
 * names remixUrl reads.
 */
export function configuredRoutes(text: string): ReadonlyMap<string, string> | undefined {
  if (text.includes('flatRoutes(')) return undefined
  const out = new Map<string, string>()
  walkConfig(text, '', out, 0)
  return out
}

const CONFIG_CALL = /\b(route|index|layout|prefix)\s*\(/g

function walkConfig(s: string, prefix: string, out: Map<string, string>, depth: number): void {
  if (depth > 8) return
  const call = new RegExp(CONFIG_CALL.source, 'g')
  let m: RegExpExecArray | null
  while ((m = call.exec(s))) {
    const open = m.index + m[0].length - 1
    const end = closingBracket(s, open)
    const { literals, children } = configArgs(s.slice(open + 1, end - 1))
    const file = (i: number): string | undefined => literals[i]?.replace(/^\.\//, '')
    if (m[1] === 'route') {
      const url = joinUrl(prefix, literals[0] ?? '')
      const f = file(1)
      if (f) out.set(f, url.startsWith('/') ? url : '/' + url)
      walkConfig(children, url, out, depth + 1)
    } else if (m[1] === 'index') {
      const f = file(0)
      if (f) out.set(f, prefix === '' ? '/' : prefix)
    } else if (m[1] === 'layout') walkConfig(children, prefix, out, depth + 1)
    else walkConfig(children, joinUrl(prefix, literals[0] ?? ''), out, depth + 1)
    call.lastIndex = end
  }
}

/**
 * A config call's leading string arguments (path, file) and the text of its children array, which
 * may be long: it is cut by its own brackets, not read as one capped expression.
 */
function configArgs(body: string): { literals: (string | undefined)[]; children: string } {
  const literals: (string | undefined)[] = []
  let i = 0
  while (i < body.length && literals.length < 3) {
    while (i < body.length && /\s/.test(body[i]!)) i++
    if (body[i] === '[') return { literals, children: body.slice(i, closingBracket(body, i)) }
    const { text, end } = readArg(body, i)
    const lit = readLiteral(text, 0)
    literals.push(lit && !lit.template ? lit.value : undefined)
    if (body[end] !== ',') break
    i = end + 1
  }
  return { literals, children: '' }
}
