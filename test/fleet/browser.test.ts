import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runFleetCli } from '../../src/fleet/cli.js'
import { toJson } from '../../src/report/json.js'
import { CHROMIUM, openBrowser, type Browser } from '../helpers/browser.js'
import { hostileReport } from '../report/hostile.js'
import { NASTY } from '../report/inert.js'
import { writeReports } from './generate.js'

/**
 * The dashboard in a real browser: Chromium from the system packages, driven by playwright-core.
 * Skipped, with a message, only when no Chromium is installed (.ci/run installs one).
 */
if (!CHROMIUM) console.warn('test/fleet/browser.test.ts: no Chromium found (apt-get install chromium, or set SHIPSHAPE_CHROMIUM): the browser tests are skipped')

const quiet = { stdout: () => {}, stderr: () => {} }

/** A fleet of `n` generated repositories with a previous run, a hostile report and broken inputs; returns index.html's URL. */
function makeFleet(n: number): { url: string; dir: string; fleet: { checks: { id: string; counts: Record<string, number> }[]; repositories: { name: string; state: string }[] } } {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-fleet-ui-'))
  writeReports(join(dir, 'before'), n, { scannedAt: '2026-05-01T10:00:00Z' })
  expect(runFleetCli(['fleet', join(dir, 'before'), '--output', join(dir, 'prev')], { ...quiet, now: () => new Date('2026-05-01T12:00:00Z') })).toBe(0)
  writeReports(join(dir, 'now'), n, { improve: 0.1, seed: 2, scannedAt: '2026-05-08T10:00:00Z' })
  const hostile = toJson(hostileReport({ repository: { root: '.', commit: null, slug: null } }))
  writeFileSync(join(dir, 'now', `${NASTY[2]}.json`), JSON.stringify({ ...hostile, checks: (hostile.checks as Record<string, unknown>[]).map((c) => ({ ...c, title: NASTY[2] })) }))
  writeFileSync(join(dir, 'now', 'acme__broken.json'), '{"schemaVersion":1,')
  const out = join(dir, 'out')
  expect(runFleetCli(['fleet', join(dir, 'now'), '--previous', join(dir, 'prev', 'fleet.json'), '--output', out], { ...quiet, now: () => new Date('2026-05-08T12:00:00Z') })).toBe(0)
  return { url: pathToFileURL(join(out, 'index.html')).href, dir: out, fleet: JSON.parse(readFileSync(join(out, 'fleet.json'), 'utf8')) }
}

const column = (page: Page, n: number): Promise<string[]> => page.$$eval(`#repo-rows tr > :nth-child(${n})`, (cells) => cells.map((c) => (c.textContent ?? '').trim()))
const names = (page: Page): Promise<string[]> => page.$$eval('#repo-rows tr > th', (cells) => cells.map((c) => c.firstChild?.textContent ?? ''))

