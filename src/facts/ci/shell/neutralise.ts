/**
 * From the group tree to commands, each saying why its failure cannot fail the script: `|| true`
 * (and other always-succeeding right-hand sides), `; true`, background `&`, `set +e` regions;
 * which commands are conditions (`if`/`while`) and which substitutions have their output checked
 * (`test -z "$(…)"`, `diff <(…)`, an output saved in a variable a later test reads).
 */
import type { Cmd, Grp, ShellCommand } from './types.js'

const TEXT_MAX = 120
/** Commands that always exit 0: `a || <one of these>` swallows a's failure. */
const ALWAYS_SUCCEEDS = new Set(['true', ':', 'echo', 'printf'])

interface Mark {
  neutralised: string | null
}

/** Turns a group into commands in source order, applying `||`, `; true` and `&` neutralisers. Function bodies are left out. */
export function finalize(root: Grp, src: string): ShellCommand[] {
  return finalizeScript(root, src).commands
}

/**
 * The commands of a script outside function bodies, and the commands of each function's body
 * (by name; a later definition replaces an earlier one), each finalised the same way; and the
 * values written to each variable (`handler="run_$1"`, `local x=y`), for reading computed calls.
 */
export function finalizeScript(root: Grp, src: string): { commands: ShellCommand[]; functions: Map<string, ShellCommand[]>; assigned: Map<string, string[]> } {
  const marks = new Map<Cmd, Mark>()
  markGroup(root, marks)
  const tested = testedVariables(root)
  const functions = new Map<string, ShellCommand[]>()
  const assigned = new Map<string, string[]>()
  const walk = (g: Grp, out: ShellCommand[]): void => {
    for (const u of g.seq) {
      if (typeof u === 'string') continue
      if (u.kind === 'cmd') noteAssignments(u, assigned)
      if (u.kind === 'grp') {
        if (u.fn === undefined) walk(u, out)
        else {
          const body: ShellCommand[] = []
          walk(u, body)
          functions.set(u.fn, body)
        }
      } else emit(u, marks.get(u)?.neutralised ?? null, src, out, tested)
    }
  }
  const commands: ShellCommand[] = []
  walk(root, commands)
  return { commands, functions, assigned }
}

const MAX_ASSIGNED = 256
const DECLARES = new Set(['local', 'declare', 'typeset', 'readonly', 'export'])

/** Records `NAME=value` (leading, or after `local`/`declare`/`export`); at most MAX_ASSIGNED names, 4 values each. */
function noteAssignments(c: Cmd, assigned: Map<string, string[]>): void {
  const words = c.words.length > 0 && DECLARES.has(c.words[0]!) ? c.words.slice(1).filter((w) => !w.startsWith('-')) : []
  for (const a of [...c.assigns, ...words]) {
    const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(a)
    if (!m) continue
    const values = assigned.get(m[1]!) ?? []
    if (values.length === 0 && assigned.size >= MAX_ASSIGNED) continue
    if (values.length < 4) values.push(m[2]!)
    assigned.set(m[1]!, values)
  }
}

/** Variables a `test -n`/`-z` (or `[ … ]`) reads: an output saved in one (`D=$(git diff)`) is checked there. */
function testedVariables(root: Grp): ReadonlySet<string> {
  const out = new Set<string>()
  const walk = (g: Grp): void => {
    for (const u of g.seq) {
      if (typeof u === 'string') continue
      if (u.kind === 'grp') walk(u)
      else if ((u.words[0] === 'test' || u.words[0] === '[' || u.words[0] === '[[') && u.words.some((w) => w === '-z' || w === '-n')) {
        for (const w of u.words) {
          const m = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(w)
          if (m) out.add(m[1]!)
        }
      }
    }
  }
  walk(root)
  return out
}

function emit(c: Cmd, neutralised: string | null, src: string, out: ShellCommand[], tested: ReadonlySet<string>): void {
  const w0 = c.words[0]
  const saved = c.words.length === 0 && c.assigns.some((a) => tested.has(a.slice(0, a.indexOf('='))))
  const checks = saved || ((w0 === 'test' || w0 === '[' || w0 === '[[') && c.words.some((w) => w === '-z' || w === '-n'))
  const diffs = w0 === 'diff' || w0 === 'cmp'
  for (const sub of c.subs) {
    const proc = (sub as { processSubst?: boolean }).processSubst === true
    const { processSubst: _p, ...clean } = sub as ShellCommand & { processSubst?: boolean }
    if (checks || (diffs && proc)) out.push({ ...clean, checkedOutput: true, neutralised: clean.neutralised ?? neutralised })
    // `if ! out=$(diff -u a b); then`: an assignment's status is its substitution's, so the
    // substitution is the condition.
    else if (c.words.length === 0) out.push({ ...clean, neutralised: clean.neutralised ?? neutralised, ...(c.cond ? { inCondition: true as const } : {}) })
    else out.push({ ...clean, neutralised: clean.neutralised ?? '$(…) output' })
  }
  if (c.words.length === 0) return
  const raw = src.slice(c.start, Math.min(c.end, c.start + 600)).replace(/\\\n/g, ' ').replace(/\s+/g, ' ').trim()
  const cmd: ShellCommand = {
    words: c.words,
    assignments: c.assigns,
    text: raw.length > TEXT_MAX ? raw.slice(0, TEXT_MAX - 1) + '…' : raw,
    line: c.line,
    neutralised,
    ...(c.cond ? { inCondition: true as const } : {})
  }
  out.push(cmd)
}

