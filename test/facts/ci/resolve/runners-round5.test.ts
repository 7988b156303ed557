import { describe, expect, it } from 'vitest'
import { resolveScript, type ResolvedCommand } from '../../../../src/facts/ci/resolve/index.js'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'
import ciLint from '../../../../src/checks/ci-lint.js'
import ciTests from '../../../../src/checks/ci-tests.js'
import { action } from '../../../helpers/facts.js'
import { factsFor, runCheck } from '../../../checks/dependency-facts.js'

/**
 * Runner idioms met on services nobody here had scanned (corpus round 5): the Maven daemon behind a
 * Makefile's `$(shell command -v mvnd)`, start-server-and-test around an end-to-end suite, and
 * Buf's lint action.
 */

const STEP = { path: '.github/workflows/ci.yml', line: 10, text: 'Test' }
const run = (files: Record<string, string>, script: string): ResolvedCommand[] => resolveScript(script, { snapshot: new MemorySnapshot(files), path: '.github/workflows/ci.yml', line: 12, cwd: '', chain: [STEP] })
const argvs = (cs: readonly ResolvedCommand[]): string[] => cs.map((c) => c.argv.join(' '))

describe('round-5 runner idioms', () => {
  it('mvnd runs Maven: its lifecycle is followed like mvn', () => {
    const makefile = 'MVND := $(shell command -v mvnd 2>/dev/null)\n\ntest:\n\t$(MVND) -B -Dspotless.check.skip verify\n'
    const pom = '<project><build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId></plugin></plugins></build></project>\n'
    const out = argvs(run({ Makefile: makefile, 'pom.xml': pom }, 'make test'))
    expect(out).toContain('mvn surefire:test')
    expect(out[0]).toBe('mvn -B -Dspotless.check.skip verify')
  })

  it('start-server-and-test runs its test script (a package script or a quoted command)', () => {
    const pkg = JSON.stringify({ scripts: { start: 'node server.js', 'test:e2e': 'start-server-and-test "npm run start" http://localhost:3000 "playwright test"', 'test:ci': 'start-test start 3000 unit', unit: 'vitest run' } })
    expect(argvs(run({ 'package.json': pkg }, 'npm run test:e2e'))).toContain('playwright test')
    expect(argvs(run({ 'package.json': pkg }, 'npm run test:ci'))).toEqual(['node server.js', 'vitest run'])
  })

  it("Buf's lint action is lint, and no longer a step that could hide tests", () => {
    const facts = factsFor({}, { ci: { actions: [action('bufbuild/buf-lint-action', { line: 20 })] } })
    expect(runCheck(ciLint, facts).status).toBe('pass')
    expect(runCheck(ciTests, facts).status).toBe('fail')
  })
})
