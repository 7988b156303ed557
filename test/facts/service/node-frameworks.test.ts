import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectService } from '../../../src/facts/service/index.js'
import type { ServiceFacts } from '../../../src/facts/service/types.js'
import { nextUrl } from '../../../src/facts/service/routes/nextjs.js'
import { manifestsOf } from './fixtures.js'

function scan(files: Record<string, string>, deps: Record<string, readonly string[]>): ServiceFacts {
  return collectService(new MemorySnapshot(files), manifestsOf(deps))
}

const routes = (s: ServiceFacts): string[] => s.routes.map((r) => `${r.methods.join(',')} ${r.path}`).sort()

describe('hapi', () => {
  it('reads route objects wherever they are written, arrays gathered elsewhere and plugin prefixes', () => {
    const s = scan(
      {
        'src/server.js': "import Hapi from '@hapi/hapi'\nimport { router } from './plugins/router.js'\nimport admin from './admin/plugin.js'\nconst server = Hapi.server({ port: 3000 })\nawait server.register(router)\nawait server.register(admin, { routes: { prefix: '/admin' } })\n",
        'src/plugins/router.js': "import routes from '../routes/index.js'\nexport const router = {\n  plugin: {\n    name: 'router',\n    register(server) {\n      server.route(routes)\n    }\n  }\n}\n",
        'src/routes/index.js': "import health from './health.js'\nimport forms from './forms.js'\nexport default [health, forms].flat()\n",
        'src/routes/health.js': "export default {\n  method: 'GET',\n  path: '/health',\n  handler(request, h) {\n    return h.response({ message: 'success' }).code(200)\n  },\n  options: {\n    auth: false\n  }\n}\n",
        'src/routes/forms.js': "export default [\n  {\n    method: 'GET',\n    path: '/forms/{id}',\n    options: {\n      handler: getForm\n    }\n  },\n  { method: ['PUT', 'PATCH'], path: '/forms/{id}', handler: putForm }\n]\n",
        'src/admin/plugin.js': "export default {\n  name: 'admin',\n  register(server) {\n    server.route({ method: '*', path: '/stats', handler: stats })\n  }\n}\n",
        // Node's http.request options and test injections are not routes.
        'src/lib/client.js': "http.request({\n  method: 'GET',\n  path: '/remote',\n  hostname: 'example.org',\n  handler: x\n})\n",
        'src/lib/notes.js': "const req = {\n  method: 'GET',\n  path: '/not-a-route'\n}\n"
      },
      { 'package.json': ['@hapi/hapi'] }
    )
    expect(s.frameworks.map((f) => f.framework)).toEqual(['hapi'])
    expect(routes(s)).toEqual(['ANY /admin/stats', 'GET /forms/{id}', 'GET /health', 'PUT,PATCH /forms/{id}'])
    expect(s.routes.find((r) => r.path === '/health')).toMatchObject({ file: 'src/routes/health.js', line: 3 })
  })
})

