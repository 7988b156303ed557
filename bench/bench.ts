/**
 * `npm run bench`: builds synthetic repositories (10k, 100k and, with --big, 300k files) and
 * prints, for a full scan: wall time, files/s, peak RSS, and the floor — the time to simply read
 * every listed file once in the same process. Figures are printed, never asserted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_CONFIG } from '../src/config/defaults.js'
import { collectManifests } from '../src/facts/manifests/index.js'
import { collectService } from '../src/facts/service/index.js'
import { WorkTreeSnapshot } from '../src/facts/worktree.js'
import { scanRepository } from '../src/scan.js'
import { commitAll, generateRepo } from './generate.js'

interface Row {
  readonly name: string
  readonly files: number
  readonly listMs: number
  readonly floorMs: number
  readonly scanMs: number
  /** The route scan alone (manifests + frameworks + routes), reads included, on a fresh snapshot. */
  readonly routesMs: number
  readonly routes: number
  readonly filesRead: number
  readonly mbRead: number
  readonly peakMb: number
}

const gc = (globalThis as { gc?: () => void }).gc

function peakSampler(): { stop: () => number } {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 5)
  return {
    stop: () => {
      clearInterval(timer)
      return Math.max(peak, process.memoryUsage().rss)
    }
  }
}

/** Runs fn and measures time and the process's peak RSS while it ran (sampled, plus a final read). */
async function measure<T>(fn: () => T): Promise<{ value: T; ms: number; peakMb: number }> {
  gc?.()
  const sampler = peakSampler()
  await new Promise((r) => setTimeout(r, 10))
  const t0 = performance.now()
  const value = fn()
  const ms = performance.now() - t0
  const peak = sampler.stop()
  return { value, ms, peakMb: peak / 1024 / 1024 }
}

async function benchRepo(name: string, root: string): Promise<Row> {
  const listed = await measure(() => new WorkTreeSnapshot(root).files().length)
  // The floor: list, then read every file once, as plainly as possible.
  const floor = await measure(() => {
    const snap = new WorkTreeSnapshot(root)
    let bytes = 0
    for (const f of snap.files()) {
      try {
        bytes += readFileSync(join(root, f)).length
      } catch {
        // unreadable: skip
      }
    }
    return bytes
  })
  const routeScan = await measure(() => {
    const snap = new WorkTreeSnapshot(root)
    return collectService(snap, collectManifests(snap)).routes.length
  })
  const scan = await measure(() => scanRepository({ root, config: DEFAULT_CONFIG, inputs: { tags: null } }))
  const r = scan.value
  return {
    name,
    files: listed.value,
    listMs: listed.ms,
    floorMs: floor.ms,
    scanMs: scan.ms,
    routesMs: routeScan.ms,
    routes: routeScan.value,
    filesRead: r.stats.filesRead,
    mbRead: r.stats.bytesRead / 1024 / 1024,
    peakMb: scan.peakMb
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const sizes = args.includes('--only') ? [] : [10_000, 100_000, ...(args.includes('--big') ? [300_000] : [])]
  const extra = args.filter((a) => !a.startsWith('--'))
  const rows: Row[] = []
  for (const n of sizes) {
    const root = mkdtempSync(join(tmpdir(), `shipshape-bench-${n}-`))
    try {
      const t0 = performance.now()
      generateRepo(root, n)
      commitAll(root)
      console.error(`generated ${n} files in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
      rows.push(await benchRepo(`synthetic ${n / 1000}k`, root))
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  }
  for (const dir of extra) rows.push(await benchRepo(dir, dir))

  const fmt = (n: number, d = 0): string => n.toFixed(d)
  console.log('| repository | files | list ms | floor ms (list + read all) | route scan ms (routes) | scan ms | scan / floor | files/s | files read | MB read | peak RSS MB |')
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.files} | ${fmt(r.listMs)} | ${fmt(r.floorMs)} | ${fmt(r.routesMs)} (${r.routes}) | ${fmt(r.scanMs)} | ${fmt(r.scanMs / r.floorMs, 2)} | ${fmt(r.files / (r.scanMs / 1000))} | ${r.filesRead} | ${fmt(r.mbRead, 1)} | ${fmt(r.peakMb)} |`)
  }
}

void main()
