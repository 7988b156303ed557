import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import yaml from 'js-yaml'
import { describe, expect, it } from 'vitest'

/** The repository's own workflows: parsed, with the triggers, permissions and steps they promise. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

type Map = Record<string, unknown>
const load = (path: string): Map => yaml.load(readFileSync(join(ROOT, path), 'utf8')) as Map
const jobs = (wf: Map): Record<string, Map> => wf.jobs as Record<string, Map>
const steps = (job: Map): Map[] => (job.steps as Map[]) ?? []
const runs = (job: Map): string[] => steps(job).flatMap((s) => (typeof s.run === 'string' ? [s.run] : []))
const uses = (job: Map): string[] => steps(job).flatMap((s) => (typeof s.uses === 'string' ? [s.uses] : []))
const events = (wf: Map): string[] => Object.keys(wf.on as Map)

/** Workflow-level permissions read-only; anything more is granted per job. */
function leastPrivilege(wf: Map): void {
  expect(wf.permissions).toEqual({ contents: 'read' })
}

describe('the repository workflows', () => {
  it('ci.yml lints, type-checks and runs the README test command on pull requests and pushes to main', () => {
    const wf = load('.github/workflows/ci.yml')
    expect(events(wf)).toEqual(['pull_request', 'push'])
    expect((wf.on as Map).push).toEqual({ branches: ['main'] })
    leastPrivilege(wf)
    expect((wf.concurrency as Map)['cancel-in-progress']).toBe(true)
    const j = jobs(wf)
    expect(runs(j.lint!)).toContain('npm run lint')
    expect(runs(j.typecheck!)).toContain('npm run typecheck')
    expect(runs(j.test!)).toContain('npm cit --no-audit --no-fund')
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    expect(readme).toMatch(/^npm cit\b/m)
  })

  it('check-dist.yml rebuilds dist/ and fails on a difference, uploading the expected bundle', () => {
    const wf = load('.github/workflows/check-dist.yml')
    expect(events(wf)).toEqual(['pull_request', 'push'])
    leastPrivilege(wf)
    const job = jobs(wf)['check-dist']!
    expect(runs(job)).toEqual(['npm ci --no-audit --no-fund', 'npm run build', 'git diff --ignore-space-at-eol --text --exit-code dist/'])
    expect(uses(job)).toContain('actions/upload-artifact@v4')
  })

  it('codeql.yml analyses javascript-typescript on pull requests, with security-events granted to the job only', () => {
    const wf = load('.github/workflows/codeql.yml')
    expect(events(wf)).toEqual(['pull_request', 'push', 'schedule'])
    leastPrivilege(wf)
    const job = jobs(wf).analyze!
    expect(job.permissions).toEqual({ contents: 'read', 'security-events': 'write' })
    expect(uses(job)).toEqual(['actions/checkout@v4', 'github/codeql-action/init@v3', 'github/codeql-action/analyze@v3'])
    expect((steps(job)[1]!.with as Map).languages).toBe('javascript-typescript')
  })

  it('shipshape.yml runs this checkout (uses: ./) on its own pull requests and gates on its score', () => {
    const wf = load('.github/workflows/shipshape.yml')
    expect(events(wf)).toContain('pull_request')
    const job = jobs(wf).shipshape!
    const scan = steps(job).find((s) => s.uses === './')!
    expect(scan).toBeDefined()
    expect(Number((scan.with as Map)['min-score'])).toBeGreaterThanOrEqual(90)
    expect(job.permissions).toMatchObject({ contents: 'read', 'pull-requests': 'write' })
    expect(steps(job)[0]!.with).toEqual({ 'fetch-depth': 0 })
  })

  it('release.yml tags vX.Y.Z, publishes the CHANGELOG section as notes and moves the major tag', () => {
    const wf = load('.github/workflows/release.yml')
    expect(events(wf)).toEqual(['workflow_dispatch'])
    leastPrivilege(wf)
    const job = jobs(wf).release!
    expect(job.permissions).toEqual({ contents: 'write' })
    const script = runs(job).join('\n')
    expect(script).toContain('npm test')
    expect(script).toContain('git diff --ignore-space-at-eol --text --exit-code dist/')
    expect(script).toContain('gh release create "v$VERSION"')
    expect(script).toMatch(/git push -f origin "\$major"/)
    expect(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')).toMatch(/^## \[Unreleased\]$/m)
    expect(readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8')).toContain('## Releasing')
  })

  it('dependabot updates npm and GitHub Actions', () => {
    const d = load('.github/dependabot.yml')
    expect((d.updates as Map[]).map((u) => u['package-ecosystem'])).toEqual(['npm', 'github-actions'])
  })

  it('the wrong-result issue template asks for the JSON report', () => {
    const t = load('.github/ISSUE_TEMPLATE/wrong-result.yml')
    const body = t.body as Map[]
    const report = body.find((b) => b.id === 'report')!
    expect((report.validations as Map).required).toBe(true)
    expect((report.attributes as Map).render).toBe('json')
  })

  it('no workflow interpolates an input or event field straight into a script', () => {
    for (const f of ['ci.yml', 'check-dist.yml', 'codeql.yml', 'shipshape.yml', 'release.yml']) {
      for (const job of Object.values(jobs(load(`.github/workflows/${f}`)))) {
        for (const r of runs(job)) expect(r, `${f}: ${r}`).not.toMatch(/\$\{\{\s*(inputs|github\.event)\./)
      }
    }
  })
})
