import { memoKey } from '../../run-memo.js'
import { DJANGO_HEALTH_URLCONFS } from '../../catalog/health.js'
import { isExcluded } from '../../excluded.js'
import { pythonBody, touchesIn } from '../body.js'
import { pyIndex, resolvePyRef } from '../python-imports.js'
import { callArgs, callText, readLiteral, resolveExpr } from '../text.js'
import type { HealthLibrary, Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { pyBindingsOf, pyConstLookup } from './python-common.js'

const DEFINITIONS = memoKey<{ defs: Map<string, number>; classes: Map<string, number> }>('pyDefinitions')

/**
 * Django URLconfs: `path()`/`re_path()`/`url()` in `urlpatterns`, `include("app.urls")` followed
 * to the module file with the prefix carried down, DRF routers (`DefaultRouter().register`) wired
 * by `include(router.urls)` or `urlpatterns += router.urls`. The root URLconf is `ROOT_URLCONF`
 * from settings when found; otherwise every urls module nobody includes.
 */

interface Pattern {
  readonly route: string
  readonly line: number
  readonly view: string
  /** `include(...)` target: a module path or `router.urls`. */
  readonly include?: string
  readonly unknown?: string
  /** The module-level list the pattern is written in (`api_urls = [ … ]`), when it is not `urlpatterns`. */
  readonly list?: string
}

/** A pattern as written: its route expression is resolved later, with the service's constants. */
interface RawPattern extends Omit<Pattern, 'route' | 'unknown'> {
  readonly routeExpr: string
}

interface RawUrlconf {
  readonly patterns: readonly RawPattern[]
  readonly routers: Map<string, { prefix: string; line: number }[]>
  readonly plusRouters: readonly string[]
  /** Names written on `urlpatterns = …`/`urlpatterns += …` lines (lists joined into the URLconf itself). */
  readonly joined: readonly string[]
}

const MAX_INCLUDE_DEPTH = 8

export function extractDjango(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('django') && !ctx.frameworks.has('drf')) return { routes: [] }
  const files = ctx.src.files('python')
  const index = pyIndex(files)
  const consts = pyConstLookup(ctx)
  const urlFiles = files.filter((f) => {
    if (!ctx.src.text(f)?.includes('urlpatterns')) return false
    const ls = ctx.src.lines(f)
    return ls !== undefined && ls.some((l) => l.includes('urlpatterns'))
  })
  const parsed = new Map<string, { patterns: Pattern[]; routers: Map<string, { prefix: string; line: number; basename?: string }[]>; plusRouters: string[]; joined: readonly string[] }>()
  const parse = (file: string) => {
    let p = parsed.get(file)
    if (!p) {
      // What a URLconf declares depends on its text alone; route expressions resolve afterwards.
      const raw = parseUrlconf(ctx.src.lines(file) ?? [])
      const lookup = consts(file)
      const patterns = raw.patterns.map(({ routeExpr, ...pat }) => {
        const r = resolveExpr(routeExpr, lookup)
        return { ...pat, route: 'value' in r ? r.value : '', ...('unknown' in r ? { unknown: r.unknown } : {}) }
      })
      p = { patterns, routers: raw.routers, plusRouters: [...raw.plusRouters], joined: raw.joined }
      parsed.set(file, p)
    }
    return p
  }
  const includedFiles = new Set<string>()
  for (const f of urlFiles) {
    for (const pat of parse(f).patterns) {
      if (!pat.include || pat.include.endsWith('.urls') === false) continue
      const target = resolveInclude(pat.include, f, ctx, index)
      if (target) includedFiles.add(target)
    }
  }
  let roots = rootUrlconfs(ctx, index)
  if (roots.length === 0) roots = urlFiles.filter((f) => !includedFiles.has(f))
  const routes: Route[] = []
  const libraries: HealthLibrary[] = []
  const walk = (file: string, prefix: string, unknown: string | undefined, depth: number, seen: Set<string>): void => {
    if (depth > MAX_INCLUDE_DEPTH || seen.has(file)) return
    seen.add(file)
    const { patterns, routers, plusRouters, joined } = parse(file)
    const lines = ctx.src.lines(file) ?? []
    const emitRouter = (name: string, base: string): void => {
      for (const reg of routers.get(name) ?? []) {
        const p = djangoPath(base + reg.prefix)
        routes.push({ path: p, methods: ['ANY'], framework: 'drf', file, line: reg.line, handler: name, ...(unknown ? { prefixUnknown: unknown } : {}) })
        routes.push({ path: djangoPath(base + reg.prefix + '/{pk}/'), methods: ['ANY'], framework: 'drf', file, line: reg.line, handler: name, ...(unknown ? { prefixUnknown: unknown } : {}) })
      }
    }
    for (const name of plusRouters) emitRouter(name, prefix)
    // A module-level list mounted by `include(api_urls)` in the same file (and not joined into
    // urlpatterns) holds routes under that include's prefix only.
    const nested = new Set(patterns.filter((p) => p.include !== undefined && patterns.some((q) => q.list === p.include) && !joined.includes(p.include)).map((p) => p.include!))
    const emitPatterns = (pats: readonly Pattern[], prefix: string, unknown: string | undefined, level: number): void => {
      for (const pat of pats) {
        const full = prefix + pat.route
        const unk = unknown ?? pat.unknown
        if (pat.include !== undefined && nested.has(pat.include)) {
          if (level < MAX_INCLUDE_DEPTH) emitPatterns(patterns.filter((q) => q.list === pat.include), full, unk, level + 1)
          continue
        }
        if (pat.include !== undefined) {
          const lib = DJANGO_HEALTH_URLCONFS[pat.include]
          if (lib) {
            for (const r of lib.routes) routes.push({ path: djangoPath(full + r), methods: ['GET'], framework: 'django', file, line: pat.line, library: lib.name, ...(unk ? { prefixUnknown: unk } : {}) })
            libraries.push({ name: lib.name, path: file, line: pat.line, text: `include("${pat.include}")`, routes: lib.routes.map((r) => djangoPath(full + r)), checks: [] })
            continue
          }
          if (pat.include.endsWith('.urls') && routers.has(pat.include.slice(0, -5))) {
            emitRouter(pat.include.slice(0, -5), full)
            continue
          }
          const target = resolveInclude(pat.include, file, ctx, index)
          if (target) walk(target, full, unk, depth + 1, seen)
          continue
        }
        const body = viewBody(ctx, file, pat.view, index)
        routes.push({
          path: djangoPath(full),
          methods: ['ANY'],
          framework: ctx.frameworks.has('drf') && /ViewSet|APIView|api_view/.test(pat.view) ? 'drf' : 'django',
          file,
          line: pat.line,
          ...(pat.view ? { handler: pat.view } : {}),
          ...(unk ? { prefixUnknown: unk } : {}),
          ...(body ? { touches: touchesIn(body.file, ctx.src.lines(body.file) ?? lines, body.from, body.to) } : {})
        })
      }
    }
    emitPatterns(patterns.filter((p) => p.list === undefined || !nested.has(p.list)), prefix, unknown, depth)
    seen.delete(file)
  }
  for (const r of roots) walk(r, '', undefined, 0, new Set())
  return { routes, libraries }
}

