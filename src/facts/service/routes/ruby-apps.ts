import { rubyBody, touchesIn } from '../body.js'
import { FRAMEWORKS } from '../frameworks.js'
import { joinUrl } from '../text.js'
import type { Framework, Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { extractRails } from './rails.js'
import { interpretRuby } from './ruby-dsl.js'
import { rackEndpoints } from './ruby-rack.js'
import { walkRuby, type Item, type UnitInfo, type Walked } from './ruby-walk.js'

/**
 * Routes of the Ruby frameworks beyond Rails — Sinatra, Grape, Hanami, Roda — with full paths.
 * Every candidate file is walked once (ruby-walk.ts, ruby-dsl.ts); each class is a unit whose
 * framework is its superclass chain (`class Root < API::Base`, `class API::Base < Grape::API`).
 * A unit's paths come from where it is mounted: another unit (`mount`, `use`, `r.run`), Rails
 * routes (`mount API::Root => "/"`), config.ru (`map "/api" do run Api end`), else the root. Roda
 * hash branches are served where `r.hash_branches(ns)` names their namespace; Grape's prefix and
 * version go before the namespaces and are inherited by mounted APIs. A Rack endpoint answering a
 * path itself (`case env["PATH_INFO"] when "/health"`) is read by ruby-rack.ts.
 */

const DSL_FRAMEWORKS: readonly Framework[] = ['grape', 'hanami', 'roda', 'sinatra']

/** Superclasses that make a class an app of each framework. */
const BASES: readonly { framework: Framework; base: RegExp }[] = [
  { framework: 'grape', base: /^(?:::)?Grape::API(?:::Instance)?$/ },
  { framework: 'sinatra', base: /^(?:::)?Sinatra::(?:Base|Application)$/ },
  { framework: 'roda', base: /^(?:::)?Roda$/ },
  { framework: 'hanami', base: /^(?:::)?Hanami::(?:Routes|API|Router)$/ }
]

/** Words a candidate file must mention (a cheap filter before the walk). */
const WORDS: readonly string[] = ['Grape::API', 'Sinatra', 'Roda', 'Hanami', 'hash_branch', 'route', 'namespace', 'resource', 'mount', 'get ', 'get(', 'post ', 'run ', '< ']
const MAX_CONTEXTS = 8
const MAX_DEPTH = 8

interface Context {
  readonly mount: string
  readonly prefix?: string
  readonly version?: string
  readonly ns: readonly string[]
  readonly unknown?: string
}

interface Unit {
  readonly key: string
  readonly file: string
  readonly items: Item[]
}

export function extractRubyApps(ctx: ExtractContext): Extracted {
  const ruby = [...ctx.frameworks].filter((f) => FRAMEWORKS[f].ecosystem === 'ruby')
  if (ruby.length === 0) return { routes: [] }
  const routes: Route[] = [...rackEndpoints(ctx, ruby[0]!)]
  if (!ruby.some((f) => DSL_FRAMEWORKS.includes(f))) return { routes }
  const files = ctx.src.files('ruby').filter((f) => f.endsWith('.ru') || ctx.src.mentions(f, WORDS))
  const walked = new Map<string, Walked>()
  for (const f of files) walked.set(f, walkRuby(f, ctx.src.lines(f) ?? [], interpretRuby))
  for (const f of ctx.src.snapshot.files()) {
    if (f.endsWith('.ru') && !walked.has(f) && ctx.src.has(f)) walked.set(f, walkRuby(f, ctx.src.lines(f) ?? [], interpretRuby))
  }
  const classes = new Map<string, UnitInfo>()
  const units = new Map<string, Unit>()
  for (const [file, w] of walked) {
    for (const c of w.classes) if (!classes.has(c.name)) classes.set(c.name, c)
    for (const it of w.items) {
      const key = unitKey(it.unit, it.ns, file)
      const u = units.get(key) ?? { key, file, items: [] }
      u.items.push(it)
      units.set(key, u)
    }
  }
  const resolve = (name: string): string | undefined => {
    if (classes.has(name)) return name
    for (const k of classes.keys()) if (k.endsWith('::' + name) || name.endsWith('::' + k)) return k
    return undefined
  }
  const frameworkOf = memo((name: string, depth: number): Framework | undefined => {
    const c = classes.get(name)
    if (!c || depth > MAX_DEPTH) return undefined
    const base = BASES.find((b) => b.base.test(c.superclass))
    if (base) return base.framework
    const parent = resolve(c.superclass.replace(/\.\w+$/, ''))
    return parent && parent !== name ? frameworkOf(parent, depth + 1) : undefined
  })
  /** Top-level units that serve routes: config.ru, a classic Sinatra file, a Hanami 1 app's routes. */
  const topLevel = (file: string): Framework | undefined => {
    if (file.endsWith('.ru')) return ruby[0]
    // Hanami 1 mounts its apps in config/environment.rb (`mount Web::Application, at: "/"`).
    if (/(^|\/)(apps\/[^/]+\/config\/routes|config\/environment)\.rb$/.test(file) && ctx.frameworks.has('hanami')) return 'hanami'
    const text = ctx.src.text(file) ?? ''
    return /^require\s+["']sinatra["']/m.test(text) ? 'sinatra' : undefined
  }
  const unitFramework = (u: Unit): Framework | undefined => (u.key.startsWith('file:') ? topLevel(u.file) : frameworkOf(u.key.split('\0')[0]!, 0))
  const hanamiApp = (file: string): string | undefined => {
    const dir = /(?:^|\/)apps\/([^/]+)\/config\/routes\.rb$/.exec(file)?.[1]
    return dir ? dir.replace(/(?:^|_)([a-z])/g, (_m, c: string) => c.toUpperCase()) + '::Application' : undefined
  }
  // Mounts into units: from units, from Rails routes, Hanami 1 apps by their directory.
  const mountsOf = new Map<string, { from?: Unit; item?: Item; path?: string }[]>()
  const hanamiApps = new Set([...units.values()].flatMap((u) => (u.key.startsWith('file:') ? [hanamiApp(u.file)] : [])).filter((n): n is string => n !== undefined))
  const addMount = (target: string, m: { from?: Unit; item?: Item; path?: string }): void => {
    const name = hanamiApps.has(target) ? target : resolve(target)
    if (!name) return
    mountsOf.set(name, [...(mountsOf.get(name) ?? []), m])
  }
  for (const u of units.values()) {
    if (!unitFramework(u)) continue
    for (const it of u.items) if (it.action.kind === 'mount') addMount(it.action.target, { from: u, item: it })
  }
  if (ctx.frameworks.has('rails')) {
    for (const r of extractRails(ctx).routes) if (r.handler && /^[A-Z][\w:]*$/.test(r.handler) && !r.library) addMount(r.handler, { path: r.path })
  }
  const settings = (name: string): { prefix?: string; version?: string } => {
    const out: { prefix?: string; version?: string } = {}
    for (const it of units.get(unitKey(name, undefined, ''))?.items ?? []) if (it.action.kind === 'setting') Object.assign(out, it.action.prefix !== undefined ? { prefix: it.action.prefix } : {}, it.action.version !== undefined ? { version: it.action.version } : {})
    return out
  }
  const cache = new Map<string, Context[]>()
  const contexts = (u: Unit, depth: number): Context[] => {
    const hit = cache.get(u.key)
    if (hit) return hit
    if (depth > MAX_DEPTH) return [{ mount: '', ns: [] }]
    cache.set(u.key, [{ mount: '', ns: [] }])
    const [cls, ns] = u.key.startsWith('file:') ? [hanamiApp(u.file), undefined] : u.key.split('\0')
    const out: Context[] = []
    if (ns !== undefined) {
      for (const v of units.values()) {
        if (!v.key.startsWith(cls + '\0') && v.key !== cls) continue
        for (const it of v.items) if (it.action.kind === 'attach' && it.action.ns === ns) for (const c of contexts(v, depth + 1)) out.push({ ...c, ns: [...c.ns, ...it.base] })
      }
      if (out.length === 0) out.push({ mount: '', ns: [], unknown: `hash_branches(${ns || '""'})` })
    } else {
      for (const m of cls ? (mountsOf.get(cls) ?? []) : []) {
        if (m.path !== undefined) out.push({ mount: m.path, ns: [] })
        else for (const c of contexts(m.from!, depth + 1)) out.push({ ...c, ns: [...c.ns, ...m.item!.base, ...(m.item!.action.kind === 'mount' ? m.item!.action.segs : [])] })
      }
      if (out.length === 0) out.push({ mount: '', ns: [] })
      const own = cls ? settings(cls) : {}
      for (let i = 0; i < out.length; i++) out[i] = { ...out[i]!, ...own }
    }
    const capped = out.slice(0, MAX_CONTEXTS)
    cache.set(u.key, capped)
    return capped
  }
  for (const u of units.values()) {
    const framework = unitFramework(u)
    if (!framework) continue
    for (const it of u.items) {
      if (it.action.kind !== 'route') continue
      const a = it.action
      const lines = ctx.src.lines(it.file) ?? []
      const body = it.body
      const action = a.target ? hanamiAction(ctx, a.target) : undefined
      for (const c of contexts(u, 0)) {
        const segs = [...c.ns, ...it.base, ...a.segs]
        const path = joinUrl(c.mount, c.prefix ?? '', c.version ?? '', ...segs)
        routes.push({
          path,
          methods: a.methods,
          framework,
          file: it.file,
          line: it.line + 1,
          ...(c.unknown ? { prefixUnknown: c.unknown } : {}),
          ...(a.handler ? { handler: a.handler } : {}),
          ...(body && !a.target ? { touches: touchesIn(it.file, lines, body[0] + 1, body[1]) } : action ? { touches: action } : {})
        })
      }
    }
  }
  return { routes }
}

function unitKey(unit: string, ns: string | undefined, file: string): string {
  if (unit === '') return `file:${file}`
  return ns === undefined ? unit : `${unit}\0${ns}`
}

function memo<A extends unknown[], R>(fn: (name: string, ...rest: A) => R): (name: string, ...rest: A) => R {
  const seen = new Map<string, R>()
  return (name, ...rest) => {
    if (seen.has(name)) return seen.get(name)!
    const r = fn(name, ...rest)
    seen.set(name, r)
    return r
  }
}

/** The `handle` body of a Hanami action named by `to: "books.index"` (1.x `"books#index"`). */
function hanamiAction(ctx: ExtractContext, target: string): Route['touches'] | undefined {
  const parts = target.split(/[.#]/)
  if (parts.length < 2 || parts.some((p) => !/^[a-z_]\w*$/.test(p))) return undefined
  const suffix = `/${parts.join('/')}.rb`
  const file = ctx.src.files('ruby').find((f) => (f.includes('actions/') || f.includes('controllers/')) && f.endsWith(suffix))
  const lines = file ? ctx.src.lines(file) : undefined
  if (!file || !lines) return undefined
  const at = lines.findIndex((l) => /^\s*def (?:handle|call)\b/.test(l))
  if (at < 0) return undefined
  const [from, to] = rubyBody(lines, at)
  return touchesIn(file, lines, from + 1, to)
}
