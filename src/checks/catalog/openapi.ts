import type { Ecosystem } from '../../facts/ecosystems.js'
import type { Framework } from '../../facts/service/frameworks.js'
import { JVM_OPENAPI } from './jvm-snippets.js'
import type { ActionSignature, CommandSignature } from './match.js'
import { NODE_OPENAPI } from './node-snippets.js'

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
  // ---- Python beyond FastAPI, Django and Flask.
  connexion: 'Connexion serves the document given to `add_api` at `{base_path}/openapi.json` (Swagger UI at `/ui` with `connexion[swagger-ui]`): keep it there, or publish the committed spec from CI:\n```yaml\n- uses: actions/upload-artifact@v4\n  with: { name: openapi, path: openapi.yaml }\n```',
  pyramid: '`pip install pyramid_openapi3`, then serve the committed document (requests are validated against it too):\n```python\nconfig.include("pyramid_openapi3")\nconfig.pyramid_openapi3_spec(\n    "openapi.yaml", route="/api/openapi.yaml"\n)\nconfig.pyramid_openapi3_add_explorer(route="/api/docs/")\n```',
  tornado: 'Commit an `openapi.yaml` describing the handlers and serve it:\n```python\nclass SpecHandler(tornado.web.StaticFileHandler):\n    pass\n\napp = tornado.web.Application([\n    (r"/(openapi\\.yaml)", SpecHandler, {"path": "docs"}),\n])\n```',
  falcon: '`pip install spectree`, register it and validate the resources; it serves `/apidoc/openapi.json`:\n```python\napi = SpecTree("falcon", title="My API", version="v1")\n\nclass Items:\n    @api.validate(resp=Response(HTTP_200=ItemList))\n    def on_get(self, req, resp):\n        ...\n\napi.register(app)\n```',
  aiohttp: '`pip install aiohttp-apispec`, describe handlers with `@docs(…)`, and serve the spec:\n```python\nsetup_aiohttp_apispec(\n    app, title="My API", version="v1",\n    url="/api/docs/swagger.json",\n)\n```',
  sanic: 'Sanic Extensions (`pip install sanic-ext`) serve the spec at `/docs/openapi.json` once installed; describe operations with `@openapi.definition(…)`:\n```python\nfrom sanic_ext import Extend\n\nExtend(app)\napp.config.OAS_URL_PREFIX = "/docs"\n```',
  litestar: 'Litestar serves `/schema/openapi.json` by default: keep `openapi_config` set (not `None`):\n```python\napp = Litestar(\n    route_handlers=[...],\n    openapi_config=OpenAPIConfig(title="My API", version="1.0.0"),\n)\n```',
  quart: '`pip install quart-schema`: it serves `/openapi.json` (UI at `/docs`):\n```python\nfrom quart_schema import QuartSchema\n\nQuartSchema(app)\n```',
  bottle: 'Commit an `openapi.yaml` describing the routes and serve it:\n```python\n@app.get("/openapi.yaml")\ndef openapi_spec():\n    return static_file("openapi.yaml", root="docs")\n```',
  express: 'Serve the committed spec with swagger-ui-express:\n```js\nconst swaggerUi = require(\'swagger-ui-express\')\nconst spec = YAML.parse(fs.readFileSync(\'./openapi.yaml\', \'utf8\'))\napp.use(\'/api-docs\', swaggerUi.serve, swaggerUi.setup(spec))\n```',
  fastify: "```js\nawait fastify.register(require('@fastify/swagger'), {\n  openapi: { info: { title: 'My API', version: '1.0.0' } }\n})\nawait fastify.register(require('@fastify/swagger-ui'), {\n  routePrefix: '/documentation'\n})\n```",
  nestjs: "```ts\nconst config = new DocumentBuilder()\n  .setTitle('My API')\n  .setVersion('1.0')\n  .build()\nconst document = SwaggerModule.createDocument(app, config)\nSwaggerModule.setup('api', app, document) // JSON at /api-json\n```",
  ...NODE_OPENAPI,
  go: 'Annotate handlers and generate with swaggo (`swag init -g cmd/api/main.go -o docs`), then serve it:\n```go\nr.GET("/swagger/*any", ginSwagger.WrapHandler(swaggerFiles.Handler))\n```',
  // Huma serves `/openapi.json`, `/openapi.yaml` and `/docs` itself; Beego generates with bee.
  beego: 'Generate the spec from the `// @router` comments with bee (`bee generate docs`), then serve the swagger directory:\n```go\nweb.SetStaticPath("/swagger", "swagger")\n```',
  'go-zero': 'Generate it from the `.api` files and publish it from CI:\n```yaml\n- run: goctl api swagger --api api/service.api --dir docs\n- uses: actions/upload-artifact@v4\n  with: { name: openapi, path: docs }\n```',
  huma: 'Huma serves `/openapi.json` unless `config.OpenAPIPath` is emptied; keep the default:\n```go\nconfig := huma.DefaultConfig("My API", "1.0.0")\napi := humachi.New(router, config)\n```',
  spring: 'Add `org.springdoc:springdoc-openapi-starter-webmvc-ui`: the spec is served at `/v3/api-docs` and the UI at `/swagger-ui.html`.',
  rails: 'Use rswag: `rails g rswag:install`, write request specs, run `rake rswag:specs:swaggerize`, and mount `Rswag::Api::Engine => "/api-docs"` and `Rswag::Ui::Engine => "/api-docs"` in `config/routes.rb`.',
  // Ruby beyond Rails.
  grape: 'Add grape-swagger and serve the document from the root API (at `/swagger_doc` below its prefix and version unless `mount_path` says otherwise):\n```ruby\nrequire "grape-swagger"\n\nclass API::Root < Grape::API\n  format :json\n  mount API::Orders\n  add_swagger_documentation(\n    mount_path: "/openapi.json",\n    info: { title: "Orders API" }\n  )\nend\n```',
  sinatra: 'Keep the spec in the repository (`openapi.yaml`) and serve it, validating requests against it with committee:\n```ruby\nuse Committee::Middleware::RequestValidation,\n  schema_path: "openapi.yaml"\n\nget "/openapi.yaml" do\n  content_type "application/yaml"\n  File.read(File.join(settings.root, "openapi.yaml"))\nend\n```',
  roda: 'Keep the spec in the repository (`openapi.yaml`) and serve it from the route tree:\n```ruby\nr.get "openapi.yaml" do\n  response["Content-Type"] = "application/yaml"\n  File.read("openapi.yaml")\nend\n```\nValidating requests and responses against it (committee) keeps it honest.',
  hanami: 'Keep the spec in the repository (`public/openapi.yaml` is served as a static file when `config.public_dir` serving is on), or route it:\n```ruby\n# config/routes.rb\nget "/openapi.yaml", to: ->(_env) {\n  [200, { "content-type" => "application/yaml" },\n   [File.read("openapi.yaml")]]\n}\n```',
  laravel: '`composer require dedoc/scramble`: it generates the spec from your routes, requests and resources and serves it at `/docs/api.json` (UI at `/docs/api`). To publish it from CI as well:\n```yaml\n- run: php artisan scramble:export --path=openapi.json\n- uses: actions/upload-artifact@v4\n  with: { name: openapi, path: openapi.json }\n```',
  symfony: '`composer require nelmio/api-doc-bundle`, describe the actions with `#[OA\\…]` attributes, and import its routes:\n```yaml\n# config/routes/nelmio_api_doc.yaml\napp.swagger:\n    path: /api/doc.json\n    methods: GET\n    defaults: { _controller: nelmio_api_doc.controller.swagger }\napp.swagger_ui:\n    path: /api/doc\n    methods: GET\n    defaults: { _controller: nelmio_api_doc.controller.swagger_ui }\n```',
  php: 'Describe the API with swagger-php attributes (`#[OA\\Get(path: \'/items\')]`), generate the document in CI and publish it:\n```yaml\n- run: vendor/bin/openapi src -o openapi.yaml\n- uses: actions/upload-artifact@v4\n  with: { name: openapi, path: openapi.yaml }\n```',
  phoenix: 'Add open_api_spex (`{:open_api_spex, "~> 3.21"}`), describe operations in controllers (`use OpenApiSpex.ControllerSpecs`) and serve the spec:\n```elixir\n# lib/my_app_web/router.ex\npipeline :api do\n  plug :accepts, ["json"]\n  plug OpenApiSpex.Plug.PutApiSpec, module: MyAppWeb.ApiSpec\nend\n\nscope "/api" do\n  pipe_through :api\n  get "/openapi", OpenApiSpex.Plug.RenderSpec, []\nend\n```\n`MyAppWeb.ApiSpec` implements `OpenApiSpex.OpenApi`; its `spec/0` builds the paths with `OpenApiSpex.Paths.from_router(MyAppWeb.Router)`.',
  plug: 'Add open_api_spex (`{:open_api_spex, "~> 3.21"}`), then in the Plug.Router:\n```elixir\nplug OpenApiSpex.Plug.PutApiSpec, module: MyApp.ApiSpec\nplug :match\nplug :dispatch\n\nget "/openapi", to: OpenApiSpex.Plug.RenderSpec\n```',
  axum: 'Describe the handlers with utoipa (`#[utoipa::path(get, path = "/orders", responses((status = 200, body = [Order])))]`), collect them in `#[derive(OpenApi)] #[openapi(paths(list_orders))] struct ApiDoc;`, and serve the document with utoipa-swagger-ui:\n```rust\nlet app = Router::new()\n    .merge(\n        SwaggerUi::new("/swagger-ui")\n            .url("/api-docs/openapi.json", ApiDoc::openapi()),\n    )\n    .route("/orders", get(list_orders));\n```',
  'actix-web': 'Describe the handlers with utoipa (`#[utoipa::path(get, path = "/orders")]`), collect them in `#[derive(OpenApi)] #[openapi(paths(list_orders))] struct ApiDoc;`, and serve it:\n```rust\nApp::new()\n    .service(\n        SwaggerUi::new("/swagger-ui/{_:.*}")\n            .url("/api-docs/openapi.json", ApiDoc::openapi()),\n    )\n    .service(list_orders)\n```',
  rocket: 'Use rocket_okapi: annotate handlers with `#[openapi]`, mount them with `openapi_get_routes![list_orders]` (which serves `openapi.json` under the mount) and the UI with `make_swagger_ui(&SwaggerUIConfig { url: "../openapi.json".to_owned(), ..Default::default() })`:\n```rust\nrocket::build()\n    .mount("/", openapi_get_routes![list_orders])\n    .mount("/swagger-ui/", make_swagger_ui(&swagger_config()))\n```',
  poem: 'With poem-openapi the service generates the document from its `#[OpenApi]` impl; serve it:\n```rust\nlet api = OpenApiService::new(OrdersApi, "Orders", "1.0")\n    .server("http://localhost:3000/api");\nlet spec = api.spec_endpoint();\nlet app = Route::new().nest("/api", api).nest("/openapi.json", spec);\n```',
  rust: 'Generate the document with utoipa (`#[derive(OpenApi)]` over `#[utoipa::path]` handlers) and serve `ApiDoc::openapi()` as JSON on a route such as `/api-docs/openapi.json` (or publish it from CI: `cargo run --bin gen-openapi > openapi.json` and upload it as a release asset).',
  aspnetcore: 'Generate the document with `Microsoft.AspNetCore.OpenApi` (.NET 9+) and serve it — outside `if (app.Environment.IsDevelopment())`, or publish it from CI:\n```csharp\nbuilder.Services.AddOpenApi();\nvar app = builder.Build();\napp.MapOpenApi(); // serves /openapi/v1.json\n```\nWith Swashbuckle: `builder.Services.AddSwaggerGen()` and `app.UseSwagger()` (serves `/swagger/v1/swagger.json`).',
  // The JVM beyond Spring: Quarkus, Micronaut, Ktor, Javalin, Dropwizard, Helidon, Vert.x, Jakarta REST.
  ...JVM_OPENAPI
}
