import { RunMemo } from '../run-memo.js'
import type { ManifestFacts } from '../manifests/types.js'
import type { SourceSet } from '../service/files.js'
import { pyConstLookup } from '../service/routes/python-common.js'
import { readProperties } from '../service/routes/spring.js'
import type { Route, ServiceFacts } from '../service/types.js'
import { callText, joinUrl, keywordArg, readLiteral, resolveExpr } from '../service/text.js'
import type { Ecosystem } from '../manifests/types.js'
import { rustServers } from './rust.js'
import { dotnetGenerators } from './dotnet-generators.js'
import type { SpecGenerator } from './types.js'
import { jvmGenerators } from './jvm-generators.js'

/**
 * Framework generation of an OpenAPI document, and where the app serves it. Most signatures are
 * a table row (a code token plus the route it serves by default, or a route whose handler shows
 * it is the docs view); FastAPI's `openapi_url` and NestJS's `SwaggerModule.setup` are read from
 * the call.
 */

export interface GeneratorSignature {
  readonly tool: string
  readonly ecosystem: Ecosystem
  readonly tokens: readonly string[]
  /** Default route served; null: generates only (CLI, settings) unless a route below serves it. */
  readonly servedAt: string | null
  /** A declared route whose handler contains one of these serves it. */
  readonly routeHandlers?: readonly string[]
  readonly specFirst?: boolean
  /** A route declared in a file that generates the document serves it (a Next.js route handler returning it). */
  readonly routeInFile?: boolean
  /**
   * A GET route at a spec document's path (`…/openapi.json`, `…/swagger.yaml`) serves the document
   * the generator builds elsewhere (the route's handler returns an imported value). Trap: a route
   * for the docs UI alone (`/docs`) is not the document.
   */
  readonly specRoute?: boolean
  /** The keyword of the call at the hit that moves the served route (`route=` of pyramid_openapi3_spec). */
  readonly servedAtKw?: string
}

