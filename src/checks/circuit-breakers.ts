import type { Ecosystem } from '../facts/ecosystems.js'
import { snippetFor, type Framework } from '../facts/service/frameworks.js'
import { JVM_RESILIENCE } from './catalog/jvm-snippets.js'
import type { HandRolledHit, LibFinding, UseHit } from '../facts/resilience.js'
import type { LineHit } from '../facts/usage.js'
import { serviceProfile } from './catalog/ecosystem.js'
import { notAService } from './catalog/framework-repo.js'
import { defineCheck, type CheckContext, type Evidence, type Outcome } from './types.js'

/** Shown when no ecosystem was detected: the most common stacks, not all of them. */
const FALLBACK_SHOWN: readonly Ecosystem[] = ['python', 'node', 'go', 'java', 'ruby']

const REMEDIATION: Readonly<Record<Ecosystem, string>> = {
  python: [
    '**Python** — tenacity around the outbound call (pybreaker for a breaker):',
    '```python',
    'import httpx',
    'from tenacity import retry, retry_if_exception_type',
    'from tenacity import stop_after_attempt, wait_exponential',
    '',
    '@retry(',
    '    stop=stop_after_attempt(3),',
    '    wait=wait_exponential(multiplier=0.2, max=5),',
    '    retry=retry_if_exception_type(httpx.TransportError),',
    ')',
    'def fetch_rates() -> dict:',
    '    return httpx.get(RATES_URL, timeout=5).raise_for_status().json()',
    '```'
  ].join('\n'),
  node: [
    '**Node / TypeScript** — opossum circuit breaker:',
    '```ts',
    "import CircuitBreaker from 'opossum'",
    '',
    'const breaker = new CircuitBreaker(fetchRates, {',
    '  timeout: 3000,',
    '  errorThresholdPercentage: 50,',
    '  resetTimeout: 30000',
    '})',
    'breaker.fallback(() => cachedRates())',
    'const rates = await breaker.fire()',
    '```'
  ].join('\n'),
  go: [
    '**Go** — sony/gobreaker:',
    '```go',
    'cb := gobreaker.NewCircuitBreaker[[]byte](gobreaker.Settings{',
    '\tName: "rates",',
    '\tReadyToTrip: func(c gobreaker.Counts) bool {',
    '\t\treturn c.ConsecutiveFailures > 3',
    '\t},',
    '})',
    'body, err := cb.Execute(func() ([]byte, error) { return fetchRates(ctx) })',
    '```'
  ].join('\n'),
  java: [
    '**Java / Spring** — Resilience4j (`io.github.resilience4j:resilience4j-spring-boot3`):',
    '```java',
    '@CircuitBreaker(name = "rates", fallbackMethod = "cachedRates")',
    '@Retry(name = "rates")',
    'public Rates fetchRates() {',
    '  return restClient.get().uri("/rates").retrieve().body(Rates.class);',
    '}',
    '```'
  ].join('\n'),
  ruby: [
    '**Ruby** — circuitbox (or stoplight / semian):',
    '```ruby',
    'circuit = Circuitbox.circuit(',
    '  :rates_api, exceptions: [Net::ReadTimeout, Faraday::Error]',
    ')',
    'circuit.run { RatesClient.fetch }',
    '```'
  ].join('\n'),
  rust: [
    '**Rust** — reqwest-middleware with reqwest-retry:',
    '```rust',
    'use reqwest_middleware::ClientBuilder;',
    'use reqwest_retry::{policies::ExponentialBackoff, RetryTransientMiddleware};',
    '',
    'let policy = ExponentialBackoff::builder().build_with_max_retries(3);',
    'let client = ClientBuilder::new(reqwest::Client::new())',
    '    .with(RetryTransientMiddleware::new_with_policy(policy))',
    '    .build();',
    'let rates = client.get(RATES_URL).send().await?;',
    '```'
  ].join('\n'),
  php: [
    "**PHP / Laravel** — the HTTP client's retry (Guzzle: `Middleware::retry()` on the handler stack; ackintosh/ganesha for a breaker):",
    '```php',
    '$rates = Http::retry(3, 200)->timeout(5)->get($ratesUrl)->throw()->json();',
    '```'
  ].join('\n'),
  dotnet: [
    '**.NET** — Microsoft.Extensions.Http.Resilience (Polly: retry with backoff, circuit breaker, timeouts):',
    '```csharp',
    'builder.Services',
    '    .AddHttpClient<RatesClient>(c => c.BaseAddress = new Uri(ratesUrl))',
    '    .AddStandardResilienceHandler();',
    '```'
  ].join('\n'),
  elixir: [
    '**Elixir** — Tesla retry and fuse middleware:',
    '```elixir',
    'defmodule MyApp.RatesClient do',
    '  use Tesla',
    '  plug Tesla.Middleware.Timeout, timeout: 5_000',
    '  plug Tesla.Middleware.Retry, delay: 200, max_retries: 3',
    '  plug Tesla.Middleware.Fuse, opts: {{:standard, 5, 10_000}, {:reset, 30_000}}',
    'end',
    '```'
  ].join('\n')
}

