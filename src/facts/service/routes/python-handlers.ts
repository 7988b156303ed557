import { pythonBlock, pythonBody, touchesIn } from '../body.js'
import type { Route } from '../types.js'
import type { ExtractContext } from './context.js'

/**
 * Handlers named by reference in the Python route tables (Falcon resources, Tornado handler
 * classes, aiohttp and Sanic handler functions): where the `def` or `class` is, and what its body
 * touches. A class's body is read whole (its `on_get`/`get` methods are the handler). The same
 * file is searched first, then the service's other files, one bounded lookup per name.
 */

const MAX_CLASS_LINES = 200
const MAX_LOOKUPS = 400

/** The body of a `class` declared on line `decl` (0-based): the lines indented deeper than it. */
export function pythonClassBody(lines: readonly string[], decl: number): [number, number] {
  return pythonBlock(lines, decl, MAX_CLASS_LINES)
}

/** The declaration of `name` (a `def` or `class`) in lines, as a body range. */
function declIn(lines: readonly string[], name: string): [number, number] | undefined {
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trimStart()
    if (t.startsWith(`class ${name}(`) || t.startsWith(`class ${name}:`)) return pythonClassBody(lines, i)
    if (t.startsWith(`def ${name}(`) || t.startsWith(`async def ${name}(`)) return pythonBody(lines, i)
  }
  return undefined
}

/** The bare name of a handler expression: `HealthCheck(config)` → `HealthCheck`, `views.health` → `health`. */
export function handlerName(expr: string): string | undefined {
  const head = expr.split('(')[0]!.trim()
  const name = head.slice(head.lastIndexOf('.') + 1)
  return /^[A-Za-z_]\w{0,80}$/.test(name) ? name : undefined
}

/** Finds handler bodies across the service, memoised per name for one extraction. */
export function handlerFinder(ctx: ExtractContext): (file: string, expr: string) => Pick<Route, 'handler' | 'touches'> {
  const found = new Map<string, { file: string; range: [number, number] } | null>()
  let lookups = 0
  return (file, expr) => {
    const name = handlerName(expr)
    if (!name) return {}
    const own = ctx.src.lines(file)
    const here = own ? declIn(own, name) : undefined
    if (here) return { handler: name, touches: touchesIn(file, own!, here[0], here[1]) }
    let hit = found.get(name)
    if (hit === undefined && lookups++ < MAX_LOOKUPS) {
      hit = null
      const tokens = [`class ${name}`, `def ${name}(`]
      for (const f of ctx.src.files('python')) {
        const raw = ctx.src.text(f)
        if (raw === undefined || !tokens.some((t) => raw.includes(t))) continue
        const range = declIn(ctx.src.lines(f) ?? [], name)
        if (range) {
          hit = { file: f, range }
          break
        }
      }
      found.set(name, hit)
    }
    if (!hit) return { handler: name }
    return { handler: name, touches: touchesIn(hit.file, ctx.src.lines(hit.file) ?? [], hit.range[0], hit.range[1]) }
  }
}

/**
 * A route pattern as a path: Tornado and aiohttp patterns are regular expressions (`^/x/?$`,
 * `/user/([^/]+)`); anchors and optional trailing slashes are dropped and groups become
 * parameters. Pyramid patterns may omit the leading slash.
 */
export function patternPath(pattern: string): string {
  let p = pattern.trim().replace(/^\^/, '').replace(/\$$/, '').replace(/\/\?$/, '')
  p = p.replace(/\(\?P<(\w+)>[^)]*\)/g, '{$1}').replace(/\([^)]*\)/g, '{param}')
  if (!p.startsWith('/')) p = '/' + p
  return p.replace(/\/\/+/g, '/')
}
