import { pythonBody, touchesIn } from '../body.js'
import { callArgs, callText, indentOf, joinUrl, keywordArg, readLiteral } from '../text.js'
import type { Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { handlerFinder, patternPath } from './python-handlers.js'
import { literalList } from './python-common.js'

/**
 * Pyramid (URL dispatch): routes are declared by name in one place, `config.add_route("health",
 * "/_health/")`, and views attach to the name elsewhere: `@view_config(route_name="health")`, any
 * in-house decorator wrapping it (`@json_view(route_name=…)`, `@api_config(…)`), or
 * `config.add_view(view, route_name=…)`. The route's handler is the view joined by name (its
 * body shows whether it touches the database). Prefixes: `with config.route_prefix_context("/api"):`
 * and `Configurator(route_prefix=…)`. Traps: the pattern may omit the leading slash; `{x:regex}`
 * placeholders stay as written; traversal routes (`factory=`) still have their pattern; the
 * prefix of `config.include(…, route_prefix=…)` applies to another module's `includeme`, which is
 * not followed (the path below it is kept).
 */

const TOKENS: readonly string[] = ['add_route(', 'route_name']
const ADD_ROUTE = /^\s*([A-Za-z_][\w.]{0,80})\.add_route\(/
const PREFIX_CONTEXT = /^\s*with\s+[A-Za-z_][\w.]{0,80}\.route_prefix_context\(/
const VIEW_DECORATOR = /^\s*@[A-Za-z_][\w.]{0,80}\(/
const ADD_VIEW = /^\s*[A-Za-z_][\w.]{0,80}\.add_view\(/

interface Declared {
  readonly name: string
  readonly path: string
  readonly file: string
  readonly line: number
  readonly methods: readonly string[]
}

export function extractPyramid(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('pyramid')) return { routes: [] }
  const declared: Declared[] = []
  const views = new Map<string, Pick<Route, 'handler' | 'touches'>>()
  const handler = handlerFinder(ctx)
  for (const file of ctx.src.files('python')) {
    if (!ctx.src.mentions(file, TOKENS)) continue
    const lines = ctx.src.lines(file)
    if (!lines) continue
    const prefixes: { indent: number; prefix: string }[] = []
    const ctorPrefix = configuratorPrefix(lines)
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!
      if (line.trim() === '') continue
      while (prefixes.length && indentOf(line) <= prefixes[prefixes.length - 1]!.indent) prefixes.pop()
      if (PREFIX_CONTEXT.test(line)) {
        const text = callText(lines, i, line.indexOf('route_prefix_context(') + 'route_prefix_context'.length)
        const lit = readLiteral(callArgs(text, 0)[0] ?? '', 0)
        prefixes.push({ indent: indentOf(line), prefix: lit?.value ?? '' })
        continue
      }
      if (ADD_ROUTE.test(line)) {
        const text = callText(lines, i, line.indexOf('add_route(') + 'add_route'.length)
        const args = callArgs(text, 0)
        const name = readLiteral(args[0] ?? '', 0)?.value
        const patternExpr = args[1] !== undefined && !/^\w+\s*=/.test(args[1]) ? args[1] : keywordArg(text, 'pattern')
        const pattern = patternExpr !== undefined ? readLiteral(patternExpr, 0)?.value : undefined
        if (name === undefined || pattern === undefined) continue
        const method = keywordArg(text, 'request_method')
        const methods = method ? literalList(method) : []
        const path = joinUrl(ctorPrefix, ...prefixes.map((p) => p.prefix), patternPath(pattern))
        declared.push({ name, path, file, line: i + 1, methods: methods.length ? methods : ['ANY'] })
        continue
      }
      if (VIEW_DECORATOR.test(line) || ADD_VIEW.test(line)) {
        const text = callText(lines, i, line.indexOf('('))
        if (!text.includes('route_name')) continue
        const routeName = readLiteral(keywordArg(text, 'route_name') ?? '', 0)?.value
        if (routeName === undefined || views.has(routeName)) continue
        if (ADD_VIEW.test(line)) {
          const view = callArgs(text, 0)[0] ?? keywordArg(text, 'view')
          if (view) views.set(routeName, handler(file, view))
        } else {
          const [from, to] = pythonBody(lines, i)
          const def = /def\s+(\w+)/.exec(lines[from - 1] ?? '')
          views.set(routeName, { ...(def ? { handler: def[1]! } : {}), touches: touchesIn(file, lines, from, to) })
        }
      }
    }
  }
  return { routes: declared.map((d) => ({ path: d.path, methods: d.methods, framework: 'pyramid', file: d.file, line: d.line, ...(views.get(d.name) ?? {}) })) }
}

/** `Configurator(…, route_prefix="/api")` in the file. */
function configuratorPrefix(lines: readonly string[]): string {
  for (let i = 0; i < lines.length; i++) {
    const at = lines[i]!.indexOf('Configurator(')
    if (at < 0) continue
    const kw = keywordArg(callText(lines, i, at + 'Configurator'.length), 'route_prefix')
    const lit = kw ? readLiteral(kw, 0) : undefined
    if (lit) return lit.value
  }
  return ''
}
