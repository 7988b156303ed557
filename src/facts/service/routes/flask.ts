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

/** Quart is Flask's API on asyncio: the same decorators, blueprints and mounts. */
export const QUART: PyFrameworkSpec = { ...FLASK, framework: 'quart', apps: ['Quart'], routers: [{ ctor: 'Blueprint', prefixKw: 'url_prefix' }] }

/**
 * Sanic: `Sanic("name")` apps and `Blueprint("name", url_prefix=…)` with Flask-like decorators,
 * mounted by `app.blueprint(bp)` (whose `url_prefix=` replaces the blueprint's own).
 * `app.add_route(handler, "/x")` puts the handler first: routes/python-calls.ts reads it.
 * Trap: `Blueprint.group(…, url_prefix=…)` prefixes are not followed.
 */
export const SANIC: PyFrameworkSpec = {
  framework: 'sanic',
  apps: ['Sanic'],
  routers: [{ ctor: 'Blueprint', prefixKw: 'url_prefix' }],
  decorators: { ...FLASK.decorators, head: ['HEAD'], options: ['OPTIONS'], websocket: ['WEBSOCKET'] },
  addRoute: {},
  mounts: [{ call: 'blueprint', prefixKw: 'url_prefix', replacesOwn: true, childArg: 0 }]
}

export function extractFlask(ctx: ExtractContext): Extracted {
  const routes = ctx.frameworks.has('flask') ? extractPython(ctx, [FLASK]) : []
  if (ctx.frameworks.has('quart')) routes.push(...extractPython(ctx, [QUART]))
  if (ctx.frameworks.has('sanic')) routes.push(...extractPython(ctx, [SANIC]))
  return { routes }
}
