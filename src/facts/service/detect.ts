import type { ParseProblem } from '../ci/types.js'
import { isExcluded, isTestPath } from '../excluded.js'
import type { Ecosystem, ManifestFacts } from '../manifests/types.js'
import { dirname, type Snapshot } from '../snapshot.js'
import { moduleMatches, scanImports, sourceKind } from '../usage.js'
import { ownPackage, type OwnPackage } from './own-package.js'
import type { Framework, FrameworkUse } from './types.js'

/**
 * Which HTTP frameworks a repository uses: from direct dependencies first, then from imports in
 * code (so a repository whose manifests cannot be read, or that installs packages from a
 * Dockerfile, is still recognised). The catalogue is data: one row per framework.
 */

export interface FrameworkSignature {
  readonly framework: Framework
  readonly ecosystem: Ecosystem
  /** Normalised direct-dependency names; `x/*` matches Go module paths under `x`. */
  readonly packages: readonly string[]
  /** Imported modules (prefix-aware per ecosystem). */
  readonly imports: readonly string[]
  /** The importing file must also contain one of these (net/http is imported by clients too). */
  readonly alsoContains?: readonly string[]
}

export const FRAMEWORKS: readonly FrameworkSignature[] = [
  { framework: 'fastapi', ecosystem: 'python', packages: ['fastapi', 'fastapi-slim'], imports: ['fastapi'] },
  { framework: 'starlette', ecosystem: 'python', packages: ['starlette'], imports: ['starlette'] },
  { framework: 'django', ecosystem: 'python', packages: ['django'], imports: ['django'] },
  { framework: 'drf', ecosystem: 'python', packages: ['djangorestframework'], imports: ['rest_framework'] },
  { framework: 'flask', ecosystem: 'python', packages: ['flask', 'apiflask', 'flask-smorest', 'flask-restx', 'flask-restful', 'connexion'], imports: ['flask', 'apiflask', 'connexion'] },
  { framework: 'express', ecosystem: 'node', packages: ['express'], imports: ['express'] },
  { framework: 'fastify', ecosystem: 'node', packages: ['fastify'], imports: ['fastify'] },
  { framework: 'nestjs', ecosystem: 'node', packages: ['@nestjs/core', '@nestjs/common'], imports: ['@nestjs/core', '@nestjs/common'] },
  { framework: 'koa', ecosystem: 'node', packages: ['koa', '@koa/router', 'koa-router'], imports: ['koa', '@koa/router', 'koa-router'] },
  { framework: 'hono', ecosystem: 'node', packages: ['hono'], imports: ['hono'] },
  { framework: 'gin', ecosystem: 'go', packages: ['github.com/gin-gonic/gin'], imports: ['github.com/gin-gonic/gin'] },
  { framework: 'echo', ecosystem: 'go', packages: ['github.com/labstack/echo/*'], imports: ['github.com/labstack/echo'] },
  { framework: 'chi', ecosystem: 'go', packages: ['github.com/go-chi/chi/*'], imports: ['github.com/go-chi/chi'] },
  { framework: 'fiber', ecosystem: 'go', packages: ['github.com/gofiber/fiber/*'], imports: ['github.com/gofiber/fiber'] },
  { framework: 'gorilla', ecosystem: 'go', packages: ['github.com/gorilla/mux'], imports: ['github.com/gorilla/mux'] },
  // Kratos serves HTTP through transport/http; its routes are generated from protobuf (`*_http.pb.go`: `r.GET("/x", …)`).
  { framework: 'kratos', ecosystem: 'go', packages: ['github.com/go-kratos/kratos/*'], imports: ['github.com/go-kratos/kratos/v2/transport/http'] },
  { framework: 'go-net-http', ecosystem: 'go', packages: [], imports: ['net/http'], alsoContains: ['ListenAndServe', 'NewServeMux', 'http.HandleFunc(', 'http.Handle('] },
  {
    framework: 'spring',
    ecosystem: 'java',
    packages: ['org.springframework.boot:spring-boot-starter-web', 'org.springframework.boot:spring-boot-starter-webflux'],
    imports: ['org.springframework.web.bind.annotation']
  },
  { framework: 'rails', ecosystem: 'ruby', packages: ['rails', 'railties', 'actionpack'], imports: ['rails', 'rails/all', 'action_controller/railtie'] }
]

function packageMatches(pattern: string, name: string): boolean {
  if (pattern.endsWith('/*')) {
    const base = pattern.slice(0, -2)
    return name === base || name.startsWith(base + '/')
  }
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
    if (own && FRAMEWORKS.some((f) => f.ecosystem === m.ecosystem && f.packages.some((p) => packageMatches(p, own.name)))) out.push(own)
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
  for (const m of manifests.manifests) {
    if (isExcluded(m.path) || underOwn(m.path)) continue
    for (const d of m.dependencies) {
      if (d.dev) continue
      for (const sig of FRAMEWORKS) {
        if (sig.ecosystem !== d.ecosystem || !sig.packages.some((p) => packageMatches(p, d.name))) continue
        ecoWithFramework.add(sig.ecosystem)
        add({ framework: sig.framework, ecosystem: sig.ecosystem, dir: m.dir, via: 'dependency', path: d.manifest, ...(d.line ? { line: d.line } : {}), text: d.name })
      }
    }
  }
  // Imports: only for ecosystems whose manifests named no framework (keeps large repos cheap).
  const manifestDirs = manifests.manifests.map((m) => ({ dir: m.dir, ecosystem: m.ecosystem }))
  const files = extraFiles ?? snapshot.files()
  for (const path of files) {
    const kind = sourceKind(path)
    if (!kind || kind.template || ecoWithFramework.has(kind.ecosystem) || isExcluded(path) || isTestPath(path) || underOwn(path)) continue
    const sigs = FRAMEWORKS.filter((s) => s.ecosystem === kind.ecosystem)
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
