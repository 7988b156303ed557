import type { Config, ExtraSignatures } from '../config/types.js'
import type { Facts } from '../facts/types.js'
import type { CheckId, Status } from './ids.js'
import { count, plural } from '../prose.js'

/** A finding about a file (or about the repository, with no path). Lines are 1-based. */
export interface Evidence {
  readonly path?: string
  readonly line?: number
  readonly endLine?: number
  readonly message: string
}

export type MessageData = Readonly<Record<string, string | number>>

export interface CheckContext {
  readonly facts: Facts
  /** Extra signatures from config for this check. */
  readonly extra: ExtraSignatures
  readonly config: Config
}

/**
 * What would let Shipshape judge a check it could not (status `unknown`): the permission or token
 * to grant, never the fix for a failing practice. The report's "Resolve" section is built from it.
 */
export interface Resolution {
  /** One sentence without a final period, e.g. `grant the job "actions: read" so Shipshape can read recent workflow runs`. */
  readonly text: string
  /** Workflow `permissions:` the action needs for it, e.g. `{ actions: 'read' }`. */
  readonly permissions?: Readonly<Record<string, 'read' | 'write'>>
  /** It needs the GitHub API: the CLI needs a token (`GITHUB_TOKEN`). */
  readonly api?: boolean
  /** A snippet that shows the change (Markdown, fenced). */
  readonly snippet?: string
}

/** What a check's run() returns. `waived` is decided by policy, never by a check. */
export interface Outcome<M extends string> {
  readonly status: Exclude<Status, 'waived'>
  readonly messageId: M
  readonly data?: MessageData
  readonly evidence?: readonly Evidence[]
  /** 0–10 when the check grades finer than pass/partial/fail. */
  readonly score?: number
  /** Framework-specific remediation (Markdown) overriding meta.remediation. */
  readonly remediation?: string
  /** For `unknown`: what would let the check judge (becomes the remediation, and the gate's reason when the check is required). */
  readonly resolve?: Resolution
}

export interface CheckMeta<M extends string> {
  readonly id: CheckId
  readonly title: string
  /** The question the check answers (docs/checks/). */
  readonly question: string
  /** Summary templates keyed by message id; `{name}` placeholders are filled from Outcome.data. */
  readonly messages: Readonly<Record<M, string>>
  /** Why the practice matters (one paragraph, Markdown). */
  readonly why: string
  /** Default remediation (Markdown) when the outcome gives none. */
  readonly remediation: string
}

export interface Check<M extends string = string> {
  readonly meta: CheckMeta<M>
  run(ctx: CheckContext): Outcome<M>
}

/** Infers message ids from meta.messages so a misspelt messageId does not compile. */
export function defineCheck<M extends string>(check: { meta: CheckMeta<M>; run(ctx: CheckContext): Outcome<NoInfer<M>> }): Check<M> {
  return check
}

/** One check's result as reported (schema/report.schema.json). */
export interface CheckResult {
  readonly id: CheckId
  readonly title: string
  readonly status: Status
  /** 0–10 for judged statuses, null otherwise. */
  readonly score: number | null
  readonly weight: number
  readonly required: boolean
  readonly summary: string
  readonly messageId: string
  readonly evidence: readonly Evidence[]
  readonly remediation: string | null
  /** For `unknown`: one sentence saying what would let Shipshape judge it. */
  readonly resolve?: string
  /** For `waived`: the status the check had before the waiver, and the waiver. */
  readonly waiver?: { readonly reason: string; readonly expires: string; readonly original: Status }
}

/**
 * Fills `{name}` placeholders from the data. Numbers get separators (`1,621`); `{name|noun}` and
 * `{name|noun|nouns}` write the number with its noun in the right number (`1 file`, `2 files`).
 */
export function fillTemplate(template: string, data: MessageData | undefined): string {
  return template.replace(/\{(\w+)(?:\|([^|{}]+)(?:\|([^|{}]+))?)?\}/g, (whole, key: string, noun?: string, many?: string) => {
    if (!data || !(key in data)) return whole
    const v = data[key]!
    if (typeof v !== 'number') return String(v)
    return noun ? plural(v, noun, many) : Number.isInteger(v) ? count(v) : String(v)
  })
}

export function statusScore(status: Status, score: number | undefined): number | null {
  if (status === 'pass') return score ?? 10
  if (status === 'partial') return score ?? 5
  if (status === 'fail') return score ?? 0
  return null
}
