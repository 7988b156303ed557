import { resolvePolicy, type PolicyOverrides } from '../../src/config/policy.js'
import { CHECK_IDS, type CheckId } from '../../src/checks/ids.js'
import type { ScanReport } from '../../src/report/types.js'
import { scan, type ScanOptions, type ScanOutcome } from '../../src/scan.js'

/** The scan's options with the policy given as overrides of the config's (what the edge resolves). */
export type TestScanOptions = Omit<ScanOptions, 'policy'> & { readonly policy?: PolicyOverrides }

/** The one scan entry, with the policy resolved the way the CLI and the action resolve it. */
export function scanOutcome(opts: TestScanOptions): Promise<ScanOutcome> {
  return scan({ ...opts, policy: resolvePolicy(opts.config, opts.policy) })
}

/** The report of a scan. */
export async function scanReport(opts: TestScanOptions): Promise<ScanReport> {
  return (await scanOutcome(opts)).report
}

/**
 * The statuses of a repository that follows every practice, scanned without a token (the two
 * API-backed checks are `unknown`), with the exceptions a test states.
 */
export function everyPracticeFollowed(exceptions: Partial<Record<CheckId, string>> = {}): Record<CheckId, string> {
  return Object.fromEntries(CHECK_IDS.map((id) => [id, exceptions[id] ?? (id === 'mandatory-prs' || id === 'ci-duration' ? 'unknown' : 'pass')])) as Record<CheckId, string>
}
