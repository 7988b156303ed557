import type { Ecosystem } from '../../facts/manifests/types.js'
import type { PackageSignature } from '../../facts/usage.js'

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
  // Java
  lib('Resilience4j', 'circuit-breaker', 'java', ['io.github.resilience4j:*'], ['@CircuitBreaker(', '@Retry(', '@Bulkhead(', '@TimeLimiter(', '@RateLimiter(', 'CircuitBreaker.of(', 'CircuitBreaker.decorate', 'Retry.of(', 'Retry.decorate', 'CircuitBreakerRegistry', 'RetryRegistry']),
  lib('Spring Cloud CircuitBreaker', 'circuit-breaker', 'java', ['org.springframework.cloud:spring-cloud-starter-circuitbreaker-resilience4j', 'org.springframework.cloud:spring-cloud-starter-circuitbreaker-reactor-resilience4j', 'org.springframework.cloud:spring-cloud-circuitbreaker-resilience4j'], ['CircuitBreakerFactory', 'ReactiveCircuitBreakerFactory', '@CircuitBreaker(', '@Retry('], { imports: ['org.springframework.cloud.client.circuitbreaker', 'io.github.resilience4j'] }),
  lib('Spring Retry', 'retry', 'java', ['org.springframework.retry:spring-retry'], ['@Retryable(', '@EnableRetry', 'RetryTemplate', '@Recover']),
  lib('Failsafe', 'circuit-breaker', 'java', ['dev.failsafe:failsafe', 'net.jodah:failsafe'], ['Failsafe.with(', 'CircuitBreaker.builder(', 'RetryPolicy.builder(', 'new RetryPolicy', 'new CircuitBreaker']),
  lib('Hystrix', 'circuit-breaker', 'java', ['com.netflix.hystrix:hystrix-core', 'org.springframework.cloud:spring-cloud-starter-netflix-hystrix', 'com.netflix.hystrix:hystrix-javanica'], ['@HystrixCommand', 'HystrixCommand<', 'extends HystrixCommand'], { imports: ['com.netflix.hystrix'] }),
  lib('Sentinel', 'circuit-breaker', 'java', ['com.alibaba.csp:sentinel-core', 'com.alibaba.cloud:spring-cloud-starter-alibaba-sentinel'], ['@SentinelResource', 'SphU.entry(', 'DegradeRule'], { imports: ['com.alibaba.csp.sentinel'] }),
  lib('MicroProfile Fault Tolerance', 'circuit-breaker', 'java', ['org.eclipse.microprofile.fault-tolerance:microprofile-fault-tolerance-api', 'io.quarkus:quarkus-smallrye-fault-tolerance'], ['@CircuitBreaker', '@Retry', '@Fallback', '@Timeout'], { imports: ['org.eclipse.microprofile.faulttolerance'] }),
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
  lib('external_service', 'circuit-breaker', 'elixir', ['external_service'], ['ExternalService.call(', 'ExternalService.call!(', 'ExternalService.start('])
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

/** The job-queue libraries that make the Node tokens above meaningful. */
export const NODE_QUEUE_PACKAGES: readonly string[] = ['bullmq', 'bull', 'bee-queue', 'agenda', '@nestjs/bull', '@nestjs/bullmq']

/** Hand-rolled retry loops (needs a sleep in the same file) and home-grown breakers. */
export const HAND_ROLLED_RETRY_TOKENS: readonly string[] = ['$attempts++', '$attempt++', '$retries--', '$tries++', 'for ($attempt = ', 'while ($attempts <', 'while ($attempt <', 'for attempt in range(', 'for retry in range(', 'for _ in range(retries', 'for _ in range(max_retries', 'for _ in range(MAX_RETRIES', 'for i in range(max_retries', 'for i in range(MAX_RETRIES', 'while retries', 'while attempt <', 'retries -= 1', 'attempts += 1', 'attempt += 1', 'for attempt := ', 'for retry := ', 'for (let attempt = ', 'for (let retry = ', 'for (let i = 0; i < maxRetries', 'for (int attempt = ', 'while (retries', 'while (attempt <', 'while (retryCount <', 'while (attempts <', 'retryCount++', 'retryCount += 1', 'retries--', 'retries - 1)', 'retries.times', 'attempts.times', 'defp retry(', 'defp do_retry(', 'defp with_retry(', 'defp with_retries(', 'Backoff.backoff(']
export const SLEEP_TOKENS: readonly string[] = ['sleep(', 'Sleep(', 'setTimeout(', 'delay(', 'backoff']
export const HOME_GROWN_BREAKER_TOKENS: readonly string[] = ['class CircuitBreaker', 'type CircuitBreaker struct', 'class CircuitBreaker {', 'export class CircuitBreaker']
