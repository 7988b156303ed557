import {
  HAND_ROLLED_RETRY,
  DISABLED_RETRY,
  HAND_ROLLED_RETRY_TOKENS,
  HOME_GROWN_BREAKER_TOKENS,
  JOB_RETRY_TOKENS,
  LOCAL_RETRY_TOKENS,
  NODE_QUEUE_PACKAGES,
  NOT_OUTBOUND_FILES,
  NOT_OUTBOUND_RETRY_TOKENS,
  RETRY_FILTER_LINES,
  RESILIENCE_LIBS,
  RETRIES_OFF,
  SLEEP_TOKENS,
  STARTUP_CONTEXT_TOKENS,
  STARTUP_FILE_PATTERNS,
  WAIT_WINDOW,
  type ResilienceSignature
} from './catalog/resilience.js'
import { normalizePythonName } from '../facts/manifests/python.js'
import { ECOSYSTEM_IDS, type Ecosystem } from '../facts/ecosystems.js'
import { snippetFor, type Framework } from '../facts/service/frameworks.js'
import { JVM_RESILIENCE } from './catalog/jvm-snippets.js'
import { frontEndReader, type FrontEndReader } from '../facts/front-end.js'
import { packageUse, type ImportRef, type LineHit, type PackageUse, type UsageFacts } from '../facts/usage.js'
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

/** A use inside a start-up wait (wait-for-db script, or a retry next to `SELECT 1`). */
function startupWait(usage: UsageFacts, hit: { path: string; line: number }): boolean {
  if (STARTUP_FILE_PATTERNS.some((re) => re.test(hit.path))) return true
  const lines = usage.lines(hit.path) ?? []
  const from = Math.max(0, hit.line - 13)
  const to = Math.min(lines.length, hit.line + 12)
  for (let i = from; i < to; i++) if (STARTUP_CONTEXT_TOKENS.some((t) => lines[i]!.includes(t))) return true
  return false
}

/** A retry in a file that retries a locked local database, filtered on a database or local-state exception (on its line or just after), or in a data migration. */
function notOutbound(usage: UsageFacts, hit: ImportRef | LineHit): boolean {
  const tokens = NOT_OUTBOUND_RETRY_TOKENS[hit.ecosystem]
  if (NOT_OUTBOUND_FILES.some((re) => re.test(hit.path))) return true
  const lines = usage.lines(hit.path) ?? []
  if (lines.some((l) => LOCAL_RETRY_TOKENS.some((t) => l.includes(t)))) return true
  if (!tokens || 'module' in hit) return false
  for (let i = hit.line - 1; i < Math.min(lines.length, hit.line + RETRY_FILTER_LINES); i++) if (tokens.some((t) => lines[i]!.includes(t))) return true
  return false
}

/** The option that switches retrying off at a call (on its line or its argument lines), or undefined. */
function disabledAt(usage: UsageFacts, hit: { path: string; line: number }): string | undefined {
  const lines = usage.lines(hit.path) ?? []
  for (let i = hit.line - 1; i < lines.length && i < hit.line + 7; i++) {
    const l = lines[i]!
    const found = DISABLED_RETRY.find((d) => d.pattern.test(l))
    if (found) return found.note
    // The call's arguments end here (`)`, `})`, `});`) or at a blank line.
    if (i >= hit.line && (/^\s*[)}\]]+[;,]?\s*$/.test(l) || l.trim() === '')) break
  }
  return undefined
}

interface LibFinding {
  readonly sig: ResilienceSignature
  readonly use: PackageUse
  readonly real: (ImportRef | LineHit)[]
  readonly startup: (ImportRef | LineHit)[]
  /** Retries of database writes or local state. */
  readonly local: (ImportRef | LineHit)[]
  /** Calls that switch retrying off, with the option that does. */
  readonly disabled: { readonly hit: LineHit; readonly note: string }[]
  /** Uses in code that runs in the browser, with why it is front-end. */
  readonly frontEnd: { readonly hit: ImportRef | LineHit; readonly why: string }[]
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
    if (eco === 'node' && !deps.some((d) => d.ecosystem === 'node' && !d.own && NODE_QUEUE_PACKAGES.includes(d.name))) continue
    for (const h of usage.grep(tokens, { ecosystems: [eco], limit: 5 })) out.push(hitEvidence(h, 'job-queue retry (re-runs the job; protects no outbound call)'))
  }
  return out.slice(0, 5)
}

/**
 * Hand-rolled retries and breakers. One in front-end code (a browser app, a React Native client
 * beside the API) protects none of the service's calls: like a library used only there, it is
 * kept, after the service's own, and said to be front-end only.
 */
