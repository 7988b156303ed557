/**
 * Go handlers that serve an OpenAPI document or its UI, as data: one row per package, matched by
 * the import path behind the name the handler is called under (`ginSwagger.WrapHandler`,
 * `swaggo_gin_swagger.WrapHandler`), so an alias does not hide it.
 *
 * The Go route pass keeps a route whose path is `<unresolved expression> + "literal"` only when
 * its handler is one of these (or names the spec in its own name): the literal is the path below
 * an unknown prefix. Trap: the same path shape is the usual way to build a URL for an outgoing
 * request (`client.Get(baseURL + "/healthz")`, `http.Post(srv.URL + "/api/orders", …)`), which the
 * route pass cannot tell from a registration by the call alone; kept for any handler, those would
 * become health routes and handler modules that do not exist.
 */

interface DocsHandlerRow {
  readonly tool: string
  /** The package's import path. */
  readonly module: RegExp
}

export const GO_DOCS_HANDLERS: readonly DocsHandlerRow[] = [
  // `r.GET("/swagger/*any", ginSwagger.WrapHandler(swaggerFiles.Handler))`; also CustomWrapHandler.
  { tool: 'gin-swagger', module: /^github\.com\/swaggo\/gin-swagger$/ },
  // `e.GET("/swagger/*", echoSwagger.WrapHandler)`; also EchoWrapHandler.
  { tool: 'echo-swagger', module: /^github\.com\/swaggo\/echo-swagger(\/v2)?$/ },
  // `r.Get("/swagger/*", httpSwagger.Handler(httpSwagger.URL("…/doc.json")))` (chi, net/http).
  { tool: 'http-swagger', module: /^github\.com\/swaggo\/http-swagger(\/v2)?$/ },
  // The embedded Swagger UI files the swaggo wrappers serve (`swaggerFiles.Handler`).
  { tool: 'swaggo files', module: /^github\.com\/swaggo\/files(\/v2)?$/ },
  // `app.Get("/swagger/*", swagger.HandlerDefault)`; the package name `swagger` is common, so only by import.
  { tool: 'fiber swagger', module: /^github\.com\/(gofiber\/swagger|gofiber\/contrib\/swagger|arsmn\/fiber-swagger(\/v2)?|swaggo\/fiber-swagger)$/ },
  // go-swagger's runtime: `middleware.SwaggerUI(opts, nil)`, `middleware.Redoc(…)`, `middleware.Spec(…)`.
  // Trap: `middleware` is the name of many packages (chi's among them): only this import counts.
  { tool: 'go-openapi middleware', module: /^github\.com\/go-openapi\/runtime\/middleware$/ },
  { tool: 'swaggerui', module: /^github\.com\/flowchartsman\/swaggerui$/ },
  { tool: 'swgui', module: /^github\.com\/swaggest\/swgui(\/|$)/ },
  { tool: 'go-redoc', module: /^github\.com\/mvrilo\/go-redoc$/ }
]

/** A project handler that names the document or its UI (`api.ServeOpenAPI`, `docs.SwaggerHandler`). */
const DOCS_WORDS = /swagger|openapi|redoc|api[-_]?docs?\b/i
const QUALIFIER = /\b([A-Za-z_]\w*)\./g

/**
 * The docs tool a handler expression serves, or undefined: a package of the table called under
 * any name in the expression (`gin.WrapH(httpSwagger.Handler())`), else a handler named for the
 * spec. `aliases` maps the file's import names to their paths.
 */
export function docsHandler(handler: string, aliases: () => ReadonlyMap<string, string>): string | undefined {
  QUALIFIER.lastIndex = 0
  for (let m = QUALIFIER.exec(handler); m; m = QUALIFIER.exec(handler)) {
    const module = aliases().get(m[1]!)
    const row = module === undefined ? undefined : GO_DOCS_HANDLERS.find((r) => r.module.test(module))
    if (row) return row.tool
  }
  return DOCS_WORDS.test(handler) ? 'docs handler' : undefined
}
