import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { collectManifests } from '../../src/facts/manifests/index.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { sniffYamlSpec } from '../../src/facts/openapi/parse.js'
import { collectService } from '../../src/facts/service/index.js'
import { apiRoutes, devServer } from '../../src/facts/service/routes/go-zero.js'
import { bounded, hostileText, options, yamlText } from './arbitraries.js'

/** The Go readers added for Beego, go-zero, Huma, grpc-gateway and hand-written dispatchers, on arbitrary input. */

const GO_TOKENS = [
  'package main\n', 'import ', 'func ', 'const ', '(', ')', '{', '}', '[', ']', ',', ':', '"', '`', '\n', '\t', ' ', '//', '==', '&&', '||', '+',
  'r.URL.Path == ', 'r.Method == http.MethodGet', 'switch r.URL.Path {', 'case ', 'http.MethodGet, ', '"GET", ', '"/healthz"', 'healthPath', 'attachHandler(',
  'http.NewRequest(', 'web.Router(', 'beego.Router(', 'web.NewNamespace(', 'web.NSNamespace(', 'web.NSRouter(', 'web.NSGet(', '"get,post:Fn;*:X"', '&C{}',
  'server.AddRoutes(', '[]rest.Route{', 'Method: http.MethodPost', 'Path: ', 'rest.WithPrefix(', 'huma.Get(api, ', 'huma.Operation{', 'grpc_runtime.WithHealthzEndpoint(',
  '.Methods("GET")', '.Path(', '.Handler(h)', '.HandlerFunc(h)', 'é', '\u0000'
]
const goText = hostileText(GO_TOKENS)
const API_TOKENS = ['@server(', 'prefix: /v1', 'prefix:', ')', 'service Core {', '}', '@handler x', 'get /x', 'post /y (Req) returns (Resp)', '\n', ' ', '//', '/', 'é']
const apiText = hostileText(API_TOKENS)
const GOMOD = 'module x\n\nrequire (\n\tgithub.com/beego/beego/v2 v2.3.0\n\tgithub.com/danielgtaylor/huma/v2 v2.0.0\n\tgithub.com/grpc-ecosystem/grpc-gateway/v2 v2.29.0\n)\n'

describe('the Go route shapes', () => {
  it('extract routes from arbitrary Go sources, .api files and etc/*.yaml in bounded time, with paths and lines', () => {
    fc.assert(
      fc.property(goText, goText, apiText, yamlText, (a, b, api, yaml) => {
        const snapshot = new MemorySnapshot({ 'go.mod': GOMOD, 'main.go': 'import "github.com/zeromicro/go-zero/rest"\n' + a, 'routers/r.go': b, 'desc/all.api': api, 'etc/svc.yaml': 'DevServer:\n' + yaml })
        const service = bounded(() => collectService(snapshot, collectManifests(snapshot)), 'collectService')
        for (const r of service.routes) {
          expect(r.line).toBeGreaterThanOrEqual(1)
          expect(r.path.startsWith('/')).toBe(true)
        }
      }),
      options(200)
    )
  })

  it('read arbitrary .api files, DevServer blocks and YAML heads without throwing', () => {
    fc.assert(
      fc.property(apiText, yamlText, (api, yaml) => {
        for (const r of bounded(() => apiRoutes('a.api', api.split('\n')), 'apiRoutes')) expect(r.path.startsWith('/')).toBe(true)
        bounded(() => devServer('etc/a.yaml', ('DevServer:\n' + yaml).split('\n')), 'devServer')
        bounded(() => sniffYamlSpec(yaml), 'sniffYamlSpec')
      }),
      options()
    )
  })
})
