import { memoKey } from '../../run-memo.js'
import type { Manifest } from '../../manifests/types.js'
import { dirname } from '../../paths.js'
import { ownPackage } from '../../manifests/own-package.js'
import type { ExtractContext } from './context.js'
import { lexRust } from './rust-lex.js'
import { parseRust, type RsFile, type RsFn } from './rust-syntax.js'

const RUST_REEXPORTS = memoKey<RsFile>('rustReexports')

const RUST_PARSE = memoKey<RsFile>('rustParse')

/**
 * Where things are in a Rust code base, for the route scan: each file's crate and module path
 * (`crates/api/src/v1/health.rs` in crate `api` is `api::v1::health`; `mod.rs`, `lib.rs` and
 * `main.rs` name their directory), the functions of the parsed files, and how a path written in
 * code (`health::router`, `crate::api::web_routes`, `lemmy_api_routes::config`, a name brought in
 * by `use … as …`) reaches a function: by module-path suffix, through the file's `use`
 * declarations, and through re-exports (`pub use web::routes as web_routes`).
 */

export interface FnRef {
  readonly file: string
  readonly fn: RsFn
  /** Crate, file modules and inline modules: `svix_server::v1::endpoints::health`. */
  readonly module: readonly string[]
}

const EMPTY: RsFile = { fns: [], uses: [], consts: new Map(), items: [] }

/** The parse of one file, once per route scan (the index and the value readers share it). */
export function parsedFile(ctx: ExtractContext, file: string): RsFile {
  const text = ctx.src.text(file)
  if (text === undefined) return EMPTY
  return ctx.memo.get(RUST_PARSE, file, () => parseRust(lexRust(text)))
}

/** `pub use …;` declarations of a file, without reading the rest of it (lexed statement by statement). */
const PUB_USE = /\bpub(?:\([^)\n]{0,40}\))?[ \t]+use[ \t][^;]{1,2000};/g

function reexportsOf(ctx: ExtractContext, file: string): RsFile {
  const text = ctx.src.text(file)
  if (text === undefined || !text.includes('pub use')) return EMPTY
  return ctx.memo.get(RUST_REEXPORTS, file, () => {
    const snippets = text.match(PUB_USE) ?? []
    const uses = snippets.slice(0, 500).flatMap((s) => parseRust(lexRust(s)).uses)
    return { ...EMPTY, uses }
  })
}

export class RustIndex {
  private readonly crates: { dir: string; ident: string }[]
  private readonly byName = new Map<string, FnRef[]>()
  private readonly files = new Map<string, RsFile>()
  /** `pub use … as name` of every parsed file: name → the re-exporting module and the target path. */
  private readonly reexports = new Map<string, { module: readonly string[]; path: readonly string[]; file: string }[]>()

  constructor(
    private readonly ctx: ExtractContext,
    files: readonly string[]
  ) {
    this.crates = crateDirs(ctx)
    for (const file of files) this.add(file)
  }

  /** Adds a file: parsed whole, or (`usesOnly`) only its `pub use` declarations, for re-exports. */
  add(file: string, usesOnly = false): RsFile {
    const known = this.files.get(file)
    if (known) return known
    const parsed = usesOnly ? reexportsOf(this.ctx, file) : parsedFile(this.ctx, file)
    this.files.set(file, parsed)
    const base = this.moduleOf(file)
    for (const fn of parsed.fns) {
      const ref: FnRef = { file, fn, module: [...base, ...fn.mods] }
      const list = this.byName.get(fn.name)
      if (list) list.push(ref)
      else this.byName.set(fn.name, [ref])
    }
    for (const u of parsed.uses) {
      const last = u.path[u.path.length - 1]
      if (last === undefined || last === u.name) continue
      const list = this.reexports.get(u.name) ?? []
      list.push({ module: [...base, ...u.mods], path: u.path, file })
      this.reexports.set(u.name, list)
    }
    return parsed
  }

  private decls: ReadonlyMap<string, readonly { file: string; line: number }[]> | undefined

  /** Every `fn name` line of the crate sources, built once on first use by `build`. */
  declarations(build: () => ReadonlyMap<string, readonly { file: string; line: number }[]>): ReadonlyMap<string, readonly { file: string; line: number }[]> {
    this.decls ??= build()
    return this.decls
  }

  /** A string constant of the parsed files, the file's crate first. */
  constant(name: string, file: string): string | undefined {
    const crate = this.crateOf(file)
    let other: string | undefined
    for (const [path, parsed] of this.files) {
      const v = parsed.consts.get(name)
      if (v === undefined) continue
      if (this.crateOf(path) === crate) return v
      other ??= v
    }
    return other
  }

  file(path: string): RsFile {
    return this.files.get(path) ?? EMPTY
  }