export const GENERATORS: readonly GeneratorSignature[] = [
  { tool: 'drf-spectacular', ecosystem: 'python', tokens: ['drf_spectacular', 'SpectacularAPIView'], servedAt: null, routeHandlers: ['SpectacularAPIView', 'SpectacularSwaggerView', 'SpectacularRedocView'] },
  { tool: 'drf-yasg', ecosystem: 'python', tokens: ['drf_yasg'], servedAt: null, routeHandlers: ['schema_view'] },
  { tool: 'DRF schema view', ecosystem: 'python', tokens: ['rest_framework.schemas import get_schema_view'], servedAt: null, routeHandlers: ['get_schema_view', 'schema_view'] },
  { tool: 'django-ninja', ecosystem: 'python', tokens: ['NinjaAPI('], servedAt: '/api/openapi.json' },
  { tool: 'flask-smorest', ecosystem: 'python', tokens: ['from flask_smorest import'], servedAt: null },
  { tool: 'flasgger', ecosystem: 'python', tokens: ['Swagger(app', 'from flasgger import'], servedAt: '/apispec_1.json' },
  { tool: 'APIFlask', ecosystem: 'python', tokens: ['APIFlask('], servedAt: '/openapi.json' },
  { tool: 'APIFairy', ecosystem: 'python', tokens: ['from apifairy import APIFairy', 'APIFairy('], servedAt: '/apispec.json' },
  { tool: 'flask-restx', ecosystem: 'python', tokens: ['from flask_restx import', 'from flask_restplus import'], servedAt: '/swagger.json' },
  { tool: 'connexion', ecosystem: 'python', tokens: ['.add_api('], servedAt: '/openapi.json', specFirst: true },
  // Python beyond the decorator family. Litestar serves its schema at /schema/openapi.json unless
  // `openapi_config=None`; Sanic Extensions (sanic-ext, auto-installed by Sanic ≥ 21.12 when
  // present) at /docs/openapi.json; quart-schema at /openapi.json; SpecTree at /apidoc/openapi.json.
  // pyramid_openapi3 is spec-first: `config.pyramid_openapi3_spec(file, route="/api/openapi.yaml")`
  // serves the committed document (default route /openapi.yaml). aiohttp-apispec serves
  // `setup_aiohttp_apispec(app, url=…)` (default /api/docs/swagger.json). Traps: falcon-apispec
  // and apispec alone only build a dict; tornado-swagger serves at `api_base_url` + /swagger.json.
  { tool: 'Litestar OpenAPI', ecosystem: 'python', tokens: ['Litestar('], servedAt: '/schema/openapi.json', servedAtKw: 'openapi_config' },
  { tool: 'Sanic Extensions', ecosystem: 'python', tokens: ['from sanic_ext import', 'Extend(app'], servedAt: '/docs/openapi.json' },
  { tool: 'quart-schema', ecosystem: 'python', tokens: ['QuartSchema('], servedAt: '/openapi.json', servedAtKw: 'openapi_path' },
  { tool: 'SpecTree', ecosystem: 'python', tokens: ['SpecTree('], servedAt: '/apidoc/openapi.json' },
  { tool: 'pyramid_openapi3', ecosystem: 'python', tokens: ['pyramid_openapi3_spec('], servedAt: '/openapi.yaml', servedAtKw: 'route', specFirst: true },
  { tool: 'aiohttp-apispec', ecosystem: 'python', tokens: ['setup_aiohttp_apispec('], servedAt: '/api/docs/swagger.json', servedAtKw: 'url' },
  { tool: 'tornado-swagger', ecosystem: 'python', tokens: ['setup_swagger('], servedAt: '/api/doc/swagger.json' },
  { tool: 'apispec', ecosystem: 'python', tokens: ['APISpec('], servedAt: null },
  { tool: 'swagger-jsdoc', ecosystem: 'node', tokens: ['swaggerJsdoc(', 'swaggerJSDoc('], servedAt: null, routeHandlers: ['swaggerUi', 'swaggerUI'] },
  { tool: 'swagger-ui-express', ecosystem: 'node', tokens: ['swagger-ui-express'], servedAt: null, routeHandlers: ['swaggerUi', 'swaggerUI'] },
  { tool: 'express-openapi-validator', ecosystem: 'node', tokens: ['OpenApiValidator.middleware('], servedAt: null, specFirst: true },
  { tool: 'tsoa', ecosystem: 'node', tokens: ["from 'tsoa'", 'from "tsoa"'], servedAt: null, routeHandlers: ['swaggerUi'] },
  { tool: '@wesleytodd/openapi', ecosystem: 'node', tokens: ['@wesleytodd/openapi'], servedAt: '/openapi.json' },
  { tool: '@fastify/swagger', ecosystem: 'node', tokens: ['@fastify/swagger', 'fastify-swagger'], servedAt: '/documentation/json' },
  { tool: '@hono/zod-openapi', ecosystem: 'node', tokens: ['@hono/zod-openapi'], servedAt: null },
  // ---- Node: hapi, Next.js, AdonisJS, Elysia. hapi-swagger serves `/swagger.json` (and its UI at
  // `/documentation`) once registered with @hapi/inert and @hapi/vision. zod-to-openapi and
  // next-swagger-doc only build a document: a route whose module builds it serves it (trap: a
  // build script writing openapi.json is not serving). adonis-autoswagger renders from
  // `router.toJSON()` in a route. Elysia's plugins serve the JSON below their UI path.
  { tool: 'hapi-swagger', ecosystem: 'node', tokens: ['hapi-swagger', 'HapiSwagger'], servedAt: '/swagger.json' },
  { tool: 'zod-to-openapi', ecosystem: 'node', tokens: ['OpenApiGeneratorV3', 'OpenApiGeneratorV31'], servedAt: null, routeInFile: true },
  { tool: 'next-swagger-doc', ecosystem: 'node', tokens: ['createSwaggerSpec('], servedAt: null, routeInFile: true },
  { tool: 'adonis-autoswagger', ecosystem: 'node', tokens: ['AutoSwagger.default.docs(', 'autoswagger.docs('], servedAt: null, routeInFile: true },
  // tRPC and ts-rest build a document from their routers (`generateOpenApiDocument(appRouter, …)`,
  // `generateOpenApi(contract, …)`); it is served where a route at a spec path returns it.
  { tool: 'trpc-to-openapi', ecosystem: 'node', tokens: ["from 'trpc-to-openapi'", 'from "trpc-to-openapi"', "from 'trpc-openapi'", 'from "trpc-openapi"'], servedAt: null, specRoute: true },
  { tool: '@ts-rest/open-api', ecosystem: 'node', tokens: ["from '@ts-rest/open-api'", 'from "@ts-rest/open-api"'], servedAt: null, specRoute: true },
  { tool: '@elysiajs/swagger', ecosystem: 'node', tokens: ['@elysiajs/swagger'], servedAt: '/swagger/json' },
  { tool: '@elysiajs/openapi', ecosystem: 'node', tokens: ['@elysiajs/openapi'], servedAt: '/openapi/json' },
  { tool: 'swaggo', ecosystem: 'go', tokens: ['github.com/swaggo/', '// @title'], servedAt: null, routeHandlers: ['Swagger', 'swagger'] },
  { tool: 'huma', ecosystem: 'go', tokens: ['github.com/danielgtaylor/huma'], servedAt: '/openapi.json' },
  { tool: 'oapi-codegen', ecosystem: 'go', tokens: ['oapi-codegen'], servedAt: null, specFirst: true },
  { tool: 'ogen', ecosystem: 'go', tokens: ['github.com/ogen-go/ogen'], servedAt: null, specFirst: true },
  { tool: 'springfox', ecosystem: 'java', tokens: ['@EnableSwagger2', 'springfox.documentation'], servedAt: '/v2/api-docs' },
  { tool: 'rswag', ecosystem: 'ruby', tokens: ['Rswag::Api::Engine', 'Rswag::Ui::Engine'], servedAt: null, routeHandlers: ['Rswag::Api::Engine', 'Rswag::Ui::Engine'] },
  // The Grape route walker declares the document's route (mount_path below prefix, version and mounts).
  { tool: 'grape-swagger', ecosystem: 'ruby', tokens: ['add_swagger_documentation'], servedAt: '/swagger_doc', routeHandlers: ['add_swagger_documentation'] },
  // Elixir. open_api_spex builds the spec from controller operations (`ApiSpec` implements
  // `OpenApiSpex.OpenApi`); it is served where a route points at `OpenApiSpex.Plug.RenderSpec`
  // (the JSON), else `OpenApiSpex.Plug.SwaggerUI` (the UI, which needs the JSON route too).
  // `PutApiSpec` alone only caches the spec for validation plugs. phoenix_swagger generates
  // `swagger.json` with `mix phx.swagger.generate` and serves it through its SwaggerUI plug.
  { tool: 'open_api_spex', ecosystem: 'elixir', tokens: ['OpenApiSpex.OpenApi', 'OpenApiSpex.Plug.PutApiSpec', 'OpenApiSpex.Plug.RenderSpec'], servedAt: null, routeHandlers: ['OpenApiSpex.Plug.RenderSpec', 'OpenApiSpex.Plug.SwaggerUI'] },
  { tool: 'phoenix_swagger', ecosystem: 'elixir', tokens: ['PhoenixSwagger'], servedAt: null, routeHandlers: ['PhoenixSwagger.Plug.SwaggerUI'] },
  // Rust: where each serves its document is read by rust.ts (UIs, spec endpoints, document routes).
  // Trap: ts-rs and specta export TypeScript types, not OpenAPI.
  { tool: 'utoipa', ecosystem: 'rust', tokens: ['derive(OpenApi', 'utoipa::OpenApi', '#[utoipa::path', 'utoipa::openapi::', 'utoipa_axum::'], servedAt: null },
  { tool: 'aide', ecosystem: 'rust', tokens: ['aide::', 'use aide'], servedAt: null },
  { tool: 'paperclip', ecosystem: 'rust', tokens: ['paperclip::', 'api_v2_operation'], servedAt: null },
  { tool: 'okapi (rocket_okapi)', ecosystem: 'rust', tokens: ['rocket_okapi', 'openapi_get_routes!'], servedAt: '/openapi.json' },
  { tool: 'poem-openapi', ecosystem: 'rust', tokens: ['poem_openapi', 'OpenApiService::new('], servedAt: null },
  { tool: 'apistos', ecosystem: 'rust', tokens: ['apistos::'], servedAt: null }
]

