import type { ActionUse, ToolRun } from '../../facts/ci/types.js'
import type { Ecosystem } from '../../facts/manifests/types.js'
import type { RuleSet } from '../../facts/security-rules.js'
import { joinPath } from '../../facts/paths.js'

/**
 * The vocabulary of the CI-practice catalogues (lint, tests, types, SAST): how a command or an
 * action is recognised, and which flags or inputs turn it into something that cannot fail. The
 * catalogues themselves are plain data tables; this module only interprets them, so adding a tool
 * is a table row, never a new `if`.
 *
 * Flag and input specs share one tiny language, read left to right:
 * - `--check`: the flag is present (also `--check=…`);
 * - `--exit-code=1`: the flag has that value (`--exit-code=1` or `--exit-code 1`);
 * - `--exit-code=!0`: the flag is present with any other value;
 * - `--scanners~misconfig`: the flag's value contains the text (comma lists).
 * Input specs use the same forms on `with:` keys (compared case-insensitively).
 */

/** What a matched signature is worth to the check that owns the catalogue. */
export type SignatureKind =
  /** Counts for the practice. */
  | 'counts'
  /** Installs or annotates only (setup-biome, problem matchers): needs a run step to count. */
  | 'setup'
  /** Worth showing, never counts (dependency scanners for SAST, SARIF upload of another tool). */
  | 'related'

export interface CommandSignature {
  /** Display name, e.g. `ruff format`. */
  readonly tool: string
  readonly ecosystem?: Ecosystem
  /** Accepted argv[0] values (lower-case basenames after wrappers). */
  readonly commands: readonly string[]
  /**
   * Leading positional words that must follow argv[0] (any one of these; a value may hold
   * several words, `database analyze`). A file name also matches a path to it (`src/manage.py`).
   * Absent: any arguments.
   */
  readonly subcommands?: readonly string[]
  /** The subcommand may be any positional word (`mvn -B clean verify`, `rails db:setup test`). */
  readonly anyPositional?: boolean
  /** Also accept a first positional word that is none of these (ruff's legacy `ruff .`). */
  readonly bareUnless?: readonly string[]
  /**
   * Also accept the bare command, or any positional word matching this (rake: the default task,
   * `ci`, `parallel:spec`, `test:units`; never `importmap:verify` or `db:migrate`).
   */
  readonly taskPattern?: RegExp
  /** At least one must be present or the command is not this tool's check at all (`node --test`). */
  readonly requireAnyFlag?: readonly string[]
  /** A formatter that only checks with one of these flags; without them it is a fixer. */
  readonly checkFlags?: readonly string[]
  /** Flags that make it a fixer (`prettier --write`, `biome format --write`). */
  readonly fixFlags?: readonly string[]
  /** Flags after which it still fails, but only on what it cannot fix (`eslint --fix`). */
  readonly softFixFlags?: readonly string[]
  /** Flags that make it unable to fail (`--exit-zero`). */
  readonly nonBlockingFlags?: readonly string[]
  /** It exits 0 on findings unless one of these is present (semgrep `--error`). */
  readonly blockingFlags?: readonly string[]
  /**
   * Without a blocking flag, its configuration file can make it fail instead (Sobelow reads
   * `.sobelow-conf`, whose `exit:` fails the run, only with `--config`): the file (relative to the
   * command's directory, or the value of `flag` when one is given), the line that switches failing
   * on, and the flag that makes the tool read the file at all.
   */
  readonly blockingConfig?: { readonly file: string; readonly sets: RegExp; readonly flag?: string }
  /** Flags that mean it does not really do the job (`pytest --collect-only`, `-DskipTests`). */
  readonly notARunFlags?: readonly string[]
  /** A positional word matching this means it works on another project, not this one (`go install tool@v1.2`). */
  readonly notARunArgs?: RegExp
  /** It exits 0 whatever it finds; only a test of its output (`test -z "$(gofmt -l .)"`) makes it fail. */
  readonly needsCheckedOutput?: boolean
  readonly kind?: SignatureKind
  /** Shown in evidence (why it is related, how strong it is). */
  readonly note?: string
}

