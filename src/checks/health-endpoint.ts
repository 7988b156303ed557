import { CONTRIBUTOR_LIBRARIES, DEPENDENCY_COMMANDS, DEPENDENCY_IMAGES, healthSegment, ONE_OFF_SERVICES, THIRD_PARTY_IMAGE_PREFIXES } from '../facts/catalog/health.js'
import type { DeployHealthcheck } from '../facts/deploy/types.js'
import type { Route } from '../facts/service/types.js'
import { frameworkList, snippetFor, type Framework } from '../facts/service/frameworks.js'
import { HEALTH_SNIPPETS } from './catalog/health-snippets.js'
import { notAService } from './catalog/framework-repo.js'
import { defineCheck, type Evidence, type Outcome } from './types.js'

/**
 * health-endpoint: does the service expose a health/readiness route? Routes come with their full
 * paths (prefixes resolved) from the service facts; a route is dedicated when its last segment is
 * a health word (the health catalogue, facts/catalog/health.ts) or it is listed in config
 * `signatures.routes`. Libraries that serve health routes count too. Deployment-side checks alone
 * are partial; those of a dependency, a one-off job or a third-party component are not the app's.
 */

const messages = {
  'pass-deep': 'The app serves {routes}, which checks dependencies ({touches}).',
  'pass-shallow': 'The app serves {routes}; it does not check dependencies (shallow liveness).',
  'deploy-only': 'Only deployment-side health checks were found ({probes}), and they hit {target}, not a dedicated health route.',
  'deploy-unmatched': 'The deployment probes {probes}, but no route of the app serves that path.',
  fail: 'No health or readiness route was found ({frameworks}).',
  'no-service': 'No HTTP framework found in dependencies or imports: there is no service to probe.',
  'framework-repo': 'This repository publishes {name}, an HTTP framework itself, not a service built on it: there is no service to probe.'
} as const
type Id = keyof typeof messages

function routeText(r: Route): string {
  const prefix = r.prefixUnknown ? `{${r.prefixUnknown}}` : ''
  return `${r.methods.join('/')} ${prefix}${r.path}`
}

function isAppProbe(h: DeployHealthcheck): boolean {
  const img = (h.image ?? '').toLowerCase()
  if (img && DEPENDENCY_IMAGES.some((d) => img === d || img.startsWith(d + ':') || img.endsWith('/' + d) || img.includes('/' + d + ':') || img.startsWith(d + '-'))) return false
  if (img && THIRD_PARTY_IMAGE_PREFIXES.some((p) => img.startsWith(p))) return false
  if ((h.service && ONE_OFF_SERVICES.test(h.service)) || (img && ONE_OFF_SERVICES.test(img.replace(/:[^/]*$/, '')))) return false
  return !DEPENDENCY_COMMANDS.some((c) => h.command.includes(c))
}

export default defineCheck({
  meta: {
    id: 'health-endpoint',
    title: 'Health endpoint',
    question: 'Does the service expose a health/readiness route?',
    messages,
    why: 'Load balancers, orchestrators and uptime monitors need a cheap, reliable way to ask the service whether it can take traffic. Without a health route they fall back to the home page or a TCP connect, which stay green while the database is down, and restart loops or black-holed traffic follow.',
    remediation: 'Add a dedicated `/healthz` (liveness) route, and a readiness route that pings the database and cache and answers 503 when they are down; point the Dockerfile `HEALTHCHECK` or the Kubernetes probes at them.'
  },
  run({ facts, extra }): Outcome<Id> {
    const { service, deploy } = facts
    const na = notAService(service)
    if (na) return na
    const extraRoutes = new Set(extra.routes.map((r) => r.replace(/\/+$/, '') || '/'))
    const dedicated = service.routes.filter((r) => healthSegment(r.path) !== null || extraRoutes.has(r.path.replace(/\/+$/, '') || '/'))
    const libraries = service.healthLibraries.filter((l) => !CONTRIBUTOR_LIBRARIES.has(l.name) && !dedicated.some((r) => r.library === l.name))
    const probes = deploy.healthchecks.filter(isAppProbe)
    const evidence: Evidence[] = []
    for (const r of dedicated.slice(0, 6)) {
      const touch = r.touches?.[0]
      const how = r.touches === undefined ? 'handler not read' : touch ? `checks a dependency: ${touch.token} at ${touch.file}:${touch.line}` : 'returns without touching a dependency'
      const unk = r.prefixUnknown ? ` (prefix ${r.prefixUnknown} not resolved)` : ''
      evidence.push({ path: r.file, line: r.line, message: `${routeText(r)}${unk}${r.library ? ` — ${r.library}` : ''}: ${how}` })
    }
    for (const l of libraries.slice(0, 3)) evidence.push({ path: l.path, ...(l.line ? { line: l.line } : {}), message: `${l.name}${l.routes.length ? ` serves ${l.routes.join(', ')}` : ''}${l.checks.length ? ` (checks: ${l.checks.join(', ')})` : ''}` })
    for (const h of probes.slice(0, 4)) evidence.push({ path: h.path, line: h.line, message: `${h.source} ${h.kind}: ${h.httpPath ?? h.command}` })
    if (service.skipped.length) evidence.push({ message: `not scanned for routes: ${service.skipped.slice(0, 3).map((s) => `${s.path} (${s.reason})`).join('; ')}${service.skipped.length > 3 ? ` and ${service.skipped.length - 3} more` : ''}` })
    const remediation = remediationFor(service.frameworks.map((f) => f.framework))
    if (dedicated.length > 0 || libraries.length > 0) {
      const names = [...new Set([...dedicated.map((r) => (r.prefixUnknown ? `{${r.prefixUnknown}}` : '') + r.path), ...libraries.map((l) => l.name)])]
      const routes = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '')
      const touches = [...new Set([...dedicated.flatMap((r) => (r.touches ?? []).map((t) => t.token)), ...libraries.flatMap((l) => l.checks)])]
      if (touches.length > 0) return { status: 'pass', messageId: 'pass-deep', data: { routes, touches: touches.slice(0, 3).join(', ') }, evidence }
      return { status: 'pass', messageId: 'pass-shallow', data: { routes }, evidence }
    }
    if (probes.length > 0) {
      const list = [...new Set(probes.map((p) => p.httpPath ?? `${p.source} ${p.probe ?? 'command'}`))]
      const healthy = probes.filter((p) => p.httpPath && healthSegment(p.httpPath))
      if (healthy.length > 0) return { status: 'partial', messageId: 'deploy-unmatched', data: { probes: list.join(', ') }, evidence, remediation }
      const target = probes.some((p) => p.httpPath) ? [...new Set(probes.filter((p) => p.httpPath).map((p) => p.httpPath!))].join(', ') : 'a command or TCP port'
      return { status: 'partial', messageId: 'deploy-only', data: { probes: list.join(', '), target }, evidence, remediation }
    }
    return { status: 'fail', messageId: 'fail', data: { frameworks: frameworkList(service.frameworks) }, evidence, remediation }
  }
})

function remediationFor(fws: readonly Framework[]): string {
  const snippet = snippetFor(fws, HEALTH_SNIPPETS)
  const base = 'Add a dedicated liveness route (`/healthz`) and a readiness route that checks the database and cache, answering 503 when they are down; point the deployment probes at them.'
  return snippet ? `${base}\n\n${snippet}` : base
}
