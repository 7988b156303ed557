import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { adonisFile } from '../../src/facts/service/routes/adonis.js'
import { hapiFile } from '../../src/facts/service/routes/hapi.js'
import { exportedVerbs, nextUrl } from '../../src/facts/service/routes/nextjs.js'
import { sailsFile } from '../../src/facts/service/routes/sails.js'
import { bounded, hostileText, options, boundedServiceScan } from './arbitraries.js'

/** hapi, Next.js, AdonisJS, Elysia and Sails routes from arbitrary text: never a throw, bounded time. */

const NODE_TOKENS = [
  '{', '}', '[', ']', '(', ')', ',', ':', ' ', '  ', '\n', "'", '"', '`', '${', '\\', '//', '/*', '*/', '/', '.',
  'method: ', "'GET'", "['GET', 'POST']", "'*'", 'path: ', "'/health'", "'/x/{id}'", 'handler', 'handler(request, h) {', 'options: {', 'host: ', 'url: ',
  'server.route(', 'server.register(', '{ routes: { prefix: ', "'/api' } }", 'plugin: ', "import x from './x.js'\n", 'export default ', '.flat()',
  'export async function GET(', 'export const POST = ', 'export { handler as GET, handler as PUT }', 'withError(', '$queryRaw',
  "import router from '@adonisjs/core/services/router'\n", "import Route from '@ioc:Adonis/Core/Route'\n", 'router.get(', 'router.group(() => {', '}).prefix(', 'router\n  .group(', 'Route.resource(', 'router.any(',
  "import { Elysia } from 'elysia'\n", 'const app = new Elysia(', '{ prefix: ', '\n  .get(', '\n  .use(', '\n  .listen(3000)',
  "'GET /health': ", "'/': { view: 'x' }", 'module.exports.routes = {', 'OpenApiGeneratorV3', 'hapi-swagger', '@elysiajs/swagger', '\u0000', '\ufffd'
]
const nodeText = hostileText(NODE_TOKENS)
const PATH_PARTS = ['app', 'src', 'pages', 'api', '(group)', '@slot', '_private', '[id]', '[...slug]', '[[...all]]', '[', ']', 'route.ts', 'index.js', 'x.tsx', '']

describe('Node framework route readers', () => {
  it('read arbitrary text as hapi objects, AdonisJS routes, Next.js exports and Sails keys, never throw', () => {
    fc.assert(
      fc.property(nodeText, (text) => {
        const lines = text.split('\n')
        for (const r of [...bounded(() => hapiFile('a.js', lines)).routes, ...bounded(() => adonisFile('start/routes.ts', lines)), ...bounded(() => sailsFile('config/routes.js', lines))]) {
          expect(r.line).toBeGreaterThanOrEqual(1)
          expect(r.path.startsWith('/')).toBe(true)
        }
        for (const v of bounded(() => exportedVerbs(lines))) expect(v.line).toBeLessThan(lines.length)
      }),
      options(300)
    )
  })

  it('map arbitrary route file paths to URLs starting with a slash', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PATH_PARTS), { maxLength: 8 }), (parts) => {
        const url = nextUrl(parts.join('/'))
        if (url !== undefined) expect(url.startsWith('/')).toBe(true)
      }),
      options(300)
    )
  })

  it('extract routes and OpenAPI generators from arbitrary sources of each framework in bounded time', () => {
    const deps = ['@hapi/hapi', 'next', '@adonisjs/core', 'elysia', 'sails', 'hapi-swagger']
    fc.assert(
      fc.property(fc.constantFrom('src/routes/a.js', 'app/api/x/route.ts', 'pages/api/y.ts', 'start/routes.ts', 'config/routes.js', 'src/index.ts'), nodeText, nodeText, (path, text, other) => {
        boundedServiceScan(new MemorySnapshot({ 'package.json': JSON.stringify({ dependencies: Object.fromEntries(deps.map((d) => [d, '1'])) }), [path]: text, 'src/other.js': other, 'next.config.js': other }), { rooted: true })
      }),
      options(200)
    )
  })
})
