import type { Ecosystem } from '../../facts/ecosystems.js'
import type { Framework } from '../../facts/service/frameworks.js'
import { JVM_HEALTH } from './jvm-snippets.js'
import { NODE_HEALTH } from './node-snippets.js'

/**
 * Health-route vocabulary (docs/catalogue.md, "Health endpoint"). A route is a health route when the LAST segment
 * of its full path (prefixes resolved) is one of HEALTH_SEGMENTS, or when its last two segments
 * are a known pair. `status` and `up` are ambiguous (order status, a vote) and count only at the
 * root or under a generic prefix (`/api`, `/v1`, `/internal`).
 */
export const HEALTH_SEGMENTS: ReadonlySet<string> = new Set([
  'health', 'healthz', 'health-check', 'healthcheck', 'health_check', '_health', '__health', 'healthy',
  'livez', 'readyz', 'startupz', 'live', 'ready', 'readiness', 'liveness', 'alive',
  'ping', '_ping', 'heartbeat', '__heartbeat__', '__lbheartbeat__', 'hc', 'ht', 'okcomputer', 'watchman'
])

export const AMBIGUOUS_SEGMENTS: ReadonlySet<string> = new Set(['status', '_status', 'up'])

/** Prefix segments that carry no business meaning. */
export const GENERIC_SEGMENTS: ReadonlySet<string> = new Set(['api', 'internal', '_', '-', 'system', 'ops', 'meta', 'management', 'admin', 'actuator', 'private', 'public', 'service', 'app'])

/** Not health even though it is operational (`/metrics`, `/__version__`). */
export const NOT_HEALTH: ReadonlySet<string> = new Set(['metrics', '__version__', 'version', 'info'])

export function healthSegment(path: string): string | null {
  const segs = path.split('/').filter((s) => s !== '' && !s.startsWith(':') && !s.startsWith('{') && !s.startsWith('<'))
  const last = (segs[segs.length - 1] ?? '').toLowerCase().replace(/\/$/, '')
  if (NOT_HEALTH.has(last)) return null
  if (HEALTH_SEGMENTS.has(last)) return last
  if (AMBIGUOUS_SEGMENTS.has(last)) {
    // A parameter before it makes it a resource's status (`/:projectId/status`), never the app's.
    const all = path.split('/').filter((s) => s !== '')
    const before = all.slice(0, all.lastIndexOf(segs[segs.length - 1]!)).map((s) => s.toLowerCase())
    if (before.every((s) => GENERIC_SEGMENTS.has(s) || /^v\d+$/.test(s))) return last
  }
  return null
}

/** Docker images whose compose healthcheck checks a dependency, not the app. */
export const DEPENDENCY_IMAGES: readonly string[] = ['postgres', 'postgis', 'mysql', 'mariadb', 'mongo', 'redis', 'valkey', 'rabbitmq', 'memcached', 'elasticsearch', 'opensearch', 'kafka', 'zookeeper', 'minio', 'localstack', 'clickhouse', 'cassandra', 'nats', 'etcd', 'consul', 'vault', 'keycloak', 'mailhog', 'mailpit']

/**
 * Registries and namespaces of other projects' components: a probe on such a container (a vendored
 * `metrics-server.yaml`, `registry.k8s.io/...`) checks that component. Trap: `quay.io/`, `ghcr.io/`
 * and Docker Hub user namespaces host services of every kind; only third-party-only ones are listed.
 */
export const THIRD_PARTY_IMAGE_PREFIXES: readonly string[] = ['registry.k8s.io/', 'k8s.gcr.io/', 'gcr.io/google_containers/', 'gcr.io/google-containers/', 'bitnami/', 'docker.io/bitnami/', 'docker.io/library/', 'quay.io/jetstack/', 'quay.io/prometheus/', 'grafana/', 'docker.io/grafana/']

