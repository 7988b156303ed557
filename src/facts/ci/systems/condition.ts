import type { CiTriggers } from '../types.js'
import { restrict } from './common.js'

/**
 * Boolean run conditions of CI systems (Cirrus `only_if`, Buildkite `if:`, Woodpecker `evaluate:`,
 * Semaphore `when:`), read as far as they tell which kinds of build a step runs in.
 *
 * An expression is parsed into `&&`/`||`/`!` (or `and`/`or`/`not`) over atoms; each system reads
 * its own atoms (`$CIRRUS_PR != ''`, `build.tag != null`). Every sub-expression is judged by the
 * kinds of build in which it CAN be true and those in which it CAN be false, so negation stays
 * exact: an atom nobody understands (`changesInclude(…)`, a label test) can be either anywhere,
 * and a condition only narrows the triggers when it cannot be true in some kind of build. A PR
 * task gated on changed paths therefore still runs on pull requests, which is what PR gating is.
 *
 * Bounded: long expressions and deep nesting read as "anything may happen".
 */

export type BuildKind = 'pr' | 'push' | 'tag' | 'schedule' | 'manual'

export const ALL_KINDS: ReadonlySet<BuildKind> = new Set(['pr', 'push', 'tag', 'schedule', 'manual'])
/** Builds of a branch (not a pull request, not a tag). */
export const BRANCH_KINDS: ReadonlySet<BuildKind> = new Set(['push', 'schedule', 'manual'])

export interface Possible {
  /** Kinds of build in which the expression can be true. */
  readonly canTrue: ReadonlySet<BuildKind>
  /** Kinds of build in which it can be false. */
  readonly canFalse: ReadonlySet<BuildKind>
}

export const ANYTHING: Possible = { canTrue: ALL_KINDS, canFalse: ALL_KINDS }

/** True exactly in `kinds`. */
export function exactly(kinds: Iterable<BuildKind>): Possible {
  const t = new Set(kinds)
  return { canTrue: t, canFalse: new Set([...ALL_KINDS].filter((k) => !t.has(k))) }
}

/** Can be true only in `kinds`, and may be false anywhere (`$CIRRUS_BRANCH == 'main'`). */
export function onlyIn(kinds: Iterable<BuildKind>): Possible {
  return { canTrue: new Set(kinds), canFalse: ALL_KINDS }
}

export function negate(p: Possible): Possible {
  return { canTrue: p.canFalse, canFalse: p.canTrue }
}

const MAX_EXPR = 2000
const MAX_DEPTH = 40

type Token = { readonly op: '(' | ')' | '&&' | '||' | '!' } | { readonly atom: string }

/** A system's reading of one atom; undefined when it cannot tell. */
export type AtomReader = (atom: string) => Possible | undefined

export interface ConditionSyntax {
  /** `and`/`or`/`not` (any case) are operators too (expr-lang, Semaphore). */
  readonly keywords?: boolean
}

/** What a condition allows, or ANYTHING when it cannot be read. */
export function evaluate(expr: string, read: AtomReader, syntax: ConditionSyntax = {}): Possible {
  if (expr.length > MAX_EXPR) return ANYTHING
  const tokens = tokenize(expr, syntax.keywords === true)
  if (tokens === undefined) return ANYTHING
  const parser = new Parser(tokens, read)
  const out = parser.or(0)
  return parser.done() ? out : ANYTHING
}

/** The triggers left when a condition holds: the kinds it can never be true in are switched off. */
export function narrow(t: CiTriggers, p: Possible): CiTriggers {
  return restrict(t, { pullRequest: p.canTrue.has('pr'), push: p.canTrue.has('push'), schedule: p.canTrue.has('schedule'), manual: p.canTrue.has('manual') })
}

const KEYWORDS: Readonly<Record<string, '&&' | '||' | '!'>> = { and: '&&', or: '||', not: '!' }