/** Dependencies that generate and serve a spec by being present. */
const DEPENDENCY_GENERATORS: readonly { tool: string; prefix: string; servedAt: string; disabledBy: string; pathBy?: string; under?: readonly string[] }[] = [
  // Served at springdoc.api-docs.path (default /v3/api-docs) below the servlet context path.
  { tool: 'springdoc', prefix: 'org.springdoc:', servedAt: '/v3/api-docs', disabledBy: 'springdoc.api-docs.enabled', pathBy: 'springdoc.api-docs.path', under: ['server.servlet.context-path', 'spring.webflux.base-path'] }
]

/**
 * PHP generators recognised by their Composer package (their annotations are optional, their
 * routes come with the package or the route configuration). `routeHandlers`: a declared route to
 * one of these handlers serves the spec; otherwise `servedAt` is the package's default route
 * (null: it only generates). Traps: NelmioApiDocBundle serves nothing until its routes are
 * imported; l5-swagger and Scribe serve what `artisan l5-swagger:generate` / `scribe:generate`
 * wrote at deploy time; swagger-php alone is a generator (`vendor/bin/openapi`) with no route.
 */
const PHP_GENERATORS: readonly { tool: string; packages: readonly string[]; servedAt: string | null; routeHandlers?: readonly string[]; note?: string }[] = [
  { tool: 'NelmioApiDocBundle', packages: ['nelmio/api-doc-bundle'], servedAt: null, routeHandlers: ['nelmio_api_doc.controller'] },
  { tool: 'API Platform', packages: ['api-platform/core', 'api-platform/symfony', 'api-platform/laravel'], servedAt: '/api/docs.jsonopenapi', routeHandlers: ['api_platform.action.documentation'] },
  { tool: 'l5-swagger', packages: ['darkaonline/l5-swagger'], servedAt: '/docs/api-docs.json', note: 'written by php artisan l5-swagger:generate' },
  { tool: 'Scramble', packages: ['dedoc/scramble'], servedAt: '/docs/api.json' },
  { tool: 'Scribe', packages: ['knuckleswtf/scribe'], servedAt: '/docs.openapi', note: 'written by php artisan scribe:generate' },
  { tool: 'laravel-openapi', packages: ['vyuldashev/laravel-openapi'], servedAt: null },
  { tool: 'swagger-php', packages: ['zircote/swagger-php'], servedAt: null }
]

