import type { Ecosystem } from '../ecosystems.js'

/**
 * The health catalogue (docs/catalogue.md, "Health endpoint"): everything Shipshape knows about
 * health, as data, in one place — which paths are health routes, which libraries serve or
 * contribute to them, which code shows a dependency (deep) check, and which deployment-side checks
 * are a dependency's rather than the app's. The facts layer (route extractors, the library finder,
 * the deployment readers) and the health-endpoint check both read it; nothing here reads files.
 * The JVM and ASP.NET Core platform tables are the second half of it, in health-platforms.ts
 * (re-exported at the end), kept apart only for size. Remedy snippets are presentation and live
 * with the check (checks/catalog/health-snippets.ts).
 */

// ---- Which paths are health routes -------------------------------------------------------------

/**
 * A route is a health route when the LAST segment of its full path (prefixes resolved) is one of
 * HEALTH_SEGMENTS. `status` and `up` are ambiguous (order status, a vote) and count only at the
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

/** The health word a path ends in, or null. */
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

// ---- Health-check wrappers: a function named for health called with a health path --------------

/** Where wrappers are looked for (`health_check(application, "/health/")`, `healthcheck('/healthz')`). */
export const WRAPPER_ECOSYSTEMS: readonly Ecosystem[] = ['python', 'node']
/** The word a wrapper's name (and so its line) holds: `health_check`, `HealthCheck`, `healthcheck`. */
export const WRAPPER_NAME: RegExp = /health/i
/** The same word as written, for the whole-file pre-filter (which is case-sensitive). */
export const WRAPPER_SPELLINGS: readonly string[] = ['health', 'Health', 'HEALTH']

/**
 * How the wrapper's path differs from HEALTH_SEGMENTS. A wrapper is found from any call whose
 * callee is named for health, with no route table behind it; its path test was written on its
 * own and never took these words, so they stay out to keep reports as they are (widening it is a
 * change of its own, to be measured on the corpus). In turn, since the callee already says
 * health, any last segment that begins with `health` counts (`/health-status`, `/_healthcheck`).
 */
export const NOT_WRAPPER_SEGMENTS: ReadonlySet<string> = new Set(['startupz', 'readiness', 'liveness', '_ping', '__heartbeat__', '__lbheartbeat__', 'hc', 'ht', 'okcomputer', 'watchman'])

/** Whether a wrapper's path literal (`/health/`, `/livez`) is a health path. */
export function wrapperHealthPath(path: string): boolean {
  const word = /(?:^|\/)([\w-]+)\/?$/.exec(path)?.[1]?.toLowerCase()
  if (word === undefined) return false
  return /^_{0,2}health/.test(word) || (HEALTH_SEGMENTS.has(word) && !NOT_WRAPPER_SEGMENTS.has(word))
}

// ---- Libraries recognised by a line of the service's code --------------------------------------

/**
 * Health-check libraries recognised by a line in the service's code (settings, wiring). Routes
 * mounted through the frameworks' own calls are found by the route extractors; this table covers
 * libraries that serve their routes themselves. A new library is one row.
 */
export interface HealthLibrarySignature {
  readonly name: string
  readonly ecosystem: Ecosystem
  /** Any of these substrings on a line (comments skipped). */
  readonly tokens: readonly string[]
  /** Routes it serves by default. */
  readonly routes: readonly string[]
  /** Substrings anywhere in the service that show a dependency check registered with it. */
  readonly checks?: readonly string[]
  /** It contributes checks to another endpoint and serves nothing by itself: never a health route alone. */
  readonly contributor?: true
}

