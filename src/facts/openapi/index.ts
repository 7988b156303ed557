import { docsPublications } from './docs-sites.js'
import type { ParseProblem } from '../ci/types.js'
import type { ManifestFacts } from '../manifests/types.js'
import { sourceSet } from '../service/files.js'
import type { ServiceFacts } from '../service/types.js'
import type { Snapshot } from '../snapshot.js'
import { findContractTestFiles } from './contract-files.js'
import { findGenerators } from './generators.js'
import { goEmbeddedSpecs } from './go-embed.js'
import { goStaticMounts } from './go-static.js'
import { staticSpecs } from './jvm-generators.js'
import { findSpecs } from './specs.js'
import type { OpenApiFacts } from './types.js'

export type { ContractTestFile, OpenApiFacts, SpecDoc, SpecGenerator } from './types.js'
export { EMPTY_OPENAPI } from './types.js'

/** Collects committed specs, framework generation and contract test files; a failing part becomes a problem. */
export function collectOpenApi(snapshot: Snapshot, service: ServiceFacts, manifests: ManifestFacts): OpenApiFacts {
  const problems: ParseProblem[] = []
  const skipped: { path: string; reason: string }[] = []
  const part = <T>(name: string, fn: () => T[]): T[] => {
    try {
      return fn()
    } catch (err) {
      problems.push({ path: '', message: `${name} could not be collected: ${err instanceof Error ? err.message : String(err)}` })
      return []
    }
  }
  const specs = part('OpenAPI documents', () => findSpecs(snapshot, skipped))
  const src = service.frameworks.length ? sourceSet(snapshot) : undefined
  const generators = src ? part('OpenAPI generators', () => [...findGenerators(src, service, manifests), ...staticSpecs(specs, service), ...goStaticMounts(src, specs, service, manifests), ...goEmbeddedSpecs(src, specs, service)]) : []
  const contractTests = part('contract test files', () => findContractTestFiles(snapshot))
  const docsSites = part('documentation sites', () => docsPublications(snapshot, specs.filter((s) => s.notOwn === null).map((s) => s.path)))
  return { specs, docsSites, generators, contractTests, skipped, problems }
}