export function findGenerators(src: SourceSet, service: ServiceFacts, manifests: ManifestFacts): SpecGenerator[] {
  const out: SpecGenerator[] = []
  const ecos = new Set(service.frameworks.map((f) => f.ecosystem))
  if (service.frameworks.some((f) => f.framework === 'fastapi')) out.push(...fastapiGenerators(src))
  if (service.frameworks.some((f) => f.framework === 'nestjs')) out.push(...nestGenerators(src))
  if (service.frameworks.some((f) => f.framework === 'aspnetcore')) out.push(...dotnetGenerators(src, manifests))
  // One whole-text pass per file for every signature of its ecosystem; each signature then
  // looks only at the few files that mention some generator at all.
  const candidates = new Map<Ecosystem, string[]>()
  for (const eco of ecos) candidates.set(eco, src.files(eco).filter((f) => src.mentions(f, tokensOf(eco))))
  for (const sig of GENERATORS) {
    if (!ecos.has(sig.ecosystem)) continue
    const hit = firstHit(src, candidates.get(sig.ecosystem) ?? [], sig.tokens)
    if (!hit) continue
    const route = sig.routeHandlers ? servingRoute(service.routes, sig.routeHandlers) : sig.routeInFile ? routeInFiles(src, service.routes, sig.tokens) : sig.specRoute ? specPathRoute(src, service.routes, hit.path) : undefined
    const moved = sig.servedAtKw ? servedByKeyword(src, hit, sig) : undefined
    out.push({
      tool: sig.tool,
      path: hit.path,
      line: hit.line,
      text: hit.text,
      servedAt: route ? routePath(route) : moved ? moved.servedAt : sig.servedAt,
      ...(route ? { note: routeNote(route) } : moved?.note ? { note: moved.note } : {}),
      ...(sig.specFirst ? { specFirst: true } : {})
    })
  }
  if (ecos.has('rust')) out.push(...rustServers(src, service, out.some((g) => GENERATORS.some((x) => x.tool === g.tool && x.ecosystem === 'rust'))))
  out.push(...jvmGenerators(src, service, manifests))
  let props: ReturnType<typeof springProperties> | undefined
  for (const m of manifests.manifests) {
    for (const d of m.dependencies) {
      const php = d.ecosystem === 'php' && !d.dev && !d.own ? PHP_GENERATORS.find((g) => g.packages.includes(d.name)) : undefined
      if (php) {
        if (out.some((o) => o.tool === php.tool)) continue
        const route = php.routeHandlers ? servingRoute(service.routes, php.routeHandlers) : undefined
        const servedAt = route ? routePath(route) : php.servedAt
        const note = route ? routeNote(route) : php.note
        out.push({ tool: php.tool, path: d.manifest, ...(d.line ? { line: d.line } : {}), text: d.name, servedAt, ...(note ? { note } : {}) })
        continue
      }
      const g = d.own ? undefined : DEPENDENCY_GENERATORS.find((x) => d.name.startsWith(x.prefix))
      if (!g || out.some((o) => o.tool === g.tool)) continue
      // The application properties are read once for every key asked of them.
      props ??= springProperties(src)
      const prop = (key: string): string | undefined => props!.get(key)?.value
      const off = prop(g.disabledBy) === 'false'
      const base = (g.under ?? []).map(prop).find((v) => v !== undefined) ?? ''
      const served = joinUrl(base, (g.pathBy ? prop(g.pathBy) : undefined) ?? g.servedAt)
      out.push({ tool: g.tool, path: d.manifest, ...(d.line ? { line: d.line } : {}), text: d.name, servedAt: off ? null : served, ...(off ? { note: `${g.disabledBy}=false` } : {}) })
    }
  }
  return out
}

