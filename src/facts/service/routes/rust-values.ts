import { memoKey } from '../../run-memo.js'
import { braceBody, touchesIn } from '../body.js'
import { matchLines, type Resolved } from '../text.js'
import type { Route } from '../types.js'
import type { ExtractContext } from './context.js'
import type { FnRef, RustIndex } from './rust-index.js'
import type { Expr } from './rust-syntax.js'

const RUST_FN_DECLS = memoKey<ReturnType<typeof fnDecls>>('rustFnDecls')

/**
 * Values the Rust route scan reads from expressions: route paths (string literals, constants,
 * `concat!`, `format!`, `[base, "/api"].concat()`, with the parts it cannot know kept as unknown),
 * the methods and handler of a method router (`get(h).post(h2)`, `web::get().to(h)`,
 * `on(MethodFilter::GET, h)`), and warp's `path!("a" / u32)` segments.
 */

const MAX_TEXT = 80

/** A path expression as parts: literal parts are values, anything else an unknown part named by its text. */
export function pathValue(e: Expr | undefined, file: string, index: RustIndex): Resolved[] {
  if (e === undefined) return [{ unknown: '?' }]
  switch (e.k) {
    case 'str':
      return [{ value: e.v }]
    case 'path': {
      const c = constant(e.segs, file, index)
      return c !== undefined ? [{ value: c }] : [{ unknown: e.segs.join('::') }]
    }
    case 'macro': {
      const m = e.segs[e.segs.length - 1]
      if (m === 'concat') return e.args.flatMap((a) => pathValue(a, file, index))
      if (m === 'format' && e.args[0]?.k === 'str') return formatParts(e.args[0].v, e.args.slice(1), file, index)
      return [{ unknown: exprText(e) }]
    }
    case 'method':
      if (e.name === 'concat' && e.recv.k === 'list') return e.recv.items.flatMap((a) => pathValue(a, file, index))
      if (['to_string', 'to_owned', 'as_str', 'into', 'as_ref', 'clone'].includes(e.name)) return pathValue(e.recv, file, index)
      return [{ unknown: exprText(e) }]
    case 'call':
      if (e.callee.k === 'path' && ['String::from', 'from'].includes(e.callee.segs.slice(-2).join('::'))) return pathValue(e.args[0], file, index)
      return [{ unknown: exprText(e) }]
    default:
      return [{ unknown: exprText(e) }]
  }
}

function formatParts(template: string, args: readonly Expr[], file: string, index: RustIndex): Resolved[] {
  const out: Resolved[] = []
  let k = 0
  let text = ''
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!
    if (c === '{' && template[i + 1] === '{') {
      text += '{'
      i++
    } else if (c === '{') {
      const close = template.indexOf('}', i)
      if (close < 0) break
      const inner = template.slice(i + 1, close).replace(/:.*$/, '')
      if (text) out.push({ value: text })
      text = ''
      out.push(...(inner !== '' ? [{ unknown: inner } as Resolved] : pathValue(args[k++], file, index)))
      i = close
    } else text += c
  }
  if (text) out.push({ value: text })
  return out
}

/** A string constant by name: the file's own, else the crate's (`const HEALTH: &str = "/health";`). */
function constant(segs: readonly string[], file: string, index: RustIndex): string | undefined {
  const name = segs[segs.length - 1]!
  return index.file(file).consts.get(name) ?? index.constant(name, file)
}

/** A short text of an expression, for an unknown part. */
export function exprText(e: Expr): string {
  const t = text(e, 0)
  return t.length > MAX_TEXT ? t.slice(0, MAX_TEXT - 1) + '…' : t
}

function text(e: Expr, d: number): string {
  if (d > 6) return '…'
  switch (e.k) {
    case 'path':
      return e.segs.join('::')
    case 'str':
      return JSON.stringify(e.v)
    case 'call':
      return `${text(e.callee, d + 1)}(${e.args.map((a) => text(a, d + 1)).join(', ')})`
    case 'method':
      return `${text(e.recv, d + 1)}.${e.name}(${e.args.map((a) => text(a, d + 1)).join(', ')})`
    case 'field':
      return `${text(e.recv, d + 1)}.${e.name}`
    case 'macro':
      return `${e.segs.join('::')}!(${e.args.map((a) => text(a, d + 1)).join(', ')})`
    case 'list':
      return `[${e.items.map((a) => text(a, d + 1)).join(', ')}]`
    default:
      return '…'
  }
}

