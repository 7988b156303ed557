import type { Ecosystem } from './ecosystems.js'
import { dirname as dirOf, joinPath } from './paths.js'
import type { ImportRef } from './usage.js'

/**
 * Resolution of a source file's imports to the service's own files, per ecosystem, for the layer
 * facts: best effort and bounded, never a parser. An import that names a declared dependency or a
 * standard library is not the service's own; one that looks own but matches no file is
 * `unresolved` (a path alias, a generated module).
 */

export interface OwnIndex {
  readonly ecosystem: Ecosystem
  /** Source paths without extension (`app/services/users`) → path. */
  readonly byStem: ReadonlyMap<string, string>
  /** Last stem segment → stems, for suffix lookups. */
  readonly byLast: ReadonlyMap<string, readonly string[]>
  /** Directory → source files directly in it (Go packages). */
  readonly byDir: ReadonlyMap<string, readonly string[]>
  /** Declared dependency names of the ecosystem (node, rust: `-` as `_`). */
  readonly deps: ReadonlySet<string>
  /** Go module paths → their directory. */
  readonly goModules: readonly { readonly path: string; readonly dir: string }[]
}

const STD: Partial<Record<Ecosystem, readonly string[]>> = {
  rust: ['std', 'core', 'alloc'],
}

function stemOf(path: string): string {
  const dot = path.lastIndexOf('.')
  return dot > path.lastIndexOf('/') ? path.slice(0, dot) : path
}

export function buildIndex(ecosystem: Ecosystem, paths: readonly string[], deps: Iterable<string>, goModules: OwnIndex['goModules']): OwnIndex {
  const byStem = new Map<string, string>()
  const byLast = new Map<string, string[]>()
  const byDir = new Map<string, string[]>()
  for (const p of paths) {
    const stem = stemOf(p)
    byStem.set(stem, p)
    const last = stem.slice(stem.lastIndexOf('/') + 1)
    const l = byLast.get(last)
    if (l) l.push(stem)
    else byLast.set(last, [stem])
    const dir = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : ''
    const d = byDir.get(dir)
    if (d) d.push(p)
    else byDir.set(dir, [p])
  }
  return { ecosystem, byStem, byLast, byDir, deps: new Set(deps), goModules }
}

/** Stems ending in `/suffix` (or equal to it); at most a few, else the suffix is too vague to trust. */
function bySuffix(index: OwnIndex, suffix: string, near: string): string[] {
  const last = suffix.slice(suffix.lastIndexOf('/') + 1)
  const stems = (index.byLast.get(last) ?? []).filter((s) => s === suffix || s.endsWith('/' + suffix))
  if (stems.length <= 1) return stems.map((s) => index.byStem.get(s)!)
  // Several candidates: prefer those sharing the longest directory prefix with the importer.
  const score = (s: string): number => {
    let k = 0
    while (k < s.length && k < near.length && s[k] === near[k]) k++
    return k
  }
  const best = Math.max(...stems.map(score))
  const chosen = stems.filter((s) => score(s) === best)
  return chosen.length <= 3 ? chosen.map((s) => index.byStem.get(s)!) : []
}

function stemFile(index: OwnIndex, stem: string | undefined, tails: readonly string[]): string | undefined {
  if (stem === undefined) return undefined
  for (const t of tails) {
    const hit = index.byStem.get(stem + t)
    if (hit) return hit
  }
  return undefined
}

/** Names imported by a one-line `from x import a, b as c` (not `*`, not parenthesised continuations). */
function fromNames(text: string): string[] {
  const at = text.indexOf(' import ')
  if (!text.startsWith('from ') || at < 0) return []
  return text
    .slice(at + 8)
    .replace(/[()]/g, '')
    .split(',')
    .map((p) => p.trim().split(/\s+/)[0]!)
    .filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n))
}

const camelToSnake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()

/**
 * The own files an import names: `[]` when it is not the service's own (a dependency, the
 * standard library), `null` when it looks own but could not be resolved.
 */
