import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import type { ApiErrorKind } from '../../src/facts/github.js'
import { createGitHubClient, type ClientOptions } from '../../src/github/client.js'
import { collectGitHubFacts } from '../../src/github/collect.js'
import { commentMarker, upsertComment } from '../../src/github/comment.js'
import { scanReport } from '../helpers/scan.js'
import { runAction, type RunResult } from '../helpers/action-runner.js'
import { ERRORS, FakeGitHub, prRun, RULES, type Reply, type Route } from '../helpers/fake-github.js'
import { tempGitRepo, tempTree } from '../helpers/tmp-repo.js'

/**
 * The API fault matrix: every failure GitHub (or the network) can produce, against every API-backed
 * fact and every comment call. Each must be retried exactly when retrying can help, then become
 * `unknown` on the check (facts) or one warning (comment), and never decide the step's exit code.
 */

let fake: FakeGitHub
beforeEach(async () => {
  fake = await new FakeGitHub().start()
  fake.rules.main = [RULES.pullRequest(1), RULES.statusChecks(['test'])]
  fake.runs = [prRun(1, 4), prRun(2, 6)]
  fake.tags = ['v1.0.0']
})
afterEach(async () => {
  await fake.stop()
})

/**
 * Per-request timeout of the in-process clients: the `hang` fault answers after it. Generous
 * enough that a loaded CI machine (two cores, parallel test files) never turns a prompt answer
 * into a timeout.
 */
const TIMEOUT_MS = 1_500
const client = (extra: Partial<ClientOptions> = {}) =>
  createGitHubClient({ token: 'ghs_x', baseUrl: fake.url, owner: 'acme', repo: 'api', retryUnitMs: 5, timeoutMs: TIMEOUT_MS, budgetMs: 5_000, ...extra })

interface Fault {
  readonly name: string
  readonly reply: Reply
  readonly kind: ApiErrorKind
  /** Requests sent for one call: 1 = not retried. A range when retrying a dead socket may race. */
  readonly calls: number | readonly [number, number]
}

const farReset = () => Math.floor(Date.now() / 1000) + 3600
const FAULTS: readonly Fault[] = [
  { name: '401 bad credentials', reply: ERRORS.badCredentials, kind: 'unauthorized', calls: 1 },
  { name: '403 resource not accessible by integration', reply: ERRORS.integration, kind: 'forbidden', calls: 1 },
  { name: '403 plan upgrade', reply: ERRORS.upgrade, kind: 'forbidden', calls: 1 },
  { name: '403 primary rate limit, reset in an hour', reply: ERRORS.rateLimit(farReset()), kind: 'rate-limited', calls: 1 },
  { name: '403 secondary rate limit, retry-after 1', reply: ERRORS.secondary(1), kind: 'rate-limited', calls: 2 },
  { name: '404 not found', reply: ERRORS.notFound, kind: 'not-found', calls: 1 },
  { name: '422 validation failed', reply: { status: 422, body: { message: 'Validation Failed', documentation_url: 'x', status: '422' } }, kind: 'malformed', calls: 1 },
  { name: '429 retry-after 1', reply: ERRORS.tooMany(1), kind: 'rate-limited', calls: 3 },
  { name: '500', reply: ERRORS.server(500), kind: 'server', calls: 3 },
  { name: '502', reply: ERRORS.server(502), kind: 'server', calls: 3 },
  { name: '503', reply: ERRORS.server(503), kind: 'server', calls: 3 },
  { name: 'no answer within the timeout', reply: { status: 200, body: [], delayMs: TIMEOUT_MS * 4 }, kind: 'timeout', calls: [1, 3] },
  { name: 'connection reset', reply: { status: 200, reset: true }, kind: 'network', calls: [1, 3] },
  { name: 'malformed JSON body', reply: { status: 200, raw: '{"workflow_runs": [' }, kind: 'malformed', calls: 1 },
  { name: 'HTML error page', reply: { status: 502, raw: '<html><body>Bad gateway</body></html>', headers: { 'content-type': 'text/html' } }, kind: 'server', calls: 3 }
]

function expectCalls(route: Route, expected: Fault['calls']): void {
  const n = fake.calls(route).length
  if (typeof expected === 'number') expect(n, `${route} requests`).toBe(expected)
  else {
    expect(n).toBeGreaterThanOrEqual(expected[0])
    expect(n).toBeLessThanOrEqual(expected[1])
  }
}

/** One API fact per row: the route it reads, how to read it, and the check it feeds. */
const FACTS = [
  { fact: 'rules', route: 'rules', check: 'mandatory-prs', read: (f: Awaited<ReturnType<typeof collectGitHubFacts>>) => f.rules },
  { fact: 'runs', route: 'runs', check: 'ci-duration', read: (f: Awaited<ReturnType<typeof collectGitHubFacts>>) => f.prRuns },
  { fact: 'tags', route: 'tags', check: 'release-versioning', read: (f: Awaited<ReturnType<typeof collectGitHubFacts>>) => f.tags }
] as const

