import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { collectService } from '../../../src/facts/service/index.js'
import { apiRoutes, devServer } from '../../../src/facts/service/routes/go-zero.js'
import { sniffYamlSpec } from '../../../src/facts/openapi/parse.js'
import type { ServiceFacts } from '../../../src/facts/service/types.js'

function scan(files: Record<string, string>): ServiceFacts {
  const snap = new MemorySnapshot(files)
  return collectService(snap, collectManifests(snap))
}
const routes = (s: ServiceFacts): string[] => s.routes.map((r) => `${r.methods.join('/')} ${r.path} ${r.file}:${r.line}`).sort()
const gomod = (...requires: string[]): string => ['module example.com/svc', '', 'go 1.22', '', 'require (', ...requires.map((r) => `\t${r} v1.2.3`), ')'].join('\n')
const go = (...lines: string[]): string => lines.join('\n')

describe('Go frameworks beyond the router call', () => {
  it('reads a net/http dispatcher: an if/else-if chain and a switch on r.URL.Path, with constants', () => {
    const s = scan({
      'go.mod': gomod(),
      'server/server.go': go(
        'package server',
        'import "net/http"',
        'const (',
        '\tapiHealthPath = "/v1/health"',
        '\tapiStatsPath  = "/v1/stats"',
        ')',
        'func (s *Server) Run() error { return http.ListenAndServe(":80", s) }',
        'func (s *Server) handle(w http.ResponseWriter, r *http.Request) error {',
        '\tif r.Method == http.MethodGet && r.URL.Path == apiHealthPath {',
        '\t\treturn s.handleHealth(w, r)',
        '\t} else if (r.Method == http.MethodPut || r.Method == http.MethodPost) && r.URL.Path == apiStatsPath {',
        '\t\treturn s.handleStats(w, r)',
        '\t}',
        '\tswitch r.URL.Path {',
        '\tcase "/livez", "/readyz":',
        '\t\treturn nil',
        '\t}',
        '\treturn nil',
        '}'
      )
    })
    expect(s.frameworks.map((f) => f.framework)).toEqual(['go-net-http'])
    expect(routes(s)).toEqual(['ANY /livez server/server.go:15', 'ANY /readyz server/server.go:15', 'GET /v1/health server/server.go:9', 'PUT/POST /v1/stats server/server.go:11'])
  })

  it('reads method-first registration calls, and never a request builder of the same shape', () => {
    const s = scan({
      'go.mod': gomod('github.com/gin-gonic/gin'),
      'health/health.go': go(
        'package health',
        'import "net/http"',
        'const LivePath = "/livez"',
        'func (m *Module) Route(attachHandler func(method string, path string, f ...gin.HandlerFunc) gin.IRoutes) {',
        '\tattachHandler(http.MethodGet, LivePath, m.LiveGETRequest)',
        '\tattachHandler(http.MethodHead, LivePath, m.LiveHEADRequest)',
        '}',
        'func call() { req, _ := http.NewRequest("GET", "/not-a-route", nil); _ = req }'
      )
    })
    expect(routes(s)).toEqual(['GET /livez health/health.go:5', 'HEAD /livez health/health.go:6'])
  })

  it('knows Beego routers, verbs and nested namespaces', () => {
    const s = scan({
      'go.mod': gomod('github.com/beego/beego/v2'),
      'routers/router.go': go(
        'package routers',
        'import "github.com/beego/beego/v2/server/web"',
        'func init() {',
        '\tweb.Router("/api/health", &controllers.ApiController{}, "GET:Health")',
        '\tweb.Router("/api/user", &controllers.ApiController{}, "get,post:User;delete:Remove")',
        '\tweb.Get("/ping", ping)',
        '\tns := web.NewNamespace("/v1",',
        '\t\tweb.NSRouter("/users", &controllers.UserController{}, "get:List"),',
        '\t\tweb.NSNamespace("/admin",',
        '\t\t\tweb.NSGet("/stats", stats),',
        '\t\t),',
        '\t\tweb.NSRouter("/orders", &controllers.OrderController{}),',
        '\t)',
        '\tweb.AddNamespace(ns)',
        '}'
      )
    })
    expect(s.frameworks.map((f) => f.framework)).toEqual(['beego'])
    expect(routes(s)).toEqual([
      'ANY /v1/orders routers/router.go:12',
      'GET /api/health routers/router.go:4',
      'GET /ping routers/router.go:6',
      'GET /v1/admin/stats routers/router.go:10',
      'GET /v1/users routers/router.go:8',
      'GET/POST/DELETE /api/user routers/router.go:5'
    ])
  })

  it('knows go-zero: the generated AddRoutes table with its prefix; .api files only without it; the DevServer health route', () => {
    const generated = scan({
      'go.mod': gomod('github.com/zeromicro/go-zero'),
      'api/core.go': go('package main', 'import "github.com/zeromicro/go-zero/rest"', 'func main() { server := rest.MustNewServer(c.RestConf) }'),
      'api/internal/handler/routes.go': go(
        'package handler',
        'import "github.com/zeromicro/go-zero/rest"',
        'func RegisterHandlers(server *rest.Server, serverCtx *svc.ServiceContext) {',
        '\tserver.AddRoutes(',
        '\t\t[]rest.Route{',
        '\t\t\t{',
        '\t\t\t\tMethod:  http.MethodGet,',
        '\t\t\t\tPath:    "/user/info",',
        '\t\t\t\tHandler: user.GetUserInfoHandler(serverCtx),',
        '\t\t\t},',
        '\t\t},',
        '\t\trest.WithJwt(serverCtx.Config.Auth.AccessSecret),',
        '\t\trest.WithPrefix("/v1"),',
        '\t)',
        '\tserver.AddRoutes([]rest.Route{{Method: http.MethodPost, Path: "/login", Handler: h}})',
        '}'
      ),
      'api/desc/user.api': go('service Core {', '\t@handler info', '\tget /user/info returns (Resp)', '}'),
      'api/etc/core.yaml': go('Name: core.api', 'Port: 9100', 'DevServer:', '  Enabled: true', '  Port: 6470', '  HealthPath: "/ping"')
    })
    expect(generated.frameworks.map((f) => f.framework)).toEqual(['go-zero'])
    expect(routes(generated)).toEqual(['GET /v1/user/info api/internal/handler/routes.go:8', 'POST /login api/internal/handler/routes.go:15'])
    expect(generated.healthLibraries).toMatchObject([{ name: 'go-zero DevServer (port 6470)', path: 'api/etc/core.yaml', line: 3, routes: ['/ping'] }])
    const api = apiRoutes('a.api', ['@server(', '\tprefix: /v2', '\tgroup: user', ')', 'service Core {', '\t// Log in', '\t@handler login', '\tpost /user/login (LoginReq) returns (LoginResp)', '}', 'service Other {', '\tget /free', '}'])
    expect(api.map((r) => `${r.methods[0]} ${r.path} ${r.handler ?? ''} ${r.line}`)).toEqual(['POST /v2/user/login login 8', 'GET /free  11'])
    expect(devServer('etc/x.yaml', ['DevServer:', '  Enabled: false'])).toBeUndefined()
    expect(devServer('etc/x.yaml', ['Prometheus:', '  Port: 4000'])).toBeUndefined()
    expect(devServer('etc/x.yaml', ['DevServer:', '  Enabled: true'])?.routes).toEqual(['/healthz'])
  })

  it('takes go-zero routes from .api files when goctl output is not committed', () => {
    const s = scan({
      'go.mod': gomod('github.com/zeromicro/go-zero'),
      'main.go': go('package main', 'import "github.com/zeromicro/go-zero/rest"', 'func main() { rest.MustNewServer(c) }'),
      'desc/all.api': go('@server(', '    prefix: /api', ')', 'service Core {', '    @handler health', '    get /healthz', '}')
    })
    expect(routes(s)).toEqual(['GET /api/healthz desc/all.api:6'])
  })

  it('knows grpc-gateway (WithHealthzEndpoint under an import alias, HandlePath) and Huma operations', () => {
    const gw = scan({
      'go.mod': gomod('github.com/grpc-ecosystem/grpc-gateway/v2'),
      'cmd/run.go': go(
        'package cmd',
        'import grpc_runtime "github.com/grpc-ecosystem/grpc-gateway/v2/runtime"',
        'func run() {',
        '\tmux := grpc_runtime.NewServeMux(',
        '\t\tgrpc_runtime.WithHealthzEndpoint(healthpb.NewHealthClient(conn)),',
        '\t)',
        '\t_ = mux.HandlePath("GET", "/playground", playground)',
        '}'
      )
    })
    expect(gw.frameworks.map((f) => f.framework)).toEqual(['grpc-gateway'])
    expect(routes(gw)).toEqual(['GET /healthz cmd/run.go:5', 'GET /playground cmd/run.go:7'])
    const huma = scan({
      'go.mod': gomod('github.com/danielgtaylor/huma/v2'),
      'main.go': go(
        'package main',
        'import "github.com/danielgtaylor/huma/v2"',
        'func main() {',
        '\thuma.Get(api, "/greeting/{name}", greet)',
        '\thuma.Register(api, huma.Operation{',
        '\t\tOperationID: "health",',
        '\t\tMethod:      http.MethodGet,',
        '\t\tPath:        "/healthz",',
        '\t}, health)',
        '}'
      )
    })
    expect(routes(huma)).toEqual(['GET /greeting/{name} main.go:4', 'GET /healthz main.go:8'])
  })

  it('reads fluent route builders (Methods(...).Path(...).Handler(...))', () => {
    const s = scan({
      'go.mod': gomod('github.com/gorilla/mux'),
      'route.go': go('package server', 'func routes(r *mux.Router) {', '\trouter.NewRoute().Method(http.MethodGet).Path("/api/version").HandlerFunc(GetAPIVersion)', '\tr.Methods("GET", "HEAD").Path("/_ping").Handler(ping)', '}')
    })
    expect(routes(s)).toEqual(['GET /api/version route.go:3', 'GET/HEAD /_ping route.go:4'])
  })

  it('finds a swagger YAML whose keys are sorted (go-swagger writes swagger: "2.0" last)', () => {
    expect(sniffYamlSpec('basePath: /\npaths:\n  /x: {}\nswagger: "2.0"\n')).toEqual({ kind: 'swagger', version: '2.0', format: 'yaml' })
    expect(sniffYamlSpec('info:\n  swagger: "2.0"\n')).toBeUndefined()
    expect(sniffYamlSpec('openapi: 2.5\n')).toBeUndefined()
  })
})
