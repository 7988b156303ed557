import type { Ecosystem } from '../manifests/types.js'
import type { PackageSignature } from '../usage.js'

/**
 * Circuit-breaker and retry libraries (docs/catalogue.md, "Circuit breakers"), as data. `calls` are the decorators,
 * constructors and wrappers that show the library protecting something.
 */
export interface ResilienceSignature extends PackageSignature {
  readonly kind: 'circuit-breaker' | 'retry' | 'http-retry'
}

const lib = (label: string, kind: ResilienceSignature['kind'], ecosystem: Ecosystem, packages: string[], calls: string[], extra: Partial<ResilienceSignature> = {}): ResilienceSignature => ({ label, kind, ecosystem, packages, calls, ...extra })

export const RESILIENCE_LIBS: readonly ResilienceSignature[] = [
  // Python
  lib('pybreaker', 'circuit-breaker', 'python', ['pybreaker'], ['CircuitBreaker(', '.call(', '.call_async(', '@breaker', '_breaker']),
  lib('circuitbreaker', 'circuit-breaker', 'python', ['circuitbreaker'], ['@circuit', 'circuit(', 'CircuitBreaker(']),
  lib('aiobreaker', 'circuit-breaker', 'python', ['aiobreaker'], ['CircuitBreaker(', '.call_async(', '@breaker']),
  lib('purgatory', 'circuit-breaker', 'python', ['purgatory', 'purgatory-circuitbreaker'], ['CircuitBreakerFactory(', '.breaker(', 'get_breaker(']),
  lib('pyresilience', 'circuit-breaker', 'python', ['pyresilience'], ['@resilient', 'CircuitBreaker(']),
  lib('tenacity', 'retry', 'python', ['tenacity'], ['@retry', 'Retrying(', 'AsyncRetrying(', 'stop_after_attempt(', 'wait_exponential(']),
  lib('backoff', 'retry', 'python', ['backoff'], ['@backoff.on_exception', '@backoff.on_predicate', 'backoff.on_exception(', '@on_exception(', '@on_predicate(']),
  lib('stamina', 'retry', 'python', ['stamina'], ['@stamina.retry', 'stamina.retry(', 'retry_context(', 'AsyncRetryingCaller(', 'RetryingCaller(']),
  lib('retrying', 'retry', 'python', ['retrying'], ['@retry', 'Retrying(']),
  lib('retry', 'retry', 'python', ['retry', 'retry2'], ['@retry(', 'retry_call(']),
  lib('redo', 'retry', 'python', ['redo'], ['@retriable', 'retry(', 'retrying(']),
  lib('opnieuw', 'retry', 'python', ['opnieuw'], ['@retry(', '@retry_async(']),
  lib('urllib3 Retry + requests HTTPAdapter', 'http-retry', 'python', ['requests', 'urllib3'], ['HTTPAdapter(max_retries', 'max_retries=Retry(', 'max_retries=retr', 'HTTPAdapter(retries'], { fileAlso: ['Retry('], imports: ['requests', 'urllib3'] }),
  // A count is a retry policy too (`HTTPAdapter(max_retries=1)` on a shared session); 0 (requests' default) is none.
  lib('requests HTTPAdapter retries', 'http-retry', 'python', ['requests'], ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((n) => `HTTPAdapter(max_retries=${n}`)),
  // Google Cloud client libraries ship google-api-core, whose Retry decorates calls (`@google.api_core.retry.Retry(predicate=…)`).
  lib('google-api-core Retry', 'http-retry', 'python', ['google-api-core', 'google-cloud-core', 'google-cloud-storage', 'google-cloud-bigquery', 'google-cloud-pubsub', 'google-cloud-firestore', 'google-cloud-datastore', 'google-cloud-spanner', 'google-cloud-tasks', 'google-cloud-logging', 'google-cloud-secret-manager', 'google-cloud-kms', 'google-cloud-translate', 'google-cloud-vision'], ['api_core.retry.Retry(', 'retry.Retry(predicate', 'retry_async.AsyncRetry(', 'AsyncRetry(predicate'], { imports: ['google.api_core'] }),
  lib('httpx transport retries', 'http-retry', 'python', ['httpx'], ['HTTPTransport(retries', 'AsyncHTTPTransport(retries']),
  lib('httpx-retries', 'http-retry', 'python', ['httpx-retries'], ['RetryTransport(']),
  lib('aiohttp-retry', 'http-retry', 'python', ['aiohttp-retry'], ['RetryClient(', 'ExponentialRetry(']),
  lib('retry-requests', 'http-retry', 'python', ['retry-requests'], ['retry(']),
  lib('botocore retries', 'http-retry', 'python', ['boto3', 'botocore'], ['retries={', "retries = {", '"max_attempts"', "'max_attempts'"], { fileAlso: ['Config('] }),
  // Node
  lib('opossum', 'circuit-breaker', 'node', ['opossum'], ['new CircuitBreaker(', 'CircuitBreaker(', '.fire(']),
  lib('cockatiel', 'circuit-breaker', 'node', ['cockatiel'], ['circuitBreaker(', 'retry(', 'wrap(', 'ConsecutiveBreaker(', 'SamplingBreaker(', 'ExponentialBackoff(']),
  lib('brakes', 'circuit-breaker', 'node', ['brakes'], ['new Brakes(', '.exec(']),
  lib('mollitia', 'circuit-breaker', 'node', ['mollitia'], ['new Circuit(', 'SlidingCountBreaker(', 'Retry(']),
  lib('nestjs-resilience', 'circuit-breaker', 'node', ['nestjs-resilience'], ['@UseResilience(', 'CircuitBreakerStrategy(', 'RetryStrategy(']),
  lib('p-retry', 'retry', 'node', ['p-retry'], ['pRetry(', 'pretry(']),
  lib('async-retry', 'retry', 'node', ['async-retry'], ['retry(']),
  lib('retry', 'retry', 'node', ['retry'], ['retry.operation(', '.attempt(']),
  lib('exponential-backoff', 'retry', 'node', ['exponential-backoff'], ['backOff(']),
  lib('axios-retry', 'http-retry', 'node', ['axios-retry'], ['axiosRetry(']),
  lib('got retry', 'http-retry', 'node', ['got'], ['retry: {', 'retry: { limit']),
  lib('ky retry', 'http-retry', 'node', ['ky'], ['retry: {', 'retry:']),
  lib('undici RetryAgent', 'http-retry', 'node', ['undici'], ['RetryAgent(', 'RetryHandler(']),
  lib('fetch-retry', 'http-retry', 'node', ['fetch-retry', '@vercel/fetch-retry'], ['fetchRetry(', 'retries:']),
  // Go
  // go-zero's RPC clients carry its adaptive breaker by default (`Middlewares.Breaker` is on unless
  // a config turns it off): a zrpc client of another service is a protected outbound call. Trap:
  // the module is the whole framework (REST, stores), so only the client calls count (`http-retry`
  // kind: never its imports).
  lib('go-zero zrpc breaker', 'http-retry', 'go', ['github.com/zeromicro/go-zero'], ['zrpc.NewClient(', 'zrpc.MustNewClient(', 'zrpc.NewClientIfEnable(', 'zrpc.NewClientWithTarget(']),
  lib('gobreaker', 'circuit-breaker', 'go', ['github.com/sony/gobreaker'], ['NewCircuitBreaker(', 'NewCircuitBreaker[', 'NewTwoStepCircuitBreaker(', '.Execute(']),
  lib('failsafe-go', 'circuit-breaker', 'go', ['github.com/failsafe-go/failsafe-go'], ['circuitbreaker.Builder', 'circuitbreaker.New', 'retrypolicy.Builder', 'retrypolicy.New', 'failsafe.Get(', 'failsafe.Run(', 'failsafe.With(']),
  lib('hystrix-go', 'circuit-breaker', 'go', ['github.com/afex/hystrix-go'], ['hystrix.Do(', 'hystrix.Go(', 'hystrix.ConfigureCommand(']),
  lib('go-resiliency', 'circuit-breaker', 'go', ['github.com/eapache/go-resiliency'], ['breaker.New(', 'retrier.New(']),
  lib('mercari go-circuitbreaker', 'circuit-breaker', 'go', ['github.com/mercari/go-circuitbreaker'], ['circuitbreaker.New(', '.Do(']),
  lib('rubyist circuitbreaker', 'circuit-breaker', 'go', ['github.com/rubyist/circuitbreaker'], ['NewThresholdBreaker(', 'NewConsecutiveBreaker(', 'NewRateBreaker(', '.Call(']),
  lib('goresilience', 'circuit-breaker', 'go', ['github.com/slok/goresilience'], ['circuitbreaker.New', 'retry.New']),
  lib('cenkalti/backoff', 'retry', 'go', ['github.com/cenkalti/backoff'], ['backoff.Retry(', 'backoff.RetryNotify(', 'backoff.NewExponentialBackOff(', 'backoff.Retry[']),
  lib('retry-go', 'retry', 'go', ['github.com/avast/retry-go'], ['retry.Do(', 'retry.DoWithData(']),
  lib('sethvargo/go-retry', 'retry', 'go', ['github.com/sethvargo/go-retry'], ['retry.Do(', 'retry.NewExponential(', 'retry.NewFibonacci(']),
  lib('go-retryablehttp', 'http-retry', 'go', ['github.com/hashicorp/go-retryablehttp'], ['retryablehttp.NewClient(', 'retryablehttp.Client', 'retryablehttp.NewRequest(']),
  lib('resty retries', 'http-retry', 'go', ['github.com/go-resty/resty'], ['SetRetryCount(', 'AddRetryCondition(']),
  // An SMTP pool's own resend of a failed message: a client-library retry option, like resty's.
  lib('smtppool message retries', 'http-retry', 'go', ['github.com/knadh/smtppool'], ['MaxMessageRetries', 'smtppool.Opt']),
  // Java
  // A RateLimiter throttles inbound requests (login attempts): it protects no outbound call, so
  // neither `@RateLimiter` nor the ratelimiter modules' imports count as use.
  lib('Resilience4j', 'circuit-breaker', 'java', ['io.github.resilience4j:*'], ['@CircuitBreaker(', '@Retry(', '@Bulkhead(', '@TimeLimiter(', 'CircuitBreaker.of(', 'CircuitBreaker.decorate', 'Retry.of(', 'Retry.decorate', 'CircuitBreakerRegistry', 'RetryRegistry', 'CircuitBreakerOperator.of(', 'RetryOperator.of('], {
    imports: ['io.github.resilience4j.circuitbreaker', 'io.github.resilience4j.retry', 'io.github.resilience4j.bulkhead', 'io.github.resilience4j.timelimiter', 'io.github.resilience4j.decorators', 'io.github.resilience4j.reactor.circuitbreaker', 'io.github.resilience4j.reactor.retry', 'io.github.resilience4j.kotlin.circuitbreaker', 'io.github.resilience4j.kotlin.retry', 'io.github.resilience4j.feign']
  }),
  lib('Spring Cloud CircuitBreaker', 'circuit-breaker', 'java', ['org.springframework.cloud:spring-cloud-starter-circuitbreaker-resilience4j', 'org.springframework.cloud:spring-cloud-starter-circuitbreaker-reactor-resilience4j', 'org.springframework.cloud:spring-cloud-circuitbreaker-resilience4j'], ['CircuitBreakerFactory', 'ReactiveCircuitBreakerFactory', '@CircuitBreaker(', '@Retry('], { imports: ['org.springframework.cloud.client.circuitbreaker', 'io.github.resilience4j'] }),
  lib('Spring Retry', 'retry', 'java', ['org.springframework.retry:spring-retry'], ['@Retryable(', '@EnableRetry', 'RetryTemplate', '@Recover']),
  lib('Failsafe', 'circuit-breaker', 'java', ['dev.failsafe:failsafe', 'net.jodah:failsafe'], ['Failsafe.with(', 'CircuitBreaker.builder(', 'RetryPolicy.builder(', 'new RetryPolicy', 'new CircuitBreaker']),
  lib('Hystrix', 'circuit-breaker', 'java', ['com.netflix.hystrix:hystrix-core', 'org.springframework.cloud:spring-cloud-starter-netflix-hystrix', 'com.netflix.hystrix:hystrix-javanica'], ['@HystrixCommand', 'HystrixCommand<', 'extends HystrixCommand'], { imports: ['com.netflix.hystrix'] }),
  lib('Sentinel', 'circuit-breaker', 'java', ['com.alibaba.csp:sentinel-core', 'com.alibaba.cloud:spring-cloud-starter-alibaba-sentinel'], ['@SentinelResource', 'SphU.entry(', 'DegradeRule'], { imports: ['com.alibaba.csp.sentinel'] }),
  lib('MicroProfile Fault Tolerance', 'circuit-breaker', 'java', ['org.eclipse.microprofile.fault-tolerance:microprofile-fault-tolerance-api', 'io.quarkus:quarkus-smallrye-fault-tolerance', 'io.smallrye:smallrye-fault-tolerance*', 'io.helidon.microprofile.fault-tolerance:helidon-microprofile-fault-tolerance', 'io.openliberty.features:mpFaultTolerance-*'], ['@CircuitBreaker', '@Retry', '@Fallback', '@Timeout', 'Guard.create(', 'TypedGuard.create('], { imports: ['org.eclipse.microprofile.faulttolerance', 'io.smallrye.faulttolerance'] }),
  // ---- JVM beyond Spring, and Kotlin
  lib('Micronaut retry', 'circuit-breaker', 'java', ['io.micronaut:micronaut-retry'], ['@Retryable(', '@CircuitBreaker('], { imports: ['io.micronaut.retry'], fileAlso: ['io.micronaut.retry'] }),
  lib('Helidon fault tolerance', 'circuit-breaker', 'java', ['io.helidon.faulttolerance:helidon-fault-tolerance'], ['Retry.builder(', 'CircuitBreaker.builder(', 'FaultTolerance.', '@Ft.Retry', '@Ft.CircuitBreaker'], { imports: ['io.helidon.faulttolerance'], fileAlso: ['io.helidon.faulttolerance'] }),
  lib('Vert.x circuit breaker', 'circuit-breaker', 'java', ['io.vertx:vertx-circuit-breaker'], ['CircuitBreaker.create(', 'RetryPolicy.'], { imports: ['io.vertx.circuitbreaker'], fileAlso: ['io.vertx.circuitbreaker'] }),
  lib('Arrow resilience', 'circuit-breaker', 'java', ['io.arrow-kt:arrow-resilience*'], ['CircuitBreaker(', 'Schedule.exponential', 'Schedule.recurs', '.retry('], { imports: ['arrow.resilience'], fileAlso: ['arrow.resilience'] }),
  lib('kotlin-retry', 'retry', 'java', ['com.michael-bull.kotlin-retry:kotlin-retry*'], ['retry(', 'retryResult('], { imports: ['com.github.michaelbull.retry'], fileAlso: ['com.github.michaelbull.retry'] }),
  lib('OpenFeign Retryer', 'http-retry', 'java', ['io.github.openfeign:*', 'org.springframework.cloud:spring-cloud-starter-openfeign'], ['new Retryer.Default(', 'Retryer.Default('], { fileAlso: ['feign.Retryer'], imports: ['feign'] }),
  lib('Apache HttpClient retry', 'http-retry', 'java', ['org.apache.httpcomponents.client5:httpclient5'], ['DefaultHttpRequestRetryStrategy(', 'setRetryStrategy('], { fileAlso: ['org.apache.hc.client5'], imports: ['org.apache.hc.client5'] }),
  lib('Ktor client HttpRequestRetry', 'http-retry', 'java', ['io.ktor:ktor-client-core*'], ['install(HttpRequestRetry)', 'install(HttpRequestRetry ', 'retryOnServerErrors(', 'retryOnException('], { fileAlso: ['io.ktor.client'], imports: ['io.ktor.client'] }),
  // Built into libraries the service has for other reasons: only their retry calls count (their
  // narrow `imports` keep the import scan off every file of a Spring service), and
  // a retry filtered on a database or local-state exception (OptimisticLockingFailureException,
  // ConcurrencyFailureException, IllegalStateException) protects no outbound call (NOT_OUTBOUND_RETRY_TOKENS).
  lib('Reactor retry', 'http-retry', 'java', ['io.projectreactor:reactor-core', 'org.springframework.boot:spring-boot-starter-webflux', 'org.springframework:spring-webflux', 'io.projectreactor.netty:reactor-netty*'], ['.retryWhen(', 'Retry.backoff(', 'Retry.fixedDelay('], { fileAlso: ['reactor.util.retry'], imports: ['reactor.util.retry'] }),
  lib('Spring Framework retry', 'http-retry', 'java', ['org.springframework.boot:*', 'org.springframework:*'], ['@Retryable(', 'new RetryTemplate('], { fileAlso: ['org.springframework.resilience', 'org.springframework.core.retry'], imports: ['org.springframework.resilience', 'org.springframework.core.retry'] }),
  lib('AWS SDK retry policy', 'http-retry', 'java', ['software.amazon.awssdk:*'], ['.retryPolicy(', '.retryPolicy {', 'RetryPolicy.builder(', '.retryStrategy(', '.numRetries(', 'RetryMode.STANDARD', 'RetryMode.ADAPTIVE'], { fileAlso: ['software.amazon.awssdk'], imports: ['software.amazon.awssdk.core.retry', 'software.amazon.awssdk.retries'] }),
  // Ruby
  lib('circuitbox', 'circuit-breaker', 'ruby', ['circuitbox'], ['Circuitbox.circuit(', 'Circuitbox::']),
  lib('stoplight', 'circuit-breaker', 'ruby', ['stoplight'], ['Stoplight(', 'Stoplight::Light']),
  lib('semian', 'circuit-breaker', 'ruby', ['semian'], ['Semian.register', 'semian/net_http', 'Semian::', 'semian_configuration']),
  lib('retriable', 'retry', 'ruby', ['retriable'], ['Retriable.retriable', 'Retriable.with_context', 'retriable(']),
  lib('retryable', 'retry', 'ruby', ['retryable'], ['Retryable.retryable', 'retryable(']),
  lib('faraday-retry', 'http-retry', 'ruby', ['faraday-retry', 'faraday_middleware'], ['request :retry', 'request(:retry', 'Faraday::Retry', 'use Faraday::Request::Retry']),
  // PHP. Composer names are not namespaces: a library whose import alone shows it in use names
  // its namespace in `imports`; the HTTP clients' own retries count only by their calls. Traps:
  // Laravel jobs' `public $tries` re-run jobs (JOB_RETRY_TOKENS), so Saloon's `$tries` counts only
  // in a file that uses Saloon; Laravel's `->retry(` counts only next to the HTTP client.
  lib('ganesha', 'circuit-breaker', 'php', ['ackintosh/ganesha'], ['Builder::withRateStrategy(', 'Builder::withCountStrategy(', 'GuzzleMiddleware(', '->isAvailable('], { imports: ['Ackintosh\\Ganesha'] }),
  lib('php-circuit-breaker', 'circuit-breaker', 'php', ['leocarmo/circuit-breaker-php', 'ejsmont-artur/php-circuit-breaker'], ['CircuitBreaker::isAvailable(', 'CircuitBreaker::failure(', 'CircuitBreakerFactory', '->isAvailable('], { imports: ['LeoCarmo\\CircuitBreaker', 'Ejsmont\\CircuitBreaker'] }),
  lib('Guzzle retry middleware', 'http-retry', 'php', ['guzzlehttp/guzzle'], ['Middleware::retry(']),
  lib('guzzle_retry_middleware', 'http-retry', 'php', ['caseyamcl/guzzle_retry_middleware'], ['GuzzleRetryMiddleware::factory(', 'new GuzzleRetryMiddleware(']),
  lib('Laravel HTTP client retry', 'http-retry', 'php', ['laravel/framework', 'illuminate/http'], ['Http::retry(', '->retry('], { fileAlso: ['Http::', 'PendingRequest', 'Illuminate\\Http\\Client'] }),
  lib('Laravel retry()', 'http-retry', 'php', ['laravel/framework', 'illuminate/support'], ['= retry(', 'return retry(', '(retry(', '=> retry(']),
  lib('Symfony RetryableHttpClient', 'http-retry', 'php', ['symfony/http-client', 'symfony/framework-bundle'], ['new RetryableHttpClient(', 'retry_failed:', '->retryFailed('], { configFiles: ['config/packages/framework.yaml', 'config/packages/prod/framework.yaml', 'config/packages/http_client.yaml', 'app/config/config.yml'] }),
  lib('Saloon retries', 'http-retry', 'php', ['saloonphp/saloon'], ['$tries =', 'sendAndRetry(', '$retryInterval ='], { fileAlso: ['Saloon\\'] }),
  lib('php-http RetryPlugin', 'http-retry', 'php', ['php-http/client-common'], ['new RetryPlugin(']),
  lib('stechstudio/backoff', 'retry', 'php', ['stechstudio/backoff'], ['backoff(', 'new Backoff(', 'Backoff::'], { imports: ['STS\\Backoff'] }),
  // Elixir. Tesla is an HTTP client: only its Retry/Fuse middleware counts, at module level
  // (`plug Tesla.Middleware.Retry, …`) or in a middleware list (`{Tesla.Middleware.Retry, …}`);
  // commented-out plugs are comments. Req retries safe methods (GET/HEAD) on transient errors by
  // default but not POST: only an explicit `retry:` option counts. `:fuse` is the Erlang breaker.
  lib('Tesla retry/fuse middleware', 'http-retry', 'elixir', ['tesla'], ['Tesla.Middleware.Retry', 'Tesla.Middleware.Fuse']),
  lib('fuse', 'circuit-breaker', 'elixir', ['fuse'], [':fuse.install(', ':fuse.ask(', ':fuse.run(', ':fuse.melt(']),
  lib('Req retry', 'http-retry', 'elixir', ['req'], ['retry: :transient', 'retry: :safe_transient', 'retry: &', 'retry: fn', 'max_retries:'], { fileAlso: ['Req.'] }),
  lib('ElixirRetry', 'retry', 'elixir', ['retry'], ['retry with:', 'retry_while ', 'retry_while(', 'wait with:'], { imports: ['Retry'] }),
  lib('external_service', 'circuit-breaker', 'elixir', ['external_service'], ['ExternalService.call(', 'ExternalService.call!(', 'ExternalService.start(']),
  // Rust. Trap: reqwest-middleware alone is plumbing (tracing, auth), not a retry policy — it
  // counts through reqwest-retry's middleware only; tower's retry needs its layer in code.
  lib('failsafe', 'circuit-breaker', 'rust', ['failsafe'], ['failsafe::Config', 'Config::new().', 'CircuitBreaker', '.call(', 'failure_policy']),
  lib('recloser', 'circuit-breaker', 'rust', ['recloser'], ['Recloser::custom(', 'Recloser::default(', 'AsyncRecloser', '.call(']),
  lib('backoff', 'retry', 'rust', ['backoff'], ['backoff::retry(', 'backoff::retry_notify(', 'backoff::future::retry(', 'backoff::future::retry_notify(', 'future::retry(', 'retry_notify(', 'ExponentialBackoff']),
  lib('tokio-retry', 'retry', 'rust', ['tokio-retry', 'tokio-retry2'], ['Retry::spawn(', 'RetryIf::spawn(', 'ExponentialBackoff::from_millis(', 'FixedInterval::from_millis(']),
  lib('backon', 'retry', 'rust', ['backon'], ['ExponentialBuilder', 'ConstantBuilder', 'FibonacciBuilder', '.retry(']),
  lib('retry', 'retry', 'rust', ['retry'], ['retry::retry(', 'retry_with_index(', 'retry(Fixed::', 'retry(Exponential::', 'retry(delay::']),
  lib('exponential-backoff', 'retry', 'rust', ['exponential-backoff'], ['Backoff::new(']),
  lib('reqwest-retry', 'http-retry', 'rust', ['reqwest-retry'], ['RetryTransientMiddleware::new_with_policy(', 'RetryTransientMiddleware::new_with_policy_and_strategy(', 'ExponentialBackoff::builder(']),
  lib('tower retry', 'http-retry', 'rust', ['tower'], ['RetryLayer::new(', 'retry::Retry::new(', 'tower::retry::']),
  // .NET: Polly v7 (`Policy.Handle<E>().WaitAndRetryAsync(…)`, `.CircuitBreakerAsync(…)`) and v8
  // (`new ResiliencePipelineBuilder().AddRetry(…)`); the HttpClientFactory integrations wrap every
  // call of a named or typed client (`AddStandardResilienceHandler()`, `AddPolicyHandler(…)`).
  lib('Polly', 'circuit-breaker', 'dotnet', ['Polly', 'Polly.Core', 'Polly.Extensions', 'Polly.Contrib.WaitAndRetry'], ['Policy.Handle', 'Policy.Timeout', 'Policy.Wrap', '.HandleInner<', '.WaitAndRetry', '.RetryAsync(', '.RetryForever', '.CircuitBreaker(', '.CircuitBreakerAsync(', '.AdvancedCircuitBreaker', 'ResiliencePipelineBuilder', '.AddRetry(', '.AddCircuitBreaker(', '.AddTimeout(', 'Backoff.DecorrelatedJitterBackoff'], { imports: ['Polly'] }),
  lib('Microsoft.Extensions.Http.Resilience', 'circuit-breaker', 'dotnet', ['Microsoft.Extensions.Http.Resilience'], ['AddStandardResilienceHandler(', 'AddResilienceHandler(', 'AddStandardHedgingHandler(']),
  lib('Microsoft.Extensions.Http.Polly', 'circuit-breaker', 'dotnet', ['Microsoft.Extensions.Http.Polly'], ['AddPolicyHandler(', 'AddTransientHttpErrorPolicy(', 'AddPolicyHandlerFromRegistry(', 'HttpPolicyExtensions.']),
  lib('Microsoft.Extensions.Resilience', 'circuit-breaker', 'dotnet', ['Microsoft.Extensions.Resilience'], ['AddResiliencePipeline(']),
  lib('Steeltoe Hystrix', 'circuit-breaker', 'dotnet', ['Steeltoe.CircuitBreaker.HystrixCore', 'Steeltoe.CircuitBreaker.HystrixBase'], ['HystrixCommand', 'AddHystrixCommand'])
]

