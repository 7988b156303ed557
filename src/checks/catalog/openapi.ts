import type { Ecosystem } from '../../facts/ecosystems.js'
import type { Framework } from '../../facts/service/frameworks.js'
import { JVM_OPENAPI } from './jvm-snippets.js'
import type { ActionSignature, CommandSignature } from './match.js'

/**
 * How CI publishes an OpenAPI description beyond the running app (docs/catalogue.md, "OpenAPI published"): uploading
 * the spec as an artifact or release asset, deploying a rendered reference to Pages, or pushing
 * it to a docs portal. Artifact and release actions count only when an input names a spec file
 * (`spec` below); Pages deploys count only when the workflow also builds a Redoc/Swagger UI page
 * or the published directory holds a spec.
 */

export type PublishKind = 'artifact' | 'pages' | 'release' | 'portal' | 'commit'

export interface PublishAction extends ActionSignature {
  readonly publish: PublishKind
  /** The action counts only when one of its inputs mentions a spec file or spec directory. */
  readonly needsSpecInput?: boolean
}

export const PUBLISH_ACTIONS: readonly PublishAction[] = [
  { tool: 'upload-artifact', names: ['actions/upload-artifact'], publish: 'artifact', needsSpecInput: true },
  { tool: 'GitHub release asset', names: ['softprops/action-gh-release', 'ncipollo/release-action', 'svenstaro/upload-release-action', 'actions/upload-release-asset', 'shogo82148/actions-upload-release-asset'], publish: 'release', needsSpecInput: true },
  { tool: 'GitHub Pages', names: ['actions/upload-pages-artifact', 'peaceiris/actions-gh-pages', 'jamesives/github-pages-deploy-action'], publish: 'pages', needsSpecInput: true },
  { tool: 'Swagger UI action', names: ['legion2/swagger-ui-action'], publish: 'pages' },
  { tool: 'bump.sh', names: ['bump-sh/github-action'], publish: 'portal' },
  { tool: 'ReadMe rdme', names: ['readmeio/rdme'], publish: 'portal' },
  { tool: 'Stainless', names: ['stainless-api/upload-openapi-spec-action'], publish: 'portal' },
  { tool: 'Microcks import', names: ['microcks/import-github-action'], publish: 'portal' }
]

export interface PublishCommand extends CommandSignature {
  readonly publish: PublishKind
  readonly needsSpecArg?: boolean
}

export const PUBLISH_COMMANDS: readonly PublishCommand[] = [
  { tool: 'bump deploy', commands: ['bump'], subcommands: ['deploy'], publish: 'portal' },
  { tool: 'rdme openapi', commands: ['rdme'], subcommands: ['openapi', 'openapi:upload'], publish: 'portal' },
  { tool: 'SwaggerHub', commands: ['swaggerhub'], subcommands: ['api:create', 'api:update', 'api:publish'], publish: 'portal' },
  { tool: 'Redocly push', commands: ['redocly', 'openapi'], subcommands: ['push'], publish: 'portal' },
  { tool: 'Redoc build', commands: ['redocly', 'redoc-cli'], subcommands: ['build-docs', 'bundle'], publish: 'pages' },
  { tool: 'Scalar registry', commands: ['scalar'], subcommands: ['registry'], publish: 'portal' },
  { tool: 'gh release asset', commands: ['gh'], subcommands: ['release'], publish: 'release', needsSpecArg: true },
  { tool: 'Postman API', commands: ['postman'], subcommands: ['api'], publish: 'portal' },
  { tool: 'Stoplight push', commands: ['stoplight'], subcommands: ['push'], publish: 'portal' }
]

/** Text that names a spec file or a spec directory in an action input or a command. */
export function mentionsSpec(text: string, specPaths: readonly string[]): boolean {
  const lower = text.toLowerCase()
  if (/(openapi|swagger|oas3?|api-docs|redoc)[\w.-]*(\.(json|ya?ml|html)|\/|\b)/.test(lower)) return true
  return specPaths.some((p) => lower.includes(p.toLowerCase()) || lower.includes(p.slice(0, p.lastIndexOf('/') + 1).toLowerCase() || '\0'))
}

/** Generate-and-commit: a job that regenerates the spec and commits it back. */
export const COMMIT_ACTIONS: readonly string[] = ['stefanzweifel/git-auto-commit-action', 'endbug/add-and-commit', 'peter-evans/create-pull-request']

