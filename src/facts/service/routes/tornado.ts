import { callArgs, callText, readLiteral, resolveExpr } from '../text.js'
import type { Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { handlerFinder, patternPath } from './python-handlers.js'
import { pyConstLookup } from './python-common.js'

/**
 * Tornado: routes are `(pattern, HandlerClass[, kwargs])` tuples (or `url(pattern, Handler)`)
 * in lists handed to `tornado.web.Application`, often module-level `default_handlers` lists or
 * plugin functions returning them, concatenated at start-up. Patterns are regular expressions
 * (patternPath). A pattern held in a variable is followed to its assignment in the file
 * (`url = cast(str, context.config.HEALTHCHECK_ROUTE)`), then to a constant, then to the default
 * of the setting of that name where the setting is defined (`define("HEALTHCHECK_ROUTE",
 * "/healthcheck/?")`, tornado.options `define("x", default=…)`): the route says it is a
 * configured path and where its default comes from. Traps: a prefix added when the lists are
 * concatenated at run time (`add_url_prefix(self.hub_prefix, handlers)`) is not followed (the
 * path below it is kept); a tuple whose second element is not a class (`isinstance(x, (str,
 * bytes))`) is no route; an f-string pattern's leading placeholder is an unresolved prefix.
 */

const TOKENS: readonly string[] = ['Handler', 'url(', 'URLSpec(']
const TUPLE = /\(\s*((?:[rRfFbBuU]{0,2}(?:"[^"\n]*"|'[^'\n]*'))|[A-Za-z_][\w.]{0,80})\s*,\s*([A-Za-z_][\w.]{0,80})\s*[,)]/g
const URL_CALL = /(?:^|[^\w.])(?:web\.|tornado\.web\.|tornado\.routing\.)?(?:url|URLSpec)\(/g
const MAX_SETTING_FILES = 2000

export function extractTornado(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('tornado')) return { routes: [] }
  const handler = handlerFinder(ctx)
  const consts = pyConstLookup(ctx)
  const setting = settingDefaults(ctx)
  const routes: Route[] = []
  for (const file of ctx.src.files('python')) {
    if (!ctx.src.mentions(file, TOKENS)) continue
    const lines = ctx.src.lines(file)
    if (!lines) continue
    const tornadoFile = ctx.src.mentions(file, ['tornado'])
    const lookup = consts(file)
    const seen = new Set<number>()
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!
      const t = line.trimStart()
      if (t.startsWith('#') || t.startsWith('def ') || t.startsWith('class ') || t.startsWith('async def ')) continue
      const found: { pathExpr: string; cls: string }[] = []
      for (const m of line.matchAll(TUPLE)) found.push({ pathExpr: m[1]!, cls: m[2]! })
      for (const m of line.matchAll(URL_CALL)) {
        const args = callArgs(callText(lines, i, m.index + m[0].length - 1), 0)
        if (args[0] && args[1]) found.push({ pathExpr: args[0], cls: args[1] })
      }
      for (const f of found) {
        const cls = f.cls.slice(f.cls.lastIndexOf('.') + 1)
        if (!/^[A-Z]/.test(cls) || !(cls.endsWith('Handler') || tornadoFile)) continue
        const where = pathOf(f.pathExpr, lines, i, lookup, setting)
        if (!where || seen.has(i * 1000 + where.path.length)) continue
        seen.add(i * 1000 + where.path.length)
        routes.push({ ...where, methods: ['ANY'], framework: 'tornado', file, line: i + 1, ...handler(file, f.cls) })
      }
    }
  }
  return { routes }
}

type Where = Pick<Route, 'path' | 'prefixUnknown' | 'note'>

function pathOf(expr: string, lines: readonly string[], at: number, lookup: (n: string) => string | undefined, setting: (n: string) => { value: string; where: string } | undefined): Where | undefined {
  const lit = readLiteral(expr, 0)
  if (lit) {
    if (!lit.template) return /^\^?\/|^\^?$/.test(lit.value) ? { path: patternPath(lit.value) } : undefined
    const lead = /^\{([^}]{1,80})\}/.exec(lit.value)
    if (!lead) return undefined
    return { path: patternPath(lit.value.slice(lead[0].length)), prefixUnknown: lead[1]! }
  }
  // A variable: its assignment above in the file, unwrapped from cast()/str().
  let value = expr
  for (let i = at; i >= 0 && i > at - 200; i--) {
    const m = new RegExp(`^\\s*${expr.replace(/\./g, '\\.')}\\s*(?::[^=]+)?=\\s*(.+)$`).exec(lines[i]!)
    if (m) {
      value = m[1]!.trim()
      break
    }
  }
  const unwrapped = /^(?:typing\.)?cast\(\s*[\w.[\]]+\s*,\s*(.+)\)$/.exec(value)?.[1] ?? /^str\((.+)\)$/.exec(value)?.[1] ?? value
  const again = readLiteral(unwrapped, 0)
  if (again && !again.template) return { path: patternPath(again.value) }
  const r = resolveExpr(unwrapped, lookup)
  if ('value' in r) return { path: patternPath(r.value) }
  const name = unwrapped.slice(unwrapped.lastIndexOf('.') + 1)
  const def = /^\w+$/.test(name) ? setting(name) : undefined
  if (def) return { path: patternPath(def.value), note: `configured by ${unwrapped} (default ${def.value} at ${def.where})` }
  return undefined
}

/** Defaults of settings defined by name (`define("NAME", "default")`, `define("name", default="…")`), looked up once per service. */
function settingDefaults(ctx: ExtractContext): (name: string) => { value: string; where: string } | undefined {
  let table: Map<string, { value: string; where: string }> | undefined
  return (name) => {
    if (!table) {
      table = new Map()
      const files = ctx.src.files('python')
      for (const file of files.slice(0, MAX_SETTING_FILES)) {
        if (!ctx.src.mentions(file, ['define('])) continue
        const lines = ctx.src.lines(file) ?? []
        for (let i = 0; i < lines.length; i++) {
          const at = lines[i]!.indexOf('define(')
          if (at < 0) continue
          const text = callText(lines, i, at + 'define'.length)
          const args = callArgs(text, 0)
          const key = readLiteral(args[0] ?? '', 0)
          const dflt = args[1] ? readLiteral(args[1].replace(/^default\s*=\s*/, ''), 0) : undefined
          if (key && dflt && !dflt.template && !table.has(key.value)) table.set(key.value, { value: dflt.value, where: `${file}:${i + 1}` })
        }
      }
    }
    return table.get(name)
  }
}
