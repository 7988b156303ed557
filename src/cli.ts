import { renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, resolve, basename, join } from 'node:path'
import { parseArgs, USAGE } from './cli-args.js'
import { loadConfig } from './config/load.js'
import { runFleetCli } from './fleet/cli.js'
import { detectRepository, namedRepository, startGitHubSession } from './github/session.js'
import { render } from './report/index.js'
import type { ReportFormat } from './report/types.js'
import { scanRepository } from './scan.js'
import { VERSION } from './version.js'

export interface CliIO {
  readonly stdout: (s: string) => void
  readonly stderr: (s: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  readonly isTTY: boolean
}

/** The terminal pipeline. Returns the exit code: 0 gate passed, 1 gate failed, 2 usage or config error. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv[0] === 'fleet' || argv[0] === 'fleet-plan') return runFleetCli(argv, io)
  const parsed = parseArgs(argv)
  if (!parsed.ok) {
    for (const e of parsed.errors) io.stderr(`shipshape: ${e}\n`)
    io.stderr(`\n${USAGE}\n`)
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
  const loaded = loadConfig({ root, explicit: args.config })
  if (loaded.errors) {
    io.stderr(`shipshape: the configuration has ${loaded.errors.length} error(s):\n`)
    for (const e of loaded.errors) io.stderr(`  - ${e.message}\n`)
    return 2
  }
  for (const w of loaded.warnings) io.stderr(`shipshape: warning: ${w}\n`)

  // A token plus a detectable owner/repo enables the API-backed checks (docs/design.md, "Facts").
  const token = args.githubToken ?? (io.env.GITHUB_TOKEN || null)
  // --repo (a fleet job's checkout) names the repository; otherwise it is detected from the checkout.
  const named = args.repo ? namedRepository(args.repo, io.env) : null
  const where = token ? (named ?? detectRepository(root, io.env)) : null
  const github = where ? await startGitHubSession({ token, owner: where.owner, repo: where.repo, apiUrl: where.apiUrl, root, config: loaded.config }) : null

  const report = scanRepository({
    root,
    config: loaded.config,
    inputs: github?.factInputs,
    minScore: args.minScore ?? undefined,
    requiredExtra: args.requiredChecks,
    warnings: loaded.warnings,
    ...(named ? { slug: args.repo, serverUrl: named.serverUrl } : {})
  })

  const format: ReportFormat = args.format ?? 'text'
  const color = format === 'text' && args.output === null && (args.color ?? (io.isTTY && !io.env.NO_COLOR))
  const body = render(format, report, { color })
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
