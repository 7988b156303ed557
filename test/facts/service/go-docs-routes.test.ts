import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { collectService } from '../../../src/facts/service/index.js'
import { knownSuffix } from '../../../src/facts/service/text.js'
import type { ServiceFacts } from '../../../src/facts/service/types.js'

/**
 * A Go route whose path is `<unresolved expression> + "literal"` is kept (with the literal as the
 * path below an unresolved prefix) only when its handler serves the OpenAPI document or its UI.
 */

function scan(files: Record<string, string>): ServiceFacts {
  const snap = new MemorySnapshot(files)
  return collectService(snap, collectManifests(snap))
}
const shown = (s: ServiceFacts): string[] => s.routes.map((r) => `${r.methods.join('/')} ${r.prefixUnknown !== undefined ? `{${r.prefixUnknown}}` : ''}${r.path} ${r.file}:${r.line}`).sort()
const gomod = (...requires: string[]): string => ['module example.com/svc', '', 'go 1.22', '', 'require (', ...requires.map((r) => `\t${r} v1.2.3`), ')'].join('\n')
const go = (...lines: string[]): string => lines.join('\n')

describe('Go docs routes below an unresolved prefix', () => {
  it('keeps a gin-swagger route (imported under another name) below a configured root path', () => {
    const s = scan({
      'go.mod': gomod('github.com/gin-gonic/gin', 'github.com/swaggo/gin-swagger', 'github.com/swaggo/files'),
      'server/router.go': go(
        'package router',
        'import (',
        '\t"github.com/gin-gonic/gin"',
        '\tfiles_pkg "github.com/swaggo/files"',
        '\tdocs_ui "github.com/swaggo/gin-swagger"',
        ')',
        'func Load(cfg *Config) *gin.Engine {',
        '\te := gin.New()',
        '\te.GET("/version", version)',
        '\te.GET(cfg.Server.RootPath+"/swagger/*any", docs_ui.WrapHandler(files_pkg.Handler))',
        '\treturn e',
        '}'
      )
    })
    expect(shown(s)).toEqual(['GET /version server/router.go:9', 'GET {cfg.Server.RootPath}/swagger/*any server/router.go:10'])
  })

  it('keeps echo-swagger, http-swagger (chi) and fiber swagger routes, each found by its import', () => {
    const s = scan({
      'go.mod': gomod('github.com/labstack/echo/v4', 'github.com/go-chi/chi/v5', 'github.com/gofiber/fiber/v2'),
      'echo/routes.go': go('package echo', 'import (', '\t"github.com/labstack/echo/v4"', '\tui "github.com/swaggo/echo-swagger"', ')', 'func Register(e *echo.Echo, base string) {', '\te.GET(base + "/docs/*", ui.WrapHandler)', '}'),
      'chi/routes.go': go('package chi', 'import (', '\t"github.com/go-chi/chi/v5"', '\thttpSwagger "github.com/swaggo/http-swagger/v2"', ')', 'func Routes(r chi.Router) {', '\tr.Get(settings.Prefix()+"/swagger/*", httpSwagger.Handler(httpSwagger.URL("doc.json")))', '}'),
      'fiber/routes.go': go('package fiber', 'import (', '\t"github.com/gofiber/fiber/v2"', '\t"github.com/gofiber/swagger"', ')', 'func Mount(app *fiber.App) {', '\tapp.Get(conf.BasePath+"/swagger/*", swagger.HandlerDefault)', '}')
    })
    expect(shown(s)).toEqual(['GET {base}/docs/* echo/routes.go:7', 'GET {conf.BasePath}/swagger/* fiber/routes.go:7', 'GET {settings.Prefix()}/swagger/* chi/routes.go:7'])
  })

  it('drops a half-known route whose handler is not a docs handler: no health route, no client call as a route', () => {
    const s = scan({
      'go.mod': gomod('github.com/gin-gonic/gin'),
      'server/router.go': go(
        'package router',
        'import "github.com/gin-gonic/gin"',
        'func Load(cfg *Config) *gin.Engine {',
        '\te := gin.New()',
        '\te.GET(cfg.RootPath+"/healthz", api.Health)',
        '\treturn e',
        '}'
      ),
      'client/client.go': go('package client', 'func (c *Client) Ping() error {', '\t_, err := c.http.Post(c.baseURL+"/readyz", "application/json", nil)', '\treturn err', '}')
    })
    expect(shown(s)).toEqual([])
  })
})

describe('knownSuffix', () => {
  const none = (): undefined => undefined
  it('splits an unresolved head from a literal tail at the top level only', () => {
    expect(knownSuffix('cfg.Root + "/swagger/*any"', none)).toEqual({ head: 'cfg.Root', suffix: '/swagger/*any' })
    expect(knownSuffix('path.Join(a, "x") + "/docs" + "/ui"', none)).toEqual({ head: 'path.Join(a, "x")', suffix: '/docs/ui' })
    expect(knownSuffix('"/api/" + name + "/openapi.json"', none)).toEqual({ head: '"/api/" + name', suffix: '/openapi.json' })
  })
  it('gives nothing for a resolved expression, an unresolved tail or a tail that is not a path', () => {
    expect(knownSuffix('"/a" + "/b"', none)).toBeUndefined()
    expect(knownSuffix('"/a" + name', none)).toBeUndefined()
    expect(knownSuffix('base + "?q=1"', none)).toBeUndefined()
    expect(knownSuffix('base + "/"', none)).toBeUndefined()
    expect(knownSuffix('base', none)).toBeUndefined()
  })
})