export const HEALTH_LIBRARIES: readonly HealthLibrarySignature[] = [
  { name: 'django-health-check', ecosystem: 'python', tokens: ['"health_check"', "'health_check'", 'HealthCheckView'], routes: [], checks: ['health_check.db', 'health_check.cache', 'health_check.Database', 'health_check.Cache', 'health_check.contrib.redis'] },
  { name: 'dockerflow', ecosystem: 'python', tokens: ['DockerflowMiddleware', 'Dockerflow(', 'dockerflow.fastapi'], routes: ['/__heartbeat__', '/__lbheartbeat__'] },
  { name: 'django-watchman', ecosystem: 'python', tokens: ["'watchman'", '"watchman"'], routes: [] },
  { name: 'flask-healthz', ecosystem: 'python', tokens: ['from flask_healthz import'], routes: ['/healthz/live', '/healthz/ready'] },
  { name: 'py-healthcheck', ecosystem: 'python', tokens: ['from healthcheck import HealthCheck'], routes: [] },
  { name: 'fastapi-health', ecosystem: 'python', tokens: ['from fastapi_health import'], routes: [] },
  { name: '@godaddy/terminus', ecosystem: 'node', tokens: ['createTerminus('], routes: [] },
  { name: 'lightship', ecosystem: 'node', tokens: ['createLightship('], routes: ['/health', '/live', '/ready'] },
  { name: 'express-actuator', ecosystem: 'node', tokens: ["require('express-actuator')", "from 'express-actuator'"], routes: ['/health'] },
  { name: 'fastify-healthcheck', ecosystem: 'node', tokens: ["'fastify-healthcheck'"], routes: ['/health'] },
  { name: '@fastify/under-pressure', ecosystem: 'node', tokens: ['exposeStatusRoute'], routes: ['/status'] },
  { name: 'alexliesenfeld/health', ecosystem: 'go', tokens: ['health.NewChecker('], routes: [] },
  { name: 'hellofresh/health-go', ecosystem: 'go', tokens: ['github.com/hellofresh/health-go'], routes: [] },
  // The gRPC health service answers gRPC health calls, not an HTTP route.
  { name: 'grpc health', ecosystem: 'go', tokens: ['grpc_health_v1.RegisterHealthServer', 'healthpb.RegisterHealthServer'], routes: [], contributor: true },
  // An indicator feeds Actuator's `/actuator/health`; it serves nothing without Actuator.
  { name: 'Spring HealthIndicator', ecosystem: 'java', tokens: ['implements HealthIndicator', 'extends AbstractHealthIndicator', 'implements ReactiveHealthIndicator', ': HealthIndicator'], routes: [], checks: ['Health.down(', 'Health.up('], contributor: true },
  { name: 'okcomputer', ecosystem: 'ruby', tokens: ['OkComputer::Registry.register'], routes: ['/okcomputer'] },
  { name: 'rails-healthcheck', ecosystem: 'ruby', tokens: ['Healthcheck.configure'], routes: ['/healthcheck'] },
  // Elixir plugs that answer their own paths (a `path:` option moves them); PlugCheckup is
  // mounted with `forward "/health", to: PlugCheckup`, which the route extractor sees.
  { name: 'healthchex', ecosystem: 'elixir', tokens: ['Healthchex.Probes.Liveness', 'Healthchex.Probes.Readiness'], routes: ['/health/live', '/health/ready'] },
  { name: 'plug_heartbeat', ecosystem: 'elixir', tokens: ['plug PlugHeartbeat', 'plug(PlugHeartbeat'], routes: ['/heartbeat'] },
  { name: 'plug_checkup', ecosystem: 'elixir', tokens: ['PlugCheckup.Options.new('], routes: [], checks: ['%PlugCheckup.Check{'] },
  // Rust: Loco's app routes with its defaults serve a ping and a health route (the latter checks the database and cache).
  { name: 'Loco default routes', ecosystem: 'rust', tokens: ['AppRoutes::with_default_routes('], routes: ['/_ping', '/_health'] }
]

/** Libraries that are health contributors, not endpoints by themselves. */
export const CONTRIBUTOR_LIBRARIES: ReadonlySet<string> = new Set(HEALTH_LIBRARIES.filter((l) => l.contributor).map((l) => l.name))

// ---- Libraries mounted through a framework's own routing (read by that framework's extractor) ----

export interface GoHealthMiddleware {
  /** `package.Function` as written with the package's own name. */
  readonly token: string
  /** The import path, so an aliased import (`R "github.com/go-pkgz/rest"` → `R.Ping`) is found too. */
  readonly module: RegExp
  readonly name: string
  readonly routes: readonly string[]
  /** The path is the call's first argument (`middleware.Heartbeat("/ping")`). */
  readonly pathArg?: boolean
  /**
   * The package name is common (`grpc`): the token counts only when the file imports this module
   * (under its own name or an alias), never by its name alone.
   */
  readonly importRequired?: boolean
  /** A call in the same file that switches the behaviour off (`grpc.CustomHealth()`). */
  readonly unless?: string
}

/** Go health middleware that serves routes by itself (routes/go.ts). */
export const GO_HEALTH_MIDDLEWARE: readonly GoHealthMiddleware[] = [
  { token: 'middleware.Heartbeat(', module: /^github\.com\/go-chi\/chi(\/v\d+)?\/middleware$/, name: 'chi middleware.Heartbeat', routes: [], pathArg: true },
  { token: 'healthcheck.New(', module: /^github\.com\/gofiber\/fiber\/v\d+\/middleware\/healthcheck$/, name: 'fiber healthcheck', routes: ['/livez', '/readyz'] },
  { token: 'healthcheck.NewHandler(', module: /^github\.com\/heptiolabs\/healthcheck$/, name: 'heptiolabs/healthcheck', routes: ['/live', '/ready'] },
  { token: 'rest.Ping', module: /^github\.com\/go-pkgz\/rest$/, name: 'go-pkgz/rest Ping', routes: ['/ping'] },
  // Kratos's gRPC server registers the standard grpc.health.v1 service itself unless told not to.
  { token: 'grpc.NewServer(', module: /^github\.com\/go-kratos\/kratos\/v2\/transport\/grpc$/, name: 'Kratos gRPC server (grpc.health.v1)', routes: [], importRequired: true, unless: 'CustomHealth(' },
  // grpc-gateway's mux option registers `GET /healthz`, answered by the gRPC health service.
  { token: 'runtime.WithHealthzEndpoint(', module: /^github\.com\/grpc-ecosystem\/grpc-gateway(\/v2)?\/runtime$/, name: 'grpc-gateway WithHealthzEndpoint', routes: ['/healthz'], importRequired: true }
]

