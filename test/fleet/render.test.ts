import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { aggregate } from '../../src/fleet/aggregate.js'
import { renderFleetFiles } from '../../src/fleet/cli.js'
import { renderIndexHtml } from '../../src/fleet/html/index-page.js'
import { renderRepoPage } from '../../src/fleet/html/repo-page.js'
import { renderFleetMarkdown } from '../../src/fleet/markdown.js'
import { parseReport } from '../../src/fleet/parse.js'
import { parsePrevious } from '../../src/fleet/previous.js'
import { renderFleetJson } from '../../src/fleet/json.js'
import type { Fleet } from '../../src/fleet/types.js'
import { toJson } from '../../src/report/json.js'
import { schemaValidators } from '../helpers/schema.js'
import { hostileReport } from '../report/hostile.js'
import { NASTY } from '../report/inert.js'
import { generatedReport } from './generate.js'

type Json = Record<string, unknown>
const { open: validate, closed: validateClosed } = schemaValidators('fleet.schema.json')

const file = (text: string, source: string, order: number) => ({ source, text, error: null, mtimeMs: 0, order })
/** A fleet with every kind of row: generated reports, a hostile one, a missing, an unreadable and a foreign one. */
function mixedFleet(previous = true): Fleet {
  const entries = [0, 1, 2].map((i) => parseReport(file(JSON.stringify(toJson(generatedReport(i))), `r/${i}.json`, i)))
  const hostile = toJson(hostileReport({ repository: { root: '.', commit: null, slug: null } }))
  entries.push(parseReport(file(JSON.stringify(hostile), `r/${NASTY[2]}.json`, 3)))
  entries.push(parseReport(file('{', 'r/acme__broken.json', 4)))
  entries.push(parseReport(file(JSON.stringify({ schemaVersion: 7, tool: { name: 'shipshape', version: NASTY[1] }, repository: { slug: 'acme/future' } }), 'r/acme__future.json', 5)))
  const before = previous ? parsePrevious(renderFleetJson(aggregate({ entries: entries.slice(0, 2), previous: null, expected: null, generatedAt: '2026-05-01T00:00:00.000Z' }))).previous : null
  return aggregate({ entries, previous: before, expected: ['acme/orders-api', 'acme/ghost'], generatedAt: '2026-05-08T00:00:00.000Z', notes: [`a note with ${NASTY[1]}`] })
}

describe('fleet.json', () => {
  it.each([true, false])('validates against schema/fleet.schema.json, open and closed (previous run: %s)', (previous) => {
    const data = JSON.parse(renderFleetJson(mixedFleet(previous)))
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true)
    expect(validateClosed(data), JSON.stringify(validateClosed.errors)).toBe(true)
    expect(data.summary).toMatchObject({ repositories: 7, reported: 4, missing: 1, unreadable: 1, otherSchema: 1 })
  })

  it('the schema rejects what the contract forbids', () => {
    const data = JSON.parse(renderFleetJson(mixedFleet())) as Json & { repositories: Json[] }
    expect(validate({ ...data, schemaVersion: 2 })).toBe(false)
    expect(validate({ ...data, kind: 'report' })).toBe(false)
    expect(validate({ ...data, repositories: [{ ...data.repositories[0], state: 'lost' }] })).toBe(false)
    expect(validate({ ...data, repositories: [{ ...data.repositories[0], checks: { 'ci-lint': 'great' } }] })).toBe(false)
  })
})

