import type { ParseProblem } from '../ci/types.js'
import type { Ecosystem } from '../manifests/types.js'
import type { Framework } from './frameworks.js'

/**
 * The service model: which HTTP frameworks a repository uses, and the routes it declares with
 * their full paths (router prefixes, includes, blueprints and mounts resolved). Facts only: which
 * route is a health route, or whether a spec is published, is the checks' business.
 */

export type { Framework } from './frameworks.js'

/** Why Shipshape believes a framework is used. */
export interface FrameworkUse {
  readonly framework: Framework
  readonly ecosystem: Ecosystem
  /** Service root: the directory of the manifest declaring it ('' for the root). */
  readonly dir: string
  readonly via: 'dependency' | 'import'
  readonly path: string
  readonly line?: number
  /** The dependency name or the import as written. */
  readonly text: string
}

export interface Route {
  /**
   * Full path with every resolved prefix, always starting with `/`. When a prefix could not be
   * resolved (`prefixUnknown`), this is the path below that prefix.
   */
  readonly path: string
  /** Upper-case methods, `ANY` when the declaration does not say. */
  readonly methods: readonly string[]
  readonly framework: Framework
  readonly file: string
  readonly line: number
  /** The expression of a prefix that could not be resolved (a variable from another module). */
  readonly prefixUnknown?: string
  /** Handler name when it is a reference (`views.health`, `healthHandler`). */
  readonly handler?: string
  /**
   * Dependency touches found in the handler body (`SELECT 1`, `.ping(`, `pingCheck(`), with the
   * line; empty when the body was read and touches nothing; absent when it could not be read.
   */
  readonly touches?: readonly { readonly token: string; readonly file: string; readonly line: number }[]
  /** Declared by a library or framework default (Actuator, Rails health controller), not in code. */
  readonly library?: string
  /** Where the route comes from when it is not a line of code (`application.yml`). */
  readonly note?: string
}

/** A health-check library wired into the app (mounted, registered or installed). */
export interface HealthLibrary {
  readonly name: string
  readonly path: string
  readonly line?: number
  readonly text: string
  /** Route paths it serves when known. */
  readonly routes: readonly string[]
  /** Dependency checks it registers (db, cache, redis), when visible. */
  readonly checks: readonly string[]
}

/** A file the route scan left out, and why (shown as evidence). */
export interface Skipped {
  readonly path: string
  readonly reason: string
}

/** Spring Boot Actuator as configured (dependency + application properties). */
export interface ActuatorFacts {
  readonly dependency: { readonly path: string; readonly line?: number }
  /** `management.endpoints.web.base-path`, default `/actuator`. */
  readonly basePath: string
  /** Whether `health` is exposed over HTTP (default yes). */
  readonly healthExposed: boolean
  /** Where the configuration was read. */
  readonly config?: { readonly path: string; readonly line?: number }
  /** Separate management port (`management.server.port`). */
  readonly managementPort?: string
}

export interface ServiceFacts {
  readonly frameworks: readonly FrameworkUse[]
  readonly routes: readonly Route[]
  readonly healthLibraries: readonly HealthLibrary[]
  readonly actuator: ActuatorFacts | null
  readonly skipped: readonly Skipped[]
  readonly problems: readonly ParseProblem[]
  /** Files read by the route scan (for benchmarks and evidence). */
  readonly filesScanned: number
  /** Framework packages this repository publishes itself (it is the framework, not a service on it). */
  readonly publishes?: readonly { readonly name: string; readonly path: string; readonly line?: number }[]
}

export const EMPTY_SERVICE: ServiceFacts = { frameworks: [], routes: [], healthLibraries: [], actuator: null, skipped: [], problems: [], filesScanned: 0 }