function handRolled(usage: UsageFacts, frontEnd: FrontEndReader): Evidence[] {
  const own: Evidence[] = []
  const client: Evidence[] = []
  const add = (h: LineHit, what: string): void => {
    const why = frontEnd(h.path)
    if (why === undefined) own.push(hitEvidence(h, what))
    else if (client.length < 3) client.push(hitEvidence(h, `${what} (front-end only: ${why})`))
  }
  const seen = new Set<string>()
  for (const h of usage.grep(HAND_ROLLED_RETRY_TOKENS, { limit: 50 })) {
    if (startupWait(usage, h)) continue
    const lines = usage.lines(h.path) ?? []
    if (!lines.some((l) => SLEEP_TOKENS.some((t) => l.includes(t)))) continue
    seen.add(h.path)
    add(h, 'hand-rolled retry loop')
    if (own.length >= 3) break
  }
  for (const [eco, shape] of Object.entries(HAND_ROLLED_RETRY) as [Ecosystem, NonNullable<(typeof HAND_ROLLED_RETRY)[Ecosystem]>][]) {
    if (own.length >= 3) break
    for (const h of usage.grep(shape.anchors, { ecosystems: [eco], limit: 50 })) {
      if (seen.has(h.path) || startupWait(usage, h)) continue
      const lines = usage.lines(h.path) ?? []
      const near = lines.slice(Math.max(0, h.line - 1 - WAIT_WINDOW), h.line + WAIT_WINDOW)
      if (!near.some((l) => shape.waits.some((w) => l.includes(w)))) continue
      seen.add(h.path)
      add(h, 'hand-rolled retry with a wait')
      if (own.length >= 3) break
    }
  }
  for (const h of usage.grep(HOME_GROWN_BREAKER_TOKENS, { limit: 3 })) add(h, 'home-grown circuit breaker')
  return [...own, ...client].slice(0, Math.max(3, own.length))
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
    const { manifests, usage } = ctx.facts
    const na = notAService(ctx.facts.service)
    if (na) return na
    const ecosystems = serviceProfile(ctx.facts).ecosystems
    const remediation = remediationFor(ecosystems, ctx.facts.service.frameworks.map((f) => f.framework))
    const findings: LibFinding[] = []
    const frontEnd: FrontEndReader = frontEndReader(manifests, usage)
    for (const sig of [...RESILIENCE_LIBS, ...genericSignatures(ctx.extra.packages)]) {
      const use = packageUse(manifests, usage, sig)
      if (use.deps.length === 0) continue
      // HTTP-client built-ins (requests, httpx, got…) are common dependencies: only their retry calls count, never their imports.
      const imports = sig.kind === 'http-retry' || sig.ecosystem === 'ruby' ? [] : use.imports
      const disabled = use.calls.flatMap((c) => {
        const note = disabledAt(usage, c)
        return note === undefined ? [] : [{ hit: c, note }]
      })
      const calls = use.calls.filter((c) => !disabled.some((d) => d.hit === c) && !RETRIES_OFF.test(c.text))
      // A file whose every call switches retrying off uses the library only to say "no retry": its import proves nothing.
      const offFiles = new Set(disabled.map((d) => d.hit.path).filter((p) => !calls.some((c) => c.path === p)))
      const hits: (ImportRef | LineHit)[] = [...calls, ...imports.filter((i) => !offFiles.has(i.path))]
      const startup = hits.filter((h) => startupWait(usage, h))
      const local = hits.filter((h) => !startup.includes(h) && notOutbound(usage, h))
      const live = hits.filter((h) => !startup.includes(h) && !local.includes(h))
      const fe = live.flatMap((h) => {
        const why = frontEnd(h.path)
        return why === undefined ? [] : [{ hit: h, why }]
      })
      const real = live.filter((h) => !fe.some((x) => x.hit === h))
      if (sig.kind === 'http-retry' && hits.length === 0 && disabled.length === 0) continue
      findings.push({ sig, use, real, startup, local, disabled, frontEnd: fe })
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
    const extras = [...jobRetries(ctx), ...handRolled(usage, frontEnd), ...problemEvidence(ctx)]
    // Uses that protect no outbound call: waits at start-up, then retries of database writes or local state.
    const notProtecting = (pick: (f: LibFinding) => (ImportRef | LineHit)[], messageId: 'startup-only' | 'local-only', note: string) => {
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
    const jobs = jobRetries(ctx)
    const hand = handRolled(usage, frontEnd)
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
