import type { ParseProblem } from '../ci/types.js'
import { isExcluded, isTestPath } from '../excluded.js'
import type { Ecosystem, ManifestFacts } from '../manifests/types.js'
import { dirname } from '../paths.js'
import type { Snapshot } from '../snapshot.js'
import { moduleMatches, scanImports, sourceKind } from '../usage.js'
import { ownPackage, type OwnPackage } from '../manifests/own-package.js'
import { FRAMEWORK_IDS, FRAMEWORKS } from './frameworks.js'
import type { FrameworkUse } from './types.js'

/**
 * Which HTTP frameworks a repository uses: from direct dependencies first, then from imports in
 * code (so a repository whose manifests cannot be read, or that installs packages from a
 * Dockerfile, is still recognised). The catalogue is data: one row per framework.
 */

function packageMatches(pattern: string, name: string, ecosystem: Ecosystem): boolean {
  // NuGet package ids are case-insensitive.
  if (ecosystem === 'dotnet') return name.toLowerCase() === pattern.toLowerCase()
  if (pattern.endsWith('/*')) {
    const base = pattern.slice(0, -2)
    return name === base || name.startsWith(base + '/')
  }
  // Maven groups (`org.glassfish.jersey.containers:*`) and artifact prefixes (`io.ktor:ktor-server-core*`).
  if (pattern.endsWith('*')) return name.startsWith(pattern.slice(0, -1))
  return name === pattern
}

/** Bytes of a file looked at for imports: imports sit at the top. */
const IMPORT_HEAD = 16 * 1024

/**
 * Directories whose manifest publishes a framework package itself (the framework's own
 * repository: `djangorestframework`, `express`, `github.com/gin-gonic/gin`). Their code uses the
 * framework to build it, not to serve an API, so nothing under them is a service.
 */
export function frameworkPackages(snapshot: Snapshot, manifests: ManifestFacts): OwnPackage[] {
  const out: OwnPackage[] = []
  for (const m of manifests.manifests) {
    if (isExcluded(m.path)) continue
    const own = ownPackage(snapshot, m)
    if (own && FRAMEWORK_IDS.some((f) => FRAMEWORKS[f].ecosystem === m.ecosystem && FRAMEWORKS[f].packages.some((p) => packageMatches(p, own.name, m.ecosystem)))) out.push(own)
  }
  return out
}

/**
 * Frameworks used by the repository's services. A framework declared only as a development or
 * test dependency does not make a service (a client library testing against a stub server); its
 * imports in non-test code still can. `published` receives the framework packages this
 * repository publishes itself (see frameworkPackages); their directories are left out.
 */
export function detectFrameworks(snapshot: Snapshot, manifests: ManifestFacts, problems: ParseProblem[], extraFiles?: readonly string[], published?: OwnPackage[]): FrameworkUse[] {
  const own = frameworkPackages(snapshot, manifests)
  published?.push(...own)
  const ownDirs = own.map((o) => dirname(o.path))
  const underOwn = (path: string): boolean => ownDirs.some((d) => d === '' || path === d || path.startsWith(d + '/'))
  const out: FrameworkUse[] = []
  const seen = new Set<string>()
  const add = (u: FrameworkUse): void => {
    const key = `${u.framework}\0${u.dir}`
    if (seen.has(key)) return
    seen.add(key)
    out.push(u)
  }
  const ecoWithFramework = new Set<Ecosystem>()
  const files = extraFiles ?? snapshot.files()
  for (const m of manifests.manifests) {
    if (isExcluded(m.path) || underOwn(m.path)) continue
    for (const d of m.dependencies) {
      // A framework the repository publishes itself is not one its code uses (frameworkPackages above).
      if (d.dev || d.own) continue
      for (const framework of FRAMEWORK_IDS) {
        const sig = FRAMEWORKS[framework]
        if (sig.ecosystem !== d.ecosystem || !sig.packages.some((p) => packageMatches(p, d.name, d.ecosystem))) continue
        if (sig.serviceFiles && !hasServiceFile(files, m.dir, sig.serviceFiles)) continue
        ecoWithFramework.add(sig.ecosystem)
        add({ framework, ecosystem: sig.ecosystem, dir: m.dir, via: 'dependency', path: d.manifest, ...(d.line ? { line: d.line } : {}), text: d.name })
      }
    }
  }
  // Imports: only for ecosystems whose manifests named no framework (keeps large repos cheap).
  const manifestDirs = manifests.manifests.map((m) => ({ dir: m.dir, ecosystem: m.ecosystem }))
  for (const path of files) {
    const kind = sourceKind(path)
    if (!kind || kind.template || ecoWithFramework.has(kind.ecosystem) || isExcluded(path) || isTestPath(path) || underOwn(path)) continue
    const sigs = FRAMEWORK_IDS.filter((f) => FRAMEWORKS[f].ecosystem === kind.ecosystem).map((framework) => ({ framework, ...FRAMEWORKS[framework] }))
    const r = snapshot.read(path)
    if (r.kind !== 'text') continue
    const head = r.text.length > IMPORT_HEAD ? r.text.slice(0, IMPORT_HEAD) : r.text
    if (!sigs.some((s) => s.imports.some((i) => head.includes(i)))) continue
    try {
      for (const imp of scanImports(kind.ecosystem, head.split('\n'))) {
        for (const sig of sigs) {
          if (!sig.imports.some((i) => moduleMatches(kind.ecosystem, imp.module, i))) continue
          if (sig.alsoContains && !sig.alsoContains.some((t) => r.text.includes(t))) continue
          add({ framework: sig.framework, ecosystem: kind.ecosystem, dir: serviceDir(path, kind.ecosystem, manifestDirs), via: 'import', path, line: imp.line, text: imp.text })
        }
      }
    } catch (err) {
      problems.push({ path, message: `imports could not be read: ${err instanceof Error ? err.message : String(err)}` })
    }
  }
  return out
}

/** Whether a package directory holds a (non-test, non-excluded) file matching a framework's service files. */
function hasServiceFile(files: readonly string[], dir: string, re: RegExp): boolean {
  const base = dir === '' ? '' : dir + '/'
  return files.some((f) => f.startsWith(base) && re.test(f.slice(base.length)) && !isExcluded(f) && !isTestPath(f))
}

/** The nearest directory holding a manifest of the ecosystem, '' when none. */
export function serviceDir(path: string, ecosystem: Ecosystem, manifests: readonly { dir: string; ecosystem: Ecosystem }[]): string {
  let best = ''
  const dir = dirname(path)
  for (const m of manifests) {
    if (m.ecosystem !== ecosystem) continue
    if ((m.dir === '' || dir === m.dir || dir.startsWith(m.dir + '/')) && m.dir.length > best.length) best = m.dir
  }
  return best
}
