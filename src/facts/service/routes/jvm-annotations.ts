import { braceBody, touchesIn } from '../body.js'
import { joinUrl, readLiteral, resolveExpr } from '../text.js'
import type { Framework, Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { javaConstants, readProperties } from './spring.js'

/**
 * Annotated resource classes of the JVM frameworks beyond Spring, Java and Kotlin alike:
 *
 * - Jakarta REST / JAX-RS (Quarkus, Dropwizard/Jersey, RESTEasy, Helidon MP, application
 *   servers): `@Path` on the class, an HTTP-method annotation (`@GET`) and an optional `@Path` on
 *   the method; `@ApplicationPath` prefixes every resource, as do Quarkus' `quarkus.rest.path` /
 *   `quarkus.resteasy.path` and `quarkus.http.root-path`.
 * - Micronaut: `@Controller("/x")` on the class, `@Get("y")` (paths without a leading slash are
 *   relative to the controller) on the method; `micronaut.server.context-path` prefixes them.
 * - Javalin's annotated routing: `@Endpoints("/x")` with `@Get("/y")`.
 *
 * Traps: annotations spanning several lines (`@OpenApi(\n path = …,\n methods = [HttpMethod.GET])`)
 * are read as one call, so their arguments are never taken for routes; a sub-resource locator
 * (`@Path` without an HTTP method) serves nothing by itself; parameter annotations
 * (`@PathParam("id")`) sit after the declaration starts and are not read.
 */

interface Style {
  readonly frameworks: readonly Framework[]
  /** Class annotations whose argument is the class's path prefix. */
  readonly classPrefix: readonly string[]
  /** HTTP-method annotations (simple names) → method; the path is the annotation's own argument unless `pathAnnotation`. */
  readonly methods: Readonly<Record<string, string>>
  /** A separate annotation carries the method's path (JAX-RS `@Path`). */
  readonly pathAnnotation?: string
  /** Tokens one of which a file must contain to be read. */
  readonly tokens: readonly string[]
  /** Properties whose values prefix every route, outermost first. */
  readonly prefixProps: readonly (readonly string[])[]
}

const JAXRS_METHODS = { GET: 'GET', POST: 'POST', PUT: 'PUT', DELETE: 'DELETE', PATCH: 'PATCH', HEAD: 'HEAD', OPTIONS: 'OPTIONS' }
const VERB_METHODS = { Get: 'GET', Post: 'POST', Put: 'PUT', Delete: 'DELETE', Patch: 'PATCH', Head: 'HEAD', Options: 'OPTIONS' }

const STYLES: readonly Style[] = [
  {
    frameworks: ['quarkus', 'dropwizard', 'helidon', 'jaxrs'],
    classPrefix: ['Path'],
    methods: JAXRS_METHODS,
    pathAnnotation: 'Path',
    tokens: ['@Path', '@GET', '@POST'],
    prefixProps: [['quarkus.http.root-path'], ['quarkus.rest.path', 'quarkus.resteasy.path', 'quarkus.resteasy-reactive.path']]
  },
  // Quarkus reactive routes: `@RouteBase(path = "x")` on the class, `@Route(path = "y", methods = …)` on the method.
  { frameworks: ['quarkus'], classPrefix: ['RouteBase'], methods: { Route: 'ANY' }, tokens: ['@Route('], prefixProps: [['quarkus.http.root-path']] },
  { frameworks: ['micronaut'], classPrefix: ['Controller'], methods: VERB_METHODS, tokens: ['@Controller'], prefixProps: [['micronaut.server.context-path']] },
  { frameworks: ['javalin'], classPrefix: ['Endpoints'], methods: VERB_METHODS, tokens: ['@Endpoints'], prefixProps: [] }
]

interface Annotation {
  readonly name: string
  /** The argument text inside the parentheses ('' without any). */
  readonly args: string
  readonly line: number
}

const CLASS_DECL = /^(?:(?:public|private|protected|internal|open|abstract|final|sealed|data|static|inner|enum|annotation)\s+)*(?:class|interface|object|record)\s/

/** Leading annotations of line `i` (arguments may run over the next lines); `rest` is the code after them, `last` the last line read. */
function annotationsAt(lines: readonly string[], i: number): { anns: Annotation[]; rest: string; last: number } {
  const anns: Annotation[] = []
  let text = lines[i]!.trim()
  let last = i
  for (let guard = 0; guard < 8 && text.startsWith('@'); guard++) {
    const m = /^@([A-Za-z_][\w.]*)/.exec(text)
    if (!m) break
    const name = m[1]!.slice(m[1]!.lastIndexOf('.') + 1)
    const line = last + 1
    let after = text.slice(m[0].length)
    let args = ''
    if (after.trimStart().startsWith('(')) {
      let call = after.trimStart()
      let close = matchingParen(call)
      while (close < 0 && last + 1 < lines.length && last < i + 40) {
        call += ' ' + lines[++last]!.trim()
        close = matchingParen(call)
      }
      args = call.slice(1, close < 0 ? call.length : close)
      after = close < 0 ? '' : call.slice(close + 1)
    }
    anns.push({ name, args, line })
    text = after.trim()
  }
  return { anns, rest: text, last }
}

function matchingParen(s: string): number {
  let depth = 0
  for (let i = 0; i < s.length && i < 4000; i++) {
    const c = s[i]!
    if (c === '"' || c === "'") {
      const lit = readLiteral(s, i)
      if (!lit) return -1
      i = lit.end - 1
    } else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return i
  }
  return -1
}

/** The path an annotation names: its first argument, or `value =` / `path =` / `uri =`. */
function annotationPath(args: string, constants: ReadonlyMap<string, string>): string | undefined {
  const inner = args.trim()
  if (inner === '') return ''
  const named = /(?:^|[\s,])(?:value|path|uri)\s*=\s*([\s\S]+)$/.exec(inner)
  let expr = (named ? named[1]! : inner).replace(/^\{|^\[|^arrayOf\(/, '').trim()
  const lit = readLiteral(expr, 0)
  if (lit && !lit.template) return lit.value
  expr = expr.split(/[,)}\]]/)[0]!.trim()
  const r = resolveExpr(expr, (n) => constants.get(n.slice(n.lastIndexOf('.') + 1)))
  return 'value' in r ? r.value : undefined
}

/** `@ApplicationPath("/api")` anywhere in the sources: the JAX-RS application's prefix. */
function applicationPath(ctx: ExtractContext, constants: ReadonlyMap<string, string>): string {
  for (const file of ctx.src.files('java')) {
    if (!ctx.src.mentions(file, APP_PATH)) continue
    for (const l of ctx.src.lines(file) ?? []) {
      const at = l.indexOf('@ApplicationPath(')
      if (at < 0 || l.trimStart().startsWith('//')) continue
      const p = annotationPath(l.slice(at + '@ApplicationPath('.length, l.lastIndexOf(')') < at ? undefined : l.lastIndexOf(')')), constants)
      if (p !== undefined) return p
    }
  }
  return ''
}
const APP_PATH: readonly string[] = ['@ApplicationPath(']

/** Routes of one file in one style, with the class prefix applied (the global prefix is added by the caller). */
function fileRoutes(ctx: ExtractContext, file: string, style: Style, framework: Framework, constants: ReadonlyMap<string, string>): Route[] {
  const lines = ctx.src.lines(file)
  if (!lines) return []
  const out: Route[] = []
  let classPrefix = ''
  let pending: Annotation[] = []
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim()
    if (t === '' || t.startsWith('//') || t.startsWith('*') || t.startsWith('/*')) continue
    const { anns, rest, last } = t.startsWith('@') ? annotationsAt(lines, i) : { anns: [], rest: t, last: i }
    pending.push(...anns)
    i = last
    if (rest === '') continue
    if (CLASS_DECL.test(rest)) {
      const prefix = pending.find((a) => style.classPrefix.includes(a.name))
      classPrefix = prefix ? (annotationPath(prefix.args, constants) ?? '') : ''
      pending = []
      continue
    }
    const verb = pending.find((a) => Object.hasOwn(style.methods, a.name))
    if (verb) {
      const pathAnn = style.pathAnnotation ? pending.find((a) => a.name === style.pathAnnotation) : verb
      const sub = pathAnn ? annotationPath(pathAnn.args, constants) : ''
      if (sub !== undefined) {
        const [from, to] = braceBody(lines, i)
        out.push({ path: joinUrl(classPrefix, sub), methods: [style.methods[verb.name]!], framework, file, line: verb.line, touches: touchesIn(file, lines, from, to) })
      }
    }
    pending = []
  }
  return out
}

export function extractJvmAnnotations(ctx: ExtractContext): Extracted {
  const styles = STYLES.map((s) => ({ style: s, framework: s.frameworks.find((f) => ctx.frameworks.has(f)) })).filter((s): s is { style: Style; framework: Framework } => s.framework !== undefined)
  if (styles.length === 0) return { routes: [] }
  const constants = javaConstants(ctx)
  const props = readProperties(ctx)
  const routes: Route[] = []
  for (const { style, framework } of styles) {
    const global = [...style.prefixProps.map((keys) => keys.map((k) => props.get(k)?.value).find((v) => v !== undefined) ?? ''), ...(style.pathAnnotation ? [applicationPath(ctx, constants)] : [])]
    for (const file of ctx.src.files('java')) {
      if (!ctx.src.mentions(file, style.tokens)) continue
      for (const r of fileRoutes(ctx, file, style, framework, constants)) routes.push({ ...r, path: joinUrl(...global, r.path) })
    }
  }
  return { routes }
}
