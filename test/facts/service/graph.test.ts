import { describe, expect, it } from 'vitest'
import { RouteGraph } from '../../../src/facts/service/graph.js'
import { joinUrl } from '../../../src/facts/service/text.js'

/** The routing graph resolves every prefix chain, whichever way a child router is named. */

function graph(): RouteGraph {
  const g = new RouteGraph()
  g.addRouter({ file: 'main.py', name: 'app', root: true })
  g.addRouter({ file: 'users.py', name: 'router', root: false, prefix: { value: '/users' } })
  g.addRouter({ file: 'items.go', name: 'Items', root: false })
  g.addRouter({ file: 'admin.py', name: 'app', root: true })
  g.addRoute({ router: { file: 'users.py', name: 'router' }, path: { value: '/{id}' }, methods: ['GET'], framework: 'fastapi', line: 3 })
  g.addRoute({ router: { file: 'items.go', name: 'Items' }, path: { value: '/items' }, methods: ['GET'], framework: 'chi', line: 9 })
  return g
}

describe('RouteGraph', () => {
  it('follows mounts by file, by name in any file (`*`), with unknown prefixes kept apart', () => {
    const g = graph()
    g.addMount({ parent: { file: 'main.py', name: 'app' }, child: { file: 'users.py', name: 'router' }, prefix: { value: '/api' } })
    g.addMount({ parent: { file: 'main.py', name: 'app' }, child: { file: '*', name: 'Items' }, prefix: { value: '/v1' } })
    g.addMount({ parent: { file: 'admin.py', name: 'app' }, child: { file: 'users.py' }, prefix: { unknown: 'settings.ADMIN' } })
    const routes = g.resolve((parts) => joinUrl(...parts))
    expect(routes.map((r) => [r.path, r.prefixUnknown ?? null])).toEqual([
      ['/api/users/{id}', null],
      ['/users/{id}', 'settings.ADMIN'],
      ['/v1/items', null]
    ])
  })

  it('sees a mount added after a first resolve', () => {
    const g = graph()
    expect(g.resolve((parts) => joinUrl(...parts)).map((r) => r.path)).toEqual(['/users/{id}', '/items'])
    g.addMount({ parent: { file: 'main.py', name: 'app' }, child: { file: '*', name: 'Items' }, prefix: { value: '/v2' } })
    expect(g.resolve((parts) => joinUrl(...parts)).map((r) => r.path)).toEqual(['/users/{id}', '/v2/items'])
  })

  it('never climbs into an app (a root router is never mounted) and stops at cycles', () => {
    const g = graph()
    g.addMount({ parent: { file: 'users.py', name: 'router' }, child: { file: 'main.py', name: 'app' }, prefix: { value: '/loop' } })
    g.addMount({ parent: { file: 'items.go', name: 'Items' }, child: { file: '*', name: 'Items' }, prefix: { value: '/self' } })
    const paths = g.resolve((parts) => joinUrl(...parts)).map((r) => r.path)
    expect(paths).toEqual(['/users/{id}', '/items'])
  })
})
