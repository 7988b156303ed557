import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CHECK_IDS } from '../../src/checks/ids.js'
import { inertMarkdown } from '../../src/report/escape.js'
import { renderJson } from '../../src/report/json.js'
import { render } from '../../src/report/index.js'
import { PROJECT_URL } from '../../src/report/links.js'
import { readSavedReport, SAVED_LIMITS } from '../../src/report/saved.js'
import type { ScanReport } from '../../src/report/types.js'
import { hostileReport } from './hostile.js'
import { expectInertMarkdown, NASTY } from './inert.js'
import { sampleReport } from './sample.js'

const TARGET = { repository: 'acme/orders', number: 7, headSha: 'a'.repeat(40), commentKey: 'api' }
const saved = (r: ScanReport): string => renderJson({ ...r, pullRequest: TARGET })
const read = (text: string) => {
  const out = readSavedReport(text)
  if (!out.ok) throw new Error(out.error)
  return out
}

describe('readSavedReport: a report written by an earlier run, untrusted', () => {
  it('round-trips a real report: same verdict, checks, evidence and target', () => {
    const r = sampleReport()
    const out = read(saved(r))
    expect(out.target).toEqual(TARGET)
    expect(out.report.score).toBe(r.score)
    expect(out.report.gate).toEqual(r.gate)
    expect(out.report.checks.map((c) => [c.id, c.status, c.summary, c.evidence.length])).toEqual(r.checks.map((c) => [c.id, c.status, c.summary, c.evidence.length]))
    // Links are never taken from the file: the action sets the slug it verified.
    expect(out.report.repository.slug).toBeNull()
  })

  it('refuses with the reason: not JSON, not ours, another version, forged shapes, duplicated checks, no target', () => {
    const good = JSON.parse(saved(sampleReport())) as Record<string, unknown>
    const refuse = (text: string): string => {
      const out = readSavedReport(text)
      expect(out.ok).toBe(false)
      return out.ok ? '' : out.error
    }
    expect(refuse('{"a":')).toMatch(/^it is not JSON/)
    expect(refuse('[]')).toMatch(/not a Shipshape report/)
    expect(refuse(JSON.stringify({ ...good, schemaVersion: 2, tool: { name: 'shipshape', version: '9.0.0' } }))).toBe('it has schemaVersion 2 (written by Shipshape 9.0.0); this Shipshape reads schemaVersion 1: use the same Shipshape version in both workflows')
    expect(refuse(JSON.stringify({ ...good, checks: Array(15).fill((good.checks as unknown[])[0]) }))).toMatch(/lists 15 checks; a report has at most 14/)
    expect(refuse(JSON.stringify({ ...good, checks: [(good.checks as unknown[])[0], (good.checks as unknown[])[0]] }))).toBe('it names a check twice')
    expect(refuse(JSON.stringify({ ...good, score: 1e9 }))).toMatch(/\/score must be <= 100/)
    expect(refuse(JSON.stringify({ ...good, pullRequest: { ...TARGET, number: '7; rm -rf /' } }))).toMatch(/\/pullRequest\/number must be integer/)
    expect(refuse(JSON.stringify({ ...good, pullRequest: { ...TARGET, repository: 'acme/orders/../x' } }))).toMatch(/\/pullRequest\/repository must match pattern/)
    expect(refuse(JSON.stringify({ ...good, pullRequest: undefined }))).toMatch(/has no pullRequest/)
  })

  it('caps what it keeps and says so: evidence, services, warnings', () => {
    const r = sampleReport()
    const many = { ...r, checks: r.checks.map((c) => ({ ...c, evidence: Array.from({ length: 500 }, (_, i) => ({ path: `f${i}.py`, message: 'x' })) })), warnings: Array(80).fill('w') }
    const out = read(saved(many))
    expect(Math.max(...out.report.checks.map((c) => c.evidence.length))).toBe(SAVED_LIMITS.evidencePerCheck)
    expect(out.report.warnings).toHaveLength(SAVED_LIMITS.warnings + 1)
    expect(out.report.warnings.at(-1)).toBe(`The saved report was cut to size: 30 warnings left out; ${(500 - 50) * r.checks.length} evidence items past 50 per check left out.`)
  })

  it('renders a hostile saved report, fix Markdown included, without live markup', () => {
    const hostile = hostileReport()
    const checks = hostile.checks.map((c, i) => ({ ...c, title: NASTY[i % NASTY.length]!, remediation: NASTY.join('\n') }))
    const out = read(saved({ ...hostile, checks, repository: { ...hostile.repository, slug: 'evil/x', serverUrl: 'https://evil.example' } }))
    const md = render('markdown', { ...out.report, repository: { ...out.report.repository, slug: 'acme/orders', serverUrl: 'https://github.com' } }, { color: false })
    expectInertMarkdown(md, [PROJECT_URL, 'https://github.com/acme/orders/blob/'])
  })
})

describe('inertMarkdown', () => {
  it('keeps bullets, code spans and fenced code; prose loses every other meaning', () => {
    const md = inertMarkdown('Fix it:\n- cache (`actions/cache`) then [x](javascript:1) @team\n```yaml\nrun: echo ```\n</details>\n```\n`open')
    expect(md.split('\n')).toEqual([
      'Fix it:',
      '- cache \\(`actions/cache`\\) then \\[x\\]\\(javascript:1\\) @\u200bteam',
      '````yaml',
      'run: echo ```',
      '</details>',
      '````',
      '\\`open'
    ])
  })

  it('whatever the input, prose lines carry no live markup and fences always close', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...NASTY, '```', '~~~~ sh', '- `x`'), fc.string({ maxLength: 40 })), { maxLength: 12 }), (lines) => {
        const md = inertMarkdown(lines.join('\n'))
        const fences = md.split('\n').filter((l) => /^`{3,}/.test(l))
        expect(fences.length % 2).toBe(0)
        // Outside fences, the structural checks of every renderer hold.
        let inFence = false
        const prose = md.split('\n').filter((l) => (/^`{3,}/.test(l) ? ((inFence = !inFence), false) : !inFence))
        expectInertMarkdown(prose.join('\n'), [])
      }),
      { numRuns: 150 }
    )
  })

  it('drops nothing a real fix needs: check ids stay readable', () => {
    expect(inertMarkdown(CHECK_IDS.join(' '))).toContain('ci\\-tests')
  })
})