/** `api/v1/` → `/api/v1/`; regex anchors and optional slashes of `re_path` are dropped. */
function djangoPath(p: string): string {
  const clean = p.replace(/\^|\$|\\/g, '').replace(/\/\?/g, '/').replace(/\/{2,}/g, '/')
  return clean.startsWith('/') ? clean : '/' + clean
}

function rootUrlconfs(ctx: ExtractContext, index: ReturnType<typeof pyIndex>): string[] {
  const out: string[] = []
  for (const f of ctx.src.files('python')) {
    if (!/settings/.test(f)) continue
    for (const l of ctx.src.lines(f) ?? []) {
      const t = l.trim()
      if (!t.startsWith('ROOT_URLCONF')) continue
      const lit = readLiteral(t, t.indexOf('=') + 1)
      const file = lit ? index.suffix(lit.value.split('.').join('/') + '.py') : undefined
      if (file && !isExcluded(file) && !out.includes(file)) out.push(file)
    }
  }
  return out
}

/** The first line of each top-level or nested `def name(` / `class name` of a file, by name. */
function definitionsOf(ctx: ExtractContext, file: string): { defs: Map<string, number>; classes: Map<string, number> } {
  return ctx.memo.get(DEFINITIONS, file, () => {
    const defs = new Map<string, number>()
    const classes = new Map<string, number>()
    const lines = ctx.src.lines(file) ?? []
    for (let i = 0; i < lines.length; i++) {
      const t = lines[i]!.trimStart()
      const def = /^(?:async )?def ([A-Za-z_]\w*)\(/.exec(t)
      if (def && !defs.has(def[1]!)) defs.set(def[1]!, i)
      const cls = /^class ([A-Za-z_]\w*)[(:]/.exec(t)
      if (cls && !classes.has(cls[1]!)) classes.set(cls[1]!, i)
    }
    return { defs, classes }
  })
}

function resolveInclude(target: string, from: string, ctx: ExtractContext, index: ReturnType<typeof pyIndex>): string | undefined {
  const byPath = index.suffix(target.split('.').join('/') + '.py')
  if (byPath) return byPath
  const r = resolvePyRef(target, from, pyBindingsOf(ctx, from), index)
  return r && r.name === undefined ? r.file : undefined
}

function parseUrlconf(lines: readonly string[]): RawUrlconf {
  const patterns: RawPattern[] = []
  const routers = new Map<string, { prefix: string; line: number }[]>()
  const plusRouters: string[] = []
  const joined: string[] = []
  let list: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const t = line.trim()
    if (t.startsWith('#')) continue
    // Which module-level list the following lines belong to: a top-level `name = [` / `name += [`
    // starts one; any other top-level statement ends it.
    if (t !== '' && !/^\s/.test(line) && !/^[\])}]/.test(t)) {
      const assign = /^([A-Za-z_]\w*)\s*(?::[^=]*)?\+?=\s*(.*)$/.exec(t)
      list = assign && assign[1] !== 'urlpatterns' ? assign[1] : undefined
      if (assign?.[1] === 'urlpatterns') for (const w of assign[2]!.matchAll(/\b([A-Za-z_]\w*)\b/g)) joined.push(w[1]!)
    }
    const reg = /^([A-Za-z_]\w*)\.register\(/.exec(t)
    if (reg) {
      const args = callArgs(callText(lines, i, line.indexOf('(')), 0)
      const lit = args[0] ? readLiteral(args[0], 0) : undefined
      if (lit) {
        const list = routers.get(reg[1]!) ?? []
        list.push({ prefix: lit.value.replace(/^\^/, ''), line: i + 1 })
        routers.set(reg[1]!, list)
      }
      continue
    }
    const plus = /^urlpatterns\s*(\+=|=.*\+)\s*([A-Za-z_]\w*)\.urls\b/.exec(t)
    if (plus) plusRouters.push(plus[2]!)
    for (const fn of ['path(', 're_path(', 'url(']) {
      let at = line.indexOf(fn)
      while (at >= 0) {
        if (at === 0 || !/[\w.]/.test(line[at - 1]!)) {
          const text = callText(lines, i, at + fn.length - 1)
          const args = callArgs(text, 0)
          const first = args[0]
          if (first !== undefined) {
            const view = args[1] ?? ''
            const inc = /^include\(\s*\(?\s*(.+)$/.exec(view)
            const include = inc ? includeTarget(inc[1]!) : undefined
            patterns.push({ routeExpr: first, line: i + 1, view: inc ? '' : view, ...(include !== undefined ? { include } : {}), ...(list !== undefined ? { list } : {}) })
          }
        }
        at = line.indexOf(fn, at + fn.length)
      }
    }
  }
  return { patterns, routers, plusRouters, joined }
}

function includeTarget(arg: string): string {
  const lit = readLiteral(arg, 0)
  if (lit) return lit.value
  return arg.split(/[,)\s]/)[0]!.trim()
}

