import type { Ecosystem } from '../../facts/ecosystems.js'
import type { Framework } from '../../facts/service/frameworks.js'

/**
 * Health-route vocabulary (SIGNATURES.md §6.1). A route is a health route when the LAST segment
 * of its full path (prefixes resolved) is one of HEALTH_SEGMENTS, or when its last two segments
 * are a known pair. `status` and `up` are ambiguous (order status, a vote) and count only at the
 * root or under a generic prefix (`/api`, `/v1`, `/internal`).
 */
export const HEALTH_SEGMENTS: ReadonlySet<string> = new Set([
  'health', 'healthz', 'health-check', 'healthcheck', 'health_check', '_health', '__health', 'healthy',
  'livez', 'readyz', 'startupz', 'live', 'ready', 'readiness', 'liveness', 'alive',
  'ping', 'heartbeat', '__heartbeat__', '__lbheartbeat__', 'hc', 'ht', 'okcomputer', 'watchman'
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
  chi: ['```go', 'r.Get("/healthz", func(w http.ResponseWriter, r *http.Request) {', '\tif err := db.PingContext(r.Context()); err != nil {', '\t\thttp.Error(w, "database unavailable", http.StatusServiceUnavailable)', '\t\treturn', '\t}', '\tw.Write([]byte("ok"))', '})', '```'].join('\n'),
  gin: ['```go', 'r.GET("/healthz", func(c *gin.Context) {', '\tif err := db.PingContext(c); err != nil {', '\t\tc.JSON(503, gin.H{"status": "unavailable"})', '\t\treturn', '\t}', '\tc.JSON(http.StatusOK, gin.H{"status": "ok"})', '})', '```'].join('\n'),
  'go-net-http': ['```go', 'mux.HandleFunc("GET /healthz", healthz)', '', 'func healthz(w http.ResponseWriter, r *http.Request) {', '\tif err := db.PingContext(r.Context()); err != nil {', '\t\thttp.Error(w, "database unavailable", http.StatusServiceUnavailable)', '\t\treturn', '\t}', '\tw.Write([]byte("ok"))', '}', '```'].join('\n'),
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
  rails: ['```ruby', '# config/routes.rb (Rails ≥ 7.1)', 'get "up" => "rails/health#show", as: :rails_health_check', '```'].join('\n')
}
