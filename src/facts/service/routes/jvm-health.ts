import type { Dependency } from '../../manifests/types.js'
import { joinUrl } from '../text.js'
import type { HealthLibrary, Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { readProperties } from './spring.js'

/**
 * Health endpoints the JVM frameworks serve by convention once a dependency is present, as data:
 * one row per convention (Spring Boot Actuator has its own reader in spring.ts). Each row says
 * which artifacts switch it on, where it serves (from the application properties, with the
 * framework's defaults), and what makes it check dependencies: auto-registered checks that come
 * with a data-access artifact, and code that registers checks.
 *
 * Traps, next to the rows: Quarkus moves health to the management port and its root path when
 * `quarkus.management.enabled=true`; a relative `root-path` is below the non-application root
 * (`/q`), an absolute one is not. Micronaut's management endpoints may sit on their own port
 * (`endpoints.all.port`) and are off with `endpoints.health.enabled: false`. Dropwizard's
 * `/healthcheck` is on the admin connector (port 8081 by default), not the application port.
 * A dependency declared `<optional>` or `compileOnly` is not on the service's runtime classpath.
 */

type Prop = (key: string) => string | undefined

interface Served {
  readonly base: string
  readonly port?: string
  readonly note: string
}

export interface HealthConvention {
  readonly name: string
  /** Artifacts (`group:artifact`, a trailing `*` for a prefix) that switch it on. */
  readonly packages: readonly string[]
  /** Where it serves, or null when configuration switches it off. */
  readonly serves: (prop: Prop) => Served | null
  /** Paths below the base that it also serves. */
  readonly subpaths: readonly string[]
  /** Artifacts whose presence registers a dependency check, and the property that turns it off. */
  readonly deepPackages?: readonly { readonly pattern: string; readonly label: string; readonly offBy?: string }[]
  /** Code tokens that register a dependency check. */
  readonly checkTokens?: readonly string[]
}

/** Quarkus: below the non-application root unless absolute; on the management interface when enabled. */
function quarkusHealth(prop: Prop): Served | null {
  if (prop('quarkus.smallrye-health.enabled') === 'false' || prop('quarkus.health.extensions.enabled') === 'false') return null
  const root = prop('quarkus.smallrye-health.root-path') ?? 'health'
  const management = prop('quarkus.management.enabled') === 'true'
  const nonApp = management ? (prop('quarkus.management.root-path') ?? 'q') : (prop('quarkus.http.non-application-root-path') ?? 'q')
  const httpRoot = management ? '' : (prop('quarkus.http.root-path') ?? '')
  const base = root.startsWith('/') ? root : nonApp.startsWith('/') ? joinUrl(nonApp, root) : joinUrl(httpRoot, nonApp, root)
  return management
    ? { base, port: prop('quarkus.management.port') ?? '9000', note: 'quarkus.management.enabled: on the management interface' }
    : { base, note: 'Quarkus SmallRye Health defaults' }
}

const MICROPROFILE_SUBPATHS = ['/live', '/ready', '/started']

export const HEALTH_CONVENTIONS: readonly HealthConvention[] = [
  {
    name: 'SmallRye Health (Quarkus)',
    packages: ['io.quarkus:quarkus-smallrye-health'],
    serves: quarkusHealth,
    subpaths: MICROPROFILE_SUBPATHS,
    // Quarkus registers readiness checks for its data sources and clients unless switched off.
    deepPackages: [
      { pattern: 'io.quarkus:quarkus-agroal', label: 'datasource', offBy: 'quarkus.datasource.health.enabled' },
      { pattern: 'io.quarkus:quarkus-jdbc-*', label: 'datasource', offBy: 'quarkus.datasource.health.enabled' },
      { pattern: 'io.quarkus:quarkus-reactive-*-client', label: 'reactive datasource', offBy: 'quarkus.datasource.health.enabled' },
      { pattern: 'io.quarkus:quarkus-mongodb-client', label: 'MongoDB', offBy: 'quarkus.mongodb.health.enabled' },
      { pattern: 'io.quarkus:quarkus-redis-client', label: 'Redis', offBy: 'quarkus.redis.health.enabled' },
      { pattern: 'io.quarkus:quarkus-messaging-kafka', label: 'Kafka messaging', offBy: 'quarkus.messaging.health.enabled' },
      { pattern: 'io.quarkus:quarkus-smallrye-reactive-messaging-kafka', label: 'Kafka messaging', offBy: 'quarkus.messaging.health.enabled' }
    ],
    // `@Startup` alone is Quarkus' eager-bean annotation, not a health check.
    checkTokens: ['@Readiness']
  },
  {
    name: 'MicroProfile Health',
    packages: ['org.eclipse.microprofile.health:microprofile-health-api', 'io.smallrye:smallrye-health', 'io.helidon.microprofile.health:helidon-microprofile-health', 'io.openliberty.features:mpHealth-*'],
    serves: () => ({ base: '/health', note: 'MicroProfile Health default' }),
    subpaths: MICROPROFILE_SUBPATHS,
    checkTokens: ['@Readiness']
  },
  {
    name: 'Micronaut management',
    packages: ['io.micronaut:micronaut-management'],
    serves: (prop) => {
      if (prop('endpoints.health.enabled') === 'false' || prop('endpoints.all.enabled') === 'false') return null
      const port = prop('endpoints.all.port')
      return { base: joinUrl(prop('endpoints.all.path') ?? '', 'health'), ...(port ? { port } : {}), note: port ? 'endpoints.all.port: on the management port' : 'Micronaut management defaults' }
    },
    subpaths: ['/liveness', '/readiness'],
    deepPackages: [
      { pattern: 'io.micronaut.sql:micronaut-jdbc*', label: 'JDBC', offBy: 'endpoints.health.jdbc.enabled' },
      { pattern: 'io.micronaut.data:micronaut-data-jdbc', label: 'JDBC', offBy: 'endpoints.health.jdbc.enabled' },
      { pattern: 'io.micronaut.redis:micronaut-redis-lettuce', label: 'Redis' },
      { pattern: 'io.micronaut.mongodb:micronaut-mongo-*', label: 'MongoDB' },
      { pattern: 'io.micronaut.kafka:micronaut-kafka', label: 'Kafka' },
      { pattern: 'io.micronaut.r2dbc:micronaut-r2dbc-core', label: 'R2DBC' }
    ],
    checkTokens: ['extends AbstractHealthIndicator', 'implements HealthIndicator', ': HealthIndicator', ': AbstractHealthIndicator']
  },
  {
    name: 'Dropwizard admin healthcheck',
    packages: ['io.dropwizard:dropwizard-core'],
    serves: () => ({ base: '/healthcheck', port: '8081', note: 'Dropwizard admin connector (port 8081 by default)' }),
    subpaths: [],
    // `JdbiFactory.build(env, …)` and Hibernate bundles register a database check themselves.
    checkTokens: ['healthChecks().register(', 'new JdbiFactory(', 'new DBIFactory(', 'HibernateBundle<']
  },
  {
    name: 'Helidon health',
    packages: ['io.helidon.webserver.observe:helidon-webserver-observe-health'],
    serves: () => ({ base: '/observe/health', note: 'Helidon 4 observability endpoint' }),
    subpaths: ['/live', '/ready', '/started'],
    checkTokens: ['DbClientHealthCheck', '@Readiness']
  },
  {
    name: 'Helidon health',
    packages: ['io.helidon.health:helidon-health'],
    serves: () => ({ base: '/health', note: 'Helidon HealthSupport default' }),
    subpaths: ['/live', '/ready'],
    checkTokens: ['DbClientHealthCheck', '@Readiness']
  }
]

function matches(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern
}

/** A runtime declaration: not optional, and not only in a test scope. */
const runtime = (d: Dependency): boolean => !d.dev && !d.optional

/** Code lines that register a dependency check (comments skipped), at most a few. */
function checkSites(ctx: ExtractContext, tokens: readonly string[]): { token: string; file: string; line: number }[] {
  const out: { token: string; file: string; line: number }[] = []
  for (const file of ctx.src.files('java')) {
    if (!ctx.src.mentions(file, tokens)) continue
    const lines = ctx.src.lines(file) ?? []
    for (let i = 0; i < lines.length && out.length < 5; i++) {
      const t = lines[i]!.trimStart()
      if (t.startsWith('//') || t.startsWith('*') || t.startsWith('import ')) continue
      const token = tokens.find((k) => lines[i]!.includes(k))
      if (token) out.push({ token: `${token} (${file.slice(file.lastIndexOf('/') + 1)})`, file, line: i + 1 })
    }
    if (out.length >= 5) break
  }
  return out
}

export function extractJvmHealth(ctx: ExtractContext): Extracted {
  const deps = ctx.manifests.manifests.flatMap((m) => m.dependencies).filter((d) => d.ecosystem === 'java' && runtime(d))
  const present = HEALTH_CONVENTIONS.map((c) => ({ c, dep: deps.find((d) => c.packages.some((p) => matches(p, d.name))) })).filter((x): x is { c: HealthConvention; dep: Dependency } => x.dep !== undefined)
  if (present.length === 0) return { routes: [] }
  const props = readProperties(ctx)
  const prop: Prop = (k) => props.get(k)?.value
  const framework = frameworkOf(ctx)
  const routes: Route[] = []
  const libraries: HealthLibrary[] = []
  const served = new Set<string>()
  for (const { c, dep } of present) {
    if (served.has(c.name)) continue
    const at = c.serves(prop)
    if (!at) continue
    served.add(c.name)
    const auto = (c.deepPackages ?? []).filter((p) => prop(p.offBy ?? '\0') !== 'false').flatMap((p) => {
      const d = deps.find((x) => matches(p.pattern, x.name))
      return d ? [{ token: `${d.name} (${p.label} check registered automatically)`, file: d.manifest, line: d.line ?? 1 }] : []
    })
    const touches = [...auto.filter((t, i) => auto.findIndex((x) => x.token === t.token) === i), ...checkSites(ctx, c.checkTokens ?? [])]
    const paths = [at.base, ...c.subpaths.map((s) => joinUrl(at.base, s))]
    const note = at.port ? `${at.note}, port ${at.port}` : at.note
    for (const p of paths) routes.push({ path: p, methods: ['GET'], framework, file: dep.manifest, line: dep.line ?? 1, library: c.name, touches, note })
    libraries.push({ name: c.name, path: dep.manifest, ...(dep.line ? { line: dep.line } : {}), text: dep.name, routes: paths, checks: touches.map((t) => t.token) })
  }
  return { routes, libraries }
}

/** The framework the convention's routes are reported under: the first JVM framework found. */
function frameworkOf(ctx: ExtractContext): Route['framework'] {
  for (const f of ['quarkus', 'micronaut', 'dropwizard', 'helidon', 'ktor', 'javalin', 'vertx', 'jaxrs', 'spring'] as const) if (ctx.frameworks.has(f)) return f
  return 'spring'
}
