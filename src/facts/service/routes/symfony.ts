import { SYMFONY_HEALTH_RESOURCES } from '../../catalog/health.js'
import { isExcluded } from '../../excluded.js'
import { get, isMap, keyLine, parseYamlFile, str, strings } from '../../parse/yaml.js'
import { basename, dirname, joinPath } from '../../paths.js'
import { touchesIn } from '../body.js'
import { joinUrl } from '../text.js'
import type { HealthLibrary, Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { controllerTouches, phpTokens } from './laravel.js'
import { args, classOf, lexPhp, methodBody, stringOf, stringsOf, type Arg, type Token } from './php-lex.js'

/**
 * Symfony routes: `#[Route]` attributes (and Doctrine-style `@Route` annotations, FOSRest
 * `#[Rest\Get]`) on controller methods, with a class-level `#[Route('/prefix')]`; the route
 * configuration that imports them with a prefix (`config/routes.yaml`, `config/routes/*.yaml`,
 * Symfony 2-3 `app/config/routing.yml`, `config/routes.php`, `Kernel::configureRoutes`), its own
 * `path:` + `controller:` routes, nested YAML imports and the routes of bundles it imports
 * (KNOWN_RESOURCES: NelmioApiDocBundle's documentation, the health catalogue's health bundles,
 * API Platform).
 *
 * Traps: `config/routes/dev/` and `when@dev`/`when@test` routes (the profiler, the web debug
 * toolbar) are not served in production and are skipped; an attribute import covers the files
 * under its directory, the most specific import winning; controllers no import covers keep their
 * own paths (a kernel may import them in code Shipshape does not read).
 */

/** Routes a bundle resource declares, below the prefix it is imported at. */
const KNOWN_RESOURCES: readonly { readonly resource: RegExp; readonly routes: readonly { path: string; handler: string; library?: string }[] }[] = [
  { resource: /^@NelmioApiDocBundle\/.*swaggerui\.xml$/i, routes: [{ path: '', handler: 'nelmio_api_doc.controller.swagger_ui' }] },
  { resource: /^@NelmioApiDocBundle\/.*swagger\.xml$/i, routes: [{ path: '', handler: 'nelmio_api_doc.controller.swagger' }] },
  { resource: /^@NelmioApiDocBundle\/.*redocly\.xml$/i, routes: [{ path: '', handler: 'nelmio_api_doc.controller.redocly' }] },
  // Health bundles: rows of the health catalogue.
  ...SYMFONY_HEALTH_RESOURCES
]

const ROUTE_CONFIG = /(^|\/)(config\/routes(\.ya?ml|\.php)|config\/routes\/[^/]+\.(ya?ml|php)|app\/config\/routing[^/]*\.ya?ml)$/
const DEV_ONLY = /(^|\/)(config\/routes\/(dev|test)\/|app\/config\/routing_(dev|test)\.ya?ml$)/
const VERBS: Readonly<Record<string, readonly string[]>> = { Route: [], Get: ['GET'], Post: ['POST'], Put: ['PUT'], Patch: ['PATCH'], Delete: ['DELETE'] }
const MARKERS: readonly string[] = ['#[Route', '@Route(', '#[Rest\\', '@Rest\\', '#[Get(', '#[Post(']

interface Import {
  readonly dir: string
  readonly prefix: string
}

export function extractSymfony(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('symfony')) return { routes: [] }
  const routes: Route[] = []
  const libraries: HealthLibrary[] = []
  const imports: Import[] = []
  const configs = ctx.src.snapshot.files().filter((f) => ROUTE_CONFIG.test(f) && !DEV_ONLY.test(f) && !isExcluded(f))
  const seen = new Set<string>()
  const readConfig = (file: string, prefix: string, depth: number): void => {
    if (seen.has(file) || depth > 5) return
    seen.add(file)
    if (file.endsWith('.php')) return phpConfig(ctx, file, prefix, imports, routes, true)
    const y = parseYamlFile(ctx.src.snapshot, file)
    if (!y?.ok || !isMap(y.value)) return
    const entries: [string, unknown, unknown][] = Object.entries(y.value).map(([k, v]) => [k, v, y.value])
    // `when@prod:` holds routes of the production environment only; other environments are skipped.
    const prod = get(y.value, 'when@prod')
    if (isMap(prod)) entries.push(...Object.entries(prod).map(([k, v]): [string, unknown, unknown] => [k, v, prod]))
    for (const [name, entry, parent] of entries) {
      if (name.startsWith('when@') || !isMap(entry)) continue
      const line = keyLine(parent, name) ?? 1
      const own = prefixOf(get(entry, 'prefix'))
      const resource = get(entry, 'resource')
      const res = str(resource) ?? str(get(resource, 'path'))
      if (res !== undefined) {
        const under = joinUrl(prefix, own)
        const known = KNOWN_RESOURCES.find((k) => k.resource.test(res))
        if (known) {
          for (const r of known.routes) {
            routes.push({ path: joinUrl(under, r.path), methods: ['GET'], framework: 'symfony', file, line, handler: r.handler, ...(r.library ? { library: r.library, touches: [] } : {}) })
            if (r.library) libraries.push({ name: r.library, path: file, line, text: `${name}: ${res}`, routes: [joinUrl(under, r.path)], checks: [] })
          }
        } else if (str(get(entry, 'type')) === 'api_platform') {
          routes.push({ path: joinUrl(under, '/docs'), methods: ['GET'], framework: 'symfony', file, line, handler: 'api_platform.action.documentation' })
        } else if (!res.startsWith('@')) {
          const target = joinPath(dirname(file), res.replace(/\/+$/, ''))
          if (target !== undefined && /\.ya?ml$/.test(target)) readConfig(target, under, depth + 1)
          else if (target !== undefined) imports.push({ dir: target.replace(/\.php$/, ''), prefix: under })
        }
        continue
      }
      const path = prefixOf(get(entry, 'path'))
      if (get(entry, 'path') === undefined) continue
      const controller = str(get(entry, 'controller')) ?? str(get(get(entry, 'defaults'), '_controller'))
      const methods = strings(get(entry, 'methods')).map((m) => m.toUpperCase())
      const single = str(get(entry, 'methods'))
      routes.push({
        path: joinUrl(prefix, path),
        methods: methods.length > 0 ? methods : single ? single.split(/[|,\s]+/).filter(Boolean).map((m) => m.toUpperCase()) : ['ANY'],
        framework: 'symfony',
        file,
        line,
        ...(controller ? { handler: controller, ...touchesOf(ctx, controller) } : {})
      })
    }
  }
  for (const f of configs) readConfig(f, '', 0)
  for (const f of ctx.src.files('php').filter((p) => basename(p) === 'Kernel.php')) phpConfig(ctx, f, '', imports, routes, false)
  for (const file of ctx.src.files('php')) {
    if (!ctx.src.mentions(file, MARKERS)) continue
    const imp = imports.filter((i) => file === i.dir + '.php' || file.startsWith(i.dir + '/')).sort((a, b) => b.dir.length - a.dir.length)[0]
    routes.push(...attributeRoutes(ctx, file, imp?.prefix ?? ''))
  }
  return { routes, libraries }
}

