import {
  HAND_ROLLED_RETRY_TOKENS,
  HOME_GROWN_BREAKER_TOKENS,
  JOB_RETRY_TOKENS,
  NODE_QUEUE_PACKAGES,
  RESILIENCE_LIBS,
  SLEEP_TOKENS,
  STARTUP_CONTEXT_TOKENS,
  STARTUP_FILE_PATTERNS,
  type ResilienceSignature
} from './catalog/resilience.js'
import { normalizePythonName } from '../facts/manifests/python.js'
import { ECOSYSTEM_IDS, type Ecosystem } from '../facts/ecosystems.js'
import { packageUse, type ImportRef, type LineHit, type PackageUse, type UsageFacts } from '../facts/usage.js'
import { serviceProfile } from './catalog/ecosystem.js'
import { notAService } from './catalog/framework-repo.js'
import { defineCheck, type CheckContext, type Evidence } from './types.js'

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
    'builder.Services.AddHttpClient<RatesClient>(c => c.BaseAddress = new Uri(ratesUrl))',
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

function remediationFor(ecosystems: readonly Ecosystem[]): string {
  const chosen = ecosystems.length > 0 ? ecosystems : FALLBACK_SHOWN
  return ['Wrap calls to other services in a retry policy with backoff and a circuit breaker, with timeouts:', ...chosen.map((e) => REMEDIATION[e])].join('\n\n')
}

/** A use inside a start-up wait (wait-for-db script, or a retry next to `SELECT 1`). */
function startupWait(usage: UsageFacts, hit: { path: string; line: number }): boolean {
  if (STARTUP_FILE_PATTERNS.some((re) => re.test(hit.path))) return true
  const lines = usage.lines(hit.path) ?? []
  const from = Math.max(0, hit.line - 13)
  const to = Math.min(lines.length, hit.line + 12)
  for (let i = from; i < to; i++) if (STARTUP_CONTEXT_TOKENS.some((t) => lines[i]!.includes(t))) return true
  return false
}

interface LibFinding {
  readonly sig: ResilienceSignature
  readonly use: PackageUse
  readonly real: (ImportRef | LineHit)[]
  readonly startup: (ImportRef | LineHit)[]
}

function hitEvidence(h: ImportRef | LineHit, what: string): Evidence {
  return { path: h.path, line: h.line, message: `${what}: ${h.text}` }
}

function depEvidence(f: LibFinding, note: string): Evidence {
  const d = f.use.deps[0]!
  return { path: d.manifest, ...(d.line !== undefined ? { line: d.line } : {}), message: `${f.sig.label} (\`${d.name}\`) is a dependency${note}` }
}

function genericSignatures(packages: readonly string[]): ResilienceSignature[] {
  return packages.flatMap((p) => ECOSYSTEM_IDS.map((ecosystem) => ({ label: p, ecosystem, packages: [ecosystem === 'python' ? normalizePythonName(p) : p], calls: [], kind: 'retry' as const })))
}

function jobRetries(ctx: CheckContext): Evidence[] {
  const { manifests, usage } = ctx.facts
  const deps = manifests.manifests.flatMap((m) => m.dependencies)
  const out: Evidence[] = []
  for (const eco of ECOSYSTEM_IDS) {
    const tokens = JOB_RETRY_TOKENS[eco]
    if (!tokens || !manifests.manifests.some((m) => m.ecosystem === eco)) continue
    if (eco === 'node' && !deps.some((d) => d.ecosystem === 'node' && NODE_QUEUE_PACKAGES.includes(d.name))) continue
    for (const h of usage.grep(tokens, { ecosystems: [eco], limit: 5 })) out.push(hitEvidence(h, 'job-queue retry (re-runs the job; protects no outbound call)'))
  }
  return out.slice(0, 5)
}