describe('fleet.md', () => {
  it('has the headline, one adoption row per check, the worst repositories first and the problems listed', () => {
    const fleet = mixedFleet()
    const md = renderFleetMarkdown(fleet)
    expect(md).toMatch(/^# Shipshape fleet\n\n\*\*7 repositories\*\* · median score \*\*\d+\*\*/)
    for (const c of fleet.columns) expect(md).toContain(`| ${c.title} |`)
    const scores = [...md.matchAll(/^\| \[?[^|]+ \| (\d+) \| [A-F] \|/gm)].map((m) => Number(m[1]))
    expect(scores).toEqual([...scores].sort((a, b) => a - b))
    expect(md).toMatch(/- acme\/ghost — missing: no report/)
    expect(md).toMatch(/- acme\/broken — unreadable: not valid JSON/)
    expect(md).toMatch(/- acme\/future — other schema version: report schemaVersion 7/)
  })

  it('renders hostile names, titles and notes as text: no tag, no link but ours, no mention', () => {
    const md = renderFleetMarkdown(mixedFleet())
    expect(md).not.toMatch(/<(script|img|details)/i)
    expect(md).not.toMatch(/\]\((?!https:\/\/github\.com\/acme\/)/)
    expect(md).not.toMatch(/(^|[^\u200b\\])@octocat/)
    expect(md).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/)
  })

  it('stays under a job summary limit for 5,000 repositories and says how many rows it left out', () => {
    const entries = Array.from({ length: 5_000 }, (_, i) => parseReport(file(JSON.stringify(toJson(generatedReport(i))), `r/${i}.json`, i)))
    const md = renderFleetMarkdown(aggregate({ entries, previous: null, expected: null, generatedAt: '2026-05-08T00:00:00.000Z' }))
    expect(md.length).toBeLessThan(1024 * 1024)
    expect(md).toMatch(/4,000 more repositories in index\.html and fleet\.json/)
  }, 60_000)
})

describe('index.html and the detail pages (static checks; test/fleet/browser.test.ts opens them)', () => {
  it('loads nothing from anywhere, and only the scripts and styles it lists by hash can run', () => {
    const html = renderIndexHtml(mixedFleet())
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'; img-src 'none'; base-uri 'none'; form-action 'none'$/)
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!)
    expect(scripts).toHaveLength(1)
    expect(csp).toContain(`'sha256-${createHash('sha256').update(scripts[0]!).digest('base64')}'`)
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`)
    // The markup (without the data block and the script) has no source attribute, no CSS URL and
    // no address but the repositories' own.
    const markup = html.replace(/<script[\s\S]*?<\/script>/g, '')
    expect(markup).not.toMatch(/<[^>]*\s(src|srcset|href)=["'](?!#|https:\/\/github\.com\/|repos\/)|url\(|@import/i)
    expect(markup).not.toMatch(/ style="/)
  })

  it('carries untrusted text only escaped: no tag from a report, and the data block cannot be closed early', () => {
    const html = renderIndexHtml(mixedFleet())
    const tags = [...html.matchAll(/<([a-z][a-z0-9]*)/gi)].map((m) => m[1]!.toLowerCase())
    expect(new Set(tags)).not.toContain('img')
    expect(html.match(/<script/g)).toHaveLength(2)
    expect(html.match(/<\/script>/g)).toHaveLength(2)
    const data = /<script type="application\/json" id="fleet-data">([\s\S]*?)<\/script>/.exec(html)![1]!
    expect(data).not.toMatch(/[<>&]/)
    const parsed = JSON.parse(data) as { rows: unknown[][] }
    expect(parsed.rows.map((r) => r[0])).toContain(NASTY[2])
  })

  it('writes one static detail page per usable report, without any script, evidence linked at the commit', () => {
    const fleet = mixedFleet()
    const files = renderFleetFiles(fleet)
    const pages = [...files.keys()].filter((k) => k.startsWith('repos/'))
    expect(pages).toHaveLength(fleet.summary.byState.ok)
    const repo = fleet.repos.find((r) => r.name === 'acme/orders-api')!
    const html = renderRepoPage(repo, fleet)
    expect(html).not.toMatch(/<script/)
    expect(html).toContain(`href="https://github.com/acme/orders-api/blob/${repo.commit}/.github/workflows/ci.yml#L`)
    const hostile = files.get(fleet.repos.find((r) => r.name === NASTY[2])!.page!)!
    expect(hostile).not.toMatch(/<(img|details|summary)\b/i)
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })
})
