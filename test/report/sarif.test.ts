import { readFileSync } from 'node:fs'
import { Ajv, type AnySchema } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { Log, Result } from 'sarif'
import { describe, expect, it } from 'vitest'
import { DOCS_BASE } from '../../src/report/links.js'
import { FINGERPRINT_KEY, REPOSITORY_LEVEL_URI, renderSarif, SARIF_SCHEMA } from '../../src/report/sarif.js'
import type { ScanReport } from '../../src/report/types.js'
import { hostileReport, hugeReport } from './hostile.js'
import { COMMIT, emptyReport, sampleReport } from './sample.js'

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-2.1.0-subset.schema.json', import.meta.url), 'utf8')) as AnySchema
const validate = addFormats(new Ajv({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true })).compile(schema)

const sarif = (r: ScanReport = sampleReport()): Log => JSON.parse(renderSarif(r)) as Log
const results = (r?: ScanReport): Result[] => sarif(r).runs[0]!.results!

describe('sarif', () => {
  it('renders the sample report', async () => {
    await expect(renderSarif(sampleReport())).toMatchFileSnapshot('__snapshots__/sample.sarif.json')
  })

  it.each([
    ['sample', sampleReport()],
    ['empty', emptyReport()],
    ['hostile', hostileReport()],
    ['huge', hugeReport(300)]
  ] as const)('validates against the SARIF 2.1.0 schema subset: %s', (_name, report) => {
    const log = sarif(report)
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
  })

  it('the schema subset is strict enough to catch mistakes', () => {
    const log = sarif() as unknown as { runs: { results: Record<string, unknown>[] }[] }
    const broken = (patch: Record<string, unknown>): unknown => ({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0]!.results[0], ...patch }] }] })
    expect(validate(broken({ level: 'fatal' }))).toBe(false)
    expect(validate(broken({ kind: 'failure' }))).toBe(false)
    expect(validate(broken({ message: {} }))).toBe(false)
    expect(validate(broken({ ruleID: 'x' }))).toBe(false)
    expect(validate(broken({ locations: [{ physicalLocation: { artifactLocation: { uri: 'a' }, region: { startLine: 0 } } }] }))).toBe(false)
    expect(validate({ ...log, version: '2.0.0' })).toBe(false)
  })

  it('is one SARIF 2.1.0 run by Shipshape with one rule per check', () => {
    const log = sarif()
    expect(log.$schema).toBe(SARIF_SCHEMA)
    expect(log.version).toBe('2.1.0')
    expect(log.runs).toHaveLength(1)
    const driver = log.runs[0]!.tool.driver
    expect(driver.name).toBe('Shipshape')
    expect(driver.version).toBe('0.1.0')
    expect(driver.rules!.map((r) => r.id)).toEqual(sampleReport().checks.map((c) => c.id))
    expect(driver.rules![2]).toMatchObject({ id: 'ci-tests', name: 'CiTests', shortDescription: { text: 'CI tests' }, helpUri: `${DOCS_BASE}/ci-tests.md` })
    expect(driver.rules![2]!.help!.markdown).toContain('```yaml\n- run: pytest -q\n```')
    expect(log.runs[0]!.versionControlProvenance).toEqual([{ repositoryUri: 'https://github.com/acme/orders', revisionId: COMMIT }])
  })

  it('reports fail as error and partial as warning; pass, unknown, not-applicable and waived give no result', () => {
    const rs = results()
    expect(rs.map((r) => [r.ruleId, r.level, r.kind])).toEqual([
      ['ci-tests', 'error', 'fail'],
      ['type-checking', 'warning', 'fail'],
      ['contract-tests', 'error', 'fail'],
      ['feature-flags', 'warning', 'fail'],
      ['release-versioning', 'error', 'fail']
    ])
    const rules = sarif().runs[0]!.tool.driver.rules!
    for (const r of rs) expect(rules[r.ruleIndex!]!.id).toBe(r.ruleId)
  })

  it('locates results at their evidence, repository-level ones at README.md', () => {
    const [tests, types, contract, , release] = results()
    expect(tests!.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: '.github/workflows/ci.yml', uriBaseId: '%SRCROOT%' } }, message: { text: 'workflow runs on pull_request but has no test step' } }])
    expect(tests!.relatedLocations).toEqual([{ id: 1, physicalLocation: { artifactLocation: { uri: 'tests/test_orders.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } }, message: { text: 'pytest tests exist' } }])
    expect(tests!.message.text).toBe('CI tests: No test run was found in CI. · no tox.ini, noxfile.py or Makefile test target')
    expect(types!.locations![0]!.physicalLocation!.region).toEqual({ startLine: 40, endLine: 48 })
    for (const r of [contract!, release!]) expect(r.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: REPOSITORY_LEVEL_URI, uriBaseId: '%SRCROOT%' } }, message: { text: 'Repository-level finding' } }])
  })

  it('has stable fingerprints: independent of lines and summaries, distinct per check and file', () => {
    const fp = (r: Result): string => r.partialFingerprints![FINGERPRINT_KEY]!
    const base = results().map(fp)
    const moved = sampleReport({
      checks: sampleReport().checks.map((c) => ({ ...c, summary: `${c.summary} (changed)`, evidence: c.evidence.map((e) => ({ ...e, line: (e.line ?? 0) + 7 })) }))
    })
    expect(results(moved).map(fp)).toEqual(base)
    expect(new Set(base).size).toBe(base.length)
    expect(base[0]).toMatch(/^[0-9a-f]{32}$/)
  })

  it('encodes hostile paths as URI references and strips controls from messages', () => {
    const report = sampleReport({
      checks: [{ ...sampleReport().checks[2]!, evidence: [
        { path: '../outside.txt', message: 'escapes the repo' },
        { path: 'dir with space/a#b?(c).py', line: 3, message: 'bad \x1b[2J\u202e name\nsecond line' }
      ] }]
    })
    const [r] = results(report)
    expect(r!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('dir%20with%20space/a%23b%3F%28c%29.py')
    expect(r!.locations![0]!.message!.text).toBe('bad name second line')
    expect(r!.relatedLocations).toBeUndefined()
    expect(validate(sarif(report))).toBe(true)
  })

  it('leaves no control character, bidi override or raw space in any hostile string it writes', () => {
    const out = renderSarif(hostileReport())
    const strings: string[] = []
    JSON.parse(out, (_k, v: unknown) => (typeof v === 'string' && strings.push(v), v))
    for (const s of strings) expect(s).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/)
    for (const r of results(hostileReport())) {
      for (const l of [...r.locations!, ...(r.relatedLocations ?? [])]) expect(l.physicalLocation!.artifactLocation!.uri).toMatch(/^[A-Za-z0-9%._~/-]+$/)
    }
  })

  it('caps related locations', () => {
    const [first] = results(hugeReport(300))
    expect(first!.relatedLocations).toHaveLength(100)
  })
})
