import { describe, expect, it } from 'vitest'
import { collectService } from '../../../src/facts/service/index.js'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { manifestsOf } from './fixtures.js'

const files = {
  'backend/pyproject.toml': '[project]\ndependencies = ["fastapi"]\n',
  'backend/app/main.py': [
    'from fastapi import FastAPI',
    'from app.api.main import api_router',
    'from app.core.config import settings',
    '',
    'app = FastAPI(title="x", openapi_url=f"{settings.API_V1_STR}/openapi.json")',
    'app.include_router(api_router, prefix=settings.API_V1_STR)',
    '',
    '@app.get("/livez")',
    'def livez():',
    '    return {"ok": True}'
  ].join('\n'),
  'backend/app/core/config.py': ['class Settings:', '    API_V1_STR: str = "/api/v1"', '', 'settings = Settings()'].join('\n'),
  'backend/app/api/main.py': [
    'from fastapi import APIRouter',
    'from app.api.routes import items, utils',
    'from .routes.login import router as login_router',
    '',
    'api_router = APIRouter()',
    'api_router.include_router(utils.router)',
    'api_router.include_router(items.router, prefix="/items")',
    'api_router.include_router(login_router, prefix=OTHER.PREFIX)'
  ].join('\n'),
  'backend/app/api/routes/utils.py': [
    'from fastapi import APIRouter',
    'router = APIRouter(prefix="/utils", tags=["utils"])',
    '',
    '@router.get("/health-check/")',
    'async def health_check(session: SessionDep) -> bool:',
    '    session.execute(select(1))',
    '    return True'
  ].join('\n'),
  'backend/app/api/routes/items.py': ['from fastapi import APIRouter', 'router = APIRouter()', '', '@router.get(', '    "/{id}",', ')', 'def read_item(id: int):', '    return {}'].join('\n'),
  'backend/app/api/routes/login.py': ['from fastapi import APIRouter', 'router = APIRouter()', '@router.post("/login/access-token")', 'def login():', '    pass'].join('\n'),
  'backend/tests/test_x.py': ['from fastapi import APIRouter', 'r = APIRouter()', '@r.get("/health")', 'def t(): pass'].join('\n')
}

describe('FastAPI routes', () => {
  it('resolves prefixes across modules, settings constants and unknown prefixes', () => {
    const s = collectService(new MemorySnapshot(files), manifestsOf({ 'backend/pyproject.toml': ['fastapi'] }))
    expect(s.frameworks.map((f) => [f.framework, f.dir, f.via])).toEqual([['fastapi', 'backend', 'dependency']])
    const byPath = Object.fromEntries(s.routes.map((r) => [r.path, r]))
    expect(Object.keys(byPath).sort()).toEqual(['/api/v1/items/{id}', '/api/v1/utils/health-check/', '/livez', '/login/access-token'])
    expect(byPath['/api/v1/utils/health-check/']).toMatchObject({ file: 'backend/app/api/routes/utils.py', line: 4, methods: ['GET'], framework: 'fastapi' })
    expect(byPath['/api/v1/utils/health-check/']!.touches?.map((t) => t.token)).toEqual(['select(1)'])
    expect(byPath['/livez']!.touches).toEqual([])
    expect(byPath['/login/access-token']!.prefixUnknown).toBe('OTHER.PREFIX')
  })

  it('detects FastAPI from imports when no manifest names it', () => {
    const s = collectService(new MemorySnapshot(files), { manifests: [], problems: [] })
    expect(s.frameworks[0]).toMatchObject({ framework: 'fastapi', via: 'import', path: 'backend/app/api/main.py', line: 1 })
    expect(s.routes.some((r) => r.path === '/api/v1/utils/health-check/')).toBe(true)
  })
})
