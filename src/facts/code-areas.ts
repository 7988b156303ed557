import type { Config } from '../config/types.js'
import type { ParseProblem } from './parse/problem.js'
import { collectConfigTexts, NO_CONFIG_TEXTS } from './config-texts.js'
import { collectFlags, NO_FLAGS } from './flags.js'
import { collectLayering, NO_LAYERING } from './layering.js'
import type { ManifestFacts } from './manifests/types.js'
import type { RepoFileFacts } from './repo-files.js'
import { collectResilience, NO_RESILIENCE } from './resilience.js'
import type { ServiceFacts } from './service/types.js'
import type { Snapshot } from './snapshot.js'
import type { Facts } from './types.js'
import { collectUsage, emptyUsage } from './usage.js'

/** The areas read from one view's own files: the whole repository, or one monorepo service's view. */
export type CodeAreas = Pick<Facts, 'configTexts' | 'resilience' | 'flags' | 'layering'>

/** Runs a collector; a collector that throws leaves its area at `fallback` and is recorded. */
export type Guard = <T>(area: string, fallback: T, fn: () => T) => T

/** A guard that records a failing collector in `failures` (`for service X`, when `scope` names one). */
export function guardInto(failures: ParseProblem[], scope = ''): Guard {
  return (area, fallback, fn) => {
    try {
      return fn()
    } catch (err) {
      failures.push({ path: '', message: `${area} facts could not be collected${scope}: ${(err as Error)?.message ?? String(err)}` })
      return fallback
    }
  }
}

/**
 * Collects the areas that depend on a view's files: configuration texts the checks declared, and
 * the resilience, flag and layer facts read through the view's usage index (which stays here: no
 * check searches code). An area whose check is switched off in config is not read.
 */
export function collectCodeAreas(snapshot: Snapshot, repoFiles: RepoFileFacts, manifests: ManifestFacts, service: ServiceFacts, config: Config, configReads: readonly string[], guard: Guard): CodeAreas {
  const runs = (id: keyof Config['checks']): boolean => config.checks[id].enabled
  const configTexts = guard('Configuration files', NO_CONFIG_TEXTS, () => collectConfigTexts(snapshot, repoFiles, configReads))
  const usage = guard('Usage', emptyUsage(), () => collectUsage(snapshot))
  const resilience = runs('circuit-breakers') ? guard('Resilience', NO_RESILIENCE, () => collectResilience(manifests, usage, config.signatures['circuit-breakers'].packages)) : NO_RESILIENCE
  const flags = runs('feature-flags') ? guard('Feature flags', NO_FLAGS, () => collectFlags(manifests, usage, config.signatures['feature-flags'].packages)) : NO_FLAGS
  const layering = runs('layered-architecture') ? guard('Layering', NO_LAYERING, () => collectLayering(service, usage, manifests)) : NO_LAYERING
  return { configTexts, resilience, flags, layering }
}
