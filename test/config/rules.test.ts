import { describe, expect, test } from 'vitest'
import { parseConfig } from '../../src/config/load.js'
import { RULES, runRules, type Rule } from '../../src/config/rules.js'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import type { Problems } from '../../src/config/validate.js'

function warningsOf(yaml: string): string[] {
  const r = parseConfig(yaml, 'x.yml')
  expect(r.errors).toBeUndefined()
  return r.warnings
}

describe('warning rules (the config still loads)', () => {
  test('every check weighing 0 or disabled: no score possible', () => {
    const all = ['mandatory-prs', 'ci-lint', 'ci-tests', 'type-checking', 'static-analysis', 'contract-tests', 'openapi-published', 'health-endpoint', 'feature-flags', 'circuit-breakers', 'container-build', 'release-versioning', 'layered-architecture']
    const yaml = 'checks:\n' + all.map((id) => `  ${id}: { weight: 0 }`).join('\n') + '\n  ci-duration: false'
    expect(warningsOf(yaml)).toEqual(['checks: no enabled check has a weight above 0, so there will be no score and min-score cannot fail the gate'])
  })

  test('one check still weighing: no warning', () => {
    expect(warningsOf('checks:\n  ci-lint: { weight: 0 }')).toEqual([])
  })

  test('signatures for a disabled check are unused', () => {
    expect(warningsOf('checks:\n  ci-lint: false\nsignatures:\n  ci-lint: { commands: [mylint] }')).toEqual([
      'signatures.ci-lint: the check is disabled, so these signatures are not used'
    ])
  })

  test('two services in one directory', () => {
    expect(warningsOf('services:\n  - { name: a, path: svc }\n  - { name: b, path: ./svc/ }')).toEqual([
      'services[1].path: "svc" is also the path of services[0]; both services will report the same files'
    ])
  })

  test('required and enabled together is fine', () => {
    expect(warningsOf('checks:\n  ci-lint: { required: true, enabled: true }')).toEqual([])
  })
})

describe('rules run even when the schema found errors', () => {
  test('a valid duplicate is still reported next to an invalid neighbour', () => {
    const r = parseConfig('services:\n  - { name: api, path: a }\n  - 7\n  - { name: api, path: b }', 'x.yml')
    expect(r.errors?.map((e) => e.message)).toEqual([
      'services[1]: expected a mapping with keys name, path, got 7',
      'services[2].name: duplicate service name "api" (first used by services[0]); each service needs its own name'
    ])
  })
})

describe('the rule list', () => {
  test('holds named functions, each once', () => {
    const names = RULES.map((r) => r.name)
    expect(names.every((n) => n.length > 0)).toBe(true)
    expect(new Set(names).size).toBe(names.length)
  })

  test('runRules reports through the shared sink with the path first', () => {
    const out: Problems = { errors: [], warnings: [] }
    const rule: Rule = (ctx) => {
      ctx.error('checks.ci-lint', 'something')
      ctx.warn('careful')
    }
    runRules({}, DEFAULT_CONFIG, out, [rule])
    expect(out).toEqual({ errors: [{ path: 'checks.ci-lint', message: 'checks.ci-lint: something' }], warnings: ['careful'] })
  })
})
