import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { collectService } from '../../../src/facts/service/index.js'
import type { ServiceFacts } from '../../../src/facts/service/types.js'
import { manifestsOf } from './fixtures.js'

function scan(files: Record<string, string>, deps: Record<string, readonly string[]>): ServiceFacts {
  return collectService(new MemorySnapshot(files), manifestsOf(deps))
}

function paths(s: ServiceFacts): string[] {
  return s.routes.map((r) => r.path).sort()
}

describe('Django + DRF', () => {
  const files = {
    'requirements.txt': 'django\ndjangorestframework\n',
    'proj/settings.py': 'ROOT_URLCONF = "proj.urls"\nINSTALLED_APPS = ["health_check", "health_check.db"]\n',
    'proj/urls.py': [
      'from django.urls import include, path, re_path',
      'from rest_framework.routers import DefaultRouter',
      'from users import views',
      'router = DefaultRouter()',
      'router.register(r"users", views.UserViewSet)',
      'urlpatterns = [',
      '    path("api/v1/", include("api.urls")),',
      '    path("api/", include(router.urls)),',
      '    path("ht/", include("health_check.urls")),',
      '    re_path(r"^ping/?$", views.ping),',
      ']'
    ].join('\n'),
    'api/urls.py': ['from django.urls import path', 'from . import views', 'urlpatterns = [', '    path("health/", views.health),', '    path(', '        "orders/<int:pk>/",', '        views.order,', '    ),', ']'].join('\n'),
    'api/views.py': ['from django.db import connection', 'def health(request):', '    connection.ensure_connection()', '    return JsonResponse({})', 'def order(request, pk):', '    return None'].join('\n'),
    'users/views.py': 'def ping(request):\n    return HttpResponse("pong")\n'
  }
  it('resolves include() chains, DRF routers and health_check', () => {
    const s = scan(files, { 'requirements.txt': ['django', 'djangorestframework'] })
    expect(paths(s)).toEqual(['/api/users', '/api/users/{pk}/', '/api/v1/health/', '/api/v1/orders/<int:pk>/', '/ht/', '/ping/'])
    const health = s.routes.find((r) => r.path === '/api/v1/health/')!
    expect(health).toMatchObject({ file: 'api/urls.py', line: 4, handler: 'views.health' })
    expect(health.touches).toEqual([{ token: 'ensure_connection', file: 'api/views.py', line: 3 }])
    expect(s.routes.find((r) => r.path === '/api/v1/orders/<int:pk>/')!.line).toBe(5)
    expect(s.routes.find((r) => r.path === '/ht/')).toMatchObject({ library: 'django-health-check', line: 9 })
    expect(s.healthLibraries.find((l) => l.name === 'django-health-check')?.routes).toEqual(['/ht/'])
  })

  it('mounts a module-level list included from the same URLconf under each include prefix only (healthchecks api_urls)', () => {
    const s = scan(
      {
        'requirements.txt': 'django\n',
        'hc/settings.py': 'ROOT_URLCONF = "hc.urls"\n',
        'hc/urls.py': [
          'from django.urls import include, path',
          'from hc import views',
          'api_urls = [',
          '    path("status/", views.status),',
          '    path("checks/", views.checks),',
          ']',
          'extra = [path("about/", views.about)]',
          'urlpatterns = [',
          '    path("api/v1/", include(api_urls)),',
          '    path("api/v3/", include(api_urls)),',
          '    path("", views.index),',
          ']',
          'urlpatterns += extra',
          ''
        ].join('\n')
      },
      { 'requirements.txt': ['django'] }
    )
    // `extra` is joined into urlpatterns: its routes stay at the root.
    expect(paths(s)).toEqual(['/', '/about/', '/api/v1/checks/', '/api/v1/status/', '/api/v3/checks/', '/api/v3/status/'])
  })
})

