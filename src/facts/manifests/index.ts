import { filesWhere } from '../recording-snapshot.js'
import type { ParseProblem } from '../ci/types.js'
import { isExcluded } from '../excluded.js'
import { basename, dirname } from '../paths.js'
import type { Snapshot } from '../snapshot.js'
import { parseGoMod } from './go.js'
import { parseGradle, parsePom, parseVersionCatalog, type VersionCatalog } from './java.js'
import { parsePackageJson } from './node.js'
import { isRequirementsFile, parsePipfile, parsePyproject, parseRequirements, parseSetupCfg, parseSetupPy } from './python.js'
import { parseGemfile } from './ruby.js'
import { parseCargoToml } from './rust.js'
import { parseComposerJson } from './php.js'
import { parseDotnetProject, parseGlobalJson } from './dotnet.js'
import { parseMixExs } from './elixir.js'
import { manifestEcosystem } from '../ecosystems.js'
import { ownPackage } from './own-package.js'
import { readText } from './text.js'
import type { Dependency, Ecosystem, Manifest, ManifestFacts } from './types.js'

export type { Dependency, Ecosystem, Manifest, ManifestFacts } from './types.js'
export { normalizePythonName } from './python.js'

type Parser = (snapshot: Snapshot, path: string, problems: ParseProblem[], ctx: { catalog: () => VersionCatalog | undefined }) => { deps: Dependency[]; workspaces?: string[] }[]

const withText =
  (fn: (path: string, text: string, problems: ParseProblem[]) => Dependency[]): Parser =>
  (snapshot, path, problems) => {
    const text = readText(snapshot, path, problems)
    return text === undefined ? [] : [{ deps: fn(path, text, problems) }]
  }

const whole =
  (fn: (path: string, text: string, problems: ParseProblem[]) => { deps: Dependency[]; workspaces?: string[] }): Parser =>
  (snapshot, path, problems) => {
    const text = readText(snapshot, path, problems)
    return text === undefined ? [] : [fn(path, text, problems)]
  }

const DOTNET: { ecosystem: Ecosystem; parse: Parser } = { ecosystem: 'dotnet', parse: withText(parseDotnetProject) }

/**
 * Manifest parsers by file name (which file names are manifests of which ecosystem is the
 * ecosystems table's business): data, so a new ecosystem is one more row.
 */
const BY_NAME: Readonly<Record<string, { ecosystem: Ecosystem; parse: Parser }>> = {
  'pyproject.toml': { ecosystem: 'python', parse: withText(parsePyproject) },
  Pipfile: { ecosystem: 'python', parse: withText(parsePipfile) },
  'setup.cfg': { ecosystem: 'python', parse: withText((p, t) => parseSetupCfg(p, t)) },
  'setup.py': { ecosystem: 'python', parse: withText((p, t) => parseSetupPy(p, t)) },
  'package.json': {
    ecosystem: 'node',
    parse: (snapshot, path, problems) => {
      const text = readText(snapshot, path, problems)
      return text === undefined ? [] : [parsePackageJson(path, text, problems)]
    }
  },
  'go.mod': { ecosystem: 'go', parse: withText(parseGoMod) },
  'pom.xml': { ecosystem: 'java', parse: withText(parsePom) },
  'build.gradle': { ecosystem: 'java', parse: (s, p, pr, ctx) => gradle(s, p, pr, ctx.catalog()) },
  'build.gradle.kts': { ecosystem: 'java', parse: (s, p, pr, ctx) => gradle(s, p, pr, ctx.catalog()) },
  Gemfile: { ecosystem: 'ruby', parse: withText((p, t) => parseGemfile(p, t)) },
  'Cargo.toml': { ecosystem: 'rust', parse: whole(parseCargoToml) },
  'composer.json': { ecosystem: 'php', parse: withText(parseComposerJson) },
  'mix.exs': { ecosystem: 'elixir', parse: whole((p, t) => parseMixExs(p, t)) },
  'Directory.Build.props': DOTNET,
  'Directory.Packages.props': DOTNET,
  'packages.config': DOTNET,
  // Not an ecosystem marker (a global.json may pin only the SDK version): read for its MSBuild SDKs.
  'global.json': { ecosystem: 'dotnet', parse: globalJson }
}

function globalJson(snapshot: Snapshot, path: string, problems: ParseProblem[]): { deps: Dependency[] }[] {
  const text = readText(snapshot, path, problems)
  const deps = text === undefined ? [] : parseGlobalJson(path, text, problems)
  return deps.length > 0 ? [{ deps }] : []
}

