import type { Config } from '../config/types.js'
import { collectCi } from './ci/index.js'
import type { ParseProblem } from './ci/types.js'
import { collectDeploy } from './deploy/index.js'
import { collectManifests } from './manifests/index.js'
import { collectOpenApi, EMPTY_OPENAPI } from './openapi/index.js'
import { collectService, EMPTY_SERVICE } from './service/index.js'
import { collectRelease } from './release.js'
import { collectSecurityRules, NO_SECURITY_RULES } from './security-rules.js'
import { collectUsage, emptyUsage } from './usage.js'
import { collectSettingsAsCode, type GitHubFacts } from './github.js'
import type { Snapshot } from './snapshot.js'
import type { Facts } from './types.js'

/**
 * Collects every fact area once. A collector that throws leaves its area empty and is recorded
 * in `failures`, so one broken parser never sinks the scan.
 */
export interface FactInputs {
  /** Version tags: from local git refs, or from the API when the checkout has none (null: unknown). */
  readonly tags?: { readonly names: readonly string[]; readonly source: 'git' | 'api' } | null
  /** GitHub API facts collected at the edge (src/github/collect.ts); null or absent: no API. */
  readonly github?: GitHubFacts | null
}

export function collectFacts(snapshot: Snapshot, _config: Config, _inputs: FactInputs = {}): Facts {
  const failures: ParseProblem[] = []
  const guard = <T>(area: string, fallback: T, fn: () => T): T => {
    try {
      return fn()
    } catch (err) {
      failures.push({ path: '', message: `${area} facts could not be collected: ${(err as Error)?.message ?? String(err)}` })
      return fallback
    }
  }
  const ci = guard('CI', { files: [], jobs: [], runs: [], actions: [], problems: [] }, () => collectCi(snapshot))
  const settingsAsCode = guard('Settings-as-code', { rules: [], problems: [] }, () => collectSettingsAsCode(snapshot))
  const manifests = guard('Manifest', { manifests: [], problems: [] }, () => collectManifests(snapshot))
  const usage = guard('Usage', emptyUsage(), () => collectUsage(snapshot))
  const deploy = guard('Deployment', { dockerfiles: [], otherBuilds: [], composeFiles: [], healthchecks: [], problems: [] }, () => collectDeploy(snapshot))
  const service = guard('Service', EMPTY_SERVICE, () => collectService(snapshot, manifests))
  const openapi = guard('OpenAPI', EMPTY_OPENAPI, () => collectOpenApi(snapshot, service, manifests))
  const release = guard('Release', { tags: null, changelogs: [], configs: [], triggers: [], problems: [] }, () => collectRelease(snapshot, _inputs.tags))
  const securityRules = guard('Security rules', NO_SECURITY_RULES, () => collectSecurityRules(snapshot))
  return { snapshot, ci, github: _inputs.github ?? null, settingsAsCode, manifests, usage, deploy, service, openapi, release, securityRules, failures }
}
