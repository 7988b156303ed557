import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { commentMarker } from '../../src/github/comment.js'
import { BUNDLE, PR, runAction as runWith, TOKEN, type RunOptions, type RunResult } from '../helpers/action-runner.js'
import { ERRORS, FakeGitHub, prRun, RULES } from '../helpers/fake-github.js'
import { tempGitRepo, tempTree } from '../helpers/tmp-repo.js'

const SERVICE = {
  'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi"]\n',
  'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/healthz")\ndef health():\n    return {"ok": True}\n',
  '.github/workflows/ci.yml': 'on: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ruff check .\n      - run: pytest\n'
}

let fake: FakeGitHub

afterEach(async () => {
  await fake?.stop()
})

const runAction = (opts: RunOptions): Promise<RunResult> => runWith(fake, opts)

const statusOf = (r: RunResult, id: string) => r.report?.checks.find((c) => c.id === id)?.status
const writes = () => fake.requests.filter((r) => r.method !== 'GET')

async function startFake(prefix = ''): Promise<FakeGitHub> {
  fake = await new FakeGitHub({ prefix }).start()
  fake.rules.main = [RULES.pullRequest(1), RULES.statusChecks(['test'])]
  fake.runs = [prRun(1, 4), prRun(2, 6), prRun(3, 5)]
  return fake
}

