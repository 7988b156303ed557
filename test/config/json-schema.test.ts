import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import fc from 'fast-check'
import yaml from 'js-yaml'
import { describe, expect, test } from 'vitest'
import { CHECK_IDS } from '../../src/checks/ids.js'
import { CONFIG_SCHEMA_PATH, configJsonSchema, configJsonSchemaText } from '../../src/config/json-schema.js'
import { parseConfig } from '../../src/config/load.js'
import { CONFIG_SCHEMA, SIGNATURE_KINDS } from '../../src/config/schema.js'
import { validate, type Problems } from '../../src/config/validate.js'
import { RULE_ERROR_CASES, SCHEMA_ERROR_CASES, VALID_EXAMPLES } from './cases.js'

/**
 * schema/config.schema.json is generated from src/config/schema.ts. This test fails when the
 * committed file is stale; `SHIPSHAPE_UPDATE_SCHEMAS=1 npx vitest run test/config` rewrites it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated JSON, read as data
type Schema = Record<string, any>

const FILE = join(import.meta.dirname, '..', '..', CONFIG_SCHEMA_PATH)

test(`${CONFIG_SCHEMA_PATH} is up to date with src/config/schema.ts`, () => {
  const expected = configJsonSchemaText()
  if (process.env.SHIPSHAPE_UPDATE_SCHEMAS === '1') writeFileSync(FILE, expected)
  let actual = ''
  try {
    actual = readFileSync(FILE, 'utf8')
  } catch {
    // Missing file: reported by the comparison below.
  }
  expect(actual, `${CONFIG_SCHEMA_PATH} is stale: run SHIPSHAPE_UPDATE_SCHEMAS=1 npx vitest run test/config`).toBe(expected)
})

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
const ajv = addFormats(new Ajv({ strict: true, allErrors: true }))
const validateJson = ajv.compile(configJsonSchema())

/** What a YAML editor sees: YAML 1.2 core types, so dates stay strings. */
function asEditorSees(text: string): unknown {
  return yaml.load(text, { schema: yaml.CORE_SCHEMA }) ?? {}
}

describe('the editor schema agrees with the validator', () => {
  test('it is a valid draft-07 schema with an $id, closed mappings and enums for check ids and signature kinds', () => {
    // Loosely typed on purpose: this test reads the generated JSON as an editor would.
    const schema = JSON.parse(configJsonSchemaText()) as Schema
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#')
    expect(schema.$id).toMatch(/^https:\/\/.+\/schema\/config\.schema\.json$/)
    expect(schema.additionalProperties).toBe(false)
    expect(Object.keys(schema.properties.checks.properties)).toEqual([...CHECK_IDS])
    expect(schema.properties.waivers.items.properties.check.enum).toEqual([...CHECK_IDS])
    expect(Object.keys(schema.properties.signatures.properties['ci-lint'].properties)).toEqual([...SIGNATURE_KINDS])
    expect(schema.properties.signatures.properties['ci-lint'].additionalProperties).toBe(false)
    expect(schema.properties.checks.properties['ci-duration'].oneOf[1].properties.weight.default).toBe(1)
    expect(schema.properties['min-score']).toMatchObject({ type: 'integer', minimum: 0, maximum: 100, default: 70 })
  })

  test('every node has a description', () => {
    const missing: string[] = []
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return
      const n = node as Record<string, unknown>
      if (typeof n.description !== 'string' || n.description === '') missing.push(path)
      for (const [k, v] of Object.entries((n.properties as Record<string, unknown>) ?? {})) walk(v, `${path}.${k}`)
      if (n.items) walk(n.items, `${path}[]`)
      for (const [i, v] of ((n.oneOf as unknown[] | undefined) ?? []).entries()) walk(v, `${path}|${i}`)
    }
    walk(configJsonSchema(), '$')
    expect(missing).toEqual([])
  })

  test.each(VALID_EXAMPLES)('accepts valid example: $name', ({ yaml: text }) => {
    expect(parseConfig(text, 'x.yml').errors).toBeUndefined()
    expect(validateJson(asEditorSees(text)), JSON.stringify(validateJson.errors)).toBe(true)
  })

  test.each(SCHEMA_ERROR_CASES)('rejects what the validator rejects: $name', ({ yaml: text }) => {
    expect(parseConfig(text, 'x.yml').errors).toBeDefined()
    expect(validateJson(asEditorSees(text))).toBe(false)
  })

  test.each(RULE_ERROR_CASES)('semantic-only error, beyond JSON Schema (accepted there): $name', ({ yaml: text }) => {
    expect(parseConfig(text, 'x.yml').errors).toBeDefined()
    expect(validateJson(asEditorSees(text))).toBe(true)
  })
})

