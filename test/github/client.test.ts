import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createGitHubClient, type ClientOptions } from '../../src/github/client.js'
import { toApiError } from '../../src/github/errors.js'
import { ERRORS, FakeGitHub, prRun, RULES } from '../helpers/fake-github.js'

const TOKEN = 'ghs_secretTokenValue123'
let fake: FakeGitHub
let logs: string[]

function client(extra: Partial<ClientOptions> = {}) {
  return createGitHubClient({ token: TOKEN, baseUrl: fake.url, owner: 'acme', repo: 'api', logger: { debug: (m) => logs.push(m) }, retryUnitMs: 5, ...extra })
}

beforeEach(async () => {
  fake = await new FakeGitHub().start()
  logs = []
})
afterEach(async () => {
  await fake.stop()
})

describe('GitHub client against the fake API', () => {
  it('reads rules, runs, tags and comments, counts calls and never logs the token', async () => {
    fake.rules.main = [RULES.pullRequest(1), RULES.statusChecks(['test'])]
    fake.runs = [prRun(1, 4), prRun(2, 6)]
    fake.tags = ['v1.0.0', 'v1.1.0']
    fake.addComment(5, 'hello')
    const c = client()
    const rules = await c.getBranchRules('main')
    expect(rules.ok && rules.value.map((r) => r.type)).toEqual(['pull_request', 'required_status_checks'])
    const runs = await c.listWorkflowRuns({ event: 'pull_request', status: 'success', perPage: 50 })
    expect(runs.ok && runs.value.map((r) => r.id)).toEqual([1, 2])
    expect(fake.calls('runs')[0]!.query).toMatchObject({ event: 'pull_request', status: 'success', per_page: '50' })
    const tags = await c.listTags()
    expect(tags).toEqual({ ok: true, value: ['v1.0.0', 'v1.1.0'] })
    const comments = await c.listIssueComments(5)
    expect(comments.ok && comments.value[0]).toMatchObject({ body: 'hello', user: { login: 'github-actions[bot]', type: 'Bot' } })
    expect(c.calls()).toBe(4)
    expect(fake.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true)
    expect(logs.join('\n')).not.toContain(TOKEN)
    expect(logs.some((l) => l.includes('GET /repos/{owner}/{repo}/rules/branches/{branch}') || l.includes('/rules/branches/main'))).toBe(true)
  })

  it('works under a GHES /api/v3 prefix', async () => {
    await fake.stop()
    fake = await new FakeGitHub({ prefix: '/api/v3' }).start()
    const res = await client().getRepository()
    expect(res).toEqual({ ok: true, value: { defaultBranch: 'main', visibility: 'public', private: false } })
    expect(fake.requests[0]!.path).toBe('/repos/acme/api')
  })

  it('paginates comments 100 per page up to the cap', async () => {
    for (let i = 0; i < 250; i++) fake.addComment(9, `c${i}`)
    const all = await client().listIssueComments(9)
    expect(all.ok && all.value.length).toBe(250)
    expect(fake.calls('list-comments').map((r) => r.query.page)).toEqual(['1', '2', '3'])
    const capped = await client().listIssueComments(9, 2)
    expect(capped.ok && capped.value.length).toBe(200)
  })

  it('maps 403 "Resource not accessible by integration" to forbidden with the permission, without retrying', async () => {
    fake.always('protection', ERRORS.integration)
    const res = await client().getBranchProtection('main')
    expect(res).toEqual({ ok: false, error: { kind: 'forbidden', status: 403, permission: 'administration: read', message: '403 Resource not accessible by integration (the token lacks the permission for this endpoint)' } })
    expect(fake.calls('protection')).toHaveLength(1)
  })

  it('maps the plan 403 and 401 and 404', async () => {
    fake.always('rules', ERRORS.upgrade).always('tags', ERRORS.badCredentials).always('repo', ERRORS.notFound)
    const c = client()
    const rules = await c.getBranchRules('main')
    expect(!rules.ok && rules.error.kind).toBe('forbidden')
    expect(!rules.ok && rules.error.message).toContain('Upgrade to GitHub Pro')
    const tags = await c.listTags()
    expect(!tags.ok && tags.error).toMatchObject({ kind: 'unauthorized', status: 401 })
    const repo = await c.getRepository()
    expect(!repo.ok && repo.error).toMatchObject({ kind: 'not-found', status: 404, message: '404 Not Found' })
  })

  it('retries 500/502 and succeeds, or degrades to server after the retries', async () => {
    fake.script('rules', ERRORS.server(500)).script('rules', ERRORS.server(502))
    fake.rules.main = [RULES.pullRequest(2)]
    const ok = await client().getBranchRules('main')
    expect(ok.ok).toBe(true)
    expect(fake.calls('rules')).toHaveLength(3)
    fake.always('runs', ERRORS.server(503))
    const c = client()
    const bad = await c.listWorkflowRuns({})
    expect(!bad.ok && bad.error).toMatchObject({ kind: 'server', status: 503 })
    expect(fake.calls('runs')).toHaveLength(3)
    expect(c.calls()).toBe(3)
  })

  it('honours 429 retry-after once, then gives up as rate-limited', async () => {
    fake.script('tags', ERRORS.tooMany(1))
    fake.tags = ['v1']
    expect(await client().listTags()).toEqual({ ok: true, value: ['v1'] })
    fake.always('runs', ERRORS.tooMany(1))
    const res = await client().listWorkflowRuns({})
    expect(!res.ok && res.error.kind).toBe('rate-limited')
  })

  it('does not wait for a primary rate-limit reset beyond the budget', async () => {
    fake.always('rules', ERRORS.rateLimit(Math.floor(Date.now() / 1000) + 3600))
    const t0 = Date.now()
    const res = await client({ retryUnitMs: 1000 }).getBranchRules('main')
    expect(!res.ok && res.error.kind).toBe('rate-limited')
    expect(Date.now() - t0).toBeLessThan(3000)
    expect(fake.calls('rules')).toHaveLength(1)
  })

  it('times out a slow answer and then refuses calls once the budget is spent', async () => {
    fake.always('rules', { status: 200, body: [], delayMs: 1500 })
    const c = client({ timeoutMs: 200, budgetMs: 400 })
    const t0 = Date.now()
    const res = await c.getBranchRules('main')
    expect(!res.ok && res.error.kind).toBe('timeout')
    expect(Date.now() - t0).toBeLessThan(1400)
    await new Promise((r) => setTimeout(r, 250))
    const after = await c.listTags()
    expect(after).toEqual({ ok: false, error: { kind: 'timeout', message: 'the GitHub API time budget (0 s) is spent' } })
    expect(fake.calls('tags')).toHaveLength(0)
  })

  it('reports a reset connection as network and a non-JSON body as malformed', async () => {
    fake.always('tags', { status: 200, reset: true })
    const res = await client({ retries: 0 }).listTags()
    expect(!res.ok && res.error.kind).toBe('network')
    fake.always('rules', { status: 200, raw: '{"not json' })
    const bad = await client().getBranchRules('main')
    expect(bad).toEqual({ ok: false, error: { kind: 'malformed', message: 'unexpected response for get rules for a branch' } })
  })

  it('creates, updates and deletes comments; delete answers 204', async () => {
    const c = client()
    const created = await c.createComment(3, 'x')
    expect(created.ok && created.value.user).toEqual({ login: 'github-actions[bot]', type: 'Bot' })
    const id = created.ok ? created.value.id : 0
    expect((await c.updateComment(id, 'y')).ok).toBe(true)
    expect(fake.commentsOf(3)[0]!.body).toBe('y')
    expect(await c.deleteComment(id)).toEqual({ ok: true, value: null })
    expect(fake.commentsOf(3)).toHaveLength(0)
    const gone = await c.deleteComment(id)
    expect(!gone.ok && gone.error.kind).toBe('not-found')
  })
})

describe('toApiError', () => {
  it('classifies thrown values without a response', () => {
    expect(toApiError('boom').kind).toBe('network')
    expect(toApiError(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })).kind).toBe('timeout')
    expect(toApiError({ status: 403, message: 'x', response: { headers: { 'x-ratelimit-remaining': '0' }, data: { message: 'API rate limit exceeded' } } }).kind).toBe('rate-limited')
    expect(toApiError({ status: 422, message: 'x', response: { headers: {}, data: { message: 'Validation Failed' } } })).toEqual({ kind: 'malformed', status: 422, message: '422 Validation Failed' })
  })
})
