import { DEPENDENCY_TOKENS } from '../body.js'
import type { ExtractContext } from './context.js'
import { memoOnFile } from './context.js'
import { assignment, chains, lineAt, maskCSharp, segments, type CsText } from './csharp-text.js'

/**
 * What ASP.NET Core health checks check: the checks registered on `AddHealthChecks()` —
 * AspNetCore.Diagnostics.HealthChecks (Xabaril) packages, EF Core's `AddDbContextCheck<T>()`, and
 * custom `IHealthCheck` classes (`AddCheck<T>()`), whose `CheckHealthAsync` is read for a
 * dependency touch. Data: one row per registration method.
 *
 * Trap: several names are also other libraries' methods — `AddSqlServer<TContext>()` and
 * `AddSqlite<TContext>()` register EF Core contexts, and .NET Aspire's app host has `AddRedis`,
 * `AddRabbitMQ`, `AddKafka`, `AddMySql`, `AddElasticsearch` resources. Such a row counts only on a
 * chain that starts at `AddHealthChecks()` (or a variable holding it), or when its health-check
 * package is a dependency.
 */
/** A C# file's masked text, memoised on the file's read (shared by every extractor and service view). */
export function maskedSource(ctx: ExtractContext, file: string): CsText | undefined {
  const lines = ctx.src.lines(file)
  if (!lines) return undefined
  return memoOnFile(ctx, file, 'aspnetcore:masked', () => maskCSharp(lines.join('\n')))
}

export interface HealthCheckRow {
  readonly method: string
  /** What it checks, shown in evidence. */
  readonly checks: string
  /** The AspNetCore.HealthChecks.* package that provides it. */
  readonly package?: string
  /** Another library has a method of the same name (see the trap above). */
  readonly ambiguous?: boolean
  /** An Aspire client integration: registers its check unless its settings set `DisableHealthChecks = true`. */
  readonly aspire?: boolean
}

export const ASPNET_HEALTH_CHECKS: readonly HealthCheckRow[] = [
  { method: 'AddSqlServer', checks: 'SQL Server', package: 'AspNetCore.HealthChecks.SqlServer', ambiguous: true },
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

const CUSTOM = new Set(['AddCheck', 'AddTypeActivatedCheck', 'AddAsyncCheck'])
const BY_METHOD = new Map(ASPNET_HEALTH_CHECKS.map((r) => [r.method, r]))
const MENTIONS = ['HealthCheck', ...ASPNET_HEALTH_CHECKS.filter((r) => r.aspire).map((r) => r.method)]
/** What a custom check's code does when it reaches a dependency, beyond the shared tokens (too broad for a handler, telling in a health check). */
const DOTNET_TOUCHES = ['CreateDbContext', 'GetDatabase(', '.SendAsync(', '.GetAsync(', 'Database.', 'DbContext']
/** Words in a custom check's type name that say what it reaches. */
const DEPENDENCY_NAME = /(Db|Database|Sql|Mongo|Redis|Cache|Queue|Bus|Kafka|Rabbit|Elastic|Storage|Blob|Http|Url|Api|Service|Connection|Broker|Store)/

export interface HealthRegistration {
  /** `AddSqlServer (SQL Server)`, `AddCheck<MongoHealthCheck>`. */
  readonly name: string
  readonly file: string
  readonly line: number
  /** It reaches a dependency (a database, a cache, another service). */
  readonly dependency: boolean
}

/** Every health check registered in the service's C# files. */
export function healthRegistrations(ctx: ExtractContext, files: readonly string[]): HealthRegistration[] {
  const candidates = files.filter((f) => ctx.src.mentions(f, MENTIONS))
  if (candidates.length === 0) return []
  const deps = new Set(ctx.manifests.manifests.flatMap((m) => m.dependencies).filter((d) => d.ecosystem === 'dotnet').map((d) => d.name.toLowerCase()))
  const out: HealthRegistration[] = []
  const custom: { type: string; file: string; line: number }[] = []
  for (const file of candidates) {
    const t = maskedSource(ctx, file)
    if (!t) continue
    const builders = new Set<string>()
    for (const s of segments(t)) {
      if (!s.text.includes('Add')) continue
      const assign = assignment(s.text)
      for (const c of chains(s.text)) {
        const from = c.calls.findIndex((k) => k.name === 'AddHealthChecks' && k.args.length === 0)
        if (from >= 0 && assign) builders.add(assign.name)
        const onBuilder = from >= 0 || builders.has(c.receiver)
        c.calls.forEach((call, k) => {
          if (from >= 0 && k <= from) return
          const line = lineAt(t, s.start + call.at)
          const row = BY_METHOD.get(call.name)
          if (row) {
            if (row.aspire && call.args.some((a) => /DisableHealthChecks\s*=\s*true/.test(a))) return
            const known = onBuilder || (row.package !== undefined && deps.has(row.package.toLowerCase())) || !row.ambiguous
            if (known && !(call.name === 'AddSqlServer' && call.generic !== '')) out.push({ name: `${row.method} (${row.checks})`, file, line, dependency: true })
            return
          }
          if (!CUSTOM.has(call.name)) return
          const type = call.generic || /\bnew\s+([A-Za-z_][\w.]*)/.exec(call.args[1] ?? '')?.[1] || ''
          if (type) custom.push({ type, file, line })
          else out.push({ name: `${call.name}(${(call.args[0] ?? '').slice(0, 40)})`, file, line, dependency: DEPENDENCY_TOKENS.concat(DOTNET_TOUCHES).some((tok) => (call.args[1] ?? '').includes(tok)) })
        })
      }
    }
  }
  for (const c of custom) out.push({ name: `AddCheck<${c.type}>`, file: c.file, line: c.line, dependency: customTouches(ctx, files, c.type) })
  return out.slice(0, 50)
}

/** Whether a custom IHealthCheck class reaches a dependency: its code, else its name. */
function customTouches(ctx: ExtractContext, files: readonly string[], type: string): boolean {
  const name = type.replace(/<[\s\S]*$/, '').replace(/^.*\./, '')
  if (!/^[A-Za-z_]\w*$/.test(name)) return DEPENDENCY_NAME.test(type)
  const decl = new RegExp(`\\bclass\\s+${name}\\b`)
  for (const f of files) {
    if (!ctx.src.mentions(f, ['IHealthCheck'])) continue
    const lines = ctx.src.lines(f) ?? []
    const at = lines.findIndex((l) => decl.test(l))
    if (at < 0) continue
    const body = lines.slice(at, at + 150)
    return body.some((l) => !l.trimStart().startsWith('//') && (DEPENDENCY_TOKENS.some((tok) => l.includes(tok)) || DOTNET_TOUCHES.some((tok) => l.includes(tok))))
  }
  return DEPENDENCY_NAME.test(type)
}
