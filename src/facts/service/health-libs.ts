import type { Ecosystem } from '../manifests/types.js'
import type { SourceSet } from './files.js'
import type { HealthLibrary } from './types.js'

/**
 * Health-check libraries recognised by a line in the service's code (settings, wiring). Routes
 * mounted through the frameworks' own calls are found by the route extractors; this table covers
 * libraries that serve their routes themselves. Data, so a new library is one row.
 */
export interface HealthLibrarySignature {
  readonly name: string
  readonly ecosystem: Ecosystem
  /** Any of these substrings on a line (comments skipped). */
  readonly tokens: readonly string[]
  /** Routes it serves by default. */
  readonly routes: readonly string[]
  /** Substrings anywhere in the service that show a dependency check registered with it. */
  readonly checks?: readonly string[]
}

export const HEALTH_LIBRARIES: readonly HealthLibrarySignature[] = [
  { name: 'django-health-check', ecosystem: 'python', tokens: ['"health_check"', "'health_check'", 'HealthCheckView'], routes: [], checks: ['health_check.db', 'health_check.cache', 'health_check.Database', 'health_check.Cache', 'health_check.contrib.redis'] },
  { name: 'dockerflow', ecosystem: 'python', tokens: ['DockerflowMiddleware', 'Dockerflow(', 'dockerflow.fastapi'], routes: ['/__heartbeat__', '/__lbheartbeat__'] },
  { name: 'django-watchman', ecosystem: 'python', tokens: ["'watchman'", '"watchman"'], routes: [] },
  { name: 'flask-healthz', ecosystem: 'python', tokens: ['from flask_healthz import'], routes: ['/healthz/live', '/healthz/ready'] },
  { name: 'py-healthcheck', ecosystem: 'python', tokens: ['from healthcheck import HealthCheck'], routes: [] },
  { name: 'fastapi-health', ecosystem: 'python', tokens: ['from fastapi_health import'], routes: [] },
  { name: '@godaddy/terminus', ecosystem: 'node', tokens: ['createTerminus('], routes: [] },
  { name: 'lightship', ecosystem: 'node', tokens: ['createLightship('], routes: ['/health', '/live', '/ready'] },
  { name: 'express-actuator', ecosystem: 'node', tokens: ["require('express-actuator')", "from 'express-actuator'"], routes: ['/health'] },
  { name: 'fastify-healthcheck', ecosystem: 'node', tokens: ["'fastify-healthcheck'"], routes: ['/health'] },
  { name: '@fastify/under-pressure', ecosystem: 'node', tokens: ['exposeStatusRoute'], routes: ['/status'] },
  { name: 'alexliesenfeld/health', ecosystem: 'go', tokens: ['health.NewChecker('], routes: [] },
  { name: 'hellofresh/health-go', ecosystem: 'go', tokens: ['github.com/hellofresh/health-go'], routes: [] },
  { name: 'grpc health', ecosystem: 'go', tokens: ['grpc_health_v1.RegisterHealthServer', 'healthpb.RegisterHealthServer'], routes: [] },
  { name: 'Spring HealthIndicator', ecosystem: 'java', tokens: ['implements HealthIndicator', 'extends AbstractHealthIndicator', 'implements ReactiveHealthIndicator', ': HealthIndicator'], routes: [], checks: ['Health.down(', 'Health.up('] },
  { name: 'okcomputer', ecosystem: 'ruby', tokens: ['OkComputer::Registry.register'], routes: ['/okcomputer'] },
  { name: 'rails-healthcheck', ecosystem: 'ruby', tokens: ['Healthcheck.configure'], routes: ['/healthcheck'] },
  // Elixir plugs that answer their own paths (a `path:` option moves them); PlugCheckup is
  // mounted with `forward "/health", to: PlugCheckup`, which the route extractor sees.
  { name: 'healthchex', ecosystem: 'elixir', tokens: ['Healthchex.Probes.Liveness', 'Healthchex.Probes.Readiness'], routes: ['/health/live', '/health/ready'] },
  { name: 'plug_heartbeat', ecosystem: 'elixir', tokens: ['plug PlugHeartbeat', 'plug(PlugHeartbeat'], routes: ['/heartbeat'] },
  { name: 'plug_checkup', ecosystem: 'elixir', tokens: ['PlugCheckup.Options.new('], routes: [], checks: ['%PlugCheckup.Check{'] }
]