describe.skipIf(!CHROMIUM)('the fleet dashboard in headless Chromium', () => {
  let browser: Browser
  let page: Page
  let fixture: ReturnType<typeof makeFleet>
  const dialogs: string[] = []
  const errors: string[] = []

  beforeAll(async () => {
    fixture = makeFleet(30)
    browser = await openBrowser()
    page = await browser.context.newPage()
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(fixture.url)
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
  })

  it('draws one adoption bar per check, with counts that match fleet.json', async () => {
    const bars = await page.$$('#adoption svg.bar')
    expect(bars).toHaveLength(fixture.fleet.checks.length)
    expect(fixture.fleet.checks).toHaveLength(14)
    const fails = await page.$$eval('#adoption button.count[data-status="f"]', (b) => b.map((x) => Number(x.textContent)))
    expect(fails).toEqual(fixture.fleet.checks.map((c) => c.counts.fail))
  })

  it('shows the first page of rows, sorted by score, and sorts by keyboard on any column', async () => {
    expect(await page.$$('#repo-rows tr')).toHaveLength(32)
    const scores = (await column(page, 2)).filter((s) => s !== '–').map(Number)
    expect(scores).toEqual([...scores].sort((a, b) => a - b))
    await page.focus('th[data-label="Score"] button')
    await page.keyboard.press('Enter')
    expect(await page.getAttribute('th[data-label="Score"]', 'aria-sort')).toBe('descending')
    const down = (await column(page, 2)).filter((s) => s !== '–').map(Number)
    expect(down).toEqual([...down].sort((a, b) => b - a))
    await page.focus('th[data-label="Repository"] button')
    await page.keyboard.press('Space')
    expect(await page.getAttribute('th[data-label="Repository"]', 'aria-sort')).toBe('ascending')
    expect(await page.getAttribute('th[data-label="Score"]', 'aria-sort')).toBe('none')
    const listed = (await names(page)).map((n) => n.toLowerCase())
    expect(listed).toEqual([...listed].sort())
    expect(await page.textContent('#status')).toMatch(/Sorted by Repository, ascending\.$/)
  })

  it('filters by name, and by practice and status (also from a count in the chart)', async () => {
    await page.fill('#f-name', 'pay')
    const shown = await names(page)
    expect(shown.length).toBeGreaterThan(0)
    for (const n of shown) expect(n.toLowerCase()).toContain('pay')
    expect(await page.textContent('#status')).toMatch(new RegExp(`^Showing 1–${shown.length} of ${shown.length} matching`))
    await page.click('#f-reset')
    const health = fixture.fleet.checks.findIndex((c) => c.id === 'health-endpoint')
    await page.selectOption('#f-check', String(health))
    await page.selectOption('#f-status', 'f')
    const failing = await page.$$eval(`#repo-rows tr > td:nth-child(${6 + health}) .sr`, (c) => c.map((x) => x.textContent))
    expect(failing).toHaveLength(fixture.fleet.checks[health]!.counts.fail)
    expect(new Set(failing)).toEqual(new Set(['Fail']))
    await page.click('#f-reset')
    await page.click(`#adoption button.count[data-col="${health}"][data-status="p"]`)
    expect(await page.$$('#repo-rows tr')).toHaveLength(fixture.fleet.checks[health]!.counts.pass)
    expect(await page.inputValue('#f-status')).toBe('p')
    await page.click('#f-reset')
  })

  it('renders hostile names and titles as text: no element, no dialog, no script error', async () => {
    await page.fill('#f-name', 'onerror')
    expect(await names(page)).toEqual([NASTY[2]])
    expect(await page.$$('#repos img, body img')).toHaveLength(0)
    expect(dialogs).toEqual([])
    expect(errors).toEqual([])
    await page.click('#f-reset')
  })

  it('lists reports it could not use, never drops them', async () => {
    expect(await page.textContent('#attention')).toMatch(/acme\/broken\s*unreadable\s*— not valid JSON/)
    await page.selectOption('#f-show', 'problem')
    expect(await names(page)).toEqual(['acme/broken'])
    await page.click('#f-reset')
  })

  it('opens a repository’s evidence page from its row', async () => {
    await page.fill('#f-name', 'acme/orders-api')
    await page.click('#repo-rows tr:first-child th a:not(.ext)')
    await page.waitForURL(/\/repos\/[^/]+\.html$/)
    expect(await page.$$('main table tbody tr')).toHaveLength(14)
    const link = await page.getAttribute('.evidence a', 'href')
    expect(link).toMatch(/^https:\/\/github\.com\/acme\/[a-z-]+\/blob\/[0-9a-f]{40}\/\.github\/workflows\/ci\.yml#L\d+$/)
    await page.goBack()
    await page.click('#f-reset')
  })

  it('is readable in light and dark mode', async () => {
    const background = async (scheme: 'light' | 'dark'): Promise<number> => {
      await page.emulateMedia({ colorScheme: scheme })
      const rgb = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number)
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    }
    expect(await background('light')).toBeGreaterThan(200)
    expect(await background('dark')).toBeLessThan(40)
    await page.emulateMedia({ colorScheme: null })
  })

  it('fetched nothing but its own files', () => {
    expect(browser.refused).toEqual([])
    expect(browser.requests.length).toBeGreaterThan(0)
    for (const url of browser.requests) expect(url).toMatch(/^file:/)
  })
})

describe.skipIf(!CHROMIUM)('5,000 repositories in headless Chromium', () => {
  it('loads quickly and keeps one page of rows in the document; the pager and filters work', async () => {
    // 4,998 generated reports, a hostile one and a broken one: 5,000 files, the default cap.
    const fixture = makeFleet(4_998)
    expect(fixture.fleet.repositories).toHaveLength(5_000)
    const browser = await openBrowser()
    try {
      const page = await browser.context.newPage()
      const t0 = performance.now()
      await page.goto(fixture.url)
      await page.waitForSelector('#repo-rows tr:nth-child(50)')
      const ms = performance.now() - t0
      console.log(`5,000-repository dashboard ready in ${Math.round(ms)} ms`)
      expect(ms).toBeLessThan(10_000)
      expect(await page.$$('#repo-rows tr')).toHaveLength(50)
      expect(await page.textContent('#page-info')).toBe('Page 1 of 100')
      await page.click('#p-last')
      expect(await page.textContent('#page-info')).toBe('Page 100 of 100')
      expect(await page.$$('#repo-rows tr')).toHaveLength(50)
      expect(await page.isDisabled('#p-next')).toBe(true)
      await page.selectOption('#f-size', '250')
      expect(await page.$$('#repo-rows tr')).toHaveLength(250)
      await page.fill('#f-name', 'ledger-api-')
      expect(await page.textContent('#status')).toMatch(/of \d+ matching repositories \(5000 in the fleet\)/)
      expect(browser.refused).toEqual([])
    } finally {
      await browser.close()
    }
  }, 180_000)
})
