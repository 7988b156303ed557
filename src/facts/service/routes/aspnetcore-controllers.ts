import { braceBody, touchesIn } from '../body.js'
import type { Route } from '../types.js'
import { callArgs, joinUrl } from '../text.js'
import { csLiteral, pathArg, type CsText } from './csharp-text.js'

/**
 * ASP.NET Core MVC controllers, read from C# text: `[Route]` on the class (inherited from a base
 * class, as RouteAttribute is), `[HttpGet("x")]`/`[HttpPost]`/…/`[Route("x")]`/`[AcceptVerbs]` on
 * actions, the `[controller]`, `[action]` and `[area]` tokens, `[Area("x")]`, and templates that
 * start with `~/` or `/` (absolute: the class route is ignored). Controllers without any route
 * attribute are routed by convention (`{controller}/{action}`, `Index` at the controller's root)
 * when the app maps conventional routes.
 */

const VERB_ATTRS: Readonly<Record<string, string>> = { HttpGet: 'GET', HttpPost: 'POST', HttpPut: 'PUT', HttpDelete: 'DELETE', HttpPatch: 'PATCH', HttpHead: 'HEAD', HttpOptions: 'OPTIONS' }

interface Attr {
  readonly name: string
  readonly args: readonly string[]
}

interface Action {
  readonly name: string
  readonly line: number
  /** Raw template arguments (undefined: the attribute gave none) with their methods. */
  readonly maps: readonly { readonly template?: string; readonly method: string }[]
  /** A public method returning an action result, with no routing attribute (conventional routing). */
  readonly conventional: boolean
}

interface ControllerClass {
  readonly name: string
  readonly base?: string
  readonly line: number
  /** Raw template arguments of the class's `[Route]` attributes (constants resolved later). */
  readonly templates: readonly string[]
  readonly area?: string
  readonly actions: readonly Action[]
}

export interface ControllerFile {
  readonly classes: readonly ControllerClass[]
}

const CLASS_DECL = /\b(?:class|record)\s+([A-Za-z_]\w*)(?:\s*<[^<>{}]*>)?(?:\s*\([^(){}]*\))?\s*(?::\s*([A-Za-z_][\w.]*))?/
/** The name of a method declared on the line (`public async Task<IActionResult> Get(…`), or undefined. */
function methodName(l: string): string | undefined {
  const paren = l.indexOf('(')
  if (paren < 0 || paren > 400) return undefined
  let head = l.slice(0, paren).trimEnd()
  if (head.endsWith('>')) head = head.slice(0, head.lastIndexOf('<')).trimEnd()
  const m = /([A-Za-z_]\w*)$/.exec(head)
  if (!m) return undefined
  const before = head.slice(0, head.length - m[1]!.length)
  // A declaration has a return type before the name, and nothing that makes it an expression.
  if (!/\S\s+$/.test(before) || /[=.;,(){}]\s*$/.test(before) || /[=;{}]/.test(before)) return undefined
  return m[1]
}
const ACTION_RESULT = /^\s*public\s+(?:(?:async|virtual|override|new)\s+)*(?:Task<|ValueTask<)?\s*(?:IActionResult|ActionResult|JsonResult|ViewResult|ContentResult|IResult|FileResult|StatusCodeResult|OkResult|OkObjectResult)\b/

/** Attributes written in a `[…]` group (`[HttpGet("x"), Authorize]`), names without the `Attribute` suffix. */
function attributes(group: string): Attr[] {
  const out: Attr[] = []
  const inner = group.trim().replace(/^\[/, '').replace(/\]$/, '')
  const body = inner.replace(/^\s*(?:method|type|return)\s*:\s*/, '')
  let i = 0
  while (i < body.length && out.length < 20) {
    const m = /^\s*([A-Za-z_][\w.]*)\s*/.exec(body.slice(i))
    if (!m) break
    const name = m[1]!.slice(m[1]!.lastIndexOf('.') + 1).replace(/Attribute$/, '')
    i += m[0].length
    let args: string[] = []
    if (body[i] === '(') {
      args = callArgs(body, i)
      let depth = 0
      for (; i < body.length; i++) {
        if (body[i] === '(') depth++
        else if (body[i] === ')' && --depth === 0) {
          i++
          break
        }
      }
    }
    out.push({ name, args })
    const comma = body.indexOf(',', i)
    if (comma < 0) break
    i = comma + 1
  }
  return out
}

