/**
 * Splits a POSIX/bash script into the simple commands it runs, with their 1-based lines, and says
 * which of them cannot fail the script (`|| true`, `set +e`, …). This is not a shell: nothing is
 * expanded or executed. It is a single left-to-right scan (linear in the script's length, with a
 * nesting cap for `$(…)` and a cap on the number of commands), because CI scripts are hostile
 * input and a backtracking grammar would be a denial-of-service vector.
 *
 * What it understands: newlines, `;`, `&&`, `||`, `|`, `&`, line continuations, single, double and
 * ANSI-C quotes, backslash escapes, comments, `$(…)`, backticks and `<(…)` (the inner commands are
 * commands too), `$((…))`, subshells and `{ …; }` groups, `if/elif/while/until` conditions,
 * `for`/`select`/`case` headers and patterns, function definitions, heredocs (the body is skipped),
 * redirections (left out of the words) and leading `X=1` assignments (kept apart).
 *
 * The one expansion it does: a function defined in the script runs where it is called, with the
 * call's arguments as its positional parameters (shell/functions.ts); a body never called runs nothing.
 */
import { expandFunctions } from './shell/functions.js'
import { applySetE, finalizeScript } from './shell/neutralise.js'
import { ShellParser } from './shell/tree.js'
import { MAX_SCRIPT_CHARS, type ShellCommand } from './shell/types.js'

export { MAX_SCRIPT_CHARS, MAX_SHELL_COMMANDS, MAX_SHELL_NESTING, type FunctionCall, type ShellCommand } from './shell/types.js'

/** Split scripts by their text: the same `run:` lines, recipes and npm scripts come back for every monorepo view and the PR base. */
const splits = new Map<string, readonly ShellCommand[]>()
const MAX_MEMO_SCRIPTS = 20_000
const MAX_MEMO_SCRIPT_CHARS = 64 * 1024

/**
 * Splits a script into simple commands in the order they run (inner substitution commands before
 * their host, function calls replaced by the function's body). `args`, when the script's arguments
 * are known (`./lint.sh src`), stand for its `$@`, `$1`…; otherwise those stay as written.
 * Read-only, memoised by text and arguments.
 */
export function splitScript(script: string, args?: readonly string[]): readonly ShellCommand[] {
  const key = args === undefined ? script : script + '\0' + args.join('\0')
  const hit = splits.get(key)
  if (hit) return hit
  const out = splitUncached(script, args)
  if (key.length <= MAX_MEMO_SCRIPT_CHARS) {
    if (splits.size >= MAX_MEMO_SCRIPTS) splits.clear()
    splits.set(key, out)
  }
  return out
}

function splitUncached(script: string, args: readonly string[] | undefined): ShellCommand[] {
  const text = script.length > MAX_SCRIPT_CHARS ? script.slice(0, MAX_SCRIPT_CHARS) : script
  const p = new ShellParser(text, 1, 0, { count: 0 })
  const { commands, functions, assigned } = finalizeScript(p.parseGroup(null), text)
  return applySetE(expandFunctions(commands, functions, args, assigned), text)
}
