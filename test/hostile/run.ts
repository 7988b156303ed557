import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import { PROJECT_URL } from '../../src/report/links.js'
import { expectInertMarkdown, stripCodeSpans } from '../report/inert.js'
import { NODE } from '../helpers/runtime.js'

/**
 * Runs the bundled CLI (dist/cli.js, `npm run build` first) on a hostile repository the way a user
 * does, with a wall-clock bound that catches hangs (not a performance assertion) and, where
 * GNU time is installed, the peak resident set size of the process.
 */

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
/** Written into files outside the scanned root: it must never appear in any output. */
export const SECRET = 'SHIPSHAPE-OUTSIDE-SECRET-7f3a9c41'
export const FORMATS = ['json', 'markdown', 'text', 'sarif'] as const
export type Format = (typeof FORMATS)[number]
/** GNU time, for the peak RSS of the child (spawnSync cannot tell). */
export const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null
/** The only URLs a rendered report may contain: Shipshape's own docs. */
export const OUR_URLS = [PROJECT_URL + '/'] as const

export interface CliRun {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  /** Wall time of the whole process, ms. */
  readonly ms: number
  /** Peak RSS in KiB, when GNU time is available and asked for. */
  readonly peakKb: number | null
}

export function runCli(dir: string, format: Format, opts: { timeoutMs: number; memory?: boolean; extra?: readonly string[] }): CliRun {
  const args = [CLI, 'scan', dir, '--format', format, '--min-score', '0', ...(opts.extra ?? [])]
  const scratch = opts.memory && GNU_TIME ? mkdtempSync(join(tmpdir(), 'shipshape-time-')) : null
  const timeFile = scratch ? join(scratch, 'rss') : null
  const [cmd, argv] = timeFile ? [GNU_TIME!, ['-f', '%M', '-o', timeFile, NODE, ...args]] : [NODE, args]
  const t0 = performance.now()
  const r = spawnSync(cmd, argv, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    // The bound is asserted below; the kill is only a backstop so a hang fails instead of blocking.
    timeout: opts.timeoutMs * 3,
    maxBuffer: 256 * 1024 * 1024
  })
  const ms = performance.now() - t0
  let peakKb: number | null = null
  if (timeFile) {
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? ''
    peakKb = /^\d+$/.test(last) ? Number(last) : null
    rmSync(scratch!, { recursive: true, force: true })
  }
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms, peakKb }
}

/** Finished within the bound, exit 0 or 1 (the gate), no crash trace, nothing from outside the root. */
export function expectClean(r: CliRun, boundMs: number): void {
  expect(r.signal, `killed after ${Math.round(r.ms)} ms`).toBeNull()
  expect(r.ms, 'wall time (ms)').toBeLessThan(boundMs)
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+|Error:|FATAL|heap out of memory/)
  expect([0, 1], `exit ${r.code}: ${r.stderr}`).toContain(r.code)
  expect(r.stdout + r.stderr).not.toContain(SECRET)
}

/** What every format must guarantee about repository-derived text. */
export function expectInert(format: Format, out: string): void {
  switch (format) {
    case 'json':
      JSON.parse(out)
      break
    case 'sarif': {
      const sarif = JSON.parse(out) as { version: string; runs: unknown[] }
      expect(sarif.version).toBe('2.1.0')
      expect(sarif.runs).toHaveLength(1)
      break
    }
    case 'text':
      // NO_COLOR: not one escape sequence, and no other control character but newline.
      expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/)
      break
    case 'markdown':
      expectInertMarkdown(out, OUR_URLS)
      expectNoLiveHostileMarkdown(out)
      break
  }
}

/**
 * The attack strings the hostile fixtures use, checked outside code spans (which GitHub shows
 * literally): no link, autolink or bare URL but ours, no tag of the repository's, no mention, and
 * `<details>` blocks balanced, each tag alone on its line.
 */
export function expectNoLiveHostileMarkdown(rendered: string): void {
  const md = stripCodeSpans(rendered)
  expect(md).not.toMatch(/\]\(\s*(?!https:\/\/github\.com\/shipshape-dev\/)/)
  expect(md).not.toMatch(/<https?:/i)
  expect(md).not.toMatch(/https?:\/\/(?!github\.com\/shipshape-dev\/)/i)
  expect(md).not.toMatch(/<\/?(script|img|details\s)/i)
  // Our only `<b>` is the check title in each `<summary>`.
  expect((md.match(/<b>/g) ?? []).length).toBe((md.match(/^<summary>/gm) ?? []).length)
  expect(md).not.toMatch(/@admin/)
  const lines = md.split('\n')
  expect(lines.filter((l) => l === '<details>').length).toBe(lines.filter((l) => l === '</details>').length)
  expect(md.split('</details>').length - 1).toBe(lines.filter((l) => l === '</details>').length)
  expect(md.split('<details>').length - 1).toBe(lines.filter((l) => l === '<details>').length)
}

/** Runs every format, asserting each is clean and inert; returns the outputs by format. */
export function scanAllFormats(dir: string, boundMs: number, extra: readonly string[] = []): Record<Format, string> {
  const out = {} as Record<Format, string>
  for (const format of FORMATS) {
    const r = runCli(dir, format, { timeoutMs: boundMs, extra })
    expectClean(r, boundMs)
    expectInert(format, r.stdout)
    out[format] = r.stdout
  }
  return out
}

export interface JsonReport {
  readonly checks: { id: string; status: string; summary: string; evidence: { path?: string | null; line?: number | null; message: string }[] }[]
  readonly warnings: string[]
  readonly stats: { files: number; filesRead: number; bytesRead: number; skippedTooLarge: number }
}

export const statusOf = (report: JsonReport, id: string): string | undefined => report.checks.find((c) => c.id === id)?.status