function remediationFor(ecosystems: readonly Ecosystem[], frameworks: readonly Framework[] = []): string {
  const chosen = ecosystems.length > 0 ? ecosystems : FALLBACK_SHOWN
  // The Java row is Spring's Resilience4j starter: other JVM frameworks get their own.
  const jvm = frameworks.includes('spring') ? undefined : snippetFor(frameworks, JVM_RESILIENCE)
  return ['Wrap calls to other services in a retry policy with backoff and a circuit breaker, with timeouts:', ...chosen.map((e) => (e === 'java' && jvm ? jvm : REMEDIATION[e]))].join('\n\n')
}

function hitEvidence(h: UseHit, what: string): Evidence {
  return { path: h.path, line: h.line, message: `${what}: ${h.text}` }
}

function depEvidence(f: LibFinding, note: string): Evidence {
  const d = f.use.deps[0]!
  return { path: d.manifest, ...(d.line !== undefined ? { line: d.line } : {}), message: `${f.sig.label} (\`${d.name}\`) is a dependency${note}` }
}

function jobEvidence(hits: readonly LineHit[]): Evidence[] {
  return hits.map((h) => hitEvidence(h, 'job-queue retry (re-runs the job; protects no outbound call)'))
}

function handRolledEvidence(hits: readonly HandRolledHit[]): Evidence[] {
  return hits.map((h) => hitEvidence(h.hit, h.frontEnd === undefined ? h.what : `${h.what} (front-end only: ${h.frontEnd})`))
}

/** Manifests that could not be read may hide a dependency: said on every non-pass outcome. */
function problemEvidence(ctx: CheckContext): Evidence[] {
  return ctx.facts.manifests.problems.slice(0, 3).map((p) => ({ path: p.path, ...(p.line !== undefined ? { line: p.line } : {}), message: `manifest could not be fully read: ${p.message}` }))
}

type MessageId = 'no-service' | 'framework-repo' | 'library-used' | 'front-end-only' | 'retries-disabled' | 'startup-only' | 'local-only' | 'dependency-only' | 'hand-rolled' | 'job-retries' | 'none'

