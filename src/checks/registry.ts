import type { Check } from './types.js'
import type { CheckId } from './ids.js'

/**
 * The explicit registry: one entry per check id, sorted by id. No self-registration; a test fails
 * when a check of CHECK_IDS has no entry here, no file named by its id, or no docs page.
 */
export const REGISTRY: Partial<Record<CheckId, Check>> = {
}
