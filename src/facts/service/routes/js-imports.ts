import { dirname, joinPath } from '../../paths.js'
import { readLiteral } from '../text.js'

/**
 * JavaScript/TypeScript import resolution for the route graph: relative specifiers only
 * (`./routes/users`, `../api.js`), with the usual extension and `index` fallbacks. Packages are
 * never followed.
 */

export interface JsBinding {
  readonly file: string
  /** Imported name; undefined for a default or namespace import. */
  readonly name?: string
}

const EXTENSIONS = ['', '.ts', '.js', '.mjs', '.cjs', '.tsx', '.jsx', '/index.ts', '/index.js', '/index.mjs']

export function resolveSpecifier(spec: string, from: string, has: (p: string) => boolean): string | undefined {
  if (!spec.startsWith('.')) return undefined
  const base = joinPath(dirname(from), spec)
  if (base === undefined) return undefined
  const stems = [base]
  if (/\.(m|c)?js$/.test(base)) stems.push(base.replace(/\.(m|c)?js$/, ''))
  for (const stem of stems) for (const ext of EXTENSIONS) if (has(stem + ext) && !(ext === '' && stem === base && !/\.[cm]?[jt]sx?$/.test(stem))) return stem + ext
  return undefined
}

/** `name → binding` for the relative imports of one file. */
export function jsBindings(lines: readonly string[], file: string, has: (p: string) => boolean): Map<string, JsBinding> {
  const out = new Map<string, JsBinding>()
  for (const raw of lines) {
    const t = raw.trim()
    let clause: string | undefined
    let spec: string | undefined
    if (t.startsWith('import ')) {
      const from = t.lastIndexOf(' from ')
      if (from < 0) continue
      spec = readLiteral(t, from + 6)?.value
      clause = t.slice(7, from).replace(/^type\s+/, '')
    } else {
      const req = t.indexOf('require(')
      const eq = t.indexOf('=')
      if (req < 0 || eq < 0 || eq > req) continue
      spec = readLiteral(t, req + 8)?.value
      clause = t.slice(0, eq).replace(/^(const|let|var)\s+/, '')
    }
    if (!spec || !clause) continue
    const file2 = resolveSpecifier(spec, file, has)
    if (!file2) continue
    clause = clause.trim()
    const brace = clause.indexOf('{')
    if (brace >= 0) {
      const before = clause.slice(0, brace).replace(',', '').trim()
      if (before) out.set(before, { file: file2 })
      for (const part of clause.slice(brace + 1, clause.indexOf('}') < 0 ? undefined : clause.indexOf('}')).split(',')) {
        const [name, alias] = part.trim().split(/\s+as\s+|\s*:\s*/)
        if (name) out.set((alias ?? name).trim(), { file: file2, name: name.trim() })
      }
    } else {
      const ns = /^\*\s+as\s+(\w+)$/.exec(clause)
      out.set(ns ? ns[1]! : clause, { file: file2 })
    }
  }
  return out
}

/** The variable a module exports by default (`export default router`, `module.exports = router`). */
export function defaultExport(lines: readonly string[]): string | undefined {
  for (const l of lines) {
    const m = /^\s*(?:export\s+default|module\.exports\s*=)\s*([A-Za-z_$][\w$]*)\s*;?\s*$/.exec(l)
    if (m) return m[1]
  }
  return undefined
}
