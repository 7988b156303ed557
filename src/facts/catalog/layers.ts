import type { Ecosystem } from '../ecosystems.js'
import type { Framework } from '../service/frameworks.js'

/**
 * What the layered-architecture check knows, as data: which files are handler modules in each
 * stack, what counts as infrastructure when a handler module touches it directly, and the stack
 * conventions under which a framework's model API is the domain layer rather than infrastructure.
 * Facts (facts/layers.ts) apply these rows to the code; the check judges the counts.
 */

export type InfraKind = 'database' | 'http' | 'cache' | 'queue' | 'cloud'

/**
 * One kind of infrastructure access in one stack: imports of `modules` (prefix-aware per
 * ecosystem) or code lines containing one of `tokens`. `convention` names the stack convention
 * under which the row is the model API and not infrastructure.
 */
export interface InfraRow {
  readonly label: string
  readonly ecosystem: Ecosystem
  readonly kind: InfraKind
  readonly modules?: readonly string[]
  readonly tokens?: readonly string[]
  /** Modules under `modules` that are only types or errors, not access. */
  readonly except?: readonly string[]
  /** The conventions (any of them) under which the row is the model API and not infrastructure. */
  readonly convention?: ConventionId | readonly ConventionId[]
}

export type ConventionId = 'django-models' | 'rails-active-record' | 'ruby-models' | 'laravel-eloquent' | 'phoenix-contexts'

export interface Convention {
  readonly id: ConventionId
  readonly frameworks: readonly Framework[]
  /** Stated in the evidence when applied. */
  readonly statement: string
}

export const CONVENTIONS: readonly Convention[] = [
  { id: 'django-models', frameworks: ['django', 'drf'], statement: 'Django convention applied: model managers and querysets (`Model.objects…`) used from views are the domain layer, not infrastructure; raw SQL, connections and outbound clients still count' },
  { id: 'rails-active-record', frameworks: ['rails'], statement: 'Rails convention applied: Active Record models used from controllers are the domain layer, not infrastructure; raw SQL, connections, caches and outbound clients still count' },
  // Sinatra, Grape, Hanami and Roda apps use Sequel::Model or Active Record models the same way.
  { id: 'ruby-models', frameworks: ['sinatra', 'grape', 'hanami', 'roda'], statement: 'Ruby model convention applied: Sequel::Model and Active Record models used from handlers are the domain layer, not infrastructure; raw datasets (`DB[:table]`, `DB.transaction`), SQL, caches and outbound clients still count' },
  { id: 'laravel-eloquent', frameworks: ['laravel', 'lumen'], statement: 'Laravel convention applied: Eloquent models used from controllers are the domain layer, not infrastructure; `DB::`, `Cache::`, `Redis::`, `Http::` and outbound clients still count' },
  { id: 'phoenix-contexts', frameworks: ['phoenix'], statement: 'Phoenix convention applied: contexts are the domain layer; `Repo` and Ecto queries, outbound clients and caches used from controllers count as infrastructure' }
]

/**
 * Handler modules a framework's route table does not point at directly: files recognised by
 * their path (`path`) or by a line containing one of `tokens` (a controller annotation, a view
 * base class). Route files of decorator frameworks (FastAPI, Flask, Express, gin…) come from the
 * route facts themselves.
 *
 * Traps: `views.py` of a Django app that only renders templates is still a handler module; Go
 * handlers are recognised by their parameter types, so a client taking an `*http.Request` built by
 * the service would be counted too (rare outside handlers).
 */
export interface HandlerSignature {
  readonly ecosystem: Ecosystem
  readonly path?: RegExp
  readonly tokens?: readonly string[]
  /**
   * A sure sign of an HTTP service on its own (a Tornado `RequestHandler` subclass, a Next.js
   * route handler, an ASP.NET controller): used when the framework table knows none of the
   * repository's frameworks. Weak rows (a `handlers/` directory) then count only beside a strong hit.
   */
  readonly strong?: boolean
}

