import { describe, expect, it } from 'vitest'
import { runOne } from '../../src/checks/run.js'
import { REGISTRY } from '../../src/checks/registry.js'
import { CHECK_IDS } from '../../src/checks/ids.js'
import { factsFor, testConfig } from '../helpers/facts.js'
import { configuredRoutes, remixUrl } from '../../src/facts/service/routes/remix.js'

/**
 * Services on hapi, Next.js route handlers, React Router / Remix route modules, AdonisJS, Elysia
 * and Sails, end to end through the
 * checks: a health route is found, a served spec is published, the service checks apply, and the
 * fixes are written for the framework. A Next.js site without route handlers stays a front end.
 */

const pkg = (deps: Record<string, string>): string => JSON.stringify({ name: 'svc', dependencies: deps })

const SERVICES: Record<string, { files: Record<string, string>; health: string; openapi: string; fixHealth: string }> = {
  hapi: {
    files: {
      'package.json': pkg({ '@hapi/hapi': '^21', 'hapi-swagger': '^17', mongodb: '^6' }),
      'src/server.js': "import Hapi from '@hapi/hapi'\nimport HapiSwagger from 'hapi-swagger'\nimport { router } from './plugins/router.js'\nconst server = Hapi.server({ port: 3000 })\nawait server.register([{ plugin: HapiSwagger }])\nawait server.register(router)\n",
      'src/plugins/router.js': "import health from '../routes/health.js'\nexport const router = { plugin: { name: 'router', register(server) { server.route([health]) } } }\n",
      'src/routes/health.js': "export default {\n  method: 'GET',\n  path: '/health',\n  handler(request, h) {\n    return h.response({ message: 'success' }).code(200)\n  }\n}\n"
    },
    health: 'GET /health',
    openapi: 'hapi-swagger',
    fixHealth: "path: '/healthz'"
  },
  nextjs: {
    files: {
      'package.json': pkg({ next: '^15', react: '^19', '@asteasolutions/zod-to-openapi': '^7' }),
      'app/api/health/route.ts': "export const GET = withError('health', async () => {\n  return NextResponse.json({ ok: true })\n})\n",
      'app/api/v1/openapi/route.ts': "import { OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi'\nexport function GET() {\n  return Response.json(new OpenApiGeneratorV3(registry.definitions).generateDocument(config))\n}\n",
      'app/page.tsx': 'export default function Page() { return null }\n'
    },
    health: 'GET /api/health',
    openapi: 'zod-to-openapi',
    fixHealth: 'app/api/healthz/route.ts'
  },
  adonisjs: {
    files: {
      'package.json': pkg({ '@adonisjs/core': '^6' }),
      'start/routes.ts': "import router from '@adonisjs/core/services/router'\nrouter.get('/health', async () => ({ ok: true }))\n"
    },
    health: 'GET /health',
    openapi: '',
    fixHealth: 'healthChecks.run()'
  },
  elysia: {
    files: {
      'package.json': pkg({ elysia: '^1', '@elysiajs/swagger': '^1' }),
      'src/index.ts': "import { Elysia } from 'elysia'\nimport { swagger } from '@elysiajs/swagger'\nconst app = new Elysia()\n  .use(swagger())\n  .get('/healthz', () => 'ok')\n  .listen(3000)\n"
    },
    health: 'GET /healthz',
    openapi: '@elysiajs/swagger',
    fixHealth: 'set.status = 503'
  },
  remix: {
    files: {
      'package.json': pkg({ '@react-router/node': '^7', '@react-router/serve': '^7', react: '^19', 'trpc-to-openapi': '^2' }),
      'app/routes/api+/health.ts': "export const loader = async () => {\n  await prisma.$queryRaw`SELECT 1`\n  return Response.json({ status: 'ok' })\n}\n",
      'app/routes/api.openapi[.]json.ts': "import { generateOpenApiDocument } from 'trpc-to-openapi'\nexport function loader() {\n  return Response.json(generateOpenApiDocument(appRouter, { title: 'API', version: '1', baseUrl: '/api' }))\n}\n",
      'app/routes/_index.tsx': 'export default function Home() { return null }\n'
    },
    health: 'GET /api/health',
    openapi: 'trpc-to-openapi',
    fixHealth: 'app/routes/healthz.ts'
  },
  sails: {
    files: {
      'package.json': pkg({ sails: '^1' }),
      'config/routes.js': "module.exports.routes = {\n  'GET /ping': 'HealthController.ping'\n}\n"
    },
    health: 'GET /ping',
    openapi: '',
    fixHealth: 'sendNativeQuery'
  }
}