describe('dist/index.js as the Actions runner runs it', () => {
  it('is built (npm run build) and committed', () => {
    expect(existsSync(BUNDLE)).toBe(true)
  })

  it('first run creates one comment, a re-run updates it, an unchanged re-run writes nothing', async () => {
    await startFake()
    const repo = tempGitRepo(SERVICE)
    const first = await runAction({ repo })
    expect(first.code).toBe(0)
    expect(first.outputs.passed).toBe('true')
    expect(first.outputs.score).toMatch(/^\d+$/)
    expect(first.outputs.grade).toMatch(/^[ABCDF]$/)
    expect(first.summary.length).toBeGreaterThan(0)
    const comments = fake.commentsOf(PR)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body.startsWith(commentMarker('default'))).toBe(true)
    expect(first.outputs['comment-url']).toBe(`https://github.com/acme/api/pull/${PR}#issuecomment-${comments[0]!.id}`)
    expect(statusOf(first, 'mandatory-prs')).toBe('pass')
    expect(statusOf(first, 'ci-duration')).toBe('pass')
    // rules, runs, list comments, create, re-list: a PR run stays within 6 calls.
    expect(fake.requests.length).toBeLessThanOrEqual(6)
    expect(first.stdout).toMatch(/::debug::PR comment: comment created; GitHub API calls: [1-6]\n/)
    // The token is only ever shown to the runner to be masked.
    expect(first.stdout.split('\n').filter((l) => l.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`])

    fake.runs = [prRun(1, 14), prRun(2, 16), prRun(3, 15)]
    fake.requests.length = 0
    const second = await runAction({ repo })
    expect(statusOf(second, 'ci-duration')).toBe('partial')
    expect(fake.commentsOf(PR)).toHaveLength(1)
    expect(writes().map((r) => r.method)).toEqual(['PATCH'])
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url'])

    fake.requests.length = 0
    const third = await runAction({ repo })
    expect(third.code).toBe(0)
    expect(writes()).toEqual([])
    expect(third.outputs['comment-url']).toBe(first.outputs['comment-url'])
  })

  it('two concurrent runs leave one comment', async () => {
    await startFake()
    fake.syncFirstLists(2)
    const repo = tempGitRepo(SERVICE)
    const [a, b] = await Promise.all([runAction({ repo }), runAction({ repo })])
    expect([a.code, b.code]).toEqual([0, 0])
    expect(fake.commentsOf(PR)).toHaveLength(1)
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(2)
    expect(a.outputs['comment-url']).toBe(b.outputs['comment-url'])
  })

  it('leaves a human comment that quotes the marker untouched', async () => {
    await startFake()
    const human = fake.addComment(PR, `Why does ${commentMarker('default')} appear here?`, { login: 'alice', type: 'User' })
    await runAction({ repo: tempGitRepo(SERVICE) })
    const list = fake.commentsOf(PR)
    expect(list).toHaveLength(2)
    expect(list[0]).toEqual(human)
    expect(list[1]!.user.login).toBe('github-actions[bot]')
  })

  it('fork PR: 403 on create warns once, still writes summary and outputs, the gate alone decides', async () => {
    await startFake()
    fake.readOnly = true
    const repo = tempGitRepo(SERVICE)
    const passing = await runAction({ repo, fork: true })
    expect(passing.code).toBe(0)
    const forkWarnings = passing.warnings.filter((w) => w.includes('could not post the pull request comment'))
    expect(forkWarnings).toHaveLength(1)
    expect(forkWarnings[0]).toContain('Resource not accessible by integration')
    expect(forkWarnings[0]).toContain('workflow_run')
    expect(passing.outputs['comment-url']).toBe('')
    expect(passing.outputs.passed).toBe('true')
    expect(passing.summary.length).toBeGreaterThan(0)
    expect(fake.commentsOf(PR)).toHaveLength(0)

    const failing = await runAction({ repo, fork: true, inputs: { 'min-score': '100' } })
    expect(failing.code).toBe(1)
    expect(failing.outputs.passed).toBe('false')
  })

  it('API 500s and 429s: retried, then the checks degrade to unknown and the step still succeeds', async () => {
    await startFake()
    fake.always('rules', ERRORS.server(500)).always('branch', ERRORS.server(502))
    fake.script('runs', ERRORS.tooMany(1))
    const r = await runAction({ repo: tempGitRepo(SERVICE) })
    expect(r.code).toBe(0)
    expect(statusOf(r, 'mandatory-prs')).toBe('unknown')
    expect(statusOf(r, 'ci-duration')).toBe('pass')
    expect(fake.calls('rules')).toHaveLength(3)
    expect(fake.calls('runs')).toHaveLength(2)
    expect(fake.commentsOf(PR)).toHaveLength(1)
  })

  it('a required check that is unknown fails the step, the reason naming what would resolve it', async () => {
    await startFake()
    fake.always('runs', ERRORS.integration)
    const r = await runAction({ repo: tempGitRepo(SERVICE), inputs: { 'required-checks': 'ci-duration' } })
    expect(statusOf(r, 'ci-duration')).toBe('unknown')
    expect(r.code).toBe(1)
    expect(r.outputs.passed).toBe('false')
    expect(r.stdout).toMatch(/::error::Shipshape gate failed: required check ci-duration is unknown: grant the job "actions: read"/)
    // The comment says how to resolve it: the permissions block, not how to make CI faster.
    const body = fake.commentsOf(PR)[0]!.body
    expect(body).toContain('**How to resolve**')
    expect(body).toContain('  actions: read')
    expect(body).not.toContain('Shorten the critical path')
    // Not required, the same unknown leaves the step green.
    const free = await runAction({ repo: tempGitRepo(SERVICE) })
    expect(free.code).toBe(0)
  })

  it('mandatory-prs fails when no ruleset requires PRs and the branch is unprotected', async () => {
    await startFake()
    fake.rules.main = [RULES.simple('deletion')]
    const r = await runAction({ repo: tempGitRepo(SERVICE) })
    expect(statusOf(r, 'mandatory-prs')).toBe('fail')
    expect(fake.calls('branch')).toHaveLength(1)
  })

  it('reads tags from the API when the checkout has none, and posts nothing on push', async () => {
    await startFake()
    fake.tags = ['v1.0.0']
    const r = await runAction({ repo: tempTree(SERVICE), event: 'push' })
    expect(r.code).toBe(0)
    expect(fake.calls('tags')).toHaveLength(1)
    expect(fake.calls('list-comments')).toHaveLength(0)
    expect(r.outputs['comment-url']).toBe('')
  })

  it('works against a GHES base URL (/api/v3)', async () => {
    await startFake('/api/v3')
    const r = await runAction({ repo: tempGitRepo(SERVICE) })
    expect(r.code).toBe(0)
    expect(statusOf(r, 'mandatory-prs')).toBe('pass')
    expect(fake.commentsOf(PR)).toHaveLength(1)
    expect(fake.requests.every((q) => q.authorization === `token ${TOKEN}`)).toBe(true)
  })
})