/**
 * A retry setting of zero turns retrying off (`retry: 0` for ky, `retries: 0`, `max_retries=0`,
 * `$tries = 0`): such a line is the opposite of a retry policy (a real PHP service with a Vue
 * front end sets ky's `retry: 0` on its API client).
 */
export const RETRIES_OFF = /\b(retry|retries|maxRetries|max_retries|maxAttempts|max_attempts|tries|limit)\s*[:=]\s*0(?![\d.])|\bretry_failed\s*:\s*false\b/

/** Files that only wait for a dependency at start-up (docs/catalogue.md, "Circuit breakers"): retries there protect no request path. */
export const STARTUP_FILE_PATTERNS: readonly RegExp[] = [/(^|[/_-])pre_?start/i, /backend_pre_start/i, /wait[_-]?for/i, /initial_data/i, /wait[_-]?db/i, /check[_-]?db/i, /db[_-]?ready/i, /entrypoint/i, /(^|\/)celeryworker_pre_start/i, /tests_pre_start/i]

/** Tokens near a retry that show it waits for the database or a broker at boot. */
export const STARTUP_CONTEXT_TOKENS: readonly string[] = ['SELECT 1', 'select(1)', 'wait_for_db', 'wait_for_database', 'db_ready', 'init_db(', 'ensure_connection(', '.PingContext(', 'db.Ping(', 'wait_for_redis', 'wait_for_broker']

