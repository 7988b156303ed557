import { dirname } from '../paths.js'
import { readLiteral } from './text.js'

/**
 * Python import resolution for the route graph, best effort: `from app.api import users` then
 * `users.router` → (`app/api/users.py`, `router`). Modules resolve against the repository root
 * and every directory that holds the importing package (so `src/` layouts and monorepo services
 * work), relative imports against the importing file.
 */

export interface PyBinding {
  /** Absolute module, or a relative one (`.routes`) already made absolute by file path below. */
  readonly module: string
  readonly attr?: string
  /** Directory the relative import is anchored at, when the import was relative. */
  readonly baseDir?: string
}

/** `name → binding` for the imports of one file (single-line and parenthesised forms). */
export function pythonBindings(lines: readonly string[], file: string): Map<string, PyBinding> {
  const out = new Map<string, PyBinding>()
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim()
    if (t.startsWith('from ')) {
      const sp = t.indexOf(' import ')
      if (sp < 0) continue
      let module = t.slice(5, sp).trim()
      let names = t.slice(sp + 8).trim()
      if (names.startsWith('(')) {
        names = names.slice(1)
        for (let k = i + 1; !names.includes(')') && k < lines.length && k < i + 60; k++) names += ',' + lines[k]!.trim()
        names = names.replace(')', '')
      }
      let baseDir: string | undefined
      if (module.startsWith('.')) {
        let dots = 0
        while (module[dots] === '.') dots++
        let dir = dirname(file)
        for (let d = 1; d < dots; d++) dir = dirname(dir)
        baseDir = dir
        module = module.slice(dots)
      }
      for (const raw of names.split(',')) {
        const part = raw.split('#')[0]!.trim()
        if (!part || part === '*') continue
        const [name, alias] = part.split(/\s+as\s+/)
        out.set((alias ?? name!).trim(), { module, attr: name!.trim(), ...(baseDir !== undefined ? { baseDir } : {}) })
      }
    } else if (t.startsWith('import ')) {
      for (const raw of t.slice(7).split(',')) {
        const [name, alias] = raw.trim().split(/\s+as\s+/)
        if (!name) continue
        out.set((alias ?? name.split('.')[0]!).trim(), { module: alias ? name.trim() : name.split('.')[0]! })
      }
    }
  }
  return out
}

/** Finds the file of a module, or undefined. `files` is the set of Python files. */
export function moduleFile(module: string, files: PyIndex, baseDir?: string): string | undefined {
  const rel = module.split('.').filter(Boolean).join('/')
  if (baseDir !== undefined) {
    const base = baseDir === '' ? rel : rel === '' ? baseDir : `${baseDir}/${rel}`
    return files.exact(base + '.py') ?? files.exact(base + '/__init__.py')
  }
  return files.suffix(rel + '.py') ?? files.suffix(rel + '/__init__.py')
}

export interface PyIndex {
  exact(path: string): string | undefined
  /** The shortest file path equal to or ending in `/suffix`. */
  suffix(suffix: string): string | undefined
}

export function pyIndex(files: readonly string[]): PyIndex {
  const set = new Set(files)
  const byBase = new Map<string, string[]>()
  for (const f of files) {
    const b = f.slice(f.lastIndexOf('/') + 1)
    const list = byBase.get(b) ?? []
    list.push(f)
    byBase.set(b, list)
  }
  return {
    exact: (p) => (set.has(p) ? p : undefined),
    suffix: (s) => {
      const b = s.slice(s.lastIndexOf('/') + 1)
      let best: string | undefined
      for (const f of byBase.get(b) ?? []) {
        if ((f === s || f.endsWith('/' + s)) && (best === undefined || f.length < best.length)) best = f
      }
      return best
    }
  }
}

/**
 * Resolves a dotted reference used in `file` (`users.router`, `api_router`, `app.urls`) to a
 * file and a variable. A bare name not imported is a variable of the same file.
 */
export function resolvePyRef(ref: string, file: string, bindings: Map<string, PyBinding>, files: PyIndex): { file: string; name?: string } | undefined {
  const parts = ref.split('.')
  const head = parts[0]!
  const b = bindings.get(head)
  if (!b) return parts.length === 1 ? { file, name: head } : undefined
  const dotted = [...(b.module ? b.module.split('.') : []), ...(b.attr ? [b.attr] : []), ...parts.slice(1)]
  for (let n = dotted.length; n >= 0; n--) {
    const mod = dotted.slice(0, n).join('.')
    if (n === 0 && b.baseDir === undefined) break
    const f = moduleFile(mod, files, b.baseDir)
    if (f) {
      const rest = dotted.slice(n)
      return rest.length === 0 ? { file: f } : { file: f, name: rest[0]! }
    }
  }
  return undefined
}

/** Module-level string constants of one file: `NAME = "…"` and `NAME: str = "…"`. */
export function pythonConstants(lines: readonly string[], out: Map<string, string> = new Map(), indented = false): Map<string, string> {
  for (const line of lines) {
    if (!indented && (line.startsWith(' ') || line.startsWith('\t'))) continue
    const t = line.trim()
    const m = /^([A-Za-z_][A-Za-z0-9_]{0,80})\s*(?::\s*[A-Za-z_][\w.[\] |]{0,60})?=\s*/.exec(t)
    if (!m || t[m[0].length] === '=') continue
    const lit = readLiteral(t, m[0].length)
    if (lit && !lit.template && t.slice(lit.end).trim().split('#')[0] === '') {
      const name = m[1]!
      if (out.has(name) && out.get(name) !== lit.value) out.set(name, '\0conflict')
      else out.set(name, lit.value)
    }
  }
  return out
}
