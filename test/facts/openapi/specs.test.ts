import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectOpenApi } from '../../../src/facts/openapi/index.js'
import { nestingDepth, sniffJsonSpec, sniffSpec } from '../../../src/facts/openapi/parse.js'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { collectService } from '../../../src/facts/service/index.js'
import { manifestsOf } from '../service/fixtures.js'

const NO_MANIFESTS = { manifests: [], problems: [] }

function openapiOf(files: Record<string, string>, deps: Record<string, readonly string[]> = {}) {
  const snap = new MemorySnapshot(files)
  const manifests = manifestsOf(deps)
  return collectOpenApi(snap, collectService(snap, manifests), manifests)
}

describe('committed specs', () => {
  it('finds specs by content, YAML and JSON, and marks fixtures', () => {
    const o = openapiOf({
      'api/service.yaml': 'openapi: "3.1.0"\ninfo:\n  title: Orders\n  version: "1"\npaths:\n  /orders: {}\n  /health: {}\n',
      'docs/swagger.json': '{"swagger": "2.0", "info": {"title": "x"}, "paths": {"/a": {}}}',
      'tests/fixtures/petstore.yaml': 'openapi: 3.0.0\ninfo: {title: p}\npaths: {}\n',
      'node_modules/x/openapi.yaml': 'openapi: 3.0.0\ninfo: {}\npaths: {}\n',
      'config.yaml': 'name: not a spec\n',
      'asyncapi.yaml': 'asyncapi: 2.6.0\n'
    })
    expect(o.specs.map((s) => [s.path, s.version, s.pathCount, s.notOwn, s.problem])).toEqual([
      ['api/service.yaml', '3.1.0', 2, null, null],
      ['docs/swagger.json', '2.0', 1, null, null],
      ['tests/fixtures/petstore.yaml', '3.0.0', 0, 'under fixtures/ (fixture or example)', null]
    ])
    expect(o.specs[0]!.title).toBe('Orders')
  })

  it('does not parse a JSON nested 200,000 deep, and says why', () => {
    const deep = '{"openapi": "3.0.0", "info": {}, "paths": ' + '['.repeat(200_000) + ']'.repeat(200_000) + '}'
    const o = openapiOf({ 'openapi.json': deep })
    expect(o.specs).toMatchObject([{ path: 'openapi.json', pathCount: null, problem: 'nested deeper than 128 levels: not parsed' }])
    expect(o.skipped).toEqual([{ path: 'openapi.json', reason: 'nested deeper than 128 levels: not parsed' }])
  })

  it('does not follow $ref cycles', () => {
    const spec = 'openapi: 3.0.0\ninfo: {title: c}\npaths:\n  /a:\n    $ref: "#/paths/~1b"\n  /b:\n    $ref: "#/paths/~1a"\ncomponents:\n  schemas:\n    A: {$ref: "#/components/schemas/A"}\n'
    expect(openapiOf({ 'openapi.yaml': spec }).specs).toMatchObject([{ pathCount: 2, problem: null }])
  })

  it('refuses a YAML alias bomb', () => {
    const lines = ['openapi: 3.0.0', 'info: {title: bomb}', 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 300; i++) lines.push(`a${i}: &a${i} [*a${i - 1 || ''},*a${i - 1 || ''},*a${i - 1 || ''},*a${i - 1 || ''},*a${i - 1 || ''}]`.replace(/\*a0/g, '*a'))
    lines.push('paths: {}')
    const o = openapiOf({ 'openapi.yaml': lines.join('\n') })
    expect(o.specs).toMatchObject([{ pathCount: null, problem: 'more than 200 YAML aliases (possible alias bomb): not parsed' }])
  })

  it('reports broken YAML as a problem, never a throw', () => {
    const o = openapiOf({ 'openapi.yaml': 'openapi: 3.0.3\ninfo: {title: x\npaths: [\n' })
    expect(o.specs[0]!.pathCount).toBeNull()
    expect(o.specs[0]!.problem).toMatch(/^YAML could not be parsed/)
  })

  it('sniffs only the documented keys and measures depth linearly', () => {
    expect(sniffSpec('openapi: 3.0.0\n')).toEqual({ kind: 'openapi', version: '3.0.0', format: 'yaml' })
    expect(sniffSpec("swagger: '2.0'\n")).toEqual({ kind: 'swagger', version: '2.0', format: 'yaml' })
    expect(sniffSpec('openapi: 2.0\n')).toBeUndefined()
    expect(nestingDepth('{"a": "[[[[", "b": [[1]]}')).toBe(3)
  })

  it('finds the version key of a spec-named JSON file written with sorted keys, at the top level only', () => {
    const filler = `"components": {"schemas": {${Array.from({ length: 60 }, (_, k) => `"S${k}": {"type": "object", "description": "${'x'.repeat(20)}"}`).join(', ')}}}`
    const sorted = `{\n  ${filler},\n  "info": {"title": "Svc", "version": "1"},\n  "openapi": "3.0.2",\n  "paths": {"/health": {}}\n}\n`
    const nested = `{\n  ${filler},\n  "x": {"openapi": "3.0.2"}\n}\n`
    expect(sniffSpec(sorted)).toBeUndefined()
    expect(sniffJsonSpec(sorted)).toEqual({ kind: 'openapi', version: '3.0.2', format: 'json' })
    expect(sniffJsonSpec(nested)).toBeUndefined()
    const o = openapiOf({ 'server/openapi.json': sorted, 'data/values.json': sorted })
    expect(o.specs.map((s) => [s.path, s.version, s.pathCount])).toEqual([['server/openapi.json', '3.0.2', 1]])
  })
})

