import { describe, expect, it } from 'vitest'
import { CHECK_IDS, STATUSES } from '../../src/checks/ids.js'
import { renderJson } from '../../src/report/json.js'
import type { Grade, ScanReport } from '../../src/report/types.js'
import { schemaValidators } from '../helpers/schema.js'
import { hostileReport } from './hostile.js'
import { COMMIT, emptyReport, sampleReport } from './sample.js'

const GRADES = ['A', 'B', 'C', 'D', 'F'] as const satisfies readonly Grade[]
/** Fails to compile if Grade gains a letter GRADES lacks. */
const _allGrades: Exclude<Grade, (typeof GRADES)[number]> extends never ? true : never = true

type Json = Record<string, unknown>
const { schema: shipped, open: validate, closed: validateClosed } = schemaValidators('report.schema.json')
const schema = shipped as Json & { definitions: Record<string, { enum: unknown[] }> }

const reports: Record<string, ScanReport> = {
  sample: sampleReport(),
  empty: emptyReport(),
  hostile: hostileReport(),
  'with scannedAt': sampleReport({ scannedAt: '2026-05-01T10:00:00.000Z' }),
  'no delta': sampleReport({ delta: undefined, repository: { root: '/abs/path', commit: null } })
}

describe('json report', () => {
  it('renders the sample report', async () => {
    await expect(renderJson(sampleReport())).toMatchFileSnapshot('__snapshots__/sample.report.json')
  })

  it.each(Object.entries(reports))('validates against schema/report.schema.json (open and closed): %s', (_name, report) => {
    const data = JSON.parse(renderJson(report))
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true)
    expect(validateClosed(data), JSON.stringify(validateClosed.errors)).toBe(true)
  })

  it('the schema enums equal the TypeScript constants', () => {
    expect(schema.definitions.checkId!.enum).toEqual([...CHECK_IDS])
    expect(schema.definitions.status!.enum).toEqual([...STATUSES])
    expect(schema.definitions.grade!.enum).toEqual([...GRADES])
    expect(_allGrades).toBe(true)
  })

  it('the schema rejects what the contract forbids', () => {
    const data = JSON.parse(renderJson(sampleReport())) as { checks: Json[]; grade: unknown; schemaVersion: unknown }
    expect(validate({ ...data, schemaVersion: 2 })).toBe(false)
    expect(validate({ ...data, grade: 'E' })).toBe(false)
    expect(validate({ ...data, checks: [{ ...data.checks[0], status: 'failed' }] })).toBe(false)
    expect(validate({ ...data, checks: [{ ...data.checks[0], id: 'no-such-check' }] })).toBe(false)
  })

  it('writes the contract shape in a fixed key order, 2-space indented, with a trailing newline', () => {
    const out = renderJson(sampleReport())
    expect(out.endsWith('}\n')).toBe(true)
    expect(out.split('\n')[1]).toBe('  "schemaVersion": 1,')
    const data = JSON.parse(out) as Json & { checks: Json[] }
    expect(Object.keys(data)).toEqual(['schemaVersion', 'tool', 'repository', 'score', 'grade', 'gate', 'checks', 'warnings', 'stats', 'delta'])
    expect(Object.keys(data.checks[0]!)).toEqual(['id', 'title', 'status', 'score', 'weight', 'required', 'summary', 'evidence', 'remediation', 'messageId'])
    expect(data.repository).toEqual({ root: '.', commit: COMMIT, slug: 'acme/orders', serverUrl: 'https://github.com' })
    expect(data.gate).toEqual({ passed: false, minScore: 70, reasons: ['score 58 is under 70', 'required check ci-tests is fail'] })
    const tests = data.checks[2] as { evidence: Json[] }
    expect(tests.evidence).toEqual([
      { path: '.github/workflows/ci.yml', line: null, message: 'workflow runs on pull_request but has no test step' },
      { path: 'tests/test_orders.py', line: 1, message: 'pytest tests exist' },
      { path: null, line: null, message: 'no tox.ini, noxfile.py or Makefile test target' }
    ])
    expect((data.checks[3] as { evidence: Json[] }).evidence[0]).toEqual({ path: 'pyproject.toml', line: 40, message: '[tool.mypy] section', endLine: 48 })
    expect(data.checks[10]!.waiver).toEqual({ reason: 'images are built by the platform team', expires: '2026-12-31', original: 'partial' })
  })

  it('keeps the same key order whatever order the report object was built in', () => {
    const r = sampleReport()
    const shuffled = { stats: r.stats, checks: r.checks, warnings: r.warnings, gate: r.gate, grade: r.grade, score: r.score, repository: r.repository, tool: r.tool, schemaVersion: r.schemaVersion } as ScanReport
    expect(renderJson(shuffled)).toBe(renderJson({ ...r, delta: undefined }))
  })

  it('writes repository-derived strings verbatim (JSON escapes controls)', () => {
    const out = renderJson(hostileReport())
    expect(out).not.toMatch(/[\x00-\x1f](?<!\n)/)
    expect(JSON.parse(out).warnings).toEqual(hostileReport().warnings)
  })
})
