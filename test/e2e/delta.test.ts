import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PR, runAction } from '../helpers/action-runner.js'
import { FakeGitHub, prRun, RULES } from '../helpers/fake-github.js'
import { git, tempGitRepo } from '../helpers/tmp-repo.js'

/** The score's change against the PR base and the ratchet, through dist/index.js and the fake API. */

const WF = (steps: string): string => `on: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps}`
const APP = (routes: string): string => `from fastapi import FastAPI\napp = FastAPI()\n${routes}`
const HEALTH = '\n@app.get("/healthz")\ndef health():\n    return {"ok": True}\n'

let fake: FakeGitHub

afterEach(async () => {
  await fake?.stop()
})

async function startFake(): Promise<FakeGitHub> {
  fake = await new FakeGitHub().start()
  fake.rules.main = [RULES.pullRequest(1), RULES.statusChecks(['test'])]
  fake.runs = [prRun(1, 4)]
  return fake
}

/** A repo whose first commit is the PR base and whose work tree is the PR head. */
function twoCommits(base: Record<string, string>, head: Record<string, string>): { repo: string; baseSha: string } {
  const repo = tempGitRepo(base)
  const baseSha = git(repo, 'rev-parse', 'HEAD').trim()
  for (const [path, text] of Object.entries(head)) writeFileSync(join(repo, path), text)
  git(repo, 'commit', '-qam', 'head')
  return { repo, baseSha }
}

describe('delta and ratchet through dist/index.js', () => {
  it('shows the change when the head adds lint: JSON delta, comment headline and Change column', async () => {
    await startFake()
    const files = { 'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi"]\n', 'app/main.py': APP(HEALTH) }
    const { repo, baseSha } = twoCommits({ ...files, '.github/workflows/ci.yml': WF('      - run: pytest\n') }, { '.github/workflows/ci.yml': WF('      - run: ruff check .\n      - run: pytest\n') })
    const r = await runAction(fake, { repo, baseSha, inputs: { 'fail-on-regression': 'true' } })
    expect(r.code).toBe(0)
    const delta = r.report!.delta!
    expect(delta.base.commit).toBe(baseSha)
    expect(delta.change).toBeGreaterThan(0)
    expect(r.outputs['score-change']).toBe(`+${delta.change}`)
    expect(r.outputs.reasons).toBe('')
    expect(delta.checks.find((c) => c.id === 'ci-lint')).toEqual({ id: 'ci-lint', base: 'fail', head: 'pass', changed: true })
    const body = fake.commentsOf(PR)[0]!.body
    const headline = body.split('\n').find((l) => l.includes('Shipshape'))!
    expect(headline).toMatch(/Shipshape \d+ → \d+\/100 \([A-F]\), ▲ \+\d+ against base — gate passed/)
    expect(body).toContain('| Status | Check | What was found | Change |')
    expect(body).toMatch(/\| \[Lint in CI\]\([^)]*\) \| [^|]* \| was Fail \|/)
    expect(r.summary).toContain('against base')
    // The base's git work ran on a worker thread while the bundle scanned the head.
    expect(r.stdout).toMatch(/::debug::Base scan added \d+ ms after the head scan's \d+ ms \(git work on the worker\)/)
  })

  it('fails the ratchet when the head drops the health route, naming the check, even above min-score', async () => {
    await startFake()
    const files = { 'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi"]\n', '.github/workflows/ci.yml': WF('      - run: ruff check .\n      - run: pytest\n') }
    const { repo, baseSha } = twoCommits({ ...files, 'app/main.py': APP(HEALTH) }, { 'app/main.py': APP('') })
    const r = await runAction(fake, { repo, baseSha, inputs: { 'fail-on-regression': 'true', 'min-score': '0' } })
    expect(r.code).toBe(1)
    expect(r.outputs.passed).toBe('false')
    expect(r.report!.delta!.checks.find((c) => c.id === 'health-endpoint')).toMatchObject({ base: 'pass', head: 'fail' })
    expect(r.report!.gate.reasons.join('\n')).toMatch(/health-endpoint/)
    expect(r.stdout).toMatch(/::error::Shipshape gate failed: .*health-endpoint/)
    // Later steps get the verdict as outputs: the reasons one per line, the failing check ids.
    expect(r.outputs.reasons).toBe(r.report!.gate.reasons.join('\n'))
    expect(r.outputs['failing-checks']!.split(' ')).toContain('health-endpoint')
    expect(Number(r.outputs['score-change'])).toBe(r.report!.delta!.change)
  })

  it('gates on the score alone without fail-on-regression, and says once when the base cannot be had', async () => {
    await startFake()
    const repo = tempGitRepo({ 'README.md': '# x\n' })
    const r = await runAction(fake, { repo, baseSha: 'f'.repeat(40) })
    expect(r.code).toBe(0)
    expect(r.report!.delta).toBeUndefined()
    expect(r.outputs['score-change']).toBe('')
    expect(r.warnings.filter((w) => w.includes('No comparison with the PR base'))).toHaveLength(1)
  })
})