  /** The crate identifier (`lemmy_api_routes`) and module path of a file. */
  moduleOf(file: string): string[] {
    let best: { dir: string; ident: string } | undefined
    for (const c of this.crates) if ((c.dir === '' || file.startsWith(c.dir + '/')) && (!best || c.dir.length > best.dir.length)) best = c
    const rel = best && best.dir !== '' ? file.slice(best.dir.length + 1) : file
    const parts = rel.split('/')
    if (parts[0] === 'src') parts.shift()
    const last = parts.pop() ?? ''
    if (last !== 'lib.rs' && last !== 'main.rs' && last !== 'mod.rs') parts.push(last.replace(/\.rs$/, ''))
    return [best?.ident ?? '', ...parts]
  }

  /** The crate a file belongs to (its directory). */
  crateOf(file: string): string {
    let best = ''
    for (const c of this.crates) if ((c.dir === '' || file.startsWith(c.dir + '/')) && c.dir.length >= best.length) best = c.dir
    return best
  }

  /**
   * The functions a path written in `file` (inside inline modules `mods`) may call, best first:
   * the same file, then `use` declarations, then by module-path suffix in the same crate, then
   * anywhere; re-exports are followed. Empty when nothing matches.
   */
  private readonly resolved = new Map<string, FnRef[]>()

  resolve(file: string, mods: readonly string[], segs: readonly string[], depth = 0): FnRef[] {
    if (depth > 4) return []
    if (depth === 0) {
      const key = `${file}\0${mods.join('::')}\0${segs.join('::')}`
      let hit = this.resolved.get(key)
      if (!hit) {
        hit = this.resolve(file, mods, segs, 1)
        this.resolved.set(key, hit)
      }
      return hit
    }
    const path = clean(segs)
    if (path.length === 0) return []
    // A first segment brought in by `use` stands for its path.
    const head = this.file(file).uses.find((u) => u.name === path[0] && startsWith(mods, u.mods))
    if (head) {
      const viaUse = this.byQualifiers(file, mods, clean([...head.path, ...path.slice(1)]), depth)
      if (viaUse.length > 0) return viaUse
    }
    return this.byQualifiers(file, mods, path, depth)
  }

  private byQualifiers(file: string, mods: readonly string[], path: readonly string[], depth: number): FnRef[] {
    const name = path[path.length - 1]!
    const quals = path.slice(0, -1)
    const all = this.byName.get(name) ?? []
    if (quals.length === 0) {
      const here = all.filter((r) => r.file === file)
      if (here.length > 0) return rank(here.filter((r) => startsWith(r.fn.mods, mods)).length > 0 ? here.filter((r) => startsWith(r.fn.mods, mods)) : here)
      const crate = this.crateOf(file)
      const same = all.filter((r) => this.crateOf(r.file) === crate)
      return same.length === 1 ? same : all.length === 1 ? all : []
    }
    const hits = all.filter((r) => endsWith(r.module, quals))
    if (hits.length > 0) {
      const crate = this.crateOf(file)
      const same = hits.filter((r) => this.crateOf(r.file) === crate)
      return rank(same.length > 0 ? same : hits)
    }
    // `api::web_routes`: a module that re-exports a function under another name.
    for (const r of this.reexports.get(name) ?? []) {
      if (!endsWith(r.module, quals)) continue
      const target = this.resolve(r.file, [], r.path, depth + 1)
      if (target.length > 0) return target
    }
    return []
  }
}

/** At most a few candidates, in a stable order (a name shared by many modules is not guessed at). */
function rank(refs: readonly FnRef[]): FnRef[] {
  return refs.length > 3 ? [] : [...refs]
}

/** A path without `crate`, `self` and `super` (module paths are matched by suffix anyway). */
function clean(segs: readonly string[]): string[] {
  return segs.filter((s) => s !== 'crate' && s !== 'self' && s !== 'super' && s !== '')
}

function startsWith(a: readonly string[], b: readonly string[]): boolean {
  return b.length <= a.length && b.every((s, k) => a[k] === s)
}

function endsWith(a: readonly string[], b: readonly string[]): boolean {
  return b.length <= a.length && b.every((s, k) => a[a.length - b.length + k] === s)
}

/** Directories of the repository's crates with their identifiers (`lemmy-api-routes` → `lemmy_api_routes`). */
function crateDirs(ctx: ExtractContext): { dir: string; ident: string }[] {
  const out: { dir: string; ident: string }[] = []
  for (const m of ctx.manifests.manifests as readonly Manifest[]) {
    if (m.ecosystem !== 'rust') continue
    const own = ownPackage(ctx.src.snapshot, m)
    out.push({ dir: dirname(m.path), ident: (own?.name ?? m.dir.slice(m.dir.lastIndexOf('/') + 1)).replace(/-/g, '_') })
  }
  return out
}