/** The raw template argument of a routing attribute: its first positional argument, or `Template = …` / `template: …`. */
function templateArg(a: Attr): string | undefined {
  for (const arg of a.args) {
    const named = /^(?:Template\s*=|template\s*:)\s*([\s\S]*)$/.exec(arg)
    if (named) return named[1]!.trim()
  }
  const first = a.args[0]
  return first === undefined || /^\w+\s*[=:]/.test(first) ? undefined : first
}

export function parseControllers(t: CsText): ControllerFile {
  if (!/\b(Controller|Route|Http[A-Z]\w*|ApiController)\b/.test(t.code)) return { classes: [] }
  const lines = t.code.split('\n')
  const bare = t.bare.split('\n')
  const classes: { c: Omit<ControllerClass, 'actions'>; actions: Action[] }[] = []
  // Open classes: an entry is closed once its body has opened and the depth falls back.
  const stack: { entry: (typeof classes)[number]; depth: number; opened: boolean }[] = []
  let pending: Attr[] = []
  let depth = 0
  const track = (i: number): void => {
    depth += braces(bare[i]!)
    for (const s of stack) if (depth > s.depth) s.opened = true
    while (stack.length > 0 && stack[stack.length - 1]!.opened && depth <= stack[stack.length - 1]!.depth) stack.pop()
  }
  const declare = (l: string, i: number): void => {
    const cls = CLASS_DECL.exec(l)
    if (cls && /\b(?:class|record)\s/.test(l)) {
      const templates = pending.filter((a) => a.name === 'Route').map(templateArg).filter((x): x is string => x !== undefined)
      const areaAttr = pending.find((a) => a.name === 'Area')
      const area = areaAttr?.args[0] ? csLiteral(areaAttr.args[0]) : undefined
      const entry = { c: { name: cls[1]!, ...(cls[2] ? { base: cls[2].slice(cls[2].lastIndexOf('.') + 1) } : {}), line: i + 1, templates, ...(area ? { area } : {}) }, actions: [] as Action[] }
      classes.push(entry)
      stack.push({ entry, depth, opened: false })
      pending = []
      return
    }
    const current = stack[stack.length - 1]
    const method = current && depth === current.depth + 1 && (pending.length > 0 || /^\s*public\s/.test(l)) ? methodName(l) : undefined
    if (current && method && !/^\s*(?:return|if|while|for|foreach|switch|using|await|var|new|throw|else)\b/.test(l)) {
      const maps: { template?: string; method: string }[] = []
      let nonAction = false
      for (const a of pending) {
        if (a.name === 'NonAction') nonAction = true
        const verb = VERB_ATTRS[a.name]
        const tpl = templateArg(a)
        if (verb) maps.push({ ...(tpl !== undefined ? { template: tpl } : {}), method: verb })
        else if (a.name === 'Route') maps.push({ ...(tpl !== undefined ? { template: tpl } : {}), method: 'ANY' })
        else if (a.name === 'AcceptVerbs') for (const v of a.args.map(csLiteral).filter((x): x is string => x !== undefined)) maps.push({ method: v.toUpperCase() })
      }
      if (!nonAction && (maps.length > 0 || ACTION_RESULT.test(l))) current.entry.actions.push({ name: method, line: i + 1, maps: mergeRouteAndVerbs(maps), conventional: maps.length === 0 })
      pending = []
      return
    }
    if (l.trim() !== '' && !l.trim().startsWith('#')) pending = []
  }
  for (let i = 0; i < lines.length; i++) {
    const tr = lines[i]!.trim()
    if (!tr.startsWith('[') || tr.startsWith('[]')) {
      declare(lines[i]!, i)
      track(i)
      continue
    }
    // An attribute group, possibly over several lines, possibly followed by the declaration.
    let text = tr
    let k = i
    let open = count(bare[i]!, '[') - count(bare[i]!, ']')
    while (open > 0 && k + 1 < lines.length && k < i + 30) {
      track(k)
      k++
      text += ' ' + lines[k]!.trim()
      open += count(bare[k]!, '[') - count(bare[k]!, ']')
    }
    const { groups, end } = attributeGroups(text)
    for (const group of groups) pending.push(...attributes(group))
    const rest = text.slice(end).trim()
    if (rest !== '') declare(rest, k)
    track(k)
    i = k
  }
  return { classes: classes.map((e) => ({ ...e.c, actions: e.actions })) }
}

function count(s: string, c: string): number {
  let n = 0
  for (const x of s) if (x === c) n++
  return n
}

