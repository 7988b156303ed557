import { braceBody, touchesIn } from '../body.js'
import { joinUrl, readLiteral } from '../text.js'
import type { Framework, Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'

/**
 * Routes declared by calls, Java and Kotlin: Ktor's routing DSL, Javalin, Vert.x Web and Helidon
 * SE. One brace-aware pass per file that imports one of those frameworks:
 *
 * - a verb call with a literal path — `get("/x") { … }` (Ktor, Javalin's ApiBuilder),
 *   `app.get("/x", handler)`, `router.get("/x").handler(…)`, `rules.get("/x", …)`;
 * - a prefix block — Ktor `route("/api") { … }`, Javalin `path("api") { … }` — prefixes the
 *   calls inside it;
 * - a route object — `Route("/x", GET)`, `ReposiliteRoute<T>("/x", GET)` (javalin-routing-extensions
 *   DSL), `route(HttpMethod.GET, "/x")`, `router.route("/x")` (Vert.x, any method).
 *
 * Traps: HTTP *clients* use the same verbs (`client.get("/users")`, Ktor's `HttpClient`,
 * Vert.x `WebClient`): calls on a receiver whose name says client are never routes, and a call
 * with a receiver counts only with a path starting with `/` or inside a prefix block. `map.get("x")`
 * has no leading slash. Vert.x `"/health*"` serves `/health` and everything under it.
 */

const FRAMEWORK_IMPORTS: readonly (readonly [Framework, readonly string[]])[] = [
  ['ktor', ['import io.ktor.server.']],
  ['javalin', ['import io.javalin']],
  ['vertx', ['import io.vertx.ext.web', 'import io.vertx.reactivex.ext.web', 'import io.vertx.rxjava3.ext.web', 'import io.vertx.mutiny.ext.web', 'import io.vertx.kotlin.coroutines']],
  ['helidon', ['import io.helidon.webserver']]
]

const VERBS: Readonly<Record<string, string>> = { get: 'GET', post: 'POST', put: 'PUT', delete: 'DELETE', patch: 'PATCH', head: 'HEAD', options: 'OPTIONS', any: 'ANY' }
const VERB_WORDS = new Set(Object.keys(VERBS))
const PREFIX_BLOCKS = new Set(['route', 'path'])

/** `recv.verb(` or `verb(` / `verb<T>(`, with the receiver chain as written. */
const CALL = /(?:([A-Za-z_][\w.]{0,80}|\))\s*\.\s*)?\b([a-z]+)\s*(?:<[^<>()]{0,120}>)?\s*\(/g
/** `XRoute("/x", GET)` / `Route<T>("/x", Route.GET, HEAD)`: a route object of a routing DSL. */
const METHOD = '(?:[A-Za-z_]\\w{0,40}\\.)?(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\\b'
const ROUTE_OBJECT = new RegExp(`\\b[A-Z]\\w{0,60}(?:<[^<>()]{0,200}>)?\\(\\s*("[^"\\n]{0,300}")\\s*,\\s*(${METHOD}(?:\\s*,\\s*${METHOD}){0,6})`)
/** Vert.x / Ktor `route(HttpMethod.GET, "/x")` (method first). */
const METHOD_FIRST = /\broute\s*\(\s*HttpMethod\.(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|Get|Post|Put|Patch|Delete|Head|Options)\s*,\s*("[^"\n]{0,300}")/

interface Frame {
  readonly prefix: string
  readonly depth: number
}

function frameworkOf(text: string): Framework | undefined {
  for (const [fw, imports] of FRAMEWORK_IMPORTS) if (imports.some((i) => text.includes(i))) return fw
  return undefined
}

/** Braces opened minus closed on a line, outside strings and `//` comments. */
function braceDelta(line: string): number {
  let d = 0
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (c === '"' || c === "'") {
      const lit = readLiteral(line, i)
      if (!lit) return d
      i = lit.end - 1
    } else if (c === '/' && line[i + 1] === '/') return d
    else if (c === '{') d++
    else if (c === '}') d--
  }
  return d
}

const clean = (p: string): string => (p.endsWith('/*') ? p.slice(0, -2) : p.endsWith('*') ? p.slice(0, -1) : p)

function fileRoutes(ctx: ExtractContext, file: string, framework: Framework): Route[] {
  const lines = ctx.src.lines(file)
  if (!lines) return []
  const out: Route[] = []
  const stack: Frame[] = []
  let depth = 0
  const prefix = (): string => stack.map((f) => f.prefix).join('/')
  const push = (path: string, methods: readonly string[], i: number): void => {
    const [from, to] = braceBody(lines, i)
    out.push({ path: joinUrl(prefix(), clean(path)), methods, framework, file, line: i + 1, touches: touchesIn(file, lines, from, to) })
  }
  for (let i = 0; i < lines.length && out.length < 2000; i++) {
    const l = lines[i]!
    const t = l.trimStart()
    if (t.startsWith('//') || t.startsWith('*') || t.startsWith('/*') || t.startsWith('import ') || t.startsWith('@')) {
      depth += t.startsWith('@') ? braceDelta(l) : 0
      continue
    }
    const obj = ROUTE_OBJECT.exec(l)
    const first = obj ? undefined : METHOD_FIRST.exec(l)
    let opened: string | undefined
    if (obj) {
      const methods = [...obj[2]!.matchAll(/(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/g)].map((m) => m[1]!)
      push(readLiteral(obj[1]!, 0)?.value ?? '', methods, i)
    } else if (first) {
      push(readLiteral(first[2]!, 0)?.value ?? '', [first[1]!.toUpperCase()], i)
    } else {
      CALL.lastIndex = 0
      for (let m = CALL.exec(l); m; m = CALL.exec(l)) {
        const name = m[2]!
        const recv = m[1]
        const lit = readLiteral(l, m.index + m[0].length)
        if (!lit || lit.template) continue
        if (recv && /client/i.test(recv)) continue
        if (PREFIX_BLOCKS.has(name) && !recv && l.slice(lit.end).includes('{')) {
          opened = lit.value
          break
        }
        // Vert.x `router.route("/x")` serves every method.
        if (name === 'route' && recv) {
          if (lit.value.startsWith('/')) push(lit.value, ['ANY'], i)
          break
        }
        if (!VERB_WORDS.has(name)) continue
        if (recv ? !lit.value.startsWith('/') && stack.length === 0 : stack.length === 0 && depth === 0) continue
        push(lit.value, [VERBS[name]!], i)
        break
      }
    }
    const delta = braceDelta(l)
    if (opened !== undefined && delta > 0) stack.push({ prefix: opened, depth: depth + 1 })
    depth += delta
    while (stack.length > 0 && depth < stack[stack.length - 1]!.depth) stack.pop()
  }
  return out
}

export function extractJvmDsl(ctx: ExtractContext): Extracted {
  const wanted = FRAMEWORK_IMPORTS.filter(([fw]) => ctx.frameworks.has(fw))
  if (wanted.length === 0) return { routes: [] }
  const tokens = wanted.flatMap(([, imports]) => imports)
  const routes: Route[] = []
  for (const file of ctx.src.files('java')) {
    if (!ctx.src.mentions(file, tokens)) continue
    const text = ctx.src.text(file)
    const fw = text === undefined ? undefined : frameworkOf(text)
    if (!fw || !ctx.frameworks.has(fw)) continue
    routes.push(...fileRoutes(ctx, file, fw))
  }
  return { routes }
}
