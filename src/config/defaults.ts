import { normalize } from './normalize.js'
import type { Config } from './types.js'

export { DEFAULT_WEIGHTS } from './weights.js'

/**
 * The embedded default: what a repository without a config file gets. Derived from the schema's
 * defaults (min-score 70, every check enabled with its default weight, nothing required, no
 * ignore globs, waivers or extra signatures, fail-on-regression off, 2 MiB read cap).
 */
export const DEFAULT_CONFIG: Config = normalize({}, null)

/** Where a config file is looked for, in order, under the scanned directory. */
export const CONFIG_FILE_NAMES = ['.github/shipshape.yml', '.github/shipshape.yaml', '.shipshape.yml', '.shipshape.yaml'] as const

/** A config file larger than this is refused: no real config comes close. */
export const MAX_CONFIG_BYTES = 256 * 1024

/** At most this many errors are listed; the rest are counted in one last line. */
export const MAX_CONFIG_ERRORS = 50