/**
 * Where a call moves the served spec by a keyword: a literal is the route, `None` turns it off
 * (Litestar's `openapi_config=None`); anything else keeps the default, saying so.
 */
function servedByKeyword(src: SourceSet, hit: { path: string; line: number }, sig: GeneratorSignature): { servedAt: string | null; note?: string } | undefined {
  const lines = src.lines(hit.path)
  const line = lines?.[hit.line - 1]
  const token = sig.tokens.find((t) => line?.includes(t))
  if (!lines || !line || !token) return undefined
  const kw = keywordArg(callText(lines, hit.line - 1, line.indexOf(token) + token.length - 1), sig.servedAtKw!)
  if (kw === undefined) return undefined
  if (kw === 'None') return { servedAt: null, note: `${sig.servedAtKw}=None disables the spec` }
  const lit = readLiteral(kw, 0)
  if (lit && !lit.template) return { servedAt: lit.value }
  // Litestar: `openapi_config=OpenAPIConfig(…, path="/docs")` serves `/docs/openapi.json`.
  const inner = kw.includes('OpenAPIConfig(') ? readLiteral(keywordArg(kw, 'path') ?? '', 0) : undefined
  if (inner && !inner.template) return { servedAt: joinUrl(inner.value, 'openapi.json') }
  if (kw.includes('OpenAPIConfig(') && keywordArg(kw, 'path') === undefined) return { servedAt: sig.servedAt }
  return { servedAt: sig.servedAt, note: `${sig.servedAtKw}=${kw.slice(0, 80)} not resolved; the default is assumed` }
}

