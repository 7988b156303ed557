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
}

export const MAX_SCRIPT_CHARS = 2 * 1024 * 1024
export const MAX_SHELL_COMMANDS = 2000
export const MAX_SHELL_NESTING = 16

const TEXT_MAX = 120
const MAX_GROUPS = 64

interface Cmd {
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

interface Grp {
  kind: 'grp'
  seq: (Cmd | Grp | string)[]
}

const OP_CHARS = new Set([';', '&', '|', '(', ')', '<', '>', '\n'])
const WS = new Set([' ', '\t', '\r'])
const ASSIGN = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/
const CONDITION_KEYWORDS = new Set(['if', 'elif', 'while', 'until'])
const BODY_KEYWORDS = new Set(['then', 'do', 'else'])
const END_KEYWORDS = new Set(['fi', 'done', 'esac'])
/** Commands that always exit 0: `a || <one of these>` swallows a's failure. */
const ALWAYS_SUCCEEDS = new Set(['true', ':', 'echo', 'printf'])

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
  const p = new Parser(text, 1, 0, { count: 0 })
  const root = p.parseGroup(null)
  return applySetE(finalize(root, text), text)
}

class Parser {
  private i = 0
  private line: number
  private pendingHeredocs: { delim: string; strip: boolean }[] = []

  constructor(
    private readonly s: string,
    firstLine: number,
    private readonly depth: number,
    private readonly budget: { count: number }
  ) {
    this.line = firstLine
  }

