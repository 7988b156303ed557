import type { ServiceFacts } from '../../facts/service/types.js'
import type { Outcome } from '../types.js'

/**
 * The repository of an HTTP framework (encode/django-rest-framework, expressjs/express) is a
 * library, not a service: the framework is what it publishes, so the service checks (health
 * route, OpenAPI, contract tests) do not apply. The service facts say so by finding no framework
 * use and naming the framework package the repository publishes. The same rule holds for every
 * catalogue of packages: dependencies on a package the repository publishes are marked `own` by
 * the manifest facts and never count as a third-party SDK or library.
 */
export function frameworkRepo(service: ServiceFacts): Outcome<'framework-repo'> | undefined {
  const own = service.publishes?.[0]
  if (!own) return undefined
  return {
    status: 'not-applicable',
    messageId: 'framework-repo',
    data: { name: own.name },
    evidence: [{ path: own.path, ...(own.line ? { line: own.line } : {}), message: `publishes ${own.name}, the framework itself` }]
  }
}

/**
 * The service checks' applicability (docs/design.md): a repository
 * or monorepo service view without an HTTP framework gets not-applicable with the reason, the
 * framework it publishes when it is one. Undefined when there is a service to judge.
 */
export function notAService(service: ServiceFacts): Outcome<'framework-repo' | 'no-service'> | undefined {
  if (service.frameworks.length > 0) return undefined
  return frameworkRepo(service) ?? { status: 'not-applicable', messageId: 'no-service' }
}
