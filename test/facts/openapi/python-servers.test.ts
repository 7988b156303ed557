import { describe, expect, it } from 'vitest'
import { collectOpenApi } from '../../../src/facts/openapi/index.js'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectService } from '../../../src/facts/service/index.js'

/** Where the Python frameworks outside the decorator family serve their OpenAPI document. */

function served(files: Record<string, string>): { tool: string; servedAt: string | null; note?: string }[] {
  const snap = new MemorySnapshot(files)
  const manifests = collectManifests(snap)
  return collectOpenApi(snap, collectService(snap, manifests), manifests).generators.map((g) => ({ tool: g.tool, servedAt: g.servedAt, ...(g.note ? { note: g.note } : {}) }))
}

const req = (dep: string): Record<string, string> => ({ 'requirements.txt': dep + '\n' })

describe('Python OpenAPI servers', () => {
  it('pyramid_openapi3 serves the committed spec at its route= keyword', () => {
    const files = { ...req('pyramid'), 'app/api.py': ['def includeme(config):', '    config.include("pyramid_openapi3")', '    config.pyramid_openapi3_spec(', '        "openapi.yaml",', '        route="/api/openapi.yaml",', '    )'].join('\n') }
    expect(served(files)).toEqual([{ tool: 'pyramid_openapi3', servedAt: '/api/openapi.yaml' }])
  })

  it('Litestar serves /schema/openapi.json unless openapi_config moves or disables it', () => {
    expect(served({ ...req('litestar'), 'app.py': 'from litestar import Litestar\napp = Litestar(route_handlers=[])\n' })).toEqual([{ tool: 'Litestar OpenAPI', servedAt: '/schema/openapi.json' }])
    expect(served({ ...req('litestar'), 'app.py': 'app = Litestar(\n    route_handlers=[],\n    openapi_config=OpenAPIConfig(title="x", version="1", path="/docs"),\n)\n' })[0]!.servedAt).toBe('/docs/openapi.json')
    expect(served({ ...req('litestar'), 'app.py': 'app = Litestar(route_handlers=[], openapi_config=None)\n' })[0]).toEqual({ tool: 'Litestar OpenAPI', servedAt: null, note: 'openapi_config=None disables the spec' })
  })

  it('aiohttp-apispec, Sanic Extensions and quart-schema serve at their defaults or url=', () => {
    const aio = { 'requirements.txt': 'aiohttp\naiohttp-apispec\n', 'main.py': 'from aiohttp import web\napp = web.Application()\nsetup_aiohttp_apispec(app, title="x", url="/v1/spec.json")\n' }
    expect(served(aio)).toEqual([{ tool: 'aiohttp-apispec', servedAt: '/v1/spec.json' }])
    expect(served({ ...req('sanic'), 'app.py': 'from sanic import Sanic\nfrom sanic_ext import Extend\napp = Sanic("x")\nExtend(app)\n' })).toEqual([{ tool: 'Sanic Extensions', servedAt: '/docs/openapi.json' }])
    expect(served({ ...req('quart'), 'app.py': 'from quart_schema import QuartSchema\nQuartSchema(app)\n' })).toEqual([{ tool: 'quart-schema', servedAt: '/openapi.json' }])
  })
})