describe('Flask', () => {
  it('uses register_blueprint url_prefix over the blueprint own prefix, across modules', () => {
    const s = scan(
      {
        'app/__init__.py': ['from flask import Flask', 'from .api import bp as api_bp', 'from app.admin import admin', 'app = Flask(__name__)', 'app.register_blueprint(api_bp, url_prefix="/api/v2")', 'app.register_blueprint(admin)', '@app.route("/healthz")', 'def hz():', '    return "ok"'].join('\n'),
        'app/api.py': ['from flask import Blueprint', 'bp = Blueprint("api", __name__, url_prefix="/api/v1")', '@bp.get("/items")', 'def items():', '    return []'].join('\n'),
        'app/admin.py': ['from flask import Blueprint', 'admin = Blueprint("admin", __name__, url_prefix="/admin")', '@admin.route("/status", methods=["GET", "POST"])', 'def st():', '    db.session.execute("SELECT 1")'].join('\n')
      },
      { 'requirements.txt': ['flask'] }
    )
    expect(paths(s)).toEqual(['/admin/status', '/api/v2/items', '/healthz'])
    expect(s.routes.find((r) => r.path === '/admin/status')).toMatchObject({ methods: ['GET', 'POST'], file: 'app/admin.py', line: 3 })
  })
})

describe('health-check wrappers', () => {
  it('finds a function named for health called with a health path (an ASGI wrapper, a middleware factory), and nothing else', () => {
    const s = scan(
      {
        'requirements.txt': 'django\n',
        'proj/asgi/__init__.py': ['from django.core.asgi import get_asgi_application', 'from .health_check import health_check', 'application = get_asgi_application()', 'application = health_check(application, "/health/")'].join('\n'),
        'proj/asgi/health_check.py': ['def health_check(application, health_url="/health/"):', '    async def wrapper(scope, receive, send):', '        if scope.get("path") != health_url:', '            return await application(scope, receive, send)'].join('\n'),
        'proj/other.py': ['# health_check(application, "/health/")', 'report_health(app, "/metrics")', 'check(app, "/health")', 'client.get("/health")'].join('\n'),
        'web/server.js': ["const express = require('express')", 'const app = express()', "app.use(healthcheck('/healthz'))"].join('\n')
      },
      { 'requirements.txt': ['django'], 'package.json': ['express'] }
    )
    expect(s.healthLibraries.map((l) => [l.name, l.path, l.line, l.routes])).toEqual([
      ['health_check (health-check wrapper)', 'proj/asgi/__init__.py', 4, ['/health/']],
      ['healthcheck (health-check wrapper)', 'web/server.js', 3, ['/healthz']]
    ])
  })
})

