import type { ParseProblem } from '../ci/types.js'
import { child, parseXml, textOf, type XmlElement } from '../parse/xml.js'
import { parseTomlSafe } from './python.js'
import { splitLines } from './text.js'
import type { Dependency } from './types.js'

/**
 * `pom.xml` `<dependencies>` outside `<dependencyManagement>` and outside plugin declarations,
 * named `groupId:artifactId` from the dependency's own child elements (an `<exclusions>` entry's
 * ids are not the dependency's); `<scope>test</scope>` is a dev dependency. Read with the shared
 * XML element reader, which keeps line numbers; a structural error becomes a problem and what was
 * read before it stays.
 */
export function parsePom(path: string, text: string, problems: ParseProblem[]): Dependency[] {
  const doc = parseXml(text)
  for (const p of doc.problems) problems.push({ path, line: p.line, message: p.message })
  const deps: Dependency[] = []
  const visit = (node: XmlElement, parent: XmlElement | undefined, outside: boolean): void => {
    if (node.name === 'dependency' && parent?.name === 'dependencies' && outside && node.closed) {
      const group = textOf(child(node, 'groupId'))
      const artifact = textOf(child(node, 'artifactId'))
      const version = textOf(child(node, 'version'))
      if (group && artifact) {
        deps.push({
          name: `${group}:${artifact}`,
          ecosystem: 'java',
          manifest: path,
          line: node.line,
          dev: textOf(child(node, 'scope')) === 'test',
          ...(version ? { spec: version } : {}),
          ...(textOf(child(node, 'optional')) === 'true' ? { optional: true } : {})
        })
      }
      return
    }
    const inside = outside && node.name !== 'dependencyManagement' && node.name !== 'plugin'
    for (const c of node.children) visit(c, node, inside)
  }
  visit(doc.root, undefined, true)
  return deps
}

/** Gradle configurations whose dependencies only serve tests. */
function devConfiguration(conf: string): boolean {
  return /^(test|androidTest|integrationTest|functionalTest|e2eTest|testFixtures)/.test(conf) || /Test(Implementation|RuntimeOnly|CompileOnly|Api)$/.test(conf)
}

const CONFIGURATIONS = /^(implementation|api|compileOnly|runtimeOnly|annotationProcessor|kapt|ksp|compile|runtime|developmentOnly|testImplementation|testRuntimeOnly|testCompileOnly|testCompile|androidTestImplementation|[a-z][A-Za-z]*(Implementation|RuntimeOnly|CompileOnly|Api))$/

export interface VersionCatalog {
  /** Accessor (`spring.boot.starter.web`, dots for `-`/`_`) → `group:artifact`. */
  readonly libraries: ReadonlyMap<string, string>
  readonly bundles: ReadonlyMap<string, readonly string[]>
  /** `[plugins]`: accessor (`spring.boot` for `libs.plugins.spring.boot`) → plugin id. */
  readonly plugins: ReadonlyMap<string, string>
}

const accessor = (key: string): string => key.replace(/[-_]/g, '.')

/** `gradle/libs.versions.toml` `[libraries]` and `[bundles]`, best effort. */
export function parseVersionCatalog(path: string, text: string, problems: ParseProblem[]): VersionCatalog {
  const libraries = new Map<string, string>()
  const bundles = new Map<string, string[]>()
  const doc = parseTomlSafe(text, path, problems)
  const libs = doc?.libraries
  if (libs && typeof libs === 'object') {
    for (const [key, v] of Object.entries(libs as Record<string, unknown>)) {
      let coord: string | undefined
      if (typeof v === 'string') coord = v.split(':').slice(0, 2).join(':')
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>
        if (typeof o.module === 'string') coord = o.module
        else if (typeof o.group === 'string' && typeof o.name === 'string') coord = `${o.group}:${o.name}`
      }
      if (coord) libraries.set(accessor(key), coord)
    }
  }
  const plugins = new Map<string, string>()
  const p = doc?.plugins
  if (p && typeof p === 'object') {
    for (const [key, v] of Object.entries(p as Record<string, unknown>)) {
      const id = typeof v === 'string' ? v.split(':')[0] : v && typeof v === 'object' && typeof (v as Record<string, unknown>).id === 'string' ? ((v as Record<string, unknown>).id as string) : undefined
      if (id) plugins.set(accessor(key), id)
    }
  }
  const b = doc?.bundles
  if (b && typeof b === 'object') {
    for (const [key, v] of Object.entries(b as Record<string, unknown>)) {
      if (Array.isArray(v)) bundles.set(accessor(key), v.filter((x): x is string => typeof x === 'string').map(accessor))
    }
  }
  return { libraries, bundles, plugins }
}

/**
 * `build.gradle` / `build.gradle.kts`, line by line: `implementation "g:a:v"`,
 * `implementation("g:a:v")`, `implementation group: 'g', name: 'a'`, `platform(...)`, and
 * version-catalog accessors `libs.x.y` / `libs.bundles.z` resolved through the catalog.
 */
export function parseGradle(path: string, text: string, catalog: VersionCatalog | undefined): Dependency[] {
  const deps: Dependency[] = []
  const lines = splitLines(text)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim()
    const m = /^([A-Za-z]+)\s*\(?\s*(.*)$/.exec(line)
    if (!m || !CONFIGURATIONS.test(m[1]!)) continue
    const dev = devConfiguration(m[1]!)
    const optional = /^compileOnly$|[a-z]CompileOnly$/.test(m[1]!) && !dev
    let rest = m[2]!
    const plat = /^(enforcedPlatform|platform)\s*\(\s*/.exec(rest)
    if (plat) rest = rest.slice(plat[0].length)
    const push = (name: string, spec?: string): void => {
      deps.push({ name, ecosystem: 'java', manifest: path, line: i + 1, dev, ...(spec ? { spec } : {}), ...(optional ? { optional: true } : {}) })
    }
    const q = rest[0]
    if (q === '"' || q === "'") {
      const end = rest.indexOf(q, 1)
      if (end < 0) continue
      const parts = rest.slice(1, end).split(':')
      if (parts.length >= 2 && parts[0] && parts[1]) push(`${parts[0]}:${parts[1]}`, parts[2])
      continue
    }
    const named = /group\s*[:=]\s*["']([^"']+)["']\s*,\s*name\s*[:=]\s*["']([^"']+)["']/.exec(rest)
    if (named) {
      push(`${named[1]}:${named[2]}`)
      continue
    }
    const lib = /^libs\.([A-Za-z0-9_.]+)/.exec(rest)
    if (lib && catalog) {
      const acc = lib[1]!.replace(/\.get$/, '')
      if (acc.startsWith('bundles.')) {
        for (const member of catalog.bundles.get(acc.slice('bundles.'.length)) ?? []) {
          const coord = catalog.libraries.get(member)
          if (coord) push(coord)
        }
      } else {
        const coord = catalog.libraries.get(acc)
        if (coord) push(coord)
      }
    }
  }
  return deps
}