/** How to serve and publish a spec, per framework (Markdown). */
/** Keyed by framework, or by ecosystem for every framework of it without its own. */
export const OPENAPI_SNIPPETS: Readonly<Partial<Record<Framework | Ecosystem, string>>> = {
  fastapi: 'FastAPI serves `/openapi.json` by default: keep `openapi_url` set (do not pass `openapi_url=None`), or publish it from CI:\n```yaml\n- run: >-\n    python -c "import json; from app.main import app;\n    print(json.dumps(app.openapi()))" > openapi.json\n- uses: actions/upload-artifact@v4\n  with: { name: openapi, path: openapi.json }\n```',
  django: '`pip install drf-spectacular`, add `"drf_spectacular"` to `INSTALLED_APPS`, set `REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}`, then route it:\n```python\nfrom drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView\nurlpatterns += [\n    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),\n    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema")),\n]\n```',
  flask: 'Use flask-smorest (or APIFlask), which serves the spec:\n```python\napp.config.update(\n    API_TITLE="My API",\n    API_VERSION="v1",\n    OPENAPI_VERSION="3.0.3",\n    OPENAPI_URL_PREFIX="/",\n)\napi = Api(app)\n```',
  express: 'Serve the committed spec with swagger-ui-express:\n```js\nconst swaggerUi = require(\'swagger-ui-express\')\nconst spec = YAML.parse(fs.readFileSync(\'./openapi.yaml\', \'utf8\'))\napp.use(\'/api-docs\', swaggerUi.serve, swaggerUi.setup(spec))\n```',
  fastify: "```js\nawait fastify.register(require('@fastify/swagger'), {\n  openapi: { info: { title: 'My API', version: '1.0.0' } }\n})\nawait fastify.register(require('@fastify/swagger-ui'), {\n  routePrefix: '/documentation'\n})\n```",
  nestjs: "```ts\nconst config = new DocumentBuilder()\n  .setTitle('My API')\n  .setVersion('1.0')\n  .build()\nconst document = SwaggerModule.createDocument(app, config)\nSwaggerModule.setup('api', app, document) // JSON at /api-json\n```",
  // Node beyond the first five (hapi, Next.js, AdonisJS, Elysia, Sails).
  hapi: "`npm i hapi-swagger @hapi/inert @hapi/vision`, then register them: the spec is served at `/swagger.json`, the UI at `/documentation`.\n```js\nawait server.register([\n  Inert,\n  Vision,\n  { plugin: HapiSwagger, options: { info: { title: 'My API' } } }\n])\n```",
  nextjs: "Describe the route handlers' zod schemas with @asteasolutions/zod-to-openapi and serve the document from a route handler:\n```ts\n// app/api/openapi/route.ts\nimport { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi'\nimport { registry } from '@/lib/openapi'\n\nexport function GET() {\n  const generator = new OpenApiGeneratorV31(registry.definitions)\n  return Response.json(generator.generateDocument({\n    openapi: '3.1.0',\n    info: { title: 'My API', version: '1.0.0' }\n  }))\n}\n```",
  adonisjs: "`npm i adonis-autoswagger`, then serve the document built from your routes in `start/routes.ts`:\n```ts\nimport AutoSwagger from 'adonis-autoswagger'\nimport swagger from '#config/swagger'\n\nrouter.get('/swagger', async () => {\n  return AutoSwagger.default.docs(router.toJSON(), swagger)\n})\n```",
  elysia: "```ts\nimport { swagger } from '@elysiajs/swagger'\n\nconst app = new Elysia()\n  .use(swagger()) // UI at /swagger, JSON at /swagger/json\n```",
  sails: "`npm i sails-hook-swagger-generator`: it writes `swagger/swagger.json` from your routes when the app lifts. Serve or publish that file, for example from CI:\n```yaml\n- uses: actions/upload-artifact@v4\n  with: { name: openapi, path: swagger/swagger.json }\n```",
  go: 'Annotate handlers and generate with swaggo (`swag init -g cmd/api/main.go -o docs`), then serve it:\n```go\nr.GET("/swagger/*any", ginSwagger.WrapHandler(swaggerFiles.Handler))\n```',
  spring: 'Add `org.springdoc:springdoc-openapi-starter-webmvc-ui`: the spec is served at `/v3/api-docs` and the UI at `/swagger-ui.html`.',
  rails: 'Use rswag: `rails g rswag:install`, write request specs, run `rake rswag:specs:swaggerize`, and mount `Rswag::Api::Engine => "/api-docs"` and `Rswag::Ui::Engine => "/api-docs"` in `config/routes.rb`.',
  laravel: '`composer require dedoc/scramble`: it generates the spec from your routes, requests and resources and serves it at `/docs/api.json` (UI at `/docs/api`). To publish it from CI as well:\n```yaml\n- run: php artisan scramble:export --path=openapi.json\n- uses: actions/upload-artifact@v4\n  with: { name: openapi, path: openapi.json }\n```',
  symfony: '`composer require nelmio/api-doc-bundle`, describe the actions with `#[OA\\…]` attributes, and import its routes:\n```yaml\n# config/routes/nelmio_api_doc.yaml\napp.swagger:\n    path: /api/doc.json\n    methods: GET\n    defaults: { _controller: nelmio_api_doc.controller.swagger }\napp.swagger_ui:\n    path: /api/doc\n    methods: GET\n    defaults: { _controller: nelmio_api_doc.controller.swagger_ui }\n```',
  php: 'Describe the API with swagger-php attributes (`#[OA\\Get(path: \'/items\')]`), generate the document in CI and publish it:\n```yaml\n- run: vendor/bin/openapi src -o openapi.yaml\n- uses: actions/upload-artifact@v4\n  with: { name: openapi, path: openapi.yaml }\n```',
  phoenix: 'Add open_api_spex (`{:open_api_spex, "~> 3.21"}`), describe operations in controllers (`use OpenApiSpex.ControllerSpecs`) and serve the spec:\n```elixir\n# lib/my_app_web/router.ex\npipeline :api do\n  plug :accepts, ["json"]\n  plug OpenApiSpex.Plug.PutApiSpec, module: MyAppWeb.ApiSpec\nend\n\nscope "/api" do\n  pipe_through :api\n  get "/openapi", OpenApiSpex.Plug.RenderSpec, []\nend\n```\n`MyAppWeb.ApiSpec` implements `OpenApiSpex.OpenApi`; its `spec/0` builds the paths with `OpenApiSpex.Paths.from_router(MyAppWeb.Router)`.',
  plug: 'Add open_api_spex (`{:open_api_spex, "~> 3.21"}`), then in the Plug.Router:\n```elixir\nplug OpenApiSpex.Plug.PutApiSpec, module: MyApp.ApiSpec\nplug :match\nplug :dispatch\n\nget "/openapi", to: OpenApiSpex.Plug.RenderSpec\n```',
  axum: 'Describe the handlers with utoipa (`#[utoipa::path(get, path = "/orders", responses((status = 200, body = [Order])))]`), collect them in `#[derive(OpenApi)] #[openapi(paths(list_orders))] struct ApiDoc;`, and serve the document with utoipa-swagger-ui:\n```rust\nlet app = Router::new()\n    .merge(SwaggerUi::new("/swagger-ui").url("/api-docs/openapi.json", ApiDoc::openapi()))\n    .route("/orders", get(list_orders));\n```',
  'actix-web': 'Describe the handlers with utoipa (`#[utoipa::path(get, path = "/orders")]`), collect them in `#[derive(OpenApi)] #[openapi(paths(list_orders))] struct ApiDoc;`, and serve it:\n```rust\nApp::new()\n    .service(SwaggerUi::new("/swagger-ui/{_:.*}").url("/api-docs/openapi.json", ApiDoc::openapi()))\n    .service(list_orders)\n```',
  rocket: 'Use rocket_okapi: annotate handlers with `#[openapi]`, mount them with `openapi_get_routes![list_orders]` (which serves `openapi.json` under the mount) and the UI with `make_swagger_ui(&SwaggerUIConfig { url: "../openapi.json".to_owned(), ..Default::default() })`:\n```rust\nrocket::build()\n    .mount("/", openapi_get_routes![list_orders])\n    .mount("/swagger-ui/", make_swagger_ui(&swagger_config()))\n```',
  poem: 'With poem-openapi the service generates the document from its `#[OpenApi]` impl; serve it:\n```rust\nlet api = OpenApiService::new(OrdersApi, "Orders", "1.0").server("http://localhost:3000/api");\nlet spec = api.spec_endpoint();\nlet app = Route::new().nest("/api", api).nest("/openapi.json", spec);\n```',
  rust: 'Generate the document with utoipa (`#[derive(OpenApi)]` over `#[utoipa::path]` handlers) and serve `ApiDoc::openapi()` as JSON on a route such as `/api-docs/openapi.json` (or publish it from CI: `cargo run --bin gen-openapi > openapi.json` and upload it as a release asset).',
  aspnetcore: 'Generate the document with `Microsoft.AspNetCore.OpenApi` (.NET 9+) and serve it — outside `if (app.Environment.IsDevelopment())`, or publish it from CI:\n```csharp\nbuilder.Services.AddOpenApi();\nvar app = builder.Build();\napp.MapOpenApi(); // serves /openapi/v1.json\n```\nWith Swashbuckle: `builder.Services.AddSwaggerGen()` and `app.UseSwagger()` (serves `/swagger/v1/swagger.json`).',
  // The JVM beyond Spring: Quarkus, Micronaut, Ktor, Javalin, Dropwizard, Helidon, Vert.x, Jakarta REST.
  ...JVM_OPENAPI
}