describe('Next.js', () => {
  it('maps app route handlers and pages/api files to URLs: groups, slots and private folders as Next routes them', () => {
    expect(nextUrl('src/app/api/heartbeat/route.ts')).toBe('/api/heartbeat')
    expect(nextUrl('app/(collect)/p/[slug]/route.ts')).toBe('/p/:slug')
    expect(nextUrl('app/api/[[...path]]/route.js')).toBe('/api/:path*')
    expect(nextUrl('app/@modal/x/route.ts')).toBe('/x')
    expect(nextUrl('app/_lib/route.ts')).toBeUndefined()
    expect(nextUrl('pages/api/index.ts')).toBe('/api')
    expect(nextUrl('pages/api/users/[id].ts')).toBe('/api/users/:id')
  })

  it('reads the verbs a route module exports (functions, wrapped constants, export lists) under the basePath', () => {
    const s = scan(
      {
        'apps/web/next.config.ts': "export default { basePath: '/mail' }\n",
        'apps/web/app/api/health/route.ts': "import prisma from '@/utils/prisma'\nexport const GET = withError('health', async () => {\n  await prisma.$queryRaw`SELECT 1`\n  return NextResponse.json({ ok: true })\n})\n",
        'apps/web/app/(app)/api/user/[id]/route.ts': 'export async function GET(req: Request) {\n  return Response.json({})\n}\nexport async function DELETE() {}\n',
        'apps/web/app/api/auth/route.ts': 'const handler = auth()\nexport { handler as GET, handler as POST }\n',
        'apps/web/pages/api/legacy.ts': 'export default function handler(req, res) {\n  res.json({})\n}\n',
        'apps/web/app/page.tsx': 'export default function Page() { return null }\n'
      },
      { 'apps/web/package.json': ['next', 'react'] }
    )
    expect(s.frameworks.map((f) => f.framework)).toEqual(['nextjs'])
    expect(routes(s)).toEqual(['ANY /mail/api/legacy', 'DELETE /mail/api/user/:id', 'GET /mail/api/health', 'GET /mail/api/user/:id', 'GET,POST /mail/api/auth'])
    expect(s.routes.find((r) => r.path === '/mail/api/health')?.touches?.[0]).toMatchObject({ line: 3 })
  })

  it('does not take a Next.js site without route handlers or API routes for an HTTP service', () => {
    const s = scan({ 'app/page.tsx': 'export default function Page() { return null }\n', 'app/layout.tsx': 'export default function L() {}\n' }, { 'package.json': ['next', 'react'] })
    expect(s.frameworks).toEqual([])
  })
})

describe('AdonisJS, Elysia and Sails', () => {
  it('reads AdonisJS routes with nested group prefixes and resources', () => {
    const s = scan(
      {
        'start/routes.ts': [
          "import router from '@adonisjs/core/services/router'",
          "const HealthController = () => import('#controllers/health_controller')",
          "router.get('/health', [HealthController])",
          'router',
          '  .group(() => {',
          "    router.get('/me', [UsersController, 'me'])",
          '    router.group(() => {',
          "      router.resource('posts', PostsController)",
          "    }).prefix('/v1')",
          '  })',
          "  .prefix('/api')",
          "cache.get('/not-a-route')"
        ].join('\n')
      },
      { 'package.json': ['@adonisjs/core'] }
    )
    expect(routes(s)).toEqual(['ANY /api/v1/posts', 'ANY /api/v1/posts/:id', 'GET /api/me', 'GET /health'])
  })

  it('reads Elysia chains and prefixes', () => {
    const s = scan(
      {
        'src/index.ts': "import { Elysia } from 'elysia'\nimport { users } from './users'\nconst app = new Elysia()\n  .get('/health', () => ({ ok: true }))\n  .use(users)\n  .post('/items', ({ body }) => body, {\n    body: t.Object({})\n  })\n  .listen(3000)\n",
        'src/users.ts': "import { Elysia } from 'elysia'\nexport const users = new Elysia({ prefix: '/users' })\n  .get('/:id', ({ params }) => params.id)\n"
      },
      { 'package.json': ['elysia'] }
    )
    expect(routes(s)).toEqual(['GET /health', 'GET /users/:id', 'POST /items'])
  })

  it('reads Sails config/routes.js keys', () => {
    const s = scan(
      { 'config/routes.js': "module.exports.routes = {\n  '/': { view: 'pages/homepage' },\n  'GET /api/health': 'HealthController.check',\n  \"POST /api/v1/login\": { action: 'entrance/login' },\n}\n" },
      { 'package.json': ['sails'] }
    )
    expect(routes(s)).toEqual(['ANY /', 'GET /api/health', 'POST /api/v1/login'])
    expect(s.routes.find((r) => r.path === '/api/health')).toMatchObject({ handler: 'HealthController.check', line: 3 })
  })
})
