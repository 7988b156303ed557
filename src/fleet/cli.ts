import { writeFileSync } from 'node:fs'
import { aggregate, parseExpected } from './aggregate.js'
import { FLEET_USAGE, parseFleetArgs, type FleetArgs, type PlanArgs } from './args.js'
import { renderIndexHtml } from './html/index-page.js'
import { renderRepoPage } from './html/repo-page.js'
import { renderFleetJson } from './json.js'
import { LIMITS } from './limits.js'
import { renderFleetMarkdown } from './markdown.js'
import { parseReport } from './parse.js'
import { matrixOf, parseListing, planFleet } from './plan.js'
import { parsePrevious } from './previous.js'
import { formatBytes, gatherReportPaths, readCapped, readReports } from './read.js'
import type { Fleet, RepoEntry } from './types.js'
import { writeOutput } from './write.js'

export interface FleetIO {
  readonly stdout: (s: string) => void
  readonly stderr: (s: string) => void
  /** The run's clock (tests fix it). */
  readonly now?: () => Date
}

/** `shipshape fleet …` and `shipshape fleet-plan …`: 0 on success, 2 on a usage or I/O error. */
export function runFleetCli(argv: readonly string[], io: FleetIO): number {
  const parsed = parseFleetArgs(argv)
  if (!parsed.ok) {
    for (const e of parsed.errors) io.stderr(`shipshape: ${e}\n`)
    io.stderr(`Run 'shipshape ${argv[0]} --help' for usage.\n`)
    return 2
  }
  if (parsed.args.command === 'help') {
    io.stdout(FLEET_USAGE + '\n')
    return 0
  }
  return parsed.args.command === 'fleet' ? runFleet(parsed.args, io) : runPlan(parsed.args, io)
}

/** Reads the inputs, aggregates, renders every file; pure apart from reading. */
export function buildFleet(args: Pick<FleetArgs, 'reports' | 'previous' | 'expected' | 'maxReports'> & { output?: string }, now: Date): { fleet: Fleet; errors: string[] } {
  const gathered = gatherReportPaths(args.reports, args.maxReports, args.output ?? null)
  const notes = [...gathered.notes]
  const entries: RepoEntry[] = []
  notes.push(...readReports(gathered.paths, (file) => entries.push(parseReport(file))))
  const side = (path: string | null, what: string): string | null => {
    if (path === null) return null
    const r = readCapped(path, LIMITS.sideFileBytes)
    if (r.ok) return r.text
    notes.push(`the ${what} '${path}' was not used: ${r.error}`)
    return null
  }
  const previousText = side(args.previous, 'previous fleet.json')
  const prev = previousText === null ? { previous: null, note: null } : parsePrevious(previousText)
  if (prev.note) notes.push(prev.note)
  const expectedText = side(args.expected, 'expected list')
  const expected = expectedText === null ? null : parseExpected(expectedText)
  if (expected?.note) notes.push(expected.note)
  const fleet = aggregate({ entries, previous: prev.previous, expected: expected?.names ?? null, generatedAt: now.toISOString(), notes })
  return { fleet, errors: [...gathered.errors] }
}

/** Every file of the output directory, by relative path. */
export function renderFleetFiles(fleet: Fleet): Map<string, string> {
  const files = new Map<string, string>([
    ['index.html', renderIndexHtml(fleet)],
    ['fleet.json', renderFleetJson(fleet)],
    ['fleet.md', renderFleetMarkdown(fleet)]
  ])
  for (const r of fleet.repos) if (r.page) files.set(r.page, renderRepoPage(r, fleet))
  return files
}

function runFleet(args: FleetArgs, io: FleetIO): number {
  const { fleet, errors } = buildFleet(args, io.now?.() ?? new Date())
  if (errors.length > 0) {
    for (const e of errors) io.stderr(`shipshape: ${e}\n`)
    return 2
  }
  try {
    writeOutput(args.output, renderFleetFiles(fleet))
  } catch (err) {
    io.stderr(`shipshape: cannot write '${args.output}': ${(err as Error).message}\n`)
    return 2
  }
  const s = fleet.summary.byState
  const bad = s.missing + s.unreadable + s['other-schema']
  io.stderr(`shipshape: fleet of ${fleet.summary.repositories} repositories (${s.ok} reported${bad > 0 ? `, ${bad} without a usable report` : ''}) written to ${args.output}/index.html, fleet.json and fleet.md\n`)
  for (const n of fleet.notes) io.stderr(`shipshape: note: ${n}\n`)
  return 0
}

function runPlan(args: PlanArgs, io: FleetIO): number {
  const read = readCapped(args.listing, LIMITS.sideFileBytes)
  if (!read.ok) {
    io.stderr(`shipshape: the listing '${args.listing}' ${read.error.startsWith('could not') ? read.error : `is ${read.error}`}\n`)
    return 2
  }
  const listing = parseListing(read.text)
  for (const e of listing.errors) io.stderr(`shipshape: warning: listing: ${e}\n`)
  const plan = planFleet(listing.repos, args)
  try {
    writeFileSync(args.output, JSON.stringify({ ...plan, matrix: matrixOf(plan) }, null, 1) + '\n')
  } catch (err) {
    io.stderr(`shipshape: cannot write '${args.output}': ${(err as Error).message}\n`)
    return 2
  }
  io.stderr(`shipshape: ${plan.repositories.length} repositories in ${plan.batches.length} batch(es); ${plan.skipped.length} skipped (archived, disabled or forks)${plan.notFound.length > 0 ? `; not found: ${plan.notFound.join(', ')}` : ''} (listing of ${formatBytes(read.bytes)})\n`)
  io.stdout(JSON.stringify(matrixOf(plan)) + '\n')
  return 0
}