const TERMINATORS = new Set([';', '\n', '&', ';;'])

function markGroup(g: Grp, marks: Map<Cmd, Mark>): void {
  // Split into and-or lists: units separated by &&, || or |, ended by a terminator.
  const lists: { units: (Cmd | Grp)[]; ops: string[]; end: string }[] = []
  let units: (Cmd | Grp)[] = []
  let ops: string[] = []
  const close = (end: string): void => {
    if (units.length > 0) lists.push({ units, ops, end })
    units = []
    ops = []
  }
  for (const u of g.seq) {
    if (typeof u === 'string') {
      if (TERMINATORS.has(u)) close(u)
      else if (units.length > 0) ops.push(u)
      continue
    }
    if (u.kind === 'grp') markGroup(u, marks)
    if (units.length > ops.length) ops.push(';')
    units.push(u)
  }
  close('\n')
  for (let li = 0; li < lists.length; li++) {
    const l = lists[li]!
    for (let k = 1; k < l.units.length; k++) {
      const u = l.units[k]!
      if (l.ops[k - 1] === '||' && alwaysSucceeds(u)) {
        const reason = '|| ' + successText(u)
        for (let j = 0; j < k; j++) setMark(l.units[j]!, reason, marks)
      }
    }
    if (l.end === '&') for (const u of l.units) setMark(u, 'background (&)', marks)
    const next = lists[li + 1]
    if (l.end === ';' && next !== undefined && next.units.length === 1 && isTrueLike(next.units[0]!)) {
      for (const u of l.units) setMark(u, '; ' + successText(next.units[0]!), marks)
    }
  }
}

function setMark(u: Cmd | Grp, reason: string, marks: Map<Cmd, Mark>): void {
  if (u.kind === 'cmd') {
    const m = marks.get(u)
    if (!m || m.neutralised === null) marks.set(u, { neutralised: reason })
    return
  }
  for (const x of u.seq) if (typeof x !== 'string') setMark(x, reason, marks)
}

function alwaysSucceeds(u: Cmd | Grp): boolean {
  if (u.kind === 'cmd') {
    const w = u.words
    if (w.length === 0) return u.assigns.length > 0
    return ALWAYS_SUCCEEDS.has(w[0]!) || isTrueLike(u)
  }
  let any = false
  for (const x of u.seq) {
    if (typeof x === 'string') continue
    if (!alwaysSucceeds(x)) return false
    any = true
  }
  return any
}

function isTrueLike(u: Cmd | Grp): boolean {
  if (u.kind !== 'cmd') return false
  const w = u.words
  return w[0] === 'true' || w[0] === ':' || ((w[0] === 'exit' || w[0] === 'return') && w[1] === '0')
}

function successText(u: Cmd | Grp): string {
  if (u.kind === 'grp') return '{ … }'
  const w = u.words
  return w[0] === 'exit' || w[0] === 'return' ? `${w[0]} ${w[1] ?? ''}`.trim() : (w[0] ?? '')
}

/**
 * `set +e` (or `set +o errexit`) neutralises every later command until `set -e` — not the
 * conditions of `if`/`while`, which errexit never applied to: their failure steers the flow
 * either way (`set +e; if ! diff -u a b; then exit 1; fi` still fails on a difference) — and not
 * one whose status the next command saves (`code=$?`) when a later `exit $code` re-raises it.
 */
export function applySetE(cmds: ShellCommand[], src: string): ShellCommand[] {
  let off = false
  const lines = src.includes('$?') ? src.split('\n') : []
  const reraised = (c: ShellCommand): boolean => {
    const saved = /^\s*([A-Za-z_]\w*)=\$\?\s*(?:[;#]|$)/.exec(lines[c.line] ?? '')?.[1]
    return saved !== undefined && new RegExp(`^\\s*exit\\s+"?\\$\\{?${saved}\\}?"?\\s*(?:[;#]|$)`, 'm').test(lines.slice(c.line + 1).join('\n'))
  }
  return cmds.map((c) => {
    if (c.words[0] === 'set') {
      const args = c.words.slice(1)
      for (let k = 0; k < args.length; k++) {
        const a = args[k]!
        if ((a === '+o' || a === '-o') && args[k + 1] === 'errexit') off = a === '+o'
        else if (/^\+[a-z]*e/.test(a)) off = true
        else if (/^-[a-z]*e/.test(a)) off = false
      }
      return c
    }
    return off && c.neutralised === null && c.inCondition !== true && !(lines.length > 0 && reraised(c)) ? { ...c, neutralised: 'set +e' } : c
  })
}
