import { isExcluded } from '../../excluded.js'
import { pythonBody, touchesIn } from '../body.js'
import { pyIndex, pythonBindings, resolvePyRef } from '../python-imports.js'
import { callArgs, callText, readLiteral, resolveExpr } from '../text.js'
import type { HealthLibrary, Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { pyConstLookup } from './python-common.js'

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
}

/** Libraries whose URLconf an `include()` mounts, with the routes below it. */
const INCLUDED_LIBRARIES: Readonly<Record<string, { name: string; routes: readonly string[] }>> = {
  'health_check.urls': { name: 'django-health-check', routes: [''] },
  'watchman.urls': { name: 'django-watchman', routes: [''] },
  'django_alive.urls': { name: 'django-alive', routes: ['alive/', 'health/'] },
  'django_healthchecks.urls': { name: 'django-healthchecks', routes: [''] }
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
  const parsed = new Map<string, { patterns: Pattern[]; routers: Map<string, { prefix: string; line: number; basename?: string }[]>; plusRouters: string[] }>()
  const parse = (file: string) => {
    let p = parsed.get(file)
    if (!p) {
      p = parseUrlconf(ctx.src.lines(file) ?? [], consts(file))
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
    const { patterns, routers, plusRouters } = parse(file)
    const lines = ctx.src.lines(file) ?? []
    const emitRouter = (name: string, base: string): void => {
      for (const reg of routers.get(name) ?? []) {
        const p = djangoPath(base + reg.prefix)
        routes.push({ path: p, methods: ['ANY'], framework: 'drf', file, line: reg.line, handler: name, ...(unknown ? { prefixUnknown: unknown } : {}) })
        routes.push({ path: djangoPath(base + reg.prefix + '/{pk}/'), methods: ['ANY'], framework: 'drf', file, line: reg.line, handler: name, ...(unknown ? { prefixUnknown: unknown } : {}) })
      }
    }
    for (const name of plusRouters) emitRouter(name, prefix)
    for (const pat of patterns) {
      const full = prefix + pat.route
      const unk = unknown ?? pat.unknown
      if (pat.include !== undefined) {
        const lib = INCLUDED_LIBRARIES[pat.include]
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

function resolveInclude(target: string, from: string, ctx: ExtractContext, index: ReturnType<typeof pyIndex>): string | undefined {
  const byPath = index.suffix(target.split('.').join('/') + '.py')
  if (byPath) return byPath
  const r = resolvePyRef(target, from, pythonBindings(ctx.src.lines(from) ?? [], from), index)
  return r && r.name === undefined ? r.file : undefined
}

function parseUrlconf(lines: readonly string[], lookup: (n: string) => string | undefined) {
  const patterns: Pattern[] = []
  const routers = new Map<string, { prefix: string; line: number }[]>()
  const plusRouters: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const t = line.trim()
    if (t.startsWith('#')) continue
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
            const r = resolveExpr(first, lookup)
            const view = args[1] ?? ''
            const inc = /^include\(\s*\(?\s*(.+)$/.exec(view)
            const include = inc ? includeTarget(inc[1]!) : undefined
            patterns.push({ route: 'value' in r ? r.value : '', line: i + 1, view: inc ? '' : view, ...(include !== undefined ? { include } : {}), ...('unknown' in r ? { unknown: r.unknown } : {}) })
          }
        }
        at = line.indexOf(fn, at + fn.length)
      }
    }
  }
  return { patterns, routers, plusRouters }
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
  const resolved = resolvePyRef(parts.length > 1 ? parts.slice(0, -1).join('.') : ref, file, pythonBindings(ctx.src.lines(file) ?? [], file), index)
  const target = parts.length > 1 ? resolved?.file : (resolved?.file ?? file)
  if (!target) return undefined
  const lines = ctx.src.lines(target) ?? []
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trimStart()
    if (t.startsWith(`def ${name}(`) || t.startsWith(`async def ${name}(`)) {
      const [from, to] = pythonBody(lines, i)
      return { file: target, from, to }
    }
    if (t.startsWith(`class ${name}(`) || t.startsWith(`class ${name}:`)) {
      let end = i + 1
      while (end < lines.length && end < i + 80 && (lines[end]!.trim() === '' || /^\s/.test(lines[end]!))) end++
      return { file: target, from: i + 1, to: end }
    }
  }
  return undefined
}
