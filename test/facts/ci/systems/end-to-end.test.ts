import { describe, expect, it } from 'vitest'
import { collectCi } from '../../../../src/facts/ci/index.js'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'
import { lines } from './helpers.js'

/** collectCi with the real resolver: CI steps followed through make, npm scripts and pre-commit. */
describe('collectCi end to end', () => {
  const snapshot = new MemorySnapshot({
    '.github/workflows/ci.yml': lines(
      'on: pull_request', // 1
      'jobs:', // 2
      '  check:', // 3
      '    steps:', // 4
      '      - run: make lint', // 5
      '      - run: npm test', // 6
      '        working-directory: web' // 7
    ),
    Makefile: lines('lint:', '\truff check .'),
    'web/package.json': JSON.stringify({ scripts: { test: 'jest --ci' } }, null, 2) + '\n',
    '.pre-commit-config.yaml': lines('repos:', '  - repo: local', '    hooks:', '      - id: mypy', '        name: mypy', '        entry: mypy src', '        language: system', '      - id: black', '        name: black', '        entry: black --check .', '        language: system', 'ci:', '  skip: [mypy]')
  })
  const facts = collectCi(snapshot)

  it('follows make and npm scripts from the step to the tool, keeping the step first in the chain', () => {
    const ruff = facts.runs.find((r) => r.argv[0] === 'ruff')!
    expect(ruff).toMatchObject({ where: 'ci', system: 'github-actions', argv: ['ruff', 'check', '.'], triggers: { pullRequest: true } })
    expect(ruff.chain[0]).toMatchObject({ path: '.github/workflows/ci.yml', line: 5 })
    expect(ruff.chain.at(-1)).toMatchObject({ path: 'Makefile', line: 2 })
    const jest = facts.runs.find((r) => r.argv[0] === 'jest')!
    expect(jest).toMatchObject({ cwd: 'web', argv: ['jest', '--ci'] })
    expect(jest.chain.at(-1)!.path).toBe('web/package.json')
  })

  it('runs pre-commit.ci hooks on PRs except the skipped ones', () => {
    const pc = facts.runs.filter((r) => r.system === 'pre-commit.ci')
    expect(pc.map((r) => r.argv[0])).toEqual(['black'])
    expect(pc[0]!.triggers.pullRequest).toBe(true)
    expect(pc[0]!.chain[0]).toMatchObject({ path: '.pre-commit-config.yaml', line: 12 })
  })
})