export const HANDLER_SIGNATURES: readonly HandlerSignature[] = [
  { ecosystem: 'python', path: /(^|\/)(views?|viewsets|api_views|apihandlers?|handlers)(\/[^/]+)?\.py$/ },
  // FastAPI and Flask route files come from the route facts; these are the class-based views they do not point at.
  { ecosystem: 'python', tokens: ['@api_view', 'ViewSet)', 'APIView)'] },
  { ecosystem: 'python', tokens: ['@view_config(', '(RequestHandler)', '(web.RequestHandler)', '(tornado.web.RequestHandler)'], strong: true },
  // Falcon resources (classes or modules) answer through responders `on_get(req, resp)`; aiohttp class-based views.
  { ecosystem: 'python', tokens: ['def on_get(', 'def on_post(', 'def on_put(', 'def on_delete(', 'def on_patch(', '(web.View)'], strong: true },
  { ecosystem: 'node', path: /(^|\/)app\/(.+\/)?route\.(ts|js)$|(^|\/)pages\/api\/.+\.(ts|js)$/, strong: true },
  { ecosystem: 'node', path: /\.controller\.(ts|js)$/ },
  { ecosystem: 'node', tokens: ['@Controller('] },
  { ecosystem: 'go', path: /(^|\/)(controllers?|handlers?)\/[^/]+\.go$/ },
  { ecosystem: 'go', tokens: ['w http.ResponseWriter', 'c *gin.Context', 'c echo.Context', 'c *fiber.Ctx', 'ctx *gin.Context', 'c *gin.Context)'] },
  { ecosystem: 'java', tokens: ['@RestController', '@Controller', '@Path("', '@Path(value', 'RouterFunction<ServerResponse>', 'routing {', 'call.respond(', 'import io.javalin.http.Context', 'import io.javalin.http.Handler'], strong: true },
  { ecosystem: 'ruby', path: /(^|\/)app\/controllers\/.+_controller\.rb$/ },
  // Hanami: its routes file points at actions (`to: "books.index"` → app/actions/books/index.rb; 1.x apps/web/controllers/).
  { ecosystem: 'ruby', path: /(^|\/)(app|slices\/[^/]+)\/actions\/.+\.rb$|(^|\/)apps\/[^/]+\/controllers\/.+\.rb$/ },
  { ecosystem: 'rust', tokens: ['#[get(', '#[post(', '#[put(', '#[delete(', '#[patch(', '-> impl IntoResponse', 'impl Responder', '-> HttpResponse', 'HttpResponse::Ok()', 'axum::extract::'], strong: true },
  { ecosystem: 'php', path: /(^|\/)(Controllers?|Controller\/.+)\/.*Controller\.php$/ },
  { ecosystem: 'dotnet', tokens: [': ControllerBase', ': Controller', '[ApiController]', '.MapGet(', '.MapPost('], strong: true },
  { ecosystem: 'elixir', path: /(^|\/)(controllers\/.+_controller|live\/.+_live(\/[^/]+)?)\.ex$/ },
  { ecosystem: 'elixir', tokens: [', :controller', ', :live_view'] }
]

/**
 * Route files count as handler modules only when they also hold one of these (Go: the route facts
 * also name files that merely build a route value or call a `.Get("…")` method of another kind).
 */
export const ROUTE_FILE_CONFIRM: Partial<Readonly<Record<Ecosystem, readonly string[]>>> = {
  go: ['http.ResponseWriter', '*http.Request', 'gin.Context', 'echo.Context', 'fiber.Ctx', 'http.Handler', 'chi.Router', 'mux.Router']
}

/** Frameworks whose route files are tables pointing at handlers elsewhere (`urls.py`, `routes.rb`): not handler modules themselves. */
export const ROUTE_TABLE_FRAMEWORKS: ReadonlySet<Framework> = new Set(['django', 'drf', 'pyramid', 'tornado', 'falcon', 'connexion', 'rails', 'hanami', 'laravel', 'lumen', 'phoenix', 'plug', 'symfony', 'slim', 'mezzio', 'codeigniter', 'cakephp'])

const db = (ecosystem: Ecosystem, label: string, modules: readonly string[], tokens: readonly string[] = [], convention?: ConventionId | readonly ConventionId[]): InfraRow => ({ label, ecosystem, kind: 'database', modules, tokens, ...(convention ? { convention } : {}) })
const http = (ecosystem: Ecosystem, label: string, modules: readonly string[], tokens: readonly string[] = []): InfraRow => ({ label, ecosystem, kind: 'http', modules, tokens })
const cache = (ecosystem: Ecosystem, label: string, modules: readonly string[], tokens: readonly string[] = []): InfraRow => ({ label, ecosystem, kind: 'cache', modules, tokens })
const queue = (ecosystem: Ecosystem, label: string, modules: readonly string[], tokens: readonly string[] = []): InfraRow => ({ label, ecosystem, kind: 'queue', modules, tokens })
const cloud = (ecosystem: Ecosystem, label: string, modules: readonly string[], tokens: readonly string[] = []): InfraRow => ({ label, ecosystem, kind: 'cloud', modules, tokens })

