import { memoKey } from '../../run-memo.js'
import { touchesIn } from '../body.js'
import { joinUrl } from '../text.js'
import type { Framework, Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { args, classOf, closureBody, lexPhp, methodBody, stringOf, stringsOf, type Arg, type PathBase, type Token } from './php-lex.js'

const PHP_TOKENS = memoKey<readonly Token[]>('php-tokens')

/**
 * Routes of the PHP routers that declare them as calls, with groups as closures: Laravel
 * (`Route::get`, `Route::prefix('v1')->group(function () {…})`, `Route::group(['prefix' => …], …)`,
 * `->group(base_path('routes/x.php'))`, `Route::resource`, `'Controller@method'` and
 * `[Controller::class, 'method']` handlers), Laravel 11+ `withRouting(web:, api:, health: '/up',
 * apiPrefix:, then:, using:)` in bootstrap/app.php, Lumen (`$router->get`, `$router->group`),
 * Slim and Mezzio (`$app->get`, `$app->group('/api', function (RouteCollectorProxy $group) {…})`),
 * CodeIgniter 4 (`$routes->get`, `$routes->group`) and CakePHP (`$routes->scope('/api', …)`,
 * `$builder->connect`).
 *
 * Conventions and traps: a route file included by another (a group's file, `require`) takes the
 * includer's prefix and is never read on its own; Laravel's `routes/api.php` read on its own is
 * under `/api` (the framework's default, before and after Laravel 11); `withRouting(health:)` is
 * the framework's own liveness route and checks no dependency. `$var->get(…)` counts only for the
 * router variables of these frameworks and only in route-declaring files, because `->get(` is
 * everywhere in PHP (containers, caches, collections).
 */

const FRAMEWORKS: readonly Framework[] = ['laravel', 'lumen', 'slim', 'mezzio', 'codeigniter', 'cakephp']
const VERBS: Readonly<Record<string, readonly string[]>> = {
  get: ['GET'], post: ['POST'], put: ['PUT'], patch: ['PATCH'], delete: ['DELETE'], options: ['OPTIONS'], head: ['HEAD'],
  any: ['ANY'], view: ['GET'], redirect: ['ANY'], permanentRedirect: ['ANY'], connect: ['ANY'], add: ['ANY'], fallback: ['ANY']
}
/** Verbs whose first argument is the method list (`Route::match(['get'], '/x', …)`, Slim `$app->map(['GET'], '/x', …)`). */
const LIST_VERBS = new Set(['match', 'map'])
const RESOURCES = new Set(['resource', 'apiResource'])
const GROUPS = new Set(['group', 'scope'])
/** Router variables of Lumen, Slim, Mezzio, CodeIgniter and CakePHP. */
const RECEIVERS = new Set(['router', 'app', 'group', 'routes', 'route', 'r', 'api', 'builder', 'collector', 'proxy', 'v1', 'v2'])
/** Files that declare routes with router variables (not every file that calls `$app->get(`). */
const ROUTE_FILE = /(^|\/)(routes?\/[^/]+\.php|[^/]*routes?\.php|Routes\.php|bootstrap\/app\.php|public\/index\.php|index\.php|app\.php)$/
const TOKENS: readonly string[] = ['Route::', 'withRouting', '$router->', '$app->', '$routes->', '$group->', '$builder->', '$r->']

const MAX_INCLUDE_DEPTH = 6

interface Scan {
  readonly routes: Route[]
  /** Files included (group files, `require`), with the prefix they are included under. */
  readonly includes: { readonly file: string; readonly prefix: string }[]
}

export function extractLaravel(ctx: ExtractContext): Extracted {
  const used = FRAMEWORKS.filter((f) => ctx.frameworks.has(f))
  if (used.length === 0) return { routes: [] }
  const framework = used[0]!
  const variables = used.some((f) => f !== 'laravel')
  const roots = phpRoots(ctx)
  const candidates = ctx.src.files('php').filter((f) => ROUTE_FILE.test(f) || ctx.src.mentions(f, ['Route::']))
  const relevant = candidates.filter((f) => ctx.src.mentions(f, TOKENS))
  const scans = new Map<string, Scan>()
  const scanOf = (file: string): Scan => {
    let s = scans.get(file)
    if (!s) {
      s = scanFile(ctx, file, { file, root: rootOf(roots, file) }, framework, variables)
      scans.set(file, s)
    }
    return s
  }
  // A file another route file includes is read through the includer, with its prefix.
  const included = new Set(relevant.flatMap((f) => scanOf(f).includes.map((i) => i.file)))
  const routes: Route[] = []
  const walk = (file: string, prefix: string, stack: readonly string[]): void => {
    if (stack.includes(file) || stack.length > MAX_INCLUDE_DEPTH || !ctx.src.has(file)) return
    const s = scanOf(file)
    for (const r of s.routes) routes.push(prefix ? { ...r, path: joinUrl(prefix, r.path) } : r)
    for (const inc of s.includes) walk(inc.file, joinUrl(prefix, inc.prefix), [...stack, file])
  }
  for (const f of relevant) {
    if (included.has(f)) continue
    const api = used.includes('laravel') && /(^|\/)routes\/api\.php$/.test(f)
    walk(f, api ? '/api' : '', [])
  }
  return { routes }
}

/** Directories holding a composer.json (application roots, for `base_path()`). */
function phpRoots(ctx: ExtractContext): string[] {
  return ctx.manifests.manifests.filter((m) => m.ecosystem === 'php').map((m) => m.dir)
}

function rootOf(roots: readonly string[], file: string): string {
  let best = ''
  for (const r of roots) if ((r === '' || file.startsWith(r + '/')) && r.length >= best.length) best = r
  return best
}

function scanFile(ctx: ExtractContext, file: string, base: PathBase, framework: Framework, variables: boolean): Scan {
  const out: Scan = { routes: [], includes: [] }
  const toks = phpTokens(ctx, file)
  if (toks === undefined) return out
  const withVariables = variables && ROUTE_FILE.test(file)
  scanRange(ctx, toks, 0, toks.length, [], { file, base, framework, withVariables, out }, 0)
  return out
}

interface Scope {
  readonly file: string
  readonly base: PathBase
  readonly framework: Framework
  readonly withVariables: boolean
  readonly out: Scan
}

interface Call {
  readonly name: string
  readonly open: number
  readonly args: Arg[]
  readonly line: number
}

function scanRange(ctx: ExtractContext, toks: readonly Token[], from: number, to: number, prefix: readonly string[], scope: Scope, depth: number): void {
  if (depth > 30) return
  let i = from
  while (i < to) {
    const t = toks[i]!
    if (t.k === 'id' && t.v === 'withRouting' && toks[i + 1]?.v === '(') {
      i = withRouting(ctx, toks, i + 1, prefix, scope, depth)
      continue
    }
    if (t.k === 'id' && /^(require|include)(_once)?$/.test(t.v)) {
      let end = i + 1
      while (end < to && toks[end]!.v !== ';') end++
      const path = stringOf(toks, { from: toks[i + 1]?.v === '(' ? i + 2 : i + 1, to: toks[end - 1]?.v === ')' && toks[i + 1]?.v === '(' ? end - 1 : end }, scope.base)
      if (path?.endsWith('.php')) scope.out.includes.push({ file: path, prefix: joinUrl(...prefix) })
      i = end
      continue
    }
    const chain = chainAt(toks, i, scope)
    if (!chain) {
      i++
      continue
    }
    handleChain(ctx, toks, chain.calls, prefix, scope, depth)
    i = chain.end
  }
}

/** A router call chain starting at `i`: `Route::a(…)->b(…)…`, `$router->get(…)`, `$app->router->group(…)`. */
function chainAt(toks: readonly Token[], i: number, scope: Scope): { calls: Call[]; end: number } | undefined {
  const t = toks[i]!
  let k: number
  if (t.k === 'id' && (t.v === 'Route' || t.v.endsWith('\\Route')) && toks[i + 1]?.v === '::') k = i + 1
  else if (t.k === 'var' && scope.withVariables && RECEIVERS.has(t.v) && toks[i + 1]?.v === '->') k = i + 1
  else if (t.k === 'var' && t.v === 'this' && scope.withVariables && toks[i + 1]?.v === '->' && toks[i + 2]?.v === 'app') k = i + 1
  else return undefined
  const calls: Call[] = []
  while (k < toks.length && (toks[k]!.v === '::' || toks[k]!.v === '->')) {
    const name = toks[k + 1]
    if (name?.k !== 'id') break
    if (toks[k + 2]?.v !== '(') {
      // A property on the way to the router (`$app->router->get`), never after a call.
      if (calls.length > 0) break
      k += 2
      continue
    }
    const a = args(toks, k + 2)
    if (a.close < 0) break
    calls.push({ name: name.v, open: k + 2, args: a.args, line: name.line })
    k = a.close + 1
  }
  return calls.length > 0 ? { calls, end: k } : undefined
}

function handleChain(ctx: ExtractContext, toks: readonly Token[], calls: readonly Call[], prefix: readonly string[], scope: Scope, depth: number): void {
  const own: string[] = []
  for (const c of calls) {
    // `prefix('v1')` in a chain; CakePHP's `prefix('Admin', function ($routes) {…})` is a group under `/admin`.
    const cakePrefix = c.name === 'prefix' && c.args.length > 1
    if (c.name === 'prefix' && c.args[0] && !cakePrefix) {
      const v = stringOf(toks, c.args[0])
      if (v !== undefined) own.push(v)
    }
    if (GROUPS.has(c.name) || cakePrefix) {
      // Laravel/Lumen `group(['prefix' => 'v1'], …)`, Slim/CodeIgniter/CakePHP `group('/v1', …)`/`scope('/v1', …)`.
      const first = c.args[0]
      const opts = first && toks[first.from]?.v === '[' ? args(toks, first.from).args : []
      const p = opts.find((o) => o.name === 'prefix')
      const v = p ? stringOf(toks, p) : first && toks[first.from]?.k === 'str' && c.args.length > 1 ? stringOf(toks, first) : undefined
      if (v !== undefined) own.push(cakePrefix ? v.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase() : v)
      const inner = [...prefix, ...own]
      for (const a of c.args) {
        const body = closureBody(toks, a)
        if (body) scanRange(ctx, toks, body.from, body.to, inner, scope, depth + 1)
        else if (a !== first || c.args.length === 1) {
          const file = stringOf(toks, a, scope.base)
          if (file?.endsWith('.php')) scope.out.includes.push({ file, prefix: joinUrl(...inner) })
        }
      }
      return
    }
    const verb = VERBS[c.name]
    if (verb !== undefined || LIST_VERBS.has(c.name) || RESOURCES.has(c.name)) {
      addRoute(ctx, toks, c, [...prefix, ...own], scope)
      return
    }
  }
}

function addRoute(ctx: ExtractContext, toks: readonly Token[], c: Call, prefix: readonly string[], scope: Scope): void {
  const listed = LIST_VERBS.has(c.name)
  const pathArg = c.args[listed ? 1 : 0]
  const path = pathArg ? stringOf(toks, pathArg) : undefined
  if (path === undefined) return
  const methods = listed ? stringsOf(toks, c.args[0]!).map((m) => m.toUpperCase()) : (VERBS[c.name] ?? ['ANY'])
  const full = joinUrl(...prefix, path)
  const base = { framework: scope.framework, file: scope.file, line: c.line }
  if (RESOURCES.has(c.name)) {
    const one = path.slice(path.lastIndexOf('/') + 1).replace(/s$/, '')
    scope.out.routes.push({ ...base, path: full, methods: ['GET', 'POST'] }, { ...base, path: `${full}/{${one}}`, methods: ['GET', 'PUT', 'PATCH', 'DELETE'] })
    return
  }
  const handler = c.name === 'view' || c.name === 'redirect' || c.name === 'permanentRedirect' ? undefined : c.args[listed ? 2 : 1]
  const h = handler ? handlerOf(ctx, toks, handler, scope.file) : {}
  scope.out.routes.push({ ...base, path: full, methods: methods.length > 0 ? methods : ['ANY'], ...h })
}

/** The handler's name and, when its body can be read, the dependencies it touches. */
function handlerOf(ctx: ExtractContext, toks: readonly Token[], a: Arg, file: string): Pick<Route, 'handler' | 'touches'> {
  const body = closureBody(toks, a)
  if (body) {
    const lines = ctx.src.lines(file) ?? []
    const first = toks[body.from]?.line ?? toks[a.from]!.line
    const last = toks[Math.max(body.from, body.to - 1)]?.line ?? first
    return { handler: 'closure', touches: touchesIn(file, lines, first - 1, last) }
  }
  let cls: string | undefined
  let method = '__invoke'
  const str = stringOf(toks, a)
  if (str !== undefined) {
    // 'HealthController@check', 'App\Http\Controllers\HealthController@check', Symfony-style 'Class::method'.
    const at = str.includes('@') ? str.split('@') : str.split('::')
    cls = at[0]!.slice(at[0]!.lastIndexOf('\\') + 1)
    if (at[1]) method = at[1]
  } else if (toks[a.from]?.v === '[') {
    const parts = args(toks, a.from).args
    // The array form `['uses' => 'Controller@method', 'as' => 'name']`.
    const uses = parts.find((p) => p.name === 'uses')
    if (uses && stringOf(toks, uses) !== undefined) return handlerOf(ctx, toks, uses, file)
    cls = parts[0] ? classOf(toks, parts[0]) : undefined
    const m = parts[1] ? stringOf(toks, parts[1]) : undefined
    if (m) method = m
  } else cls = classOf(toks, a)
  if (!cls) return {}
  const handler = `${cls}@${method}`
  return { handler, ...controllerTouches(ctx, cls, method) }
}

const CLASS_FILES = memoKey<ReadonlyMap<string, string>>('php class files')

/** PHP files by basename (PSR-4: a class lives in a file named after it), the first one of each name. */
function classFiles(ctx: ExtractContext): ReadonlyMap<string, string> {
  return ctx.memo.get(CLASS_FILES, '', () => {
    const m = new Map<string, string>()
    for (const f of ctx.src.files('php')) {
      const name = f.slice(f.lastIndexOf('/') + 1)
      if (!m.has(name)) m.set(name, f)
    }
    return m
  })
}

/** Dependency touches in `Class::method` of the class's own file (`HealthController.php`). */
export function controllerTouches(ctx: ExtractContext, cls: string, method: string): Pick<Route, 'touches'> {
  const file = classFiles(ctx).get(`${cls}.php`)
  const lines = file ? ctx.src.lines(file) : undefined
  if (!file || !lines) return {}
  // Mezzio and PSR-15 handlers answer in `handle()`, invokable controllers in `__invoke()`.
  const body = methodBody(lines, method) ?? (method === '__invoke' ? methodBody(lines, 'handle') : undefined)
  return body ? { touches: touchesIn(file, lines, body[0], body[1]) } : {}
}

/** A PHP file's tokens, lexed once per route scan. */
export function phpTokens(ctx: ExtractContext, file: string): readonly Token[] | undefined {
  const text = ctx.src.text(file)
  return text === undefined ? undefined : ctx.memo.get(PHP_TOKENS, file, () => lexPhp(text))
}

/** Laravel 11+ `withRouting(web: …, api: …, health: '/up', apiPrefix: …, then: fn, using: fn)`. */
function withRouting(ctx: ExtractContext, toks: readonly Token[], open: number, prefix: readonly string[], scope: Scope, depth: number): number {
  const a = args(toks, open)
  if (a.close < 0) return open + 1
  const named = new Map(a.args.filter((x) => x.name !== undefined).map((x) => [x.name!, x]))
  const apiPrefix = named.get('apiPrefix')
  const api = apiPrefix ? (stringOf(toks, apiPrefix) ?? 'api') : 'api'
  for (const [key, p] of [['web', ''], ['api', api]] as const) {
    const arg = named.get(key)
    if (!arg) continue
    const files = toks[arg.from]?.v === '[' ? args(toks, arg.from).args : [arg]
    for (const f of files) {
      const file = stringOf(toks, f, scope.base)
      if (file?.endsWith('.php')) scope.out.includes.push({ file, prefix: joinUrl(...prefix, p) })
    }
  }
  const health = named.get('health')
  const hp = health ? stringOf(toks, health) : undefined
  if (hp) scope.out.routes.push({ path: joinUrl(...prefix, hp), methods: ['GET'], framework: scope.framework, file: scope.file, line: toks[health!.from]!.line, library: 'Laravel health route (withRouting health:)', touches: [] })
  for (const key of ['then', 'using']) {
    const arg = named.get(key)
    const body = arg ? closureBody(toks, arg) : undefined
    if (body) scanRange(ctx, toks, body.from, body.to, prefix, scope, depth + 1)
  }
  return a.close + 1
}