/** Each signature's tokens and check markers, one array per signature (mention memos are keyed by it). */
const WANTED = new Map<HealthLibrarySignature, readonly string[]>(HEALTH_LIBRARIES.map((sig) => [sig, [...sig.tokens, ...(sig.checks ?? [])]]))
/** Every signature's words per ecosystem: one whole-text pass per file finds the few candidates. */
const BY_ECOSYSTEM = new Map<Ecosystem, readonly string[]>()
for (const [sig, words] of WANTED) BY_ECOSYSTEM.set(sig.ecosystem, [...(BY_ECOSYSTEM.get(sig.ecosystem) ?? []), ...words])

/**
 * A function named for health called with a health path literal — `health_check(application,
 * "/health/")` (an ASGI/WSGI wrapper answering that path before the app), `healthcheck('/healthz')`
 * (a middleware factory): the app serves that path even though no router declares it.
 */
const WRAPPER_CALL = /\b([A-Za-z_$][\w$.]{0,60})\(\s{0,4}(?:[A-Za-z_$][\w$.]{0,60}\s{0,4},\s{0,4})?(['"`])(\/[\w./-]{0,80})\2/g
const WRAPPER_PATH = /(^|\/)(_{0,2}health[\w-]*|healthz|livez|readyz|ping|heartbeat|alive|ready|live)\/?$/i
const WRAPPER_WORDS: readonly string[] = ['health', 'Health', 'HEALTH']
const WRAPPER_ECOSYSTEMS: readonly Ecosystem[] = ['python', 'node']

function healthWrappers(src: SourceSet, ecosystems: ReadonlySet<Ecosystem>): HealthLibrary[] {
  const out: HealthLibrary[] = []
  for (const eco of WRAPPER_ECOSYSTEMS) {
    if (!ecosystems.has(eco)) continue
    for (const file of src.files(eco)) {
      if (!src.mentions(file, WRAPPER_WORDS)) continue
      const lines = src.lines(file) ?? []
      for (let i = 0; i < lines.length && out.length < 5; i++) {
        const l = lines[i]!
        const t = l.trimStart()
        if (t.startsWith('#') || t.startsWith('//') || t.startsWith('def ') || t.startsWith('function ') || l.length > 2000 || !/health/i.test(l)) continue
        WRAPPER_CALL.lastIndex = 0
        for (let m = WRAPPER_CALL.exec(l); m; m = WRAPPER_CALL.exec(l)) {
          const callee = m[1]!
          if (!/health/i.test(callee.slice(callee.lastIndexOf('.') + 1)) || !WRAPPER_PATH.test(m[3]!)) continue
          out.push({ name: `${callee} (health-check wrapper)`, path: file, line: i + 1, text: t.slice(0, 200), routes: [m[3]!], checks: [] })
          break
        }
      }
    }
  }
  return out
}

export function findHealthLibraries(src: SourceSet, ecosystems: ReadonlySet<Ecosystem>): HealthLibrary[] {
  const out: HealthLibrary[] = healthWrappers(src, ecosystems)
  const candidates = new Map<Ecosystem, readonly string[]>()
  for (const eco of ecosystems) {
    const words = BY_ECOSYSTEM.get(eco)
    if (words) candidates.set(eco, src.files(eco).filter((f) => src.mentions(f, words)))
  }
  for (const sig of HEALTH_LIBRARIES) {
    const files = candidates.get(sig.ecosystem)
    if (!files || files.length === 0) continue
    let found: HealthLibrary | undefined
    const checks = new Set<string>()
    const wanted = WANTED.get(sig)!
    for (const file of files) {
      if (!src.mentions(file, wanted)) continue
      const lines = src.lines(file)
      if (!lines) continue
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i]!
        const t = l.trimStart()
        if (t.startsWith('#') || t.startsWith('//')) continue
        if (!found && sig.tokens.some((k) => l.includes(k))) found = { name: sig.name, path: file, line: i + 1, text: t.slice(0, 200), routes: sig.routes, checks: [] }
        for (const c of sig.checks ?? []) if (l.includes(c)) checks.add(c)
      }
      if (found && !sig.checks) break
    }
    if (found) out.push({ ...found, checks: [...checks] })
  }
  return out
}
