import { describe, expect, it, vi } from 'vitest'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import type { ScriptOrigin } from '../../../src/facts/ci/resolve/index.js'

/*
 * The resolver (make/npm/pre-commit/… indirections) is tested on its own; here a stand-in splits
 * scripts into one command per line, so these tests pin the collector's wiring: which files are
 * read, chains, lines, triggers, neutralisers, synthetic scripts and pre-commit.ci skips.
 */
vi.mock('../../../src/facts/ci/resolve/index.js', () => ({
  resolveScript: (script: string, origin: ScriptOrigin) =>
    script.split('\n').flatMap((text, k) => {
      const t = text.trim()
      if (t === '') return []
      const line = origin.line === undefined ? undefined : origin.line + k
      const link = { path: origin.path, ...(line !== undefined ? { line } : {}), text: t }
      if (t.startsWith('pre-commit run'))
        return ['ruff', 'mypy'].map((hookId) => ({ argv: [hookId], text: hookId, chain: [...origin.chain, link], neutralised: null, cwd: origin.cwd, hookId }))
      return [{ argv: t.split(' '), text: t, chain: [...origin.chain, link], neutralised: t.endsWith('|| true') ? '|| true' : null, cwd: origin.cwd }]
    }),
  collectLocalHooks: () => [{ argv: ['eslint', '.'], text: 'eslint .', chain: [{ path: '.husky/pre-commit', line: 1, text: 'eslint .' }], neutralised: null, cwd: '', hookId: 'husky:pre-commit' }]
}))

const { collectCi } = await import('../../../src/facts/ci/index.js')

const lines = (...ls: string[]): string => ls.join('\n') + '\n'