describe('agreement on generated documents (property)', () => {
  /** Mostly valid values, sometimes a wrong one: so both outcomes are common. */
  const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) => fc.oneof({ weight: 15, arbitrary: good }, { weight: 1, arbitrary: bad })
  const text = fc.oneof(fc.constantFrom('', ' ', '2027-02-30', '31/01/2027', 'yes'), fc.string({ maxLength: 8, unit: 'grapheme-ascii' }))
  const bad = fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constantFrom(0.5, 67108865, true, null), text, fc.constant([1]))
  const score = mostly(fc.integer({ min: 0, max: 100 }), bad)
  const bool = mostly(fc.boolean(), bad)
  const nonEmpty = mostly(fc.constantFrom('api', 'legacy/**', '/status', 'acme-flags'), bad)
  const day = mostly(fc.constantFrom('2027-01-31', '2028-02-29'), bad)
  const id = mostly(fc.constantFrom(...CHECK_IDS), fc.constantFrom('ci-lnt', 'security'))
  const list = <T>(item: fc.Arbitrary<T>) => mostly(fc.array(item, { maxLength: 3 }), bad)
  const policy = mostly(
    fc.oneof(fc.boolean(), fc.record({ enabled: bool, weight: score, required: bool }, { requiredKeys: [] })),
    fc.oneof(bad, fc.record({ wieght: score }))
  )
  const sigs = mostly(fc.record({ commands: list(nonEmpty), routes: list(nonEmpty) }, { requiredKeys: [] }), fc.oneof(bad, fc.record({ command: list(nonEmpty) })))
  const waiver = mostly(fc.record({ check: id, reason: nonEmpty, expires: day }), fc.oneof(bad, fc.record({ check: id, note: nonEmpty }, { requiredKeys: [] })))
  const service = mostly(fc.record({ name: nonEmpty, path: nonEmpty }), fc.oneof(bad, fc.record({ name: nonEmpty }, { requiredKeys: [] })))
  const doc = mostly(
    fc.record(
      {
        'min-score': score,
        'fail-on-regression': bool,
        'max-file-size': mostly(fc.integer({ min: 1024, max: 64 * 1024 * 1024 }), bad),
        ignore: list(nonEmpty),
        checks: mostly(fc.dictionary(fc.constantFrom(...CHECK_IDS), policy, { maxKeys: 3 }), fc.oneof(bad, fc.constant({ 'ci-lnt': false }))),
        waivers: list(waiver),
        signatures: mostly(fc.dictionary(fc.constantFrom(...CHECK_IDS), sigs, { maxKeys: 2 }), bad),
        services: list(service)
      },
      { requiredKeys: [] }
    ),
    fc.oneof(bad, fc.constant({ minScore: 70 }))
  )

  test('the schema-level validator and ajv accept exactly the same documents', () => {
    const seen = { accepted: 0, rejected: 0 }
    fc.assert(
      fc.property(doc, (value) => {
        const out: Problems = { errors: [], warnings: [] }
        validate(CONFIG_SCHEMA, value, '', out)
        const ajvOk = validateJson(value)
        seen[ajvOk ? 'accepted' : 'rejected']++
        expect(out.errors.length === 0, `${JSON.stringify(value)} → ${JSON.stringify(out.errors)} / ${JSON.stringify(validateJson.errors)}`).toBe(ajvOk)
      }),
      { numRuns: 2000, seed: 20260615 }
    )
    // The property only means something if both outcomes occurred often.
    expect(seen.accepted).toBeGreaterThan(200)
    expect(seen.rejected).toBeGreaterThan(200)
  })
})
