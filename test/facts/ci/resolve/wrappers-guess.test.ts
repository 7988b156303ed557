import { describe, expect, it } from 'vitest'
import { resolveScript, type ResolvedCommand } from '../../../../src/facts/ci/resolve/index.js'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'

/** Wrappers the table does not know: an unknown program followed by a known command line. */

const STEP = { path: '.github/workflows/ci.yml', line: 10, text: 'Check' }
const run = (files: Record<string, string>, script: string): ResolvedCommand[] => resolveScript(script, { snapshot: new MemorySnapshot(files), path: '.github/workflows/ci.yml', line: 12, cwd: '', chain: [STEP] })
const argvs = (cs: readonly ResolvedCommand[]): string[] => cs.map((c) => c.argv.join(' '))
const PKG = JSON.stringify({ scripts: { test: 'jest --ci' } }, null, 2) + '\n'

describe('unknown wrappers', () => {
  it('follows the command line after an unknown program, and says it guessed', () => {
    const files = { 'package.json': PKG, '.pre-commit-config.yaml': 'repos:\n  - repo: local\n    hooks:\n      - id: ruff\n        name: ruff\n        entry: ruff check .\n        language: system\n' }
    const out = run(files, 'with-secrets -- npm test\nsomewrapper uv run pre-commit run --all-files\nop run --env-file=.env -- make lint')
    expect(argvs(out)).toEqual(['jest --ci', 'ruff check .', 'make lint'])
    expect(out[0]!.chain.map((l) => l.text)).toEqual(['Check', 'with-secrets -- npm test', 'with-secrets taken for a wrapper of: npm test', 'jest --ci'])
    expect(out[1]!.chain[2]!.text).toBe('somewrapper taken for a wrapper of: uv run pre-commit run --all-files')
  })

  it('does not take commands that print, run elsewhere or take a program name as data for wrappers', () => {
    expect(argvs(run({ 'package.json': PKG }, 'echo npm test\nssh deploy@host make deploy\nkubectl exec api -- npm test\nasdf install python 3.12\nmystery-tool --flag'))).toEqual([
      'echo npm test',
      'ssh deploy@host make deploy',
      'kubectl exec api -- npm test',
      'asdf install python 3.12',
      'mystery-tool --flag'
    ])
  })

  it('runs a repository wrapper script with its arguments in place of "$@"', () => {
    const files = { 'package.json': PKG, 'scripts/with-env.sh': '#!/bin/sh\nset -a\n. ./.env.ci\nexec "$@"\n' }
    expect(argvs(run(files, './scripts/with-env.sh npm test'))).toEqual(['set -a', '. ./.env.ci', 'jest --ci'])
  })
})

describe('unknown wrappers in a check', () => {
  it('counts the wrapped test run and shows the guess in the evidence', async () => {
    const { default: check } = await import('../../../../src/checks/ci-tests.js')
    const { factsFor } = await import('../../../helpers/facts.js')
    const { runCheck } = await import('../../../checks/dependency-facts.js')
    const out = runCheck(check, factsFor({ files: { 'package.json': PKG, 'src/a.test.js': 'test("x", () => {})\n', '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    steps:\n      - run: with-secrets -- npm test\n' } }))
    expect(out.status).toBe('pass')
    expect(out.evidence?.[0]?.message).toContain('with-secrets taken for a wrapper of: npm test')
  })
})
