import type { Config } from '../config/types.js'
import { collectCodeAreas, guardInto } from './code-areas.js'
import { answersSame, RecordingSnapshot, type Asked } from './recording-snapshot.js'
import { collectCi, collectDeclaredRuns } from './ci/index.js'
import type { ParseProblem } from './ci/types.js'
import { collectDeploy } from './deploy/index.js'
import { collectManifests } from './manifests/index.js'
import { collectOpenApi, EMPTY_OPENAPI } from './openapi/index.js'
import { collectService, EMPTY_SERVICE } from './service/index.js'
import { collectRelease } from './release.js'
import { collectRepoFiles, EMPTY_REPO_FILES } from './repo-files.js'
import { collectSecurityRules, NO_SECURITY_RULES } from './security-rules.js'
import { collectTypeCheckSkips } from './ts-build.js'
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
  /** The repository's `owner/name`, when known (the action's context, `--repo`, the git remote). */
  readonly repository?: string | null
}

/** The areas whose collectors read only configuration and manifests (never the usage or route scans): these can be reused for the PR base. */
export const REUSABLE_AREAS = ['ci', 'settingsAsCode', 'manifests', 'deploy', 'release', 'securityRules'] as const
export type ReusableArea = (typeof REUSABLE_AREAS)[number]

/** What the head's reusable collectors asked (recorded when `record` is set). */
export type AskedByArea = Partial<Record<ReusableArea, Asked>>

export interface CollectOptions {
  /** Record what each reusable collector asked (the head of a PR comparison). */
  readonly record?: boolean
  /**
   * Facts of another snapshot (the PR head) with what their collectors asked, and the files
   * listed by only one of the two: an area is taken from there when this snapshot answers
   * everything the same way.
   */
  readonly reuse?: { readonly facts: Facts; readonly asked: AskedByArea; readonly added: readonly string[] }
  /** Configuration-file patterns whose texts the checks judge (checks/reads.ts); none by default. */
  readonly configReads?: readonly string[]
}

export function collectFacts(snapshot: Snapshot, config: Config, _inputs: FactInputs = {}, opts: CollectOptions = {}): Facts & { readonly asked: AskedByArea } {
  const failures: ParseProblem[] = []
  const asked: AskedByArea = {}
  const guard = guardInto(failures)
  /** A reusable area: the other snapshot's facts when they hold here, else collected (and recorded when asked to). */
  const area = <K extends ReusableArea>(key: K, label: string, fallback: Facts[K], collect: (snap: Snapshot) => Facts[K]): Facts[K] => {
    const from = opts.reuse
    const before = from?.asked[key]
    if (from && before && answersSame(before, snapshot, from.added)) return from.facts[key]
    if (!opts.record) return guard(label, fallback, () => collect(snapshot))
    const recorder = new RecordingSnapshot(snapshot)
    const n = failures.length
    const value = guard(label, fallback, () => collect(recorder))
    // A collector that threw is never reused: its failure must be said for each snapshot.
    if (failures.length === n) asked[key] = recorder.asked()
    return value
  }
  const repoFiles = guard('Repository files', EMPTY_REPO_FILES, () => collectRepoFiles(snapshot))
  const ci = area('ci', 'CI', { files: [], jobs: [], runs: [], actions: [], problems: [] }, (snap) => collectCi(snap, _inputs.repository ?? undefined))
  // What the task runners declare is read from this snapshot, even when the CI facts are the head's.
  const declared = collectDeclaredRuns(snapshot)
  const settingsAsCode = area('settingsAsCode', 'Settings-as-code', { rules: [], problems: [] }, collectSettingsAsCode)
  const manifests = area('manifests', 'Manifest', { manifests: [], problems: [] }, collectManifests)
  const deploy = area('deploy', 'Deployment', { dockerfiles: [], otherBuilds: [], composeFiles: [], releasers: [], healthchecks: [], problems: [] }, collectDeploy)
  const service = guard('Service', EMPTY_SERVICE, () => collectService(snapshot, manifests))
  const code = collectCodeAreas(snapshot, repoFiles, manifests, service, config, opts.configReads ?? [], guard)
  const openapi = guard('OpenAPI', EMPTY_OPENAPI, () => collectOpenApi(snapshot, service, manifests))
  const release = area('release', 'Release', { tags: null, changelogs: [], configs: [], triggers: [], problems: [] }, (snap) => collectRelease(snap, _inputs.tags))
  const securityRules = area('securityRules', 'Security rules', NO_SECURITY_RULES, collectSecurityRules)
  const typeCheckSkips = guard('TypeScript build settings', [], () => collectTypeCheckSkips(snapshot))
  return { repoFiles, ...code, ci, declared, github: _inputs.github ?? null, settingsAsCode, manifests, deploy, service, openapi, release, securityRules, typeCheckSkips, failures, asked }
}
