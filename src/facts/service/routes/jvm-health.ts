import { HEALTH_CONVENTIONS, type HealthConvention, type Prop } from '../../catalog/health.js'
import type { Dependency } from '../../manifests/types.js'
import { joinUrl } from '../text.js'
import type { HealthLibrary, Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { readProperties } from './spring.js'

/**
 * Health endpoints the JVM frameworks serve by convention once a dependency is present. The
 * conventions (artifacts, where each serves, what makes it deep) and their traps are data in the
 * health catalogue (catalog/health-platforms.ts, HEALTH_CONVENTIONS); this reads them against the
 * service's runtime dependencies, application properties and code.
 */

function matches(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern
}

/** A runtime declaration: not optional, and not only in a test scope. */
const runtime = (d: Dependency): boolean => !d.dev && !d.optional

/** Code lines that register a dependency check (comments skipped), at most a few. */
function checkSites(ctx: ExtractContext, tokens: readonly string[]): { token: string; file: string; line: number }[] {
  const out: { token: string; file: string; line: number }[] = []
  for (const file of ctx.src.files('java')) {
    if (!ctx.src.mentions(file, tokens)) continue
    const lines = ctx.src.lines(file) ?? []
    for (let i = 0; i < lines.length && out.length < 5; i++) {
      const t = lines[i]!.trimStart()
      if (t.startsWith('//') || t.startsWith('*') || t.startsWith('import ')) continue
      const token = tokens.find((k) => lines[i]!.includes(k))
      if (token) out.push({ token: `${token} (${file.slice(file.lastIndexOf('/') + 1)})`, file, line: i + 1 })
    }
    if (out.length >= 5) break
  }
  return out
}

export function extractJvmHealth(ctx: ExtractContext): Extracted {
  const deps = ctx.manifests.manifests.flatMap((m) => m.dependencies).filter((d) => d.ecosystem === 'java' && runtime(d))
  const present = HEALTH_CONVENTIONS.map((c) => ({ c, dep: deps.find((d) => c.packages.some((p) => matches(p, d.name))) })).filter((x): x is { c: HealthConvention; dep: Dependency } => x.dep !== undefined)
  if (present.length === 0) return { routes: [] }
  const props = readProperties(ctx)
  const prop: Prop = (k) => props.get(k)?.value
  const framework = frameworkOf(ctx)
  const routes: Route[] = []
  const libraries: HealthLibrary[] = []
  const served = new Set<string>()
  for (const { c, dep } of present) {
    if (served.has(c.name)) continue
    const at = c.serves(prop)
    if (!at) continue
    served.add(c.name)
    const auto = (c.deepPackages ?? []).filter((p) => prop(p.offBy ?? '\0') !== 'false').flatMap((p) => {
      const d = deps.find((x) => matches(p.pattern, x.name))
      return d ? [{ token: `${d.name} (${p.label} check registered automatically)`, file: d.manifest, line: d.line ?? 1 }] : []
    })
    const touches = [...auto.filter((t, i) => auto.findIndex((x) => x.token === t.token) === i), ...checkSites(ctx, c.checkTokens ?? [])]
    const paths = [at.base, ...c.subpaths.map((s) => joinUrl(at.base, s))]
    const note = at.port ? `${at.note}, port ${at.port}` : at.note
    for (const p of paths) routes.push({ path: p, methods: ['GET'], framework, file: dep.manifest, line: dep.line ?? 1, library: c.name, touches, note })
    libraries.push({ name: c.name, path: dep.manifest, ...(dep.line ? { line: dep.line } : {}), text: dep.name, routes: paths, checks: touches.map((t) => t.token) })
  }
  return { routes, libraries }
}

/** The framework the convention's routes are reported under: the first JVM framework found. */
function frameworkOf(ctx: ExtractContext): Route['framework'] {
  for (const f of ['quarkus', 'micronaut', 'dropwizard', 'helidon', 'ktor', 'javalin', 'vertx', 'jaxrs', 'spring'] as const) if (ctx.frameworks.has(f)) return f
  return 'spring'
}
