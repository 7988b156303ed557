/**
 * Fix snippets for the Node frameworks beyond Express, Fastify, NestJS, Koa and Hono: hapi,
 * Next.js route handlers, React Router / Remix resource routes, AdonisJS, Elysia and Sails
 * (Markdown, keyed by framework).
 */

/** The body of a web-standard (Request/Response) health handler: a database round trip, 503 when it fails. */
const FETCH_HEALTH_BODY = [
  '  try {',
  '    await prisma.$queryRaw`SELECT 1`',
  "    return Response.json({ status: 'ok' })",
  '  } catch {',
  "    return Response.json({ status: 'unavailable' }, { status: 503 })",
  '  }'
]

/** A health endpoint to add. */
export const NODE_HEALTH = {
  hapi: [
    '```js',
    'server.route({',
    "  method: 'GET',",
    "  path: '/healthz',",
    '  options: { auth: false },',
    '  async handler(request, h) {',
    '    try {',
    "      await db.query('SELECT 1')",
    "      return { status: 'ok' }",
    '    } catch {',
    "      return h.response({ status: 'unavailable' }).code(503)",
    '    }',
    '  }',
    '})',
    '```'
  ].join('\n'),
  nextjs: [
    '```ts',
    '// app/api/healthz/route.ts',
    "export const dynamic = 'force-dynamic'",
    '',
    'export async function GET() {',
    ...FETCH_HEALTH_BODY,
    '}',
    '```'
  ].join('\n'),
  remix: [
    '```ts',
    '// app/routes/healthz.ts: a resource route (a loader and no component)',
    'export async function loader() {',
    ...FETCH_HEALTH_BODY,
    '}',
    '```'
  ].join('\n'),
  adonisjs: [
    'AdonisJS 6 ships health checks: run `node ace configure health_checks`,',
    'then route them in `start/routes.ts`:',
    '```ts',
    "import { healthChecks } from '#start/health'",
    '',
    "router.get('/healthz', async ({ response }) => {",
    '  const report = await healthChecks.run()',
    '  return report.isHealthy',
    '    ? response.ok(report)',
    '    : response.serviceUnavailable(report)',
    '})',
    '```'
  ].join('\n'),
  elysia: [
    '```ts',
    "app.get('/healthz', async ({ set }) => {",
    '  try {',
    '    await sql`SELECT 1`',
    "    return { status: 'ok' }",
    '  } catch {',
    '    set.status = 503',
    "    return { status: 'unavailable' }",
    '  }',
    '})',
    '```'
  ].join('\n'),
  sails: [
    '```js',
    '// config/routes.js',
    "'GET /healthz': 'HealthController.check',",
    '// api/controllers/HealthController.js',
    'module.exports = {',
    '  async check(req, res) {',
    "    try {",
    "      await sails.getDatastore().sendNativeQuery('SELECT 1')",
    "      return res.json({ status: 'ok' })",
    '    } catch {',
    "      return res.status(503).json({ status: 'unavailable' })",
    '    }',
    '  }',
    '}',
    '```'
  ].join('\n'),
} as const

/** How to serve and publish an OpenAPI document. */
export const NODE_OPENAPI = {
  hapi: "`npm i hapi-swagger @hapi/inert @hapi/vision`, then register them: the spec is served at `/swagger.json`, the UI at `/documentation`.\n```js\nawait server.register([\n  Inert,\n  Vision,\n  { plugin: HapiSwagger, options: { info: { title: 'My API' } } }\n])\n```",
  nextjs: "Describe the route handlers' zod schemas with @asteasolutions/zod-to-openapi and serve the document from a route handler:\n```ts\n// app/api/openapi/route.ts\nimport { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi'\nimport { registry } from '@/lib/openapi'\n\nexport function GET() {\n  const generator = new OpenApiGeneratorV31(registry.definitions)\n  return Response.json(generator.generateDocument({\n    openapi: '3.1.0',\n    info: { title: 'My API', version: '1.0.0' }\n  }))\n}\n```",
  remix: "Build the document from your schemas (zod-to-openapi, or trpc-to-openapi for a tRPC router) and serve it from a resource route:\n```ts\n// app/routes/api.openapi[.]json.ts\nimport { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi'\nimport { registry } from '~/lib/openapi'\n\nexport function loader() {\n  const generator = new OpenApiGeneratorV31(registry.definitions)\n  return Response.json(generator.generateDocument({\n    openapi: '3.1.0',\n    info: { title: 'My API', version: '1.0.0' }\n  }))\n}\n```",
  adonisjs: "`npm i adonis-autoswagger`, then serve the document built from your routes in `start/routes.ts`:\n```ts\nimport AutoSwagger from 'adonis-autoswagger'\nimport swagger from '#config/swagger'\n\nrouter.get('/swagger', async () => {\n  return AutoSwagger.default.docs(router.toJSON(), swagger)\n})\n```",
  elysia: "```ts\nimport { swagger } from '@elysiajs/swagger'\n\nconst app = new Elysia()\n  .use(swagger()) // UI at /swagger, JSON at /swagger/json\n```",
  sails: "`npm i sails-hook-swagger-generator`: it writes `swagger/swagger.json` from your routes when the app lifts. Serve or publish that file, for example from CI:\n```yaml\n- uses: actions/upload-artifact@v4\n  with: { name: openapi, path: swagger/swagger.json }\n```",
} as const
