/**
 * The word level of the shell scanner: quotes (single, double, ANSI-C), backslash escapes,
 * `$(…)`, backticks and `<(…)` (their inner script handed back to the parser, one level deeper),
 * `${…}` and `$((…))` kept as written, redirections and heredoc bodies skipped. One left-to-right
 * pass; nothing is expanded.
 */
import { MAX_SHELL_NESTING, type Cmd, type ShellCommand } from './types.js'

export const OP_CHARS = new Set([';', '&', '|', '(', ')', '<', '>', '\n'])
export const WS = new Set([' ', '\t', '\r'])

/** What a nested script (`$(…)`, backticks) gave: its commands, where it ended and on which line. */
export interface Nested {
  readonly commands: readonly ShellCommand[]
  readonly end: number
  readonly line: number
}

/** The cursor over a script and the word-level reads; the grammar on top is the subclass's. */
export abstract class ShellLexer {
  protected i = 0
  protected line: number
  private pendingHeredocs: { delim: string; strip: boolean }[] = []

  constructor(
    protected readonly s: string,
    firstLine: number,
    protected readonly depth: number,
    protected readonly budget: { count: number }
  ) {
    this.line = firstLine
  }

  /** Parses `src` from `from` (one nesting level deeper) up to an unmatched `)` when `stop` is ')', else to its end. */
  protected abstract nested(src: string, from: number, line: number, stop: ')' | null): Nested

  protected newCmd(cond: boolean): Cmd {
    return { kind: 'cmd', words: [], assigns: [], start: this.i, end: this.i, line: this.line, cond, subs: [] }
  }

  /** A redirection operator and its target word (left out of the command's words); `<<` registers a heredoc. */
  protected readRedirect(cur: Cmd | null): void {
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

  protected skipBlanks(): void {
    while (this.i < this.s.length && WS.has(this.s[this.i]!)) this.i++
  }

  /** After a newline: skips the bodies of the heredocs opened on the line just ended. */
  protected readHeredocBodies(): void {
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
  protected skipPattern(): void {
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
  protected skipBalanced(open: number): void {
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
  protected readWord(host: Cmd | null): { value: string; quoted: boolean; unquotedPrefix: number; start: number; line: number } | null {
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
    const inner = this.nested(this.s, this.i, this.line, ')')
    this.i = inner.end
    this.line = inner.line
    host?.subs.push(...inner.commands.map((c) => (processSubst ? { ...c, processSubst: true } : c)))
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
    host.subs.push(...this.nested(inner, 0, line, null).commands)
  }
}

export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && !WS.has(c) && c !== '\n' && !OP_CHARS.has(c)
}

function countNewlines(s: string): number {
  let n = 0
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++
  return n
}
