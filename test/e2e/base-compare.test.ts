import { writeFileSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { scanOutcome } from '../helpers/scan.js'
import { git, shallowCloneLackingBase, tempGitRepo } from '../helpers/tmp-repo.js'

const WF = (steps: string) => `on: [pull_request]\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps}`

describe('scan against the PR base', async () => {
  it('reports the delta and fails the ratchet when a check got worse', async () => {
    const dir = tempGitRepo({ '.github/workflows/ci.yml': WF('      - run: ruff check .\n      - run: pytest\n'), 'pyproject.toml': '[project]\nname="x"\n' })
    const base = git(dir, 'rev-parse', 'HEAD').trim()
    writeFileSync(join(dir, '.github/workflows/ci.yml'), WF('      - run: pytest\n'))
    git(dir, 'commit', '-qam', 'drop lint')
    const out = await scanOutcome({ root: dir, config: { ...DEFAULT_CONFIG, minScore: 0 }, base: { sha: base, fetch: false }, policy: { failOnRegression: true }, inputs: { tags: null } })
    expect(out.baseNote).toBeNull()
    const d = out.report.delta!
    expect(d.base.commit).toBe(base)
    expect(d.checks.find((c) => c.id === 'ci-lint')).toEqual({ id: 'ci-lint', base: 'pass', head: 'fail', changed: true })
    expect(d.change).toBeLessThan(0)
    expect(out.report.gate.passed).toBe(false)
    expect(out.report.gate.reasons.join('\n')).toContain('ci-lint')
  })

  it('passes the ratchet when the head improves, even far below min-score', async () => {
    const dir = tempGitRepo({ '.github/workflows/ci.yml': WF('      - run: pytest\n') })
    const base = git(dir, 'rev-parse', 'HEAD').trim()
    writeFileSync(join(dir, '.github/workflows/ci.yml'), WF('      - run: ruff check .\n      - run: pytest\n'))
    git(dir, 'commit', '-qam', 'add lint')
    const out = await scanOutcome({ root: dir, config: { ...DEFAULT_CONFIG, minScore: 0 }, base: { sha: base, fetch: false }, policy: { failOnRegression: true }, inputs: { tags: null } })
    expect(out.report.delta!.change).toBeGreaterThan(0)
    expect(out.report.gate.passed).toBe(true)
  })

  it('fetches a base commit the shallow checkout lacks, from origin', async () => {
    const { root, base } = shallowCloneLackingBase()
    const out = await scanOutcome({ root, config: DEFAULT_CONFIG, base: { sha: base, fetch: true }, inputs: { tags: null } })
    expect(out.baseNote).toBeNull()
    expect(out.report.delta!.base.commit).toBe(base)
  })

  it('says once why there is no comparison when the base cannot be had, and reports head only', async () => {
    const dir = tempGitRepo({ 'a.txt': 'x' })
    unlinkSync(join(dir, 'a.txt'))
    const out = await scanOutcome({ root: dir, config: DEFAULT_CONFIG, base: { sha: 'f'.repeat(40), fetch: false }, inputs: { tags: null } })
    expect(out.report.delta).toBeUndefined()
    expect(out.baseNote).toContain('not in the checkout')
    expect(out.report.warnings.filter((w) => w.startsWith('No comparison with the base commit'))).toHaveLength(1)
  })
})
