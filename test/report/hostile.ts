import { CHECK_IDS } from '../../src/checks/ids.js'
import type { CheckResult, Evidence } from '../../src/checks/types.js'
import type { ScanReport } from '../../src/report/types.js'
import { NASTY } from './inert.js'
import { sampleReport } from './sample.js'

/** A report whose every repository-derived string is hostile. */
export function hostileReport(overrides: Partial<ScanReport> = {}): ScanReport {
  const statuses = ['fail', 'partial', 'unknown', 'waived', 'not-applicable', 'pass'] as const
  const checks: CheckResult[] = CHECK_IDS.map((id, i) => {
    const nasty = NASTY[i % NASTY.length]!
    const evidence: Evidence[] = NASTY.map((n, j) => ({ path: `src/${n}/file${j}.py`, line: j + 1, message: n }))
    evidence.push({ message: nasty }, { path: nasty, message: '' })
    const status = statuses[i % statuses.length]!
    return {
      id,
      title: `Title ${i}`,
      status,
      score: status === 'fail' ? 0 : status === 'partial' ? 5 : status === 'pass' ? 10 : null,
      weight: 1 + (i % 3),
      required: i % 4 === 0,
      summary: `found ${nasty}`,
      messageId: 'x',
      evidence,
      remediation: 'Trusted fix with `code`.\n\n```sh\nmake test\n```',
      ...(status === 'waived' ? { waiver: { reason: NASTY[1]!, expires: '2030-01-01', original: 'fail' as const } } : {})
    }
  })
  return sampleReport({
    checks,
    delta: undefined,
    warnings: [...NASTY],
    gate: { passed: false, minScore: 70, reasons: [NASTY[0]!, 'required check ci-tests is fail'] },
    ...overrides
  })
}

/** 14 checks × `perCheck` evidence items with long hostile paths (the size-limit test). */
export function hugeReport(perCheck = 5000): ScanReport {
  const long = 'deeply/nested/<b>|@org/team|[x](javascript:y)|`tick`/'.repeat(5)
  const checks: CheckResult[] = CHECK_IDS.map((id, i) => ({
    id,
    title: `Check ${id}`,
    status: i % 2 === 0 ? 'fail' : 'partial',
    score: i % 2 === 0 ? 0 : 5,
    weight: (i % 3) + 1,
    required: false,
    summary: `${perCheck} findings in ${id}`,
    messageId: 'x',
    evidence: Array.from({ length: perCheck }, (_, j) => ({ path: `${long}${id}-${j}.py`, line: j + 1, message: `finding ${j}: ${NASTY[j % NASTY.length]}` })),
    remediation: ('Do the thing properly. '.repeat(40) + '\n\n```yaml\nsteps:\n  - run: make lint\n```\n\n').repeat(3)
  }))
  return sampleReport({ checks, delta: undefined, warnings: Array.from({ length: 500 }, (_, i) => `warning ${i}: ${NASTY[i % NASTY.length]}`) })
}
