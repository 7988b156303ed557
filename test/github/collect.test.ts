import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createGitHubClient } from '../../src/github/client.js'
import { collectGitHubFacts, parseRules, prDurations } from '../../src/github/collect.js'
import { readActionContext } from '../../src/github/context.js'
import { detectRepository } from '../../src/github/session.js'
import { classicProtection, ERRORS, FakeGitHub, prRun, RULES } from '../helpers/fake-github.js'
import { tempTree } from '../helpers/tmp-repo.js'

let fake: FakeGitHub
const client = (token = 'ghs_x') => createGitHubClient({ token, baseUrl: fake.url, owner: 'acme', repo: 'api', retryUnitMs: 5, throttle: false })

beforeEach(async () => {
  fake = await new FakeGitHub().start()
})
afterEach(async () => {
  await fake.stop()
})

describe('collectGitHubFacts', () => {
  it('reads rules and runs in two calls when the rulesets settle mandatory-prs', async () => {
    fake.rules.main = [RULES.pullRequest(2, 7, { require_code_owner_review: true }), RULES.statusChecks(['lint', 'test'], 8), RULES.simple('copilot_code_review'), RULES.simple('non_fast_forward')]
    fake.runs = [prRun(1, 4), prRun(2, 12)]
    const facts = await collectGitHubFacts({ client: client(), defaultBranch: 'main', wantTags: false })
    expect(facts.rules).toEqual({
      status: 'ok',
      pullRequest: { approvals: 2, codeOwners: true, dismissStale: true, lastPushApproval: false, source: 'ruleset 7 (Repository acme/api)' },
      statusChecks: { contexts: ['lint', 'test'], strict: true, source: 'ruleset 8 (Repository acme/api)' },
      ruleTypes: ['copilot_code_review', 'non_fast_forward', 'pull_request', 'required_status_checks'],
      rulesetIds: [7, 8, 42]
    })
    expect(facts.protection.status).toBe('skipped')
    expect(facts.prRuns).toEqual({ status: 'ok', durationsMinutes: [4, 12], sample: 2, workflows: ['CI'] })
    expect(facts.tags).toEqual({ status: 'skipped', reason: 'tags were read from the checkout' })
    expect(facts.calls).toBe(2)
  })

  it('asks for the default branch when the payload has none, and the branch summary when rulesets are silent', async () => {
    fake.defaultBranch = 'trunk'
    const facts = await collectGitHubFacts({ client: client(), wantTags: true })
    expect(facts.repo).toEqual({ owner: 'acme', name: 'api', defaultBranch: 'trunk' })
    expect(fake.calls('rules')[0]!.path).toBe('/repos/acme/api/rules/branches/trunk')
    expect(facts.protection).toEqual({ status: 'ok', protected: false, pullRequest: null, statusChecks: null, enforceAdmins: false })
    expect(facts.tags).toEqual({ status: 'ok', names: [] })
    expect(facts.calls).toBe(5)
  })

  it('a protected branch without an admin token is unknown, naming administration:read', async () => {
    fake.protection.main = classicProtection(1, ['test'])
    const facts = await collectGitHubFacts({ client: client(), defaultBranch: 'main' })
    expect(facts.protection).toMatchObject({ status: 'error', kind: 'forbidden', resolve: 'classic protection needs an admin-token with "Administration: read"; rulesets are readable by any token' })
  })

  it('reads classic protection with the admin token; "Branch not protected" is a real negative, a 403 is not', async () => {
    fake.protection.main = classicProtection(1, ['build'])
    const withAdmin = await collectGitHubFacts({ client: client(), adminClient: client('ghp_admin'), defaultBranch: 'main' })
    expect(withAdmin.protection).toMatchObject({ status: 'ok', protected: true, pullRequest: { approvals: 1 }, statusChecks: { contexts: ['build'] }, enforceAdmins: true })
    const unprotected = await collectGitHubFacts({ client: client(), adminClient: client('ghp_admin'), defaultBranch: 'dev' })
    expect(unprotected.protection).toMatchObject({ status: 'ok', protected: false })
    fake.always('protection', ERRORS.integration)
    const denied = await collectGitHubFacts({ client: client(), adminClient: client('ghs_app'), defaultBranch: 'main' })
    expect(denied.protection).toMatchObject({ status: 'error', kind: 'forbidden' })
  })

  it('each fact fails alone, with what resolves it', async () => {
    fake.always('rules', ERRORS.upgrade).always('runs', ERRORS.integration).always('branch', ERRORS.server(500))
    const facts = await collectGitHubFacts({ client: client(), defaultBranch: 'main', wantTags: true })
    expect(facts.rules).toMatchObject({ status: 'error', kind: 'forbidden', resolve: expect.stringContaining('paid plan') })
    expect(facts.prRuns).toMatchObject({ status: 'error', kind: 'forbidden', resolve: 'grant the job "actions: read" so Shipshape can read recent workflow runs' })
    expect(facts.protection).toMatchObject({ status: 'error', kind: 'server' })
    expect(facts.tags).toEqual({ status: 'ok', names: [] })
  })

  it('skips what disabled checks do not need', async () => {
    const facts = await collectGitHubFacts({ client: client(), defaultBranch: 'main', wantRules: false, wantRuns: false })
    expect([facts.rules.status, facts.protection.status, facts.prRuns.status]).toEqual(['skipped', 'skipped', 'skipped'])
    expect(fake.requests).toHaveLength(0)
  })
})

