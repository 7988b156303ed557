import { isTestPath } from '../../excluded.js'
import { braceBody, touchesIn } from '../body.js'
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
 * Traps: files whose name starts with a dot are ignored by the convention; modules under
 * `app/routes` in a package without the framework are not routes (the framework row decides).
 */

const LOADER = /^\s*export\s+(?:async\s+)?(?:function\s+loader\b|const\s+loader\b)/
const ACTION = /^\s*export\s+(?:async\s+)?(?:function\s+action\b|const\s+action\b)/
const MODULE = /\.[cm]?[jt]sx?$/

export function extractRemix(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('remix')) return { routes: [] }
  const routes: Route[] = []
  for (const file of ctx.src.files('node')) {
    const at = file.indexOf('app/routes/')
    if (at < 0 || (at > 0 && file[at - 1] !== '/') || !MODULE.test(file) || isTestPath(file)) continue
    const url = remixUrl(file.slice(at + 'app/routes/'.length))
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
