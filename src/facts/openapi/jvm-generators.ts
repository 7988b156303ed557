import { RunMemo } from '../run-memo.js'
import type { Dependency, ManifestFacts } from '../manifests/types.js'
import type { SourceSet } from '../service/files.js'
import { readProperties } from '../service/routes/spring.js'
import { joinUrl, keywordArg, readLiteral } from '../service/text.js'
import type { ServiceFacts } from '../service/types.js'
import type { SpecDoc, SpecGenerator } from './types.js'

/**
 * OpenAPI on the JVM beyond springdoc, as data: one row per module. A row is switched on by an
 * artifact and serves where its properties (or its registration call in code) say.
 *
 * - Quarkus `quarkus-smallrye-openapi`: `/q/openapi` (`quarkus.smallrye-openapi.path`, relative to
 *   the non-application root, on the management interface when that is enabled).
 * - MicroProfile OpenAPI (Helidon, Open Liberty): `/openapi`.
 * - `micronaut-openapi`: an annotation processor writing `META-INF/swagger/*.yml` at compile time;
 *   served only where `micronaut.router.static-resources.*` maps `classpath:META-INF/swagger`.
 * - javalin-openapi: the annotation processor generates, `OpenApiPlugin` registered serves
 *   (`/openapi` unless `documentationPath` says otherwise).
 * - Ktor `openAPI(path = …)` / `swaggerUI(path = …)`; swagger-jaxrs2's `OpenApiResource`
 *   (`/openapi.json`); dropwizard-swagger's bundle (`/swagger.json`).
 * - Vert.x OpenAPI router: spec-first (routes built from a committed spec), serves nothing.
 *
 * Static resources are served too: a committed spec under `META-INF/resources/` (Servlet
 * containers, Quarkus) or, for Spring Boot, `src/main/resources/{static,public}/` is served at the
 * path below that folder. Traps: the generator artifacts are build-time only (`annotationProcessor`,
 * `kapt`), so their presence alone says "generated", never "served"; `mp.openapi.scan.disable=true`
 * turns annotation scanning off, leaving only a static `META-INF/openapi.*`.
 */

type Prop = (key: string) => string | undefined

interface DependencyRow {
  readonly tool: string
  readonly packages: readonly string[]
  /** Where it serves, or null when it only generates (or is switched off: `note` says why). */
  readonly serves: (prop: Prop) => { servedAt: string | null; note?: string }
  readonly specFirst?: boolean
}

function quarkusOpenApi(prop: Prop): { servedAt: string | null; note?: string } {
  if (prop('quarkus.smallrye-openapi.enable') === 'false' || prop('quarkus.smallrye-openapi.enabled') === 'false') return { servedAt: null, note: 'quarkus.smallrye-openapi.enable=false' }
  const path = prop('quarkus.smallrye-openapi.path') ?? 'openapi'
  const management = prop('quarkus.management.enabled') === 'true' && prop('quarkus.smallrye-openapi.management.enabled') !== 'false'
  const nonApp = management ? (prop('quarkus.management.root-path') ?? 'q') : (prop('quarkus.http.non-application-root-path') ?? 'q')
  const root = management ? '' : (prop('quarkus.http.root-path') ?? '')
  return { servedAt: path.startsWith('/') ? path : nonApp.startsWith('/') ? joinUrl(nonApp, path) : joinUrl(root, nonApp, path) }
}

/** `micronaut.router.static-resources.<name>.paths` naming `classpath:META-INF/swagger`: its mapping. */
function micronautSwagger(props: ReadonlyMap<string, { value: string }>): { servedAt: string | null; note?: string } {
  for (const [key, v] of props) {
    if (!key.startsWith('micronaut.router.static-resources.') || !key.endsWith('.paths') || !v.value.includes('META-INF/swagger')) continue
    const mapping = props.get(key.slice(0, -'.paths'.length) + '.mapping')?.value ?? '/**'
    return { servedAt: joinUrl(mapping.replace(/\/?\*\*$/, '') || '/') }
  }
  return { servedAt: null, note: 'generated into META-INF/swagger; no micronaut.router.static-resources mapping serves it' }
}