export interface ActionSignature {
  readonly tool: string
  readonly ecosystem?: Ecosystem
  /** Action / task / orb / template names, lower-case, without version; `prefix/*` matches a prefix. */
  readonly names: readonly string[]
  /** The signature applies only when one of these input specs holds (trivy `scan-type=config`). */
  readonly requireInputs?: readonly string[]
  readonly nonBlockingInputs?: readonly string[]
  /** It cannot fail unless one of these input specs holds (reviewdog `fail_on_error=true`). */
  readonly blockingInputs?: readonly string[]
  /**
   * Judge the action as this command with its arguments taken from an input (ruff-action `args`);
   * `then` names an input whose words follow (actions-rs/cargo: `command: clippy`, `args: -- -D warnings`).
   * `only`: a generic runner (actions-rs/cargo runs any subcommand), which is this tool only when its
   * command is one of the catalogue's.
   */
  readonly asCommand?: { readonly argv: readonly string[]; readonly input: string; readonly default: string | null; readonly then?: string; readonly only?: true }
  readonly kind?: SignatureKind
  readonly note?: string
}

/** A file (or a line in a file) that shows the tool is configured. */
export interface ConfigSignature {
  readonly tool: string
  readonly ecosystem?: Ecosystem
  /**
   * `name` matches a basename anywhere; `name*` a basename prefix; `*.ext` a basename extension
   * (`*.csproj`); `dir/` a directory segment (`.github/codeql/`); `a/b.yml` a path suffix.
   */
  readonly file: string
  /** The file must contain a line including this text (`[tool.mypy]`, `<sonar.host.url>`). */
  readonly contains?: string
}

/**
 * Another practice's tool that does this practice's job when its own configuration switches the
 * rules on (golangci-lint with gosec enabled, ruff with the `S` rules): its runs count under
 * `tool`, judged by its own signatures (so `--exit-zero` still makes it non-blocking).
 */
export interface ImpliedSignature {
  readonly tool: string
  readonly rules: RuleSet
  readonly commands: readonly CommandSignature[]
  readonly actions: readonly ActionSignature[]
}

/**
 * A package whose presence as a dependency (usually a development one: `gem 'brakeman'` in the
 * development group, `mypy` in a dev extra) shows the tool is installed for the practice.
 */
export interface PackageSignature {
  readonly tool: string
  readonly ecosystem: Ecosystem
  /** Dependency names as the manifests normalise them. */
  readonly names: readonly string[]
}

export interface Catalogue {
  readonly commands: readonly CommandSignature[]
  readonly actions: readonly ActionSignature[]
  readonly configs: readonly ConfigSignature[]
  readonly implied?: readonly ImpliedSignature[]
  /** Packages that show the tool is installed ("configured, not run in CI" when nothing runs it). */
  readonly packages?: readonly PackageSignature[]
  /**
   * Words that name the practice itself in a shared workflow's file name (`lint_php.yml`,
   * `unit-tests.yml`): such a workflow of another repository is read as doing it (named-workflows.ts).
   */
  readonly purposeWords?: readonly string[]
}

/** Prefix of a verdict for a command that does not really do the job (`pytest --collect-only`). */
export const NOT_A_RUN = 'does not run the check'

/** Why a matched command cannot fail the build, or null when it can. */
export interface CommandVerdict {
  readonly signature: CommandSignature
  readonly blockedBy: string | null
  readonly note?: string
}

function parseSpec(spec: string): { name: string; op: '' | '=' | '!' | '~'; value: string } {
  const tilde = spec.indexOf('~', 1)
  const eq = spec.indexOf('=', 1)
  if (tilde > 0 && (eq < 0 || tilde < eq)) return { name: spec.slice(0, tilde), op: '~', value: spec.slice(tilde + 1) }
  if (eq < 0) return { name: spec, op: '', value: '' }
  const value = spec.slice(eq + 1)
  if (value.startsWith('!')) return { name: spec.slice(0, eq), op: '!', value: value.slice(1) }
  return { name: spec.slice(0, eq), op: '=', value }
}

function valueMatches(op: '=' | '!' | '~', want: string, got: string): boolean {
  const g = got.trim().toLowerCase()
  const w = want.toLowerCase()
  if (op === '=') return g === w
  if (op === '!') return g !== '' && g !== w
  return g.split(/[\s,]+/).includes(w) || g.includes(w)
}

/** True when the arguments satisfy a flag spec (see the module comment). */
export function hasFlag(args: readonly string[], spec: string): boolean {
  const { name, op, value } = parseSpec(spec)
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (op === '') {
      if (a === name || a.startsWith(name + '=')) return true
      continue
    }
    if (a.startsWith(name + '=')) {
      if (valueMatches(op, value, a.slice(name.length + 1))) return true
    } else if (a === name && i + 1 < args.length) {
      if (valueMatches(op, value, args[i + 1]!)) return true
    }
  }
  return false
}

