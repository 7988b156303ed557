import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, resolve, basename, join } from 'node:path'
import { parseArgs, USAGE, USAGE_HINT } from './cli-args.js'
import { loadConfig } from './config/load.js'
import { resolvePolicy } from './config/policy.js'
import { resolveCommit } from './facts/base-commit.js'
import { runFleetCli } from './fleet/cli.js'
import { detectRepository, namedRepository, startGitHubSession } from './github/session.js'
import { render } from './report/index.js'
import type { ReportFormat } from './report/types.js'
import { placeOf, scan } from './scan.js'
import { VERSION } from './version.js'
import { plural } from './prose.js'

export interface CliIO {
  readonly stdout: (s: string) => void
  readonly stderr: (s: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  readonly isTTY: boolean
  /** The terminal's width in columns, when stdout is one. */
  readonly columns?: number
}

/** Text is wrapped to this width when stdout is not a terminal (a pipe, a file, CI logs). */
export const DEFAULT_COLUMNS = 100

/** The terminal pipeline. Returns the exit code: 0 gate passed, 1 gate failed, 2 usage or config error. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv[0] === 'fleet' || argv[0] === 'fleet-plan') return runFleetCli(argv, io)
  const parsed = parseArgs(argv)
  if (!parsed.ok) {
    for (const e of parsed.errors) io.stderr(`shipshape: ${e}\n`)
    io.stderr(`${USAGE_HINT}\n`)
    return 2
  }
  const args = parsed.args
  if (args.command === 'help') {
    io.stdout(USAGE + '\n')
    return 0
  }
  if (args.command === 'version') {
    io.stdout(VERSION + '\n')
    return 0
  }
  const root = resolve(args.dir)
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a directory')
  } catch {
    io.stderr(`shipshape: '${args.dir}' is not a directory\n`)
    return 2
  }
  if (args.output !== null && !existsSync(dirname(resolve(args.output)))) {
    io.stderr(`shipshape: cannot write '${args.output}': the directory '${dirname(args.output)}' does not exist\n`)
    return 2
  }
  const loaded = loadConfig({ root, explicit: args.config })
  if (loaded.errors) {
    io.stderr(`shipshape: the configuration has ${plural(loaded.errors.length, 'error')}:\n`)
    for (const e of loaded.errors) io.stderr(`  - ${e.message}\n`)
    return 2
  }
  for (const w of loaded.warnings) io.stderr(`shipshape: warning: ${w}\n`)
  const policy = resolvePolicy(loaded.config, args.policy)

  const { top } = placeOf(root)
  let base: { sha: string; fetch: boolean } | null = null
  if (args.base !== null) {
    const sha = resolveCommit(top, args.base)
    if (!sha) {
      io.stderr(`shipshape: --base: '${args.base}' is not a commit, branch or tag of the repository at ${top}\n`)
      return 2
    }
    base = { sha, fetch: false }
  } else if (args.policy.failOnRegression) io.stderr('shipshape: warning: --fail-on-regression has no effect without --base REF\n')

  // A token plus a detectable owner/repo enables the API-backed checks (docs/design.md, "Facts").
  const token = args.githubToken ?? (io.env.GITHUB_TOKEN || null)
  // --repo (a fleet job's checkout) names the repository; otherwise it is detected from the checkout.
  const named = args.repo ? namedRepository(args.repo, io.env) : null
  const detected = named ?? detectRepository(top, io.env)
  const where = token ? detected : null
  const github = where ? await startGitHubSession({ token, owner: where.owner, repo: where.repo, apiUrl: where.apiUrl, root: top, config: loaded.config }) : null

  const { report } = await scan({
    root,
    config: loaded.config,
    policy,
    // The repository's own name (a checkout naming it is this repository), also without a token.
    inputs: { ...github?.factInputs, repository: named ? args.repo : detected ? `${detected.owner}/${detected.repo}` : null },
    warnings: loaded.warnings,
    base,
    ...(named ? { slug: args.repo, serverUrl: named.serverUrl } : {})
  })

  const format: ReportFormat = args.format ?? 'text'
  const toFile = args.output !== null
  const color = format === 'text' && !toFile && (args.color ?? (io.isTTY && !io.env.NO_COLOR))
  const width = !toFile && io.isTTY && io.columns ? io.columns : DEFAULT_COLUMNS
  const body = render(format, report, { color, width })
  if (args.output !== null) {
    const target = resolve(args.output)
    // Write beside the target, then rename: nothing half-written on failure.
    const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`)
    try {
      writeFileSync(tmp, body)
      renameSync(tmp, target)
    } catch (err) {
      io.stderr(`shipshape: cannot write '${args.output}': ${(err as Error).message}\n`)
      return 2
    }
  } else {
    io.stdout(body.endsWith('\n') ? body : body + '\n')
  }
  return report.gate.passed ? 0 : 1
}