const DEPENDENCY_ROWS: readonly DependencyRow[] = [
  { tool: 'SmallRye OpenAPI (Quarkus)', packages: ['io.quarkus:quarkus-smallrye-openapi'], serves: quarkusOpenApi },
  { tool: 'MicroProfile OpenAPI', packages: ['io.helidon.microprofile.openapi:helidon-microprofile-openapi', 'io.helidon.openapi:helidon-openapi', 'io.openliberty.features:mpOpenAPI-*', 'io.smallrye:smallrye-open-api-core'], serves: () => ({ servedAt: '/openapi' }) },
  { tool: 'Vert.x OpenAPI router', packages: ['io.vertx:vertx-web-openapi-router', 'io.vertx:vertx-web-openapi'], serves: () => ({ servedAt: null, note: 'spec-first: routes are built from the committed spec' }), specFirst: true }
]

interface CodeRow {
  readonly tool: string
  /** An artifact that must be declared (any configuration, annotation processors included). */
  readonly packages: readonly string[]
  /** The registration call in code that makes the app serve it. */
  readonly tokens: readonly string[]
  /** Default served path; `pathArg` names the call argument that overrides it. */
  readonly servedAt: string
  readonly pathArg?: readonly string[]
}

const CODE_ROWS: readonly CodeRow[] = [
  { tool: 'javalin-openapi', packages: ['io.javalin.community.openapi:javalin-openapi-plugin'], tokens: ['OpenApiPlugin(', 'OpenApiPlugin {'], servedAt: '/openapi', pathArg: ['documentationPath', 'withDocumentationPath'] },
  { tool: 'Ktor OpenAPI', packages: ['io.ktor:ktor-server-openapi*'], tokens: ['openAPI('], servedAt: '/openapi', pathArg: ['path'] },
  { tool: 'Ktor Swagger UI', packages: ['io.ktor:ktor-server-swagger*'], tokens: ['swaggerUI('], servedAt: '/swagger', pathArg: ['path'] },
  // smiley4 ktor-openapi / ktor-swagger-ui: `route("api.json") { openApi() }` serves the generated spec.
  { tool: 'ktor-openapi (smiley4)', packages: ['io.github.smiley4:ktor-openapi', 'io.github.smiley4:ktor-swagger-ui'], tokens: ['openApi()', 'openApiSpec('], servedAt: '/api.json' },
  { tool: 'swagger-jaxrs2', packages: ['io.swagger.core.v3:swagger-jaxrs2*'], tokens: ['OpenApiResource'], servedAt: '/openapi.json' },
  { tool: 'dropwizard-swagger', packages: ['com.smoketurner:dropwizard-swagger', 'io.federecio:dropwizard-swagger'], tokens: ['SwaggerBundle'], servedAt: '/swagger.json' }
]

/** Build-time generators: their output exists once the project compiles, served or not. */
const GENERATED_BY: readonly { tool: string; packages: readonly string[] }[] = [
  { tool: 'micronaut-openapi', packages: ['io.micronaut.openapi:micronaut-openapi'] },
  { tool: 'javalin-openapi', packages: ['io.javalin.community.openapi:openapi-annotation-processor'] }
]

const matches = (pattern: string, name: string): boolean => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern)

function declared(deps: readonly Dependency[], packages: readonly string[]): Dependency | undefined {
  return deps.find((d) => !d.dev && packages.some((p) => matches(p, d.name)))
}

/** The first code line holding a token, with the path argument of its call when given. */
function registration(src: SourceSet, row: CodeRow): { path: string; line: number; text: string; servedAt: string } | undefined {
  for (const file of src.files('java')) {
    if (!src.mentions(file, row.tokens)) continue
    const lines = src.lines(file) ?? []
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!
      const t = l.trim()
      if (t.startsWith('//') || t.startsWith('import ') || !row.tokens.some((k) => l.includes(k))) continue
      const window = lines.slice(i, i + 12).join(' ')
      let served = row.servedAt
      for (const name of row.pathArg ?? []) {
        const kw = keywordArg(window, name) ?? callLiteral(window, name)
        const lit = kw === undefined ? undefined : readLiteral(kw, 0)
        if (lit && !lit.template) {
          served = joinUrl(lit.value)
          break
        }
      }
      return { path: file, line: i + 1, text: t.slice(0, 200), servedAt: served }
    }
  }
  return undefined
}

