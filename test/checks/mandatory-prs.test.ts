import { describe, expect, it } from 'vitest'
import check from '../../src/checks/mandatory-prs.js'
import { fillTemplate, type CheckContext } from '../../src/checks/types.js'
import { NO_TRIGGERS, type CiFacts, type CiJob } from '../../src/facts/ci/types.js'
import { collectSettingsAsCode, type ApiFact, type BranchRules, type ClassicProtection, type GitHubFacts } from '../../src/facts/github.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import type { Facts } from '../../src/facts/types.js'

const ok = <T extends object>(v: T) => ({ status: 'ok' as const, ...v })
const skipped = (reason: string) => ({ status: 'skipped' as const, reason })
const pr = (approvals: number) => ({ approvals, codeOwners: false, dismissStale: false, lastPushApproval: false, source: 'ruleset 1 (Repository acme/api)' })
const rules = (approvals: number | null, contexts: string[]): ApiFact<BranchRules> =>
  ok({ pullRequest: approvals === null ? null : pr(approvals), statusChecks: contexts.length ? { contexts, strict: true, source: 'ruleset 1' } : null, ruleTypes: [], rulesetIds: [1] })

function gh(r: ApiFact<BranchRules>, p: ApiFact<ClassicProtection> = skipped('no admin-token')): GitHubFacts {
  return { repo: { owner: 'acme', name: 'api', defaultBranch: 'main' }, branch: 'main', rules: r, protection: p, prRuns: skipped('x'), tags: skipped('x'), calls: 2 }
}

function job(id: string, run: string, pullRequest = true): CiJob {
  return {
    system: 'github-actions', file: '.github/workflows/ci.yml', line: 5, id, name: id, disabled: null, canFail: false, images: [], services: [], via: [],
    triggers: { ...NO_TRIGGERS, pullRequest, events: ['pull_request'] },
    steps: [{ loc: { path: '.github/workflows/ci.yml', line: 9, text: run }, run, canFail: false, disabled: null, via: [] }]
  }
}

/** Only the areas mandatory-prs reads; the rest of Facts does not matter to it. */
function facts(github: GitHubFacts | null, files: Record<string, string> = {}, jobs: CiJob[] = []): Facts {
  const snapshot = new MemorySnapshot(files)
  const ci: CiFacts = { files: [], jobs, runs: [], actions: [], problems: [] }
  return { snapshot, ci, github, settingsAsCode: collectSettingsAsCode(snapshot), failures: [] } as unknown as Facts
}

function run(f: Facts) {
  const out = check.run({ facts: f } as CheckContext)
  return { ...out, summary: fillTemplate(check.meta.messages[out.messageId], out.data) }
}

