import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CHECK_IDS, type CheckId, type Status } from '../../src/checks/ids.js'
import { REGISTRY } from '../../src/checks/registry.js'
import type { CheckResult } from '../../src/checks/types.js'
import { toJson } from '../../src/report/json.js'
import type { ScanReport } from '../../src/report/types.js'
import { gate } from '../../src/scoring/gate.js'
import { scoreOf } from '../../src/scoring/score.js'

/**
 * Realistic, deterministic reports for fleet tests: report i of a fleet is always the same. Each
 * check passes with its own likelihood (most services run tests, few run contract tests), and
 * the score and gate come from Shipshape's own scoring, so the reports are what scans produce.
 */

const ADOPTION: Readonly<Record<CheckId, number>> = {
  'mandatory-prs': 0.6,
  'ci-lint': 0.8,
  'ci-tests': 0.85,
  'type-checking': 0.5,
  'static-analysis': 0.45,
  'contract-tests': 0.15,
  'openapi-published': 0.55,
  'health-endpoint': 0.7,
  'feature-flags': 0.25,
  'circuit-breakers': 0.3,
  'container-build': 0.75,
  'release-versioning': 0.5,
  'layered-architecture': 0.55,
  'ci-duration': 0.6
}
const WEIGHT: Readonly<Record<CheckId, number>> = { 'mandatory-prs': 3, 'ci-lint': 3, 'ci-tests': 3, 'type-checking': 2, 'static-analysis': 2, 'contract-tests': 3, 'openapi-published': 3, 'health-endpoint': 3, 'feature-flags': 3, 'circuit-breakers': 1, 'container-build': 1, 'release-versioning': 1, 'layered-architecture': 2, 'ci-duration': 1 }
const WORDS = ['orders', 'payments', 'billing', 'catalog', 'search', 'accounts', 'inventory', 'shipping', 'notifications', 'auth', 'pricing', 'reviews', 'ledger', 'gateway', 'profiles', 'reports', 'checkout', 'media', 'events', 'tax']
const SUFFIX = ['api', 'service', 'worker', 'svc', 'backend']

/** A small, fast PRNG (mulberry32): the same seed gives the same fleet. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function repoName(i: number, owner = 'acme'): string {
  const word = WORDS[i % WORDS.length]!
  const suffix = SUFFIX[Math.floor(i / WORDS.length) % SUFFIX.length]!
  const n = Math.floor(i / (WORDS.length * SUFFIX.length))
  return `${owner}/${word}-${suffix}${n > 0 ? `-${n + 1}` : ''}`
}

export interface GenerateOptions {
  readonly owner?: string
  /** Shifts every pass likelihood (a later, better run of the same fleet). */
  readonly improve?: number
  readonly seed?: number
  readonly scannedAt?: string
}

export function generatedReport(i: number, opts: GenerateOptions = {}): ScanReport {
  const random = rng((opts.seed ?? 1) * 100_003 + i)
  const slug = repoName(i, opts.owner)
  const noService = random() < 0.08
  const checks: CheckResult[] = CHECK_IDS.map((id) => {
    const title = REGISTRY[id]?.meta.title ?? id
    const r = random()
    const p = Math.min(0.98, ADOPTION[id] + (opts.improve ?? 0))
    let status: Status = r < p ? 'pass' : r < p + (1 - p) * 0.3 ? 'partial' : r < p + (1 - p) * 0.85 ? 'fail' : 'unknown'
    if (noService && ['contract-tests', 'openapi-published', 'health-endpoint', 'feature-flags', 'circuit-breakers'].includes(id)) status = 'not-applicable'
    if (id === 'container-build' && random() < 0.04) status = 'waived'
    const score = status === 'pass' ? 10 : status === 'partial' ? 5 : status === 'fail' ? 0 : null
    const evidence = status === 'unknown' || status === 'not-applicable' ? [] : [{ path: '.github/workflows/ci.yml', line: 10 + Math.floor(random() * 40), message: `${title}: ${status === 'pass' ? 'found' : 'looked here'}` }]
    return { id, title, status, score, weight: WEIGHT[id], required: false, summary: `${title} is ${status} in ${slug}.`, messageId: status, evidence, remediation: status === 'pass' ? null : `Add ${title.toLowerCase()}.` }
  })
  const { score, grade } = scoreOf(checks)
  const verdict = gate(checks, score, { minScore: 70, required: [], failOnRegression: false })
  const commit = Array.from({ length: 40 }, () => Math.floor(random() * 16).toString(16)).join('')
  return {
    schemaVersion: 1,
    tool: { name: 'shipshape', version: '0.1.0' },
    ...(opts.scannedAt ? { scannedAt: opts.scannedAt } : {}),
    repository: { root: '.', commit, slug, serverUrl: 'https://github.com' },
    score,
    grade,
    gate: verdict,
    checks,
    warnings: [],
    stats: { files: 100, filesRead: 40, bytesRead: 100_000, skippedTooLarge: 0, durationMs: 120 }
  }
}

/** Writes reports 0..n-1 as `OWNER__NAME.json` (the fleet workflow's naming) into `dir`; returns their paths. */
export function writeReports(dir: string, n: number, opts: GenerateOptions = {}): string[] {
  mkdirSync(dir, { recursive: true })
  const paths: string[] = []
  for (let i = 0; i < n; i++) {
    const report = generatedReport(i, opts)
    const p = join(dir, `${report.repository.slug!.replace('/', '__')}.json`)
    writeFileSync(p, JSON.stringify(toJson(report)))
    paths.push(p)
  }
  return paths
}