/** `name("x")`: the call's first argument as written. */
function callLiteral(text: string, name: string): string | undefined {
  const at = text.indexOf(name + '(')
  return at < 0 ? undefined : text.slice(at + name.length + 1)
}

export function jvmGenerators(src: SourceSet, service: ServiceFacts, manifests: ManifestFacts): SpecGenerator[] {
  if (!service.frameworks.some((f) => f.ecosystem === 'java')) return []
  const deps = manifests.manifests.flatMap((m) => m.dependencies).filter((d) => d.ecosystem === 'java')
  const out: SpecGenerator[] = []
  let props: ReturnType<typeof readProperties> | undefined
  const allProps = (): ReturnType<typeof readProperties> => (props ??= readProperties({ src, frameworks: new Set(), manifests, problems: [], memo: new RunMemo() }))
  const prop: Prop = (k) => allProps().get(k)?.value
  for (const row of DEPENDENCY_ROWS) {
    const d = declared(deps, row.packages)
    if (!d) continue
    const s = row.serves(prop)
    out.push({ tool: row.tool, path: d.manifest, ...(d.line ? { line: d.line } : {}), text: d.name, servedAt: s.servedAt, ...(s.note ? { note: s.note } : {}), ...(row.specFirst ? { specFirst: true } : {}) })
  }
  for (const row of CODE_ROWS) {
    const d = declared(deps, row.packages)
    if (!d) continue
    const reg = registration(src, row)
    if (reg) out.push({ tool: row.tool, path: reg.path, line: reg.line, text: reg.text, servedAt: reg.servedAt })
    else out.push({ tool: row.tool, path: d.manifest, ...(d.line ? { line: d.line } : {}), text: d.name, servedAt: null, note: `${row.tokens[0]!.replace(/[({ ]+$/, '')} is never registered in code` })
  }
  for (const g of GENERATED_BY) {
    const d = declared(deps, g.packages)
    if (!d || out.some((o) => o.tool === g.tool)) continue
    const s = g.tool === 'micronaut-openapi' ? micronautSwagger(allProps()) : { servedAt: null }
    out.push({ tool: g.tool, path: d.manifest, ...(d.line ? { line: d.line } : {}), text: d.name, servedAt: s.servedAt, ...(s.note ? { note: s.note } : {}) })
  }
  return out
}

/** Static-resource roots and whether they need Spring Boot (which serves `static/` and `public/`). */
const STATIC_ROOTS: readonly { marker: string; spring: boolean }[] = [
  { marker: '/META-INF/resources/', spring: false },
  { marker: 'src/main/resources/static/', spring: true },
  { marker: 'src/main/resources/public/', spring: true }
]

/** Committed specs a JVM app serves as static resources, at the path below the resource root. */
export function staticSpecs(specs: readonly SpecDoc[], service: ServiceFacts): SpecGenerator[] {
  if (!service.frameworks.some((f) => f.ecosystem === 'java')) return []
  const spring = service.frameworks.some((f) => f.framework === 'spring')
  const out: SpecGenerator[] = []
  for (const s of specs) {
    if (s.notOwn !== null) continue
    const root = STATIC_ROOTS.find((r) => (!r.spring || spring) && ('/' + s.path).includes(r.marker))
    if (!root) continue
    const at = ('/' + s.path).indexOf(root.marker) + root.marker.length
    out.push({ tool: 'static resource', path: s.path, text: s.path, servedAt: joinUrl(('/' + s.path).slice(at)), note: `served from the classpath folder ${root.marker.replace(/^\//, '')}` })
    if (out.length >= 3) break
  }
  return out
}
