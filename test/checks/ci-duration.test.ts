import { describe, expect, it } from 'vitest'
import check, { median } from '../../src/checks/ci-duration.js'
import { fillTemplate, type CheckContext } from '../../src/checks/types.js'
import type { ApiFact, GitHubFacts, PrRunDurations } from '../../src/facts/github.js'
import type { Facts } from '../../src/facts/types.js'

const skipped = { status: 'skipped' as const, reason: 'x' }
function facts(prRuns: ApiFact<PrRunDurations> | null): Facts {
  const github: GitHubFacts | null = prRuns && { repo: { owner: 'acme', name: 'api', defaultBranch: 'main' }, branch: 'main', rules: skipped, protection: skipped, prRuns, tags: skipped, calls: 1 }
  // Only the areas ci-duration reads.
  return { github, ci: { files: [{ system: 'github-actions', path: '.github/workflows/ci.yml' }], jobs: [], runs: [], actions: [], problems: [] } } as unknown as Facts
}
const runs = (durationsMinutes: number[]): ApiFact<PrRunDurations> => ({ status: 'ok', durationsMinutes, sample: durationsMinutes.length, workflows: ['CI'] })
function run(f: Facts) {
  const out = check.run({ facts: f } as CheckContext)
  return { ...out, summary: fillTemplate(check.meta.messages[out.messageId], out.data) }
}

describe('ci-duration', () => {
  it.each([
    [[3, 4, 9.9, 5, 6], 'pass', 'PR CI gives feedback in 5 min (median of 5 recent successful PR runs).'],
    [[10, 10, 10, 30, 2], 'partial', 'PR CI takes 10 min (median of 5 recent successful PR runs): over the 10-minute target.'],
    [[20, 20, 19, 25, 21], 'partial', 'PR CI takes 20 min (median of 5 recent successful PR runs): over the 10-minute target.'],
    [[21, 30], 'fail', 'PR CI takes 25.5 min (median of 2 recent successful PR runs; a small sample): over 20 minutes.']
  ])('%j → %s', (d, status, summary) => {
    const r = run(facts(runs(d)))
    expect([r.status, r.summary]).toEqual([status, summary])
  })

  it('gives the spread and points at the workflows', () => {
    const r = run(facts(runs([4, 6, 8, 30])))
    expect(r.evidence).toEqual([
      { message: 'median 7 min, 90th percentile 30 min, fastest 4 min, slowest 30 min over 4 commits' },
      { message: 'workflows in the sample: CI' },
      { path: '.github/workflows/ci.yml', message: 'GitHub Actions workflow' }
    ])
  })

  it('is unknown without the API, without actions: read, or without runs', () => {
    expect(run(facts(null)).messageId).toBe('unknown-no-api')
    const denied = run(facts({ status: 'error', kind: 'forbidden', reason: '403 Resource not accessible by integration', resolve: 'grant the job "actions: read" so Shipshape can read recent workflow runs' }))
    expect([denied.status, denied.summary]).toEqual(['unknown', 'Recent workflow runs could not be read (403 Resource not accessible by integration).'])
    // What resolves it is said once, in the resolution: the permission to grant, not how to speed CI up.
    expect(denied.resolve).toEqual(expect.objectContaining({ text: 'grant the job "actions: read" so Shipshape can read recent workflow runs', permissions: { actions: 'read' } }))
    const slow = run(facts({ status: 'error', kind: 'server', reason: '502', resolve: 'rerun: the GitHub API answered with a server error' }))
    expect(slow.resolve).toEqual({ text: 'rerun: the GitHub API answered with a server error' })
    expect(run(facts(runs([]))).messageId).toBe('unknown-no-runs')
  })

  it('median handles odd and even samples', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })
})
