import { describe, expect, expectTypeOf, test } from 'vitest'
import type { CheckId } from '../../src/checks/ids.js'
import type { WrittenConfig } from '../../src/config/schema.js'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { parseConfig, validateConfig } from '../../src/config/load.js'
import { RULE_ERROR_CASES, ROOT_KEYS, SCHEMA_ERROR_CASES, VALID_EXAMPLES } from './cases.js'

const SRC = '.github/shipshape.yml'

/** The error messages for a YAML text (expects the config to be rejected). */
function errorsOf(text: string): string[] {
  const r = parseConfig(text, SRC)
  if (!r.errors) throw new Error(`expected errors, got a config: ${JSON.stringify(r.config)}`)
  return r.errors.map((e) => e.message)
}

describe('every schema error kind, with its exact message', () => {
  test.each(SCHEMA_ERROR_CASES)('$name', ({ yaml, errors }) => {
    expect(errorsOf(yaml)).toEqual(errors)
  })

  test.each(RULE_ERROR_CASES)('rule: $name', ({ yaml, errors }) => {
    expect(errorsOf(yaml)).toEqual(errors)
  })

  test('every error carries the key path it starts with', () => {
    const r = parseConfig('min-score: 900\nchecks:\n  ci-lint: { weight: -2 }', SRC)
    expect(r.errors).toEqual([
      { path: 'min-score', message: 'min-score: expected an integer from 0 to 100, got 900' },
      { path: 'checks.ci-lint.weight', message: 'checks.ci-lint.weight: expected an integer from 0 to 100, got -2' }
    ])
    expect(r.config).toBeUndefined()
  })
})

describe('all errors at once', () => {
  test('schema errors and rule errors of one file come back together, schema errors in document order first', () => {
    const yaml = [
      'min-score: 150',
      'fail-on-regresion: true',
      'checks:',
      '  ci-lint: { weight: 101 }',
      '  contract-tests: { required: true, enabled: false }',
      'waivers:',
      '  - { check: ci-tests, reason: "", expires: 2027-01-31 }',
      '  - { check: ci-tests, reason: slow, expires: 2027-01-31 }',
      '  - { check: ci-tests, reason: again, expires: 2027-01-31 }',
      'services:',
      '  - { name: api, path: services/api }',
      '  - { name: api, path: services/api2 }'
    ].join('\n')
    expect(errorsOf(yaml)).toEqual([
      'min-score: expected an integer from 0 to 100, got 150',
      `fail-on-regresion: unknown key "fail-on-regresion" (did you mean "fail-on-regression"?); allowed keys: ${ROOT_KEYS}`,
      'checks.ci-lint.weight: expected an integer from 0 to 100, got 101',
      'waivers[0].reason: expected a non-empty string, got ""',
      'checks.contract-tests: required: true conflicts with enabled: false; a disabled check never runs, so it can never pass (enable it or drop required)',
      'waivers[2].check: "ci-tests" is already waived by waivers[1]; keep one waiver per check',
      'services[1].name: duplicate service name "api" (first used by services[0]); each service needs its own name'
    ])
  })

  test('more than 50 errors: the first 50 and a count of the rest', () => {
    const yaml = `ignore: [${Array(60).fill('""').join(', ')}]`
    const errors = errorsOf(yaml)
    expect(errors).toHaveLength(51)
    expect(errors[49]).toBe('ignore[49]: expected a non-empty string, got ""')
    expect(errors[50]).toBe('(root): 10 more errors not shown; fix the ones above first')
  })
})

