/** Every check id of the product contract (docs/checks/), in catalogue order. */
export const CHECK_IDS = [
  'mandatory-prs',
  'ci-lint',
  'ci-tests',
  'type-checking',
  'static-analysis',
  'contract-tests',
  'openapi-published',
  'health-endpoint',
  'feature-flags',
  'circuit-breakers',
  'container-build',
  'release-versioning',
  'layered-architecture',
  'ci-duration'
] as const

export type CheckId = (typeof CHECK_IDS)[number]

export function isCheckId(value: unknown): value is CheckId {
  return typeof value === 'string' && (CHECK_IDS as readonly string[]).includes(value)
}

export const STATUSES = ['pass', 'partial', 'fail', 'unknown', 'not-applicable', 'waived'] as const
export type Status = (typeof STATUSES)[number]

/** Statuses that count in the score. */
export function isJudged(status: Status): boolean {
  return status === 'pass' || status === 'partial' || status === 'fail'
}
