import { readPolicyInputs, type PolicyOverrides } from './config/policy.js'
import type { PolicyInput } from './config/schema.js'
import { closest } from './config/messages.js'
import { isSlug } from './fleet/names.js'

export const CLI_FORMATS = ['text', 'markdown', 'json', 'sarif'] as const
export type CliFormat = (typeof CLI_FORMATS)[number]

export interface CliArgs {
  readonly command: 'scan' | 'help' | 'version'
  readonly dir: string
  readonly format: CliFormat | null
  readonly config: string | null
  readonly output: string | null
  readonly githubToken: string | null
  /** The policy flags (min score, required checks, fail-on-regression), validated by the config schema's nodes. */
  readonly policy: PolicyOverrides
  /** A commit, branch or tag to compare with (the action's PR base, locally). */
  readonly base: string | null
  /** `owner/name` of the repository scanned (a fleet job's checkout). */
  readonly repo: string | null
  readonly color: boolean | null
}

export type ParsedArgs = { ok: true; args: CliArgs } | { ok: false; errors: string[] }

/** Printed after usage errors instead of the whole help. */
export const USAGE_HINT = "Run 'shipshape --help' for usage."

/** The help text: every line fits 80 columns (a test keeps it so). */
export const USAGE = `Usage: shipshape scan [DIR] [options]

Scans DIR (default: .) for the practices that keep an API service healthy in
production, prints a scorecard and exits 1 when the gate fails.

Options:
  --format FORMAT        ${CLI_FORMATS.join(', ')} (default: text)
  --output FILE          write the report to FILE instead of stdout
  --config FILE          config file (default: .github/shipshape.yml,
                         .github/shipshape.yaml, .shipshape.yml or
                         .shipshape.yaml in DIR)
  --min-score N          fail the gate under this score, 0-100 (overrides the
                         config)
  --required-checks IDS  checks that must pass, comma-separated (added to the
                         config's); one that cannot be judged fails too
  --base REF             compare with REF (a commit, branch or tag), as the
                         action compares a pull request with its base
  --fail-on-regression   also fail when the score or a check got worse
                         against --base
  --github-token TOKEN   enables the API-backed checks (default: $GITHUB_TOKEN)
  --repo OWNER/NAME      the repository DIR is a checkout of (default: detected)
  --color, --no-color    force colour on or off (default: on a terminal,
                         unless NO_COLOR is set)
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 gate passed, 1 gate failed, 2 usage or configuration error.

shipshape fleet and shipshape fleet-plan aggregate many reports: see
shipshape fleet --help.`

const OPTIONS = ['--format', '--output', '--config', '--min-score', '--required-checks', '--base', '--fail-on-regression', '--github-token', '--repo', '--color', '--no-color', '--help', '--version']

/** Parses argv (without node and script). Every problem is reported at once, one line each. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const errors: string[] = []
  let command: CliArgs['command'] | null = null
  let dir: string | null = null
  let format: CliFormat | null = null
  let config: string | null = null
  let output: string | null = null
  let githubToken: string | null = null
  let base: string | null = null
  let repo: string | null = null
  let color: boolean | null = null
  const policyText: Partial<Record<PolicyInput, string>> = {}
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
      case '--base': {
        const v = takeValue()
        if (v !== null && (v === '' || v.startsWith('-'))) errors.push(`--base: '${v}' is not a commit, branch or tag`)
        else base = v
        break
      }
      case '--min-score':
      case '--required-checks': {
        const v = takeValue()
        if (v !== null) policyText[name.slice(2) as PolicyInput] = v
        break
      }
      case '--fail-on-regression':
        policyText['fail-on-regression'] = eq > 0 ? arg.slice(eq + 1) : 'true'
        break
      case '--color':
        color = true
        break
      case '--no-color':
        color = false
        break
      default:
        if (arg.startsWith('-') && arg !== '-') {
          const near = arg.startsWith('--') ? closest(name, OPTIONS) : null
          errors.push(`unknown option '${arg}'${near ? ` (did you mean ${near}?)` : ''}`)
        } else if (command === null && arg === 'scan') command = 'scan'
        else if (command === null && dir === null) errors.push(`unknown command '${arg}'. Expected: scan, fleet or fleet-plan`)
        else if (dir === null) dir = arg
        else errors.push(`unexpected argument '${arg}': scan takes one directory`)
    }
  }
  const policy = readPolicyInputs(policyText, (key) => `--${key}`)
  errors.push(...policy.errors)
  if (errors.length > 0) return { ok: false, errors }
  if (command === null) {
    if (argv.length === 0) command = 'help'
    else return { ok: false, errors: ['missing command. Expected: scan, fleet or fleet-plan'] }
  }
  return { ok: true, args: { command, dir: dir ?? '.', format, config, output, githubToken, repo, policy: policy.overrides, base, color } }
}
