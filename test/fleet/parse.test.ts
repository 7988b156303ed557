import { describe, expect, it } from 'vitest'
import { toJson } from '../../src/report/json.js'
import { LIMITS } from '../../src/fleet/limits.js'
import { parseReport, type ReportFile } from '../../src/fleet/parse.js'
import { hostileReport } from '../report/hostile.js'
import { NASTY } from '../report/inert.js'
import { sampleReport } from '../report/sample.js'

const file = (text: string | null, source = 'reports/acme__orders.json', extra: Partial<ReportFile> = {}): ReportFile => ({ source, text, error: text === null ? 'could not be read (EACCES)' : null, mtimeMs: Date.parse('2026-05-01T00:00:00Z'), order: 0, ...extra })
const json = (v: unknown): string => JSON.stringify(v)

describe('parseReport: one untrusted report file', () => {
  it('reads a report as scans write it: name, url, commit, score, gate and every check', () => {
    const e = parseReport(file(json(toJson(sampleReport({ scannedAt: '2026-05-02T03:04:05.000Z' })))))
    expect(e).toMatchObject({ name: 'acme/orders', key: 'acme/orders', state: 'ok', url: 'https://github.com/acme/orders', score: sampleReport().score, grade: sampleReport().grade, gatePassed: sampleReport().gate.passed, toolVersion: '0.1.0', scannedAt: '2026-05-02T03:04:05.000Z' })
    expect(e.checks.map((c) => c.id)).toEqual(sampleReport().checks.map((c) => c.id))
    const lint = e.checks.find((c) => c.id === 'ci-lint')!
    expect(lint.evidence[0]).toEqual({ path: '.github/workflows/ci.yml', line: 21, message: 'ruff check . (job lint)', url: `https://github.com/acme/orders/blob/${sampleReport().repository.commit}/.github/workflows/ci.yml#L21` })
    expect(e.sortTime).toBe(Date.parse('2026-05-02T03:04:05.000Z'))
  })

  it.each([
    ['unreadable file', null, 'unreadable', /EACCES/],
    ['not JSON', '{"schemaVersion": 1,', 'unreadable', /not valid JSON/],
    ['a JSON array', '[1,2]', 'unreadable', /not a JSON object/],
    ['another tool', json({ schemaVersion: 1, tool: { name: 'other' }, checks: [] }), 'unreadable', /not a Shipshape report/],
    ['a fleet.json', json({ schemaVersion: 1, kind: 'shipshape-fleet', tool: { name: 'shipshape' } }), 'unreadable', /fleet aggregate/],
    ['checks not a list', json({ schemaVersion: 1, tool: { name: 'shipshape' }, checks: {} }), 'unreadable', /checks is not a list/],
    ['another schema version', json({ schemaVersion: 2, tool: { name: 'shipshape', version: '9.0.0' }, repository: { slug: 'acme/orders' } }), 'other-schema', /schemaVersion 2 \(from Shipshape 9\.0\.0\)/]
  ])('%s → %s, with the reason', (_name, text, state, note) => {
    const e = parseReport(file(text))
    expect(e.state).toBe(state)
    expect(e.note).toMatch(note)
    expect(e.name).toBe('acme/orders')
    expect(e.score).toBeNull()
    expect(e.checks).toEqual([])
  })

  it('names a report without a slug after its file (OWNER__NAME.json gives OWNER/NAME)', () => {
    const noSlug = json(toJson(sampleReport({ repository: { root: '/runner/work/x', commit: null, slug: null } })))
    expect(parseReport(file(noSlug, 'out/acme__billing.json')).name).toBe('acme/billing')
    expect(parseReport(file(noSlug, 'out/billing-report.json')).name).toBe('billing-report')
    // A hostile slug is not a name: the file name is used and no link is made.
    const bad = json(toJson(sampleReport({ repository: { root: '.', commit: null, slug: '<img src=x>/y', serverUrl: 'javascript:alert(1)' } })))
    const e = parseReport(file(bad, 'r/x.json'))
    expect(e.name).toBe('x')
    expect(e.url).toBeNull()
  })

  it('keeps hostile text as one inert-able line, capped; controls and bidi overrides are gone', () => {
    const e = parseReport(file(json(toJson(hostileReport()))))
    for (const c of e.checks) {
      for (const s of [c.summary, c.title, ...c.evidence.flatMap((x) => [x.message, x.path ?? ''])]) {
        expect(s).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/)
        expect(s.length).toBeLessThanOrEqual(LIMITS.summary)
      }
    }
    expect(e.checks.some((c) => c.summary.includes('<script>'))).toBe(true)
    expect(NASTY.length).toBeGreaterThan(0)
  })

  it('bounds a report with a million evidence items and thousands of checks, and says what it cut', () => {
    const million = Array.from({ length: 1_000_000 }, () => ({ message: 'x' }))
    const checks = [{ id: 'ci-lint', title: 'Lint', status: 'fail', summary: 's', evidence: million }, ...Array.from({ length: 5_000 }, (_, i) => ({ id: `extra-${i}`, title: 'X', status: 'pass', summary: '', evidence: [] }))]
    const t0 = performance.now()
    const e = parseReport(file(json({ schemaVersion: 1, tool: { name: 'shipshape', version: '0.1.0' }, repository: { slug: 'acme/orders' }, score: 50, grade: 'F', gate: { passed: false }, checks })))
    expect(performance.now() - t0).toBeLessThan(5_000)
    expect(e.checks).toHaveLength(LIMITS.checksPerReport)
    expect(e.checks[0]!.evidence).toHaveLength(LIMITS.evidencePerCheck)
    expect(e.checks[0]!.moreEvidence).toBe(1_000_000 - LIMITS.evidencePerCheck)
    expect(e.note).toMatch(/check result\(s\) not used/)
  })

  it('drops malformed check results (bad id, bad status, duplicate, __proto__) and counts them', () => {
    const checks = [
      { id: 'ci-lint', status: 'pass' },
      { id: 'ci-lint', status: 'fail' },
      { id: '__proto__', status: 'pass' },
      { id: 'ci-tests', status: 'failed' },
      { id: 'Health Endpoint', status: 'pass' },
      'nope'
    ]
    const e = parseReport(file(json({ schemaVersion: 1, tool: { name: 'shipshape' }, score: 101, grade: 'E', checks })))
    expect(e.checks.map((c) => [c.id, c.status])).toEqual([['ci-lint', 'pass']])
    expect(e.score).toBeNull()
    expect(e.grade).toBeNull()
    expect(e.note).toMatch(/^5 check result/)
  })
})
