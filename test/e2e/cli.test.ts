import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { NODE } from '../helpers/runtime.js'
import { tempGitRepo, tempTree } from '../helpers/tmp-repo.js'

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

function cli(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(NODE, [CLI, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, timeout: 60_000 })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

const SERVICE = {
  'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi"]\n',
  'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/healthz")\ndef health():\n    return {"ok": True}\n',
  '.github/workflows/ci.yml': 'on: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ruff check .\n      - run: pytest\n'
}

describe('dist/cli.js (the bundled CLI, run as a user runs it)', () => {
  it('prints the JSON report of the contract and exits 0 when the gate passes', () => {
    const dir = tempGitRepo(SERVICE)
    const r = cli(['scan', dir, '--format', 'json', '--min-score', '0'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(report.schemaVersion).toBe(1)
    expect(report.tool.name).toBe('shipshape')
    expect(report.repository.commit).toMatch(/^[0-9a-f]{40}$/)
    expect(report.gate).toEqual({ passed: true, minScore: 0, reasons: [] })
    const lint = report.checks.find((c: { id: string }) => c.id === 'ci-lint')
    expect(lint.status).toBe('pass')
    expect(lint.evidence[0]).toMatchObject({ path: '.github/workflows/ci.yml', line: 7 })
    for (const c of report.checks) expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'title', 'status', 'score', 'weight', 'required', 'summary', 'evidence', 'remediation']))
  })

  it('exits 1 when the score is under --min-score, and says why', () => {
    const dir = tempTree({ 'README.md': '# nothing here\n' })
    const r = cli(['scan', dir, '--format', 'json', '--min-score', '100'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout)
    expect(report.gate.passed).toBe(false)
    expect(report.gate.reasons[0]).toMatch(/^score \d+ is under 100$/)
  })

  it('exits 2 on a broken config, naming every bad key, and writes nothing to --output', () => {
    const dir = tempTree({ '.github/shipshape.yml': 'min-score: 500\nchecks:\n  ci-lnt: { weight: 2 }\nwaivers:\n  - check: ci-lint\n    expires: tomorrow\n' })
    const out = join(dir, 'report.json')
    const r = cli(['scan', dir, '--output', out])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('min-score')
    expect(r.stderr).toContain('checks.ci-lnt')
    expect(r.stderr).toContain('waivers[0]')
    expect(existsSync(out)).toBe(false)
    expect(readdirSync(dir).filter((f) => f.includes('tmp'))).toEqual([])
  })

  it('exits 2 on usage errors and on a missing directory', () => {
    expect(cli(['scan', '--format', 'yaml']).code).toBe(2)
    expect(cli(['scan', '/nonexistent/shipshape']).code).toBe(2)
  })

  it('answers a usage error with one line and the hint, not the whole help', () => {
    const r = cli(['scan', '--required-checks', 'ci-test'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^shipshape: --required-checks: expected a check id \(.*\), got "ci-test" \(did you mean "ci-tests"\?\)$/)
    expect(lines[1]).toBe("Run 'shipshape --help' for usage.")
    for (const line of cli(['--help']).stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80)
  })

  it('says plainly when --output names a missing directory, and where --config looked', () => {
    const dir = tempGitRepo(SERVICE)
    const out = cli(['scan', dir, '--output', join(dir, 'no-such-dir', 'report.json')])
    expect(out.code).toBe(2)
    expect(out.stderr).toBe(`shipshape: cannot write '${join(dir, 'no-such-dir', 'report.json')}': the directory '${join(dir, 'no-such-dir')}' does not exist\n`)
    const conf = cli(['scan', dir, '--config', join(dir, 'missing.yml')])
    expect(conf.code).toBe(2)
    expect(conf.stderr).toContain(`config file not found (looked for ${join(dir, 'missing.yml')})`)
  })

  it('fails the gate (exit 1) when a required check cannot be judged, naming what would resolve it', () => {
    const dir = tempGitRepo(SERVICE)
    const r = cli(['scan', dir, '--format', 'json', '--min-score', '0', '--required-checks', 'ci-duration'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout)
    expect(report.checks.find((c: { id: string }) => c.id === 'ci-duration').status).toBe('unknown')
    expect(report.gate.reasons).toEqual(['required check ci-duration is unknown: give Shipshape a GitHub token that can read recent workflow runs ("actions: read")'])
    // Not required, the same unknown never fails it.
    expect(cli(['scan', dir, '--format', 'json', '--min-score', '0']).code).toBe(0)
  })

  it('gives the action\'s verdict against a base locally: --base REF and --fail-on-regression', () => {
    const dir = tempGitRepo(SERVICE)
    const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } })
    git('branch', 'before')
    git('rm', '-q', '.github/workflows/ci.yml')
    git('commit', '-qm', 'drop CI')
    const r = cli(['scan', dir, '--format', 'json', '--min-score', '0', '--base', 'before', '--fail-on-regression'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout)
    expect(report.delta.base.commit).toMatch(/^[0-9a-f]{40}$/)
    expect(report.gate.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^score dropped from \d+ to \d+ against the base$/), 'check ci-lint got worse against the base: pass → fail']))
    expect(cli(['scan', dir, '--format', 'json', '--min-score', '0', '--base', 'before']).code).toBe(0)
    const bad = cli(['scan', dir, '--base', 'no-such-ref'])
    expect([bad.code, bad.stderr]).toEqual([2, `shipshape: --base: 'no-such-ref' is not a commit, branch or tag of the repository at ${dir}\n`])
  })

  it('scans a subdirectory with the CI configuration and tags at the git root, scoped to that directory', () => {
    const dir = tempGitRepo({
      'services/api/pyproject.toml': '[project]\nname = "api"\ndependencies = ["fastapi"]\n',
      'services/api/app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      'services/web/package.json': JSON.stringify({ dependencies: { express: '^4' } }),
      '.github/workflows/api.yml': 'on:\n  pull_request:\n    paths: ["services/api/**"]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    defaults:\n      run:\n        working-directory: services/api\n    steps:\n      - run: ruff check .\n',
      '.github/workflows/web.yml': 'on: [pull_request]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx jest\n        working-directory: services/web\n'
    })
    execFileSync('git', ['tag', 'v1.0.0'], { cwd: dir })
    const r = cli(['scan', join(dir, 'services', 'api'), '--format', 'json', '--min-score', '0'])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    const status = (id: string) => report.checks.find((c: { id: string }) => c.id === id)
    expect(report.repository.root).toBe('services/api')
    expect(report.repository.commit).toMatch(/^[0-9a-f]{40}$/)
    // The root's workflow lints this directory; the web workflow's tests are not this directory's.
    expect(status('ci-lint').status).toBe('pass')
    expect(status('ci-lint').evidence[0].path).toBe('.github/workflows/api.yml')
    expect(status('ci-tests').status).not.toBe('pass')
    // Tags are the work tree's.
    expect(status('release-versioning').evidence[0].message).toMatch(/^1 version tag /)
    // Evidence paths are the repository's, so links point at the right files.
    expect(status('openapi-published').evidence.some((e: { path?: string }) => e.path?.startsWith('services/api/'))).toBe(true)
  })

  it('writes the report atomically to --output, in every format', () => {
    const dir = tempGitRepo(SERVICE)
    for (const format of ['text', 'markdown', 'json', 'sarif']) {
      const out = join(dir, `out.${format}`)
      const r = cli(['scan', dir, '--format', format, '--output', out, '--min-score', '0'])
      expect(r.code).toBe(0)
      expect(readFileSync(out, 'utf8').length).toBeGreaterThan(100)
    }
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).version).toBe('2.1.0')
  })

  it('prints plain text without ANSI escapes when NO_COLOR is set or stdout is not a terminal', () => {
    const dir = tempGitRepo(SERVICE)
    const r = cli(['scan', dir, '--min-score', '0'])
    expect(r.code).toBe(0)
    expect(r.stdout).not.toMatch(/\x1b\[/)
    expect(r.stdout).toMatch(/ci-lint|Lint/i)
  })

  it('runs with no install from a copy of dist/ alone', () => {
    const dir = tempTree({})
    execFileSync('cp', [CLI, join(dir, 'cli.js')])
    const r = spawnSync(NODE, [join(dir, 'cli.js'), '--version'], { encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })
})
