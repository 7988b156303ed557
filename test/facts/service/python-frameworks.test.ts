import { describe, expect, it } from 'vitest'
import { collectService } from '../../../src/facts/service/index.js'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { manifestsOf } from './fixtures.js'
import type { Route } from '../../../src/facts/service/types.js'

/** Routes of the Python frameworks outside the decorator family, each from a realistic layout. */

function scan(files: Record<string, string>, deps: readonly string[] = []): { frameworks: string[]; routes: readonly Route[] } {
  const snap = new MemorySnapshot(files)
  const s = collectService(snap, deps.length ? manifestsOf({ 'requirements.txt': deps }) : collectManifests(snap))
  return { frameworks: s.frameworks.map((f) => f.framework), routes: s.routes }
}

const at = (routes: readonly Route[], path: string): Route | undefined => routes.find((r) => r.path === path)

describe('Pyramid', () => {
  const files = {
    'h/routes.py': ['def includeme(config):', '    config.add_route("index", "/")', '    config.add_route("status", "/_status")', '    with config.route_prefix_context("/api"):', '        config.add_route(', '            "api.index",', '            "index",', '            request_method="GET",', '        )', '    config.add_route("after", "after")'].join('\n'),
    'h/views/status.py': ['from sqlalchemy import text', 'from h.util.view import json_view', '', '@json_view(', '    route_name="status", http_cache=0', ')', 'def status(request):', '    request.db.execute(text("SELECT 1"))', '    return {"status": "okay"}'].join('\n'),
    'h/views/home.py': ['from pyramid.view import view_config', '@view_config(route_name="index", renderer="home.jinja2")', 'def index(request):', '    return {}'].join('\n')
  }

  it('declares routes by name, joins views by route_name (in-house decorators too) and applies prefix contexts', () => {
    const { frameworks, routes } = scan(files, ['pyramid'])
    expect(frameworks).toEqual(['pyramid'])
    expect(routes.map((r) => r.path).sort()).toEqual(['/', '/_status', '/after', '/api/index'])
    const status = at(routes, '/_status')!
    expect(status).toMatchObject({ framework: 'pyramid', file: 'h/routes.py', line: 3, handler: 'status' })
    expect(status.touches?.[0]).toMatchObject({ file: 'h/views/status.py', line: 8 })
    expect(at(routes, '/api/index')!.methods).toEqual(['GET'])
    expect(at(routes, '/')!.touches).toEqual([])
  })
})

describe('Tornado', () => {
  const files = {
    'requirements.txt': 'tornado>=6\n',
    'svc/app.py': ['import tornado.web', 'from svc.handlers import default_handlers', '', 'class App(tornado.web.Application):', '    def __init__(self):', '        super().__init__(default_handlers + [(rf"{self.base_url}user/([^/]+)", UserHandler)])'].join('\n'),
    'svc/handlers.py': [
      'from tornado import web',
      '',
      'class HealthCheckHandler(web.RequestHandler):',
      '    def get(self):',
      '        self.db.execute("SELECT 1")',
      '',
      'default_handlers = [',
      "    (r'/health$', HealthCheckHandler),",
      "    (r'/items/(?P<item>[^/]+)/?', ItemHandler, {'x': 1}),",
      '    web.url(r"/about", AboutHandler, name="about"),',
      ']',
      'ok = isinstance(x, (str, bytes))'
    ].join('\n'),
    'svc/lists/healthcheck.py': ['from typing import cast', 'from svc.health import PingHandler', '', 'def get_handlers(context):', '    url = cast(str, context.config.HEALTHCHECK_ROUTE)', '    return [', '        (url, PingHandler),', '    ]'].join('\n'),
    'svc/config.py': ['Config.define(', '    "HEALTHCHECK_ROUTE", r"/healthcheck/?", "Healthcheck route.", "Healthcheck"', ')'].join('\n'),
    'svc/health.py': ['class PingHandler(BaseHandler):', '    async def get(self):', '        self.write("WORKING")'].join('\n')
  }

  it('reads handler tuples and url() as routes, regex patterns as paths, and configured paths with their default', () => {
    const { frameworks, routes } = scan(files)
    expect(frameworks).toEqual(['tornado'])
    expect(routes.map((r) => r.path).sort()).toEqual(['/about', '/health', '/healthcheck', '/items/{item}', '/user/{param}'])
    expect(at(routes, '/health')!.touches?.[0]).toMatchObject({ file: 'svc/handlers.py', line: 5 })
    expect(at(routes, '/user/{param}')!.prefixUnknown).toBe('self.base_url')
    const configured = at(routes, '/healthcheck')!
    expect(configured).toMatchObject({ file: 'svc/lists/healthcheck.py', line: 7, handler: 'PingHandler', touches: [] })
    expect(configured.note).toBe('configured by context.config.HEALTHCHECK_ROUTE (default /healthcheck/? at svc/config.py:1)')
  })

  it('is not a service when tornado is only a client', () => {
    const { frameworks } = scan({ 'requirements.txt': 'tornado\n', 'fetch.py': 'from tornado.httpclient import AsyncHTTPClient\nclient = AsyncHTTPClient()\n' })
    expect(frameworks).toEqual([])
  })
})

