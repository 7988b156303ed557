import type { Ecosystem } from '../ecosystems.js'

/**
 * The HTTP frameworks Shipshape knows, in one table: how each is recognised (direct dependencies
 * first, imports in code second), its display name, and which framework's idioms and fix
 * snippets apply to it when it has none of its own (`like`: DRF is Django, echo is close enough
 * to gin). The row order is the preference when a service uses several (a NestJS app also
 * declaring express gets the NestJS fix). Routes are extracted per framework in routes/.
 */
export interface FrameworkInfo {
  readonly name: string
  readonly ecosystem: Ecosystem
  /** Normalised direct-dependency names; `x/*` matches Go module paths under `x`. */
  readonly packages: readonly string[]
  /** Imported modules (prefix-aware per ecosystem). */
  readonly imports: readonly string[]
  /** The importing file must also contain one of these (net/http is imported by clients too). */
  readonly alsoContains?: readonly string[]
  /** The framework whose fix snippets apply when this one has none. */
  readonly like?: string
  /**
   * A dependency makes a service only when its package holds a file matching this (path relative
   * to the manifest's directory): a full-stack framework without server routes is a front end.
   */
  readonly serviceFiles?: RegExp
}

const table = {
  fastapi: { name: 'FastAPI', ecosystem: 'python', packages: ['fastapi', 'fastapi-slim'], imports: ['fastapi'] },
  starlette: { name: 'Starlette', ecosystem: 'python', packages: ['starlette'], imports: ['starlette'] },
  drf: { name: 'Django REST Framework', ecosystem: 'python', packages: ['djangorestframework'], imports: ['rest_framework'], like: 'django' },
  django: { name: 'Django', ecosystem: 'python', packages: ['django'], imports: ['django'] },
  flask: { name: 'Flask', ecosystem: 'python', packages: ['flask', 'apiflask', 'flask-smorest', 'flask-restx', 'flask-restful'], imports: ['flask', 'apiflask'] },
  // ---- Python beyond the decorator family. Routes: routes/pyramid.ts, routes/tornado.ts,
  // routes/python-calls.ts (Falcon, aiohttp, Bottle, Litestar, Sanic's add_route), routes/connexion.ts;
  // Quart and Sanic apps and blueprints go through the decorator engine (python-common.ts).
  // Connexion is spec-first: its routes are the operations of the spec given to `add_api`. A
  // Connexion 2 app is a Flask app underneath, a Connexion 3 `AsyncApp` a Starlette one; the
  // Flask fix snippets fit both (`like`).
  connexion: { name: 'Connexion', ecosystem: 'python', packages: ['connexion'], imports: ['connexion'], like: 'flask' },
  quart: { name: 'Quart', ecosystem: 'python', packages: ['quart'], imports: ['quart'], like: 'flask' },
  pyramid: { name: 'Pyramid', ecosystem: 'python', packages: ['pyramid'], imports: ['pyramid.config'] },
  // Trap: tornado and aiohttp are far more often HTTP clients or event loops (AsyncHTTPClient,
  // IOLoop, ClientSession) than servers, and both come in as dependencies of clients: neither
  // package makes a service; a file importing them that builds an application does.
  tornado: { name: 'Tornado', ecosystem: 'python', packages: [], imports: ['tornado'], alsoContains: ['web.Application', 'RequestHandler)', 'tornado.web.url('] },
  aiohttp: { name: 'aiohttp', ecosystem: 'python', packages: [], imports: ['aiohttp'], alsoContains: ['web.Application(', 'web.RouteTableDef(', 'web.run_app(', 'web.AppRunner('] },
  falcon: { name: 'Falcon', ecosystem: 'python', packages: ['falcon'], imports: ['falcon'] },
  sanic: { name: 'Sanic', ecosystem: 'python', packages: ['sanic'], imports: ['sanic'] },
  litestar: { name: 'Litestar', ecosystem: 'python', packages: ['litestar'], imports: ['litestar'] },
  bottle: { name: 'Bottle', ecosystem: 'python', packages: ['bottle'], imports: ['bottle'] },
  nestjs: { name: 'NestJS', ecosystem: 'node', packages: ['@nestjs/core', '@nestjs/common'], imports: ['@nestjs/core', '@nestjs/common'] },
  fastify: { name: 'Fastify', ecosystem: 'node', packages: ['fastify'], imports: ['fastify'] },
  express: { name: 'Express', ecosystem: 'node', packages: ['express'], imports: ['express'] },
  koa: { name: 'Koa', ecosystem: 'node', packages: ['koa', '@koa/router', 'koa-router'], imports: ['koa', '@koa/router', 'koa-router'] },
  hono: { name: 'Hono', ecosystem: 'node', packages: ['hono'], imports: ['hono'] },
  // ---- Node beyond the first five. hapi routes are objects (`{ method, path, handler }`) given to
  // `server.route()`, often inside plugins registered with `routes: { prefix }`; AdonisJS routes
  // are `router.get()` calls in start/routes.ts (v6) or `Route.get()` (v5, `@ioc:` imports);
  // Elysia chains `.get()` on `new Elysia()`; Sails maps `'GET /x'` keys in config/routes.js.
  hapi: { name: 'hapi', ecosystem: 'node', packages: ['@hapi/hapi', 'hapi'], imports: ['@hapi/hapi'] },
  adonisjs: { name: 'AdonisJS', ecosystem: 'node', packages: ['@adonisjs/core'], imports: ['@adonisjs/core/services/router', '@ioc:Adonis/Core/Route'] },
  elysia: { name: 'Elysia', ecosystem: 'node', packages: ['elysia'], imports: ['elysia'] },
  sails: { name: 'Sails', ecosystem: 'node', packages: ['sails'], imports: ['sails'] },
  // Next.js serves HTTP APIs through route handlers (`app/**/route.ts` exporting GET/POST…) and
  // API routes (`pages/api/**`); the URL is the folder path. Trap: a Next.js site without either
  // is a front end (pages rendered on the server are not an API), so the dependency counts only
  // when one such file exists, and there is no import signal (`next/server` is also middleware's).
  nextjs: {
    name: 'Next.js',
    ecosystem: 'node',
    packages: ['next'],
    imports: [],
    serviceFiles: /^(?:src\/)?(?:app\/(?:[^/]+\/)*route\.[cm]?[jt]sx?|pages\/api\/(?:[^/]+\/)*[^/]+\.[cm]?[jt]sx?)$/
  },
  // React Router framework mode and Remix: route modules under app/routes/ (routes/remix.ts).
  remix: {
    name: 'React Router (framework mode)',
    ecosystem: 'node',
    packages: ['@react-router/node', '@react-router/serve', '@react-router/express', '@react-router/cloudflare', '@remix-run/node', '@remix-run/serve', '@remix-run/express', '@remix-run/cloudflare', '@remix-run/server-runtime'],
    imports: [],
    serviceFiles: /^app\/routes\/.+\.[cm]?[jt]sx?$/
  },
  gin: { name: 'gin', ecosystem: 'go', packages: ['github.com/gin-gonic/gin'], imports: ['github.com/gin-gonic/gin'] },
  chi: { name: 'chi', ecosystem: 'go', packages: ['github.com/go-chi/chi/*'], imports: ['github.com/go-chi/chi'] },
  'go-net-http': { name: 'Go net/http', ecosystem: 'go', packages: [], imports: ['net/http'], alsoContains: ['ListenAndServe', 'NewServeMux', 'http.HandleFunc(', 'http.Handle('] },
  echo: { name: 'echo', ecosystem: 'go', packages: ['github.com/labstack/echo/*'], imports: ['github.com/labstack/echo'], like: 'gin' },
  fiber: { name: 'fiber', ecosystem: 'go', packages: ['github.com/gofiber/fiber/*'], imports: ['github.com/gofiber/fiber'], like: 'gin' },
  // Kratos serves HTTP through transport/http, which takes net/http handlers (`srv.HandleFunc`);
  // its routes are generated from protobuf (`*_http.pb.go`: `r.GET("/x", …)`).
  kratos: { name: 'Kratos', ecosystem: 'go', packages: ['github.com/go-kratos/kratos/*'], imports: ['github.com/go-kratos/kratos/v2/transport/http'], like: 'go-net-http' },
  gorilla: { name: 'gorilla/mux', ecosystem: 'go', packages: ['github.com/gorilla/mux'], imports: ['github.com/gorilla/mux'] },
  // ---- Go, more frameworks. Routes: routes/go.ts (router calls) and routes/go-shapes.ts (route
  // literals, Beego, method-first calls, dispatchers), go-zero's `.api` files in routes/go-zero.ts.
  // Beego: v2 is one module holding the web server and the ORM, so its package alone may be an
  // ORM-only program (then no route is found, and health says fail rather than not-applicable).
  beego: { name: 'Beego', ecosystem: 'go', packages: ['github.com/beego/beego/*', 'github.com/astaxie/beego'], imports: ['github.com/beego/beego/v2/server/web', 'github.com/astaxie/beego'] },
  // go-zero: the module also holds zrpc (gRPC) and the stores, so only an import of its `rest`
  // package makes an HTTP service; routes come from goctl `.api` files and the generated
  // `server.AddRoutes([]rest.Route{…})`; its dev server serves `/healthz` when `DevServer` is enabled.
  'go-zero': { name: 'go-zero', ecosystem: 'go', packages: [], imports: ['github.com/zeromicro/go-zero/rest'] },
  huma: { name: 'Huma', ecosystem: 'go', packages: ['github.com/danielgtaylor/huma/*'], imports: ['github.com/danielgtaylor/huma'] },
  buffalo: { name: 'Buffalo', ecosystem: 'go', packages: ['github.com/gobuffalo/buffalo'], imports: ['github.com/gobuffalo/buffalo'], like: 'gin' },
  // grpc-gateway: HTTP routes come from proto annotations (generated `*.pb.gw.go`) served by
  // `runtime.NewServeMux`; `runtime.WithHealthzEndpoint` adds `GET /healthz`. Trap: the module
  // as an `// indirect` requirement (pulled in by a gRPC library) serves nothing; those never count.
  'grpc-gateway': { name: 'grpc-gateway', ecosystem: 'go', packages: ['github.com/grpc-ecosystem/grpc-gateway/*'], imports: ['github.com/grpc-ecosystem/grpc-gateway/v2/runtime', 'github.com/grpc-ecosystem/grpc-gateway/runtime'], like: 'go-net-http' },
  spring: {
    name: 'Spring Boot',
    ecosystem: 'java',
    packages: ['org.springframework.boot:spring-boot-starter-web', 'org.springframework.boot:spring-boot-starter-webflux'],
    imports: ['org.springframework.web.bind.annotation']
  },
  // ---- JVM beyond Spring (Java and Kotlin). Maven coordinates `group:artifact`; a trailing `*`
  // matches every artifact with that prefix (Ktor's `-jvm` variants). Client artifacts share the
  // groups (`quarkus-rest-client`, `ktor-client-*`, `micronaut-http-client`) and are deliberately
  // absent: a client is no service. Row order is the preference for fix snippets.
  quarkus: {
    name: 'Quarkus',
    ecosystem: 'java',
    packages: [
      'io.quarkus:quarkus-rest', 'io.quarkus:quarkus-rest-jackson', 'io.quarkus:quarkus-rest-jsonb', 'io.quarkus:quarkus-rest-kotlin-serialization',
      'io.quarkus:quarkus-resteasy', 'io.quarkus:quarkus-resteasy-jackson', 'io.quarkus:quarkus-resteasy-jsonb',
      'io.quarkus:quarkus-resteasy-reactive', 'io.quarkus:quarkus-resteasy-reactive-jackson', 'io.quarkus:quarkus-resteasy-reactive-jsonb', 'io.quarkus:quarkus-resteasy-reactive-kotlin-serialization',
      'io.quarkus:quarkus-reactive-routes', 'io.quarkus:quarkus-undertow', 'io.quarkus:quarkus-vertx-http'
    ],
    imports: ['io.quarkus.runtime', 'io.quarkus.vertx.web', 'org.jboss.resteasy.reactive'],
    like: 'jaxrs'
  },
  micronaut: {
    name: 'Micronaut',
    ecosystem: 'java',
    packages: ['io.micronaut:micronaut-http-server-netty', 'io.micronaut:micronaut-http-server', 'io.micronaut.servlet:micronaut-http-server-jetty', 'io.micronaut.servlet:micronaut-http-server-tomcat', 'io.micronaut.servlet:micronaut-http-server-undertow', 'io.micronaut.servlet:micronaut-servlet-engine'],
    imports: ['io.micronaut.http.annotation']
  },
  ktor: {
    name: 'Ktor',
    ecosystem: 'java',
    packages: ['io.ktor:ktor-server-core*', 'io.ktor:ktor-server-netty*', 'io.ktor:ktor-server-cio*', 'io.ktor:ktor-server-jetty*', 'io.ktor:ktor-server-tomcat*'],
    imports: ['io.ktor.server.application', 'io.ktor.server.routing', 'io.ktor.server.engine']
  },
  javalin: { name: 'Javalin', ecosystem: 'java', packages: ['io.javalin:javalin', 'io.javalin:javalin-bundle'], imports: ['io.javalin'] },
  // Dropwizard serves Jersey (JAX-RS) resources plus an admin connector (`/healthcheck`).
  dropwizard: { name: 'Dropwizard', ecosystem: 'java', packages: ['io.dropwizard:dropwizard-core'], imports: ['io.dropwizard.core', 'io.dropwizard.Application'], like: 'jaxrs' },
  helidon: {
    name: 'Helidon',
    ecosystem: 'java',
    packages: ['io.helidon.webserver:helidon-webserver', 'io.helidon.microprofile.bundles:helidon-microprofile', 'io.helidon.microprofile.bundles:helidon-microprofile-core', 'io.helidon.microprofile.server:helidon-microprofile-server'],
    imports: ['io.helidon.webserver', 'io.helidon.microprofile.server']
  },
  vertx: { name: 'Vert.x Web', ecosystem: 'java', packages: ['io.vertx:vertx-web'], imports: ['io.vertx.ext.web', 'io.vertx.reactivex.ext.web', 'io.vertx.rxjava3.ext.web', 'io.vertx.mutiny.ext.web'] },
  // Jakarta REST / JAX-RS on Jersey, RESTEasy or an application server. The bare API artifacts
  // (`jakarta.ws.rs-api`) are shared with REST clients: only imports next to a `@Path(` count.
  jaxrs: {
    name: 'Jakarta REST (JAX-RS)',
    ecosystem: 'java',
    packages: [
      'org.glassfish.jersey.core:jersey-server', 'org.glassfish.jersey.containers:*', 'org.jboss.resteasy:resteasy-core', 'org.jboss.resteasy:resteasy-jaxrs', 'org.jboss.resteasy:resteasy-undertow',
      'org.apache.cxf:cxf-rt-frontend-jaxrs', 'jakarta.platform:jakarta.jakartaee-api', 'jakarta.platform:jakarta.jakartaee-web-api', 'jakarta.platform:jakarta.jakartaee-core-api', 'org.eclipse.microprofile:microprofile'
    ],
    imports: ['jakarta.ws.rs', 'javax.ws.rs'],
    alsoContains: ['@Path(']
  },
  rails: { name: 'Rails', ecosystem: 'ruby', packages: ['rails', 'railties', 'actionpack'], imports: ['rails', 'rails/all', 'action_controller/railtie'] },
  // ---- Ruby beyond Rails. Routes: routes/ruby-apps.ts (one block walker for the four DSLs, with
  // Rack mounts from config.ru and Rails `mount`). Rails comes first: Grape mounted in a Rails app
  // gets the Rails fixes. Traps: `rack` alone is every Ruby web gem's dependency (no signal);
  // `hanami-router`/`hanami-api` are the routing parts of Hanami, used on their own too;
  // `sinatra-contrib` always comes with `sinatra` itself.
  grape: { name: 'Grape', ecosystem: 'ruby', packages: ['grape'], imports: ['grape'] },
  hanami: { name: 'Hanami', ecosystem: 'ruby', packages: ['hanami', 'hanami-router', 'hanami-api'], imports: ['hanami', 'hanami/api', 'hanami/router'] },
  roda: { name: 'Roda', ecosystem: 'ruby', packages: ['roda'], imports: ['roda'] },
  sinatra: { name: 'Sinatra', ecosystem: 'ruby', packages: ['sinatra'], imports: ['sinatra'] },
  // PHP. Routes: routes/laravel.ts (call-and-closure routers) and routes/symfony.ts. API Platform
  // runs on Symfony or Laravel, which are recognised themselves. Trap: `illuminate/*` components
  // (the database or queue package alone in a Symfony app or a library) are not Laravel.
  laravel: { name: 'Laravel', ecosystem: 'php', packages: ['laravel/framework'], imports: ['Illuminate\\Support\\Facades\\Route', 'Illuminate\\Foundation\\Application'] },
  lumen: { name: 'Lumen', ecosystem: 'php', packages: ['laravel/lumen-framework'], imports: ['Laravel\\Lumen'], like: 'laravel' },
  symfony: { name: 'Symfony', ecosystem: 'php', packages: ['symfony/framework-bundle'], imports: ['Symfony\\Component\\Routing\\Attribute\\Route', 'Symfony\\Component\\Routing\\Annotation\\Route', 'Symfony\\Bundle\\FrameworkBundle'] },
  slim: { name: 'Slim', ecosystem: 'php', packages: ['slim/slim'], imports: ['Slim\\Factory\\AppFactory', 'Slim\\App'] },
  mezzio: { name: 'Mezzio', ecosystem: 'php', packages: ['mezzio/mezzio'], imports: ['Mezzio\\Application'], like: 'slim' },
  codeigniter: { name: 'CodeIgniter', ecosystem: 'php', packages: ['codeigniter4/framework'], imports: ['CodeIgniter\\Router\\RouteCollection'] },
  cakephp: { name: 'CakePHP', ecosystem: 'php', packages: ['cakephp/cakephp'], imports: ['Cake\\Routing\\RouteBuilder'] },
  // Elixir. Phoenix first: a Phoenix app also runs Plug and often declares bandit. A bare Plug
  // service declares a server adapter (plug_cowboy, bandit) and routes with Plug.Router; the
  // `plug` package alone is a library dependency of many non-services, so it is no signal.
  phoenix: { name: 'Phoenix', ecosystem: 'elixir', packages: ['phoenix'], imports: ['Phoenix.Router', 'Phoenix.Endpoint'] },
  plug: { name: 'Plug', ecosystem: 'elixir', packages: ['plug_cowboy', 'bandit'], imports: ['Plug.Router'] },
  // Rust. Crates are imported with `_` for `-` (`actix_web`). aide and utoipa-axum build on axum;
  // poem-openapi on poem; loco's `Routes` on axum (it serves `/_ping` and `/_health` itself).
  // Trap: hyper, reqwest, tonic and tower are clients or lower layers, not routing frameworks.
  axum: { name: 'axum', ecosystem: 'rust', packages: ['axum'], imports: ['axum'] },
  'actix-web': { name: 'actix-web', ecosystem: 'rust', packages: ['actix-web'], imports: ['actix_web'] },
  rocket: { name: 'Rocket', ecosystem: 'rust', packages: ['rocket'], imports: ['rocket'] },
  warp: { name: 'warp', ecosystem: 'rust', packages: ['warp'], imports: ['warp'] },
  poem: { name: 'poem', ecosystem: 'rust', packages: ['poem', 'poem-openapi'], imports: ['poem', 'poem_openapi'] },
  tide: { name: 'tide', ecosystem: 'rust', packages: ['tide'], imports: ['tide'] },
  loco: { name: 'Loco', ecosystem: 'rust', packages: ['loco-rs'], imports: ['loco_rs'], like: 'axum' },
  // .NET: a web project (`<Project Sdk="Microsoft.NET.Sdk.Web">`) is the service; so are the
  // ASP.NET Core 1.x/2.0 metapackages. Trap: `<FrameworkReference Include="Microsoft.AspNetCore.App" />`
  // in a class library (controllers, middleware, health checks shared by services) does not make
  // it a service of its own, so that name is not listed (the 2.1 package of the same name came
  // with the web SDK); a host without the web SDK is still found by its imports.
  aspnetcore: {
    name: 'ASP.NET Core',
    ecosystem: 'dotnet',
    packages: ['Microsoft.NET.Sdk.Web', 'Microsoft.AspNetCore.All', 'Microsoft.AspNetCore'],
    imports: ['Microsoft.AspNetCore.Builder', 'Microsoft.AspNetCore.Mvc', 'Microsoft.AspNetCore.Hosting'],
    alsoContains: ['WebApplication', 'WebHost', 'UseStartup', 'ControllerBase', ': Controller', 'MapGet(', 'UseEndpoints(', 'MapControllers(']
  }
} as const satisfies Record<string, FrameworkInfo>

export type Framework = keyof typeof table

export const FRAMEWORKS: Readonly<Record<Framework, FrameworkInfo>> = table

/** Every framework, in preference order. */
export const FRAMEWORK_IDS: readonly Framework[] = Object.keys(table) as Framework[]

/** The display names of the frameworks used, each once. */
export function frameworkList(fws: readonly { framework: Framework }[]): string {
  return [...new Set(fws.map((f) => FRAMEWORKS[f.framework].name))].join(', ')
}

/**
 * The first snippet that fits the frameworks used, in preference order: the framework's own,
 * else that of the framework it is `like`, else its ecosystem's.
 */
export function snippetFor<T>(fws: readonly Framework[], snippets: Readonly<Partial<Record<string, T>>>): T | undefined {
  for (const fw of FRAMEWORK_IDS) {
    if (!fws.includes(fw)) continue
    const info = FRAMEWORKS[fw]
    const s = snippets[fw] ?? (info.like ? snippets[info.like] : undefined) ?? snippets[info.ecosystem]
    if (s !== undefined) return s
  }
  return undefined
}