/**
 * Retries around a local resource (a locked SQLite file): they protect no outbound call. A file
 * that uses a retry library and names one of these is a local retry (a media server wrapping its
 * SQLite writes in Polly `WaitAndRetry` on "database is locked").
 */
export const LOCAL_RETRY_TOKENS: readonly string[] = ['database is locked', 'database table is locked', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SqliteException', 'sqlite3.OperationalError']

/** Job-queue retries: the job is re-run, no outbound call is protected (docs/catalogue.md, "Circuit breakers"). */
export const JOB_RETRY_TOKENS: Readonly<Partial<Record<Ecosystem, readonly string[]>>> = {
  python: ['autoretry_for', 'self.retry(', 'retry_backoff', 'raise Retry(', 'Retry(max=', 'dramatiq.Retry', '@dramatiq.actor(max_retries'],
  // discard_on drops a failed job: no retry.
  ruby: ['sidekiq_options retry', 'retry_on ', 'sidekiq_retry_in'],
  node: ['attempts:', 'backoff: {'],
  java: ['@RetryableTopic', 'DefaultErrorHandler('],
  // Laravel queued jobs and Symfony Messenger transports re-run failed jobs.
  php: ['public $tries', 'public int $tries', 'public $backoff', 'function retryUntil(', '->retryStrategy('],
  // Oban workers (`use Oban.Worker, max_attempts: 5`).
  elixir: ['use Oban.Worker, max_attempts', 'max_attempts:']
}

/**
 * JVM: exceptions a retry is filtered on (`.filter(OptimisticLockingFailureException.class::isInstance)`,
 * `@Retryable(includes = ConcurrencyFailureException.class)`, a RetryPolicy's `.includes(…)`) that
 * show it retries a database write or waits for local state, not an outbound call; read on the
 * retry's line and the few after it. Data migrations retry database writes too.
 */
export const NOT_OUTBOUND_RETRY_TOKENS: Readonly<Partial<Record<Ecosystem, readonly string[]>>> = {
  java: [
    'OptimisticLockingFailureException', 'OptimisticLockException', 'PessimisticLockingFailureException', 'ConcurrencyFailureException', 'CannotAcquireLockException',
    'DeadlockLoserDataAccessException', 'CannotSerializeTransactionException', 'DataIntegrityViolationException', 'DuplicateKeyException', 'StaleObjectStateException',
    'StaleStateException', 'TransientDataAccessException', 'SQLTransientException', 'ObjectOptimisticLockingFailureException',
    'IllegalStateException', 'IllegalArgumentException', 'FileAlreadyExistsException', 'StateException.class', 'StateException)'
  ]
}
export const NOT_OUTBOUND_FILES: readonly RegExp[] = [/(^|\/)migrations?\//i, /Migration\.(java|kt)$/]
/** Lines after a retry read for its exception filter. */
export const RETRY_FILTER_LINES = 4

/** The job-queue libraries that make the Node tokens above meaningful. */
export const NODE_QUEUE_PACKAGES: readonly string[] = ['bullmq', 'bull', 'bee-queue', 'agenda', '@nestjs/bull', '@nestjs/bullmq']

/** Hand-rolled retry loops (needs a sleep in the same file) and home-grown breakers. */
export const HAND_ROLLED_RETRY_TOKENS: readonly string[] = ['tries += 1', 'retries += 1', 'retry_count += 1', 'while let Err(', 'for attempt in 0..', 'for attempt in 1..', 'for retry in 0..', 'for _ in 0..max_retries', 'for _ in 0..MAX_RETRIES', '$attempts++', '$attempt++', '$retries--', '$tries++', 'for ($attempt = ', 'while ($attempts <', 'while ($attempt <', 'for attempt in range(', 'for retry in range(', 'for _ in range(retries', 'for _ in range(max_retries', 'for _ in range(MAX_RETRIES', 'for i in range(max_retries', 'for i in range(MAX_RETRIES', 'while retries', 'while attempt <', 'retries -= 1', 'attempts += 1', 'attempt += 1', 'for attempt := ', 'for retry := ', 'for (let attempt = ', 'for (let retry = ', 'for (let i = 0; i < maxRetries', 'for (int attempt = ', 'while (retries', 'while (attempt <', 'while (retryCount <', 'while (attempts <', 'retryCount++', 'retryCount += 1', 'retries--', 'retries - 1)', 'retries.times', 'attempts.times', 'defp retry(', 'defp do_retry(', 'defp with_retry(', 'defp with_retries(', 'Backoff.backoff(', 'attempt++', 'attempts++']
export const SLEEP_TOKENS: readonly string[] = ['sleep(', 'Sleep(', 'setTimeout(', 'delay(', 'backoff', 'Task.Delay(']

/**
 * Hand-rolled retries in the shapes the loop tokens above miss, per ecosystem: a line naming a
 * retry (`retry_counter += 1`, `maxRetries`, `RETRIES = {1 => 2.minutes}`, `exponential_backoff`,
 * a Ruby `retry` in a rescue) with a wait or a rescheduling within WAIT_WINDOW lines
 * (`asyncio.sleep(`, `time.NewTimer(`, `time.Now().Add(`, `.from_now`). Outbound or not is not
 * decided here: the result is only ever `partial`.
 *
 * Traps: a retry setting passed to a library (`retries=3`) without a wait nearby is the library's
 * retry (its own row above), not a hand-rolled one; `login attempts` counters rarely sit next to a
 * sleep, and `sleep` alone (polling) names no retry; Node and the JVM are left to their loop
 * tokens, whose code bases use retry libraries far more often.
 */
export const HAND_ROLLED_RETRY: Readonly<Partial<Record<Ecosystem, { readonly anchors: readonly string[]; readonly waits: readonly string[] }>>> = {
  python: { anchors: ['max_retries', 'max_retry', 'retry_count', 'retry_counter', 'retries +=', 'retries -=', 'exponential_backoff(', 'backoff_factor', 'def retry', 'def _retry'], waits: ['sleep(', 'call_later(', 'wait_for('] },
  go: { anchors: ['maxRetries', 'MaxRetries', 'retries', 'retryCount', 'RetryCount', 'NextRetry', 'ExponentialBackoff', 'BackOff()', 'backoff :=', 'backoff ='], waits: ['time.Sleep(', 'time.NewTimer(', 'time.After(', 'time.Now().Add(', 'time.AfterFunc('] },
  ruby: { anchors: ['RETRIES', 'max_retries', 'max_attempts', 'retry_after', 'retries += 1', 'attempts += 1', 'retry if ', 'retry unless '], waits: ['sleep', '.from_now', '.minutes', '.seconds', 'set(wait', 'retry_in'] }
}
/** Lines either side of a retry anchor searched for a wait. */
export const WAIT_WINDOW = 30
export const HOME_GROWN_BREAKER_TOKENS: readonly string[] = ['class CircuitBreaker', 'type CircuitBreaker struct', 'class CircuitBreaker {', 'export class CircuitBreaker']

/**
 * Options that switch retrying off (or leave one attempt): a call configured with one of these is
 * evidence against the practice, not for it. Matched on the call's line and the lines of its
 * arguments (until a line that closes the call). Traps: urllib3 `Retry(total=None)` removes a cap
 * rather than retries, so it is not here; `max_attempts: 1` (botocore) and `maxAttempts(1)`
 * (resilience4j) count the first try, so one attempt is no retry.
 */
export const DISABLED_RETRY: readonly { readonly pattern: RegExp; readonly note: string }[] = [
  { pattern: /\b(?:retry|retries|max_?retries|maxRetries|MaxRetries|retry_?count|retryCount|RetryCount|RetryMax|retryMax|max_retry|maxRetry)\s*['"]?\s*[:=]\s*(?:0|false|False|FALSE)\b(?!\s*\.)/, note: 'retries set to 0 or off' },
  { pattern: /\bRetry\(\s*(?:total\s*=\s*)?(?:0|False)\s*[,)]/, note: 'Retry(total=0)' },
  { pattern: /\b(?:SetRetryCount|WithMaxRetries|setMaxRetries|withMaxRetries|maxRetries|retries)\(\s*0\s*\)/, note: 'retry count 0' },
  { pattern: /\blimit\s*:\s*0\b/, note: 'retry limit 0' },
  { pattern: /\b(?:MaxRetryAttempts|max_?attempts|maxAttempts|MaxAttempts)\s*['"]?\s*[:=(]\s*(?:0|1)\b(?!\.)/, note: 'one attempt, no retry' },
  { pattern: /\b(?:HTTPTransport|AsyncHTTPTransport|HTTPAdapter)\((?:[^)]*,\s*)?(?:retries|max_retries)\s*=\s*0\b/, note: 'transport retries 0' }
]