describe('Express / Fastify', () => {
  it('follows app.use with routers imported from other files', () => {
    const s = scan(
      {
        'src/app.js': ["const express = require('express')", "const users = require('./routes/users')", "import health from './routes/health.js'", 'const app = express()', "app.use('/api/users', users)", "app.use('/internal', health)", "app.use('/api-docs', swaggerUi.serve, swaggerUi.setup(spec))", "const client = axios.create()", "client.get('/not-a-route')"].join('\n'),
        'src/routes/users.js': ["const router = require('express').Router()", "router.get('/:id', (req, res) => res.json({}))", 'module.exports = router'].join('\n'),
        'src/routes/health.ts': ["import { Router } from 'express'", 'const r = Router()', "r.get('/healthz', async (req, res) => {", "  await prisma.$queryRaw`SELECT 1`", '  res.send()', '})', 'export default r'].join('\n')
      },
      { 'package.json': ['express'] }
    )
    expect(paths(s)).toEqual(['/api-docs', '/api/users/:id', '/internal/healthz'])
    expect(s.routes.find((r) => r.path === '/internal/healthz')!.touches).toEqual([{ token: 'SELECT 1', file: 'src/routes/health.ts', line: 4 }])
  })

  it('mounts route tables looped over with forEach or for…of, and keeps reference handlers', () => {
    const s = scan(
      {
        'src/app.js': ["const express = require('express')", "const routes = require('./routes/v1')", 'const app = express()', "app.use('/v1', routes)"].join('\n'),
        'src/routes/v1/index.js': [
          "const express = require('express')",
          "const authRoute = require('./auth.route')",
          "const docsRoute = require('./docs.route')",
          "const adminRoute = require('./admin.route')",
          'const router = express.Router()',
          'const defaultRoutes = [',
          '  {',
          "    path: '/auth',",
          '    route: authRoute,',
          '  },',
          '  // routes available only in development',
          "  { path: '/docs', route: docsRoute },",
          "  { path: someVariable, route: authRoute },",
          ']',
          "const extra = [{ path: '/admin', route: adminRoute }]",
          'defaultRoutes.forEach((route) => {',
          '  router.use(route.path, route.route)',
          '})',
          'for (const { path, route } of extra) router.use(path, route)',
          'module.exports = router'
        ].join('\n'),
        'src/routes/v1/auth.route.js': ["const router = require('express').Router()", "router.post('/login', authController.login)", 'module.exports = router'].join('\n'),
        'src/routes/v1/admin.route.js': ["const router = require('express').Router()", "router.get('/stats', (req, res) => res.json({}))", 'module.exports = router'].join('\n'),
        'src/routes/v1/docs.route.js': ["const router = require('express').Router()", "router.use('/', swaggerUi.serve)", "router.get(", "  '/',", '  swaggerUi.setup(specs, { explorer: true })', ')', 'module.exports = router'].join('\n')
      },
      { 'package.json': ['express'] }
    )
    expect([...new Set(paths(s))]).toEqual(['/v1/admin/stats', '/v1/auth/login', '/v1/docs/'])
    expect(s.routes.find((r) => r.path === '/v1/auth/login')!.handler).toBe('authController.login')
    expect(s.routes.find((r) => r.path === '/v1/docs/' && r.methods.includes('GET'))!.handler).toBe('swaggerUi.setup(specs, { explorer: true })')
    expect(s.routes.find((r) => r.path === '/v1/admin/stats')!.handler).toBeUndefined()
  })

  it('reads controller classes: this.route/this.get inside, mounted elsewhere as new X(…).router', () => {
    const s = scan(
      {
        'src/app.ts': ["import express from 'express'", "import IndexRouter from './routes/index.js'", 'const app = express()', "app.use('/', new IndexRouter(config).router)"].join('\n'),
        'src/routes/index.ts': [
          "import Controller from './controller.js'",
          "import { HealthCheckController } from './health-check.js'",
          'class IndexRouter extends Controller {',
          '  constructor(config) {',
          '    super(config)',
          "    this.use('/health', new HealthCheckController(config).router)",
          "    this.get('/version', this.version)",
          '  }',
          '}',
          'export default IndexRouter'
        ].join('\n'),
        'src/routes/health-check.ts': [
          "import type { Request, Response } from 'express'",
          "import Controller from './controller.js'",
          'export class HealthCheckController extends Controller {',
          '  constructor(config) {',
          '    super(config)',
          "    this.route({ method: 'get', path: '', handler: this.getHealth })",
          '  }',
          '}'
        ].join('\n'),
        'src/cache.ts': ["import express from 'express'", 'export class TokenCache extends BaseRouter {', "  lookup() { return this.get('token') }", '}'].join('\n')
      },
      { 'package.json': ['express'] }
    )
    expect(paths(s)).toEqual(['/health', '/version'])
    expect(s.routes.find((r) => r.path === '/health')).toMatchObject({ file: 'src/routes/health-check.ts', line: 6, methods: ['GET'] })
  })

  it('follows fastify.register with a prefix and fastify.route({ url })', () => {
    const s = scan(
      {
        'server.ts': ["import Fastify from 'fastify'", "import routes from './plugins/routes'", 'const app = Fastify()', "app.register(routes, { prefix: '/v1' })", "app.route({ method: 'GET', url: '/ping', handler: async () => 'pong' })"].join('\n'),
        'plugins/routes.ts': ['export default async function routes(fastify, opts) {', "  fastify.get('/health', async () => ({ ok: true }))", '}'].join('\n')
      },
      { 'package.json': ['fastify'] }
    )
    expect(paths(s)).toEqual(['/ping', '/v1/health'])
    expect(s.routes.find((r) => r.path === '/ping')!.methods).toEqual(['GET'])
  })
})

