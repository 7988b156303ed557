/** The shapes shared by the shell scanner's stages: the public command, and the parse tree between scan and neutralisers. */

/** A simple command found in a script. */
export interface ShellCommand {
  /** Words after quote removal; `$(…)`, `${…}` and `$VAR` kept as written. Leading assignments are in `assignments`. */
  readonly words: readonly string[]
  /** Leading `NAME=value` words. */
  readonly assignments: readonly string[]
  /** The command as written (whitespace collapsed, at most 120 characters). */
  readonly text: string
  /** 1-based line of the command's first word within the script. */
  readonly line: number
  /** Why a failure of this command cannot fail the script (`|| true`, `set +e`, …), or null. */
  readonly neutralised: string | null
  /** Runs inside `$(…)`/backticks/`<(…)` whose output an enclosing `test -z`/`[ -n ]`/`diff` checks. */
  readonly checkedOutput?: true
  /** Runs as the condition of `if`/`elif`/`while`/`until`: its failure steers the flow, it does not stop the script. */
  readonly inCondition?: true
  /**
   * The calls of shell functions this command was reached through, outermost first: a command of a
   * function body is listed once per call, with the call's line and text here.
   */
  readonly calls?: readonly FunctionCall[]
}

/** A call of a function defined in the same script (`lint_go ./...` after `lint_go() { …; }`). */
export interface FunctionCall {
  /** 1-based line of the call within the script. */
  readonly line: number
  /** The call as written (whitespace collapsed, at most 120 characters). */
  readonly text: string
}

export const MAX_SCRIPT_CHARS = 2 * 1024 * 1024
export const MAX_SHELL_COMMANDS = 2000
export const MAX_SHELL_NESTING = 16

/** A simple command while it is being read. */
export interface Cmd {
  kind: 'cmd'
  words: string[]
  assigns: string[]
  start: number
  end: number
  line: number
  cond: boolean
  /** Commands of substitutions inside this command's words, in source order, already final. */
  subs: ShellCommand[]
}

/** A list of commands, operators and nested groups (`( … )`, `{ …; }`) in source order. */
export interface Grp {
  kind: 'grp'
  seq: (Cmd | Grp | string)[]
  /** The body of a function definition (`name() { … }`, `function name { … }`): run only where it is called. */
  fn?: string
}
