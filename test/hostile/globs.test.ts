import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/load.js'
import { isSafeGlob, safeMinimatch, unsafeGlobReason } from '../../src/facts/safe-glob.js'
import { WorkTreeSnapshot } from '../../src/facts/worktree.js'
import { tempGitRepo, tempTree } from '../helpers/tmp-repo.js'
import { expectClean, runCli, statusOf, type JsonReport } from './run.js'

/**
 * Globs written by the repository are matched by minimatch's backtracking regexes. Before the fix,
 * `*a*a*a*a*a*a*b` in a GitLab `include: local`, a `.gitignore` or the config's `ignore` hung the
 * scan for minutes on a repository holding a few files with long names.
 */

const BOUND_MS = 10_000
const BOMB = '*a'.repeat(6) + '*b'
const LONG_NAMES = Object.fromEntries([1, 2, 3].map((i) => ['a'.repeat(200) + i, 'x\n']))

describe('safe-glob bounds', () => {
  it('accepts everyday globs and refuses the costly shapes, saying why', () => {
    for (const g of ['**/*.test.*', 'legacy/**', '**/generated/**', '{src,lib}/**/*.{js,ts}', '.github/workflows/*.yml', 'ci/[ab]?.yml', '**/*_test*.py']) expect(unsafeGlobReason(g), g).toBeNull()
    expect(unsafeGlobReason(BOMB)).toBe('at most 2 `*` per path segment')
    expect(unsafeGlobReason('+(a|aa)b')).toBe('extended glob patterns like `+(a|b)` are not supported')
    expect(unsafeGlobReason('{a,b}'.repeat(3))).toBe('at most 2 brace groups with 32 alternatives in all')
    expect(unsafeGlobReason('{' + 'a,'.repeat(40) + '}')).toBe('at most 2 brace groups with 32 alternatives in all')
    expect(unsafeGlobReason('a'.repeat(1025))).toBe('longer than 1024 characters')
  })

  it('matches like minimatch when safe, nothing when not, in bounded time on 255-character names', () => {
    expect(safeMinimatch('src/a.test.ts', '**/*.test.*')).toBe(true)
    expect(safeMinimatch('a'.repeat(10) + 'b', BOMB)).toBe(false)
    const name = 'a'.repeat(255)
    const t0 = performance.now()
    // The worst shapes still allowed: two stars per segment, across many segments and braces.
    for (const g of ['*a*b', '*a*/*a*/*a*b', '{src,lib}/*a*b', '**/*a*b']) {
      expect(isSafeGlob(g)).toBe(true)
      for (let i = 0; i < 100; i++) safeMinimatch(`${name}/${name}/${name}`, g)
    }
    expect(performance.now() - t0).toBeLessThan(2000)
  })
})

describe('costly globs in a hostile repository (regression: these hung)', () => {
  it(`GitLab include: local with a backtracking glob finishes (${BOUND_MS} ms)`, () => {
    const dir = tempGitRepo({ ...LONG_NAMES, '.gitlab-ci.yml': `include:\n  - local: '${BOMB}'\n  - local: '+(a|aa)b'\ntest:\n  script: pytest\n` })
    const r = runCli(dir, 'json', { timeoutMs: BOUND_MS })
    expectClean(r, BOUND_MS)
    expect(statusOf(JSON.parse(r.stdout) as JsonReport, 'ci-tests')).toMatch(/^(pass|partial)$/)
  })

  it('a .gitignore full of backtracking globs is skipped rule by rule (plain dir)', () => {
    const dir = tempTree({ ...LONG_NAMES, '.gitignore': `${BOMB}\n+(a|aa)b\n${'{a,b}'.repeat(20)}\n*.log\n`, 'x.log': '', 'app.py': '' })
    const t0 = performance.now()
    const snap = new WorkTreeSnapshot(dir)
    expect(performance.now() - t0).toBeLessThan(2000)
    expect(snap.files()).toEqual(['.gitignore', ...Object.keys(LONG_NAMES).sort(), 'app.py'].sort())
    expectClean(runCli(dir, 'text', { timeoutMs: BOUND_MS }), BOUND_MS)
  })

  it('the config refuses costly ignore and signature globs: exit 2 naming each key', () => {
    const text = `ignore:\n  - '${BOMB}'\n  - 'legacy/**'\nsignatures:\n  container-build:\n    files: ['+(a|aa)b', '${'{a,b}'.repeat(20)}']\n`
    expect(parseConfig(text, 'c.yml').errors?.map((e) => e.message)).toEqual([
      `ignore[0]: "${BOMB}" is too costly to match: at most 2 \`*\` per path segment`,
      'signatures.container-build.files[0]: "+(a|aa)b" is too costly to match: extended glob patterns like `+(a|b)` are not supported',
      `signatures.container-build.files[1]: "${'{a,b}'.repeat(12)}…" is too costly to match: at most 2 brace groups with 32 alternatives in all`
    ])
    const dir = tempGitRepo({ ...LONG_NAMES, '.github/shipshape.yml': text })
    const r = runCli(dir, 'json', { timeoutMs: BOUND_MS })
    expect(r.code).toBe(2)
    expect(r.ms).toBeLessThan(BOUND_MS)
    expect(r.stderr).toContain('ignore[0]')
    expect(r.stdout).toBe('')
  })

  it('npm workspace filters and npm-run-all patterns from package.json stay bounded', () => {
    const dir = tempGitRepo({
      'package.json': JSON.stringify({ name: 'a'.repeat(200), workspaces: ['packages/*'], scripts: { ['lint:' + 'a'.repeat(200)]: 'eslint .', test: `run-s "lint:${BOMB}" && npm run test --workspace '${BOMB}' && pnpm --filter '${BOMB}' test` } }),
      'packages/x/package.json': JSON.stringify({ name: 'a'.repeat(200) + 'x', scripts: { test: 'vitest' } }),
      '.github/workflows/ci.yml': 'on: [pull_request]\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: npm test\n'
    })
    expectClean(runCli(dir, 'json', { timeoutMs: BOUND_MS }), BOUND_MS)
  })
})
