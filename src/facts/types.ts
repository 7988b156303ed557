import type { CiFacts, ParseProblem } from './ci/types.js'
import type { Snapshot } from './snapshot.js'

/**
 * Everything Shipshape knows about a repository, collected once per scan. Checks are pure
 * functions of this object. Each area owns its types in its own module; this aggregate only
 * names them.
 */
export interface Facts {
  /** Listing and cached reads; checks should prefer the parsed areas below. */
  readonly snapshot: Snapshot
  readonly ci: CiFacts
  /** Collectors that threw: the area is empty and the checks that need it say so. */
  readonly failures: readonly ParseProblem[]
}
