import { segments, type RubyArg, type RubyCall } from './ruby-source.js'
import type { Action, Interpreter, WalkState } from './ruby-walk.js'

/**
 * What each statement of the Ruby routing DSLs declares, as one interpreter: the DSLs share
 * words (`get`, `namespace`, `mount`) and a class's framework is decided afterwards by its
 * superclass chain (ruby-apps.ts), so a file is walked once whatever it holds.
 *
 * - Sinatra: `get "/x" do`, `namespace "/api" do` (sinatra-contrib), `use OtherApp`.
 * - Grape: verbs with an optional path (`get ":id"`, `post do`), `namespace`/`resource(s)`/
 *   `group`/`segment` blocks, `route_param :id`, `route :any, "*path"`, `prefix`, `version`
 *   (a path segment unless `using:` says header, param or accept-version header), `mount
 *   Other::API` (`=> "/path"`), and grape-swagger's `add_swagger_documentation` (served at its
 *   `mount_path`, default `/swagger_doc`, below prefix and version).
 * - Hanami: `get "/books", to: "books.index"` (1.x `"books#index"`), `root to:`, `scope "api" do`,
 *   `slice :admin, at: "/admin" do`, `mount App, at: "/x"`, 1.x `resources :books`.
 * - Roda: calls on the block's request variable: `r.on`/`r.is`/verbs with string, symbol,
 *   class or regexp matchers (all but strings are parameters), `r.root`, `r.run App`,
 *   `r.hash_branches(ns)`/`r.multi_route`, and at class level `route do |r|`, `hash_branch(ns,
 *   "seg") do |r|`, multi_route's `route("seg") do |r|`.
 * - config.ru: `map "/x" do`, `run App`, `run ->(env) { … }` (an inline Rack endpoint).
 *
 * Traps: a verb inside a method body is an HTTP client call; Grape's `resources :x` opens a
 * block while Hanami 1's declares routes; a Roda symbol is a matcher (a parameter), Grape's a name.
 */

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'link', 'unlink'])
const GRAPE_BLOCKS = new Set(['namespace', 'resource', 'resources', 'group', 'segment', 'scope'])
const RODA_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options'])

/** Path segments a string or symbol argument names, as a name (`:books` → books). */
function named(a: RubyArg | undefined): string[] | undefined {
  if (a?.kind === 'string') return segments(a.value)
  if (a?.kind === 'symbol') return [a.value]
  return undefined
}

/** A Roda matcher: strings are literal, everything else captures a segment. */
function rodaSegs(args: readonly RubyArg[]): string[] {
  const out: string[] = []
  for (const a of args) {
    if (a.kind === 'string') out.push(...segments(a.value))
    else if (a.kind === 'symbol') out.push(':' + a.value)
    else if (a.kind === 'const' || a.kind === 'regexp') out.push(':param')
  }
  return out
}

function pair(args: readonly RubyArg[], key: string): string | undefined {
  for (const a of args) if (a.kind === 'pair' && a.key === key) return a.value
  return undefined
}

/** A constant being mounted or run (`Api`, `Admin::App.app`, `Web.new`), without the call. */
function constant(a: RubyArg | undefined): string | undefined {
  if (!a) return undefined
  const text = a.kind === 'const' ? a.value : a.kind === 'other' ? a.text : undefined
  return text ? /^([A-Z][\w]*(?:::[A-Z]\w*)*)/.exec(text)?.[1] : undefined
}

/** Namespaces of hash branches: strings by their path, symbols by name. */
function namespace(a: RubyArg | undefined): string | undefined {
  if (a?.kind === 'string') return segments(a.value).length ? '/' + segments(a.value).join('/') : ''
  if (a?.kind === 'symbol') return ':' + a.value
  return undefined
}

function roda(call: RubyCall, state: WalkState): Action | undefined {
  const { name, args } = call
  if (call.receiver !== undefined) {
    if (call.receiver !== state.requestVar) return undefined
    if (name === 'on') return { kind: 'push', segs: rodaSegs(args) }
    if (name === 'is') return { kind: 'route', methods: ['ANY'], segs: rodaSegs(args) }
    if (RODA_VERBS.has(name)) return { kind: 'route', methods: [name.toUpperCase()], segs: rodaSegs(args) }
    if (name === 'root') return { kind: 'route', methods: ['GET'], segs: [] }
    if (name === 'run') {
      const target = constant(args[0])
      return target ? { kind: 'mount', target, segs: [] } : undefined
    }
    if (name === 'hash_branches' || name === 'multi_route') {
      if (args.length === 0) return { kind: 'attach' }
      const ns = namespace(args[0])
      return ns !== undefined ? { kind: 'attach', ns } : undefined
    }
    return undefined
  }
  if (state.requestVar !== undefined || !call.blockVar) return undefined
  if (name === 'route' && args.length === 0) return { kind: 'tree' }
  if (name === 'hash_branch' || name === 'route') {
    const [nsArg, segArg] = args.length >= 2 ? (name === 'route' ? [args[1], args[0]] : [args[0], args[1]]) : [undefined, args[0]]
    const ns = nsArg === undefined ? '' : namespace(nsArg)
    const segs = segArg?.kind === 'string' ? segments(segArg.value) : undefined
    return ns !== undefined && segs ? { kind: 'branch', ns, segs } : undefined
  }
  return undefined
}

