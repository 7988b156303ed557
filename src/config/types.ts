import type { CheckId } from '../checks/ids.js'

/**
 * Extra signatures a user adds for a check: a tool, command, action, package, route or file the
 * built-in catalogue does not know. Each check reads the kinds that make sense for it.
 */
export interface ExtraSignatures {
  /** Command names (argv[0] after wrappers), e.g. `mylint`, or a command prefix `make verify-style`. */
  readonly commands: readonly string[]
  /** Action / task / orb names without version, e.g. `acme/lint-action`. */
  readonly actions: readonly string[]
  /** Dependency names (normalised per ecosystem). */
  readonly packages: readonly string[]
  /** Route paths, e.g. `/status`. */
  readonly routes: readonly string[]
  /** Repo-relative file globs whose presence counts as configuration. */
  readonly files: readonly string[]
}

export interface CheckPolicy {
  readonly enabled: boolean
  readonly weight: number
  readonly required: boolean
}

export interface Waiver {
  readonly check: CheckId
  readonly reason: string
  /** ISO date `YYYY-MM-DD`; the waiver stops applying after that day (UTC). */
  readonly expires: string
}

export interface ServiceDecl {
  readonly name: string
  readonly path: string
}

/** The normalised configuration: every field filled, defaults applied. */
export interface Config {
  readonly minScore: number
  readonly checks: Readonly<Record<CheckId, CheckPolicy>>
  readonly ignore: readonly string[]
  readonly waivers: readonly Waiver[]
  readonly signatures: Readonly<Record<CheckId, ExtraSignatures>>
  readonly failOnRegression: boolean
  readonly services: readonly ServiceDecl[]
  /** Per-file read cap in bytes. */
  readonly maxFileBytes: number
  /** Where the config came from (repo-relative or as given), or null for the embedded default. */
  readonly source: string | null
}