/** True when an action's inputs satisfy an input spec. */
export function hasInput(inputs: Readonly<Record<string, string>>, spec: string): boolean {
  const { name, op, value } = parseSpec(spec)
  const key = Object.keys(inputs).find((k) => k.toLowerCase() === name.toLowerCase())
  if (key === undefined) return false
  if (op === '') return true
  return valueMatches(op, value, inputs[key]!)
}

function positionals(args: readonly string[]): string[] {
  return args.filter((a) => a !== '' && !a.startsWith('-')).map((a) => a.toLowerCase())
}

/** A pattern word naming a file (`manage.py`) also matches a path to it (`src/manage.py`). */
function wordMatches(pattern: string, word: string | undefined): boolean {
  if (word === undefined) return false
  if (word === pattern) return true
  return pattern.includes('.') && word.endsWith('/' + pattern)
}

function subcommandMatches(sig: CommandSignature, args: readonly string[]): boolean {
  if (!sig.subcommands) return true
  const pos = positionals(args)
  for (const sub of sig.subcommands) {
    const words = sub.split(' ')
    const starts = sig.anyPositional ? pos.length : Math.min(1, pos.length)
    for (let s = 0; s < starts; s++) {
      if (words.every((w, k) => wordMatches(w, pos[s + k]))) return true
    }
  }
  if (sig.bareUnless) return pos.length === 0 || !sig.bareUnless.includes(pos[0]!)
  if (sig.taskPattern) return pos.length === 0 || pos.some((p) => sig.taskPattern!.test(p))
  return false
}

function firstFlag(args: readonly string[], specs: readonly string[] | undefined): string | undefined {
  return specs?.find((s) => hasFlag(args, s))
}

/** The extra flags a CI resolver may set on a run (read defensively: they may be absent). */
interface RunFlags {
  readonly checkedOutput?: boolean
  readonly followedByDiffCheck?: boolean
  readonly failsOnChange?: boolean
  /** Reads a repository file relative to the command's directory (for `blockingConfig`). */
  readonly readFile?: (path: string) => string | undefined
}

/** Whether the signature's configuration file, as the command reads it, switches failing on. */
function configBlocks(sig: CommandSignature, args: readonly string[], read: RunFlags['readFile']): boolean {
  const conf = sig.blockingConfig
  if (!conf || !read) return false
  let file = conf.file
  if (conf.flag !== undefined) {
    const at = args.findIndex((a) => a === conf.flag || a.startsWith(conf.flag + '='))
    if (at < 0) return false
    const a = args[at]!
    const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[at + 1]
    if (value !== undefined && value !== '' && !value.startsWith('-') && value.endsWith(conf.file)) file = value
  }
  const text = read(file)
  return text !== undefined && text.split('\n').some((l) => !l.trimStart().startsWith('#') && conf.sets.test(l))
}

/** Judges a command against one signature: null when it is not this tool. */
export function judgeCommand(sig: CommandSignature, argv: readonly string[], flags: RunFlags = {}): CommandVerdict | null {
  if (argv.length === 0 || !sig.commands.includes(argv[0]!.toLowerCase())) return null
  const args = argv.slice(1)
  if (!subcommandMatches(sig, args)) return null
  if (sig.requireAnyFlag && !firstFlag(args, sig.requireAnyFlag)) return null
  const verdict = (blockedBy: string | null, note?: string): CommandVerdict => {
    const n = note ?? sig.note
    return { signature: sig, blockedBy, ...(n ? { note: n } : {}) }
  }
  const notRun = firstFlag(args, sig.notARunFlags) ?? (sig.notARunArgs ? positionals(args).find((p) => sig.notARunArgs!.test(p)) : undefined)
  if (notRun) return verdict(`${NOT_A_RUN}: ${notRun}`)
  const off = firstFlag(args, sig.nonBlockingFlags)
  if (off) return verdict(`cannot fail: ${off}`)
  const guarded = flags.followedByDiffCheck === true || flags.failsOnChange === true
  const fix = firstFlag(args, sig.fixFlags)
  if (fix && !guarded) return verdict(`fixes files instead of checking them: ${fix} with no diff check after it`)
  if (sig.checkFlags && !firstFlag(args, sig.checkFlags) && !guarded) {
    return verdict(`fixes files instead of checking them: no ${sig.checkFlags.join('/')}`)
  }
  if (sig.needsCheckedOutput && flags.checkedOutput !== true && !guarded) return verdict('exits 0 whatever it finds and its output is not tested')
  if (sig.blockingFlags && !firstFlag(args, sig.blockingFlags) && !configBlocks(sig, args, flags.readFile)) {
    const viaConfig = sig.blockingConfig ? ` or \`${sig.blockingConfig.file}\` setting it${sig.blockingConfig.flag ? ` with ${sig.blockingConfig.flag}` : ''}` : ''
    return verdict(`exits 0 on findings without ${sig.blockingFlags.join(' or ')}${viaConfig}`)
  }
  const soft = firstFlag(args, sig.softFixFlags)
  if (soft) return verdict(null, `${soft}: fails only on what it cannot fix`)
  return verdict(null)
}

