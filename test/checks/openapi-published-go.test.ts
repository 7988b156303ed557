import healthEndpoint from '../../src/checks/health-endpoint.js'
import openapiPublished from '../../src/checks/openapi-published.js'
import { checkTester } from '../helpers/check-tester.js'

/**
 * Go idioms of serving the spec: a swaggo UI route below a configured root path, and a static
 * mount of a directory (or file) that holds a committed spec, in each supported call shape.
 */

const go = (...lines: string[]): string => lines.join('\n') + '\n'
const gomod = (...requires: string[]): string => ['module example.com/svc', '', 'go 1.22', '', 'require (', ...requires.map((r) => `\t${r} v1.2.3`), ')', ''].join('\n')
const SWAGGER_JSON = '{"swagger": "2.0", "info": {"title": "Orders", "version": "1"}, "paths": {"/orders": {}}}\n'
const OPENAPI_YAML = 'openapi: 3.0.3\ninfo:\n  title: Orders\n  version: "1"\npaths:\n  /orders: {}\n'
const GIN = { 'go.mod': gomod('github.com/gin-gonic/gin') }
const ECHO = { 'go.mod': gomod('github.com/labstack/echo/v4') }
const BEEGO = { 'go.mod': gomod('github.com/beego/beego/v2'), 'swagger/swagger.json': SWAGGER_JSON, 'swagger/index.html': '<html></html>\n' }
/** A gin main serving one line of routing. */
const ginMain = (...body: string[]): string => go('package main', 'import "github.com/gin-gonic/gin"', 'func main() {', '\tr := gin.Default()', '\tr.GET("/orders", listOrders)', ...body.map((b) => '\t' + b), '\tr.Run()', '}')
const echoMain = (...body: string[]): string => go('package main', 'import "github.com/labstack/echo/v4"', 'func main() {', '\te := echo.New()', '\te.GET("/orders", listOrders)', ...body.map((b) => '\t' + b), '\te.Start(":8080")', '}')
const beegoMain = (...body: string[]): string => go('package main', 'import "github.com/beego/beego/v2/server/web"', 'func main() {', '\tweb.Router("/orders", &OrdersController{}, "get:List")', ...body.map((b) => '\t' + b), '\tweb.Run()', '}')
const netHttpMain = (...body: string[]): string => go('package main', 'import "net/http"', 'func main() {', '\thttp.HandleFunc("/orders", listOrders)', ...body.map((b) => '\t' + b), '\thttp.ListenAndServe(":8080", nil)', '}')

const DOCS_PKG = go('package docs', 'import (', '\t_ "embed"', '\t"github.com/gin-gonic/gin"', ')', '//go:embed spec.json', 'var spec string', 'func Serve(ctx *gin.Context) {', '\tctx.Writer.WriteString(spec)', '}')

