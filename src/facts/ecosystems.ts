/**
 * The ecosystems Shipshape knows, in one table: how each is recognised (manifests, source and
 * template extensions), how its code is read (line comments, the separator of module paths) and
 * what it is called. Every other table keyed by ecosystem (catalogues, remediation snippets)
 * follows this one; adding an ecosystem starts here.
 */

export type Ecosystem = 'python' | 'node' | 'go' | 'java' | 'ruby' | 'rust' | 'php' | 'dotnet' | 'elixir'

export interface EcosystemInfo {
  /** Display name, as a remediation heading. */
  readonly name: string
  /** Manifest file names (exact basenames) that declare direct dependencies. */
  readonly manifests: readonly string[]
  /** Manifest basenames matched by suffix (`.csproj`) or prefix (`requirements`…`.txt`). */
  readonly manifestSuffixes?: readonly string[]
  /** Source file extensions (lower case, with the dot). */
  readonly sources: readonly string[]
  /** Template extensions: searched for template tags, never for imports. */
  readonly templates: readonly string[]
  /** Line-comment starts: a commented-out call is no use of a package. */
  readonly comments: readonly string[]
  /** Separator of module paths in imports (`ldclient.config`, `github.com/x/y`, `axum::routing`). */
  readonly moduleSeparator: string
}

const C_COMMENTS = ['//', '/*', '* ']

/** In the order Shipshape prefers when several have the same number of source files. */
export const ECOSYSTEMS: Readonly<Record<Ecosystem, EcosystemInfo>> = {
  python: {
    name: 'Python',
    manifests: ['pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile'],
    sources: ['.py', '.pyi'],
    templates: ['.html', '.jinja', '.jinja2', '.j2'],
    comments: ['#'],
    moduleSeparator: '.'
  },
  node: {
    name: 'Node.js / TypeScript',
    manifests: ['package.json'],
    sources: ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'],
    templates: [],
    comments: C_COMMENTS,
    moduleSeparator: '/'
  },
  go: { name: 'Go', manifests: ['go.mod'], sources: ['.go'], templates: [], comments: C_COMMENTS, moduleSeparator: '/' },
  java: {
    name: 'Java (Maven / Gradle)',
    manifests: ['pom.xml', 'build.gradle', 'build.gradle.kts'],
    sources: ['.java', '.kt', '.kts', '.scala', '.groovy'],
    templates: [],
    comments: C_COMMENTS,
    moduleSeparator: '.'
  },
  ruby: { name: 'Ruby', manifests: ['Gemfile'], sources: ['.rb', '.rake'], templates: ['.erb', '.haml', '.slim'], comments: ['#'], moduleSeparator: '/' },
  // Rust: `//` and `///` doc comments; module paths `axum::routing::get`.
  rust: { name: 'Rust', manifests: ['Cargo.toml'], sources: ['.rs'], templates: [], comments: C_COMMENTS, moduleSeparator: '::' },
  // PHP: Blade templates end in `.blade.php` (see sourceKindOf); `#` comments too.
  php: { name: 'PHP', manifests: ['composer.json'], sources: ['.php'], templates: ['.twig'], comments: [...C_COMMENTS, '#'], moduleSeparator: '\\' },
  // .NET: project files carry the dependencies (`<PackageReference>`); central props files too.
  dotnet: {
    name: '.NET (C#)',
    manifests: ['Directory.Build.props', 'Directory.Packages.props', 'packages.config'],
    manifestSuffixes: ['.csproj', '.fsproj', '.vbproj'],
    sources: ['.cs', '.fs', '.vb'],
    templates: ['.cshtml', '.razor'],
    comments: C_COMMENTS,
    moduleSeparator: '.'
  },
  elixir: { name: 'Elixir', manifests: ['mix.exs'], sources: ['.ex', '.exs'], templates: ['.eex', '.heex', '.leex'], comments: ['#'], moduleSeparator: '.' }
}

export const ECOSYSTEM_IDS: readonly Ecosystem[] = Object.keys(ECOSYSTEMS) as Ecosystem[]

const MANIFEST_NAMES = new Map<string, Ecosystem>(ECOSYSTEM_IDS.flatMap((e) => ECOSYSTEMS[e].manifests.map((m) => [m, e] as const)))
const MANIFEST_SUFFIXES: readonly (readonly [string, Ecosystem])[] = ECOSYSTEM_IDS.flatMap((e) => (ECOSYSTEMS[e].manifestSuffixes ?? []).map((s) => [s, e] as const))

/** The ecosystem a manifest file name belongs to (`requirements-dev.txt` → python), or undefined. */
export function manifestEcosystem(name: string): Ecosystem | undefined {
  const exact = MANIFEST_NAMES.get(name)
  if (exact) return exact
  if (name.startsWith('requirements') && name.endsWith('.txt')) return 'python'
  for (const [suffix, e] of MANIFEST_SUFFIXES) if (name.length > suffix.length && name.endsWith(suffix)) return e
  return undefined
}

const TRAP_EXTENSIONS = new Set(['.ts', '.js', '.kts', '.php'])

const BY_EXTENSION = new Map<string, SourceKind>(
  ECOSYSTEM_IDS.flatMap((e) => [
    ...ECOSYSTEMS[e].sources.map((x) => [x, { ecosystem: e, template: false }] as const),
    ...ECOSYSTEMS[e].templates.map((x) => [x, { ecosystem: e, template: true }] as const)
  ])
)

/** Kinds whose extension a longer suffix may make something else (`.d.ts`, `.min.js`, `.gradle.kts`, `.blade.php`). */
const TRAP_KINDS = new Set<SourceKind>([...BY_EXTENSION].filter(([x]) => TRAP_EXTENSIONS.has(x)).map(([, k]) => k))

/**
 * A file's ecosystem (and whether it is a template) from its name, or null. Declarations,
 * bundles and build scripts are not application sources (`tasks.create(` in build.gradle.kts is
 * no breaker); Blade views (`x.blade.php`) are PHP templates.
 */
export function sourceKindOf(path: string): SourceKind | null {
  const dot = path.lastIndexOf('.')
  if (dot < 0 || dot < path.lastIndexOf('/')) return null
  const kind = kindOfExtension(path.slice(dot))
  if (kind === null || !TRAP_KINDS.has(kind)) return kind
  const lower = path.slice(Math.max(0, dot - 7)).toLowerCase()
  if (lower.endsWith('.d.ts') || lower.endsWith('.min.js') || lower.endsWith('.gradle.kts')) return null
  if (kind.ecosystem === 'php' && lower.endsWith('.blade.php')) return BLADE
  return kind
}

interface SourceKind {
  readonly ecosystem: Ecosystem
  readonly template: boolean
}

/**
 * Extensions seen so far, as written (a repository uses a few dozen): one lookup per file instead
 * of lower-casing every name. Bounded, since file names are the repository's to choose.
 */
const BY_WRITTEN_EXTENSION = new Map<string, SourceKind | null>()

function kindOfExtension(ext: string): SourceKind | null {
  let kind = BY_WRITTEN_EXTENSION.get(ext)
  if (kind === undefined) {
    kind = BY_EXTENSION.get(ext.toLowerCase()) ?? null
    if (BY_WRITTEN_EXTENSION.size < 4096) BY_WRITTEN_EXTENSION.set(ext, kind)
  }
  return kind
}

const BLADE = { ecosystem: 'php', template: true } as const
