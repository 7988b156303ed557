import { CHECK_IDS, isCheckId, type CheckId } from './checks/ids.js'
import { isSlug } from './fleet/names.js'

export const CLI_FORMATS = ['text', 'markdown', 'json', 'sarif'] as const
export type CliFormat = (typeof CLI_FORMATS)[number]

export interface CliArgs {
  readonly command: 'scan' | 'help' | 'version'
  readonly dir: string
  readonly format: CliFormat | null
  readonly config: string | null
  readonly minScore: number | null
  readonly output: string | null
  readonly githubToken: string | null
  /** `owner/name` of the repository scanned (a fleet job's checkout). */
  readonly repo: string | null
  readonly requiredChecks: readonly CheckId[]
  readonly color: boolean | null
}

export type ParsedArgs = { ok: true; args: CliArgs } | { ok: false; errors: string[] }

export const USAGE = `Usage: shipshape scan [DIR] [options]

Scans DIR (default: .) for the practices that keep an API service healthy in production.

Options:
  --format text|markdown|json|sarif   output format (default: text)
  --config FILE                        config file (default: .github/shipshape.yml or .shipshape.yml in DIR)
  --min-score N                        fail the gate under this score (0-100; overrides the config)
  --required-checks ID[,ID]            checks that must pass (added to the config's)
  --output FILE                        write the report to FILE instead of stdout
  --github-token TOKEN                 enables API-backed checks (default: $GITHUB_TOKEN)
  --repo OWNER/NAME                    the repository DIR is a checkout of (default: detected)
  --color / --no-color                 force colour on or off (default: on a terminal, unless NO_COLOR)
  -h, --help                           show this help
  -v, --version                        show the version

Exit codes: 0 gate passed, 1 gate failed, 2 usage or configuration error.

shipshape fleet and shipshape fleet-plan aggregate many reports: see shipshape fleet --help.`

/** Parses argv (without node and script). Every problem is reported at once. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const errors: string[] = []
  let command: CliArgs['command'] | null = null
  let dir: string | null = null
  let format: CliFormat | null = null
  let config: string | null = null
  let minScore: number | null = null
  let output: string | null = null
  let githubToken: string | null = null
  let repo: string | null = null
  let color: boolean | null = null
  const required: CheckId[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1
    const name = eq > 0 ? arg.slice(0, eq) : arg
    const takeValue = (): string | null => {
      if (eq > 0) return arg.slice(eq + 1)
      const next = argv[i + 1]
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        errors.push(`${name} needs a value`)
        return null
      }
      i++
      return next
    }
    switch (name) {
      case '-h':
      case '--help':
        command = 'help'
        break
      case '-v':
      case '--version':
        command = 'version'
        break
      case '--format': {
        const v = takeValue()
        if (v === null) break
        if ((CLI_FORMATS as readonly string[]).includes(v)) format = v as CliFormat
        else errors.push(`--format: '${v}' is not a format. Expected one of: ${CLI_FORMATS.join(', ')}`)
        break
      }
      case '--config':
        config = takeValue()
        break
      case '--output':
        output = takeValue()
        break
      case '--github-token':
        githubToken = takeValue()
        break
      case '--repo': {
        const v = takeValue()
        if (v === null) break
        if (isSlug(v)) repo = v
        else errors.push(`--repo: '${v}' is not OWNER/NAME`)
        break
      }
      case '--min-score': {
        const v = takeValue()
        if (v === null) break
        const n = Number(v)
        if (v.trim() === '' || !Number.isInteger(n) || n < 0 || n > 100) errors.push(`--min-score: '${v}' is not a whole number from 0 to 100`)
        else minScore = n
        break
      }
      case '--required-checks': {
        const v = takeValue()
        if (v === null) break
        for (const id of v.split(/[\s,]+/).filter(Boolean)) {
          if (isCheckId(id)) required.push(id)
          else errors.push(`--required-checks: '${id}' is not a check id. Expected any of: ${CHECK_IDS.join(', ')}`)
        }
        break
      }
      case '--color':
        color = true
        break
      case '--no-color':
        color = false
        break
      default:
        if (arg.startsWith('-') && arg !== '-') errors.push(`unknown option '${arg}' (see --help)`)
        else if (command === null && arg === 'scan') command = 'scan'
        else if (command === null && dir === null) errors.push(`unknown command '${arg}'. Expected: scan, fleet or fleet-plan`)
        else if (dir === null) dir = arg
        else errors.push(`unexpected argument '${arg}': scan takes one directory`)
    }
  }
  if (errors.length > 0) return { ok: false, errors }
  if (command === null) {
    if (argv.length === 0) command = 'help'
    else return { ok: false, errors: ['missing command. Expected: scan, fleet or fleet-plan'] }
  }
  return { ok: true, args: { command, dir: dir ?? '.', format, config, minScore, output, githubToken, repo, requiredChecks: required, color } }
}