checkTester(openapiPublished, {
  pass: [
    {
      name: 'a docs package embedding the committed spec (//go:embed) and a route to its handler',
      facts: { files: { ...GIN, 'docs/spec.json': SWAGGER_JSON, 'docs/swagger.go': DOCS_PKG, 'router/router.go': go('package router', 'import (', '\t"github.com/gin-gonic/gin"', '\t"example.com/svc/docs"', ')', 'func Create() *gin.Engine {', '\tg := gin.New()', '\tg.GET("/orders", listOrders)', '\tg.GET("/swagger", docs.Serve)', '\treturn g', '}') } },
      messageId: 'pass-served',
      data: { served: '/swagger' },
      evidence: [{ path: 'docs/spec.json' }, { path: 'docs/swagger.go', line: 6, message: 'go:embed serves /swagger (docs/spec.json embedded here and written by docs.Serve (router/router.go:9))' }]
    },
    {
      name: 'swaggo UI route below a configured root path, the gin-swagger import aliased',
      facts: {
        files: {
          'go.mod': gomod('github.com/gin-gonic/gin', 'github.com/swaggo/gin-swagger', 'github.com/swaggo/files', 'github.com/swaggo/swag'),
          'cmd/server/main.go': go('package main', '// @title Orders API', '// @version 1.0', 'func main() { router.Load(cfg).Run() }'),
          'server/router.go': go(
            'package router',
            'import (',
            '\t"github.com/gin-gonic/gin"',
            '\tswaggo_files "github.com/swaggo/files"',
            '\tswaggo_gin_swagger "github.com/swaggo/gin-swagger"',
            ')',
            'func Load(cfg *Config) *gin.Engine {',
            '\te := gin.New()',
            '\te.GET("/orders", listOrders)',
            '\tif cfg.EnableSwagger {',
            '\t\te.GET(cfg.Server.RootPath+"/swagger/*any", swaggo_gin_swagger.WrapHandler(swaggo_files.Handler))',
            '\t}',
            '\treturn e',
            '}'
          )
        }
      },
      messageId: 'pass-served',
      data: { spec: 'swaggo generation', served: '…/swagger/*any' },
      evidence: [{ path: 'cmd/server/main.go', line: 2, message: 'below the unresolved prefix cfg.Server.RootPath' }]
    },
    {
      name: 'Beego SetStaticPath of the bee-generated swagger directory, inside a dev-mode if',
      facts: { files: { ...BEEGO, 'main.go': beegoMain('if web.BConfig.RunMode == "dev" {', '\tweb.SetStaticPath("/swagger", "swagger")', '}') } },
      messageId: 'pass-served',
      data: { served: '/swagger/swagger.json' },
      evidence: [{ path: 'swagger/swagger.json' }, { path: 'main.go', line: 6, message: 'Beego SetStaticPath serves /swagger/swagger.json (the directory swagger/ holds swagger/swagger.json; served conditionally: if web.BConfig.RunMode == "dev" {)' }]
    },
    {
      name: 'Beego v1 beego.SetStaticPath, unconditional',
      facts: { files: { ...BEEGO, 'main.go': go('package main', 'import "github.com/astaxie/beego"', 'func main() {', '\tbeego.Router("/orders", &OrdersController{})', '\tbeego.SetStaticPath("/api-docs", "./swagger/")', '\tbeego.Run()', '}') } },
      messageId: 'pass-served',
      data: { served: '/api-docs/swagger.json' }
    },
    { name: 'gin Static of a docs directory', facts: { files: { ...GIN, 'docs/openapi.yaml': OPENAPI_YAML, 'main.go': ginMain('r.Static("/docs", "./docs")') } }, messageId: 'pass-served', data: { served: '/docs/openapi.yaml' } },
    { name: 'gin StaticFS over http.Dir', facts: { files: { ...GIN, 'api/schema/openapi.yaml': OPENAPI_YAML, 'main.go': ginMain('r.StaticFS("/schema", http.Dir("api/schema"))') } }, messageId: 'pass-served', data: { served: '/schema/openapi.yaml' } },
    { name: 'gin StaticFS over gin.Dir, below an unresolved prefix', facts: { files: { ...GIN, 'api/openapi.yaml': OPENAPI_YAML, 'main.go': ginMain('r.StaticFS(cfg.Base+"/api", gin.Dir("./api", false))') } }, messageId: 'pass-served', data: { served: '…/api/openapi.yaml' } },
    { name: 'gin StaticFile of the spec itself', facts: { files: { ...GIN, 'api/openapi.yaml': OPENAPI_YAML, 'main.go': ginMain('r.StaticFile("/openapi.yaml", "./api/openapi.yaml")') } }, messageId: 'pass-served', data: { served: '/openapi.yaml' } },
    { name: 'echo Static of a directory', facts: { files: { ...ECHO, 'public/swagger.json': SWAGGER_JSON, 'main.go': echoMain('e.Static("/", "public")') } }, messageId: 'pass-served', data: { served: '/swagger.json' } },
    { name: 'echo File of the spec', facts: { files: { ...ECHO, 'openapi.yaml': OPENAPI_YAML, 'main.go': echoMain('e.File("/api/openapi.yaml", "openapi.yaml")') } }, messageId: 'pass-served', data: { served: '/api/openapi.yaml' } },
    {
      name: 'fiber Static of a directory',
      facts: { files: { 'go.mod': gomod('github.com/gofiber/fiber/v2'), 'docs/swagger.yaml': 'swagger: "2.0"\ninfo:\n  title: Orders\n  version: "1"\npaths: {}\n', 'main.go': go('package main', 'import "github.com/gofiber/fiber/v2"', 'func main() {', '\tapp := fiber.New()', '\tapp.Get("/orders", listOrders)', '\tapp.Static("/docs", "./docs")', '\tapp.Listen(":3000")', '}') } },
      messageId: 'pass-served',
      data: { served: '/docs/swagger.yaml' }
    },
    {
      name: 'fiber v3 static middleware on a route',
      facts: { files: { 'go.mod': gomod('github.com/gofiber/fiber/v3'), 'docs/openapi.yaml': OPENAPI_YAML, 'main.go': go('package main', 'import (', '\t"github.com/gofiber/fiber/v3"', '\t"github.com/gofiber/fiber/v3/middleware/static"', ')', 'func main() {', '\tapp := fiber.New()', '\tapp.Get("/orders", listOrders)', '\tapp.Get("/docs*", static.New("./docs"))', '\tapp.Listen(":3000")', '}') } },
      messageId: 'pass-served',
      data: { served: '/docs/openapi.yaml' }
    },
    {
      name: 'net/http FileServer of a docs directory behind StripPrefix',
      facts: { files: { 'go.mod': gomod(), 'docs/openapi.yaml': OPENAPI_YAML, 'main.go': netHttpMain('http.Handle("/docs/", http.StripPrefix("/docs/", http.FileServer(http.Dir("docs"))))') } },
      messageId: 'pass-served',
      data: { served: '/docs/openapi.yaml' }
    },
    {
      name: 'net/http FileServer assigned to a variable, then registered',
      facts: { files: { 'go.mod': gomod(), 'docs/openapi.yaml': OPENAPI_YAML, 'main.go': netHttpMain('fs := http.FileServer(http.Dir("./docs"))', 'mux := http.NewServeMux()', 'mux.Handle("/api-docs/", http.StripPrefix("/api-docs/", fs))') } },
      messageId: 'pass-served',
      data: { served: '/api-docs/openapi.yaml' }
    },
    {
      name: 'a directory relative to the Go module root, not the repository root',
      facts: { files: { 'server/go.mod': gomod('github.com/gin-gonic/gin'), 'server/docs/openapi.yaml': OPENAPI_YAML, 'server/main.go': ginMain('r.Static("/docs", "docs")') } },
      messageId: 'pass-served',
      data: { served: '/docs/openapi.yaml' }
    }
  ],
  partial: [
    {
      name: 'an embedded spec no route reaches, and a route to a same-named function of another package',
      facts: { files: { ...GIN, 'docs/spec.json': SWAGGER_JSON, 'docs/swagger.go': DOCS_PKG, 'router/router.go': go('package router', 'import (', '\t"github.com/gin-gonic/gin"', '\t"example.com/svc/web"', ')', 'func Create() *gin.Engine {', '\tg := gin.New()', '\tg.GET("/orders", listOrders)', '\tg.GET("/", web.Serve)', '\treturn g', '}') } },
      messageId: 'partial'
    },
    { name: 'a static directory without a spec serves none (the spec lives elsewhere)', facts: { files: { ...GIN, 'api/openapi.yaml': OPENAPI_YAML, 'public/index.html': '<html></html>\n', 'main.go': ginMain('r.Static("/assets", "./public")') } }, messageId: 'partial', data: { spec: 'api/openapi.yaml' } },
    { name: 'a commented-out static mount serves nothing', facts: { files: { ...BEEGO, 'main.go': beegoMain('// web.SetStaticPath("/swagger", "swagger")') } }, messageId: 'partial' },
    { name: "a handler's one-argument c.File sends a file, it is not a mount", facts: { files: { ...ECHO, 'openapi.yaml': OPENAPI_YAML, 'main.go': echoMain('e.GET("/x", func(c echo.Context) error { return c.File("openapi.yaml") })') } }, messageId: 'partial' },
    { name: 'a FileServer of the whole working directory is not read as a publication', facts: { files: { 'go.mod': gomod(), 'openapi.yaml': OPENAPI_YAML, 'main.go': netHttpMain('http.Handle("/", http.FileServer(http.Dir(".")))') } }, messageId: 'partial' }
  ]
})

checkTester(healthEndpoint, {
  fail: [
    {
      name: 'a route below an unresolved prefix with a non-docs handler is not a health route',
      facts: { files: { ...GIN, 'main.go': ginMain('r.GET(cfg.RootPath+"/healthz", api.Health)') } },
      messageId: 'fail'
    }
  ]
})
