import { joinUrl } from '../service/text.js'

/**
 * The health catalogue's platform half (re-exported by health.ts): the health endpoints the JVM
 * frameworks serve by convention, and what ASP.NET Core health checks check. Data, one row per
 * convention or registration method, with the traps beside them; the readers are
 * service/routes/jvm-health.ts, service/routes/spring.ts and service/routes/aspnetcore-health.ts.
 */

// ---- JVM ----------------------------------------------------------------------------------------

/**
 * Health endpoints the JVM frameworks serve by convention once a dependency is present: one row
 * per convention (Spring Boot Actuator has its own reader in spring.ts). Each row says which
 * artifacts switch it on, where it serves (from the application properties, with the framework's
 * defaults), and what makes it check dependencies: auto-registered checks that come with a
 * data-access artifact, and code that registers checks.
 *
 * Traps, next to the rows: Quarkus moves health to the management port and its root path when
 * `quarkus.management.enabled=true`; a relative `root-path` is below the non-application root
 * (`/q`), an absolute one is not. Micronaut's management endpoints may sit on their own port
 * (`endpoints.all.port`) and are off with `endpoints.health.enabled: false`. Dropwizard's
 * `/healthcheck` is on the admin connector (port 8081 by default), not the application port.
 * A dependency declared `<optional>` or `compileOnly` is not on the service's runtime classpath.
 */

/** An application property by key. */
export type Prop = (key: string) => string | undefined