function tokenize(s: string, keywords: boolean): Token[] | undefined {
  const out: Token[] = []
  let atom = ''
  let depth = 0
  let quote: string | null = null
  const flush = (): void => {
    if (atom.trim() !== '') out.push({ atom: atom.trim() })
    atom = ''
  }
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (quote !== null) {
      atom += c
      if (c === '\\' && i + 1 < s.length) atom += s[++i]
      else if (c === quote) quote = null
      continue
    }
    if (c === '"' || c === "'") {
      quote = c
      atom += c
      continue
    }
    if (depth > 0) {
      // Inside a call's arguments, a list or a closure: part of the atom.
      if (c === '(' || c === '[' || c === '{') depth++
      else if (c === ')' || c === ']' || c === '}') depth--
      atom += c
      continue
    }
    const two = s.slice(i, i + 2)
    if (two === '&&' || two === '||') {
      flush()
      out.push({ op: two })
      i++
      continue
    }
    if (c === '!' && s[i + 1] !== '=' && s[i + 1] !== '~' && atom.trim() === '') {
      out.push({ op: '!' })
      continue
    }
    if (c === '(' && /[\w.$]$/.test(atom)) {
      // A call: `changesInclude(…)`, `build.env("X")`.
      depth = 1
      atom += c
      continue
    }
    if (c === '[' || c === '{') {
      depth = 1
      atom += c
      continue
    }
    if (c === '(' || c === ')') {
      flush()
      out.push({ op: c })
      continue
    }
    if (keywords && /[A-Za-z]/.test(c) && (i === 0 || !/[\w.$]/.test(s[i - 1]!))) {
      const word = /^[A-Za-z]+/.exec(s.slice(i, i + 4))![0].toLowerCase()
      const op = KEYWORDS[word]
      const next = s[i + word.length] ?? ''
      if (op !== undefined && !/[\w.$]/.test(next) && (next !== '(' || op === '!')) {
        flush()
        out.push({ op })
        i += word.length - 1
        continue
      }
    }
    atom += c
  }
  if (quote !== null || depth !== 0) return undefined
  flush()
  return out
}

class Parser {
  private i = 0

  constructor(
    private readonly tokens: readonly Token[],
    private readonly read: AtomReader
  ) {}

  done(): boolean {
    return this.i === this.tokens.length
  }

  private is(op: string): boolean {
    const t = this.tokens[this.i]
    return t !== undefined && 'op' in t && t.op === op
  }

  or(depth: number): Possible {
    let left = this.and(depth)
    while (this.is('||')) {
      this.i++
      const right = this.and(depth)
      left = { canTrue: union(left.canTrue, right.canTrue), canFalse: intersect(left.canFalse, right.canFalse) }
    }
    return left
  }

  private and(depth: number): Possible {
    let left = this.unary(depth)
    while (this.is('&&')) {
      this.i++
      const right = this.unary(depth)
      left = { canTrue: intersect(left.canTrue, right.canTrue), canFalse: union(left.canFalse, right.canFalse) }
    }
    return left
  }

  private unary(depth: number): Possible {
    if (depth > MAX_DEPTH) {
      this.i = this.tokens.length + 1
      return ANYTHING
    }
    if (this.is('!')) {
      this.i++
      return negate(this.unary(depth + 1))
    }
    if (this.is('(')) {
      this.i++
      const inner = this.or(depth + 1)
      if (!this.is(')')) {
        this.i = this.tokens.length + 1
        return ANYTHING
      }
      this.i++
      return inner
    }
    const t = this.tokens[this.i]
    if (t === undefined || !('atom' in t)) {
      this.i = this.tokens.length + 1
      return ANYTHING
    }
    this.i++
    const lower = t.atom.toLowerCase()
    if (lower === 'true') return exactly(ALL_KINDS)
    if (lower === 'false') return exactly([])
    return this.read(t.atom) ?? ANYTHING
  }
}

function union(a: ReadonlySet<BuildKind>, b: ReadonlySet<BuildKind>): ReadonlySet<BuildKind> {
  return new Set([...a, ...b])
}

function intersect(a: ReadonlySet<BuildKind>, b: ReadonlySet<BuildKind>): ReadonlySet<BuildKind> {
  return new Set([...a].filter((k) => b.has(k)))
}

/** `$VAR`, `${VAR}` or `VAR` compared with a quoted literal: the parts, quotes removed. */
export function comparison(atom: string): { name: string; op: string; value: string } | undefined {
  const m = /^\$?\{?([A-Za-z_][\w.]*)\}? *(==|!=|=~|!=~|!~|=) *(?:'([^']*)'|"([^"]*)"|\/(.*)\/[a-z]*|(null|nil))$/.exec(atom.trim())
  if (!m) return undefined
  return { name: m[1]!, op: m[2]!, value: m[3] ?? m[4] ?? m[5] ?? '' }
}
