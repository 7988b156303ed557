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
 */
import { applySetE, finalize } from './shell/neutralise.js'
import { ShellParser } from './shell/tree.js'
import { MAX_SCRIPT_CHARS, type ShellCommand } from './shell/types.js'

export { MAX_SCRIPT_CHARS, MAX_SHELL_COMMANDS, MAX_SHELL_NESTING, type ShellCommand } from './shell/types.js'

/** Split scripts by their text: the same `run:` lines, recipes and npm scripts come back for every monorepo view and the PR base. */
const splits = new Map<string, readonly ShellCommand[]>()
const MAX_MEMO_SCRIPTS = 20_000
const MAX_MEMO_SCRIPT_CHARS = 64 * 1024

/** Splits a script into simple commands in source order (inner substitution commands before their host). Read-only, memoised by text. */
export function splitScript(script: string): readonly ShellCommand[] {
  const hit = splits.get(script)
  if (hit) return hit
  const out = splitUncached(script)
  if (script.length <= MAX_MEMO_SCRIPT_CHARS) {
    if (splits.size >= MAX_MEMO_SCRIPTS) splits.clear()
    splits.set(script, out)
  }
  return out
}

function splitUncached(script: string): ShellCommand[] {
  const text = script.length > MAX_SCRIPT_CHARS ? script.slice(0, MAX_SCRIPT_CHARS) : script
  const p = new ShellParser(text, 1, 0, { count: 0 })
  const root = p.parseGroup(null)
  return applySetE(finalize(root, text), text)
}
