import { isCheckId, type CheckId, type Status } from '../checks/ids.js'
import type { RawResult } from '../checks/run.js'
import type { CheckResult } from '../checks/types.js'
import type { Config, Waiver } from '../config/types.js'

export interface PolicyOptions {
  /** Today, for waiver expiry. Only its UTC date counts. */
  readonly today: Date
  /** The checks that must pass (the effective policy's, config and inputs together). */
  readonly required: readonly CheckId[]
}

/** The UTC calendar day of a date, `YYYY-MM-DD`: waivers expire at the end of their day in UTC. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** A waiver applies through its `expires` day (inclusive) and stops the day after. */
export function isWaiverActive(waiver: Waiver, today: Date): boolean {
  return utcDay(today) <= waiver.expires
}

/** Statuses a waiver turns into `waived`. Waiving a pass or a not-applicable would hide nothing but a good result. */
const WAIVABLE: ReadonlySet<Status> = new Set<Status>(['partial', 'fail', 'unknown'])

/**
 * Applies the config and the effective policy to what the checks said: weight and `required` per
 * check, and waivers. An active waiver reports the check as `waived` (out of the score) and keeps what it
 * replaced in `waiver.original`. Everything a user should clean up or know comes back as a warning:
 * an expired waiver, a waiver that is no longer needed, a waiver or a required check that names a
 * disabled or missing check, a required check that does not apply.
 *
 * Results of checks the config disables are dropped (normally they were never run).
 */
export function applyPolicy(raw: readonly RawResult[], config: Config, opts: PolicyOptions): { results: CheckResult[]; warnings: string[] } {
  const warnings: string[] = []
  const requiredIds = new Set(opts.required)
  const byId = new Map<CheckId, RawResult>()
  for (const r of raw) if (config.checks[r.id]?.enabled) byId.set(r.id, r)

  const waiverFor = new Map<CheckId, Waiver>()
  for (const w of config.waivers) {
    if (!isCheckId(w.check)) {
      warnings.push(`waiver names unknown check "${String(w.check)}" and has no effect`)
    } else if (!config.checks[w.check].enabled) {
      warnings.push(`waiver for ${w.check} has no effect: the check is disabled`)
    } else if (!isWaiverActive(w, opts.today)) {
      warnings.push(`waiver for ${w.check} expired on ${w.expires} and no longer applies`)
    } else if (!byId.has(w.check)) {
      warnings.push(`waiver for ${w.check} has no effect: the check did not run`)
    } else if (!waiverFor.has(w.check)) {
      waiverFor.set(w.check, w)
    }
  }

  for (const id of requiredIds) {
    if (!config.checks[id].enabled) warnings.push(`required check ${id} is disabled in the config, so it cannot be judged`)
    else if (!byId.has(id)) warnings.push(`required check ${id} did not run, so it cannot be judged`)
  }

  const results: CheckResult[] = []
  for (const r of byId.values()) {
    const policy = config.checks[r.id]
    const required = requiredIds.has(r.id)
    const base: CheckResult = { ...r, weight: policy.weight, required }
    const waiver = waiverFor.get(r.id)
    if (waiver && WAIVABLE.has(r.status)) {
      results.push({ ...base, status: 'waived', score: null, waiver: { reason: waiver.reason, expires: waiver.expires, original: r.status } })
      continue
    }
    if (waiver) warnings.push(`waiver for ${r.id} is no longer needed: the check is ${r.status}`)
    // An unknown required check fails the gate (scoring/gate.ts); one that does not apply is only said.
    if (required && r.status === 'not-applicable') warnings.push(`required check ${r.id} is not-applicable, so the gate cannot hold it to pass: ${r.summary}`)
    results.push(base)
  }
  return { results, warnings }
}
