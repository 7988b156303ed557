import { RunMemo } from '../run-memo.js'
import type { ParseProblem } from '../ci/types.js'
import type { Ecosystem, ManifestFacts } from '../manifests/types.js'
import type { Snapshot } from '../snapshot.js'
import { detectFrameworks } from './detect.js'
import { sourceSet } from './files.js'
import { findHealthLibraries } from './health-libs.js'
import type { OwnPackage } from '../manifests/own-package.js'
import { extractAspNetCore } from './routes/aspnetcore.js'
import type { Extractor, ExtractContext } from './routes/context.js'
import { extractDjango } from './routes/django.js'
import { extractElixir } from './routes/elixir.js'
import { extractAdonis } from './routes/adonis.js'
import { extractExpress } from './routes/express.js'
import { extractHapi } from './routes/hapi.js'
import { extractNext } from './routes/nextjs.js'
import { extractRemix } from './routes/remix.js'
import { extractSails } from './routes/sails.js'
import { extractFlask } from './routes/flask.js'
import { extractConnexion } from './routes/connexion.js'
import { extractPythonCalls } from './routes/python-calls.js'
import { extractPyramid } from './routes/pyramid.js'
import { extractTornado } from './routes/tornado.js'
import { extractGo } from './routes/go.js'
import { extractGoShapes } from './routes/go-shapes.js'
import { extractGoZero } from './routes/go-zero.js'
import { extractJvmAnnotations } from './routes/jvm-annotations.js'
import { extractJvmDsl } from './routes/jvm-dsl.js'
import { extractJvmHealth } from './routes/jvm-health.js'
import { extractNest } from './routes/nest.js'
import { extractFastApi } from './routes/python-fastapi.js'
import { extractLaravel } from './routes/laravel.js'
import { extractRails } from './routes/rails.js'
import { extractRubyApps } from './routes/ruby-apps.js'
import { extractRust } from './routes/rust.js'
import { extractSpring } from './routes/spring.js'
import { extractSymfony } from './routes/symfony.js'
import type { ActuatorFacts, HealthLibrary, Route, ServiceFacts } from './types.js'

export type { ActuatorFacts, Framework, FrameworkUse, HealthLibrary, Route, ServiceFacts, Skipped } from './types.js'
export { EMPTY_SERVICE } from './types.js'

/** One extractor per framework family; each returns nothing when its frameworks were not found. */
const EXTRACTORS: readonly Extractor[] = [extractFastApi, extractFlask, extractPyramid, extractTornado, extractPythonCalls, extractConnexion, extractDjango, extractExpress, extractNest, extractHapi, extractNext, extractRemix, extractAdonis, extractSails, extractGo, extractGoShapes, extractGoZero, extractRails, extractRubyApps, extractLaravel, extractSymfony, extractElixir, extractRust, extractAspNetCore, extractJvmAnnotations, extractJvmDsl, extractJvmHealth]

/** Routes reported at most (a generated router table must not flood the report). */
const MAX_ROUTES = 5000

/**
 * Collects the service model. Only sources of the ecosystems where a framework was found are
 * read for routes; one extractor's failure becomes a problem, never a lost scan. This is also the
 * entry point benchmarks call for the route scan.
 */
export function collectService(snapshot: Snapshot, manifests: ManifestFacts): ServiceFacts {
  const problems: ParseProblem[] = []
  const published: OwnPackage[] = []
  const frameworks = detectFrameworks(snapshot, manifests, problems, undefined, published)
  if (frameworks.length === 0) return { frameworks, routes: [], healthLibraries: [], actuator: null, skipped: [], problems, filesScanned: 0, ...(published.length ? { publishes: published } : {}) }
  const src = sourceSet(snapshot)
  const ctx: ExtractContext = { src, frameworks: new Set(frameworks.map((f) => f.framework)), manifests, problems, memo: new RunMemo() }
  const routes: Route[] = []
  const libraries: HealthLibrary[] = []
  const run = (name: string, fn: () => { routes: Route[]; libraries?: HealthLibrary[] }): void => {
    try {
      const r = fn()
      routes.push(...r.routes)
      libraries.push(...(r.libraries ?? []))
    } catch (err) {
      problems.push({ path: '', message: `${name} routes could not be extracted: ${err instanceof Error ? err.message : String(err)}` })
    }
  }
  for (const ex of EXTRACTORS) run(ex.name.replace(/^extract/, ''), () => ex(ctx))
  let actuator: ActuatorFacts | null = null
  run('Spring', () => {
    const r = extractSpring(ctx)
    actuator = r.actuator
    return r
  })
  const ecosystems = new Set<Ecosystem>(frameworks.map((f) => f.ecosystem))
  try {
    for (const lib of findHealthLibraries(src, ecosystems)) if (!libraries.some((l) => l.name === lib.name)) libraries.push(lib)
  } catch (err) {
    problems.push({ path: '', message: `health libraries could not be searched: ${err instanceof Error ? err.message : String(err)}` })
  }
  const seen = new Set<string>()
  const unique = routes.filter((r) => {
    const key = `${r.file}\0${r.line}\0${r.path}\0${r.prefixUnknown ?? ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return { frameworks, routes: unique.slice(0, MAX_ROUTES), healthLibraries: libraries, actuator, skipped: src.skipped, problems, filesScanned: src.read() }
}
