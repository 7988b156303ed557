import { LIMITS } from './limits.js'

/** The fleet commands' arguments (the scan command's live in src/cli-args.ts). */

export const FLEET_USAGE = `Usage: shipshape fleet REPORT.json|DIR... --output DIR [options]

Aggregates many JSON reports (one per repository; directories are searched for *.json) into
DIR/index.html (a dashboard), DIR/fleet.json (the next run's --previous) and DIR/fleet.md.

Options:
  --output DIR          where to write the dashboard (created when missing)
  --previous FILE       the previous run's fleet.json, for trends
  --expected FILE       the repositories the fleet should have (a fleet-plan file, or one
                        OWNER/NAME per line): those without a report are listed as missing
  --max-reports N       read at most N report files (default ${LIMITS.reports})

Usage: shipshape fleet-plan LISTING.json --output PLAN.json [options]

Selects repositories from an organisation listing (the GitHub API's repository objects, as a
JSON array or one object per line), skipping archived, disabled and forked ones, and splits them
into batches for a job matrix. Prints the matrix JSON on stdout.

Options:
  --output FILE         where to write the plan (its "repositories" feed fleet --expected)
  --topic T[,T]         keep repositories with any of these topics
  --pattern GLOB[,GLOB] keep repositories whose name matches any of these globs
  --repos NAME[,NAME]   keep only these repositories (NAME or OWNER/NAME)
  --max-jobs N          at most N matrix jobs (1-256, default 256)
  --batch-size N        at least N repositories per job (default 1)`

export interface FleetArgs {
  readonly command: 'fleet'
  readonly reports: readonly string[]
  readonly output: string
  readonly previous: string | null
  readonly expected: string | null
  readonly maxReports: number
}

export interface PlanArgs {
  readonly command: 'fleet-plan'
  readonly listing: string
  readonly output: string
  readonly topics: readonly string[]
  readonly patterns: readonly string[]
  readonly repos: readonly string[]
  readonly maxJobs: number
  readonly batchSize: number
}

export type FleetParsed = { ok: true; args: FleetArgs | PlanArgs | { command: 'help' } } | { ok: false; errors: string[] }

const list = (v: string): string[] => v.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean)

/** Parses `fleet …` or `fleet-plan …` (argv starts with the command). Every problem at once. */
export function parseFleetArgs(argv: readonly string[]): FleetParsed {
  const command = argv[0] === 'fleet-plan' ? 'fleet-plan' : 'fleet'
  const errors: string[] = []
  const positional: string[] = []
  const values = new Map<string, string>()
  const multi = new Map<string, string[]>()
  const allowed = command === 'fleet' ? ['--output', '--previous', '--expected', '--max-reports'] : ['--output', '--topic', '--pattern', '--repos', '--max-jobs', '--batch-size']
  const repeatable = new Set(['--topic', '--pattern', '--repos'])
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '-h' || arg === '--help') return { ok: true, args: { command: 'help' } }
    if (!arg.startsWith('--') || arg === '--') {
      if (arg.startsWith('-') && arg !== '-') errors.push(`unknown option '${arg}' (see --help)`)
      else positional.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(0, eq) : arg
    if (!allowed.includes(name)) {
      errors.push(`unknown option '${name}' for ${command}. Expected one of: ${allowed.join(', ')}`)
      continue
    }
    let value: string | undefined = eq > 0 ? arg.slice(eq + 1) : argv[i + 1]
    if (eq < 0) {
      if (value === undefined || value.startsWith('--')) value = undefined
      else i++
    }
    if (value === undefined) errors.push(`${name} needs a value`)
    else if (repeatable.has(name)) multi.set(name, [...(multi.get(name) ?? []), ...list(value)])
    else values.set(name, value)
  }
  const int = (name: string, dflt: number, min: number, max: number): number => {
    const v = values.get(name)
    if (v === undefined) return dflt
    const n = Number(v)
    if (v.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      errors.push(`${name}: '${v}' is not a whole number from ${min} to ${max}`)
      return dflt
    }
    return n
  }
  const output = values.get('--output') ?? null
  if (output === null) errors.push(`${command} needs --output ${command === 'fleet' ? 'DIR' : 'FILE'}`)
  if (command === 'fleet') {
    const maxReports = int('--max-reports', LIMITS.reports, 1, 100_000)
    if (positional.length === 0) errors.push('fleet needs at least one report file or directory')
    if (errors.length > 0) return { ok: false, errors }
    return { ok: true, args: { command, reports: positional, output: output!, previous: values.get('--previous') ?? null, expected: values.get('--expected') ?? null, maxReports } }
  }
  const maxJobs = int('--max-jobs', 256, 1, 256)
  const batchSize = int('--batch-size', 1, 1, 10_000)
  if (positional.length !== 1) errors.push(`fleet-plan takes one listing file (got ${positional.length})`)
  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    args: { command, listing: positional[0]!, output: output!, topics: multi.get('--topic') ?? [], patterns: multi.get('--pattern') ?? [], repos: multi.get('--repos') ?? [], maxJobs, batchSize }
  }
}
