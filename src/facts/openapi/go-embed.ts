import { isVendored } from '../excluded.js'
import { safeMinimatch } from '../safe-glob.js'
import type { SourceSet } from '../service/files.js'
import { joinUrl } from '../service/text.js'
import type { ServiceFacts } from '../service/types.js'
import { dirname } from '../paths.js'
import type { SpecDoc, SpecGenerator } from './types.js'

/**
 * A Go package that embeds a committed OpenAPI document into the binary (`//go:embed spec.json`
 * above `var spec string`) and hands it out from one of its functions that a route names
 * (`g.GET("/swagger", docs.Serve)`, where `docs` is that package): the document is served at that
 * route.
 *
 * Traps: an embedded spec no route reaches is a build input (a generator's template, a validator's
 * fixture), not a publication; a handler is matched by package and function name, never by its last
 * word alone (`Serve`, `Handler` are everywhere); patterns are resolved from the embedding file's
 * directory, as the compiler does, and a pattern naming a directory embeds the files below it; a
 * package whose name differs from its directory's is not found.
 */

const EMBED = /^\s*\/\/go:embed\s+(.+)$/
const FUNC = /^func\s+(?:\([^)]{0,200}\)\s*)?([A-Za-z_]\w{0,80})\s*\(/
const PACKAGE = /^package\s+([A-Za-z_]\w*)/
const TOKENS: readonly string[] = ['//go:embed']
const MAX_SERVED = 3

/** Embed patterns as written: space-separated, each optionally quoted. */
function patternsOf(text: string): string[] {
  return [...text.matchAll(/"([^"]+)"|`([^`]+)`|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!).filter((p) => !p.startsWith('//'))
}

function embeds(pattern: string, dir: string, path: string): boolean {
  const full = dir === '' ? pattern.replace(/^all:/, '') : `${dir}/${pattern.replace(/^all:/, '')}`
  if (full.includes('..')) return false
  return path === full || path.startsWith(full.replace(/\/+$/, '') + '/') || safeMinimatch(path, full)
}

export function goEmbeddedSpecs(src: SourceSet, specs: readonly SpecDoc[], service: ServiceFacts): SpecGenerator[] {
  const own = specs.filter((s) => s.notOwn === null)
  const routes = service.routes.filter((r) => r.file.endsWith('.go') && r.handler !== undefined)
  if (own.length === 0 || routes.length === 0) return []
  const out: SpecGenerator[] = []
  // Every Go file of the repository, not only the service's sources: the embedding package often
  // lives in `docs/`, which is no source tree of the service but is compiled into it.
  // Only the packages a handler can name are read: the directory named like a handler's qualifier
  // (`docs.Serve` → `…/docs/`; Go packages are named after their directory, by convention), and
  // the directory of a route that names a bare function.
  const qualifiers = new Set<string>()
  const routeDirs = new Set<string>()
  for (const r of routes) {
    const h = r.handler!.replace(/\(.*$/, '').trim()
    const dot = h.lastIndexOf('.')
    if (dot > 0) qualifiers.add(h.slice(0, dot))
    else routeDirs.add(dirname(r.file))
  }
  const candidate = (p: string): boolean => {
    const d = dirname(p)
    return routeDirs.has(d) || qualifiers.has(d.slice(d.lastIndexOf('/') + 1))
  }
  const goFiles = src.snapshot.files().filter((p) => p.endsWith('.go') && !p.endsWith('_test.go') && candidate(p) && !isVendored(p))
  for (const file of goFiles) {
    if (out.length >= MAX_SERVED) break
    if (!src.mentions(file, TOKENS)) continue
    const lines = src.lines(file)
    if (!lines) continue
    const dir = dirname(file)
    for (let i = 0; i < lines.length && out.length < MAX_SERVED; i++) {
      const m = EMBED.exec(lines[i]!)
      if (!m) continue
      const spec = own.find((s) => patternsOf(m[1]!).some((p) => embeds(p, dir, s.path)))
      if (!spec) continue
      const pkg = lines.map((l) => PACKAGE.exec(l)?.[1]).find((p) => p !== undefined)
      if (pkg === undefined) continue
      // The package's functions: every file of its directory.
      const funcs = new Set<string>()
      for (const f of goFiles) {
        if (dirname(f) !== dir) continue
        for (const l of src.lines(f) ?? []) {
          const fn = FUNC.exec(l)?.[1]
          if (fn) funcs.add(fn)
        }
      }
      const route = routes.find((r) => {
        const h = r.handler!.replace(/\(.*$/, '').trim()
        const dot = h.lastIndexOf('.')
        const name = h.slice(dot + 1)
        // `docs.Serve` from another package; a bare `Serve` only from a file of the package itself.
        return funcs.has(name) && (dot >= 0 ? h.slice(0, dot) === pkg : dirname(r.file) === dir)
      })
      if (!route) continue
      out.push({ tool: 'go:embed', path: file, line: i + 1, text: lines[i]!.trim().slice(0, 200), servedAt: `${route.prefixUnknown ? '…' : ''}${joinUrl(route.path)}`, note: `${spec.path} embedded here and written by ${route.handler} (${route.file}:${route.line})` })
    }
  }
  return out
}
