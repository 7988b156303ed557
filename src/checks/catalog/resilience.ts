import type { Ecosystem } from '../../facts/manifests/types.js'
import type { PackageSignature } from '../../facts/usage.js'

/**
 * Circuit-breaker and retry libraries (SIGNATURES.md §8), as data. `calls` are the decorators,
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
  lib('faraday-retry', 'http-retry', 'ruby', ['faraday-retry', 'faraday_middleware'], ['request :retry', 'request(:retry', 'Faraday::Retry', 'use Faraday::Request::Retry'])
]

/** Files that only wait for a dependency at start-up (SIGNATURES.md §8.2): retries there protect no request path. */
export const STARTUP_FILE_PATTERNS: readonly RegExp[] = [/(^|[/_-])pre_?start/i, /backend_pre_start/i, /wait[_-]?for/i, /initial_data/i, /wait[_-]?db/i, /check[_-]?db/i, /db[_-]?ready/i, /entrypoint/i, /(^|\/)celeryworker_pre_start/i, /tests_pre_start/i]

/** Tokens near a retry that show it waits for the database or a broker at boot. */
export const STARTUP_CONTEXT_TOKENS: readonly string[] = ['SELECT 1', 'select(1)', 'wait_for_db', 'wait_for_database', 'db_ready', 'init_db(', 'ensure_connection(', '.PingContext(', 'db.Ping(', 'wait_for_redis', 'wait_for_broker']

/** Job-queue retries: the job is re-run, no outbound call is protected (SIGNATURES.md §8.2). */
export const JOB_RETRY_TOKENS: Readonly<Partial<Record<Ecosystem, readonly string[]>>> = {
  python: ['autoretry_for', 'self.retry(', 'retry_backoff', 'raise Retry(', 'Retry(max=', 'dramatiq.Retry', '@dramatiq.actor(max_retries'],
  // discard_on drops a failed job: no retry.
  ruby: ['sidekiq_options retry', 'retry_on ', 'sidekiq_retry_in'],
  node: ['attempts:', 'backoff: {'],
  java: ['@RetryableTopic', 'DefaultErrorHandler(']
}

/** The job-queue libraries that make the Node tokens above meaningful. */
export const NODE_QUEUE_PACKAGES: readonly string[] = ['bullmq', 'bull', 'bee-queue', 'agenda', '@nestjs/bull', '@nestjs/bullmq']

/** Hand-rolled retry loops (needs a sleep in the same file) and home-grown breakers. */
export const HAND_ROLLED_RETRY_TOKENS: readonly string[] = ['for attempt in range(', 'for retry in range(', 'for _ in range(retries', 'for _ in range(max_retries', 'for _ in range(MAX_RETRIES', 'for i in range(max_retries', 'for i in range(MAX_RETRIES', 'while retries', 'while attempt <', 'retries -= 1', 'attempts += 1', 'attempt += 1', 'for attempt := ', 'for retry := ', 'for (let attempt = ', 'for (let retry = ', 'for (let i = 0; i < maxRetries', 'for (int attempt = ', 'while (retries', 'while (attempt <', 'while (retryCount <', 'while (attempts <', 'retryCount++', 'retryCount += 1', 'retries--', 'retries - 1)', 'retries.times', 'attempts.times']
export const SLEEP_TOKENS: readonly string[] = ['sleep(', 'Sleep(', 'setTimeout(', 'delay(', 'backoff']
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