/**
 * Compose services (name or image) that run once and wait: database migrations, init and seed
 * jobs. Their healthcheck (`pgrep sleep` after `AND_THEN=sleep infinity`) says the job finished,
 * not that the service serves.
 */
export const ONE_OFF_SERVICES: RegExp = /(^|[-_/])(db-?init|init|migrat\w*|migrations?|seed\w*|setup|bootstrap)([-_:.]|$)/i

/** Commands of dependency checks (`pg_isready`) in a deployment healthcheck. */
export const DEPENDENCY_COMMANDS: readonly string[] = ['pg_isready', 'redis-cli', 'mysqladmin', 'mongosh', 'mongo --eval', 'rabbitmq-diagnostics', 'cqlsh', 'nc -z']

/** A health endpoint to add, per framework (Markdown snippets). */
export const HEALTH_SNIPPETS: Readonly<Partial<Record<Framework | Ecosystem, string>>> = {
  fastapi: [
    '```python',
    'from fastapi import APIRouter, Depends, HTTPException',
    'from sqlalchemy import text',
    '',
    'router = APIRouter()',
    '',
    '@router.get("/healthz", include_in_schema=False)',
    'def healthz(session: Session = Depends(get_session)) -> dict[str, str]:',
    '    try:',
    '        session.execute(text("SELECT 1"))',
    '    except Exception as exc:',
    '        raise HTTPException(503, detail="database unavailable") from exc',
    '    return {"status": "ok"}',
    '```'
  ].join('\n'),
  django: [
    '`pip install django-health-check`, then:',
    '```python',
    '# settings.py',
    'INSTALLED_APPS += ["health_check", "health_check.db", "health_check.cache"]',
    '# urls.py',
    'urlpatterns += [path("health/", include("health_check.urls"))]',
    '```'
  ].join('\n'),
  flask: ['```python', '@app.get("/healthz")', 'def healthz():', '    db.session.execute(text("SELECT 1"))', '    return {"status": "ok"}', '```'].join('\n'),
  // ---- Python beyond FastAPI, Django and Flask (Quart shares Flask's; Connexion is `like` Flask).
  pyramid: [
    '```python',
    '# in includeme(config) or the app factory',
    'config.add_route("healthz", "/healthz")',
    '',
    '@view_config(route_name="healthz", renderer="json")',
    'def healthz(request):',
    '    request.db.execute(text("SELECT 1"))',
    '    return {"status": "ok"}',
    '```'
  ].join('\n'),
  tornado: [
    '```python',
    'class HealthHandler(tornado.web.RequestHandler):',
    '    async def get(self):',
    '        await self.application.db.execute("SELECT 1")',
    '        self.write({"status": "ok"})',
    '',
    'app = tornado.web.Application([(r"/healthz", HealthHandler)])',
    '```'
  ].join('\n'),
  falcon: [
    '```python',
    'class Health:',
    '    def on_get(self, req, resp):',
    '        with engine.connect() as conn:',
    '            conn.execute(text("SELECT 1"))',
    '        resp.media = {"status": "ok"}',
    '',
    'app.add_route("/healthz", Health())',
    '```'
  ].join('\n'),
  aiohttp: [
    '```python',
    'async def healthz(request: web.Request) -> web.Response:',
    '    async with request.app["db"].acquire() as conn:',
    '        await conn.execute("SELECT 1")',
    '    return web.json_response({"status": "ok"})',
    '',
    'app.router.add_get("/healthz", healthz)',
    '```'
  ].join('\n'),
  sanic: [
    '```python',
    '@app.get("/healthz")',
    'async def healthz(request):',
    '    async with request.app.ctx.db.acquire() as conn:',
    '        await conn.execute("SELECT 1")',
    '    return json({"status": "ok"})',
    '```'
  ].join('\n'),
  litestar: [
    '```python',
    '@get("/healthz", include_in_schema=False)',
    'async def healthz(db_session: AsyncSession) -> dict[str, str]:',
    '    await db_session.execute(text("SELECT 1"))',
    '    return {"status": "ok"}',
    '',
    'app = Litestar(route_handlers=[healthz, ...])',
    '```'
  ].join('\n'),
  bottle: [
    '```python',
    '@app.get("/healthz")',
    'def healthz():',
    '    with engine.connect() as conn:',
    '        conn.execute(text("SELECT 1"))',
    '    return {"status": "ok"}',
    '```'
  ].join('\n'),
  express: ["```js", "app.get('/healthz', async (req, res) => {", '  try {', '    await db.query(\'SELECT 1\')', "    res.json({ status: 'ok' })", '  } catch {', "    res.status(503).json({ status: 'unavailable' })", '  }', '})', '```'].join('\n'),
  fastify: ["```js", "fastify.get('/healthz', async () => {", "  await fastify.pg.query('SELECT 1')", "  return { status: 'ok' }", '})', '```'].join('\n'),
  nestjs: [
    '`npm i @nestjs/terminus`, import `TerminusModule`, then:',
    '```ts',
    "@Controller('health')",
    'export class HealthController {',
    '  constructor(',
    '    private health: HealthCheckService,',
    '    private db: TypeOrmHealthIndicator',
    '  ) {}',
    '  @Get()',
    '  @HealthCheck()',
    '  check() {',
    "    return this.health.check([() => this.db.pingCheck('database')])",
    '  }',
    '}',
    '```'
  ].join('\n'),
  ...NODE_HEALTH,
  chi: ['```go', 'r.Get("/healthz", func(w http.ResponseWriter, r *http.Request) {', '\tif err := db.PingContext(r.Context()); err != nil {', '\t\thttp.Error(w, "database unavailable", http.StatusServiceUnavailable)', '\t\treturn', '\t}', '\tw.Write([]byte("ok"))', '})', '```'].join('\n'),
  gin: ['```go', 'r.GET("/healthz", func(c *gin.Context) {', '\tif err := db.PingContext(c); err != nil {', '\t\tc.JSON(503, gin.H{"status": "unavailable"})', '\t\treturn', '\t}', '\tc.JSON(http.StatusOK, gin.H{"status": "ok"})', '})', '```'].join('\n'),
  'go-net-http': ['```go', 'mux.HandleFunc("GET /healthz", healthz)', '', 'func healthz(w http.ResponseWriter, r *http.Request) {', '\tif err := db.PingContext(r.Context()); err != nil {', '\t\thttp.Error(w, "database unavailable", http.StatusServiceUnavailable)', '\t\treturn', '\t}', '\tw.Write([]byte("ok"))', '}', '```'].join('\n'),
  // Go, more frameworks: Buffalo is `like` gin, grpc-gateway `like` net/http (its mux serves net/http handlers).
  beego: [
    '```go',
    'web.Get("/healthz", func(ctx *context.Context) {',
    '\tvar one int',
    '\terr := orm.NewOrm().Raw("SELECT 1").QueryRow(&one)',
    '\tif err != nil {',
    '\t\tctx.Output.SetStatus(http.StatusServiceUnavailable)',
    '\t\treturn',
    '\t}',
    '\tctx.Output.Body([]byte("ok"))',
    '})',
    '```'
  ].join('\n'),
  'go-zero': [
    'Enable the dev server (it answers `/healthz` on its own port), in `etc/<service>.yaml`:',
    '```yaml',
    'DevServer:',
    '  Enabled: true',
    '  Port: 6470',
    '  HealthPath: /healthz',
    '```',
    'For readiness that checks the database, add a route in the `.api` file (`get /readyz`) whose logic pings it.'
  ].join('\n'),
  huma: [
    '```go',
    'type healthOut struct{ Body struct{ Status string } }',
    '',
    'huma.Get(api, "/healthz",',
    '\tfunc(ctx context.Context, _ *struct{}) (*healthOut, error) {',
    '\t\tif err := db.PingContext(ctx); err != nil {',
    '\t\t\treturn nil, huma.Error503ServiceUnavailable("db down")',
    '\t\t}',
    '\t\tout := &healthOut{}',
    '\t\tout.Body.Status = "ok"',
    '\t\treturn out, nil',
    '\t})',
    '```'
  ].join('\n'),
  spring: [
    'Add `org.springframework.boot:spring-boot-starter-actuator` and expose health:',
    '```yaml',
    '# application.yml',
    'management:',
    '  endpoints.web.exposure.include: health,info',
    '  endpoint.health.probes.enabled: true',
    '```',
    'Kubernetes probes can then use `/actuator/health/liveness` and `/actuator/health/readiness`.'
  ].join('\n'),
  rails: ['```ruby', '# config/routes.rb (Rails ≥ 7.1)', 'get "up" => "rails/health#show", as: :rails_health_check', '```'].join('\n'),
  // Ruby beyond Rails: a route in the app's own DSL that checks the database (Sequel shown).
  sinatra: ['```ruby', 'get "/healthz" do', '  DB.test_connection', '  content_type :json', "  { status: 'ok' }.to_json", 'end', '```'].join('\n'),
  grape: ['```ruby', 'class API::Health < Grape::API', '  get :healthz do', '    ActiveRecord::Base.connection.execute("SELECT 1")', "    { status: 'ok' }", '  end', 'end', '# in the root API: mount API::Health', '```'].join('\n'),
  hanami: [
    '```ruby',
    '# config/routes.rb',
    'get "/healthz", to: "health.show"',
    '',
    '# app/actions/health/show.rb',
    'module MyApp',
    '  module Actions',
    '    module Health',
    '      class Show < MyApp::Action',
    '        include Deps["db.gateway"]',
    '',
    '        def handle(_request, response)',
    '          gateway.connection.test_connection',
    "          response.format = :json",
    "          response.body = { status: 'ok' }.to_json",
    '        end',
    '      end',
    '    end',
    '  end',
    'end',
    '```'
  ].join('\n'),
  roda: ['```ruby', 'route do |r|', '  r.get "healthz" do', '    DB.test_connection', "    { status: 'ok' } # with plugin :json", '  end', '  # … the other branches', 'end', '```'].join('\n'),
  laravel: [
    'Laravel 11+ serves `/up` when `bootstrap/app.php` routes it: `->withRouting(web: …, health: \'/up\')`. For a readiness route that checks the database and cache:',
    '```php',
    '// routes/api.php',
    "Route::get('/ready', function () {",
    '    DB::connection()->getPdo();',
    "    Cache::store()->get('ready');",
    "    return response()->json(['status' => 'ok']);",
    '});',
    '```'
  ].join('\n'),
  symfony: [
    '```php',
    '// src/Controller/HealthController.php',
    "#[Route('/healthz', name: 'healthz', methods: ['GET'])]",
    'public function __invoke(Connection $db): JsonResponse',
    '{',
    "    $db->executeQuery('SELECT 1');",
    "    return new JsonResponse(['status' => 'ok']);",
    '}',
    '```'
  ].join('\n'),
  php: [
    '```php',
    "$app->get('/healthz', function (",
    '    Request $request,',
    '    Response $response',
    ') use ($pdo) {',
    "    $pdo->query('SELECT 1');",
    "    $response->getBody()->write('{\"status\":\"ok\"}');",
    "    return $response->withHeader('Content-Type', 'application/json');",
    '});',
    '```'
  ].join('\n'),
  phoenix: [
    '```elixir',
    '# lib/my_app_web/router.ex',
    'scope "/", MyAppWeb do',
    '  get "/healthz", HealthController, :show',
    'end',
    '',
    '# lib/my_app_web/controllers/health_controller.ex',
    'defmodule MyAppWeb.HealthController do',
    '  use MyAppWeb, :controller',
    '',
    '  def show(conn, _params) do',
    '    case Ecto.Adapters.SQL.query(MyApp.Repo, "SELECT 1", []) do',
    '      {:ok, _} -> json(conn, %{status: "ok"})',
    '      {:error, _} ->',
    '        conn |> put_status(503) |> json(%{status: "unavailable"})',
    '    end',
    '  end',
    'end',
    '```'
  ].join('\n'),
  plug: [
    '```elixir',
    '# in the Plug.Router that serves the app',
    'get "/healthz" do',
    '  case Ecto.Adapters.SQL.query(MyApp.Repo, "SELECT 1", []) do',
    '    {:ok, _} -> send_resp(conn, 200, "ok")',
    '    {:error, _} -> send_resp(conn, 503, "database unavailable")',
    '  end',
    'end',
    '```'
  ].join('\n'),
  // Rust: one per framework; `rust` covers the others (warp, tide, poem, loco: `/_health` is built in).
  axum: [
    '```rust',
    'async fn healthz(State(pool): State<PgPool>) -> StatusCode {',
    '    match sqlx::query("SELECT 1").execute(&pool).await {',
    '        Ok(_) => StatusCode::OK,',
    '        Err(_) => StatusCode::SERVICE_UNAVAILABLE,',
    '    }',
    '}',
    '',
    'let app = Router::new().route("/healthz", get(healthz)).with_state(pool);',
    '```'
  ].join('\n'),
  'actix-web': [
    '```rust',
    '#[get("/healthz")]',
    'async fn healthz(pool: web::Data<PgPool>) -> HttpResponse {',
    '    match sqlx::query("SELECT 1").execute(pool.get_ref()).await {',
    '        Ok(_) => HttpResponse::Ok().finish(),',
    '        Err(_) => HttpResponse::ServiceUnavailable().finish(),',
    '    }',
    '}',
    '',
    '// App::new().service(healthz)',
    '```'
  ].join('\n'),
  rocket: [
    '```rust',
    '#[get("/healthz")]',
    'async fn healthz(mut db: Connection<Db>) -> Status {',
    '    match sqlx::query("SELECT 1").execute(&mut **db).await {',
    '        Ok(_) => Status::Ok,',
    '        Err(_) => Status::ServiceUnavailable,',
    '    }',
    '}',
    '',
    '// rocket::build().mount("/", routes![healthz])',
    '```'
  ].join('\n'),
  rust: [
    '```rust',
    '// warp (poem and tide alike): a route that answers 503',
    '// when the database does not',
    'let db = pool.clone();',
    'let healthz = warp::path!("healthz").and(warp::get()).then(move || {',
    '    let db = db.clone();',
    '    async move {',
    '        match sqlx::query("SELECT 1").execute(&db).await {',
    '            Ok(_) => warp::http::StatusCode::OK,',
    '            Err(_) => warp::http::StatusCode::SERVICE_UNAVAILABLE,',
    '        }',
    '    }',
    '});',
    '```'
  ].join('\n'),
  aspnetcore: [
    'Register the checks (`AspNetCore.HealthChecks.NpgSql` and friends for dependencies) and map a liveness and a readiness route:',
    '```csharp',
    'builder.Services.AddHealthChecks()',
    '    .AddNpgSql(',
    '        builder.Configuration.GetConnectionString("Default")!,',
    '        tags: ["ready"]);',
    '',
    'app.MapHealthChecks("/healthz/live", new HealthCheckOptions',
    '{',
    '    Predicate = _ => false',
    '});',
    'app.MapHealthChecks("/healthz/ready", new HealthCheckOptions',
    '{',
    '    Predicate = c => c.Tags.Contains("ready")',
    '});',
    '```'
  ].join('\n'),
  // The JVM beyond Spring: Quarkus, Micronaut, Ktor, Javalin, Dropwizard, Helidon, Vert.x, Jakarta REST.
  ...JVM_HEALTH
}
