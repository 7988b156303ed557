import { touchesIn } from '../body.js'
import { callText, indentOf, joinUrl, keywordArg, readLiteral } from '../text.js'
import type { Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { jsBindings, resolveSpecifier } from './js-imports.js'

/**
 * hapi routes are objects: `{ method: 'GET', path: '/health', handler }` (or `options: { handler }`)
 * handed to `server.route()` directly, as an array, or from modules that export them and are
 * gathered elsewhere (`[...routes].flat()`), often inside a plugin's `register(server)`. So an
 * object literal with `method`, `path` and a `handler`/`options`/`config` key is a route wherever
 * it is written. Traps: Node's `http.request({ method, path, host })` options and test requests
 * (`server.inject({ method, url })`) are not routes: objects with `host`, `hostname`, `port` or
 * `url` keys, or without a handler key, are left out. A plugin registered with
 * `routes: { prefix: '/api' }` prefixes the routes of its module and of the relative modules it
 * imports (three levels); path parameters are `{id}`.
 */

const KEY = /^\s*(method|path|handler|options|config|host|hostname|port|url)\s*(?:[:(,]|$)/
/** An object written on one line: `{ method: 'GET', path: '/x/{id}', handler }` (paths hold braces). */
const ONE_LINE = /\{\s*(?:method|path)\s*:/
const MAX_OBJECT_LINES = 400

interface Found {
  readonly routes: Route[]
  /** `register(X, { routes: { prefix } })`: the plugin expression and its prefix. */
  readonly prefixed: { readonly plugin: string; readonly prefix: string }[]
}

export function extractHapi(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('hapi')) return { routes: [] }
  const all: Route[] = []
  const prefixOf = new Map<string, string>()
  const has = (p: string): boolean => ctx.src.has(p)
  for (const file of ctx.src.files('node')) {
    const raw = ctx.src.text(file)
    if (raw === undefined || !((raw.includes('method') && raw.includes('path')) || raw.includes('prefix'))) continue
    const lines = ctx.src.lines(file)
    if (!lines) continue
    const found = hapiFile(file, lines)
    all.push(...found.routes)
    for (const p of found.prefixed) {
      const head = p.plugin.replace(/^\{\s*plugin\s*:\s*/, '').split(/[.\s,}]/)[0]!
      const bind = jsBindings(lines, file, has).get(head)
      const req = /(?:require|import)\(\s*['"`]([^'"`]+)['"`]/.exec(p.plugin)
      const target = bind?.file ?? (req ? resolveSpecifier(req[1]!, file, has) : undefined)
      if (target) spread(ctx, target, p.prefix, prefixOf, has, 0)
    }
  }
  return { routes: all.map((r) => (prefixOf.has(r.file) ? { ...r, path: joinUrl(prefixOf.get(r.file)!, r.path) } : r)) }
}

/** Gives a plugin module and the relative modules it imports the plugin's prefix. */
function spread(ctx: ExtractContext, file: string, prefix: string, out: Map<string, string>, has: (p: string) => boolean, depth: number): void {
  if (out.has(file) || depth > 3) return
  out.set(file, prefix)
  const lines = ctx.src.lines(file)
  if (!lines) return
  for (const b of jsBindings(lines, file, has).values()) spread(ctx, b.file, prefix, out, has, depth + 1)
}

/** One file's route objects and prefixed plugin registrations. */
export function hapiFile(file: string, lines: readonly string[]): Found {
  const out: Found = { routes: [], prefixed: [] }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const reg = line.indexOf('.register(')
    if (reg >= 0 && line.length < 2000) {
      const text = callText(lines, i, reg + 9)
      const routes = keywordArg(text, 'routes')
      const prefix = routes ? keywordArg(routes, 'prefix') : undefined
      const lit = prefix ? readLiteral(prefix, 0) : undefined
      if (lit && !lit.template) out.prefixed.push({ plugin: text.slice(1).trim(), prefix: lit.value })
    }
    if (line.length > 2000 || /^\s*(?:\/\/|\*)/.test(line)) continue
    const one = ONE_LINE.exec(line)
    if (one && /\bmethod\s*:/.test(line) && /\bpath\s*:/.test(line)) {
      const r = fromKeys(oneLineKeys(line.slice(one.index)), file, i, i, lines)
      if (r) out.routes.push(r)
      continue
    }
    const m = /^(\s*)path\s*:\s*/.exec(line)
    if (!m) continue
    const { keys, from, to } = objectKeys(lines, i, indentOf(line))
    keys.set('path', line.slice(m[0].length))
    const r = fromKeys(keys, file, i, from, lines, to)
    if (r) out.routes.push(r)
  }
  return out
}

/** The keys at one indentation around line `at` (the object the key belongs to), with its line range. */
function objectKeys(lines: readonly string[], at: number, indent: number): { keys: Map<string, string>; from: number; to: number } {
  const keys = new Map<string, string>()
  let from = at
  let to = at
  const visit = (k: number): boolean => {
    const l = lines[k]!
    if (l.trim() === '') return true
    const ind = indentOf(l)
    if (ind < indent) return false
    if (ind === indent) {
      const m = KEY.exec(l)
      if (m && !keys.has(m[1]!)) keys.set(m[1]!, l.slice(l.indexOf(m[1]!) + m[1]!.length).replace(/^\s*:\s*/, ''))
    }
    return true
  }
  for (let k = at - 1; k >= 0 && at - k < MAX_OBJECT_LINES && visit(k); k--) from = k
  for (let k = at + 1; k < lines.length && k - at < MAX_OBJECT_LINES && visit(k); k++) to = k
  return { keys, from, to }
}

function oneLineKeys(obj: string): Map<string, string> {
  const keys = new Map<string, string>()
  for (const m of obj.matchAll(/[{,]\s*(method|path|handler|options|config|host|hostname|port|url)\b\s*(:?)\s*/g)) {
    keys.set(m[1]!, m[2] ? obj.slice(m.index + m[0].length) : '')
  }
  return keys
}

function fromKeys(keys: Map<string, string>, file: string, line: number, from: number, lines: readonly string[], to = from): Route | undefined {
  if (!keys.has('method') || !keys.has('path')) return undefined
  if (!['handler', 'options', 'config'].some((k) => keys.has(k))) return undefined
  if (['host', 'hostname', 'port', 'url'].some((k) => keys.has(k))) return undefined
  const path = readLiteral(keys.get('path')!, 0)
  if (!path || path.template || !path.value.startsWith('/')) return undefined
  const raw = keys.get('method')!.trim()
  const value = raw.startsWith('[') ? raw.slice(0, raw.indexOf(']') + 1) : raw.split(',')[0]!
  const methods = [...value.slice(0, 200).matchAll(/['"`]([A-Za-z*]{1,10})['"`]/g)].map((x) => (x[1] === '*' ? 'ANY' : x[1]!.toUpperCase()))
  if (methods.length === 0) return undefined
  return { path: path.value, methods, framework: 'hapi', file, line: line + 1, touches: touchesIn(file, lines, from, to + 1) }
}