export function resolveImport(index: OwnIndex, from: string, imp: ImportRef): readonly string[] | null {
  const m = imp.module
  const here = dirOf(from)
  switch (index.ecosystem) {
    case 'python': {
      if (m.startsWith('.')) {
        let dots = 0
        while (m[dots] === '.') dots++
        let dir: string | undefined = here
        for (let d = 1; d < dots && dir !== undefined; d++) dir = dir ? dirOf(dir) : undefined
        const rest = m.slice(dots).replace(/\./g, '/')
        const stem = dir === undefined ? undefined : rest ? (dir ? `${dir}/${rest}` : rest) : dir
        const named = stem === undefined ? [] : fromNames(imp.text).map((n) => index.byStem.get(stem ? `${stem}/${n}` : n)).filter((x): x is string => x !== undefined)
        if (named.length > 0) return named
        const f = stemFile(index, stem, ['', '/__init__'])
        return f ? [f] : null
      }
      const top = m.split('.')[0]!
      if (index.deps.has(top.toLowerCase())) return []
      const rel = m.replace(/\./g, '/')
      // `from app import svc`: the names may be modules of the package.
      const named = fromNames(imp.text).flatMap((n) => bySuffix(index, `${rel}/${n}`, from))
      if (named.length > 0) return named
      const hits = bySuffix(index, rel, from)
      if (hits.length > 0) return hits
      const init = bySuffix(index, rel + '/__init__', from)
      if (init.length > 0) return init
      // Only a dotted module under a known package of the service is "own but unresolved".
      return m.includes('.') && index.byLast.has(m.split('.').pop()!) ? null : []
    }
    case 'node': {
      if (m.startsWith('.')) {
        const f = stemFile(index, joinPath(here, m.replace(/\.(js|mjs|cjs|ts|tsx|jsx)$/, '')), ['', '/index'])
        return f ? [f] : null
      }
      const first = m.startsWith('@') ? m.split('/').slice(0, 2).join('/') : m.split('/')[0]!
      if (index.deps.has(first) || m.startsWith('node:')) return []
      // Path aliases: `@/lib/x`, `~/x`, `@server/models`, `src/x`, `#lib/x`.
      if (!/^(@[^/]*\/|~\/|#|src\/|app\/|lib\/|server\/)/.test(m)) return []
      // ESM aliases name the file with its extension (`~/src/service/index.js`), as relative imports do.
      const rest = m.replace(/^(@[^/]*\/|~\/|#)/, '').replace(/\.(js|mjs|cjs|ts|tsx|jsx)$/, '')
      const hits = [...bySuffix(index, rest, from), ...bySuffix(index, rest + '/index', from)]
      return hits.length > 0 ? hits : null
    }
    case 'go': {
      for (const mod of index.goModules) {
        if (m !== mod.path && !m.startsWith(mod.path + '/')) continue
        const sub = m.slice(mod.path.length + 1)
        const dir = [mod.dir, sub].filter(Boolean).join('/')
        const files = index.byDir.get(dir)
        return files ? files.slice(0, 40) : null
      }
      return []
    }
    case 'java': {
      const segs = m.split('.')
      if (segs.length < 2) return []
      for (let n = segs.length; n >= 2; n--) {
        const hits = bySuffix(index, segs.slice(0, n).join('/'), from)
        if (hits.length > 0) return hits
      }
      return []
    }
    case 'php': {
      const segs = m.split('\\')
      if (segs.length < 2) return []
      const hits = bySuffix(index, segs.slice(1).join('/'), from)
      return hits.length > 0 ? hits : []
    }
    case 'elixir': {
      const segs = m.split('.')
      if (segs.length < 2) return []
      const hits = bySuffix(index, segs.map(camelToSnake).join('/'), from)
      return hits.length > 0 ? hits : []
    }
    case 'rust': {
      const segs = m.split('::')
      const first = segs[0]!
      if ((STD.rust ?? []).includes(first)) return []
      let base: string | undefined
      let rest = segs.slice(1)
      if (first === 'crate') {
        const src = from.includes('/src/') ? from.slice(0, from.lastIndexOf('/src/') + 4) : from.startsWith('src/') ? 'src' : undefined
        base = src
      } else if (first === 'super' || first === 'self') {
        base = first === 'super' ? dirOf(here.endsWith('/src') ? here : here) : here
        if (first === 'super' && /\/mod$|\/lib$|\/main$/.test(stemOf(from))) base = dirOf(here)
      } else if (index.deps.has(first)) return []
      else {
        // A workspace crate: `lemmy_db_schema::source::post` → `…/db_schema/src/source/post.rs`.
        const roots = [...index.byStem.keys()].filter((s) => s.endsWith('/src/lib')).filter((s) => {
          const crate = s.slice(0, -8)
          const name = crate.slice(crate.lastIndexOf('/') + 1).replace(/-/g, '_')
          return name === first || first.endsWith('_' + name)
        })
        if (roots.length === 0) return []
        base = roots[0]!.slice(0, -4)
        rest = segs.slice(1)
      }
      if (base === undefined) return null
      for (let n = rest.length; n >= 0; n--) {
        const stem = [base, ...rest.slice(0, n)].join('/')
        const f = n === 0 ? stemFile(index, base, ['/lib', '/main', '/mod']) : stemFile(index, stem, ['', '/mod'])
        if (f && f !== from) return [f]
      }
      return null
    }
    default:
      return []
  }
}