/** A serving route's path; below a prefix that was not resolved, `…/swagger/*any`. */
function routePath(route: Route): string {
  return route.prefixUnknown !== undefined ? `…${route.path}` : route.path
}

function routeNote(route: Route): string {
  return `served by the route at ${route.file}:${route.line}${route.prefixUnknown !== undefined ? `, below the unresolved prefix ${route.prefixUnknown.slice(0, 80)}` : ''}`
}

/** The route serving the spec: the first handler of the list that some route uses (the JSON before its UI). */
function servingRoute(routes: readonly Route[], handlers: readonly string[]): Route | undefined {
  for (const h of handlers) {
    const r = routes.find((x) => x.handler !== undefined && x.handler.includes(h))
    if (r) return r
  }
  return undefined
}

const SPEC_PATH = /\/(openapi|swagger)\.(json|ya?ml)$/

/**
 * A GET (or any-method) route at a spec document's path: the one whose file imports the module that
 * builds the document (`…/open-api'` for `server/open-api.ts`) when there are several, else the first.
 */
function specPathRoute(src: SourceSet, routes: readonly Route[], builder: string): Route | undefined {
  const spec = routes.filter((r) => (r.methods.includes('GET') || r.methods.includes('ANY')) && SPEC_PATH.test(r.path))
  if (spec.length < 2) return spec[0]
  const stem = builder.slice(builder.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '')
  const imports = (file: string): boolean => {
    const text = src.text(file)
    return text !== undefined && (text.includes(`/${stem}'`) || text.includes(`/${stem}"`))
  }
  return spec.find((r) => imports(r.file)) ?? spec[0]
}

/** A GET (or any-method) route declared in a file that mentions the generator. */
function routeInFiles(src: SourceSet, routes: readonly Route[], tokens: readonly string[]): Route | undefined {
  return routes.find((r) => (r.methods.includes('GET') || r.methods.includes('ANY')) && src.mentions(r.file, tokens))
}

const ECOSYSTEM_TOKENS = new Map<Ecosystem, readonly string[]>()

/** Every generator token of an ecosystem, one array per ecosystem (mention memos are keyed by it). */
function tokensOf(eco: Ecosystem): readonly string[] {
  let tokens = ECOSYSTEM_TOKENS.get(eco)
  if (!tokens) {
    tokens = [...new Set(GENERATORS.filter((g) => g.ecosystem === eco).flatMap((g) => g.tokens))]
    ECOSYSTEM_TOKENS.set(eco, tokens)
  }
  return tokens
}

function firstHit(src: SourceSet, files: readonly string[], tokens: readonly string[]): { path: string; line: number; text: string } | undefined {
  for (const file of files) {
    if (!src.mentions(file, tokens)) continue
    const lines = src.lines(file)
    if (!lines) continue
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!
      if (!tokens.some((t) => l.includes(t))) continue
      const t = l.trim()
      if ((t.startsWith('#') || (t.startsWith('//') && !t.startsWith('// @') && !t.startsWith('//go:generate'))) ) continue
      return { path: file, line: i + 1, text: t.slice(0, 200) }
    }
  }
  return undefined
}

const FASTAPI_TOKENS: readonly string[] = ['FastAPI(']
const NEST_SWAGGER_TOKENS: readonly string[] = ['SwaggerModule.setup(']