/** warp's `path!("api" / "v1" / u32)`: literal segments, and `{param}` for a typed one. */
export function warpSegments(args: readonly Expr[], file: string, index: RustIndex): Resolved[] {
  const out: Resolved[] = []
  const visit = (e: Expr): void => {
    if (e.k === 'other') e.kids.forEach(visit)
    else if (e.k === 'str') out.push({ value: e.v })
    else if (e.k === 'path') {
      const c = constant(e.segs, file, index)
      out.push({ value: c ?? '{param}' })
    }
  }
  args.forEach(visit)
  return out
}

const VERBS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace', 'connect'])

export interface HandlerInfo {
  readonly methods: readonly string[]
  readonly handler?: string
  /** Reads the handler's body for dependency touches (called only when they are asked for). */
  readonly touches?: () => Route['touches']
}

/** Methods, handler name and its dependency touches, from a method router expression. */
export function handlerInfo(h: Expr, ref: FnRef, index: RustIndex, ctx: ExtractContext): HandlerInfo {
  const methods = new Set<string>()
  let target: Expr | undefined
  const visit = (e: Expr, depth: number): void => {
    if (depth > 12) return
    if (e.k === 'method' || e.k === 'call') {
      const name = e.k === 'method' ? e.name : e.callee.k === 'path' ? e.callee.segs[e.callee.segs.length - 1]! : ''
      const verb = name.replace(/_(with|service)$/, '')
      // The receiver first: methods in the order written (`get(h).head(h)` is GET, HEAD).
      if (e.k === 'method') visit(e.recv, depth + 1)
      if (VERBS.has(verb)) methods.add(verb.toUpperCase())
      else if (verb === 'any' || verb === 'route') methods.add('ANY')
      if ((VERBS.has(verb) || verb === 'any' || name === 'to' || name === 'on') && target === undefined) target = name === 'on' ? e.args[1] : e.args[0]
      for (const a of e.args) visit(a, depth + 1)
    } else if (e.k === 'path' && e.segs.length >= 2 && /^(MethodFilter|Method)$/.test(e.segs[e.segs.length - 2]!)) methods.add(e.segs[e.segs.length - 1]!.toUpperCase())
    else if (e.k === 'other') e.kids.forEach((k) => visit(k, depth + 1))
  }
  visit(h, 0)
  // A bare handler (`route_service("/x", svc)`, `.add("/", get(h))` already seen above).
  target ??= h.k === 'path' ? h : undefined
  const out = { methods: methods.size > 0 ? [...methods] : ['ANY'] }
  if (target?.k === 'closure') {
    const body = target
    return { ...out, touches: () => {
      const lines = ctx.src.lines(ref.file)
      return lines ? touchesIn(ref.file, lines, body.line - 1, body.end) : []
    } }
  }
  if (target?.k !== 'path') return out
  const segs = target.segs
  const name = segs[segs.length - 1]!
  return {
    ...out,
    handler: name,
    touches: () => {
      const found = index.resolve(ref.file, ref.fn.mods, segs)[0]
      if (found) {
        const lines = ctx.src.lines(found.file)
        return lines ? touchesIn(found.file, lines, found.fn.line - 1, Math.min(found.fn.end, found.fn.line + 60)) : undefined
      }
      const at = locate(ctx, index, ref.file, name)
      if (!at) return undefined
      const [from, to] = braceBody(at.lines, at.line)
      return touchesIn(at.file, at.lines, from, to)
    }
  }
}

const FN_DECL = /^[ \t]*(?:pub(?:\([^)\n]{0,40}\))?[ \t]+)?(?:async[ \t]+)?(?:unsafe[ \t]+)?fn[ \t]+([A-Za-z_]\w*)/gm

/** A handler declared in a file the route scan did not parse: found by its `fn name` line (same crate first). */
function locate(ctx: ExtractContext, index: RustIndex, from: string, name: string): { file: string; line: number; lines: readonly string[] } | undefined {
  const crate = index.crateOf(from)
  const decls = index.declarations(() => {
    const all = new Map<string, { file: string; line: number }[]>()
    for (const f of ctx.src.files('rust')) {
      const text = ctx.src.text(f)
      if (text === undefined || !text.includes('fn ')) continue
      for (const [n, line] of ctx.memo.get(RUST_FN_DECLS, f, () => fnDecls(text))) {
        const list = all.get(n)
        if (list) list.push({ file: f, line })
        else all.set(n, [{ file: f, line }])
      }
    }
    return all
  }).get(name)
  const at = decls?.find((d) => index.crateOf(d.file) === crate) ?? decls?.[0]
  const lines = at ? ctx.src.lines(at.file) : undefined
  return at && lines ? { ...at, lines } : undefined
}

/** First declaration line (0-based) of each function name in a text. */
function fnDecls(text: string): Map<string, number> {
  const out = new Map<string, number>()
  for (const [name, line] of matchLines(text, FN_DECL)) if (!out.has(name)) out.set(name, line)
  return out
}