describe('NestJS', () => {
  it('joins controller, method and global prefix, honouring exclude', () => {
    const s = scan(
      {
        'src/main.ts': ["const app = await NestFactory.create(AppModule)", "app.setGlobalPrefix('api', { exclude: ['health'] })"].join('\n'),
        'src/health/health.controller.ts': ["@Controller('health')", 'export class HealthController {', '  @Get()', '  @HealthCheck()', '  check() {', "    return this.health.check([() => this.db.pingCheck('database')])", '  }', '}'].join('\n'),
        'src/users/users.controller.ts': ["@Controller({ path: 'users' })", 'export class UsersController {', "  @Get(':id')", '  one() { return 1 }', '}'].join('\n'),
        'src/app.module.ts': '@Module({ imports: [TerminusModule] })\nexport class AppModule {}\n'
      },
      { 'package.json': ['@nestjs/core'] }
    )
    expect(paths(s)).toEqual(['/api/users/:id', '/health'])
    expect(s.routes.find((r) => r.path === '/health')!.touches!.map((t) => t.token)).toEqual(['pingCheck('])
    expect(s.healthLibraries.map((l) => l.name)).toContain('@nestjs/terminus')
  })
})

describe('Go', () => {
  it('resolves gin groups and chi Route/Mount across functions', () => {
    const gin = scan(
      {
        'go.mod': 'module x',
        'main.go': ['package main', 'import "github.com/gin-gonic/gin"', 'const apiPrefix = "/api"', 'func main() {', '\tr := gin.Default()', '\tv1 := r.Group(apiPrefix + "/v1")', '\tv1.GET("/health", healthHandler)', '\tr.GET("/ping", func(c *gin.Context) { c.String(200, "pong") })', '}', 'func healthHandler(c *gin.Context) {', '\tif err := db.PingContext(c); err != nil {', '\t}', '}'].join('\n')
      },
      { 'go.mod': ['github.com/gin-gonic/gin'] }
    )
    expect(paths(gin)).toEqual(['/api/v1/health', '/ping'])
    expect(gin.routes.find((r) => r.path === '/api/v1/health')!.touches!.map((t) => t.token)).toEqual(['PingContext('])
    const chi = scan(
      {
        'go.mod': 'module x',
        'cmd/main.go': ['package main', 'func main() {', '\tr := chi.NewRouter()', '\tr.Use(middleware.Heartbeat("/ping"))', '\tr.Route("/api", func(r chi.Router) {', '\t\tr.Get("/users", listUsers)', '\t})', '\tr.Mount("/admin", admin.Routes())', '\thttp.HandleFunc("GET /healthz", hz)', '}'].join('\n'),
        'admin/routes.go': ['package admin', 'func Routes() chi.Router {', '\tr := chi.NewRouter()', '\tr.Get("/stats", stats)', '\treturn r', '}'].join('\n')
      },
      { 'go.mod': ['github.com/go-chi/chi/v5'] }
    )
    expect(paths(chi)).toEqual(['/admin/stats', '/api/users', '/healthz', '/ping'])
    expect(chi.routes.find((r) => r.path === '/healthz')!.methods).toEqual(['GET'])
  })

  it('reads gin Match (methods first) and a route whose whole path is its group prefix', () => {
    const s = scan(
      {
        'go.mod': 'module x',
        'router.go': ['package router', 'import "github.com/gin-gonic/gin"', 'func New() *gin.Engine {', '\tg := gin.New()', '\tg.Match([]string{"GET", "HEAD"}, "/health", healthHandler.Health)', '\tapi := g.Group("/api")', '\tstatus := api.Group("/status")', '\tstatus.GET("", statusHandler)', '\tapi.GET("", index)', '\tg.GET("", root)', '\treturn g', '}'].join('\n')
      },
      { 'go.mod': ['github.com/gin-gonic/gin'] }
    )
    // A bare g.GET("") has no group prefix: not read as a route.
    expect(paths(s)).toEqual(['/api', '/api/status', '/health'])
    expect(s.routes.find((r) => r.path === '/health')!.methods).toEqual(['GET', 'HEAD'])
    expect(s.routes.find((r) => r.path === '/health')!.handler).toBe('healthHandler.Health')
  })

  it('knows go-pkgz/rest Ping middleware serves /ping', () => {
    const s = scan(
      {
        'go.mod': 'module x',
        'app/server.go': ['package app', 'import "github.com/go-pkgz/rest"', 'func (s *Server) routes() chi.Router {', '	router := chi.NewRouter()', '	router.Use(rest.Ping)', '	router.Get("/api/v1/find", s.find)', '	return router', '}'].join('\n')
      },
      { 'go.mod': ['github.com/go-chi/chi/v5', 'github.com/go-pkgz/rest'] }
    )
    expect(paths(s)).toEqual(['/api/v1/find', '/ping'])
    expect(s.healthLibraries).toMatchObject([{ name: 'go-pkgz/rest Ping', path: 'app/server.go', line: 5, routes: ['/ping'] }])
  })

  it('knows Kratos, whose HTTP routes are generated from protobuf into *_http.pb.go', () => {
    const s = scan(
      {
        'go.mod': 'module x',
        'internal/server/http.go': ['package server', 'import "github.com/go-kratos/kratos/v2/transport/http"', 'func NewHTTPServer() *http.Server {', '\tsrv := http.NewServer()', '\treturn srv', '}'].join('\n'),
        'api/helloworld/v1/greeter_http.pb.go': ['package v1', 'import http "github.com/go-kratos/kratos/v2/transport/http"', 'func RegisterGreeterHTTPServer(s *http.Server, srv GreeterHTTPServer) {', '\tr := s.Route("/")', '\tr.GET("/helloworld/{name}", _Greeter_SayHello0_HTTP_Handler(srv))', '}'].join('\n')
      },
      { 'go.mod': ['github.com/go-kratos/kratos/v2'] }
    )
    expect(s.frameworks.map((f) => f.framework)).toEqual(['kratos'])
    expect(paths(s)).toEqual(['/helloworld/{name}'])
  })

  it("counts the grpc.health.v1 service Kratos's gRPC server registers, but not grpc-go's own NewServer or CustomHealth()", () => {
    const kratos = ['package server', 'import (', '\t"github.com/go-kratos/kratos/v2/middleware/recovery"', '\t"github.com/go-kratos/kratos/v2/transport/grpc"', ')', 'func NewGRPCServer() *grpc.Server {', '\tsrv := grpc.NewServer(grpc.Middleware(recovery.Recovery()))', '\treturn srv', '}'].join('\n')
    const s = scan({ 'go.mod': 'module x', 'internal/server/grpc.go': kratos }, { 'go.mod': ['github.com/go-kratos/kratos/v2'] })
    expect(s.healthLibraries).toMatchObject([{ name: 'Kratos gRPC server (grpc.health.v1)', path: 'internal/server/grpc.go', line: 7, routes: [] }])
    const aliased = scan({ 'go.mod': 'module x', 'srv.go': ['package srv', 'import kgrpc "github.com/go-kratos/kratos/v2/transport/grpc"', 'func New() { _ = kgrpc.NewServer() }'].join('\n') }, { 'go.mod': ['github.com/go-kratos/kratos/v2'] })
    expect(aliased.healthLibraries.map((l) => l.line)).toEqual([3])
    const plain = scan({ 'go.mod': 'module x', 'srv.go': ['package srv', 'import "google.golang.org/grpc"', 'func New() { _ = grpc.NewServer() }'].join('\n') }, { 'go.mod': ['github.com/go-kratos/kratos/v2'] })
    expect(plain.healthLibraries).toEqual([])
    const custom = scan({ 'go.mod': 'module x', 'internal/server/grpc.go': kratos.replace('grpc.Middleware(', 'grpc.CustomHealth(), grpc.Middleware(') }, { 'go.mod': ['github.com/go-kratos/kratos/v2'] })
    expect(custom.healthLibraries).toEqual([])
  })

  it('finds health middleware under an import alias, and not under another package of the same member name', () => {
    const s = scan(
      {
        'go.mod': 'module x',
        'app/server.go': [
          'package app',
          'import (',
          '\tR "github.com/go-pkgz/rest"',
          '\tmw "github.com/go-chi/chi/v5/middleware"',
          '\tother "example.com/ping"',
          ')',
          'func (s *Server) routes() chi.Router {',
          '\trouter := chi.NewRouter()',
          '\trouter.Use(R.Ping, other.Ping)',
          '\trouter.Use(mw.Heartbeat("/health"))',
          '\treturn router',
          '}'
        ].join('\n'),
        'app/noise.go': ['package app', 'import R "example.com/rest"', 'func f() { router.Use(R.Ping) }'].join('\n')
      },
      { 'go.mod': ['github.com/go-chi/chi/v5', 'github.com/go-pkgz/rest'] }
    )
    expect(paths(s)).toEqual(['/health', '/ping'])
    expect(s.healthLibraries).toMatchObject([
      { name: 'go-pkgz/rest Ping', path: 'app/server.go', line: 9, routes: ['/ping'] },
      { name: 'chi middleware.Heartbeat', path: 'app/server.go', line: 10, routes: ['/health'] }
    ])
  })
})

