/**
 * `npm run bench`: builds synthetic repositories (10k, 100k and, with --big, 300k files) and
 * prints, for a full scan: wall time, files/s, peak RSS, and the floor — the time to simply read
 * every listed file once in the same process — and what the PR-base comparison adds to a scan:
 * the base part alone, timed inside the scan after the head (synthetic repositories get a
 * pull-request commit; other directories compare with HEAD~20, or `--base-depth N`). Each figure is the median of `--runs N` runs (default 3); peak RSS is the
 * highest of those runs. Figures are printed, never asserted.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_CONFIG } from '../src/config/defaults.js'
import { collectManifests } from '../src/facts/manifests/index.js'
import { collectService } from '../src/facts/service/index.js'
import { WorkTreeSnapshot } from '../src/facts/worktree.js'
import { resolvePolicy } from '../src/config/policy.js'
import { scan as scanTree } from '../src/scan.js'
import { commitAll, commitChange, generateRepo } from './generate.js'

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
  /** The PR-base part of a scan with the comparison (base read from git objects, after the head), and the base it compared with. */
  readonly baseMs: number | null
  readonly baseNote: string
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

/** Runs fn once and measures time and the process's peak RSS while it ran (sampled, plus a final read). */
async function measureOnce<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number; peakMb: number }> {
  gc?.()
  const sampler = peakSampler()
  await new Promise((r) => setTimeout(r, 10))
  const t0 = performance.now()
  const value = await fn()
  const ms = performance.now() - t0
  const peak = sampler.stop()
  return { value, ms, peakMb: peak / 1024 / 1024 }
}

/** How many times each figure is measured (`--runs N`); the median is printed (shared VMs vary run to run). */
let runs = 3

/** The median run of `runs` (time and the peak RSS of the same run set: the highest, to stay conservative). */
async function measure<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number; peakMb: number }> {
  return measureBy(fn, null)
}

/** Like measure, with the time of each run taken from its result (`part`) instead of the whole call. */
async function measureBy<T>(fn: () => T | Promise<T>, part: ((value: T) => number) | null): Promise<{ value: T; ms: number; peakMb: number }> {
  const all: { value: T; ms: number; peakMb: number }[] = []
  for (let i = 0; i < runs; i++) {
    const once = await measureOnce(fn)
    all.push(part ? { ...once, ms: part(once.value) } : once)
  }
  const sorted = [...all].sort((a, b) => a.ms - b.ms)
  const mid = sorted[sorted.length >> 1]!
  return { value: mid.value, ms: mid.ms, peakMb: Math.max(...all.map((a) => a.peakMb)) }
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
  const policy = resolvePolicy(DEFAULT_CONFIG)
  const scan = await measure(async () => (await scanTree({ root, config: DEFAULT_CONFIG, policy, inputs: { tags: null } })).report)
  const r = scan.value
  // The PR-base comparison: the same scan plus the base commit read from git objects.
  const base = baseCommit(root, baseDepth)
  const withBase = base ? await measureBy(() => scanTree({ root, config: DEFAULT_CONFIG, policy, inputs: { tags: null }, base: { sha: base.sha, fetch: false } }), (o) => o.baseMs) : null
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
    peakMb: scan.peakMb,
    baseMs: withBase ? withBase.ms : null,
    baseNote: base ? `HEAD~${base.depth}, ${base.changed} changed` : 'no base'
  }
}

/** How far back the base is (`--base-depth N`, default 20); synthetic repositories get one change commit. */
let baseDepth = 20

/** The commit `depth` back (or the oldest one), with how many files differ from HEAD; null without history. */
function baseCommit(root: string, depth: number): { sha: string; depth: number; changed: number } | null {
  const git = (...a: string[]): string => execFileSync('git', a, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 }).trim()
  try {
    const count = Number(git('rev-list', '--count', 'HEAD'))
    const d = Math.min(depth, count - 1)
    if (!(d > 0)) return null
    const sha = git('rev-parse', `HEAD~${d}`)
    const changed = git('diff', '--name-only', sha, 'HEAD').split('\n').filter(Boolean).length
    return { sha, depth: d, changed }
  } catch {
    return null
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const sizes = args.includes('--only') ? [] : [10_000, 100_000, ...(args.includes('--big') ? [300_000] : [])]
  const depthAt = args.indexOf('--base-depth')
  if (depthAt >= 0) baseDepth = Number(args[depthAt + 1]) || baseDepth
  const runsAt = args.indexOf('--runs')
  if (runsAt >= 0) runs = Math.max(1, Number(args[runsAt + 1]) || runs)
  const extra = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--base-depth' && args[i - 1] !== '--runs')
  const rows: Row[] = []
  for (const n of sizes) {
    const root = mkdtempSync(join(tmpdir(), `shipshape-bench-${n}-`))
    try {
      const t0 = performance.now()
      generateRepo(root, n)
      commitAll(root)
      commitChange(root)
      console.error(`generated ${n} files in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
      rows.push(await benchRepo(`synthetic ${n / 1000}k`, root))
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  }
  for (const dir of extra) rows.push(await benchRepo(dir, dir))

  const fmt = (n: number, d = 0): string => n.toFixed(d)
  console.log(`Median of ${runs} run(s) per figure; peak RSS is the highest of the scan's runs.`)
  console.log('| repository | files | list ms | floor ms (list + read all) | route scan ms (routes) | scan ms | scan / floor | files/s | files read | MB read | peak RSS MB | PR base ms (base) | base / scan |')
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of rows) {
    const base = r.baseMs === null ? `– (${r.baseNote}) | –` : `${fmt(r.baseMs)} (${r.baseNote}) | ${fmt((r.baseMs / r.scanMs) * 100)} %`
    console.log(`| ${r.name} | ${r.files} | ${fmt(r.listMs)} | ${fmt(r.floorMs)} | ${fmt(r.routesMs)} (${r.routes}) | ${fmt(r.scanMs)} | ${fmt(r.scanMs / r.floorMs, 2)} | ${fmt(r.files / (r.scanMs / 1000))} | ${r.filesRead} | ${fmt(r.mbRead, 1)} | ${fmt(r.peakMb)} | ${base} |`)
  }
}

void main()