describe('parsers', () => {
  it('parseRules keeps the strongest PR rule, unions checks and ignores unknown types', () => {
    const r = parseRules([
      { type: 'pull_request', ruleset_id: 1, parameters: { required_approving_review_count: 0 } },
      { type: 'pull_request', ruleset_id: 2, ruleset_source_type: 'Organization', ruleset_source: 'acme', parameters: { required_approving_review_count: 1 } },
      { type: 'required_status_checks', ruleset_id: 1, parameters: { required_status_checks: [{ context: 'a' }, { context: 'a' }, { nope: 1 }] } },
      { type: 'required_status_checks', ruleset_id: 2, parameters: { required_status_checks: [{ context: 'b', integration_id: 15368 }] } },
      { type: 'some_future_rule', parameters: { whatever: true } }
    ])
    expect(r.pullRequest).toMatchObject({ approvals: 1, source: 'ruleset 2 (Organization acme)' })
    expect(r.statusChecks?.contexts).toEqual(['a', 'b'])
    expect(r.ruleTypes).toContain('some_future_rule')
  })

  it('prDurations groups runs by commit and skips failures and other events', () => {
    const d = prDurations([
      { id: 1, name: 'CI', event: 'pull_request', status: 'completed', conclusion: 'success', headSha: 's1', runStartedAt: '2026-01-01T10:00:00Z', createdAt: '2026-01-01T10:00:00Z', updatedAt: '2026-01-01T10:05:00Z' },
      { id: 2, name: 'Lint', event: 'pull_request', status: 'completed', conclusion: 'success', headSha: 's1', runStartedAt: '2026-01-01T10:01:00Z', createdAt: '2026-01-01T10:01:00Z', updatedAt: '2026-01-01T10:12:30Z' },
      { id: 3, name: 'CI', event: 'push', status: 'completed', conclusion: 'success', headSha: 's2', runStartedAt: '2026-01-01T10:00:00Z', createdAt: '2026-01-01T10:00:00Z', updatedAt: '2026-01-01T11:00:00Z' },
      { id: 4, name: 'CI', event: 'pull_request', status: 'completed', conclusion: 'failure', headSha: 's3', runStartedAt: '2026-01-01T10:00:00Z', createdAt: '2026-01-01T10:00:00Z', updatedAt: '2026-01-01T11:00:00Z' },
      { id: 5, name: 'CI', event: 'pull_request', status: 'completed', conclusion: 'success', headSha: null, runStartedAt: null, createdAt: '2026-01-01T10:00:00Z', updatedAt: '2026-01-01T10:03:00Z' }
    ])
    expect(d).toEqual({ durationsMinutes: [12.5, 3], sample: 2, workflows: ['CI', 'Lint'] })
  })
})

describe('context', () => {
  const files: Record<string, string> = {
    '/ev/pr.json': JSON.stringify({ pull_request: { number: 12, base: { ref: 'main', sha: 'b45e', repo: { full_name: 'acme/api' } }, head: { sha: 'abc', repo: { full_name: 'acme/api', fork: false } } }, repository: { default_branch: 'main' } }),
    '/ev/run.json': JSON.stringify({ workflow_run: { id: 9, event: 'pull_request', head_sha: 'f00d', pull_requests: [{ number: 4 }, { number: 'x' }, null] } }),
    '/ev/fork.json': JSON.stringify({ pull_request: { number: 13, base: { ref: 'main', repo: { full_name: 'acme/api' } }, head: { sha: 'def', repo: { full_name: 'eve/api', fork: true } } } })
  }
  const read = (p: string) => {
    if (!(p in files)) throw new Error('ENOENT')
    return files[p]!
  }

  it('reads a same-repo PR, a fork PR and a push', () => {
    const base = { GITHUB_REPOSITORY: 'acme/api', GITHUB_API_URL: 'https://ghes.example/api/v3/', GITHUB_SERVER_URL: 'https://ghes.example' }
    const pr = readActionContext({ ...base, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/ev/pr.json' }, read)
    expect(pr).toEqual({ eventName: 'pull_request', owner: 'acme', repo: 'api', apiUrl: 'https://ghes.example/api/v3', serverUrl: 'https://ghes.example', defaultBranch: 'main', pullRequest: { number: 12, baseRef: 'main', baseSha: 'b45e', headSha: 'abc', headRepo: 'acme/api', isFork: false }, workflowRun: null })
    expect(readActionContext({ ...base, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/ev/fork.json' }, read).pullRequest?.isFork).toBe(true)
    const push = readActionContext({ ...base, GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: '/ev/pr.json' }, read)
    expect(push.pullRequest).toBeNull()
    // A workflow_run job knows the finished run's head commit and linked PRs from GitHub, not from any artifact.
    const run = readActionContext({ ...base, GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: '/ev/run.json' }, read)
    expect(run.workflowRun).toEqual({ headSha: 'f00d', event: 'pull_request', pullRequests: [4] })
    expect(run.pullRequest).toBeNull()
    expect(readActionContext({ ...base, GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: '/ev/run.json' }, read).workflowRun).toBeNull()
    expect(readActionContext({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/missing' }, read)).toMatchObject({ owner: null, pullRequest: null, apiUrl: 'https://api.github.com' })
  })

  it('detectRepository reads the origin remote for the CLI', () => {
    const dir = tempTree({ '.git/config': '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@ghes.example:acme/api.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n' })
    expect(detectRepository(dir, {})).toEqual({ owner: 'acme', repo: 'api', apiUrl: 'https://ghes.example/api/v3' })
    const gh = tempTree({ '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/api\n' })
    expect(detectRepository(gh, {})).toEqual({ owner: 'acme', repo: 'api', apiUrl: 'https://api.github.com' })
    expect(detectRepository(gh, { GITHUB_REPOSITORY: 'o/r' })).toEqual({ owner: 'o', repo: 'r', apiUrl: 'https://api.github.com' })
    expect(detectRepository(tempTree({ 'a.txt': '' }), {})).toBeNull()
  })
})