/** A `prefix:`/`path:` value: a string, or a map of localised paths (the first is taken). */
function prefixOf(v: unknown): string {
  const s = str(v)
  if (s !== undefined) return s
  if (isMap(v)) return str(Object.values(v)[0]) ?? ''
  return ''
}

/** A route's controller: `'App\\Controller\\X::m'`, `[X::class, 'm']` or `X::class` (invokable). */
function controllerOf(toks: readonly Token[], a: Arg): string | undefined {
  const s = stringOf(toks, a)
  if (s !== undefined) return s
  if (toks[a.from]?.v === '[') {
    const [c, m] = args(toks, a.from).args
    const cls = c ? classOf(toks, c) : undefined
    const method = m ? stringOf(toks, m) : undefined
    return cls ? `\\${cls}::${method ?? '__invoke'}` : undefined
  }
  const cls = classOf(toks, a)
  return cls ? `\\${cls}::__invoke` : undefined
}

function touchesOf(ctx: ExtractContext, controller: string): Pick<Route, 'touches'> {
  const [cls, method] = controller.includes('::') ? controller.split('::') : [controller, '__invoke']
  if (!cls || !/^[\w\\]+$/.test(cls) || !cls.includes('\\')) return {}
  return controllerTouches(ctx, cls.slice(cls.lastIndexOf('\\') + 1), method ?? '__invoke')
}

