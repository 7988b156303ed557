import { describe, expect, it } from 'vitest'
import healthEndpoint from '../../src/checks/health-endpoint.js'
import openapiPublished from '../../src/checks/openapi-published.js'
import { runOne } from '../../src/checks/run.js'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { factsFor } from './dependency-facts.js'

/**
 * A service on each Python framework outside the decorator family is a service: health and
 * OpenAPI are judged (never "no HTTP framework found"), and the fixes printed are that
 * framework's own code. Every fenced line fits 76 columns.
 */

const APPS: readonly [string, Record<string, string>, string, string][] = [
  ['Pyramid', { 'requirements.txt': 'pyramid\n', 'app/__init__.py': 'from pyramid.config import Configurator\n' }, '@view_config(route_name="healthz"', 'pyramid_openapi3_spec('],
  ['Tornado', { 'requirements.txt': 'tornado\n', 'app.py': 'import tornado.web\napp = tornado.web.Application([])\n' }, '(tornado.web.RequestHandler)', 'StaticFileHandler'],
  ['Falcon', { 'requirements.txt': 'falcon\n', 'app.py': 'import falcon\napp = falcon.App()\n' }, 'def on_get(self, req, resp)', 'SpecTree("falcon"'],
  ['aiohttp', { 'requirements.txt': 'aiohttp\n', 'app.py': 'from aiohttp import web\napp = web.Application()\n' }, 'app.router.add_get("/healthz"', 'setup_aiohttp_apispec('],
  ['Sanic', { 'requirements.txt': 'sanic\n', 'app.py': 'from sanic import Sanic\napp = Sanic("x")\n' }, 'request.app.ctx.db', 'Extend(app)'],
  ['Litestar', { 'requirements.txt': 'litestar\n', 'app.py': 'from litestar import Litestar\napp = Litestar(route_handlers=[], openapi_config=None)\n' }, '@get("/healthz"', 'OpenAPIConfig('],
  ['Quart', { 'requirements.txt': 'quart\n', 'app.py': 'from quart import Quart\napp = Quart(__name__)\n' }, '@app.get("/healthz")', 'QuartSchema(app)'],
  ['Bottle', { 'requirements.txt': 'bottle\n', 'app.py': 'from bottle import Bottle\napp = Bottle()\n' }, 'engine.connect()', 'static_file("openapi.yaml"'],
  ['Connexion', { 'requirements.txt': 'connexion\n', 'app.py': 'import connexion\napp = connexion.App(__name__)\n' }, '@app.get("/healthz")', null as unknown as string]
]

const wide = (text: string): string[] => text.split('\n').filter((l) => l.length > 76)

describe('Python frameworks beyond the decorator family', () => {
  it.each(APPS)('%s: health is judged and its fix is the framework\'s own', (_name, files, health, openapi) => {
    const facts = factsFor(files)
    const h = runOne(healthEndpoint, facts, DEFAULT_CONFIG)
    expect(h.status).toBe('fail')
    expect(h.remediation).toContain(health)
    const o = runOne(openapiPublished, facts, DEFAULT_CONFIG)
    // Litestar generates the spec even when serving is switched off: partial.
    expect(['fail', 'partial']).toContain(o.status)
    if (openapi) expect(o.remediation).toContain(openapi)
    const blocks = `${h.remediation ?? ''}\n${o.remediation ?? ''}`.split('```').filter((_, i) => i % 2 === 1)
    for (const b of blocks) expect(wide(b)).toEqual([])
  })

  it('Connexion serves the spec it is given: openapi-published passes', () => {
    const facts = factsFor({ 'requirements.txt': 'connexion\n', 'app.py': 'import connexion\napp = connexion.App(__name__)\napp.add_api("openapi.yaml")\n', 'openapi.yaml': 'openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths:\n  /healthz:\n    get:\n      responses: {}\n' })
    expect(runOne(openapiPublished, facts, DEFAULT_CONFIG).status).toBe('pass')
    const h = runOne(healthEndpoint, facts, DEFAULT_CONFIG)
    expect(h.status).toBe('pass')
    expect(h.evidence[0]!.message).toContain('GET /healthz')
  })
})