describe('framework generation', () => {
  it('reads FastAPI openapi_url through a settings constant, and None', () => {
    const on = openapiOf(
      {
        'app/main.py': 'from fastapi import FastAPI\nfrom app.core.config import settings\napp = FastAPI(\n    title="x",\n    openapi_url=f"{settings.API_V1_STR}/openapi.json",\n)\n',
        'app/core/config.py': 'class Settings:\n    API_V1_STR: str = "/api/v1"\n'
      },
      { 'requirements.txt': ['fastapi'] }
    )
    expect(on.generators).toEqual([{ tool: 'FastAPI', path: 'app/main.py', line: 3, text: 'app = FastAPI(', servedAt: '/api/v1/openapi.json' }])
    const off = openapiOf({ 'main.py': 'from fastapi import FastAPI\napp = FastAPI(openapi_url=None)\n' }, { 'requirements.txt': ['fastapi'] })
    expect(off.generators[0]).toMatchObject({ servedAt: null, note: 'openapi_url=None disables the spec' })
  })

  it('treats openapi_url="" as disabled and ignores FastAPI() inside docstrings', () => {
    const o = openapiOf(
      {
        'svc/auth.py': 'def guard():\n    """\n    Use it like this:\n\n        app = FastAPI()\n\n    """\n    return 1\n',
        'svc/main.py': 'from fastapi import FastAPI\nEMPTY = ""\nroot = FastAPI(openapi_url="")\nfront = FastAPI(openapi_url=EMPTY)\napi = FastAPI(\n    title="x",\n    openapi_url="/docs/openapi.json",\n)\n'
      },
      { 'requirements.txt': ['fastapi'] }
    )
    expect(o.generators.map((g) => [g.path, g.line, g.servedAt, g.note])).toEqual([
      ['svc/main.py', 3, null, 'openapi_url="" disables the spec'],
      ['svc/main.py', 4, null, 'openapi_url=EMPTY is empty, which disables the spec'],
      ['svc/main.py', 5, '/docs/openapi.json', undefined]
    ])
  })

  it('finds Express apps documented with @wesleytodd/openapi, which serves the generated spec', () => {
    const o = openapiOf(
      { 'src/lib/openapi-service.ts': "import openapi from '@wesleytodd/openapi'\nexport const oapi = openapi('/docs/openapi', { openapi: '3.0.3' })\n" },
      { 'package.json': ['express', '@wesleytodd/openapi'] }
    )
    expect(o.generators).toEqual([{ tool: '@wesleytodd/openapi', path: 'src/lib/openapi-service.ts', line: 1, text: "import openapi from '@wesleytodd/openapi'", servedAt: '/openapi.json' }])
  })

  it('finds Flask apps documented with APIFairy, which serves the generated spec at /apispec.json', () => {
    const o = openapiOf(
      { 'api/app.py': 'from flask import Flask\nfrom apifairy import APIFairy\n\napifairy = APIFairy()\n\ndef create_app():\n    app = Flask(__name__)\n    apifairy.init_app(app)\n    return app\n' },
      { 'requirements.txt': ['flask', 'apifairy'] }
    )
    expect(o.generators).toEqual([{ tool: 'APIFairy', path: 'api/app.py', line: 2, text: 'from apifairy import APIFairy', servedAt: '/apispec.json' }])
  })

  it('finds drf-spectacular served through a routed view, and springdoc by dependency', () => {
    const drf = openapiOf(
      {
        'proj/settings.py': 'ROOT_URLCONF = "proj.urls"\nINSTALLED_APPS = ["drf_spectacular"]\n',
        'proj/urls.py': 'from drf_spectacular.views import SpectacularAPIView\nurlpatterns = [\n    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),\n]\n'
      },
      { 'requirements.txt': ['django', 'djangorestframework', 'drf-spectacular'] }
    )
    expect(drf.generators).toMatchObject([{ tool: 'drf-spectacular', servedAt: '/api/schema/' }])
    const spring = openapiOf({}, { 'pom.xml': ['org.springframework.boot:spring-boot-starter-web', 'org.springdoc:springdoc-openapi-starter-webmvc-ui'] })
    expect(spring.generators).toMatchObject([{ tool: 'springdoc', path: 'pom.xml', servedAt: '/v3/api-docs' }])
  })

  it('finds contract test files only when the tool is used on live lines', () => {
    const o = openapiOf({
      'tests/test_contract.py': 'import schemathesis\nfrom app.main import app\nschema = schemathesis.openapi.from_asgi("/openapi.json", app)\n\n@schema.parametrize()\ndef test_api(case):\n    case.call_and_validate()\n',
      'tests/test_stub.py': 'import schemathesis\n# @schema.parametrize()\ndef test_api(case):\n    pass\n',
      'requirements-dev.txt': 'schemathesis\n'
    })
    expect(o.contractTests).toEqual([{ tool: 'Schemathesis', path: 'tests/test_contract.py', line: 3, text: 'schema = schemathesis.openapi.from_asgi("/openapi.json", app)' }])
    expect(NO_MANIFESTS.manifests).toEqual([])
  })
})