/** Splits an action input holding command-line arguments (no shell: words and simple quotes). */
export function splitArgs(text: string): string[] {
  const out: string[] = []
  let cur = ''
  let quote = ''
  let has = false
  for (const ch of text.slice(0, 4096)) {
    if (quote) {
      if (ch === quote) quote = ''
      else cur += ch
    } else if (ch === '"' || ch === "'") {
      quote = ch
      has = true
    } else if (/\s/.test(ch)) {
      if (cur || has) out.push(cur)
      cur = ''
      has = false
    } else cur += ch
  }
  if (cur || has) out.push(cur)
  return out
}

export function actionNameMatches(patterns: readonly string[], name: string): boolean {
  const n = name.toLowerCase().replace(/^template:\s*/, '')
  return patterns.some((p) => (p.endsWith('*') ? n.startsWith(p.slice(0, -1)) : n === p))
}

/** Judges an action use against one signature: null when it is not this tool. */
export function judgeAction(sig: ActionSignature, use: ActionUse, commands: readonly CommandSignature[]): CommandVerdict | null {
  if (!actionNameMatches(sig.names, use.action.name)) return null
  const inputs = use.action.with
  if (sig.requireInputs && !sig.requireInputs.some((s) => hasInput(inputs, s))) return null
  const own: CommandSignature = { tool: sig.tool, commands: [], ...(sig.kind ? { kind: sig.kind } : {}), ...(sig.note ? { note: sig.note } : {}) }
  const verdict = (blockedBy: string | null): CommandVerdict => ({ signature: own, blockedBy, ...(sig.note ? { note: sig.note } : {}) })
  const off = sig.nonBlockingInputs?.find((s) => hasInput(inputs, s))
  if (off) return verdict(`cannot fail: ${off.replace(/[=~]/, ': ')}`)
  if (sig.blockingInputs && !sig.blockingInputs.some((s) => hasInput(inputs, s))) {
    return verdict(`only reports: set ${sig.blockingInputs[0]!.replace('=', ': ')} to make it fail`)
  }
  if (sig.asCommand) {
    const input = (name: string): string | undefined => {
      const key = Object.keys(inputs).find((k) => k.toLowerCase() === name)
      return key !== undefined ? inputs[key]! : undefined
    }
    const args = input(sig.asCommand.input) ?? sig.asCommand.default
    if (args === null) return null
    const then = sig.asCommand.then !== undefined ? input(sig.asCommand.then) : undefined
    const argv = [...sig.asCommand.argv, ...splitArgs(args), ...(then !== undefined ? splitArgs(then) : [])]
    for (const c of commands) {
      const v = judgeCommand(c, argv)
      if (v) return v
    }
    if (sig.asCommand.only) return null
  }
  return verdict(null)
}

/**
 * Judges a run against a list of signatures: the first that recognises it wins. `read` gives the
 * text of a repository file (repo-relative path), for tools whose configuration decides whether
 * they can fail.
 */
export function judgeRun(sigs: readonly CommandSignature[], run: Pick<ToolRun, 'argv' | 'cwd' | 'checkedOutput' | 'followedByDiffCheck' | 'failsOnChange'>, read?: (path: string) => string | undefined): CommandVerdict | null {
  const flags = run
  const readFile = read ? (p: string): string | undefined => {
    const at = joinPath(run.cwd, p)
    return at === undefined ? undefined : read(at)
  } : undefined
  const runFlags: RunFlags = { checkedOutput: flags.checkedOutput === true, followedByDiffCheck: flags.followedByDiffCheck === true, failsOnChange: flags.failsOnChange === true, ...(readFile ? { readFile } : {}) }
  for (const sig of sigs) {
    const v = judgeCommand(sig, run.argv, runFlags)
    if (v) return v
  }
  return null
}