describe('collectCi', () => {
  const snapshot = new MemorySnapshot({
    '.github/workflows/ci.yml': lines(
      'on: [push, pull_request]', // 1
      'jobs:', // 2
      '  lint:', // 3
      '    continue-on-error: true', // 4
      '    steps:', // 5
      '      - run: ruff check .', // 6
      '  test:', // 7
      '    steps:', // 8
      '      - uses: pre-commit/action@v3.0.1', // 9
      '      - run: |', // 10
      '          pytest', // 11
      '          mypy . || true', // 12
      '        working-directory: api', // 13
      '      - run: flake8', // 14
      "        if: ${{ false }}" // 15
    ),
    '.github/workflows/old.yml.disabled': lines('on: push', 'jobs:', '  x:', '    steps:', '      - run: never'),
    '.github/workflows/nested/x.yml': lines('on: push', 'jobs:', '  x:', '    steps:', '      - run: never'),
    '.gitlab-ci.yml': lines('test:', '  script:', '    - go test ./...', '  after_script:', '    - echo done'),
    '.pre-commit-config.yaml': lines('repos: []', 'ci:', '  skip: [mypy]'),
    'azure-pipelines.yml': lines('steps:', '  - task: Maven@4', '    inputs:', '      goals: verify'),
    '.circleci/config.yml': lines('version: 2.1', 'jobs:', '  build:', '    steps:', '      - run: [oops'),
    '.forgejo/workflows/test.yaml': lines('on: pull_request', 'jobs:', '  t:', '    steps:', '      - run: make check'),
    'src/app.py': 'print(1)\n'
  })
  const facts = collectCi(snapshot)

  it('lists the CI files of every system (disabled and nested workflows are not CI)', () => {
    expect(facts.files).toEqual([
      { system: 'github-actions', path: '.github/workflows/ci.yml' },
      { system: 'gitlab-ci', path: '.gitlab-ci.yml' },
      { system: 'circleci', path: '.circleci/config.yml' },
      { system: 'azure-pipelines', path: 'azure-pipelines.yml' },
      { system: 'other', path: '.forgejo/workflows/test.yaml' },
      { system: 'pre-commit.ci', path: '.pre-commit-config.yaml' }
    ])
    expect(facts.jobs.map((j) => `${j.system}:${j.id}`)).toEqual(['github-actions:lint', 'github-actions:test', 'gitlab-ci:test', 'azure-pipelines:Job', 'other:t', 'pre-commit.ci:pre-commit.ci'])
  })

  it('records a parse problem with its line instead of throwing', () => {
    expect(facts.problems).toHaveLength(1)
    expect(facts.problems[0]).toMatchObject({ path: '.circleci/config.yml', line: 6 })
  })

  it('turns run steps into ToolRuns with exact lines, chains, cwd and neutralisers', () => {
    const gh = facts.runs.filter((r) => r.system === 'github-actions')
    expect(gh.map((r) => [r.text, r.chain.at(-1)!.line, r.cwd, r.neutralised])).toEqual([
      ['ruff check .', 6, '', 'continue-on-error: true'],
      ['ruff', 9, '', null],
      ['mypy', 9, '', null],
      ['pytest', 11, 'api', null],
      ['mypy . || true', 12, 'api', '|| true'],
      ['flake8', 14, '', 'if: ${{ false }}']
    ])
    const pytest = gh[3]!
    expect(pytest).toMatchObject({ where: 'ci', job: { id: 'test' }, step: { runLine: 11 }, triggers: { pullRequest: true, push: true } })
    expect(pytest.chain).toEqual([
      { path: '.github/workflows/ci.yml', line: 10, text: 'pytest' },
      { path: '.github/workflows/ci.yml', line: 11, text: 'pytest' }
    ])
  })

  it('records actions and resolves the commands some actions and tasks stand for', () => {
    expect(facts.actions.map((a) => [a.system, a.action.name, a.chain.at(-1)!.line])).toEqual([
      ['github-actions', 'pre-commit/action', 9],
      ['azure-pipelines', 'maven', 2]
    ])
    expect(facts.runs.filter((r) => r.system === 'azure-pipelines').map((r) => [r.text, r.chain.at(-1)!.line])).toEqual([['mvn verify', 2]])
  })

  it('keeps GitLab after_script commands as non-failing and GitLab jobs off PRs without rules', () => {
    const gl = facts.runs.filter((r) => r.system === 'gitlab-ci')
    expect(gl.map((r) => [r.text, r.chain.at(-1)!.line, r.neutralised, r.triggers.pullRequest])).toEqual([
      ['go test ./...', 3, null, false],
      ['echo done', 5, 'after_script (failures ignored)', false]
    ])
  })

  it('runs pre-commit.ci on PRs without its skipped hooks', () => {
    const pc = facts.runs.filter((r) => r.system === 'pre-commit.ci')
    expect(pc.map((r) => [r.text, r.chain[0]!.line, r.triggers.pullRequest])).toEqual([['ruff', 2, true]])
  })

  it('adds local git hooks as local runs without triggers', () => {
    expect(facts.runs.filter((r) => r.where === 'local')).toEqual([
      { hookId: 'husky:pre-commit', argv: ['eslint', '.'], text: 'eslint .', chain: [{ path: '.husky/pre-commit', line: 1, text: 'eslint .' }], where: 'local', system: 'git-hook', triggers: { pullRequest: false, push: false, schedule: false, manual: false, events: [] }, neutralised: null, cwd: '' }
    ])
  })

  it('reads only CI files: a 100k-file listing is one cheap pass', () => {
    const files: Record<string, string> = { '.github/workflows/ci.yml': lines('on: pull_request', 'jobs:', '  t:', '    steps:', '      - run: make test') }
    for (let i = 0; i < 100_000; i++) files[`src/pkg${i % 100}/mod${i}.py`] = 'x = 1\n'
    const big = new MemorySnapshot(files)
    const start = Date.now()
    const f = collectCi(big)
    expect(Date.now() - start).toBeLessThan(1500)
    expect(big.stats().reads).toBe(0)
    expect(f.runs.filter((r) => r.where === 'ci').map((r) => r.text)).toEqual(['make test'])
  })

  it('never throws on hostile or odd-shaped CI files', () => {
    const odd = new MemorySnapshot({
      '.github/workflows/a.yml': lines('- just', '- a list'),
      '.github/workflows/b.yml': lines('on: {push: 5}', 'jobs: {x: {steps: "run: nope", if: [1]}, y: 3}'),
      '.gitlab-ci.yml': lines('.a: &a', '  extends: .a', '  script: !reference [.a, script]', 'job:', '  extends: [.a, .missing]', '  rules: 5', '  script: {x: 1}'),
      '.circleci/config.yml': lines('workflows: {w: {jobs: [{}, 3, {x: null}]}}', 'jobs: []'),
      'azure-pipelines.yml': lines('stages: [{template: azure-pipelines.yml}, {jobs: 4}]', 'trigger: {branches: 1}'),
      'bitbucket-pipelines.yml': lines('pipelines: {default: [{step: {script: [{pipe: 3}, [1]]}}], branches: 7}'),
      '.travis.yml': lines('jobs: {include: [1, {script: {a: 1}}]}'),
      Jenkinsfile: "sh '''\nunterminated\n",
      '.pre-commit-config.yaml': lines('ci: 5')
    })
    const f = collectCi(odd)
    expect(f.problems).toEqual([
      { path: '.github/workflows/a.yml', line: 1, message: 'workflow is not a YAML mapping' },
      { path: '.gitlab-ci.yml', line: 1, message: 'extends cycle or chain too deep at .a → .a' }
    ])
    expect(f.jobs.map((j) => `${j.system}:${j.id}:${j.steps.length}`)).toEqual([
      'github-actions:x:0',
      'gitlab-ci:job:0',
      'circleci:x:0',
      'jenkins:Jenkinsfile:0',
      'travis:include[1]:0',
      'bitbucket-pipelines:default#1:1',
      'pre-commit.ci:pre-commit.ci:1'
    ])
  })
})
