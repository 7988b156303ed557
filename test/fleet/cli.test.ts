import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeGitHub, RULES } from '../helpers/fake-github.js'
import { NODE } from '../helpers/runtime.js'
import { tempGitRepo } from '../helpers/tmp-repo.js'
import { writeReports } from './generate.js'

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const tmp = (): string => mkdtempSync(join(tmpdir(), 'shipshape-fleet-cli-'))

function cli(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(NODE, [CLI, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, timeout: 120_000 })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/** The same, without blocking this process (the fake GitHub API answers from it). */
function cliAsync(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(NODE, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

describe('dist/cli.js fleet', () => {
  it('writes index.html, fleet.json, fleet.md and one evidence page per repository from a directory of reports', () => {
    const dir = tmp()
    writeReports(join(dir, 'reports'), 30)
    const r = cli(['fleet', join(dir, 'reports'), '--output', join(dir, 'site')])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/fleet of 30 repositories \(30 reported\) written to /)
    expect(readdirSync(join(dir, 'site')).sort()).toEqual(['fleet.json', 'fleet.md', 'index.html', 'repos'])
    expect(readdirSync(join(dir, 'site', 'repos'))).toHaveLength(30)
    const fleet = JSON.parse(readFileSync(join(dir, 'site', 'fleet.json'), 'utf8'))
    expect(fleet).toMatchObject({ schemaVersion: 1, kind: 'shipshape-fleet', summary: { repositories: 30, reported: 30 } })
    expect(readFileSync(join(dir, 'site', 'index.html'), 'utf8')).toMatch(/^<!doctype html>[\s\S]*<script>\(function fleetClient/)
    expect(readFileSync(join(dir, 'site', 'fleet.md'), 'utf8')).toMatch(/^# Shipshape fleet/)
    // The next run compares with this one.
    const next = cli(['fleet', join(dir, 'reports'), '--previous', join(dir, 'site', 'fleet.json'), '--output', join(dir, 'site')])
    expect(next.code).toBe(0)
    expect(JSON.parse(readFileSync(join(dir, 'site', 'fleet.json'), 'utf8')).summary.medianChange).toBe(0)
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([])
  })

  it('exits 2 on usage errors and on a path that does not exist, writing nothing', () => {
    const dir = tmp()
    expect(cli(['fleet', dir]).stderr).toMatch(/fleet needs --output DIR/)
    expect(cli(['fleet', '--output', join(dir, 'out')]).code).toBe(2)
    expect(cli(['fleet', dir, '--output', join(dir, 'out'), '--max-reports', '0']).code).toBe(2)
    const missing = cli(['fleet', join(dir, 'nope'), '--output', join(dir, 'out')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("does not exist")
    expect(existsSync(join(dir, 'out'))).toBe(false)
    expect(cli(['fleet', '--help']).stdout).toMatch(/^Usage: shipshape fleet/)
  })

  it('fleet-plan prints the matrix and writes the plan the aggregate reads as --expected', () => {
    const dir = tmp()
    const listing = Array.from({ length: 600 }, (_, i) => JSON.stringify({ full_name: `acme/svc-${i}`, archived: i === 1, fork: i === 2, disabled: false, topics: i % 2 === 0 ? ['api'] : [] })).join('\n')
    writeFileSync(join(dir, 'listing.ndjson'), listing)
    const r = cli(['fleet-plan', join(dir, 'listing.ndjson'), '--output', join(dir, 'plan.json'), '--topic', 'api', '--max-jobs', '256'])
    expect(r.code).toBe(0)
    const matrix = JSON.parse(r.stdout) as { include: { batch: number; repos: string }[] }
    expect(matrix.include).toHaveLength(256)
    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'))
    expect(plan.repositories).toHaveLength(299)
    expect(plan.skipped).toEqual([{ name: 'acme/svc-2', reason: 'fork' }])
    expect(matrix.include.flatMap((m) => m.repos.split(' ')).sort()).toEqual([...plan.repositories].sort())
    expect(r.stderr).toMatch(/299 repositories in 256 batch\(es\); 1 skipped/)
  })
})

describe('dist/cli.js scan --repo OWNER/NAME (a fleet job scanning a checkout)', () => {
  let fake: FakeGitHub
  beforeAll(async () => {
    fake = await new FakeGitHub({ owner: 'acme', repo: 'orders' }).start()
  })
  afterAll(async () => {
    await fake.stop()
  })

  it('records the repository, its server and the checkout commit, and asks that repository’s API with the token', async () => {
    fake.rules = { main: [RULES.pullRequest(1), RULES.statusChecks(['test'])] }
    const dir = tempGitRepo({ 'README.md': '# orders\n' })
    const r = await cliAsync(['scan', dir, '--repo', 'acme/orders', '--format', 'json', '--min-score', '0'], { GITHUB_TOKEN: 'ghs_fleetToken', GITHUB_API_URL: fake.url, GITHUB_SERVER_URL: 'https://github.example.com' })
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(report.repository).toMatchObject({ slug: 'acme/orders', serverUrl: 'https://github.example.com', commit: expect.stringMatching(/^[0-9a-f]{40}$/) })
    expect(Date.parse(report.scannedAt)).toBeGreaterThan(Date.now() - 120_000)
    expect(report.checks.find((c: { id: string }) => c.id === 'mandatory-prs').status).toBe('pass')
    expect(fake.requests.some((q) => q.path.startsWith('/repos/acme/orders/') && q.authorization === 'token ghs_fleetToken')).toBe(true)
  })

  it('refuses a --repo that is not OWNER/NAME', () => {
    const r = cli(['scan', '.', '--repo', '../../etc'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("--repo: '../../etc' is not OWNER/NAME")
  })
})
