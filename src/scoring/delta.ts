import type { CheckId, Status } from '../checks/ids.js'
import type { Regression } from './gate.js'
import type { Grade } from './types.js'

/** One side of a comparison: its score and each check's status. */
export interface Scored {
  readonly score: number | null
  readonly grade: Grade | null
  readonly checks: readonly { readonly id: CheckId; readonly status: Status }[]
  readonly repository: { readonly commit: string | null }
}

/** How the head of a PR moved the scorecard against its base (JSON `delta`). */
export interface ReportDelta {
  readonly base: { readonly commit: string | null; readonly score: number | null; readonly grade: Grade | null }
  readonly head: { readonly commit: string | null; readonly score: number | null; readonly grade: Grade | null }
  /** head − base, or null when either side has no score. */
  readonly change: number | null
  /** One row per check present on either side; `changed` when the status differs. */
  readonly checks: readonly { readonly id: CheckId; readonly base: Status | null; readonly head: Status | null; readonly changed: boolean }[]
}

const RANK: Partial<Record<Status, number>> = { pass: 2, partial: 1, fail: 0 }

export function computeDelta(base: Scored, head: Scored): ReportDelta {
  const ids: CheckId[] = []
  for (const c of [...head.checks, ...base.checks]) if (!ids.includes(c.id)) ids.push(c.id)
  const status = (r: Scored, id: CheckId): Status | null => r.checks.find((c) => c.id === id)?.status ?? null
  return {
    base: { commit: base.repository.commit, score: base.score, grade: base.grade },
    head: { commit: head.repository.commit, score: head.score, grade: head.grade },
    change: base.score === null || head.score === null ? null : head.score - base.score,
    checks: ids.map((id) => {
      const b = status(base, id)
      const h = status(head, id)
      return { id, base: b, head: h, changed: b !== h }
    })
  }
}

/** What the ratchet looks at: the base score and every check whose judged status got worse. */
export function regressionOf(delta: ReportDelta): Regression {
  const worsened: { id: CheckId; from: Status; to: Status }[] = []
  for (const c of delta.checks) {
    if (c.base === null || c.head === null) continue
    const from = RANK[c.base]
    const to = RANK[c.head]
    if (from !== undefined && to !== undefined && to < from) worsened.push({ id: c.id, from: c.base, to: c.head })
  }
  return { baseScore: delta.base.score, worsened }
}