function mount(call: RubyCall): Action | undefined {
  const head = call.args[0]
  // Grape `mount Api => "/x"` reads as one argument; Hanami `mount Api, at: "/x"`.
  const text = head?.kind === 'other' ? head.text : head?.kind === 'const' ? head.value : ''
  const m = /^([A-Z][\w]*(?:::[A-Z]\w*)*)(?:\.\w+)?(?:\s*=>\s*["']([^"']*)["'])?/.exec(text)
  if (!m) return undefined
  return { kind: 'mount', target: m[1]!, segs: segments(m[2] ?? pair(call.args, 'at') ?? '') }
}

function swaggerDoc(state: WalkState): Action {
  const path = /mount_path:\s*["']([^"']*)["']/.exec(state.callText())?.[1] ?? '/swagger_doc'
  return { kind: 'route', methods: ['GET'], segs: segments(path), handler: 'add_swagger_documentation' }
}

export const interpretRuby: Interpreter = (call, state, code) => {
  if (state.inDef) return undefined
  const r = roda(call, state)
  if (r || call.receiver !== undefined || state.requestVar !== undefined) return r
  const { name, args } = call
  // A block left open, or a one-line brace block (`get { Order.all }`).
  const opens = /\bdo\s*(?:\|[^|]*\|)?$|\{\s*(?:\|[^|]*\|)?$|\{.*\}$/.test(code)
  if (VERBS.has(name)) {
    const first = args[0]
    // Grape paths may be relative (`get ":id"`) or absent (`post do`); a verb without either opens a block.
    const segs = first?.kind === 'string' ? segments(first.value) : first?.kind === 'symbol' ? [':' + first.value] : first?.kind === 'regexp' ? [':param'] : first === undefined || first.kind === 'pair' ? [] : undefined
    if (!segs) return undefined
    if (first === undefined && !opens) return undefined
    const to = pair(args, 'to')
    return { kind: 'route', methods: [name.toUpperCase()], segs, ...(to ? { handler: to, target: to } : {}) }
  }
  if (name === 'root') {
    const to = pair(args, 'to') ?? (args[0]?.kind === 'string' ? args[0].value : undefined)
    // Hanami 2 also answers from a block: `root { "Hello" }`.
    return to !== undefined ? { kind: 'route', methods: ['GET'], segs: [], handler: to, target: to } : /\{.*\}\s*$/.test(code) || opens ? { kind: 'route', methods: ['GET'], segs: [] } : undefined
  }
  if (name === 'route' && args.length >= 1 && args[0]!.kind !== 'pair') {
    const p = args[1]?.kind === 'string' ? segments(args[1].value) : []
    return { kind: 'route', methods: ['ANY'], segs: p }
  }
  if (name === 'route_param') {
    const p = named(args[0])
    return p && opens ? { kind: 'push', segs: p.map((s) => ':' + s.replace(/^:/, '')) } : undefined
  }
  if (name === 'resources' && !opens) {
    const p = named(args[0])
    return p ? { kind: 'route', methods: ['ANY'], segs: p, handler: `${p.join('/')}#index` } : undefined
  }
  if (GRAPE_BLOCKS.has(name) || name === 'map') {
    if (!opens) return undefined
    return { kind: 'push', segs: named(args[0]) ?? [] }
  }
  if (name === 'slice') return opens ? { kind: 'push', segs: segments(pair(args, 'at') ?? '') } : undefined
  if (name === 'mount') return mount(call)
  if (name === 'use' || name === 'run') {
    if (name === 'run' && /^run\s*(?:\(\s*)?(?:->|lambda\b|proc\b|Proc\.new)/.test(code)) return { kind: 'route', methods: ['ANY'], segs: [], handler: 'inline rack endpoint' }
    const target = constant(args[0])
    return target ? { kind: 'mount', target, segs: [] } : undefined
  }
  if (name === 'prefix') {
    const p = named(args[0])
    return p ? { kind: 'setting', prefix: p.join('/') } : undefined
  }
  if (name === 'version') {
    const v = args[0]?.kind === 'string' || args[0]?.kind === 'symbol' ? args[0].value : undefined
    const using = pair(args, 'using')
    if (v === undefined) return undefined
    return { kind: 'setting', version: using === undefined || using === ':path' ? v : '' }
  }
  if (name === 'add_swagger_documentation') return swaggerDoc(state)
  return undefined
}
