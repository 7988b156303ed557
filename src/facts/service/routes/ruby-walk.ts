import { callText } from '../text.js'
import { rubyCall, rubyStatements, type RubyCall } from './ruby-source.js'

/**
 * One walk over a Ruby file for the block DSLs: each statement is handed to the framework's
 * interpreter, which says what it declares (a route, a path segment for the block it opens, a
 * mount, a setting, a Roda hash branch). The walker keeps the nesting (modules and classes give
 * the unit's constant name; DSL blocks give path segments) and returns the file's items, each
 * relative to its unit. Resolution of units into full paths is ruby-apps.ts's job.
 */

export type Action =
  | { readonly kind: 'route'; readonly methods: readonly string[]; readonly segs: readonly string[]; readonly handler?: string; readonly target?: string }
  | { readonly kind: 'push'; readonly segs: readonly string[] }
  | { readonly kind: 'mount'; readonly target: string; readonly segs: readonly string[] }
  /** Roda `r.hash_branches(ns)`: branches of namespace `ns` are served here. */
  | { readonly kind: 'attach'; readonly ns?: string }
  /** Roda `hash_branch(ns, "seg")`: a new unit under namespace `ns`. */
  | { readonly kind: 'branch'; readonly ns: string; readonly segs: readonly string[] }
  /** Roda `route do |r|`: the class's main tree. */
  | { readonly kind: 'tree' }
  | { readonly kind: 'setting'; readonly prefix?: string; readonly version?: string }

export interface WalkState {
  /** The request variable of the enclosing Roda block (`r`), when inside one. */
  readonly requestVar?: string
  /** The innermost class's superclass as written, '' at top level. */
  readonly superclass: string
  /** Inside a method body (`get "/x"` there is a client call, not a route). */
  readonly inDef: boolean
  /** The statement joined over the lines its brackets span (a multi-line call's arguments). */
  readonly callText: () => string
}

export type Interpreter = (call: RubyCall, state: WalkState, code: string) => Action | undefined

export interface Item {
  readonly action: Exclude<Action, { kind: 'push' } | { kind: 'branch' } | { kind: 'tree' }>
  /** Constant name of the enclosing class (`API::V1::Root`), '' at top level. */
  readonly unit: string
  /** Roda hash-branch namespace, when the item sits in a `hash_branch` block. */
  readonly ns?: string
  /** Segments from the unit's root (enclosing DSL blocks), the item's own not included. */
  readonly base: readonly string[]
  readonly line: number
  /** 0-based [from, to) lines of the block the item opens, when it opens one. */
  readonly body?: readonly [number, number]
  readonly file: string
}

export interface UnitInfo {
  readonly name: string
  readonly superclass: string
  readonly file: string
  readonly line: number
}

interface Frame {
  readonly kind: 'module' | 'class' | 'block' | 'def' | 'other'
  readonly name?: string
  readonly superclass?: string
  readonly segs: readonly string[]
  readonly requestVar?: string
  readonly ns?: string
  /** Index into items of a route or mount whose block this frame is, for its body's end. */
  readonly item?: number
}

const MAX_DEPTH = 64

export interface Walked {
  readonly items: Item[]
  readonly classes: UnitInfo[]
}

export function walkRuby(file: string, lines: readonly string[], interpret: Interpreter): Walked {
  const items: Item[] = []
  const classes: UnitInfo[] = []
  const stack: Frame[] = []
  const ends: (number | undefined)[] = []
  const unitName = (): string =>
    stack
      .filter((f) => f.kind === 'module' || f.kind === 'class')
      .map((f) => f.name!)
      .join('::')
      .replace(/^(?:.*::)?::/, '')
  const top = (): Frame | undefined => stack[stack.length - 1]
  for (const st of rubyStatements(lines)) {
    for (let k = 0; k < st.closes && stack.length > 0; k++) {
      const f = stack.pop()!
      if (f.item !== undefined) ends[f.item] = st.line
    }
    const cur = top()
    const segs = cur?.segs ?? []
    const cls = /^(class|module)\s+([A-Z][\w:]*)(?:\s*<\s*([A-Z][\w:]*(?:\.\w+)?|\S+))?/.exec(st.code)
    if (cls) {
      if (!st.opens) continue
      const name = cls[2]!
      const superclass = cls[3] ?? ''
      if (stack.length < MAX_DEPTH) stack.push({ kind: cls[1] === 'class' ? 'class' : 'module', name, superclass, segs: [] })
      if (cls[1] === 'class') classes.push({ name: unitName(), superclass, file, line: st.line + 1 })
      continue
    }
    const call = rubyCall(st.code)
    const innerClass = [...stack].reverse().find((f) => f.kind === 'class')
    if (/^def\s/.test(st.code)) {
      if (st.opens && stack.length < MAX_DEPTH) stack.push({ kind: 'def', segs })
      continue
    }
    const state: WalkState = {
      ...(cur?.requestVar ? { requestVar: cur.requestVar } : {}),
      superclass: innerClass?.superclass ?? '',
      inDef: stack.some((f) => f.kind === 'def'),
      callText: () => callText(lines, st.line, lines[st.line]!.indexOf(st.code.slice(0, 20)))
    }
    const action = call ? interpret(call, state, st.code) : undefined
    const ns = cur?.ns
    const carry = { ...(cur?.requestVar ? { requestVar: cur.requestVar } : {}), ...(ns !== undefined ? { ns } : {}) }
    let frame: Frame = { kind: 'other', segs, ...carry }
    if (action) {
      if (action.kind === 'push') frame = { kind: 'block', segs: [...segs, ...action.segs], ...carry }
      else if (action.kind === 'branch') frame = { kind: 'block', segs: action.segs, ns: action.ns }
      else if (action.kind === 'tree') frame = { kind: 'block', segs: [] }
      else {
        // `r.hash_branches` without a namespace serves the branches named by the path matched so far.
        const act = action.kind === 'attach' && action.ns === undefined ? { kind: 'attach' as const, ns: segs.length ? '/' + segs.join('/') : '' } : action
        items.push({ action: act, unit: unitName(), ...(ns !== undefined ? { ns } : {}), base: segs, line: st.line, file })
        if (action.kind === 'route') frame = { kind: 'block', segs: [...segs, ...action.segs], ...carry, item: items.length - 1 }
      }
    }
    if (call?.blockVar && action && (action.kind === 'tree' || action.kind === 'branch')) frame = { ...frame, requestVar: call.blockVar }
    if (st.opens && stack.length < MAX_DEPTH) stack.push(frame)
    else if (action?.kind === 'route') ends[items.length - 1] = st.line + 1
  }
  return {
    items: items.map((it, i) => (ends[i] !== undefined ? { ...it, body: [it.line, Math.min(ends[i]!, it.line + 40)] as const } : it)),
    classes
  }
}