describe('Node frameworks beyond Express, Fastify, NestJS, Koa and Hono', () => {
  for (const [fw, s] of Object.entries(SERVICES)) {
    it(`${fw}: health found, service checks apply, fixes written for ${fw}`, () => {
      const facts = factsFor({ files: s.files })
      const out = Object.fromEntries(CHECK_IDS.map((id) => [id, runOne(REGISTRY[id]!, facts, testConfig)]))
      expect(out['health-endpoint']!.status).toBe('pass')
      expect(JSON.stringify(out['health-endpoint']!.evidence)).toContain(s.health)
      for (const id of ['feature-flags', 'circuit-breakers', 'layered-architecture', 'openapi-published']) expect([id, out[id]!.status]).not.toEqual([id, 'not-applicable'])
      if (s.openapi) {
        expect(out['openapi-published']!.status).toBe('pass')
        expect(JSON.stringify(out['openapi-published']!.evidence)).toContain(s.openapi)
      } else {
        expect(out['openapi-published']!.remediation).toContain(fw === 'sails' ? 'sails-hook-swagger-generator' : 'adonis-autoswagger')
      }
      const bare = factsFor({ files: { ...Object.fromEntries(Object.entries(s.files).filter(([p]) => p === 'package.json')), 'src/x.js': '' } })
      // File-routed frameworks are services only with a route module; without a health route they are shown the framework's own.
      const noHealth = fw === 'remix' ? factsFor({ files: { 'package.json': s.files['package.json']!, 'app/routes/_index.tsx': 'export default function Home() { return null }\n' } }) : bare
      if (fw !== 'nextjs') expect(runOne(REGISTRY['health-endpoint']!, noHealth, testConfig).remediation).toContain(s.fixHealth)
    })
  }

  it('a document built from tRPC or ts-rest routers is served by the route at its spec path, and only that route', () => {
    const files = {
      'package.json': pkg({ hono: '^4', 'trpc-to-openapi': '^2', '@ts-rest/open-api': '^3' }),
      'src/trpc/open-api.ts': "import { generateOpenApiDocument } from 'trpc-to-openapi'\nexport const openApiDocument = generateOpenApiDocument(appRouter, { title: 'API', version: '2' })\n",
      'src/server.ts': "import { Hono } from 'hono'\nimport { openApiDocument } from './trpc/open-api'\nconst app = new Hono()\napp.get('/health', (c) => c.text('ok'))\napp.get('/api/v2/openapi.json', (c) => c.json(openApiDocument))\nexport default app\n"
    }
    const out = runOne(REGISTRY['openapi-published']!, factsFor({ files }), testConfig)
    expect(out.status).toBe('pass')
    expect(JSON.stringify(out.evidence)).toContain('trpc-to-openapi serves /api/v2/openapi.json (served by the route at src/server.ts:5)')
    // Trap: a route for the docs UI alone is not the document.
    const uiOnly = { ...files, 'src/server.ts': "import { Hono } from 'hono'\nconst app = new Hono()\napp.get('/health', (c) => c.text('ok'))\napp.get('/docs', (c) => c.html(ui))\nexport default app\n" }
    expect(runOne(REGISTRY['openapi-published']!, factsFor({ files: uiOnly }), testConfig).status).toBe('partial')
  })

  it('React Router / Remix flat-route file names map to URLs as the convention does', () => {
    expect(remixUrl('api+/health.ts')).toBe('/api/health')
    expect(remixUrl('api.v1.users.$id.ts')).toBe('/api/v1/users/:id')
    expect(remixUrl('_auth+/_layout.tsx')).toBe('/')
    expect(remixUrl('posts_.$slug.edit/route.tsx')).toBe('/posts/:slug/edit')
    expect(remixUrl('sitemap[.]xml.ts')).toBe('/sitemap.xml')
    expect(remixUrl('files.$.ts')).toBe('/files/*')
    expect(remixUrl('posts.$id/comments.tsx')).toBeUndefined()
  })

  it("React Router's route config names the route modules and their paths (flatRoutes defers to the file names)", () => {
    const config = [
      "import { type RouteConfig, index, layout, prefix, route } from '@react-router/dev/routes'",
      'export default [',
      "  index('routes/home.tsx'),",
      "  route('healthz', './routes/health.ts'),",
      "  layout('routes/auth/layout.tsx', [route('login', 'routes/auth/login.tsx')]),",
      "  ...prefix('api/v1', [route('users/:id', 'routes/api/user.ts', [route('posts', 'routes/api/posts.ts')])]),",
      '] satisfies RouteConfig'
    ].join('\n')
    expect(Object.fromEntries(configuredRoutes(config)!)).toEqual({
      'routes/home.tsx': '/',
      'routes/health.ts': '/healthz',
      'routes/auth/login.tsx': '/login',
      'routes/api/user.ts': '/api/v1/users/:id',
      'routes/api/posts.ts': '/api/v1/users/:id/posts'
    })
    expect(configuredRoutes("import { flatRoutes } from '@react-router/fs-routes'\nexport default flatRoutes()\n")).toBeUndefined()
    // A long children array is cut by its brackets, not read as one capped expression: the last route is still found.
    const many = Array.from({ length: 30 }, (_, k) => `  route('page-${k}', 'routes/admin/page-${k}.tsx'),`).join('\n')
    const long = configuredRoutes(`export default [\n  ...prefix('admin', [\n${many}\n    route('healthz', 'routes/admin/health.ts'),\n  ]),\n]\n`)!
    expect([long.size, long.get('routes/admin/health.ts')]).toEqual([31, '/admin/healthz'])
    const files = {
      'package.json': pkg({ '@react-router/node': '^7', react: '^19' }),
      'app/routes.ts': config,
      'app/routes/health.ts': 'export async function loader() {\n  return Response.json({ ok: true })\n}\n',
      'app/routes/home.tsx': 'export default function Home() { return null }\n'
    }
    const out = runOne(REGISTRY['health-endpoint']!, factsFor({ files }), testConfig)
    expect(out.status).toBe('pass')
    expect(JSON.stringify(out.evidence)).toContain('GET /healthz')
  })

  it('a Next.js site without route handlers is a front end: no HTTP service to probe', () => {
    const facts = factsFor({ files: { 'package.json': pkg({ next: '^15', react: '^19' }), 'app/page.tsx': 'export default function Page() { return null }\n' } })
    expect(runOne(REGISTRY['health-endpoint']!, facts, testConfig).status).toBe('not-applicable')
  })

  it('a Next.js service without a health route is shown a route handler to add', () => {
    const facts = factsFor({ files: { 'package.json': pkg({ next: '^15' }), 'app/api/items/route.ts': 'export async function GET() {\n  return Response.json([])\n}\n' } })
    const out = runOne(REGISTRY['health-endpoint']!, facts, testConfig)
    expect(out.status).toBe('fail')
    expect(out.remediation).toContain('app/api/healthz/route.ts')
  })
})
