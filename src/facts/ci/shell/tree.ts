/**
 * The command level of the shell scanner: operators (`;`, `&&`, `||`, `|`, `&`, `;;`), keywords
 * (`if`/`then`/`fi`, loops, `case` patterns, function definitions), subshells and `{ …; }` groups,
 * leading assignments. Builds the group tree the neutralisers read.
 */
import { isWordChar, ShellLexer, WS, type Nested } from './lexer.js'
import { finalize } from './neutralise.js'
import { MAX_SHELL_COMMANDS, type Cmd, type Grp } from './types.js'

const MAX_GROUPS = 64
const ASSIGN = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/
const CONDITION_KEYWORDS = new Set(['if', 'elif', 'while', 'until'])
const BODY_KEYWORDS = new Set(['then', 'do', 'else'])
const END_KEYWORDS = new Set(['fi', 'done', 'esac'])

export class ShellParser extends ShellLexer {
  protected nested(src: string, from: number, line: number, stop: ')' | null): Nested {
    const p = new ShellParser(src, line, this.depth + 1, this.budget)
    p.i = from
    const g = p.parseGroup(stop)
    return { commands: finalize(g, src), end: p.i, line: p.line }
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
    // The name of a function whose definition header was just read: the next group is its body.
    let pendingFn: string | null = null
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
        const emptyParens = /^\(\s*\)/.test(s.slice(this.i, this.i + 16))
        if (cur !== null && cur.words.length === 1 && cur.assigns.length === 0 && cur.subs.length === 0 && emptyParens) {
          // `name() {`: a function definition, not a command.
          pendingFn = functionName(cur.words[0]!)
          this.i = s.indexOf(')', this.i) + 1
          cur = null
          continue
        }
        if (cur === null && pendingFn !== null && emptyParens) {
          // `function name() {`
          this.i = s.indexOf(')', this.i) + 1
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
          if (pendingFn !== null) g.fn = pendingFn
          group().seq.push(g)
          stack.push(g)
        }
        pendingFn = null
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
      // A definition header not followed by a `{ … }` or `( … )` body (`f() if …`) defines nothing followed.
      if (pendingFn !== null && (w.quoted || w.value !== '{')) pendingFn = null
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
            const name = this.readWord(null)
            pendingFn = name === null || name.quoted ? null : functionName(name.value)
            cur = null
            continue
          }
          cur = null
          continue
        }
        if (v === '{') {
          finish()
          if (stack.length < MAX_GROUPS) {
            const g: Grp = { kind: 'grp', seq: [] }
            if (pendingFn !== null) g.fn = pendingFn
            group().seq.push(g)
            stack.push(g)
          }
          pendingFn = null
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
}

/** A word usable as a function name (bash allows `lint:go`, `run-tests`), or null (`$x`, a path). */
function functionName(word: string): string | null {
  return /^[A-Za-z_][\w:.@+-]{0,99}$/.test(word) ? word : null
}
