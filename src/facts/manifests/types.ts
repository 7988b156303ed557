import type { ParseProblem } from '../ci/types.js'

import type { Ecosystem } from '../ecosystems.js'

export type { Ecosystem } from '../ecosystems.js'

/** A direct dependency declared in a manifest (lockfiles are never read as declarations). */
export interface Dependency {
  /** Normalised name: PEP 503 for Python (`Django_Waffle` → `django-waffle`), `group:artifact` for Maven/Gradle, module path for Go, as-is for npm and gems. */
  readonly name: string
  readonly ecosystem: Ecosystem
  /** Repo-relative manifest path. */
  readonly manifest: string
  readonly line?: number
  /** Declared as a development / test / lint dependency only. */
  readonly dev: boolean
  /** Version spec as written, when any. */
  readonly spec?: string
  /** Ruby: `require: false` in the Gemfile, so Bundler.require does not load the gem. */
  readonly noAutoRequire?: boolean
}

export interface Manifest {
  readonly path: string
  readonly ecosystem: Ecosystem
  /** Directory holding the manifest ('' for the root): a service root candidate in monorepos. */
  readonly dir: string
  readonly dependencies: readonly Dependency[]
  /** npm/yarn/pnpm `workspaces` globs declared by this manifest; each workspace package is its own manifest. */
  readonly workspaces?: readonly string[]
}

export interface ManifestFacts {
  readonly manifests: readonly Manifest[]
  /** Malformed manifests (broken TOML/JSON/XML, include cycles, …). */
  readonly problems: readonly ParseProblem[]
}