describe('Spring', () => {
  it('joins class and method mappings and derives Actuator routes from config', () => {
    const s = scan(
      {
        'pom.xml': '<project/>',
        'src/main/java/x/UserController.java': ['@RestController', '@RequestMapping("/api/users")', 'public class UserController {', '  @GetMapping("/{id}")', '  public User one() { return null; }', '  @GetMapping', '  public List<User> all() { return null; }', '}'].join('\n'),
        'src/main/resources/application.yml': ['management:', '  endpoints:', '    web:', '      base-path: /manage', '      exposure:', '        include: health,info'].join('\n')
      },
      { 'pom.xml': ['org.springframework.boot:spring-boot-starter-web', 'org.springframework.boot:spring-boot-starter-actuator', 'org.springframework.boot:spring-boot-starter-data-jpa'] }
    )
    expect(paths(s)).toEqual(['/api/users', '/api/users/{id}', '/manage/health'])
    expect(s.actuator).toMatchObject({ basePath: '/manage', healthExposed: true })
    expect(s.routes.find((r) => r.path === '/manage/health')!.touches!.length).toBe(1)
  })

  it('reads every default-profile document of application.yml, not the first only (jhipster: a comment-only first document)', () => {
    const yml = [
      '# only comments before the first separator',
      '---',
      'spring:',
      '  config:',
      '    activate:',
      "      on-profile: '!api-docs'",
      'springdoc:',
      '  api-docs:',
      '    enabled: false',
      '---',
      'management:',
      '  endpoints:',
      '    web:',
      '      base-path: /management',
      '---',
      'spring:',
      '  config:',
      '    activate:',
      '      on-profile: dev',
      'management:',
      '  endpoints:',
      '    web:',
      '      base-path: /dev-only',
      ''
    ].join('\n')
    const s = scan({ 'pom.xml': '<project/>', 'src/main/resources/config/application.yml': yml }, { 'pom.xml': ['org.springframework.boot:spring-boot-starter-web', 'org.springframework.boot:spring-boot-starter-actuator'] })
    expect(paths(s)).toEqual(['/management/health'])
    expect(s.actuator).toMatchObject({ basePath: '/management' })
  })

  it('Actuator with health not exposed gives no health route', () => {
    const s = scan(
      { 'src/main/resources/application.properties': 'management.endpoints.web.exposure.include=info,metrics\n' },
      { 'pom.xml': ['org.springframework.boot:spring-boot-starter-web', 'org.springframework.boot:spring-boot-starter-actuator'] }
    )
    expect(s.actuator?.healthExposed).toBe(false)
    expect(s.routes).toEqual([])
  })
})