describe('Falcon, aiohttp, Bottle, Litestar, Sanic, Quart', () => {
  it('Falcon: add_route on an app passed to init(), resources as classes with responders', () => {
    const { routes } = scan(
      {
        'src/oncall/app.py': ['import falcon', 'application = falcon.App()', 'from .healthcheck import init', 'init(application)'].join('\n'),
        'src/oncall/healthcheck.py': ['class HealthCheck(object):', '    def on_get(self, req, resp):', '        connection = db.connect()', '        cursor = connection.cursor()', '', 'def init(application, config):', "    application.add_route('/healthcheck', HealthCheck(config))"].join('\n'),
        'src/oncall/api/__init__.py': ['def init(application, config):', '    from . import teams', "    application.add_route('/api/v0/teams/{team}', teams)"].join('\n')
      },
      ['falcon']
    )
    expect(routes.map((r) => r.path).sort()).toEqual(['/api/v0/teams/{team}', '/healthcheck'])
    expect(at(routes, '/healthcheck')!.touches?.[0]).toMatchObject({ file: 'src/oncall/healthcheck.py', line: 4 })
  })

  it('aiohttp: router methods, web.get in add_routes, RouteTableDef decorators', () => {
    const { frameworks, routes } = scan({
      'requirements.txt': 'aiohttp\n',
      'app/main.py': ['from aiohttp import web', 'routes = web.RouteTableDef()', '', '@routes.get("/ping")', 'async def ping(request):', '    return web.Response()', '', 'app = web.Application()', 'app.router.add_get("/healthz", healthz)', 'app.add_routes([web.post("/items", create), web.route("*", "/any", anyh)])', 'app.router.add_route("PUT", "/items/{id}", update)', 'web.run_app(app)'].join('\n')
    })
    expect(frameworks).toEqual(['aiohttp'])
    expect(routes.map((r) => `${r.methods.join(',')} ${r.path}`).sort()).toEqual(['ANY /any', 'GET /healthz', 'GET /ping', 'POST /items', 'PUT /items/{id}'])
  })

  it('is not a service when aiohttp is only a client', () => {
    expect(scan({ 'requirements.txt': 'aiohttp\n', 'c.py': 'import aiohttp\nasync with aiohttp.ClientSession() as s:\n    pass\n' }).frameworks).toEqual([])
  })

  it('Bottle: module-level and app decorators, method=', () => {
    const { routes } = scan({ 'app.py': ['from bottle import Bottle, route', 'app = Bottle()', '@route("/hello")', 'def hello():', '    return "hi"', '@app.route("/items", method="POST")', 'def items():', '    pass', '@app.get("/healthz")', 'def healthz():', '    engine.execute("SELECT 1")'].join('\n') }, ['bottle'])
    expect(routes.map((r) => `${r.methods.join(',')} ${r.path}`).sort()).toEqual(['GET /healthz', 'GET /hello', 'POST /items'])
    expect(at(routes, '/healthz')!.touches?.length).toBe(1)
  })

  it('Litestar: bare decorators, Controller paths, default paths', () => {
    const { routes } = scan(
      {
        'app/main.py': [
          'from litestar import Controller, Litestar, get, post',
          '',
          '@get("/health", include_in_schema=False)',
          'async def health() -> dict:',
          '    return {}',
          '',
          'class ItemController(Controller):',
          '    path = "/items"',
          '',
          '    @get()',
          '    async def list_items(self) -> list: ...',
          '',
          '    @post(path="/{item_id:int}")',
          '    async def create(self) -> None: ...',
          '',
          'app = Litestar(route_handlers=[health, ItemController])'
        ].join('\n')
      },
      ['litestar']
    )
    expect(routes.map((r) => `${r.methods.join(',')} ${r.path}`).sort()).toEqual(['GET /health', 'GET /items', 'POST /items/{item_id:int}'])
  })

  it('Sanic: app and blueprint decorators, app.blueprint mounts, add_route with the handler first', () => {
    const { routes } = scan(
      {
        'svc/app.py': ['from sanic import Sanic', 'from svc.api import bp', 'app = Sanic("svc")', 'app.blueprint(bp)', '@app.get("/healthz")', 'async def healthz(request):', '    return json({})', 'app.add_route(ready, "/ready", methods=["GET", "HEAD"])'].join('\n'),
        'svc/api.py': ['from sanic import Blueprint', 'bp = Blueprint("api", url_prefix="/api")', '@bp.route("/items", methods=["POST"])', 'async def items(request):', '    pass'].join('\n')
      },
      ['sanic']
    )
    expect(routes.map((r) => `${r.methods.join(',')} ${r.path}`).sort()).toEqual(['GET /healthz', 'GET,HEAD /ready', 'POST /api/items'])
  })

  it('Quart: Flask-style app and blueprints', () => {
    const { routes } = scan({ 'app.py': ['from quart import Quart, Blueprint', 'app = Quart(__name__)', 'bp = Blueprint("v1", __name__)', '@bp.get("/health")', 'async def health():', '    return {}', 'app.register_blueprint(bp, url_prefix="/v1")'].join('\n') }, ['quart'])
    expect(routes.map((r) => r.path)).toEqual(['/v1/health'])
    expect(routes[0]!.framework).toBe('quart')
  })
})