export default defineCheck({
  meta: {
    id: 'circuit-breakers',
    title: 'Circuit breakers and retries',
    question: 'Are outbound calls protected by a circuit breaker or retry policy?',
    messages: {
      'library-used': '{libs} protect calls in code.',
      'front-end-only': '{libs} protect only front-end code that runs in the browser, not the service\'s own outbound calls.',
      'retries-disabled': 'Retries are switched off where {libs} are configured ({how}).',
      'startup-only': '{libs} is only used to wait for a dependency at start-up, not around outbound calls.',
      'local-only': '{libs} only retries database writes or local resources (a locked database file, optimistic-locking conflicts), not outbound calls.',
      'dependency-only': '{libs} is a dependency, but no production code uses it.',
      'hand-rolled': 'Only hand-rolled retries or a home-grown breaker were found.',
      'job-retries': 'Only job-queue retries were found; they re-run jobs but protect no outbound call.',
      none: 'No circuit-breaker or retry library protects outbound calls.',
      'no-service': 'No HTTP framework found in dependencies or imports: there is no service whose calls to protect.',
      'framework-repo': 'This repository publishes {name}, an HTTP framework itself, not a service built on it: there is no service whose calls to protect.'
    },
    why: 'A slow or failing dependency should cost one request, not the service: retries with backoff absorb transient errors, and a circuit breaker stops hammering a dependency that is down, failing fast instead of piling up threads and timeouts until the whole service falls over.',
    remediation: remediationFor([])
  },
  run(ctx: CheckContext): Outcome<MessageId> {
    const na = notAService(ctx.facts.service)
    if (na) return na
    const ecosystems = serviceProfile(ctx.facts).ecosystems
    const remediation = remediationFor(ecosystems, ctx.facts.service.frameworks.map((f) => f.framework))
    const { libraries: findings, fallbacks } = ctx.facts.resilience
    const used = findings.filter((f) => f.real.length > 0)
    if (used.length > 0) {
      return {
        status: 'pass',
        messageId: 'library-used',
        data: { libs: [...new Set(used.map((f) => f.sig.label))].join(', ') },
        evidence: used.flatMap((f) => [depEvidence(f, ''), ...f.real.slice(0, 3).map((h) => hitEvidence(h, 'used'))]).slice(0, 12)
      }
    }
    const feOnly = findings.filter((f) => f.frontEnd.length > 0)
    if (feOnly.length > 0) {
      return {
        status: 'partial',
        messageId: 'front-end-only',
        data: { libs: [...new Set(feOnly.map((f) => f.sig.label))].join(', ') },
        evidence: [...feOnly.flatMap((f) => [depEvidence(f, ''), ...f.frontEnd.slice(0, 3).map((x) => hitEvidence(x.hit, `front-end only (${x.why})`))]), ...problemEvidence(ctx)].slice(0, 12),
        remediation
      }
    }
    const jobs = jobEvidence(fallbacks?.jobRetries ?? [])
    const hand = handRolledEvidence(fallbacks?.handRolled ?? [])
    const extras = [...jobs, ...hand, ...problemEvidence(ctx)]
    // Uses that protect no outbound call: waits at start-up, then retries of database writes or local state.
    const notProtecting = (pick: (f: LibFinding) => readonly UseHit[], messageId: 'startup-only' | 'local-only', note: string) => {
      const hit = findings.filter((f) => pick(f).length > 0)
      if (hit.length === 0) return undefined
      const evidence = hit.flatMap((f) => [...(messageId === 'startup-only' ? [depEvidence(f, '')] : []), ...pick(f).slice(0, 3).map((h) => hitEvidence(h, note))])
      return { status: 'partial' as const, messageId, data: { libs: [...new Set(hit.map((f) => f.sig.label))].join(', ') }, evidence: [...evidence, ...extras], remediation }
    }
    const waits = notProtecting((f) => f.startup, 'startup-only', 'start-up wait, not an outbound call') ?? notProtecting((f) => f.local, 'local-only', 'retries a database write or local state, not an outbound call')
    if (waits) return waits
    const off = findings.filter((f) => f.disabled.length > 0 && f.real.length === 0 && f.startup.length === 0)
    const declaredOnly = findings.filter((f) => !off.includes(f) && !(f.sig.kind === 'http-retry' && f.disabled.length > 0))
    if (declaredOnly.length > 0) {
      return {
        status: 'partial',
        messageId: 'dependency-only',
        data: { libs: [...new Set(declaredOnly.map((f) => f.sig.label))].join(', ') },
        evidence: [...declaredOnly.map((f) => depEvidence(f, f.use.testOnly.length > 0 ? ', used only in tests' : ', but it is never imported or called outside tests')), ...extras],
        remediation
      }
    }
    if (hand.length > 0) return { status: 'partial', messageId: 'hand-rolled', evidence: [...hand, ...jobs, ...problemEvidence(ctx)], remediation }
    if (jobs.length > 0) return { status: 'partial', messageId: 'job-retries', evidence: [...jobs, ...problemEvidence(ctx)], remediation }
    if (off.length > 0) {
      const hits = off.flatMap((f) => f.disabled)
      return {
        status: 'fail',
        messageId: 'retries-disabled',
        data: { libs: [...new Set(off.map((f) => f.sig.label))].join(', '), how: [...new Set(hits.map((h) => h.note))].join(', ') },
        evidence: [...hits.slice(0, 6).map((h) => hitEvidence(h.hit, `retries switched off (${h.note})`)), ...problemEvidence(ctx)],
        remediation
      }
    }
    return { status: 'fail', messageId: 'none', evidence: problemEvidence(ctx), remediation }
  }
})
