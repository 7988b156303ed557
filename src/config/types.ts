import type { CheckId } from '../checks/ids.js'

/** When the action posts the PR comment. */
export const COMMENT_MODES = ['always', 'on-failure', 'on-change', 'never'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

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
  /** When the action posts the PR comment. */
  readonly comment: CommentMode
  readonly services: readonly ServiceDecl[]
  /** Per-file read cap in bytes. */
  readonly maxFileBytes: number
  /** Where the config came from (repo-relative or as given), or null for the embedded default. */
  readonly source: string | null
}

/**
 * The effective policy: the config's, with the action inputs or CLI flags applied. Resolved once
 * at the edge (config/policy.ts); nothing below the edge reads min-score, required checks,
 * fail-on-regression or the comment mode anywhere else.
 */
export interface Policy {
  /** The gate fails under this score. */
  readonly minScore: number
  /** Checks that must pass: the config's `required: true` ones and the required-checks input or flag, in catalogue order. */
  readonly required: readonly CheckId[]
  /** Fail the gate when the score dropped, or a check got worse, against the PR base. */
  readonly failOnRegression: boolean
  /** When the action posts the PR comment. */
  readonly comment: CommentMode
}
