import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { collectCi } from '../../src/facts/ci/index.js'
import { resolveScript } from '../../src/facts/ci/resolve/index.js'
import { MAX_SHELL_COMMANDS, MAX_SHELL_NESTING, splitScript } from '../../src/facts/ci/shell.js'
import { ALL_KINDS, evaluate, exactly } from '../../src/facts/ci/systems/condition.js'
import { parseYaml } from '../../src/facts/parse/yaml.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { bounded, ciYaml, manifestText, options, shellText, yamlText } from './arbitraries.js'

/** The CI model: YAML loading, every CI system's parser, shell splitting and script resolution. */

const CI_FILES = [
  '.github/workflows/ci.yml', '.gitlab-ci.yml', '.circleci/config.yml', 'azure-pipelines.yml', 'bitbucket-pipelines.yml', '.github/actions/local/action.yml',
  '.woodpecker/ci.yaml', '.drone.yml', '.buildkite/pipeline.yml', '.cirrus.yml', '.semaphore/semaphore.yml', 'appveyor.yml', 'buildspec.yml', 'cloudbuild.yaml', '.tekton/run.yaml'
] as const

describe('parseYaml', () => {
  it('never throws; a failure is a ParseProblem with a 1-based line', () => {
    fc.assert(
      fc.property(yamlText, (text) => {
        const r = bounded(() => parseYaml(text, 'x.yml'))
        if (!r.ok) {
          expect(r.problem.path).toBe('x.yml')
          if (r.problem.line !== undefined) expect(r.problem.line).toBeGreaterThanOrEqual(1)
        }
      }),
      options()
    )
  })
})

describe('collectCi over every CI system', () => {
  it('never throws on arbitrary text and returns the model shape', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CI_FILES), yamlText, (path, text) => {
        const ci = bounded(() => collectCi(new MemorySnapshot({ [path]: text, Jenkinsfile: text, '.teamcity/settings.kts': text, Dockerfile: text })))
        expect(Array.isArray(ci.jobs) && Array.isArray(ci.problems)).toBe(true)
      }),
      options()
    )
  })

  it('never throws on valid YAML of arbitrary shape, in all systems at once', () => {
    fc.assert(
      fc.property(fc.array(ciYaml, { minLength: CI_FILES.length, maxLength: CI_FILES.length }), (texts) => {
        const files = Object.fromEntries(CI_FILES.map((p, i) => [p, texts[i]!]))
        const ci = bounded(() => collectCi(new MemorySnapshot(files)))
        for (const job of ci.jobs) expect(typeof job.file).toBe('string')
      }),
      options()
    )
  })
})

describe('run conditions (Cirrus only_if, Buildkite if:, Woodpecker evaluate:, Semaphore when:)', () => {
  it('never throw, and what they allow is a subset of the kinds of build', () => {
    fc.assert(
      fc.property(fc.oneof(shellText, fc.stringMatching(/^[!()&|a-z$'" =~.{}[\],]{0,80}$/)), fc.boolean(), (expr, keywords) => {
        const p = bounded(() => evaluate(expr, (a) => (a.includes('pr') ? exactly(['pr']) : undefined), { keywords }))
        for (const k of [...p.canTrue, ...p.canFalse]) expect(ALL_KINDS.has(k)).toBe(true)
      }),
      options(300)
    )
  })
})

describe('resolveScript through Earthly and mage', () => {
  it('follows arbitrary Earthfile and magefile text in bounded time', () => {
    fc.assert(
      fc.property(shellText, shellText, (earthfile, magefile) => {
        const snapshot = new MemorySnapshot({ Earthfile: earthfile, 'magefile.go': magefile })
        const out = bounded(() => resolveScript('earthly +a\nearthly +test\nmage check\nmage', { snapshot, path: 'ci.yml', line: 1, cwd: '', chain: [] }))
        expect(Array.isArray(out)).toBe(true)
      }),
      options(100)
    )
  })
})

describe('splitScript', () => {
  it('never throws, stays near its command cap, and reports lines inside the script', () => {
    fc.assert(
      fc.property(shellText, (script) => {
        const cmds = bounded(() => splitScript(script))
        // The cap is checked between commands, so commands already open (nested up to the nesting
        // cap) still finish: a soft bound, seen at 2,001 with fuzzed input.
        expect(cmds.length).toBeLessThanOrEqual(MAX_SHELL_COMMANDS + MAX_SHELL_NESTING)
        const lines = script.split('\n').length
        for (const c of cmds) {
          expect(c.line).toBeGreaterThanOrEqual(1)
          expect(c.line).toBeLessThanOrEqual(lines)
          expect(c.text.length).toBeLessThanOrEqual(120)
        }
      }),
      options(300)
    )
  })
})

describe('resolveScript', () => {
  it('follows composer scripts (strings, arrays, @references, @php) built from arbitrary text in bounded time', () => {
    const name = fc.constantFrom('test', 'lint', 'cs', 'analyse', 'ci', 'x')
    const entry = fc.oneof(shellText, name.map((n) => '@' + n), shellText.map((t) => '@php ' + t), fc.constant('Foo\\Bar::baz'))
    const scripts = fc.dictionary(name, fc.oneof(entry, fc.array(entry, { maxLength: 8 })))
    fc.assert(
      fc.property(scripts, shellText, (s, script) => {
        const snapshot = new MemorySnapshot({ 'composer.json': JSON.stringify({ scripts: s }), 'sub/composer.json': script })
        const out = bounded(() => resolveScript(script + '\ncomposer test -- --x\ncomposer run-script ci\ncomposer -d sub lint\ncomposer x', { snapshot, path: 'ci.yml', line: 1, cwd: '', chain: [] }))
        expect(Array.isArray(out)).toBe(true)
      }),
      options(150)
    )
  })

  it('follows scripts through arbitrary Makefile, package.json, tox.ini, pre-commit and noxfile text in bounded time', () => {
    fc.assert(
      fc.property(shellText, shellText, manifestText, yamlText, (script, makefile, pkg, precommit) => {
        const snapshot = new MemorySnapshot({
          Makefile: makefile,
          'package.json': pkg,
          'tox.ini': '[testenv]\ncommands = ' + makefile,
          'noxfile.py': makefile,
          'justfile': makefile,
          'Taskfile.yml': precommit,
          '.pre-commit-config.yaml': precommit,
          'scripts/ci.sh': script
        })
        const out = bounded(() => resolveScript(script + '\nmake test\nnpm test\ntox\nnox\njust x\ntask x\npre-commit run\n./scripts/ci.sh', { snapshot, path: 'ci.yml', line: 1, cwd: '', chain: [] }))
        expect(Array.isArray(out)).toBe(true)
      }),
      options(100)
    )
  })
})
