import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { operations } from '../../src/facts/service/routes/connexion.js'
import { patternPath } from '../../src/facts/service/routes/python-handlers.js'
import { bounded, options, yamlText, boundedServiceScan } from './arbitraries.js'

/**
 * The extractors of Pyramid, Tornado, Falcon, aiohttp, Bottle, Litestar, Sanic, Quart and
 * Connexion on arbitrary Python text (made of their own call shapes) and arbitrary specs: a list
 * of routes with paths, never a throw, in bounded time.
 */

const PY_TOKENS = [
  'config.add_route(', 'config.add_view(', '@view_config(', 'route_name=', 'with config.route_prefix_context(', 'Configurator(', 'route_prefix=', 'request_method=',
  '(r"/x$", XHandler)', '(url, HealthHandler)', 'url = cast(str, c.config.HEALTH_ROUTE)', 'define("HEALTH_ROUTE", "/h/?")', 'web.url(', 'tornado.web.Application([', 'rf"{self.base}/', '(?P<id>[^/]+)', '([^/]+)',
  'app.add_route(', 'app.router.add_get(', 'web.get(', 'web.route("*", ', '@routes.get(', 'web.RouteTableDef()', 'web.Application()', '@route(', '@get(', '@post(path=', 'class C(Controller):', 'path = "/c"',
  'Sanic("x")', 'Blueprint("b", url_prefix=', 'app.blueprint(', 'Quart(__name__)', 'register_blueprint(', 'app.add_api(', 'specification_dir=', 'base_path=', 'Litestar(', 'openapi_config=', 'OpenAPIConfig(path=',
  'pyramid_openapi3_spec(', 'route=', 'setup_aiohttp_apispec(', 'url=', 'None', 'class X:\n', '    def on_get(self, req, resp):\n', 'def f():\n', '    ', '\n', '"', "'", '(', ')', '[', ']', '{', '}', ',', '=', '.', '/', '\\', '#', ' ', 'health', '/healthz', '$', '^', '?'
]
const pyText = fc.array(fc.constantFrom(...PY_TOKENS), { maxLength: 200 }).map((t) => t.join(''))

const MANIFEST = '[project]\nname = "x"\ndependencies = ["pyramid", "falcon", "sanic", "litestar", "quart", "bottle", "connexion"]\n'
const IMPORTS = 'import tornado.web\nfrom aiohttp import web\napp = web.Application()\nclass H(tornado.web.RequestHandler): pass\n'

describe('Python frameworks beyond the decorator family', () => {
  it('extract routes and OpenAPI servers from arbitrary text in bounded time', () => {
    fc.assert(
      fc.property(pyText, pyText, yamlText, (a, b, spec) => {
        boundedServiceScan(new MemorySnapshot({ 'pyproject.toml': MANIFEST, 'svc/server.py': IMPORTS + a, 'svc/routes.py': b, 'svc/openapi.yaml': spec, 'svc/config.py': a }), { rooted: false })
      }),
      options(200)
    )
  })

  it('read the operations of any spec text and turn any pattern into a path', () => {
    fc.assert(
      fc.property(fc.oneof(yamlText, fc.json(), pyText), (text) => {
        for (const op of bounded(() => operations('paths:\n' + text))) expect(op.line).toBeGreaterThanOrEqual(1)
        bounded(() => operations(text))
        expect(bounded(() => patternPath(text)).startsWith('/')).toBe(true)
      }),
      options(300)
    )
  })
})