/** Finds the view function or class of `views.health` / `HealthView.as_view()` for the deep/shallow read. */
function viewBody(ctx: ExtractContext, file: string, view: string, index: ReturnType<typeof pyIndex>): { file: string; from: number; to: number } | undefined {
  const ref = view.split('(')[0]!.replace(/\.as_view$/, '').trim()
  if (!/^[A-Za-z_][\w.]*$/.test(ref)) return undefined
  const parts = ref.split('.')
  const name = parts[parts.length - 1]!
  const resolved = resolvePyRef(parts.length > 1 ? parts.slice(0, -1).join('.') : ref, file, pyBindingsOf(ctx, file), index)
  const target = parts.length > 1 ? resolved?.file : (resolved?.file ?? file)
  if (!target) return undefined
  const lines = ctx.src.lines(target) ?? []
  // The first definition of the name, a function or a class, whichever comes first.
  const { defs, classes } = definitionsOf(ctx, target)
  const d = defs.get(name)
  const c = classes.get(name)
  if (d !== undefined && (c === undefined || d < c)) {
    const [from, to] = pythonBody(lines, d)
    return { file: target, from, to }
  }
  if (c !== undefined) {
    let end = c + 1
    while (end < lines.length && end < c + 80 && (lines[end]!.trim() === '' || /^\s/.test(lines[end]!))) end++
    return { file: target, from: c + 1, to: end }
  }
  return undefined
}