describe('Connexion', () => {
  it('serves the operations of the spec given to add_api, below base_path, with handlers from operationId', () => {
    const { frameworks, routes } = scan(
      {
        'app/main.py': ['import connexion', 'app = connexion.App(__name__, specification_dir="spec/")', 'app.add_api("openapi.yaml", base_path="/v1")'].join('\n'),
        'app/spec/openapi.yaml': ['openapi: 3.0.3', 'info: {title: x, version: "1"}', 'paths:', '  /health:', '    get:', '      operationId: app.api.health.get', '  "/items/{id}":', '    parameters: []', '    put:', '      operationId: app.api.items.put', '    delete:', '      responses: {}'].join('\n'),
        'app/api/health.py': ['def get():', '    db.session.execute(text("SELECT 1"))', '    return {}'].join('\n')
      },
      ['connexion']
    )
    expect(frameworks).toEqual(['connexion'])
    expect(routes.map((r) => `${r.methods.join(',')} ${r.path}`).sort()).toEqual(['DELETE /v1/items/{id}', 'GET /v1/health', 'PUT /v1/items/{id}'])
    const health = at(routes, '/v1/health')!
    expect(health).toMatchObject({ file: 'app/spec/openapi.yaml', line: 5, handler: 'app.api.health.get' })
    expect(health.touches?.[0]).toMatchObject({ file: 'app/api/health.py', line: 2 })
  })
})