/** Rails engines whose mount serves health routes, by engine (routes/rails.ts). */
export const RAILS_HEALTH_ENGINES: Readonly<Record<string, string>> = {
  'OkComputer::Engine': 'okcomputer',
  'HealthMonitor::Engine': 'health-monitor-rails',
  'HealthCheck::Engine': 'health_check'
}

/** Django health libraries whose URLconf an `include()` mounts, with the routes below it (routes/django.ts). */
export const DJANGO_HEALTH_URLCONFS: Readonly<Record<string, { name: string; routes: readonly string[] }>> = {
  'health_check.urls': { name: 'django-health-check', routes: [''] },
  'watchman.urls': { name: 'django-watchman', routes: [''] },
  'django_alive.urls': { name: 'django-alive', routes: ['alive/', 'health/'] },
  'django_healthchecks.urls': { name: 'django-healthchecks', routes: [''] }
}

/** Symfony health bundles, by the route resource they are imported with, and the routes it declares below its prefix (routes/symfony.ts). */
export const SYMFONY_HEALTH_RESOURCES: readonly { readonly resource: RegExp; readonly routes: readonly { readonly path: string; readonly handler: string; readonly library: string }[] }[] = [
  { resource: /^@LiipMonitorBundle\//, routes: [{ path: '', handler: 'liip_monitor.health_controller', library: 'LiipMonitorBundle' }] },
  { resource: /^@SymfonyHealthCheckBundle\//, routes: [{ path: '/health', handler: 'SymfonyHealthCheckBundle', library: 'symfony-health-check-bundle' }, { path: '/ping', handler: 'SymfonyHealthCheckBundle', library: 'symfony-health-check-bundle' }] }
]

// ---- Deep checks: code that touches a dependency -------------------------------------------------

/**
 * Substrings that show a handler touching a dependency (a database, a cache, another service), so
 * its health check is deep rather than shallow. Order matters: a line reports the first it holds.
 */
export const DEPENDENCY_TOKENS: readonly string[] = [
  // SQL and ORM sessions, driver pings, Prisma, Mongoose, Redis and caches, health-check helpers.
  'SELECT 1', 'select 1', 'select(1)', 'text("SELECT', '.execute(', 'ensure_connection', 'connection.cursor', 'cursor.execute', 'db.session',
  '.ping(', '.Ping(', 'PingContext(', 'pingCheck(', '$queryRaw', '$executeRaw', 'readyState', 'isConnected', 'redis', 'Redis',
  'cache.get(', 'cache.set(', 'control.ping', 'checkHealth(', 'health.check(', 'HealthIndicator',
  // Active Record, JDBC, Go's database/sql, outgoing HTTP calls.
  'ActiveRecord::Base.connection', 'connection.active?', 'getConnection(', 'isValid(', 'jdbcTemplate', 'Sql.Open', 'db.Stats', 'httpx.get(', 'requests.get(', 'fetch(',
  // PHP: Laravel facades and Eloquent queries, PDO, Doctrine DBAL/ORM, phpredis/Predis.
  'DB::', '::count()', '->getPdo(', 'Cache::', 'Redis::', '->ping(', 'EntityManager', '->executeQuery(', '->fetchOne(', '->isConnected(',
  // Elixir: an Ecto repo (`Repo.query`, `MyApp.Repo.get_uptime()`), SQL, Redis, caches, a context's health check.
  'Repo.', 'Ecto.Adapters.SQL', 'Postgrex.', 'Redix.', 'Cachex.', '.health_check(',
  // Ruby: Sequel's database object (`DB.test_connection`, `DB[:x]`, `DB.run`), Active Record's connection.
  'test_connection', 'DB[:', 'DB.run(', 'DB.fetch(',
  // Rust: request guards and pools (Rocket's `DbConn`/`Connection<Db>`), pool checkouts, redis PING.
  'DbConn', 'Connection<', '.acquire()', 'get_conn(', '.get_connection(', 'cmd("PING")',
  // .NET: EF Core, ADO.NET, MongoDB, StackExchange.Redis
  'CanConnectAsync', 'OpenAsync(', 'ExecuteScalar', 'ExecuteSqlRaw', 'RunCommandAsync', 'PingAsync('
]

// ---- Deployment-side checks that are not the app's -------------------------------------------------

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

/** Kubernetes / Helm probe keys and the kind of check each is (deploy/k8s.ts). */
export const KUBERNETES_PROBES: Readonly<Record<string, 'liveness' | 'readiness' | 'startup'>> = {
  livenessProbe: 'liveness',
  readinessProbe: 'readiness',
  startupProbe: 'startup'
}

export * from './health-platforms.js'