describe('Rails', () => {
  it('reads namespaces, scopes, resources and the health controller', () => {
    const s = scan(
      {
        Gemfile: "gem 'rails'",
        'config/routes.rb': ['Rails.application.routes.draw do', '  get "up" => "rails/health#show", as: :rails_health_check', '  namespace :api do', '    scope "/v1" do', '      resources :orders', "      get 'ping', to: 'ping#index'", '    end', '  end', '  mount OkComputer::Engine, at: "/health"', 'end'].join('\n'),
        'app/controllers/api/ping_controller.rb': ['class Api::PingController < ApplicationController', '  def index', '    ActiveRecord::Base.connection.execute("SELECT 1")', '    head :ok', '  end', 'end'].join('\n')
      },
      { Gemfile: ['rails'] }
    )
    expect(paths(s)).toEqual(['/api/v1/orders', '/api/v1/orders/:id', '/api/v1/ping', '/health', '/up'])
    expect(s.routes.find((r) => r.path === '/up')).toMatchObject({ library: 'Rails::HealthController', line: 2 })
    expect(s.routes.find((r) => r.path === '/api/v1/ping')!.touches!.length).toBe(1)
    expect(s.healthLibraries.map((l) => l.name)).toEqual(['okcomputer'])
  })
})

describe('Starlette', () => {
  it('tracks Mount prefixes by bracket depth', () => {
    const s = scan(
      { 'app.py': ['from starlette.applications import Starlette', 'routes = [', '    Route("/", home),', '    Mount("/api", routes=[', '        Route("/health", health),', '    ]),', '    Route("/about", about),', ']', 'app = Starlette(routes=routes)'].join('\n') },
      { 'requirements.txt': ['starlette'] }
    )
    expect(paths(s)).toEqual(['/', '/about', '/api/health'])
  })
})