export interface Served {
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

/**
 * Spring Boot starters whose auto-configured health indicators make `/actuator/health` check a
 * dependency (matched as `group:starter`), unless `management.health.db.enabled` or
 * `management.health.defaults.enabled` is false.
 */
export const ACTUATOR_DEEP_STARTERS: readonly string[] = ['spring-boot-starter-data-jpa', 'spring-boot-starter-jdbc', 'spring-boot-starter-data-redis', 'spring-boot-starter-data-mongodb', 'spring-boot-starter-data-r2dbc', 'spring-boot-starter-amqp', 'spring-boot-starter-data-cassandra', 'spring-boot-starter-data-elasticsearch']

// ---- ASP.NET Core ---------------------------------------------------------------------------------

/** Calls that map a health route: `app.MapHealthChecks("/health")`, the `UseHealthChecks("/healthz")` middleware. */
export const ASPNET_HEALTH_ROUTE_CALLS: ReadonlySet<string> = new Set(['MapHealthChecks', 'UseHealthChecks'])

/**
 * What ASP.NET Core health checks check: the checks registered on `AddHealthChecks()` —
 * AspNetCore.Diagnostics.HealthChecks (Xabaril) packages, EF Core's `AddDbContextCheck<T>()`, and
 * custom `IHealthCheck` classes (`AddCheck<T>()`), whose `CheckHealthAsync` is read for a
 * dependency touch. One row per registration method.
 *
 * Trap: several names are also other libraries' methods — `AddSqlServer<TContext>()` and
 * `AddSqlite<TContext>()` register EF Core contexts, and .NET Aspire's app host has `AddRedis`,
 * `AddRabbitMQ`, `AddKafka`, `AddMySql`, `AddElasticsearch` resources. Such a row counts only on a
 * chain that starts at `AddHealthChecks()` (or a variable holding it), or when its health-check
 * package is a dependency.
 */
export interface HealthCheckRow {
  readonly method: string
  /** What it checks, shown in evidence. */
  readonly checks: string
  /** The AspNetCore.HealthChecks.* package that provides it. */
  readonly package?: string
  /** Another library has a method of the same name (see the trap above). */
  readonly ambiguous?: boolean
  /** With a type argument it registers an EF Core context, never a check (`AddSqlServer<TContext>()`). */
  readonly notWithTypeArgument?: boolean
  /** An Aspire client integration: registers its check unless its settings set `DisableHealthChecks = true`. */
  readonly aspire?: boolean
}

export const ASPNET_HEALTH_CHECKS: readonly HealthCheckRow[] = [
  { method: 'AddSqlServer', checks: 'SQL Server', package: 'AspNetCore.HealthChecks.SqlServer', ambiguous: true, notWithTypeArgument: true },
  { method: 'AddNpgSql', checks: 'PostgreSQL', package: 'AspNetCore.HealthChecks.NpgSql' },
  { method: 'AddMySql', checks: 'MySQL', package: 'AspNetCore.HealthChecks.MySql', ambiguous: true },
  { method: 'AddSqlite', checks: 'SQLite', package: 'AspNetCore.HealthChecks.Sqlite', ambiguous: true },
  { method: 'AddOracle', checks: 'Oracle', package: 'AspNetCore.HealthChecks.Oracle', ambiguous: true },
  { method: 'AddRedis', checks: 'Redis', package: 'AspNetCore.HealthChecks.Redis', ambiguous: true },
  { method: 'AddMongoDb', checks: 'MongoDB', package: 'AspNetCore.HealthChecks.MongoDb' },
  { method: 'AddRabbitMQ', checks: 'RabbitMQ', package: 'AspNetCore.HealthChecks.Rabbitmq', ambiguous: true },
  { method: 'AddKafka', checks: 'Kafka', package: 'AspNetCore.HealthChecks.Kafka', ambiguous: true },
  { method: 'AddElasticsearch', checks: 'Elasticsearch', package: 'AspNetCore.HealthChecks.Elasticsearch', ambiguous: true },
  { method: 'AddAzureBlobStorage', checks: 'Azure Blob Storage', package: 'AspNetCore.HealthChecks.Azure.Storage.Blobs' },
  { method: 'AddAzureQueueStorage', checks: 'Azure Queue Storage', package: 'AspNetCore.HealthChecks.Azure.Storage.Queues' },
  { method: 'AddAzureServiceBusQueue', checks: 'Azure Service Bus', package: 'AspNetCore.HealthChecks.AzureServiceBus' },
  { method: 'AddAzureServiceBusTopic', checks: 'Azure Service Bus', package: 'AspNetCore.HealthChecks.AzureServiceBus' },
  { method: 'AddAzureCosmosDB', checks: 'Cosmos DB', package: 'AspNetCore.HealthChecks.CosmosDb' },
  { method: 'AddAzureKeyVault', checks: 'Azure Key Vault', package: 'AspNetCore.HealthChecks.AzureKeyVault' },
  { method: 'AddDynamoDb', checks: 'DynamoDB', package: 'AspNetCore.HealthChecks.DynamoDb' },
  { method: 'AddS3', checks: 'Amazon S3', package: 'AspNetCore.HealthChecks.Aws.S3' },
  { method: 'AddNats', checks: 'NATS', package: 'AspNetCore.HealthChecks.Nats' },
  { method: 'AddConsul', checks: 'Consul', package: 'AspNetCore.HealthChecks.Consul' },
  { method: 'AddHangfire', checks: 'Hangfire', package: 'AspNetCore.HealthChecks.Hangfire' },
  { method: 'AddIdentityServer', checks: 'identity server', package: 'AspNetCore.HealthChecks.OpenIdConnectServer' },
  { method: 'AddUrlGroup', checks: 'HTTP dependency', package: 'AspNetCore.HealthChecks.Uris' },
  { method: 'AddDbContextCheck', checks: 'EF Core database' },
  // .NET Aspire client integrations register a health check for what they connect to (unless
  // `DisableHealthChecks = true`), on the host builder rather than on AddHealthChecks(). Their names
  // differ from the app host's resources (`AddRedis`, `AddPostgres`), so they need no chain.
  { method: 'AddNpgsqlDbContext', checks: 'PostgreSQL (Aspire)', aspire: true },
  { method: 'AddNpgsqlDataSource', checks: 'PostgreSQL (Aspire)', aspire: true },
  { method: 'AddSqlServerDbContext', checks: 'SQL Server (Aspire)', aspire: true },
  { method: 'AddSqlServerClient', checks: 'SQL Server (Aspire)', aspire: true },
  { method: 'AddMySqlDataSource', checks: 'MySQL (Aspire)', aspire: true },
  { method: 'AddMySqlDbContext', checks: 'MySQL (Aspire)', aspire: true },
  { method: 'AddRedisClient', checks: 'Redis (Aspire)', aspire: true },
  { method: 'AddRedisDistributedCache', checks: 'Redis (Aspire)', aspire: true },
  { method: 'AddMongoDBClient', checks: 'MongoDB (Aspire)', aspire: true },
  { method: 'AddRabbitMQClient', checks: 'RabbitMQ (Aspire)', aspire: true },
  { method: 'AddKafkaProducer', checks: 'Kafka (Aspire)', aspire: true },
  { method: 'AddAzureServiceBusClient', checks: 'Azure Service Bus (Aspire)', aspire: true },
  { method: 'AddAzureBlobClient', checks: 'Azure Blob Storage (Aspire)', aspire: true },
  { method: 'AddAzureCosmosClient', checks: 'Cosmos DB (Aspire)', aspire: true },
  { method: 'AddElasticsearchClient', checks: 'Elasticsearch (Aspire)', aspire: true }
]

/** Methods that register a custom check (`AddCheck<T>()`, `AddCheck("x", new T())`, a lambda). */
export const ASPNET_CUSTOM_CHECK_CALLS: ReadonlySet<string> = new Set(['AddCheck', 'AddTypeActivatedCheck', 'AddAsyncCheck'])
/** What a custom check's code does when it reaches a dependency, beyond DEPENDENCY_TOKENS (too broad for a handler, telling in a health check). */
export const DOTNET_CHECK_TOUCHES: readonly string[] = ['CreateDbContext', 'GetDatabase(', '.SendAsync(', '.GetAsync(', 'Database.', 'DbContext']
/** Words in a custom check's type name that say what it reaches (when its class cannot be read). */
export const DEPENDENCY_TYPE_NAME: RegExp = /(Db|Database|Sql|Mongo|Redis|Cache|Queue|Bus|Kafka|Rabbit|Elastic|Storage|Blob|Http|Url|Api|Service|Connection|Broker|Store)/
