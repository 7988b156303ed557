import { HEALTH_LIBRARIES, WRAPPER_ECOSYSTEMS, WRAPPER_NAME, WRAPPER_SPELLINGS, wrapperHealthPath, type HealthLibrarySignature } from '../catalog/health.js'
import type { Ecosystem } from '../manifests/types.js'
import type { SourceSet } from './files.js'
import type { HealthLibrary } from './types.js'

/**
 * Health-check libraries found by a line of the service's code, and health-check wrappers: what
 * to look for is in the health catalogue (catalog/health.ts); this module only searches.
 */

/** Each signature's tokens and check markers, one array per signature (mention memos are keyed by it). */
const WANTED = new Map<HealthLibrarySignature, readonly string[]>(HEALTH_LIBRARIES.map((sig) => [sig, [...sig.tokens, ...(sig.checks ?? [])]]))
/** Every signature's words per ecosystem: one whole-text pass per file finds the few candidates. */
const BY_ECOSYSTEM = new Map<Ecosystem, readonly string[]>()
for (const [sig, words] of WANTED) BY_ECOSYSTEM.set(sig.ecosystem, [...(BY_ECOSYSTEM.get(sig.ecosystem) ?? []), ...words])

/**
 * A function named for health called with a health path literal — `health_check(application,
 * "/health/")` (an ASGI/WSGI wrapper answering that path before the app), `healthcheck('/healthz')`
 * (a middleware factory): the app serves that path even though no router declares it.
 */
const WRAPPER_CALL = /\b([A-Za-z_$][\w$.]{0,60})\(\s{0,4}(?:[A-Za-z_$][\w$.]{0,60}\s{0,4},\s{0,4})?(['"`])(\/[\w./-]{0,80})\2/g

function healthWrappers(src: SourceSet, ecosystems: ReadonlySet<Ecosystem>): HealthLibrary[] {
  const out: HealthLibrary[] = []
  for (const eco of WRAPPER_ECOSYSTEMS) {
    if (!ecosystems.has(eco)) continue
    for (const file of src.files(eco)) {
      if (!src.mentions(file, WRAPPER_SPELLINGS)) continue
      const lines = src.lines(file) ?? []
      for (let i = 0; i < lines.length && out.length < 5; i++) {
        const l = lines[i]!
        const t = l.trimStart()
        if (t.startsWith('#') || t.startsWith('//') || t.startsWith('def ') || t.startsWith('function ') || l.length > 2000 || !WRAPPER_NAME.test(l)) continue
        WRAPPER_CALL.lastIndex = 0
        for (let m = WRAPPER_CALL.exec(l); m; m = WRAPPER_CALL.exec(l)) {
          const callee = m[1]!
          if (!WRAPPER_NAME.test(callee.slice(callee.lastIndexOf('.') + 1)) || !wrapperHealthPath(m[3]!)) continue
          out.push({ name: `${callee} (health-check wrapper)`, path: file, line: i + 1, text: t.slice(0, 200), routes: [m[3]!], checks: [] })
          break
        }
      }
    }
  }
  return out
}

export function findHealthLibraries(src: SourceSet, ecosystems: ReadonlySet<Ecosystem>): HealthLibrary[] {
  const out: HealthLibrary[] = healthWrappers(src, ecosystems)
  const candidates = new Map<Ecosystem, readonly string[]>()
  for (const eco of ecosystems) {
    const words = BY_ECOSYSTEM.get(eco)
    if (words) candidates.set(eco, src.files(eco).filter((f) => src.mentions(f, words)))
  }
  for (const sig of HEALTH_LIBRARIES) {
    const files = candidates.get(sig.ecosystem)
    if (!files || files.length === 0) continue
    let found: HealthLibrary | undefined
    const checks = new Set<string>()
    const wanted = WANTED.get(sig)!
    for (const file of files) {
      if (!src.mentions(file, wanted)) continue
      const lines = src.lines(file)
      if (!lines) continue
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i]!
        const t = l.trimStart()
        if (t.startsWith('#') || t.startsWith('//')) continue
        if (!found && sig.tokens.some((k) => l.includes(k))) found = { name: sig.name, path: file, line: i + 1, text: t.slice(0, 200), routes: sig.routes, checks: [] }
        for (const c of sig.checks ?? []) if (l.includes(c)) checks.add(c)
      }
      if (found && !sig.checks) break
    }
    if (found) out.push({ ...found, checks: [...checks] })
  }
  return out
}