describe('valid configs', () => {
  test.each(VALID_EXAMPLES)('$name is accepted', ({ yaml, warnings }) => {
    const r = parseConfig(yaml, SRC)
    expect(r.errors).toBeUndefined()
    expect(r.warnings).toEqual(warnings ?? [])
  })

  test('empty file and comment-only file give the defaults, with the source recorded', () => {
    for (const text of ['', '# nothing yet\n']) {
      const r = parseConfig(text, SRC)
      expect(r.errors).toBeUndefined()
      expect(r.config).toEqual({ ...DEFAULT_CONFIG, source: SRC })
    }
  })

  test('the full example normalises every key', () => {
    const yaml = `
min-score: 80
fail-on-regression: true
max-file-size: 1048576
ignore: ["legacy/**", "./vendor/**", "/tmp/**"]
checks:
  ci-lint: { enabled: true, weight: 5, required: true }
  feature-flags: false
  ci-duration: { weight: 0 }
waivers:
  - { check: contract-tests, reason: "Pact suite lands in Q1", expires: 2027-01-31 }
signatures:
  ci-lint: { commands: ["mylint"], actions: ["acme/lint-action"], files: [".mylintrc"] }
  health-endpoint: { routes: ["/status"] }
services:
  - { name: api, path: ./services/api/ }
  - { name: root, path: . }
`
    const r = parseConfig(yaml, SRC)
    expect(r.errors).toBeUndefined()
    expect(r.warnings).toEqual([])
    const c = r.config!
    expect(c.minScore).toBe(80)
    expect(c.failOnRegression).toBe(true)
    expect(c.maxFileBytes).toBe(1048576)
    expect(c.ignore).toEqual(['legacy/**', 'vendor/**', 'tmp/**'])
    expect(c.checks['ci-lint']).toEqual({ enabled: true, weight: 5, required: true })
    expect(c.checks['feature-flags']).toEqual({ enabled: false, weight: 3, required: false })
    expect(c.checks['ci-duration']).toEqual({ enabled: true, weight: 0, required: false })
    expect(c.checks['ci-tests']).toEqual(DEFAULT_CONFIG.checks['ci-tests'])
    expect(c.waivers).toEqual([{ check: 'contract-tests', reason: 'Pact suite lands in Q1', expires: '2027-01-31' }])
    expect(c.signatures['ci-lint']).toEqual({ commands: ['mylint'], actions: ['acme/lint-action'], packages: [], routes: [], files: ['.mylintrc'] })
    expect(c.signatures['health-endpoint'].routes).toEqual(['/status'])
    expect(c.signatures['feature-flags']).toEqual({ commands: [], actions: [], packages: [], routes: [], files: [] })
    expect(c.services).toEqual([
      { name: 'api', path: 'services/api' },
      { name: 'root', path: '.' }
    ])
    expect(c.source).toBe(SRC)
  })

  test('`true` shorthand keeps a check enabled', () => {
    expect(parseConfig('checks:\n  ci-lint: true', SRC).config?.checks['ci-lint'].enabled).toBe(true)
  })

  test('YAML merge keys work', () => {
    const r = parseConfig('x-strict: &strict { required: true, weight: 4 }\n', SRC)
    expect(r.errors?.[0]?.message).toMatch(/^x-strict: unknown key "x-strict"/)
    const ok = parseConfig('checks:\n  ci-lint: &strict { required: true, weight: 4 }\n  ci-tests: { <<: *strict, weight: 5 }', SRC)
    expect(ok.config?.checks['ci-tests']).toEqual({ enabled: true, weight: 5, required: true })
  })

  test('JSON is YAML too', () => {
    expect(parseConfig('{"min-score": 55, "checks": {"ci-lint": false}}', SRC).config?.minScore).toBe(55)
  })

  test('a parsed document with a Date (from a timestamp-resolving YAML reader) is accepted at UTC midnight only', () => {
    const ok = validateConfig({ waivers: [{ check: 'ci-lint', reason: 'r', expires: new Date(Date.UTC(2027, 0, 31)) }] }, 'x')
    expect(ok.config?.waivers[0]?.expires).toBe('2027-01-31')
    const bad = validateConfig({ waivers: [{ check: 'ci-lint', reason: 'r', expires: new Date(Date.UTC(2027, 0, 31, 10)) }] }, 'x')
    expect(bad.errors?.map((e) => e.message)).toEqual(['waivers[0].expires: expected a date written YYYY-MM-DD, got 2027-01-31T10:00:00.000Z'])
  })

  test('the config does not alias the parsed document', () => {
    const doc = { ignore: ['a/**'], services: [{ name: 'api', path: 'api' }] }
    const c = validateConfig(doc, 'x').config!
    doc.ignore.push('b/**')
    doc.services[0]!.name = 'changed'
    expect(c.ignore).toEqual(['a/**'])
    expect(c.services[0]?.name).toBe('api')
  })
})

describe('hostile YAML', () => {
  test('syntax error gives file, line and column without echoing the source', () => {
    expect(errorsOf('min-score: 70\nchecks: [a\nb: 2')).toEqual([`${SRC}:3:1: YAML syntax error: missed comma between flow collection entries`])
  })

  test('duplicate keys are a syntax error with the line', () => {
    expect(errorsOf('min-score: 70\nmin-score: 80')).toEqual([`${SRC}:2:1: YAML syntax error: duplicated mapping key`])
  })

  test('several documents are refused', () => {
    expect(errorsOf('min-score: 70\n---\nmin-score: 80')).toEqual([`${SRC}: YAML syntax error: expected a single document in the stream, but found more`])
  })

  test('custom tags construct nothing', () => {
    expect(errorsOf('min-score: !!js/function "function () {}"')[0]).toMatch(/^\.github\/shipshape\.yml:1:\d+: YAML syntax error: unknown tag/)
  })

  test('__proto__ is just an unknown key', () => {
    expect(errorsOf('__proto__: { polluted: true }')).toEqual([`__proto__: unknown key "__proto__"; allowed keys: ${ROOT_KEYS}`])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  test('an alias bomb is quoted briefly and quickly', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 9; i++) lines.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9).fill(`*${'abcdefghij'[i - 1]}`).join(',')}]`)
    lines.push('min-score: *i')
    const started = performance.now()
    const errors = errorsOf(lines.join('\n'))
    expect(performance.now() - started).toBeLessThan(1000)
    const minScore = errors.find((e) => e.startsWith('min-score:'))!
    expect(minScore.length).toBeLessThan(140)
    expect(minScore).toMatch(/^min-score: expected an integer from 0 to 100, got \[\[\[.*…$/)
  })

  test('deep nesting is an error, not a crash', () => {
    const r = parseConfig('min-score: ' + '['.repeat(100_000), SRC)
    expect(r.errors).toHaveLength(1)
    expect(r.errors?.[0]?.message).toMatch(/^\.github\/shipshape\.yml/)
  })

  test('text over 256 KiB is refused before parsing', () => {
    const r = parseConfig('# ' + 'x'.repeat(256 * 1024), SRC)
    expect(r.errors?.map((e) => e.message)).toEqual([`${SRC}: the file is 262146 bytes; a config may be at most 262144 bytes (256 KiB)`])
  })
})

test('the written-config type is inferred from the schema (checked by tsc)', () => {
  expectTypeOf<WrittenConfig['min-score']>().toEqualTypeOf<number | undefined>()
  expectTypeOf<NonNullable<WrittenConfig['waivers']>[number]>().toEqualTypeOf<{ check: CheckId; reason: string; expires: string } | undefined>()
  expectTypeOf<NonNullable<NonNullable<WrittenConfig['checks']>['ci-lint']>>().toEqualTypeOf<boolean | { enabled?: boolean; weight?: number; required?: boolean }>()
  expectTypeOf<NonNullable<NonNullable<WrittenConfig['signatures']>['ci-lint']>['routes']>().toEqualTypeOf<(string | undefined)[] | undefined>()
})
