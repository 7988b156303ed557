import type { CheckId } from '../checks/ids.js'

/**
 * Default weight of each check in the score (docs/design.md, "Policy, score and gate").
 *
 * - 3 for the seven practices the product is built around (reviewed PRs, lint, tests, contract
 *   tests, a published OpenAPI description, a health endpoint, feature flags): missing one of them
 *   should move the score more than anything else.
 * - 2 for the supporting practices (type checking, static analysis, circuit breakers, container
 *   builds, release versioning, layered architecture): they matter, but a service can be healthy without one of them.
 * - 1 for `ci-duration`: slow CI hurts, but it measures speed rather than the presence of a
 *   safeguard, and it needs API access, so it is often `unknown` anyway.
 *
 * With every check judged the weights sum to 34, so one missing core practice costs about 9 points
 * and one missing supporting practice about 6. Any weight can be changed in the config
 * (`checks.<id>.weight`, 0–100).
 */
export const DEFAULT_WEIGHTS: Readonly<Record<CheckId, number>> = {
  'mandatory-prs': 3,
  'ci-lint': 3,
  'ci-tests': 3,
  'type-checking': 2,
  'static-analysis': 2,
  'contract-tests': 3,
  'openapi-published': 3,
  'health-endpoint': 3,
  'feature-flags': 3,
  'circuit-breakers': 2,
  'container-build': 2,
  'release-versioning': 2,
  'layered-architecture': 2,
  'ci-duration': 1
}
