import type { Extracted, ExtractContext } from './context.js'
import { extractPython, type PyFrameworkSpec } from './python-common.js'

/**
 * Flask routes: `@app.route`, `@bp.get`, `add_url_rule`, `Blueprint(url_prefix=…)` and
 * `register_blueprint(bp, url_prefix=…)` (whose prefix replaces the blueprint's own, as Flask
 * does), blueprints imported from other modules; also APIFlask and flask-smorest blueprints and
 * flask-restx/flask-restful `add_resource`.
 */
export const FLASK: PyFrameworkSpec = {
  framework: 'flask',
  apps: ['Flask', 'APIFlask'],
  routers: [
    { ctor: 'Blueprint', prefixKw: 'url_prefix' },
    { ctor: 'APIBlueprint', prefixKw: 'url_prefix' },
    { ctor: 'Namespace', prefixKw: 'path' },
    { ctor: 'Api', prefixKw: 'prefix' }
  ],
  decorators: {
    route: ['GET'],
    get: ['GET'],
    post: ['POST'],
    put: ['PUT'],
    delete: ['DELETE'],
    patch: ['PATCH']
  },
  addRoute: { add_url_rule: 2 },
  mounts: [
    { call: 'register_blueprint', prefixKw: 'url_prefix', replacesOwn: true, childArg: 0 },
    { call: 'add_namespace', prefixKw: 'path', replacesOwn: true, childArg: 0 }
  ]
}

export function extractFlask(ctx: ExtractContext): Extracted {
  return { routes: ctx.frameworks.has('flask') ? extractPython(ctx, [FLASK]) : [] }
}