describe('mandatory-prs', () => {
  it('passes with a reviewed PR and a required check (rulesets)', () => {
    const r = run(facts(gh(rules(1, ['test'])), {}, [job('test', 'pytest -q')]))
    expect(r.status).toBe('pass')
    expect(r.messageId).toBe('pass')
    expect(r.summary).toBe('Pull requests are required on main with 1 approval and 1 required status check (ruleset 1 (Repository acme/api)).')
  })

  it('passes but says so when the CI job running the tests is not a required check', () => {
    const r = run(facts(gh(rules(2, ['build'])), {}, [job('build', 'docker build .'), job('unit', 'npm test'), job('style', 'npx eslint .'), job('nightly', 'pytest', false)]))
    expect(r.status).toBe('pass')
    expect(r.messageId).toBe('pass-ci-not-required')
    expect(r.data).toMatchObject({ what: 'tests and lint', jobs: 'unit, style' })
    expect(r.evidence).toContainEqual({ path: '.github/workflows/ci.yml', line: 5, message: 'job "unit" runs the tests on pull requests but is not a required status check' })
  })

  it('matches matrix and reusable-workflow contexts to job names', () => {
    expect(run(facts(gh(rules(1, ['test (3.12)', 'ci / lint'])), {}, [job('test', 'pytest'), job('lint', 'ruff check .')])).messageId).toBe('pass')
  })

  it('is partial without approvals, without checks, or without both', () => {
    expect(run(facts(gh(rules(0, ['test'])))).messageId).toBe('partial-no-approvals')
    expect(run(facts(gh(rules(1, [])))).messageId).toBe('partial-no-checks')
    const r = run(facts(gh(rules(0, []))))
    expect([r.status, r.messageId]).toEqual(['partial', 'partial-neither'])
  })

  it('combines rulesets with classic protection read by an admin token', () => {
    const prot: ApiFact<ClassicProtection> = ok({ protected: true, pullRequest: { ...pr(1), source: 'classic branch protection' }, statusChecks: null, enforceAdmins: true })
    const r = run(facts(gh(rules(null, ['test']), prot)))
    expect(r.status).toBe('pass')
    expect(r.data).toMatchObject({ source: 'classic branch protection', checks: 1 })
  })

  it('fails only when both rulesets and protection were read and none requires PRs', () => {
    const unprotected: ApiFact<ClassicProtection> = ok({ protected: false, pullRequest: null, statusChecks: null, enforceAdmins: false })
    const r = run(facts(gh(rules(null, ['test']), unprotected)))
    expect([r.status, r.summary]).toEqual(['fail', 'No ruleset or branch protection requires pull requests on main.'])
  })

  it('is unknown, naming the admin token, when rulesets are silent and protection is unreadable', () => {
    const denied: ApiFact<ClassicProtection> = { status: 'error', kind: 'forbidden', reason: 'main has classic branch protection', resolve: 'classic protection needs an admin-token with administration:read; rulesets are readable with metadata:read' }
    const r = run(facts(gh(rules(null, []), denied)))
    expect(r.status).toBe('unknown')
    expect(r.summary).toBe('No ruleset requires pull requests on main, and classic branch protection could not be read.')
    // The admin token is said once, in the resolution, with the snippet that passes it.
    expect(r.resolve?.text).toContain('`admin-token` with "Administration: read"')
    expect(r.resolve?.snippet).toContain('admin-token: ${{ secrets.SHIPSHAPE_ADMIN_TOKEN }}')
  })

  it('never fails on a read error', () => {
    const err = { status: 'error' as const, kind: 'server' as const, reason: '500 Internal Server Error', resolve: 'rerun: the GitHub API answered with a server error' }
    const r = run(facts(gh(err, err)))
    expect([r.status, r.messageId]).toEqual(['unknown', 'unknown-api'])
    expect(r.summary).toBe('The branch rules could not be read (500 Internal Server Error).')
    expect(r.resolve).toEqual({ text: 'rerun: the GitHub API answered with a server error' })
    expect(r.evidence?.map((e) => e.message)).toEqual(['rulesets: could not be read (500 Internal Server Error)', 'classic protection: could not be read (500 Internal Server Error)'])
  })

  it('without the API, judges from settings-as-code, ignoring disabled rulesets', () => {
    const tf = 'resource "github_repository_ruleset" "r" {\n  target = "branch"\n  enforcement = "active"\n  conditions {\n    ref_name {\n      include = ["~DEFAULT_BRANCH"]\n    }\n  }\n  rules {\n    pull_request {\n      required_approving_review_count = 1\n    }\n    required_status_checks {\n      required_check {\n        context = "test"\n      }\n    }\n  }\n}\n'
    const r = run(facts(null, { 'infra/rules.tf': tf }))
    expect([r.status, r.messageId]).toEqual(['pass', 'declared-pass'])
    expect(r.evidence).toContainEqual({ path: 'infra/rules.tf', line: 1, message: 'terraform-ruleset requires pull requests (1 approval, 1 status check)' })

    const disabled = JSON.stringify({ target: 'branch', enforcement: 'disabled', rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 1 } }] })
    const d = run(facts(null, { '.github/rulesets/main.json': disabled }))
    expect([d.status, d.messageId]).toEqual(['unknown', 'unknown-no-api'])
    expect(d.evidence).toContainEqual({ path: '.github/rulesets/main.json', line: 1, message: 'ruleset-json: enforcement "disabled", so it enforces nothing' })

    const probot = 'branches:\n  - name: master\n    protection:\n      required_pull_request_reviews:\n        required_approving_review_count: 1\n'
    const p = run(facts(null, { '.github/settings.yml': probot }))
    expect([p.status, p.messageId, p.data?.missing]).toEqual(['partial', 'declared-partial', 'no status check is'])
  })

  it('is unknown without the API and without settings-as-code', () => {
    const r = run(facts(null))
    expect(r.status).toBe('unknown')
    expect(r.summary).toBe('Branch rules live in GitHub settings, and no GitHub API access was available to read them.')
    expect(r.resolve).toEqual(expect.objectContaining({ api: true }))
  })
})
