import type { CiFacts, DeclaredRun, ParseProblem } from './ci/types.js'
import type { DeployFacts } from './deploy/types.js'
import type { ManifestFacts } from './manifests/types.js'
import type { OpenApiFacts } from './openapi/types.js'
import type { ReleaseFacts } from './release.js'
import type { RepoFileFacts } from './repo-files.js'
import type { SecurityRuleFacts } from './security-rules.js'
import type { TypeCheckSkip } from './ts-build.js'
import type { ServiceFacts } from './service/types.js'
import type { GitHubFacts, SettingsAsCodeFacts } from './github.js'
import type { ConfigTexts } from './config-texts.js'
import type { FlagFacts } from './flags.js'
import type { LayeringFacts } from './layering.js'
import type { ResilienceFacts } from './resilience.js'

/**
 * Everything Shipshape knows about a repository, collected once per scan. Checks are pure
 * functions of this object. Each area owns its types in its own module; this aggregate only
 * names them.
 */
export interface Facts {
  /** The file listing read once: own files, ecosystems with manifests and sources, stack markers, test files. */
  readonly repoFiles: RepoFileFacts
  /** The texts of the configuration files the checks declared they judge (checks/reads.ts). */
  readonly configTexts: ConfigTexts
  readonly ci: CiFacts
  /** What the task runners declare (Makefile targets, package.json scripts, tox, nox, just). */
  readonly declared: readonly DeclaredRun[]
  /** Direct dependencies per manifest (lockfiles never read). */
  readonly manifests: ManifestFacts
  /** Resilience libraries and their uses, job-queue and hand-rolled retries (circuit-breakers). */
  readonly resilience: ResilienceFacts
  /** Flag SDKs and their uses, an in-house flag system, env toggles (feature-flags). */
  readonly flags: FlagFacts
  /** Handler modules and the infrastructure they reach, conventions, architecture-rule test imports (layered-architecture). */
  readonly layering: LayeringFacts
  /** Dockerfiles, image builds without one, deployment-side health checks. */
  readonly deploy: DeployFacts
  /** HTTP frameworks and routes with full paths (prefixes, includes, mounts resolved). */
  readonly service: ServiceFacts
  /** Committed OpenAPI specs, framework spec generation and contract test files. */
  readonly openapi: OpenApiFacts
  /** Version tags, changelogs, release tooling and release-triggered workflows. */
  readonly release: ReleaseFacts
  /** GitHub API facts (rules, protection, PR run durations), or null when no API was available. */
  readonly github: GitHubFacts | null
  /** Branch rules declared in the repository (`.github/settings.yml`, Terraform, ruleset JSON). */
  readonly settingsAsCode: SettingsAsCodeFacts
  /** Security rule sets enabled inside a linter's configuration (gosec in golangci-lint, ruff's `S`). */
  readonly securityRules: SecurityRuleFacts
  /** Build settings that make a TypeScript build skip its type check (Next.js `ignoreBuildErrors`, Nest's swc builder). */
  readonly typeCheckSkips: readonly TypeCheckSkip[]
  /** Collectors that threw: the area is empty and the checks that need it say so. */
  readonly failures: readonly ParseProblem[]
}
