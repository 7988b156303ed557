import { describe, expect, it } from 'vitest'
import type { Status } from '../../src/checks/ids.js'
import { render, RENDERERS } from '../../src/report/index.js'
import { REPORT_FORMATS, type ScanReport } from '../../src/report/types.js'
import { emptyReport, SAMPLE_CHECKS, sampleReport } from './sample.js'

const edgeReports: Record<string, ScanReport> = {
  'nothing judged': emptyReport(),
  'null score with checks': sampleReport({ score: null, grade: null, delta: undefined, checks: SAMPLE_CHECKS.filter((c) => c.status === 'unknown' || c.status === 'not-applicable') }),
  'only unknowns with reasons': sampleReport({
    checks: SAMPLE_CHECKS.filter((c) => c.status === 'unknown').map((c) => ({ ...c, evidence: [{ message: 'HTTP 403: Resource not accessible by integration' }] }))
  }),
  'waived only': sampleReport({ checks: SAMPLE_CHECKS.filter((c) => c.status === 'waived') }),
  'evidence without path or message': sampleReport({ checks: [{ ...SAMPLE_CHECKS[2]!, evidence: [{ message: '' }, { path: 'a.py', message: '' }, { path: '', line: 0, message: 'x' }] }] }),
  'status outside the union': sampleReport({ delta: undefined, checks: [{ ...SAMPLE_CHECKS[2]!, status: 'exploded' as Status }] }),
  'no remediation': sampleReport({ checks: SAMPLE_CHECKS.map((c) => ({ ...c, remediation: null })) }),
  'delta with null change': sampleReport({ delta: { ...sampleReport().delta!, change: null } })
}

describe('report renderers', () => {
  it('has exactly one renderer per format', () => {
    expect(Object.keys(RENDERERS).sort()).toEqual([...REPORT_FORMATS].sort())
  })

  it('render() dispatches to the format', () => {
    expect(render('json', sampleReport(), { color: false })).toBe(RENDERERS.json(sampleReport(), { color: false }))
    expect(render('markdown', sampleReport(), { color: false }).startsWith('### ')).toBe(true)
  })

  for (const format of REPORT_FORMATS) {
    it.each(Object.entries(edgeReports))(`${format} tolerates: %s`, (_name, report) => {
      const out = render(format, report, { color: format === 'text' })
      expect(out.length).toBeGreaterThan(20)
      expect(out.endsWith('\n')).toBe(true)
      if (format === 'json' || format === 'sarif') expect(() => JSON.parse(out)).not.toThrow()
    })
  }

  it('is pure: same input, same output, input untouched', () => {
    const report = sampleReport()
    const before = JSON.stringify(report)
    for (const format of REPORT_FORMATS) expect(render(format, report, { color: false })).toBe(render(format, report, { color: false }))
    expect(JSON.stringify(report)).toBe(before)
  })
})