function fastapiGenerators(src: SourceSet): SpecGenerator[] {
  const out: SpecGenerator[] = []
  const consts = pyConstLookup({ src, frameworks: new Set(), manifests: { manifests: [], problems: [] }, problems: [], memo: new RunMemo() })
  for (const file of src.files('python')) {
    if (!src.mentions(file, FASTAPI_TOKENS)) continue
    const lines = src.lines(file)
    if (!lines) continue
    const inString = pyStringLines(lines)
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!
      const at = l.indexOf('FastAPI(')
      if (at < 0 || inString[i] || /[\w.]/.test(l[at - 1] ?? ' ') || l.trimStart().startsWith('#') || l.includes('import')) continue
      const text = callText(lines, i, at + 7)
      const url = keywordArg(text, 'openapi_url')
      const base = { tool: 'FastAPI', path: file, line: i + 1, text: l.trim().slice(0, 200) }
      if (url === undefined) out.push({ ...base, servedAt: '/openapi.json' })
      else if (url === 'None') out.push({ ...base, servedAt: null, note: 'openapi_url=None disables the spec' })
      else if (/^[rfb]?(""|'')$/.test(url.trim())) out.push({ ...base, servedAt: null, note: 'openapi_url="" disables the spec' })
      else if (/\bif\b/.test(url)) {
        const lit = readLiteral(url.slice(url.indexOf('None') >= 0 && url.indexOf('None') < url.indexOf(' if ') ? url.indexOf(' else ') + 6 : 0), 0)
        out.push({ ...base, servedAt: lit?.value ?? '/openapi.json', note: `served conditionally: openapi_url=${url.slice(0, 120)}` })
      } else {
        const r = resolveExpr(url, consts(file))
        if ('value' in r && r.value === '') out.push({ ...base, servedAt: null, note: `openapi_url=${url.slice(0, 80)} is empty, which disables the spec` })
        else out.push({ ...base, servedAt: 'value' in r ? r.value : `${url} (not resolved)` })
      }
    }
  }
  return out
}

/**
 * Which lines lie inside a Python triple-quoted string (a docstring's `app = FastAPI()` example is
 * not an app). One linear pass over the `"""`/`'''` quotes; a line counts as inside when a string
 * was already open at its start (code before an opening quote on the same line is still code).
 */
export function pyStringLines(lines: readonly string[]): boolean[] {
  const out: boolean[] = new Array<boolean>(lines.length).fill(false)
  let open: string | null = null
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    const startedInside = open !== null
    let from = 0
    for (;;) {
      const dq = l.indexOf('"""', from)
      const sq = l.indexOf("'''", from)
      const at = open ? l.indexOf(open, from) : dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq)
      if (at < 0) break
      if (open) open = null
      else open = l.slice(at, at + 3)
      from = at + 3
    }
    out[i] = startedInside
  }
  return out
}

function nestGenerators(src: SourceSet): SpecGenerator[] {
  const out: SpecGenerator[] = []
  for (const file of src.files('node')) {
    if (!src.mentions(file, NEST_SWAGGER_TOKENS)) continue
    const lines = src.lines(file)
    if (!lines) continue
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!
      const at = l.indexOf('SwaggerModule.setup(')
      if (at < 0 || l.trimStart().startsWith('//')) continue
      const lit = readLiteral(l, at + 20) ?? constantArg(lines, l.slice(at + 20))
      const guard = lines.slice(Math.max(0, i - 4), i).find((x) => /\bif\s*\(/.test(x) && /(production|NODE_ENV|isProd|env)/.test(x))
      out.push({
        tool: 'NestJS SwaggerModule',
        path: file,
        line: i + 1,
        text: l.trim().slice(0, 200),
        servedAt: '/' + (lit?.value ?? 'api').replace(/^\//, ''),
        ...(guard ? { note: `served conditionally: ${guard.trim().slice(0, 120)}` } : {})
      })
    }
  }
  return out
}

/** `SwaggerModule.setup(docsPath, …)` with `const docsPath = '/api-docs'` in the same file: the constant's value. */
function constantArg(lines: readonly string[], rest: string): { value: string } | undefined {
  const name = /^\s*([A-Za-z_$][\w$]*)\s*,/.exec(rest)?.[1]
  if (!name) return undefined
  const decl = new RegExp(`\\b(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}\\s*(?::\\s*string\\s*)?=\\s*(['"\`])([^'"\`$]{0,200})\\1`)
  for (const l of lines) {
    const m = decl.exec(l)
    if (m) return { value: m[2]! }
  }
  return undefined
}

/** Spring properties from `application.properties`/`.yml` of the default profile. */
function springProperties(src: SourceSet): ReturnType<typeof readProperties> {
  return readProperties({ src, frameworks: new Set(), manifests: { manifests: [], problems: [] }, problems: [], memo: new RunMemo() })
}