function handRolled(usage: UsageFacts): Evidence[] {
  const out: Evidence[] = []
  for (const h of usage.grep(HAND_ROLLED_RETRY_TOKENS, { limit: 50 })) {
    if (startupWait(usage, h)) continue
    const lines = usage.lines(h.path) ?? []
    if (!lines.some((l) => SLEEP_TOKENS.some((t) => l.includes(t)))) continue
    out.push(hitEvidence(h, 'hand-rolled retry loop'))
    if (out.length >= 3) break
  }
  for (const h of usage.grep(HOME_GROWN_BREAKER_TOKENS, { limit: 3 })) out.push(hitEvidence(h, 'home-grown circuit breaker'))
  return out
}

/** Manifests that could not be read may hide a dependency: said on every non-pass outcome. */
function problemEvidence(ctx: CheckContext): Evidence[] {
  return ctx.facts.manifests.problems.slice(0, 3).map((p) => ({ path: p.path, ...(p.line !== undefined ? { line: p.line } : {}), message: `manifest could not be fully read: ${p.message}` }))
}

export default defineCheck({
  meta: {
    id: 'circuit-breakers',
    title: 'Circuit breakers and retries',
    question: 'Are outbound calls protected by a circuit breaker or retry policy?',
    messages: {
      'library-used': '{libs} protect calls in code.',
      'startup-only': '{libs} is only used to wait for a dependency at start-up, not around outbound calls.',
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
  run(ctx: CheckContext) {
    const { manifests, usage } = ctx.facts
    const na = notAService(ctx.facts.service)
    if (na) return na
    const ecosystems = serviceProfile(ctx.facts).ecosystems
    const remediation = remediationFor(ecosystems)
    const findings: LibFinding[] = []
    for (const sig of [...RESILIENCE_LIBS, ...genericSignatures(ctx.extra.packages)]) {
      const use = packageUse(manifests, usage, sig)
      if (use.deps.length === 0) continue
      // HTTP-client built-ins (requests, httpx, got…) are common dependencies: only their retry calls count, never their imports.
      const imports = sig.kind === 'http-retry' || sig.ecosystem === 'ruby' ? [] : use.imports
      const hits: (ImportRef | LineHit)[] = [...use.calls, ...imports]
      const real = hits.filter((h) => !startupWait(usage, h))
      const startup = hits.filter((h) => startupWait(usage, h))
      if (sig.kind === 'http-retry' && hits.length === 0) continue
      findings.push({ sig, use, real, startup })
    }
    const used = findings.filter((f) => f.real.length > 0)
    if (used.length > 0) {
      return {
        status: 'pass',
        messageId: 'library-used',
        data: { libs: [...new Set(used.map((f) => f.sig.label))].join(', ') },
        evidence: used.flatMap((f) => [depEvidence(f, ''), ...f.real.slice(0, 3).map((h) => hitEvidence(h, 'used'))]).slice(0, 12)
      }
    }
    const extras = [...jobRetries(ctx), ...handRolled(usage), ...problemEvidence(ctx)]
    const startupOnly = findings.filter((f) => f.startup.length > 0)
    if (startupOnly.length > 0) {
      return {
        status: 'partial',
        messageId: 'startup-only',
        data: { libs: [...new Set(startupOnly.map((f) => f.sig.label))].join(', ') },
        evidence: [...startupOnly.flatMap((f) => [depEvidence(f, ''), ...f.startup.slice(0, 3).map((h) => hitEvidence(h, 'start-up wait, not an outbound call'))]), ...extras],
        remediation
      }
    }
    if (findings.length > 0) {
      return {
        status: 'partial',
        messageId: 'dependency-only',
        data: { libs: [...new Set(findings.map((f) => f.sig.label))].join(', ') },
        evidence: [...findings.map((f) => depEvidence(f, f.use.testOnly.length > 0 ? ', used only in tests' : ', but it is never imported or called outside tests')), ...extras],
        remediation
      }
    }
    const jobs = jobRetries(ctx)
    const hand = handRolled(usage)
    if (hand.length > 0) return { status: 'partial', messageId: 'hand-rolled', evidence: [...hand, ...jobs, ...problemEvidence(ctx)], remediation }
    if (jobs.length > 0) return { status: 'partial', messageId: 'job-retries', evidence: [...jobs, ...problemEvidence(ctx)], remediation }
    return { status: 'fail', messageId: 'none', evidence: problemEvidence(ctx), remediation }
  }
})