describe('Rust generators and where they serve', () => {
  /** Real Cargo manifests: the frameworks come from the `Cargo.toml` of the fixture. */
  const openapiOf = (files: Record<string, string>) => {
    const snap = new MemorySnapshot(files)
    const manifests = collectManifests(snap)
    return collectOpenApi(snap, collectService(snap, manifests), manifests)
  }
  const served = (o: ReturnType<typeof openapiOf>) => o.generators.map((g) => [g.tool, g.servedAt, g.note ?? null])

  it('utoipa with a UI server behind a cargo feature: served, and the feature is said', () => {
    const o = openapiOf(
      {
        'Cargo.toml': '[package]\nname = "s"\n[dependencies]\nactix-web = "4"\nutoipa = "5"\n',
        'src/lib.rs': [
          'use utoipa::OpenApi;',
          'pub fn app() {',
          '    let app = actix_web::App::new().configure(routes::config);',
          '    #[cfg(feature = "swagger")]',
          '    let app = app.configure(|cfg| {',
          '        use utoipa_scalar::{Scalar, Servable};',
          '        let openapi = ApiDoc::openapi();',
          '        cfg.service(Scalar::with_url("/scalar", openapi.clone()));',
          '    });',
          '}'
        ].join('\n')
      }
    )
    expect(served(o)).toEqual([
      ['utoipa', null, null],
      ['utoipa-scalar', '/scalar', 'served only in builds with cargo feature swagger']
    ])
  })

  it('aide: a route naming a document serves it; without a generator such a route proves nothing', () => {
    const files = {
      'Cargo.toml': '[package]\nname = "s"\n[dependencies]\naxum = "0.8"\naide = "0.14"\n',
      'src/main.rs': 'use aide::axum::ApiRouter;\nfn docs() -> Router {\n    Router::new().route("/api/v1/openapi.json", get(spec)).route("/docs", get(redoc))\n}\n'
    }
    expect(served(openapiOf(files))).toEqual([
      ['aide', null, null],
      ['spec route', '/api/v1/openapi.json', 'served by the route at src/main.rs:3']
    ])
    expect(served(openapiOf({ ...files, 'src/main.rs': files['src/main.rs'].replace('use aide::axum::ApiRouter;\n', '') }))).toEqual([])
  })

  it('poem-openapi: the spec endpoint is served where it is nested', () => {
    const o = openapiOf({
      'Cargo.toml': '[package]\nname = "s"\n[dependencies]\npoem = "3"\npoem-openapi = "5"\n',
      'src/main.rs': 'use poem_openapi::OpenApiService;\nfn app() {\n    let api = OpenApiService::new(Api, "S", "1");\n    let spec = api.spec_endpoint();\n    let app = Route::new().nest("/api", api).nest("/openapi.json", spec);\n}\n'
    })
    expect(served(o)).toEqual([
      ['poem-openapi', null, null],
      ['poem-openapi', '/openapi.json', null]
    ])
  })
})
