import type { Log, Result } from 'sarif'
import { describe, expect, it } from 'vitest'
import { DOCS_BASE } from '../../src/report/links.js'
import { FINGERPRINT_KEY, renderSarif, SARIF_SCHEMA } from '../../src/report/sarif.js'
import type { ScanReport } from '../../src/report/types.js'
import { hostileReport, hugeReport } from './hostile.js'
import { COMMIT, emptyReport, sampleReport } from './sample.js'

import { sarifErrors, sarifValidator } from '../helpers/sarif-schema.js'

const validate = sarifValidator()

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
  ] as const)('validates against the official SARIF 2.1.0 schema: %s', (_name, report) => {
    expect(sarifErrors(sarif(report))).toEqual([])
  })

  it('the schema catches mistakes', () => {
    const log = sarif() as unknown as { runs: { results: Record<string, unknown>[] }[] }
    const broken = (patch: Record<string, unknown>): unknown => ({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0]!.results[0], ...patch }] }] })
    expect(validate(broken({ level: 'fatal' }))).toBe(false)
    expect(validate(broken({ kind: 'failure' }))).toBe(false)
    expect(validate(broken({ message: {} }))).toBe(false)
    expect(validate(broken({ ruleID: 'x' }))).toBe(false)
    expect(validate(broken({ locations: [{ physicalLocation: { artifactLocation: { uri: 'a' }, region: { startLine: 0 } } }] }))).toBe(false)
    expect(validate({ ...log, version: '2.0.0' })).toBe(false)
  })

  it('is one SARIF 2.1.0 run by Shipshape with one rule per check, categorised and tied to the commit', () => {
    const log = sarif()
    expect(log.$schema).toBe(SARIF_SCHEMA)
    expect(log.version).toBe('2.1.0')
    expect(log.runs).toHaveLength(1)
    expect(log.runs[0]!.automationDetails).toEqual({ id: 'shipshape/' })
    const driver = log.runs[0]!.tool.driver
    expect(driver.name).toBe('Shipshape')
    expect(driver.version).toBe('0.1.0')
    expect(driver.rules!.map((r) => r.id)).toEqual(sampleReport().checks.map((c) => c.id))
    expect(driver.rules![2]).toMatchObject({ id: 'ci-tests', name: 'CiTests', shortDescription: { text: 'CI tests' }, helpUri: `${DOCS_BASE}/ci-tests.md` })
    expect(driver.rules![2]!.help!.markdown).toContain('```yaml\n- run: pytest -q\n```')
    expect(log.runs[0]!.versionControlProvenance).toEqual([{ repositoryUri: 'https://github.com/acme/orders', revisionId: COMMIT }])
  })

  it('reports fail as error and partial as warning about files; pass, unknown, not-applicable and waived give no result', () => {
    const rs = results()
    expect(rs.map((r) => [r.ruleId, r.level, r.kind])).toEqual([
      ['ci-tests', 'error', 'fail'],
      ['type-checking', 'warning', 'fail'],
      ['feature-flags', 'warning', 'fail']
    ])
    const rules = sarif().runs[0]!.tool.driver.rules!
    for (const r of rs) expect(rules[r.ruleIndex!]!.id).toBe(r.ruleId)
  })

  it('locates results at their evidence, with a region when the line is known', () => {
    const [tests, types] = results()
    expect(tests!.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: '.github/workflows/ci.yml', uriBaseId: '%SRCROOT%' } }, message: { text: 'workflow runs on pull_request but has no test step' } }])
    expect(tests!.relatedLocations).toEqual([{ id: 1, physicalLocation: { artifactLocation: { uri: 'tests/test_orders.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } }, message: { text: 'pytest tests exist' } }])
    expect(tests!.message.text).toBe('CI tests: No test run was found in CI. · no tox.ini, noxfile.py or Makefile test target')
    expect(types!.locations![0]!.physicalLocation!.region).toEqual({ startLine: 40, endLine: 48 })
  })

  it('says repository-level findings as run notifications tied to their rule, never on a made-up file', () => {
    const run = sarif().runs[0]!
    const notes = run.invocations![0]!.toolExecutionNotifications!
    expect(notes.map((n) => [n.associatedRule?.id, n.associatedRule?.index, n.level])).toEqual([
      ['contract-tests', 5, 'error'],
      ['release-versioning', 11, 'error']
    ])
    expect(notes[1]!.message.text).toBe('Release versioning: No version tags and no changelog. · no tags matching v1.2.3 in git')
    expect(JSON.stringify(run.results)).not.toContain('README.md')
  })

  it('gives each monorepo service its own run and category, with the service path', () => {
    const svcCheck = { ...sampleReport().checks[7]!, status: 'fail' as const, score: 0, evidence: [{ path: 'services/api/app/main.py', line: 3, message: 'no health route' }] }
    const report = sampleReport({
      repository: { ...sampleReport().repository, root: 'platform' },
      services: [{ name: 'api', path: 'services/api', score: 0, grade: 'F', gate: { passed: false, minScore: 70, reasons: ['score 0 is under 70'] }, checks: [svcCheck] }]
    })
    const log = sarif(report)
    expect(sarifErrors(log)).toEqual([])
    expect(log.runs.map((r) => r.automationDetails?.id)).toEqual(['shipshape/platform/', 'shipshape/service/services/api/'])
    const svc = log.runs[1]!
    expect(svc.properties).toMatchObject({ service: 'api', servicePath: 'services/api', score: 0, gatePassed: false })
    expect(svc.results!.map((r) => [r.ruleId, r.locations![0]!.physicalLocation!.artifactLocation!.uri, r.locations![0]!.physicalLocation!.region?.startLine])).toEqual([['health-endpoint', 'services/api/app/main.py', 3]])
    expect(svc.versionControlProvenance).toEqual([{ repositoryUri: 'https://github.com/acme/orders', revisionId: COMMIT }])
  })

  it('gives rules the same plain help text as the terminal: code on its own lines, no markup', () => {
    const help = sarif().runs[0]!.tool.driver.rules![2]!.help!
    expect(help.text).toBe(`Run the test suite on every pull request:\n\n  - run: pytest -q\n\nSee the docs for other runners.\n\nSee ${DOCS_BASE}/ci-tests.md`)
    expect(help.markdown).toContain('```yaml\n- run: pytest -q\n```')
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
