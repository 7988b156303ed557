/**
 * Shell functions and positional parameters. A function's body runs where the function is called
 * (`lint() { ruff check "$@"; }` … `lint src` runs `ruff check src`), never where it is defined;
 * a call is replaced by the body's commands with `"$@"`, `$*`, `$1`…`$9`, `${N}` and `${N:-x}`
 * taken from the call's words (`shift` drops the first ones). The script's own positional
 * parameters are substituted the same way when its arguments are known.
 *
 * A call whose name is computed (`handler="_run_$FLAVOR"` … `showrun $handler`, `eval "task_$1"`,
 * a dispatcher's `"$@"` when the script's arguments are unknown) may run any function its pattern
 * matches: each such function not run yet runs there, once, its chain saying so. A lookup
 * (`type -t $handler`, `echo`, `test`) calls nothing.
 *
 * Bounded: calls nest at most MAX_CALL_DEPTH deep, a function never expands inside itself (a
 * recursive call adds nothing), and a script expands at most MAX_CALLS calls; a call past a
 * cap expands to nothing.
 */
import { MAX_SHELL_COMMANDS, type FunctionCall, type ShellCommand } from './types.js'

export const MAX_CALL_DEPTH = 8
export const MAX_CALLS = 256

/** What a caller passes on to the commands of the function it calls. */
interface Inherited {
  readonly neutralised: string | null
  readonly inCondition: boolean
  readonly checkedOutput: boolean
}

/**
 * The commands a script runs, in order: `commands` (outside function bodies) with every call of a
 * function of `functions` replaced by the body's commands, which carry the calls in `calls`.
 * `args` are the script's arguments, or undefined when unknown (its `$1`, `$@` stay as written).
 */
export function expandFunctions(
  commands: readonly ShellCommand[],
  functions: ReadonlyMap<string, readonly ShellCommand[]>,
  args: readonly string[] | undefined,
  assigned: ReadonlyMap<string, readonly string[]> = new Map()
): ShellCommand[] {
  if (functions.size === 0 && args === undefined) return [...commands]
  const out: ShellCommand[] = []
  let calls = 0
  const expanded = new Set<string>()
  const call = (name: string, c: ShellCommand, frame: readonly string[] | undefined, text: string, via: readonly FunctionCall[], stack: readonly string[], inh: Inherited): void => {
    // Past a cap or inside itself, a call adds nothing (no command of its own either: a function name is no tool).
    if (stack.includes(name) || stack.length >= MAX_CALL_DEPTH || calls >= MAX_CALLS) return
    calls++
    expanded.add(name)
    run(functions.get(name)!, frame, [...via, { line: c.line, text }], [...stack, name], inh)
  }
  const run = (cmds: readonly ShellCommand[], frame: readonly string[] | undefined, via: readonly FunctionCall[], stack: readonly string[], inh: Inherited): void => {
    let params = frame
    for (const c of cmds) {
      if (out.length >= MAX_SHELL_COMMANDS) return
      const words = params === undefined ? c.words : substitute(c.words, params)
      if (words.length === 0) continue
      if (params !== undefined && words[0] === 'shift' && words.length <= 2) {
        const n = words[1] === undefined ? 1 : Number.parseInt(words[1], 10)
        if (Number.isInteger(n) && n >= 0) params = params.slice(n)
      }
      const neutralised = inh.neutralised ?? c.neutralised
      const inCondition = inh.inCondition || c.inCondition === true
      const checkedOutput = inh.checkedOutput || c.checkedOutput === true
      const passed = { neutralised, inCondition, checkedOutput }
      if (functions.has(words[0]!)) {
        call(words[0]!, c, words.slice(1), c.text, via, stack, passed)
        continue
      }
      for (const name of computedCalls(words, functions, assigned, params === undefined)) {
        if (!expanded.has(name)) call(name, c, undefined, `may call ${name}: ${c.text}`, via, stack, passed)
      }
      const cmd: ShellCommand = {
        ...c,
        words,
        text: words === c.words || params === undefined ? c.text : substituteText(c.text, params),
        neutralised,
        ...(inCondition ? { inCondition: true as const } : {}),
        ...(checkedOutput ? { checkedOutput: true as const } : {}),
        ...(via.length > 0 ? { calls: via } : {})
      }
      out.push(cmd)
    }
  }
  run(commands, args, [], [], { neutralised: null, inCondition: false, checkedOutput: false })
  return out
}

/** How many leading words of a command may name a computed call (`$f`, `showrun $f`, `timeout 5 $f`). */
const CALL_WORDS = 3
/** Commands whose arguments are never run: they print, test, declare or look a name up (`type -t $handler`). */
const NEVER_CALL = new Set([
  'type', 'echo', 'printf', 'test', '[', '[[', 'declare', 'typeset', 'local', 'export', 'readonly', 'unset', 'set', 'shift', 'return', 'exit', 'cd', 'pushd',
  'hash', 'which', 'alias', 'read', 'trap', 'compgen'
])

/**
 * The functions a command may call by a computed name: a word among its first CALL_WORDS whose
 * pattern (a variable replaced by the one value the script assigns it, else by anything) has a
 * literal part and matches the function's name; or a command word that is only the script's
 * unknown positional parameters (`"$@"`, `$1`: a dispatcher).
 */
