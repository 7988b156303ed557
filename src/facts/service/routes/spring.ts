import { memoKey } from '../../run-memo.js'
import { ACTUATOR_DEEP_STARTERS } from '../../catalog/health.js'
import { loadYamlData } from '../../parse/yaml.js'
import { isExcluded, isTestPath } from '../../excluded.js'
import { braceBody, touchesIn } from '../body.js'
import { joinUrl, readLiteral, resolveExpr } from '../text.js'
import type { ActuatorFacts, HealthLibrary, Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'

/**
 * Spring routes: `@RequestMapping` on the class plus `@GetMapping`/`@PostMapping`/… (or a method
 * `@RequestMapping`) on its methods, Java and Kotlin. Actuator comes from the dependency
 * `spring-boot-starter-actuator` and `management.*` properties in `application.{properties,yml}`.
 */

const MAPPINGS: Readonly<Record<string, string>> = {
  '@GetMapping': 'GET',
  '@PostMapping': 'POST',
  '@PutMapping': 'PUT',
  '@DeleteMapping': 'DELETE',
  '@PatchMapping': 'PATCH',
  '@RequestMapping': 'ANY'
}

export function extractSpring(ctx: ExtractContext): Extracted & { actuator: ActuatorFacts | null } {
  const deps = ctx.manifests.manifests.flatMap((m) => m.dependencies).filter((d) => d.ecosystem === 'java')
  // `<optional>` in a library module (or `compileOnly`) does not reach the application's classpath.
  const actuatorDep = deps.find((d) => d.name === 'org.springframework.boot:spring-boot-starter-actuator' && !d.dev && !d.optional)
  if (!ctx.frameworks.has('spring') && !actuatorDep) return { routes: [], actuator: null }
  const props = readProperties(ctx)
  const context = props.get('server.servlet.context-path')?.value ?? props.get('spring.webflux.base-path')?.value ?? ''
  const constants = javaConstants(ctx)
  const routes: Route[] = []
  for (const file of ctx.src.files('java')) {
    if (!ctx.src.text(file)?.includes('Mapping')) continue
    const lines = ctx.src.lines(file)
    if (!lines || !lines.some((l) => l.includes('Mapping'))) continue
    let classPrefix = ''
    let pendingPrefix: string | undefined
    let inClass = false
    for (let i = 0; i < lines.length; i++) {
      const t = lines[i]!.trim()
      if (/^(public\s+|open\s+|internal\s+|abstract\s+|final\s+|data\s+)*(class|interface)\s/.test(t)) {
        classPrefix = pendingPrefix ?? ''
        pendingPrefix = undefined
        inClass = true
        continue
      }
      const ann = Object.keys(MAPPINGS).find((a) => t.startsWith(a + '(') || t === a)
      if (!ann) continue
      const args = t.slice(ann.length)
      const path = mappingPath(args, constants)
      if (!inClass || (ann === '@RequestMapping' && isBeforeClass(lines, i))) {
        pendingPrefix = path ?? ''
        continue
      }
      let decl = i + 1
      while (decl < lines.length && decl < i + 10 && lines[decl]!.trim().startsWith('@')) decl++
      const [from, to] = braceBody(lines, decl)
      const method = ann === '@RequestMapping' ? (/RequestMethod\.([A-Z]+)/.exec(args)?.[1] ?? 'ANY') : MAPPINGS[ann]!
      routes.push({ path: joinUrl(context, classPrefix, path ?? ''), methods: [method], framework: 'spring', file, line: i + 1, touches: touchesIn(file, lines, from, to) })
    }
  }
  const libraries: HealthLibrary[] = []
  let actuator: ActuatorFacts | null = null
  if (actuatorDep) {
    const base = props.get('management.endpoints.web.base-path')?.value ?? '/actuator'
    const include = props.get('management.endpoints.web.exposure.include')?.value
    const exclude = props.get('management.endpoints.web.exposure.exclude')?.value
    const listHas = (v: string | undefined, k: string): boolean => v !== undefined && v.split(',').map((x) => x.trim()).some((x) => x === k || x === '*')
    const disabled = props.get('management.endpoint.health.enabled')?.value === 'false' || props.get('management.endpoint.health.access')?.value === 'none'
    const healthExposed = !disabled && !listHas(exclude, 'health') && (include === undefined || listHas(include, 'health'))
    const cfg = props.get('management.endpoints.web.base-path') ?? props.get('management.endpoints.web.exposure.include')
    const port = props.get('management.server.port')?.value
    actuator = {
      dependency: { path: actuatorDep.manifest, ...(actuatorDep.line ? { line: actuatorDep.line } : {}) },
      basePath: base,
      healthExposed,
      ...(cfg ? { config: { path: cfg.path, line: cfg.line } } : {}),
      ...(port ? { managementPort: port } : {})
    }
    if (healthExposed) {
      const mgmtContext = port ? (props.get('management.server.base-path')?.value ?? '') : context
      const health = joinUrl(mgmtContext, base, 'health')
      const dbOff = props.get('management.health.db.enabled')?.value === 'false' || props.get('management.health.defaults.enabled')?.value === 'false'
      const deep = dbOff ? [] : deps.filter((d) => ACTUATOR_DEEP_STARTERS.some((s) => d.name.endsWith(':' + s)))
      const touches = deep.map((d) => ({ token: `${d.name} (auto-configured health indicator)`, file: d.manifest, line: d.line ?? 1 }))
      const paths = [health]
      if (props.get('management.endpoint.health.probes.enabled')?.value === 'true' || props.has('management.endpoint.health.probes.add-additional-paths')) {
        paths.push(health + '/liveness', health + '/readiness')
      }
      if (props.get('management.endpoint.health.probes.add-additional-paths')?.value === 'true') paths.push(joinUrl(context, 'livez'), joinUrl(context, 'readyz'))
      for (const p of paths) routes.push({ path: p, methods: ['GET'], framework: 'spring', file: actuatorDep.manifest, line: actuatorDep.line ?? 1, library: 'Spring Boot Actuator', touches, note: cfg ? `configured in ${cfg.path}` : 'Actuator defaults' })
      libraries.push({ name: 'Spring Boot Actuator', path: actuatorDep.manifest, ...(actuatorDep.line ? { line: actuatorDep.line } : {}), text: actuatorDep.name, routes: paths, checks: deep.map((d) => d.name) })
    }
  }
  return { routes, libraries, actuator }
}

function isBeforeClass(lines: readonly string[], i: number): boolean {
  for (let k = i + 1; k < lines.length && k < i + 8; k++) {
    const t = lines[k]!.trim()
    if (/\b(class|interface)\s/.test(t)) return true
    if (!t.startsWith('@') && t !== '') return false
  }
  return false
}

function mappingPath(args: string, constants: ReadonlyMap<string, string>): string | undefined {
  const inner = args.replace(/^\(/, '').replace(/\)\s*$/, '').trim()
  if (inner === '') return ''
  const named = /(?:^|[\s,(])(?:value|path)\s*=\s*(.+)$/.exec(inner)
  let expr = (named ? named[1]! : inner).replace(/^\{|^\[|^arrayOf\(/, '').trim()
  const lit = readLiteral(expr, 0)
  if (lit) return lit.value
  expr = expr.split(/[,)}\]]/)[0]!.trim()
  const r = resolveExpr(expr, (n) => constants.get(n.slice(n.lastIndexOf('.') + 1)))
  return 'value' in r ? r.value : undefined
}

const JAVA_CONSTANTS = memoKey<ReadonlyMap<string, string>>('java string constants')

/** `static final String X = "…"` / `const val X = "…"` of every JVM source, read once per route scan. */
export function javaConstants(ctx: ExtractContext): ReadonlyMap<string, string> {
  return ctx.memo.get(JAVA_CONSTANTS, '', () => readJavaConstants(ctx))
}

function readJavaConstants(ctx: ExtractContext): Map<string, string> {
  const out = new Map<string, string>()
  for (const file of ctx.src.files('java')) {
    const text = ctx.src.text(file)
    if (text === undefined || (!text.includes('static final String') && !text.includes('const val'))) continue
    for (const l of ctx.src.lines(file) ?? []) {
      if (!l.includes('static final String') && !l.includes('const val')) continue
      const m = /(?:static final String|const val)\s+([A-Za-z_]\w*)\s*(?::\s*String\s*)?=\s*/.exec(l)
      const lit = m ? readLiteral(l, m.index + m[0].length) : undefined
      if (m && lit) out.set(m[1]!, lit.value)
    }
  }
  return out
}

interface Prop {
  readonly value: string
  readonly path: string
  readonly line: number
}

/** `application.properties` / `application.yml` of the default profile, flattened to dotted keys. */
export function readProperties(ctx: ExtractContext): Map<string, Prop> {
  const out = new Map<string, Prop>()
  for (const path of ctx.src.snapshot.files()) {
    const name = path.slice(path.lastIndexOf('/') + 1)
    if (!/^(application|bootstrap)\.(properties|ya?ml)$/.test(name) || isExcluded(path) || isTestPath(path)) continue
    const text = ctx.src.snapshot.text(path)
    if (text === undefined || text.length > 256 * 1024) continue
    const lines = text.split('\n')
    if (name.endsWith('.properties')) {
      lines.forEach((l, i) => {
        const t = l.trim()
        if (t.startsWith('#') || t.startsWith('!')) return
        const eq = t.search(/[=:]/)
        if (eq > 0) out.set(t.slice(0, eq).trim(), { value: t.slice(eq + 1).trim(), path, line: i + 1 })
      })
      continue
    }
    // Every document of the default profile, in order (a later one overrides): those without an
    // activation, and those activated only by the absence of a profile (`on-profile: '!api-docs'`).
    for (const seg of yamlDocuments(lines)) {
      let doc: unknown
      try {
        doc = loadYamlData(seg.text)
      } catch (err) {
        ctx.problems.push({ path, line: seg.start + 1, message: `YAML could not be parsed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` })
        continue
      }
      const props = new Map<string, string>()
      const flat = (v: unknown, prefix: string, depth: number): void => {
        if (depth > 12 || props.size > 5000) return
        if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
          for (const [k, x] of Object.entries(v as Record<string, unknown>)) flat(x, prefix ? `${prefix}.${k}` : k, depth + 1)
        } else if (prefix) props.set(prefix, Array.isArray(v) ? v.join(',') : String(v))
      }
      flat(doc, '', 0)
      if (!defaultProfileDoc(props)) continue
      for (const [key, value] of props) {
        if (out.size > 5000) break
        const last = key.slice(key.lastIndexOf('.') + 1)
        const at = seg.lines.findIndex((l) => l.trimStart().startsWith(last + ':'))
        out.set(key, { value, path, line: at < 0 ? seg.start + 1 : seg.start + at + 1 })
      }
    }
  }
  return out
}

/** The `---`-separated documents of a YAML text, with the 0-based line each starts on. */
function yamlDocuments(lines: readonly string[]): { text: string; lines: readonly string[]; start: number }[] {
  const out: { text: string; lines: readonly string[]; start: number }[] = []
  let start = 0
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && lines[i]!.trimEnd() !== '---') continue
    const part = lines.slice(start, i)
    out.push({ text: part.join('\n'), lines: part, start })
    start = i + 1
  }
  return out
}

/** A document applies with no profile active: no activation, or one met by a profile's absence only. */
function defaultProfileDoc(props: ReadonlyMap<string, string>): boolean {
  const on = props.get('spring.config.activate.on-profile') ?? props.get('spring.profiles')
  if (on === undefined) return true
  const terms = on.split(/[,&|\s()]+/).filter((t) => t !== '')
  return terms.length > 0 && terms.every((t) => t.startsWith('!'))
}
