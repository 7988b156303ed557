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