/**
 * Infrastructure per stack (SaaS SDKs such as Stripe or Firebase are outbound clients). Traps: an in-process LRU is not
 * infrastructure; `aiohttp` is also a server (only its `ClientSession` counts); Go's net/http is
 * the server too (only client calls count); a repository interface of the service's own code is
 * the layer, not infrastructure.
 */
export const INFRA: readonly InfraRow[] = [
  // Python
  db('python', 'SQLAlchemy', ['sqlalchemy', 'sqlmodel'], ['self.db.query(', 'request.db.query(', 'request.db.execute(', 'self.db.commit(', 'request.db.add(', 'session.execute(', 'db.session.']),
  db('python', 'a database driver', ['psycopg', 'psycopg2', 'asyncpg', 'pymysql', 'MySQLdb', 'sqlite3', 'pymongo', 'motor', 'cassandra', 'databases']),
  db('python', 'raw SQL', ['django.db.connection'], ['connection.cursor(', 'connections[', '.raw(', 'RawSQL(']),
  db('python', 'the Django ORM', [], ['.objects.'], 'django-models'),
  http('python', 'an outbound HTTP client', ['requests', 'httpx', 'urllib3', 'urllib.request', 'stripe', 'twilio', 'sendgrid'], ['aiohttp.ClientSession(', 'ClientSession(']),
  cache('python', 'a cache', ['redis', 'aioredis', 'pymemcache', 'django.core.cache'], ['caches[', 'cache.get(', 'cache.set(']),
  queue('python', 'a queue', ['pika', 'kafka', 'aiokafka', 'confluent_kafka', 'aio_pika', 'nats']),
  cloud('python', 'a cloud SDK', ['boto3', 'botocore', 'aioboto3', 'google.cloud', 'azure.storage', 'azure.cosmos']),
  // Node / TypeScript
  db('node', 'Prisma', ['@prisma/client'], ['prisma.', 'this.prisma.']),
  db('node', 'TypeORM', ['typeorm'], ['getRepository(', 'dataSource.', 'AppDataSource.', 'createQueryBuilder(']),
  db('node', 'a query builder or driver', ['knex', 'pg', 'mysql', 'mysql2', 'mongodb', 'mongoose', 'sequelize', 'objection', 'better-sqlite3', 'sqlite3', 'kysely', 'drizzle-orm', '@clickhouse/client'], ['@InjectConnection(', 'knex(', '.query()']),
  http('node', 'an outbound HTTP client', ['axios', 'got', 'node-fetch', 'undici', 'superagent', 'request', 'stripe', 'twilio', '@sendgrid/mail'], [' fetch(', 'await fetch(', '(fetch(']),
  cache('node', 'a cache', ['redis', 'ioredis', '@redis/client', 'memcached']),
  queue('node', 'a queue', ['bull', 'bullmq', 'amqplib', 'kafkajs', '@google-cloud/pubsub']),
  cloud('node', 'a cloud SDK', ['aws-sdk', '@aws-sdk', '@google-cloud/storage', '@azure/storage-blob']),
  // Go
  // database/sql is imported for `sql.ErrNoRows` and `sql.NullString` too: only its calls count.
  db('go', 'database/sql', [], ['sql.Open(', '.QueryContext(', '.ExecContext(', '.QueryRowContext(', '.BeginTx(', 'db.Query(', 'db.Exec(', 'db.QueryRow(', 'tx.Exec(']),
  // lib/pq is registered by a blank import at start-up; handlers import it for `pq.Array` and error codes. sqlx/types is JSON types.
  { ...db('go', 'a database driver or ORM', ['gorm.io/gorm', 'github.com/jinzhu/gorm', 'github.com/jmoiron/sqlx', 'github.com/jackc/pgx', 'go.mongodb.org/mongo-driver', 'xorm.io/xorm', 'github.com/uptrace/bun', 'github.com/Masterminds/squirrel', 'github.com/mattn/go-sqlite3', 'go.etcd.io/bbolt']), except: ['github.com/jmoiron/sqlx/types', 'github.com/jackc/pgx/v5/pgtype', 'github.com/jackc/pgx/pgtype'] },
  http('go', 'an outbound HTTP client', ['github.com/go-resty/resty', 'github.com/stripe/stripe-go', 'github.com/SherClockHolmes/webpush-go', 'firebase.google.com/go', 'github.com/twilio/twilio-go'], ['http.Get(', 'http.Post(', 'http.NewRequest(', 'http.NewRequestWithContext(', 'http.DefaultClient', 'http.Client{']),
  cache('go', 'a cache', ['github.com/redis/go-redis', 'github.com/go-redis/redis', 'github.com/gomodule/redigo', 'github.com/bradfitz/gomemcache']),
  queue('go', 'a queue', ['github.com/segmentio/kafka-go', 'github.com/IBM/sarama', 'github.com/Shopify/sarama', 'github.com/rabbitmq/amqp091-go', 'github.com/streadway/amqp', 'github.com/nats-io/nats.go']),
  cloud('go', 'a cloud SDK', ['github.com/aws/aws-sdk-go', 'github.com/aws/aws-sdk-go-v2', 'cloud.google.com/go', 'github.com/Azure/azure-sdk-for-go']),
  // JVM
  db('java', 'JDBC / JPA', ['java.sql', 'javax.sql', 'jakarta.persistence', 'javax.persistence', 'org.springframework.jdbc', 'org.jdbi', 'org.hibernate', 'org.jooq', 'io.r2dbc', 'com.mongodb', 'org.jetbrains.exposed'], ['EntityManager ', 'JdbcTemplate ']),
  http('java', 'an outbound HTTP client', ['java.net.http', 'okhttp3', 'org.apache.http', 'org.apache.hc', 'org.springframework.web.client', 'org.springframework.web.reactive.function.client', 'io.ktor.client'], ['RestTemplate ', 'WebClient.', 'HttpClient.new']),
  cache('java', 'a cache', ['redis.clients.jedis', 'io.lettuce', 'org.springframework.data.redis', 'org.redisson']),
  queue('java', 'a queue', ['org.apache.kafka.clients', 'org.springframework.kafka', 'org.springframework.amqp', 'com.rabbitmq']),
  cloud('java', 'a cloud SDK', ['software.amazon.awssdk', 'com.amazonaws', 'com.google.cloud', 'com.azure']),
  // Ruby (Rails: Active Record is the model API)
  db('ruby', 'raw SQL or a connection', [], ['.connection.execute', '.connection.select', 'ActiveRecord::Base.connection', 'find_by_sql(', 'exec_query(', '.connection.exec', 'PG.connect', 'Sequel.connect']),
  // Sequel's database object (`DB[:table]`, `DB.transaction`) is the connection, not a model.
  db('ruby', 'a raw Sequel dataset or transaction', [], ['DB[:', 'DB.transaction', 'DB.run(', 'DB.fetch(', 'DB.from(', 'DB.synchronize', 'Sequel.lit(']),
  db('ruby', 'Active Record or Sequel::Model', [], ['.where(', '.find(', '.find_by('], ['rails-active-record', 'ruby-models']),
  http('ruby', 'an outbound HTTP client', ['net/http', 'httparty', 'faraday', 'rest-client', 'excon', 'typhoeus', 'http'], ['Net::HTTP', 'HTTParty.', 'Faraday.new', 'Faraday.get', 'RestClient.', 'Excon.', 'HTTP.get', 'HTTP.post']),
  cache('ruby', 'a cache', ['redis'], ['Rails.cache.', 'Redis.new', '$redis', 'Redis.current']),
  queue('ruby', 'a queue', ['bunny', 'kafka', 'rdkafka'], ['Sidekiq::Client.push', 'Bunny.new']),
  cloud('ruby', 'a cloud SDK', ['aws-sdk', 'aws-sdk-s3', 'google/cloud'], ['Aws::S3::Client', 'Aws::']),
  // Rust
  db('rust', 'a database driver or ORM', ['diesel', 'sqlx', 'sea_orm', 'tokio_postgres', 'postgres', 'rusqlite', 'mongodb', 'deadpool_postgres', 'heed', 'lmdb'], ['.get_conn(', 'diesel::']),
  http('rust', 'an outbound HTTP client', ['reqwest', 'ureq', 'surf', 'isahc'], ['.send().await', 'reqwest::', 'hyper::Client']),
  cache('rust', 'a cache', ['redis', 'deadpool_redis', 'bb8_redis', 'fred']),
  queue('rust', 'a queue', ['lapin', 'rdkafka', 'async_nats']),
  cloud('rust', 'a cloud SDK', ['aws_sdk_s3', 'aws_sdk_sqs', 'aws_config', 'google_cloud_storage', 'rusoto_s3']),
  // PHP (Laravel: Eloquent is the model API)
  db('php', 'the query builder or a connection', ['Illuminate\\Support\\Facades\\DB', 'Doctrine\\DBAL', 'Doctrine\\ORM\\EntityManagerInterface', 'Doctrine\\ORM\\EntityManager', 'Doctrine\\Persistence\\ObjectManager', 'Doctrine\\Persistence\\ManagerRegistry', 'PDO'], ['DB::', 'new PDO(', '->getConnection()', 'EntityManagerInterface $', '->getDoctrine()', 'createQueryBuilder(']),
  db('php', 'Eloquent', [], ['::where(', '::find(', '::query('], 'laravel-eloquent'),
  http('php', 'an outbound HTTP client', ['GuzzleHttp', 'Illuminate\\Support\\Facades\\Http', 'Symfony\\Contracts\\HttpClient', 'Symfony\\Component\\HttpClient'], ['Http::', 'new Client(', 'curl_init(', 'HttpClientInterface $']),
  cache('php', 'a cache', ['Illuminate\\Support\\Facades\\Cache', 'Illuminate\\Support\\Facades\\Redis', 'Predis', 'Symfony\\Contracts\\Cache', 'Psr\\Cache', 'Psr\\SimpleCache'], ['Cache::', 'Redis::', 'CacheInterface $', 'CacheItemPoolInterface $']),
  queue('php', 'a queue', ['OldSound\\RabbitMqBundle', 'PhpAmqpLib', 'Enqueue', 'RdKafka'], ['ProducerInterface $', 'Producer $']),
  cloud('php', 'a cloud SDK', ['Aws', 'Google\\Cloud'], ['new S3Client(']),
  // .NET
  db('dotnet', 'a database context or driver', ['Microsoft.EntityFrameworkCore', 'System.Data.SqlClient', 'Microsoft.Data.SqlClient', 'Npgsql', 'Dapper', 'MongoDB.Driver', 'MySqlConnector', 'Microsoft.Data.Sqlite'], ['DbContext ', 'DbContext>', 'SqlConnection(', 'NpgsqlConnection(']),
  http('dotnet', 'an outbound HTTP client', ['RestSharp', 'Flurl.Http'], ['HttpClient ', 'IHttpClientFactory', 'new HttpClient(', '.CreateClient(']),
  cache('dotnet', 'a cache', ['StackExchange.Redis'], ['IDistributedCache', 'IConnectionMultiplexer']),
  queue('dotnet', 'a queue', ['RabbitMQ.Client', 'Confluent.Kafka', 'Azure.Messaging.ServiceBus', 'MassTransit']),
  cloud('dotnet', 'a cloud SDK', ['Amazon.S3', 'Amazon.SQS', 'Azure.Storage.Blobs', 'Google.Cloud']),
  // Elixir (Phoenix: contexts are the domain layer, so Repo from a controller counts)
  db('elixir', 'Ecto Repo or queries', ['Ecto.Query', 'Ecto.Adapters.SQL', 'Postgrex'], ['Repo.all(', 'Repo.one(', 'Repo.get(', 'Repo.get!(', 'Repo.get_by(', 'Repo.get_by!(', 'Repo.insert', 'Repo.update', 'Repo.delete', 'Repo.preload(', 'Repo.transaction(', 'Repo.aggregate(', 'Repo.exists?(', 'Repo.query', 'Ecto.Adapters.SQL.query', 'from(']),
  http('elixir', 'an outbound HTTP client', ['HTTPoison', 'Finch', 'Tesla', 'Mint.HTTP'], ['HTTPoison.', 'Finch.request', 'Finch.build', 'Tesla.get', 'Tesla.post', 'Req.get', 'Req.post', 'Req.request', 'Req.new', ':httpc.request']),
  cache('elixir', 'a cache', ['Redix', 'Cachex'], ['Redix.command', 'Cachex.']),
  queue('elixir', 'a queue', ['AMQP', 'KafkaEx', 'Broadway'], ['Oban.insert']),
  cloud('elixir', 'a cloud SDK', ['ExAws', 'GoogleApi'], ['ExAws.'])
]

/** Test libraries whose imports hold architecture rules (run by the test suite). */
export const ARCH_TEST_LIBRARIES: readonly { readonly tool: string; readonly ecosystem: Ecosystem; readonly modules: readonly string[] }[] = [
  { tool: 'ArchUnit', ecosystem: 'java', modules: ['com.tngtech.archunit'] },
  { tool: 'jMolecules', ecosystem: 'java', modules: ['org.jmolecules.archunit'] },
  { tool: 'Konsist', ecosystem: 'java', modules: ['com.lemonappdev.konsist'] },
  { tool: 'ArchUnitNET', ecosystem: 'dotnet', modules: ['ArchUnitNET'] },
  { tool: 'NetArchTest', ecosystem: 'dotnet', modules: ['NetArchTest.Rules', 'NetArchTest'] },
  { tool: 'pytestarch', ecosystem: 'python', modules: ['pytestarch'] }
]