/** The parser of a manifest file name: by exact name, else by the ecosystem's suffix (`*.csproj`). */
function parserFor(name: string): { ecosystem: Ecosystem; parse: Parser } | undefined {
  if (Object.hasOwn(BY_NAME, name)) return BY_NAME[name]
  return manifestEcosystem(name) === 'dotnet' ? DOTNET : undefined
}

function gradle(snapshot: Snapshot, path: string, problems: ParseProblem[], catalog: VersionCatalog | undefined): { deps: Dependency[] }[] {
  const text = readText(snapshot, path, problems)
  return text === undefined ? [] : [{ deps: parseGradle(path, text, catalog) }]
}

/**
 * Direct dependencies of every manifest outside excluded trees (docs/catalogue.md, "Rules for every practice"). Lockfiles
 * are never read. A broken manifest becomes a problem, never a throw.
 */
export function collectManifests(snapshot: Snapshot): ManifestFacts {
  const problems: ParseProblem[] = []
  const manifests: Manifest[] = []
  const catalogs = new Map<string, VersionCatalog | undefined>()
  const catalogFor = (dir: string): VersionCatalog | undefined => {
    // The catalog lives in gradle/ of the build root: the manifest's dir or an ancestor.
    for (let d = dir; ; d = dirname(d)) {
      const p = d ? `${d}/gradle/libs.versions.toml` : 'gradle/libs.versions.toml'
      if (snapshot.has(p)) {
        if (!catalogs.has(p)) {
          const text = readText(snapshot, p, problems)
          catalogs.set(p, text === undefined ? undefined : parseVersionCatalog(p, text, problems))
        }
        return catalogs.get(p)
      }
      if (!d) return undefined
    }
  }
  const seen = new Set<string>()
  const push = (path: string, ecosystem: Ecosystem, deps: Dependency[], workspaces?: string[]): void => {
    if (seen.has(path)) return
    seen.add(path)
    manifests.push({ path, ecosystem, dir: dirname(path), dependencies: deps, ...(workspaces ? { workspaces } : {}) })
  }
  const visitedRequirements = new Set<string>()
  for (const path of filesWhere(snapshot, (p) => !isExcluded(p) && (manifestEcosystem(basename(p)) !== undefined || isRequirementsFile(p) || basename(p) === 'global.json'))) {
    const kind = parserFor(basename(path))
    try {
      if (kind) {
        for (const r of kind.parse(snapshot, path, problems, { catalog: () => catalogFor(dirname(path)) })) push(path, kind.ecosystem, r.deps, r.workspaces)
      } else if (isRequirementsFile(path) && !visitedRequirements.has(path)) {
        for (const r of parseRequirements(snapshot, path, problems, visitedRequirements)) push(r.path, 'python', r.deps)
      }
    } catch (err) {
      problems.push({ path, message: `could not be parsed: ${err instanceof Error ? err.message : String(err)}` })
    }
  }
  manifests.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { manifests: markOwn(snapshot, manifests), problems }
}

/** Lower-cased where the ecosystem compares names case-insensitively (NuGet, Composer). */
function nameKey(ecosystem: Ecosystem, name: string): string {
  return ecosystem === 'dotnet' || ecosystem === 'php' ? name.toLowerCase() : name
}

/**
 * Dependencies on a package some manifest of this repository publishes (`name`, `module`, a
 * gemspec's name…) are marked `own`: a feature-flag product's examples depending on its client,
 * or a retry library's docs on the library, are the repository's own code, not a use of a
 * third-party SDK. Go modules also match their major-version paths (`…/v2`).
 */
function markOwn(snapshot: Snapshot, manifests: Manifest[]): Manifest[] {
  const own = new Set<string>()
  for (const m of manifests) {
    const pkg = ownPackage(snapshot, m)
    if (pkg) own.add(`${m.ecosystem}\0${nameKey(m.ecosystem, pkg.name)}`)
  }
  if (own.size === 0) return manifests
  const isOwn = (d: Dependency): boolean => {
    if (own.has(`${d.ecosystem}\0${nameKey(d.ecosystem, d.name)}`)) return true
    return d.ecosystem === 'go' && own.has(`go\0${d.name.replace(/\/v\d+$/, '')}`)
  }
  return manifests.map((m) => (m.dependencies.some(isOwn) ? { ...m, dependencies: m.dependencies.map((d) => (isOwn(d) ? { ...d, own: true as const } : d)) } : m))
}

/** Every declared direct dependency, flattened. */
export function allDependencies(facts: ManifestFacts): Dependency[] {
  return facts.manifests.flatMap((m) => m.dependencies)
}
