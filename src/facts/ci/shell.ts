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

/**
 * Splits a script into simple commands in the order they run (inner substitution commands before
 * their host, function calls replaced by the function's body). `args`, when the script's arguments
 * are known (`./lint.sh src`), stand for its `$@`, `$1`…; otherwise those stay as written.
 * Read-only. (A process-wide memo by text and arguments saved 3 % of CPU on the corpus and was
 * removed; a script resolved at many places is resolved once per CI collection instead.)
 */
export function splitScript(script: string, args?: readonly string[]): readonly ShellCommand[] {
  const text = script.length > MAX_SCRIPT_CHARS ? script.slice(0, MAX_SCRIPT_CHARS) : script
  const p = new ShellParser(text, 1, 0, { count: 0 })
  const { commands, functions, assigned } = finalizeScript(p.parseGroup(null), text)
  return applySetE(expandFunctions(commands, functions, args, assigned), text)
}