/**
 * `$routes->import('../src/Controller/', 'attribute')->prefix('/api')` and, in route configuration
 * files (not the kernel), `$routes->add('name', '/path')->controller(…)`.
 */
function phpConfig(ctx: ExtractContext, file: string, prefix: string, imports: Import[], routes: Route[], routesToo: boolean): void {
  const toks = phpTokens(ctx, file)
  if (!toks) return
  for (let i = 0; i + 2 < toks.length; i++) {
    const t = toks[i]!
    if (t.v !== '->' || toks[i + 2]?.v !== '(' || (toks[i + 1]!.v !== 'import' && (toks[i + 1]!.v !== 'add' || !routesToo))) continue
    const a = args(toks, i + 2)
    if (a.close < 0) continue
    let own = ''
    let controller: string | undefined
    for (let k = a.close + 1; toks[k]?.v === '->' && toks[k + 2]?.v === '(' && k < a.close + 40; ) {
      const b = args(toks, k + 2)
      if (b.close < 0) break
      if (toks[k + 1]!.v === 'prefix' && b.args[0]) own = stringOf(toks, b.args[0]) ?? ''
      if (toks[k + 1]!.v === 'controller' && b.args[0]) controller = controllerOf(toks, b.args[0])
      k = b.close + 1
    }
    const under = joinUrl(prefix, own)
    if (toks[i + 1]!.v === 'import') {
      const first = a.args[0]
      const value = first ? stringOf(toks, first, { file, root: '' }) : undefined
      if (first === undefined || value === undefined || value.startsWith('@')) continue
      // `__DIR__.'/../src/Controller/'` is already a repository path; a plain string is relative to the file.
      const usesDir = toks.slice(first.from, first.to).some((x) => x.v === '__DIR__')
      const target = usesDir ? value : joinPath(dirname(file), value)
      if (target !== undefined) imports.push({ dir: target.replace(/\/+$/, '').replace(/\.php$/, ''), prefix: under })
    } else if (a.args[1]) {
      const path = stringOf(toks, a.args[1])
      if (path !== undefined) routes.push({ path: joinUrl(under, path), methods: ['ANY'], framework: 'symfony', file, line: toks[i + 1]!.line, ...(controller ? { handler: controller, ...touchesOf(ctx, controller) } : {}) })
    }
  }
}

