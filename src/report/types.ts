import type { CheckResult } from '../checks/types.js'
import type { ReportDelta } from '../scoring/delta.js'
import type { ServiceReport } from '../scoring/services.js'
import type { GateVerdict, Grade } from '../scoring/types.js'

export type { GateVerdict, Grade } from '../scoring/types.js'

/** The JSON report (schema/report.schema.json). Later fields are added, never renamed. */
export interface ScanReport {
  readonly schemaVersion: 1
  readonly tool: { readonly name: 'shipshape'; readonly version: string }
  /** When the scan ran (ISO 8601): the fleet keeps the newest of two reports of one repository. */
  readonly scannedAt?: string
  readonly repository: {
    readonly root: string
    readonly commit: string | null
    /** `owner/repo` when known (links in the PR comment). */
    readonly slug?: string | null
    /** Server URL for links, e.g. https://github.com. */
    readonly serverUrl?: string | null
  }
  /** null when no check could be judged. */
  readonly score: number | null
  readonly grade: Grade | null
  readonly gate: GateVerdict
  readonly checks: readonly CheckResult[]
  /** Config warnings, expired waivers, skipped files: things a user should know. */
  readonly warnings: readonly string[]
  /** Monorepo services scored on the service-level checks (absent for a single-service repository). */
  readonly services?: readonly ServiceReport[]
  /** The change against the PR base (pull_request runs with a readable base commit). */
  readonly delta?: ReportDelta
  /** Where this report's PR comment belongs (action runs on a pull request): what `from-report` verifies before it posts. */
  readonly pullRequest?: PullRequestTarget
  readonly stats: {
    readonly files: number
    readonly filesRead: number
    readonly bytesRead: number
    readonly skippedTooLarge: number
    readonly durationMs: number
  }
}

/** The pull request a report was written for, as the event payload of its run named it. */
export interface PullRequestTarget {
  /** `owner/repo` of the base repository (where the comment goes). */
  readonly repository: string
  readonly number: number
  /** The PR head commit the run was started for (not the merge commit actions/checkout scans). */
  readonly headSha: string
  /** The comment-key input of the run. */
  readonly commentKey: string
}

export const REPORT_FORMATS = ['text', 'markdown', 'json', 'sarif', 'summary'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface RenderOptions {
  /** Use ANSI colour (text format only). */
  readonly color: boolean
  /** Hard cap on output characters (markdown: GitHub's 65,536 comment limit). */
  readonly maxChars?: number
  /** Terminal width in columns (text format; 100 when not given). */
  readonly width?: number
}

export type Renderer = (report: ScanReport, options: RenderOptions) => string