  /** Parses until EOF or, when `stop` is ')', an unmatched `)` (consumed). */
  parseGroup(stop: ')' | null): Grp {
    const root: Grp = { kind: 'grp', seq: [] }
    const stack: Grp[] = [root]
    let cur: Cmd | null = null
    let inCond = false
    let skipHeader: 'for' | 'case' | null = null
    let caseDepth = 0
    let expectPattern = false
    let parens = 0
    const s = this.s
    const group = (): Grp => stack[stack.length - 1]!
    const finish = (): void => {
      if (cur && (cur.words.length > 0 || cur.assigns.length > 0 || cur.subs.length > 0)) {
        group().seq.push(cur)
        this.budget.count++
      }
      cur = null
    }
    const op = (o: string): void => {
      finish()
      group().seq.push(o)
      if (o === '\n' || o === ';' || o === ';;' || o === '&') {
        if (skipHeader === 'for') skipHeader = null
      }
      if (o === ';;') expectPattern = true
    }
    while (this.i < s.length) {
      if (this.budget.count >= MAX_SHELL_COMMANDS) {
        this.i = s.length
        break
      }
      const c = s[this.i]!
      if (WS.has(c)) {
        this.i++
        continue
      }
      if (c === '\\' && s[this.i + 1] === '\n') {
        this.i += 2
        this.line++
        continue
      }
      if (c === '#') {
        const nl = s.indexOf('\n', this.i)
        this.i = nl < 0 ? s.length : nl
        continue
      }
      if (c === '\n') {
        this.i++
        this.line++
        op('\n')
        this.readHeredocBodies()
        continue
      }
      if (expectPattern && cur === null && caseDepth > 0) {
        if (s.startsWith('esac', this.i) && !isWordChar(s[this.i + 4])) {
          this.i += 4
          caseDepth--
          expectPattern = false
          continue
        }
        this.skipPattern()
        expectPattern = false
        continue
      }
      if (c === ';') {
        if (s[this.i + 1] === ';') {
          this.i += s[this.i + 2] === '&' ? 3 : 2
          op(';;')
        } else if (s[this.i + 1] === '&') {
          this.i += 2
          op(';;')
        } else {
          this.i++
          op(';')
        }
        continue
      }
      if (c === '&') {
        if (s[this.i + 1] === '&') {
          this.i += 2
          op('&&')
        } else if (s[this.i + 1] === '>') {
          this.i++
          this.readRedirect(cur)
        } else {
          this.i++
          op('&')
        }
        continue
      }
      if (c === '|') {
        if (s[this.i + 1] === '|') {
          this.i += 2
          op('||')
        } else {
          this.i += s[this.i + 1] === '&' ? 2 : 1
          op('|')
        }
        continue
      }
      if (c === '(') {
        if (cur !== null && cur.words.length === 1 && cur.assigns.length === 0 && /^\(\s*\)/.test(s.slice(this.i, this.i + 16))) {
          // `name() {`: a function definition, not a command.
          this.i = s.indexOf(')', this.i) + 1
          cur = null
          continue
        }
        if (cur === null && s[this.i + 1] === '(') {
          this.skipBalanced(this.i)
          continue
        }
        finish()
        this.i++
        parens++
        // Groups nest at most MAX_GROUPS deep; deeper ones are flattened (walkers recurse on groups).
        if (stack.length < MAX_GROUPS) {
          const g: Grp = { kind: 'grp', seq: [] }
          group().seq.push(g)
          stack.push(g)
        }
        continue
      }
      if (c === ')') {
        this.i++
        if (parens > 0) {
          finish()
          parens--
          if (stack.length > 1) stack.pop()
          continue
        }
        if (stop === ')') break
        continue
      }
      if ((c === '<' || c === '>') && s[this.i + 1] !== '(') {
        this.readRedirect(cur)
        continue
      }
      if (c >= '0' && c <= '9') {
        let j = this.i
        while (j < s.length && s[j]! >= '0' && s[j]! <= '9') j++
        if (s[j] === '<' || s[j] === '>') {
          this.i = j
          this.readRedirect(cur)
          continue
        }
      }
      // A word.
      const fresh = cur === null
      if (fresh) cur = this.newCmd(inCond)
      const cmd: Cmd = cur!
      const before = cmd.subs.length
      const w = this.readWord(cmd)
      if (w === null) continue
      if (skipHeader === 'for') {
        if (w.value === 'do' && !w.quoted) {
          skipHeader = null
          inCond = false
        }
        cur = cmd.subs.length > 0 ? { ...cmd, words: [], assigns: [] } : null
        continue
      }
      if (skipHeader === 'case') {
        if (w.value === 'in' && !w.quoted) {
          skipHeader = null
          caseDepth++
          expectPattern = true
        }
        cur = cmd.subs.length > 0 ? { ...cmd, words: [], assigns: [] } : null
        continue
      }
      if (cmd.words.length === 0 && cmd.assigns.length === 0 && !w.quoted && before === cmd.subs.length) {
        const v = w.value
        if (CONDITION_KEYWORDS.has(v)) {
          inCond = true
          cur = null
          continue
        }
        if (BODY_KEYWORDS.has(v)) {
          inCond = false
          cur = null
          continue
        }
        if (END_KEYWORDS.has(v) || v === '!' || v === 'function') {
          if (v === 'esac') caseDepth = Math.max(0, caseDepth - 1)
          if (v === 'function') {
            this.skipBlanks()
            this.readWord(null)
          }
          cur = null
          continue
        }
        if (v === '{') {
          finish()
          if (stack.length < MAX_GROUPS) {
            const g: Grp = { kind: 'grp', seq: [] }
            group().seq.push(g)
            stack.push(g)
          }
          continue
        }
        if (v === '}') {
          finish()
          if (stack.length > 1) stack.pop()
          continue
        }
        if (v === 'for' || v === 'select') {
          skipHeader = 'for'
          cur = null
          continue
        }
        if (v === 'case') {
          skipHeader = 'case'
          cur = null
          continue
        }
      }
      if (cmd.words.length === 0 && w.unquotedPrefix > 0) {
        const m = ASSIGN.exec(w.value)
        if (m && m[0].length <= w.unquotedPrefix) {
          cmd.assigns.push(w.value)
          cmd.end = this.i
          continue
        }
      }
      if (cmd.words.length === 0) {
        cmd.start = w.start
        cmd.line = w.line
      }
      cmd.words.push(w.value)
      cmd.end = this.i
    }
    finish()
    return root
  }

  private newCmd(cond: boolean): Cmd {
    return { kind: 'cmd', words: [], assigns: [], start: this.i, end: this.i, line: this.line, cond, subs: [] }
  }

  /** A redirection operator and its target word (left out of the command's words); `<<` registers a heredoc. */
  private readRedirect(cur: Cmd | null): void {
    const s = this.s
    if (s.startsWith('<<<', this.i)) {
      this.i += 3
      this.skipBlanks()
      this.readWord(cur)
      return
    }
    if (s.startsWith('<<', this.i)) {
      this.i += 2
      const strip = s[this.i] === '-'
      if (strip) this.i++
      this.skipBlanks()
      const w = this.readWord(null)
      if (w !== null) this.pendingHeredocs.push({ delim: w.value, strip })
      return
    }
    this.i++
    while (this.i < s.length && (s[this.i] === '>' || s[this.i] === '&' || s[this.i] === '|')) this.i++
    this.skipBlanks()
    if (this.i < s.length && !OP_CHARS.has(s[this.i]!)) this.readWord(cur)
  }