/** Routes declared by attributes or annotations in one PHP file, below the import's prefix. */
function attributeRoutes(ctx: ExtractContext, file: string, prefix: string): Route[] {
  const lines = ctx.src.lines(file)
  if (!lines) return []
  const out: Route[] = []
  let classPrefix = ''
  let classRoute: { methods: string[]; line: number } | undefined
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    const m = /(#\[|@)(?:Rest\\|Annotation\\|Attribute\\)?(Route|Get|Post|Put|Patch|Delete)\s*\(/.exec(l)
    if (!m) continue
    const decl = declaration(lines, i, m.index + m[0].length - 1)
    if (!decl) continue
    const { path, methods } = decl
    if (decl.target === 'class') {
      classPrefix = path
      classRoute = { methods, line: i + 1 }
      continue
    }
    const verb = VERBS[m[2]!] ?? []
    const body = methodBody(lines, decl.method)
    out.push({
      path: joinUrl(prefix, classPrefix, path),
      methods: methods.length > 0 ? methods : verb.length > 0 ? verb : ['ANY'],
      framework: 'symfony',
      file,
      line: i + 1,
      handler: `${basename(file).replace(/\.php$/, '')}::${decl.method}`,
      ...(body ? { touches: touchesIn(file, lines, body[0], body[1]) } : {})
    })
  }
  // A class-level route on an invokable controller is the route of `__invoke`.
  const invoke = classRoute && out.length === 0 ? methodBody(lines, '__invoke') : undefined
  if (classRoute && invoke) out.push({ path: joinUrl(prefix, classPrefix), methods: classRoute.methods.length > 0 ? classRoute.methods : ['ANY'], framework: 'symfony', file, line: classRoute.line, handler: `${basename(file).replace(/\.php$/, '')}::__invoke`, touches: touchesIn(file, lines, invoke[0], invoke[1]) })
  return out
}

/** The attribute's path and methods, and what it decorates (the next class or method declaration). */
function declaration(lines: readonly string[], i: number, open: number): { path: string; methods: string[]; target: 'class' | 'method'; method: string } | undefined {
  // The attribute's text up to its closing parenthesis (at most 20 lines).
  let text = lines[i]!.slice(open)
  let end = i
  for (let depth = balance(text); depth > 0 && end + 1 < lines.length && end < i + 20; ) {
    end++
    text += '\n' + lines[end]!.replace(/^\s*\*/, '')
    depth += balance(lines[end]!)
  }
  const toks = lexPhp(text)
  if (toks[0]?.v !== '(') return undefined
  const a = annotationArgs(toks)
  const named = (n: string): Arg | undefined => a.find((x) => x.name === n)
  const pathArg = named('path') ?? named('value') ?? a.find((x) => x.name === undefined)
  const path = pathArg ? (stringOf(toks, pathArg) ?? firstString(toks, pathArg)) : ''
  if (path === undefined) return undefined
  const m = named('methods')
  const methods = m ? stringsOf(toks, m).map((x) => x.toUpperCase()) : []
  for (let k = end; k < lines.length && k < end + 30; k++) {
    const t = lines[k]!.trimStart()
    if (k > end && (t.startsWith('*') || t.startsWith('/') || t.startsWith('#'))) continue
    const d = /\b(class|function)\s+(\w+)/.exec(k === end ? lines[k]!.slice(k === i ? open : 0).replace(/^[^)]*\)/, '') : lines[k]!)
    if (!d) continue
    return d[1] === 'class' ? { path, methods, target: 'class', method: '' } : { path, methods, target: 'method', method: d[2]! }
  }
  return undefined
}

/** Arguments of an attribute (`name: value`) or a Doctrine annotation (`name="value"`, `methods={"GET"}`). */
function annotationArgs(toks: readonly Token[]): Arg[] {
  const a = args(toks, 0).args
  return a.map((x) => {
    const first = toks[x.from]
    if (x.name === undefined && first?.k === 'id' && toks[x.from + 1]?.v === '=' && x.to > x.from + 2) return { from: x.from + 2, to: x.to, name: first.v }
    return x
  })
}

/** The first string of a localised-path array (`['en' => '/about', 'fr' => '/a-propos']`), or of `{"GET"}`. */
function firstString(toks: readonly Token[], a: Arg): string | undefined {
  for (let k = a.from; k < a.to; k++) if (toks[k]!.k === 'str' && !toks[k]!.dynamic && toks[k + 1]?.v !== '=>') return toks[k]!.v
  return undefined
}

function balance(s: string): number {
  let d = 0
  for (const c of s) {
    if (c === '(' || c === '[' || c === '{') d++
    else if (c === ')' || c === ']' || c === '}') d--
  }
  return d
}