function computedCalls(words: readonly string[], functions: ReadonlyMap<string, unknown>, assigned: ReadonlyMap<string, readonly string[]>, unknownParams: boolean): string[] {
  const out: string[] = []
  if (NEVER_CALL.has(words[0]!) || (words[0] === 'command' && words[1]?.startsWith('-'))) return out
  for (let k = 0; k < words.length && k < CALL_WORDS; k++) {
    const w = words[k]!
    if (!w.includes('$') || w.includes('/') || w.length > MAX_PATTERN) continue
    if (k === 0 && unknownParams && /^\$(?:[@*1-9]|\{[@*1-9]\})$/.test(w)) return [...functions.keys()]
    const parts = globOf(w, assigned, 0)
    // A pattern without a literal part (`$x`, `${a}${b}`) names no function in particular.
    if (parts === undefined || parts.every((p) => p === '')) continue
    for (const name of functions.keys()) if (globMatches(parts, name) && !out.includes(name)) out.push(name)
  }
  return out
}

const MAX_PATTERN = 200

/**
 * A word as a glob, given as its literal parts (a wildcard between each two): `_run_${FLAVOR}` is
 * `['_run_', '']`. A variable the script assigns exactly one value stands for that value (two
 * levels deep); any other `$…` for anything. Undefined when longer than MAX_PATTERN.
 */
function globOf(w: string, assigned: ReadonlyMap<string, readonly string[]>, depth: number): string[] | undefined {
  const parts = ['']
  let i = 0
  while (i < w.length) {
    const m = w[i] === '$' ? /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*)|\{[^}]*\}|\([^)]*\)|.)/.exec(w.slice(i)) : null
    if (m === null) {
      parts[parts.length - 1] += w[i]
      i++
      continue
    }
    i += m[0].length
    const values = assigned.get(m[1] ?? m[2] ?? '')
    const inner = values?.length === 1 && depth < 2 && values[0]!.length <= MAX_PATTERN ? globOf(values[0]!, assigned, depth + 1) : undefined
    if (inner === undefined) {
      parts.push('')
      continue
    }
    parts[parts.length - 1] += inner[0]
    parts.push(...inner.slice(1))
  }
  return parts.join('').length > MAX_PATTERN ? undefined : parts
}

/** Whether a name matches a glob's parts: the first a prefix, the last a suffix, the others in order between (linear, no backtracking). */
function globMatches(parts: readonly string[], name: string): boolean {
  if (parts.length === 1) return parts[0] === name
  const first = parts[0]!
  const last = parts[parts.length - 1]!
  if (!name.startsWith(first) || !name.endsWith(last) || first.length + last.length > name.length) return false
  let at = first.length
  const end = name.length - last.length
  for (const p of parts.slice(1, -1)) {
    const found = name.indexOf(p, at)
    if (found < 0 || found + p.length > end) return false
    at = found + p.length
  }
  return true
}

/** A command's text with the positional parameters in place, quoted where needed (`"$@"` → `generate spec -o 'a b'`). */
function substituteText(text: string, params: readonly string[]): string {
  const value = (n: number): string => quote(params[n - 1] ?? '')
  const t = text
    .replace(/"\$(?:[@*]|\{[@*]\})"|\$(?:[@*]|\{[@*]\})/g, () => params.map(quote).join(' '))
    .replace(/"\$(?:\{([1-9]\d*)\}|([1-9]))"|\$(?:\{([1-9]\d*)\}|([1-9]))/g, (_m: string, a?: string, b?: string, c?: string, d?: string) => value(Number(a ?? b ?? c ?? d)))
  return t.length > 120 ? t.slice(0, 119) + '…' : t
}

function quote(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`
}

const WHOLE_LIST = /^\$(?:[@*]|\{[@*]\})$/
const PARAM = /\$\{([1-9]\d*)(?::?([-=+])([^}]*))?\}|\$([1-9])|\$\{[@*]\}|\$[@*]/g

/**
 * Words with the positional parameters in place: `$@` as a word of its own becomes the arguments
 * (one word each), elsewhere they are joined by spaces. A word that was only a parameter without
 * a value disappears (`"$2"` when one argument was passed).
 */
export function substitute(words: readonly string[], params: readonly string[]): string[] {
  const out: string[] = []
  for (const w of words) {
    if (!w.includes('$')) {
      out.push(w)
      continue
    }
    if (WHOLE_LIST.test(w)) {
      out.push(...params)
      continue
    }
    let touched = false
    const v = w.replace(PARAM, (_m: string, braced?: string, op?: string, word?: string, plain?: string) => {
      touched = true
      const n = braced ?? plain
      if (n === undefined) return params.join(' ')
      const value = params[Number(n) - 1]
      if (op === undefined) return value ?? ''
      // `${1:-default}`/`${1:=default}` use the default when unset or empty; `${1:+alt}` the alternative when set.
      if (op === '+') return value ? word ?? '' : ''
      return value ? value : word ?? ''
    })
    if (touched && v === '') continue
    out.push(v)
  }
  return out
}