describe('API-backed facts under every fault', () => {
  for (const fault of FAULTS) {
    for (const { fact, route, check, read } of FACTS) {
      it(`${fact}: ${fault.name} → ${fault.kind}, retried ${JSON.stringify(fault.calls)}, ${check} unknown`, async () => {
        fake.always(route, fault.reply)
        if (route === 'rules') fake.always('branch', fault.reply)
        const t0 = performance.now()
        const facts = await collectGitHubFacts({ client: client(), defaultBranch: 'main', wantTags: true })
        // The client's 5 s budget bounds even a hanging API (plus scheduling slack).
        expect(performance.now() - t0).toBeLessThan(8_000)
        expect(read(facts)).toMatchObject({ status: 'error', kind: fault.kind })
        expectCalls(route, fault.calls)
        // The other facts are untouched by this one's failure.
        for (const other of FACTS) if (other.fact !== fact) expect(other.read(facts).status).toBe('ok')
        const report = await scanReport({ root: tempTree({ 'README.md': 'x\n' }), config: DEFAULT_CONFIG, inputs: { github: facts }, policy: { minScore: 0 } })
        const result = report.checks.find((c) => c.id === check)!
        expect(result.status).toBe('unknown')
        expect(report.gate.passed).toBe(true)
      })
    }
  }
})

describe('the PR comment under every fault', () => {
  const base = { issue: 5, key: 'default', markdown: '### report', digest: 'aaaaaaaaaaaaaaaa', mode: 'always' as const, gatePassed: true }
  const CALLS: readonly { route: Route; setup: () => void; op: string }[] = [
    { route: 'list-comments', setup: () => {}, op: 'list' },
    { route: 'create-comment', setup: () => {}, op: 'create' },
    { route: 'update-comment', setup: () => void fake.addComment(5, `${commentMarker('default')}\nold`), op: 'update' }
  ]
  for (const fault of FAULTS) {
    for (const { route, setup, op } of CALLS) {
      // A 404 on update means a racing run deleted the comment: not a failure (comment.ts converge).
      if (op === 'update' && fault.kind === 'not-found') continue
      it(`${op}: ${fault.name} → one warning, nothing else written`, async () => {
        setup()
        fake.always(route, fault.reply)
        const out = await upsertComment({ ...base, client: client({ throttle: false }) })
        expect(out.action).toBe('failed')
        if (out.action !== 'failed') return
        expect(out.error.kind).toBe(fault.kind)
        expect(out.warning).toMatch(/^Shipshape could not post the pull request comment \(.+\)\. The report is in the job summary/)
        // Without the throttling plugin only the retry plugin acts: rate limits are not retried.
        // A 422 on create is retried once with a minimal body (GitHub counts length differently).
        expectCalls(route, fault.name === '403 secondary rate limit, retry-after 1' ? 1 : op === 'create' && fault.reply.status === 422 ? 2 : fault.calls)
        expect(fake.calls('delete-comment')).toHaveLength(0)
      })
    }
  }

  it('delete of a duplicate failing with any fault still leaves one current comment and no warning', async () => {
    // A 2xx answer to DELETE is a success whatever its body; a timeout is covered above.
    for (const fault of FAULTS.filter((f) => f.reply.status >= 400 || f.reply.reset)) {
      fake.comments.clear()
      fake.addComment(5, `${commentMarker('default')}\nold 1`)
      fake.addComment(5, `${commentMarker('default')}\nold 2`)
      fake.always('delete-comment', fault.reply)
      const out = await upsertComment({ ...base, client: client({ throttle: false }) })
      // A 404 means a racing run deleted it already: counted as deleted.
      expect(out, fault.name).toMatchObject({ action: 'updated', deleted: fault.kind === 'not-found' ? 1 : 0 })
      expect(fake.commentsOf(5)[0]!.body).toContain('### report')
    }
  })
})

describe('dist/index.js: the gate alone decides the exit code', () => {
  const SERVICE = {
    'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi"]\n',
    'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/healthz")\ndef health():\n    return {"ok": True}\n',
    '.github/workflows/ci.yml': 'on: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ruff check .\n      - run: pytest\n'
  }
  const ROUTES: readonly Route[] = ['rules', 'branch', 'runs', 'tags', 'list-comments', 'create-comment']
  // 5xx and resets are retried with the bundle's real backoff (about 15 s per run, no test seam):
  // their exit code is covered by action.test.ts ('API 500s and 429s'), their mapping above.
  const E2E: readonly Fault[] = FAULTS.filter((f) => ['401 bad credentials', '403 resource not accessible by integration', '404 not found', 'malformed JSON body'].includes(f.name))

  const statusOf = (r: RunResult, id: string) => r.report?.checks.find((c) => c.id === id)?.status
  for (const fault of E2E) {
    it(`every API call fails with ${fault.name}: unknown checks, one comment warning, exit by the gate`, async () => {
      for (const route of ROUTES) fake.always(route, fault.reply)
      const repo = tempGitRepo(SERVICE)
      const passing = await runAction(fake, { repo })
      expect(passing.code, passing.stdout.slice(-2000)).toBe(0)
      expect(passing.outputs.passed).toBe('true')
      expect(statusOf(passing, 'mandatory-prs')).toBe('unknown')
      expect(statusOf(passing, 'ci-duration')).toBe('unknown')
      expect(passing.warnings.filter((w) => w.includes('could not post the pull request comment'))).toHaveLength(1)
      expect(passing.summary.length).toBeGreaterThan(0)
      expect(passing.stdout).not.toMatch(/::error::/)
      const failing = await runAction(fake, { repo, inputs: { 'min-score': '100' } })
      expect(failing.code).toBe(1)
      expect(failing.outputs.passed).toBe('false')
      expect(failing.stdout).toMatch(/::error::Shipshape gate failed: score \d+ is under 100/)
    })
  }
})
