import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'

/**
 * A real headless Chromium for page tests: the system's browser (Debian's `chromium` package;
 * .ci/run installs it), driven through playwright-core, with a fresh profile and the background
 * services that would reach the network turned off. Every request the page makes is recorded and
 * anything but a file: URL is refused, so a test can prove a page fetches nothing.
 */

const CANDIDATES = [process.env.SHIPSHAPE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'].filter((p): p is string => Boolean(p))

/** The browser binary, or null when none is installed. */
export const CHROMIUM: string | null = CANDIDATES.find((p) => existsSync(p)) ?? null

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export interface Browser {
  readonly context: BrowserContext
  /** Every URL requested, in order. */
  readonly requests: string[]
  /** Requests refused because they were not file: URLs. */
  readonly refused: string[]
  close(): Promise<void>
}

export async function openBrowser(opts: { width?: number; height?: number } = {}): Promise<Browser> {
  if (!CHROMIUM) throw new Error('no Chromium installed')
  const { chromium } = await import('playwright-core')
  const profile = mkdtempSync(join(tmpdir(), 'shipshape-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: opts.width ?? 1400, height: opts.height ?? 900 },
    timeout: 60_000
  })
  const requests: string[] = []
  const refused: string[] = []
  context.on('request', (r) => void requests.push(r.url()))
  await context.route(/^(?!file:)/, (route) => {
    refused.push(route.request().url())
    return route.abort()
  })
  return {
    context,
    requests,
    refused,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
}
