import type { Config } from '../config/types.js'
import type { Facts } from '../facts/types.js'
import { CHECK_IDS, type CheckId, type Status } from './ids.js'
import { REGISTRY } from './registry.js'
import { listed } from '../prose.js'
import { resolutionMarkdown } from './catalog/remedies.js'
import { fillTemplate, statusScore, type Check, type Evidence, type Resolution } from './types.js'

/** What a check said, before policy (weights, required, waivers) is applied. */
export interface RawResult {
  readonly id: CheckId
  readonly title: string
  readonly status: Exclude<Status, 'waived'>
  readonly score: number | null
  readonly summary: string
  readonly messageId: string
  readonly evidence: readonly Evidence[]
  readonly remediation: string | null
  /** For `unknown`: what would let Shipshape judge it (one sentence). */
  readonly resolve?: string
}

/**
 * The same fact about several files is one item: the first file keeps its place (and its link),
 * the others are named after it (`Dockerfile (FROM node:22); also web/Dockerfile and
 * worker/Dockerfile`).
 */
export function groupEvidence(evidence: readonly Evidence[]): Evidence[] {
  const byMessage = new Map<string, Evidence[]>()
  for (const e of evidence) {
    if (!e.path) continue
    const same = byMessage.get(e.message)
    if (same) same.push(e)
    else byMessage.set(e.message, [e])
  }
  const out: Evidence[] = []
  for (const e of evidence) {
    const same = e.path ? byMessage.get(e.message)! : [e]
    if (same.length < 2) out.push(e)
    else if (same[0] === e) {
      const others = same.slice(1).map((o) => (o.line ? `${o.path}:${o.line}` : o.path!))
      out.push({ ...e, message: `${e.message}; also ${listed([...new Set(others)])}` })
    }
  }
  return out
}

/** A check that says unknown without saying why (none of ours should): what the reader can still do. */
const UNRESOLVED: Resolution = { text: 'declare what Shipshape could not see in the config (`signatures`), or waive the check until it can be judged' }
const INTERNAL_ERROR: Resolution = { text: 'nothing in your repository: this is a Shipshape bug, please report it with the evidence above' }

/** Runs every enabled check. A check that throws becomes `unknown` for itself alone. */
export function runChecks(facts: Facts, config: Config, registry: Partial<Record<CheckId, Check>> = REGISTRY): RawResult[] {
  const results: RawResult[] = []
  for (const id of CHECK_IDS) {
    const check = registry[id]
    if (!check || !config.checks[id].enabled) continue
    results.push(runOne(check, facts, config))
  }
  return results
}

export function runOne(check: Check, facts: Facts, config: Config): RawResult {
  const { meta } = check
  try {
    const out = check.run({ facts, config, extra: config.signatures[meta.id] })
    const template = (meta.messages as Record<string, string>)[out.messageId]
    if (template === undefined) throw new Error(`unknown messageId '${out.messageId}'`)
    const score = statusScore(out.status, out.score)
    if (score !== null && !(score >= 0 && score <= 10)) throw new Error(`score ${score} is outside 0–10`)
    const base = { id: meta.id, title: meta.title, status: out.status, score, summary: fillTemplate(template, out.data), messageId: out.messageId, evidence: groupEvidence(out.evidence ?? []) }
    if (out.status === 'unknown') {
      // Unknown is resolved by access, not by adopting the practice: its remediation says what to grant.
      const resolve = out.resolve ?? UNRESOLVED
      return { ...base, remediation: out.remediation ?? resolutionMarkdown(resolve), resolve: resolve.text }
    }
    return { ...base, remediation: out.status === 'pass' ? null : (out.remediation ?? meta.remediation) }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    return {
      id: meta.id,
      title: meta.title,
      status: 'unknown',
      score: null,
      summary: `The check failed to run: ${message}`,
      messageId: 'internal-error',
      evidence: [{ message: `internal error: ${message}` }],
      remediation: resolutionMarkdown(INTERNAL_ERROR),
      resolve: INTERNAL_ERROR.text
    }
  }
}