  private skipBlanks(): void {
    while (this.i < this.s.length && WS.has(this.s[this.i]!)) this.i++
  }

  /** After a newline: skips the bodies of the heredocs opened on the line just ended. */
  private readHeredocBodies(): void {
    const s = this.s
    for (const h of this.pendingHeredocs) {
      while (this.i < s.length) {
        const nl = s.indexOf('\n', this.i)
        const end = nl < 0 ? s.length : nl
        let text = s.slice(this.i, end)
        if (h.strip) text = text.replace(/^\t+/, '')
        this.i = nl < 0 ? s.length : nl + 1
        this.line++
        if (text === h.delim || text.trimEnd() === h.delim) break
      }
    }
    this.pendingHeredocs = []
  }

  /** A `case` pattern up to its unquoted `)`. */
  private skipPattern(): void {
    const s = this.s
    if (s[this.i] === '(') this.i++
    while (this.i < s.length) {
      const c = s[this.i]!
      if (c === '\\') this.i += 2
      else if (c === "'" || c === '"') {
        const e = s.indexOf(c, this.i + 1)
        this.i = e < 0 ? s.length : e + 1
      } else if (c === ')') {
        this.i++
        return
      } else if (c === '\n') {
        this.line++
        this.i++
      } else this.i++
    }
  }

  /** Skips from an opening `(` at `open` to its matching `)`, counting lines; no parsing. */
  private skipBalanced(open: number): void {
    const s = this.s
    let d = 0
    let j = open
    for (; j < s.length; j++) {
      const c = s[j]!
      if (c === '(') d++
      else if (c === ')') {
        d--
        if (d === 0) break
      } else if (c === '\n') this.line++
      else if (c === '\\') j++
    }
    this.i = Math.min(s.length, j + 1)
  }

  /**
   * Reads one word from the current position, adding the commands of any substitution in it to
   * `host.subs`. Returns null at an operator. `unquotedPrefix` is how many characters of the value
   * came before the first quote or escape (an assignment's name must be unquoted).
   */
  private readWord(host: Cmd | null): { value: string; quoted: boolean; unquotedPrefix: number; start: number; line: number } | null {
    const s = this.s
    const start = this.i
    const line = this.line
    let value = ''
    let quoted = false
    let unquotedPrefix = -1
    const markQuoted = (): void => {
      if (unquotedPrefix < 0) unquotedPrefix = value.length
      quoted = true
    }
    while (this.i < s.length) {
      const c = s[this.i]!
      if (WS.has(c) || c === '\n') break
      if (c === '<' || c === '>') {
        if (s[this.i + 1] === '(' && value === '') {
          const from = this.i
          this.i++
          this.substitution(host, true)
          value += s.slice(from, this.i)
          continue
        }
        break
      }
      if (OP_CHARS.has(c)) break
      if (c === '\\') {
        markQuoted()
        if (s[this.i + 1] === '\n') {
          this.line++
        } else if (this.i + 1 < s.length) value += s[this.i + 1]
        this.i += 2
        continue
      }
      if (c === "'") {
        markQuoted()
        const e = s.indexOf("'", this.i + 1)
        const end = e < 0 ? s.length : e
        const part = s.slice(this.i + 1, end)
        this.line += countNewlines(part)
        value += part
        this.i = end + 1
        continue
      }
      if (c === '"') {
        markQuoted()
        this.i++
        value += this.readDoubleQuoted(host)
        continue
      }
      if (c === '`') {
        const from = this.i
        this.backtick(host)
        value += s.slice(from, this.i)
        continue
      }
      if (c === '$') {
        const n = s[this.i + 1]
        if (n === "'") {
          markQuoted()
          let j = this.i + 2
          while (j < s.length && s[j] !== "'") j += s[j] === '\\' ? 2 : 1
          value += s.slice(this.i + 2, Math.min(j, s.length))
          this.line += countNewlines(s.slice(this.i, j))
          this.i = Math.min(s.length, j + 1)
          continue
        }
        if (n === '(' || n === '{') {
          const from = this.i
          if (n === '(' && s[this.i + 2] === '(') this.skipBalanced(this.i + 1)
          else if (n === '(') {
            this.i++
            this.substitution(host, false)
          } else this.skipBraces()
          value += s.slice(from, this.i)
          continue
        }
      }
      value += c
      this.i++
    }
    if (this.i === start) return null
    return { value, quoted, unquotedPrefix: unquotedPrefix < 0 ? value.length : unquotedPrefix, start, line }
  }

