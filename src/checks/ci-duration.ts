import type { ApiFailure } from '../facts/github.js'
import { defineCheck, type Evidence, type Outcome, type Resolution } from './types.js'
import { plural } from '../prose.js'

/**
 * ci-duration: does CI give feedback on PRs in under ten minutes? The median wall time of recent
 * successful pull_request runs, per commit (all workflows of one head SHA together: the developer
 * waits for the last one). Needs the API with `actions: read`; without it the answer is unknown.
 */

/** Minutes: under PASS passes, up to PARTIAL is partial, above fails (docs/checks/ci-duration.md). */
export const CI_DURATION_LIMITS = { pass: 10, partial: 20 } as const
/** Fewer runs than this still judge, but the summary says the sample is small. */
const SMALL_SAMPLE = 5

const messages = {
  pass: 'PR CI gives feedback in {median} min (median of {sample} recent successful PR runs{small}).',
  partial: 'PR CI takes {median} min (median of {sample} recent successful PR runs{small}): over the 10-minute target.',
  fail: 'PR CI takes {median} min (median of {sample} recent successful PR runs{small}): over 20 minutes.',
  'unknown-no-api': 'CI duration needs the GitHub API, and no API access was available.',
  'unknown-api': 'Recent workflow runs could not be read ({reason}).',
  'unknown-no-runs': 'No successful pull_request workflow run was found in recent history, so there is no duration to judge.'
} as const
type Id = keyof typeof messages

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}

const ACTIONS_READ: Resolution = { text: 'give Shipshape a GitHub token that can read recent workflow runs ("actions: read")', permissions: { actions: 'read' }, api: true }

/** A permission problem is resolved by the permission; a transient one by what the API error says (rerun, check the token). */
function failed(f: ApiFailure): Resolution {
  return f.kind === 'forbidden' || f.kind === 'not-found' ? { ...ACTIONS_READ, text: f.resolve } : { text: f.resolve }
}

const round1 = (n: number): number => Math.round(n * 10) / 10

export default defineCheck({
  meta: {
    id: 'ci-duration',
    title: 'CI duration',
    question: 'Does CI give feedback on PRs in under ten minutes?',
    messages,
    why: 'Slow feedback breaks flow: developers switch tasks, batch changes into bigger, riskier pull requests, and are tempted to merge before CI finishes. Under ten minutes keeps review and fixes in one sitting.',
    remediation: [
      'Shorten the critical path of PR CI:',
      '- cache dependencies (`actions/setup-node` / `setup-python` / `setup-go` with `cache:`, or `actions/cache`);',
      '- split lint, type checks and tests into parallel jobs, and shard slow test suites with a `matrix`;',
      '- run expensive suites (end-to-end, image builds) only when their paths change, or in the merge queue;',
      '- cancel superseded runs:',
      '',
      '```yaml',
      'concurrency:',
      '  group: ${{ github.workflow }}-${{ github.ref }}',
      '  cancel-in-progress: true',
      '```'
    ].join('\n')
  },
  run({ facts }): Outcome<Id> {
    const runs = facts.github?.prRuns
    if (!facts.github || !runs) {
      return { status: 'unknown', messageId: 'unknown-no-api', resolve: ACTIONS_READ }
    }
    if (runs.status === 'error') return { status: 'unknown', messageId: 'unknown-api', data: { reason: runs.reason }, resolve: failed(runs) }
    if (runs.status === 'skipped') return { status: 'unknown', messageId: 'unknown-api', data: { reason: `not read: ${runs.reason}` }, resolve: ACTIONS_READ }
    if (runs.durationsMinutes.length === 0) {
      return { status: 'unknown', messageId: 'unknown-no-runs', evidence: ciFiles(facts.ci.files), resolve: { text: 'nothing to grant: once a workflow run on a pull request succeeds, its duration is judged' } }
    }
    const m = round1(median(runs.durationsMinutes))
    const p90 = round1(percentile(runs.durationsMinutes, 90))
    const sample = runs.durationsMinutes.length
    const data = { median: m, sample, small: sample < SMALL_SAMPLE ? '; a small sample' : '' }
    const evidence: Evidence[] = [
      { message: `median ${m} min, 90th percentile ${p90} min, fastest ${round1(Math.min(...runs.durationsMinutes))} min, slowest ${round1(Math.max(...runs.durationsMinutes))} min over ${plural(sample, 'commit')}` },
      ...(runs.workflows.length > 0 ? [{ message: `workflows in the sample: ${runs.workflows.slice(0, 10).join(', ')}` }] : []),
      ...ciFiles(facts.ci.files)
    ]
    if (m < CI_DURATION_LIMITS.pass) return { status: 'pass', messageId: 'pass', data, evidence }
    if (m <= CI_DURATION_LIMITS.partial) return { status: 'partial', messageId: 'partial', data, evidence }
    return { status: 'fail', messageId: 'fail', data, evidence }
  }
})

function ciFiles(files: readonly { system: string; path: string }[]): Evidence[] {
  return files
    .filter((f) => f.system === 'github-actions')
    .slice(0, 5)
    .map((f) => ({ path: f.path, message: 'GitHub Actions workflow' }))
}
