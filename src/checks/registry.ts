import ciDuration from './ci-duration.js'
import ciLint from './ci-lint.js'
import ciTests from './ci-tests.js'
import circuitBreakers from './circuit-breakers.js'
import containerBuild from './container-build.js'
import contractTests from './contract-tests.js'
import featureFlags from './feature-flags.js'
import healthEndpoint from './health-endpoint.js'
import layeredArchitecture from './layered-architecture.js'
import mandatoryPrs from './mandatory-prs.js'
import openapiPublished from './openapi-published.js'
import releaseVersioning from './release-versioning.js'
import staticAnalysis from './static-analysis.js'
import typeChecking from './type-checking.js'
import type { Check } from './types.js'
import type { CheckId } from './ids.js'

/**
 * The explicit registry: one entry per check id, sorted by id (a full Record: the compiler fails
 * when a check id has no entry). No self-registration; a test fails
 * when a check of CHECK_IDS has no entry here, no file named by its id, or no docs page.
 */
export const REGISTRY: Readonly<Record<CheckId, Check>> = {
  'ci-duration': ciDuration,
  'ci-lint': ciLint,
  'ci-tests': ciTests,
  'circuit-breakers': circuitBreakers,
  'container-build': containerBuild,
  'contract-tests': contractTests,
  'feature-flags': featureFlags,
  'health-endpoint': healthEndpoint,
  'layered-architecture': layeredArchitecture,
  'mandatory-prs': mandatoryPrs,
  'openapi-published': openapiPublished,
  'release-versioning': releaseVersioning,
  'static-analysis': staticAnalysis,
  'type-checking': typeChecking
}
