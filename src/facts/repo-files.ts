import { ECOSYSTEM_IDS, manifestEcosystem, sourceKindOf, type Ecosystem } from './ecosystems.js'
import { isExcluded, NOT_TEST_CODE } from './excluded.js'
import { lowerBound, rangeWithPrefix } from './paths.js'
import type { Snapshot } from './snapshot.js'
import { TEST_FILES, type TestSuite } from './test-files.js'

/**
 * What the repository's file listing says, read once per snapshot (the root and each monorepo
 * service view): its own files, which ecosystems have manifests and how many sources each has,
 * the stack markers a fix is written for, and its test files. Names only: nothing is opened.
 */

export interface OwnFile {
  readonly path: string
  readonly name: string
}

export interface StackMarkers {
  /** A `tsconfig*.json` or a TypeScript source (`.d.ts` declarations aside). */
  readonly typescript: boolean
  /** Django's `manage.py`. */
  readonly django: boolean
  /** Rails' `config/application.rb`. */
  readonly rails: boolean
  /** A Gradle build (`build.gradle*`, `gradlew`). */
  readonly gradle: boolean
  /** Kotlin sources. */
  readonly kotlin: boolean
  /** Laravel's `artisan`. */
  readonly laravel: boolean
}

/** The own files looked up by name: by basename, by the basename's first character, and by every `.suffix` of it (indexes into `own`). */
export interface FileIndex {
  readonly files: readonly OwnFile[]
  readonly byName: ReadonlyMap<string, number[]>
  readonly byFirst: ReadonlyMap<string, number[]>
  readonly byExt: ReadonlyMap<string, number[]>
}

export interface RepoFileFacts {
  /** Every listed file, sorted (after ignore globs; vendored and generated trees included). */
  readonly all: readonly string[]
  /** The repository's own files: vendored, generated and docs trees left out. */
  readonly own: readonly OwnFile[]
  /** The own files by name, for configuration patterns (`pyproject.toml`, `.eslintrc*`, `*.csproj`). */
  readonly index: FileIndex
  /** Ecosystems with a manifest, in the ecosystem table's order. */
  readonly manifests: readonly Ecosystem[]
  /** Application source files per ecosystem (templates, declarations, bundles and build scripts aside). */
  readonly sources: ReadonlyMap<Ecosystem, number>
  readonly markers: StackMarkers
  /** Test files, as each ecosystem's runner discovers them. */
  readonly testSuite: TestSuite
}

export const EMPTY_REPO_FILES: RepoFileFacts = {
  all: [],
  own: [],
  index: { files: [], byName: new Map(), byFirst: new Map(), byExt: new Map() },
  manifests: [],
  sources: new Map(),
  markers: { typescript: false, django: false, rails: false, gradle: false, kotlin: false, laravel: false },
  testSuite: { count: 0, byEcosystem: new Map(), examples: [] }
}

const TS = 1
const DJANGO = 2
const RAILS = 4
const GRADLE = 8
const KOTLIN = 16
const LARAVEL = 32

function markerBits(path: string, name: string): number {
  let bits = 0
  if ((name.startsWith('tsconfig') && name.endsWith('.json')) || ((name.endsWith('.ts') || name.endsWith('.tsx')) && !name.endsWith('.d.ts'))) bits |= TS
  if (name === 'manage.py') bits |= DJANGO
  if (path === 'config/application.rb' || path.endsWith('/config/application.rb')) bits |= RAILS
  if (name.startsWith('build.gradle') || name === 'gradlew') bits |= GRADLE
  if (name.endsWith('.kt')) bits |= KOTLIN
  if (name === 'artisan') bits |= LARAVEL
  return bits
}

/**
 * What every TEST_FILES rule needs in the name or the path: a cheap test first, since most files
 * of a repository are not tests (the rules' own loops cost more than the whole listing otherwise).
 */
const MAY_BE_TEST = /(?:^test|tests?\.py$|_tests?\.|\.(?:test|spec|e2e-spec)\.|(?:Test|Tests|IT|Cest|Cept|Specs)\.[a-z]+$|_spec\.rb$|__tests__\/|(?:^|\/)tests?\/)/

function testEcosystem(path: string, name: string): Ecosystem | undefined {
  if (!MAY_BE_TEST.test(name) && !MAY_BE_TEST.test(path)) return undefined
  if (NOT_TEST_CODE.test(path)) return undefined
  return TEST_FILES.find((t) => (t.names?.includes(name) || ((t.prefix === undefined || name.startsWith(t.prefix)) && t.suffixes.some((s) => name.endsWith(s) && name.length > s.length))) && (t.under === undefined || path.startsWith(t.under) || path.includes('/' + t.under)))?.ecosystem
}

/** Whether the sorted listing holds a file at `path` (a binary search). */
export function isListed(files: readonly string[], path: string): boolean {
  return files[lowerBound(files, path)] === path
}

/** The listed files directly or indirectly under a directory ('' for the root). */
export function listedUnder(files: readonly string[], dir: string): readonly string[] {
  return dir === '' ? files : rangeWithPrefix(files, dir.endsWith('/') ? dir : dir + '/')
}

export function collectRepoFiles(snapshot: Snapshot): RepoFileFacts {
  const own: OwnFile[] = []
  // Per ecosystem index: whether a manifest is present, and how many source files it has.
  const present = new Uint8Array(ECOSYSTEM_IDS.length)
  const counts = new Uint32Array(ECOSYSTEM_IDS.length)
  let markers = 0
  let tests = 0
  const byEcosystem = new Map<Ecosystem, number>()
  const examples: string[] = []
  const byName = new Map<string, number[]>()
  const byFirst = new Map<string, number[]>()
  const byExt = new Map<string, number[]>()
  const add = (m: Map<string, number[]>, k: string, i: number): void => {
    const list = m.get(k)
    if (list) list.push(i)
    else m.set(k, [i])
  }
  for (const path of snapshot.files()) {
    if (isExcluded(path)) continue
    const name = path.slice(path.lastIndexOf('/') + 1)
    const i = own.push({ path, name }) - 1
    add(byName, name, i)
    add(byFirst, name[0] ?? '', i)
    for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) add(byExt, name.slice(dot), i)
    const manifest = manifestEcosystem(name)
    if (manifest) present[ECOSYSTEM_IDS.indexOf(manifest)] = 1
    const kind = sourceKindOf(path)
    if (kind && !kind.template) counts[ECOSYSTEM_IDS.indexOf(kind.ecosystem)]++
    markers |= markerBits(path, name)
    const test = testEcosystem(path, name)
    if (test) {
      tests++
      byEcosystem.set(test, (byEcosystem.get(test) ?? 0) + 1)
      if (examples.length < 3) examples.push(path)
    }
  }
  return {
    all: snapshot.files(),
    own,
    index: { files: own, byName, byFirst, byExt },
    manifests: ECOSYSTEM_IDS.filter((_, i) => present[i] === 1),
    sources: new Map(ECOSYSTEM_IDS.map((e, i) => [e, counts[i]!])),
    markers: {
      typescript: (markers & TS) !== 0,
      django: (markers & DJANGO) !== 0,
      rails: (markers & RAILS) !== 0,
      gradle: (markers & GRADLE) !== 0,
      kotlin: (markers & KOTLIN) !== 0,
      laravel: (markers & LARAVEL) !== 0
    },
    testSuite: { count: tests, byEcosystem, examples }
  }
}