  private readDoubleQuoted(host: Cmd | null): string {
    const s = this.s
    let value = ''
    while (this.i < s.length) {
      const c = s[this.i]!
      if (c === '"') {
        this.i++
        return value
      }
      if (c === '\\') {
        const n = s[this.i + 1]
        if (n === '\n') this.line++
        else if (n === '"' || n === '\\' || n === '$' || n === '`') value += n
        else value += c + (n ?? '')
        this.i += 2
        continue
      }
      if (c === '\n') this.line++
      if (c === '`') {
        const from = this.i
        this.backtick(host)
        value += s.slice(from, this.i)
        continue
      }
      if (c === '$' && s[this.i + 1] === '(') {
        const from = this.i
        if (s[this.i + 2] === '(') this.skipBalanced(this.i + 1)
        else {
          this.i++
          this.substitution(host, false)
        }
        value += s.slice(from, this.i)
        continue
      }
      if (c === '$' && s[this.i + 1] === '{') {
        const from = this.i
        this.skipBraces()
        value += s.slice(from, this.i)
        continue
      }
      value += c
      this.i++
    }
    return value
  }

  private skipBraces(): void {
    const s = this.s
    let d = 0
    let j = this.i + 1
    for (; j < s.length; j++) {
      if (s[j] === '{') d++
      else if (s[j] === '}') {
        d--
        if (d === 0) break
      } else if (s[j] === '\n') this.line++
    }
    this.i = Math.min(s.length, j + 1)
  }

  /** At a `(` opening `$(…)` or `<(…)`: parses the inner script with the same scanner. */
  private substitution(host: Cmd | null, processSubst: boolean): void {
    if (this.depth + 1 >= MAX_SHELL_NESTING) {
      this.skipBalanced(this.i)
      return
    }
    this.i++
    const inner = new Parser(this.s, this.line, this.depth + 1, this.budget)
    inner.i = this.i
    const g = inner.parseGroup(')')
    this.i = inner.i
    this.line = inner.line
    host?.subs.push(...finalize(g, this.s).map((c) => (processSubst ? { ...c, processSubst: true } : c)))
  }

  /** At a backtick: the inner text up to the closing backtick, unescaped, parsed on its own. */
  private backtick(host: Cmd | null): void {
    const s = this.s
    let j = this.i + 1
    let inner = ''
    while (j < s.length && s[j] !== '`') {
      if (s[j] === '\\' && j + 1 < s.length) {
        inner += s[j + 1] === '`' || s[j + 1] === '\\' || s[j + 1] === '$' ? s[j + 1] : s[j]! + s[j + 1]!
        j += 2
      } else inner += s[j++]
    }
    const line = this.line
    this.line += countNewlines(s.slice(this.i, j))
    this.i = Math.min(s.length, j + 1)
    if (this.depth + 1 >= MAX_SHELL_NESTING || host === null) return
    const p = new Parser(inner, line, this.depth + 1, this.budget)
    host.subs.push(...finalize(p.parseGroup(null), inner))
  }
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && !WS.has(c) && c !== '\n' && !OP_CHARS.has(c)
}

function countNewlines(s: string): number {
  let n = 0
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++
  return n
}

// ---- From the parse tree to commands with neutralisers -----------------------------------------

interface Mark {
  neutralised: string | null
}

/** Turns a group into commands in source order, applying `||`, `; true` and `&` neutralisers. */
function finalize(root: Grp, src: string): ShellCommand[] {
  const marks = new Map<Cmd, Mark>()
  markGroup(root, marks)
  const out: ShellCommand[] = []
  const tested = testedVariables(root)
  const walk = (g: Grp): void => {
    for (const u of g.seq) {
      if (typeof u === 'string') continue
      if (u.kind === 'grp') walk(u)
      else emit(u, marks.get(u)?.neutralised ?? null, src, out, tested)
    }
  }
  walk(root)
  return out
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
function applySetE(cmds: ShellCommand[], src: string): ShellCommand[] {
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