describe('no framework', () => {
  it('finds no service and reads no sources', () => {
    const s = scan({ 'lib.py': 'import requests\n' }, { 'requirements.txt': ['requests'] })
    expect(s.frameworks).toEqual([])
    expect(s.filesScanned).toBe(0)
  })
})

describe('repositories that are not services on a framework', () => {
  const real = (files: Record<string, string>): ServiceFacts => {
    const snap = new MemorySnapshot(files)
    return collectService(snap, collectManifests(snap))
  }

  it('the framework repository itself publishes the framework package: no service, and says which', () => {
    const drf = real({
      'pyproject.toml': '[build-system]\nrequires = ["setuptools"]\n\n[project]\nname = "djangorestframework"\ndependencies = ["django>=5.2"]\n',
      'rest_framework/__init__.py': 'import django\n',
      'rest_framework/versioning.py': 'from django.urls import path\nurlpatterns = [path("users/", users_list)]\n'
    })
    expect(drf.frameworks).toEqual([])
    expect(drf.publishes).toEqual([{ name: 'djangorestframework', path: 'pyproject.toml', line: 5 }])
    const gin = real({ 'go.mod': 'module github.com/gin-gonic/gin\n\ngo 1.22\n', 'gin.go': 'package gin\nimport "net/http"\nfunc (e *Engine) Run() { http.ListenAndServe(":8080", e) }\n' })
    expect(gin.frameworks).toEqual([])
    expect(gin.publishes).toEqual([{ name: 'github.com/gin-gonic/gin', path: 'go.mod', line: 1 }])
  })

  it('a service named like nothing in the catalogue is still a service', () => {
    const s = real({ 'pyproject.toml': '[project]\nname = "orders-api"\ndependencies = ["fastapi"]\n', 'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' })
    expect(s.frameworks.map((f) => f.framework)).toEqual(['fastapi'])
    expect(s.publishes).toBeUndefined()
  })

  it('a framework only in dev dependencies makes no service unless non-test code imports it', () => {
    const client = real({
      'package.json': '{"name": "orders-client", "dependencies": {"undici": "^6"}, "devDependencies": {"express": "^4"}}',
      'src/client.js': "import { request } from 'undici'\nexport const get = (u) => request(u)\n",
      'test/stub-server.js': "import express from 'express'\nconst app = express()\napp.get('/orders', h)\n"
    })
    expect(client.frameworks).toEqual([])
    const bundled = real({
      'package.json': '{"name": "orders", "devDependencies": {"express": "^4", "esbuild": "^0.27"}}',
      'src/server.js': "import express from 'express'\nconst app = express()\napp.get('/healthz', h)\napp.listen(3000)\n"
    })
    expect(bundled.frameworks).toMatchObject([{ framework: 'express', via: 'import', path: 'src/server.js' }])
  })
})
