import type { Config } from '../config/types.js'
import { collectCi } from './ci/index.js'
import type { ParseProblem } from './ci/types.js'
import type { Snapshot } from './snapshot.js'
import type { Facts } from './types.js'

/**
 * Collects every fact area once. A collector that throws leaves its area empty and is recorded
 * in `failures`, so one broken parser never sinks the scan.
 */
export interface FactInputs {
  /** Version tags: from local git refs, or from the API when the checkout has none (null: unknown). */
  readonly tags?: { readonly names: readonly string[]; readonly source: 'git' | 'api' } | null
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
  return { snapshot, ci, failures }
}