/** The attribute groups at the start of a text (`[A][B("x")] public …` → `[A]`, `[B("x")]`) and where they end. */
function attributeGroups(text: string): { groups: string[]; end: number } {
  const groups: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') {
      const close = text.indexOf('"', i + 1)
      if (close < 0) break
      i = close
    } else if (c === '[') {
      if (depth === 0) start = i
      depth++
    } else if (c === ']' && --depth === 0) {
      groups.push(text.slice(start, i + 1))
      if (text.slice(i + 1).trimStart()[0] !== '[') return { groups, end: i + 1 }
    }
  }
  return { groups, end: groups.length > 0 ? text.lastIndexOf(']') + 1 : 0 }
}

/** `[Route("x")] [HttpGet]` on one action means GET x: a template-less verb takes the Route templates. */
function mergeRouteAndVerbs(maps: { template?: string; method: string }[]): { template?: string; method: string }[] {
  const routes = maps.filter((m) => m.method === 'ANY' && m.template !== undefined)
  const bareVerbs = maps.filter((m) => m.method !== 'ANY' && m.template === undefined)
  if (routes.length === 0 || bareVerbs.length === 0) return maps
  const rest = maps.filter((m) => !routes.includes(m) && !bareVerbs.includes(m))
  return [...rest, ...routes.flatMap((r) => bareVerbs.map((v) => ({ template: r.template!, method: v.method })))]
}

function braces(bareLine: string): number {
  let d = 0
  for (const c of bareLine) {
    if (c === '{') d++
    else if (c === '}') d--
  }
  return d
}

/** Routes of every controller, with class routes inherited through base classes across files. */
export function controllerRoutes(files: ReadonlyMap<string, ControllerFile>, consts: ReadonlyMap<string, string>, conventional: boolean, linesOf: (file: string) => readonly string[]): Route[] {
  const value = (raw: string): string | undefined => {
    const v = pathArg(raw, consts)
    return v && 'value' in v ? v.value : undefined
  }
  const byName = new Map<string, ControllerClass>()
  for (const f of files.values()) for (const c of f.classes) if (!byName.has(c.name)) byName.set(c.name, c)
  const inherited = (c: ControllerClass): { templates: readonly string[]; area?: string } => {
    let cur: ControllerClass | undefined = c
    let area = c.area
    for (let k = 0; cur && k < 8; k++) {
      area ??= cur.area
      const own = cur.templates.map(value).filter((x): x is string => x !== undefined)
      if (own.length > 0) return { templates: own, ...(area ? { area } : {}) }
      cur = cur.base ? byName.get(cur.base) : undefined
    }
    return { templates: [], ...(area ? { area } : {}) }
  }
  const out: Route[] = []
  for (const [file, f] of files) {
    for (const c of f.classes) {
      if (c.actions.length === 0) continue
      const { templates, area } = inherited(c)
      const controller = c.name.replace(/Controller$/, '')
      const fill = (tpl: string, action: string): string =>
        tpl.replace(/\[controller\]/gi, controller).replace(/\[action\]/gi, action).replace(/\[area\]/gi, area ?? '')
      const lines = linesOf(file)
      for (const a of c.actions) {
        const paths: { path: string; method: string }[] = []
        if (a.conventional) {
          if (!conventional || templates.length > 0 || !/Controller$/.test(c.name)) continue
          paths.push({ path: joinUrl(area ?? '', controller, a.name === 'Index' ? '' : a.name), method: 'ANY' })
        } else {
          for (const m of a.maps) {
            const raw = m.template === undefined ? '' : value(m.template)
            if (raw === undefined) continue
            const tpl = fill(raw, a.name)
            if (tpl.startsWith('~/') || tpl.startsWith('/')) paths.push({ path: joinUrl(tpl.replace(/^~/, '')), method: m.method })
            else if (templates.length === 0) paths.push({ path: conventional && m.template === undefined ? joinUrl(area ?? '', controller, a.name === 'Index' ? '' : a.name) : joinUrl(tpl), method: m.method })
            else for (const ct of templates) paths.push({ path: joinUrl(fill(ct, a.name), tpl), method: m.method })
          }
        }
        const body = actionBody(lines, a.line - 1)
        const methods = new Map<string, string[]>()
        for (const p of paths) methods.set(p.path, [...new Set([...(methods.get(p.path) ?? []), p.method])])
        for (const [path, ms] of methods) out.push({ path, methods: ms, framework: 'aspnetcore', file, line: a.line, handler: `${c.name}.${a.name}`, touches: touchesIn(file, lines, body[0], body[1]) })
      }
    }
  }
  return out
}

/** An action's body: one line for an expression body (`=> Ok()`), else its braces. */
function actionBody(lines: readonly string[], i: number): [number, number] {
  const l = lines[i] ?? ''
  if (l.includes('=>') && l.trim().endsWith(';')) return [i, i + 1]
  return braceBody(lines, i)
}

