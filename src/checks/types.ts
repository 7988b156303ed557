import type { Config, ExtraSignatures } from '../config/types.js'
import type { Facts } from '../facts/types.js'
import type { CheckId, Status } from './ids.js'

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
  /** For `waived`: the status the check had before the waiver, and the waiver. */
  readonly waiver?: { readonly reason: string; readonly expires: string; readonly original: Status }
}

export function fillTemplate(template: string, data: MessageData | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (data && key in data ? String(data[key]) : whole))
}

export function statusScore(status: Status, score: number | undefined): number | null {
  if (status === 'pass') return score ?? 10
  if (status === 'partial') return score ?? 5
  if (status === 'fail') return score ?? 0
  return null
}
