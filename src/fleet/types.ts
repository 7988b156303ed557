import type { Status } from '../checks/ids.js'
import type { Grade } from '../report/types.js'

/**
 * The fleet model: many repositories' reports aggregated into one view. Everything in it has been
 * read from untrusted files (reports come from many teams' jobs) and is already validated, made
 * one-line and capped by parse.ts: renderers only escape it for their format.
 */

/** fleet.json's schemaVersion (schema/fleet.schema.json); bumps on a breaking change. */
export const FLEET_SCHEMA_VERSION = 1
/** fleet.json's `kind`, telling it apart from a repository report. */
export const FLEET_KIND = 'shipshape-fleet'

/**
 * What became of a repository's report: `ok` (read and used), `missing` (expected but no report),
 * `unreadable` (too large, not JSON, not a Shipshape report) or `other-schema` (a Shipshape report
 * of a schemaVersion this version does not read). Only `ok` entries carry scores and checks.
 */
export const ENTRY_STATES = ['ok', 'missing', 'unreadable', 'other-schema'] as const
export type EntryState = (typeof ENTRY_STATES)[number]

/** A status, or `absent` when the report has no result for the check (disabled, older version). */
export type Cell = Status | 'absent'

export interface EvidenceItem {
  readonly path: string | null
  readonly line: number | null
  readonly message: string
  /** The file and line at the scanned commit, when the report names a trustworthy repository. */
  readonly url: string | null
}

/** One check of one repository, as the detail page shows it. */
export interface RepoCheck {
  readonly id: string
  readonly title: string
  readonly status: Status
  readonly score: number | null
  readonly summary: string
  readonly evidence: readonly EvidenceItem[]
  /** Evidence items the report had beyond the ones kept. */
  readonly moreEvidence: number
}

export interface RepoService {
  readonly name: string
  readonly path: string
  readonly score: number | null
  readonly grade: Grade | null
}

/** What one report file gave (before duplicates are resolved and trends attached). */
export interface RepoEntry {
  /** Display name: the report's `owner/repo`, else derived from the file name. */
  readonly name: string
  /** Identity for duplicates and trends: the name, lower-cased. */
  readonly key: string
  readonly state: EntryState
  /** Why the entry is not `ok` (or what was capped), one line. */
  readonly note: string | null
  /** The report file as given on the command line, or null for a missing repository. */
  readonly source: string | null
  readonly url: string | null
  readonly commit: string | null
  /** When the report was made: its `scannedAt`, else the file's modification time (ISO 8601). */
  readonly scannedAt: string | null
  readonly toolVersion: string | null
  readonly score: number | null
  readonly grade: Grade | null
  readonly gatePassed: boolean | null
  readonly checks: readonly RepoCheck[]
  readonly services: readonly RepoService[]
  /** Services beyond the ones kept. */
  readonly moreServices: number
  readonly warnings: readonly string[]
  /** Orders duplicates: newest wins, then the later file on the command line. */
  readonly sortTime: number
  readonly order: number
}

/** A repository's standing in the previous fleet run. */
export interface PreviousRepo {
  readonly name: string
  readonly state: EntryState
  readonly score: number | null
  readonly grade: Grade | null
  readonly checks: Readonly<Record<string, Status>>
}

export interface PreviousFleet {
  readonly generatedAt: string | null
  readonly repos: ReadonlyMap<string, PreviousRepo>
}

/** One row of the fleet: a repository entry with its trend and detail page. */
export interface FleetRepo extends RepoEntry {
  /** Score change since the previous run; null when either score is unknown. */
  readonly change: number | null
  /** Not in the previous run (only meaningful when there was one). */
  readonly isNew: boolean
  /** Older reports of the same repository that were set aside. */
  readonly duplicates: number
  /** The detail page, relative to the output directory (`repos/acme__orders.html`), for `ok` entries. */
  readonly page: string | null
  /** The cell of each fleet column, in column order. */
  readonly cells: readonly Cell[]
}

export type Counts = Readonly<Record<Cell, number>>

/** One practice across the fleet: the adoption chart's bar and a table column. */
export interface FleetColumn {
  readonly id: string
  readonly title: string
  /** A short header for the table. */
  readonly short: string
  /** Over the `ok` repositories. */
  readonly counts: Counts
  /** Change in `pass` count since the previous run, null without one. */
  readonly passChange: number | null
}

export interface FleetSummary {
  /** Rows: every repository, whatever became of its report. */
  readonly repositories: number
  readonly byState: Readonly<Record<EntryState, number>>
  readonly medianScore: number | null
  /** Median now minus the previous run's median, when both are known. */
  readonly medianChange: number | null
  readonly gatePassed: number
  readonly gateFailed: number
  readonly grades: Readonly<Record<Grade | 'none', number>>
}

export interface Fleet {
  readonly generatedAt: string
  readonly toolVersion: string
  readonly summary: FleetSummary
  readonly columns: readonly FleetColumn[]
  /** Sorted by key. */
  readonly repos: readonly FleetRepo[]
  readonly previous: { readonly generatedAt: string | null; readonly repositories: number; readonly medianScore: number | null } | null
  /** Repositories of the previous run that are not in this one (the expected list left them out). */
  readonly left: readonly string[]
  /** Caps applied, duplicates set aside, inputs ignored: said once each. */
  readonly notes: readonly string[]
}
