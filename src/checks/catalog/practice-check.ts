import type { CheckId } from '../ids.js'
import { defineCheck, type Check, type CheckContext, type CheckMeta, type Evidence, type Outcome } from '../types.js'
import { repoProfile, type RepoProfile } from './ecosystem.js'
import type { Catalogue } from './match.js'
import { evidenceOf, eventsOf, judgePractice, notRunOutcome, tools, undecided, type Judgement, type PracticeOptions } from './practice.js'
import { PR_TRIGGER } from './remedies.js'

/**
 * The four CI-practice checks (ci-lint, ci-tests, type-checking, static-analysis) are one shape:
 * judge the practice's catalogue against CI, then walk a ladder of outcomes from the best tier
 * found down to the foot. The ladder is data, so how the checks differ is read in one place:
 *
 * - a run on pull requests passes (`pr`); a run in CI on other events only is partial
 *   (`not-on-prs`, with the pull_request trigger as the fix). Every check starts so;
 * - then each check's own rungs, in order: local hooks only, runs that cannot fail (a linter or a
 *   test run that cannot fail is `fail`; a type checker or scanner that cannot fail is `partial`),
 *   and, for tests, the honest `unknown` of CI Shipshape could not follow before the local rung;
 * - the foot when nothing runs the tool: by default "configured, not run" (partial), `unknown`
 *   for CI it could not follow, `no-ci` or `none` (notRunOutcome); tests have their own foot.
 */

type Tier = 'local' | 'nonBlocking'

/** A rung's fix: the check's default remediation, one written for an opening sentence, or a text as is. */
export type Remedy = 'default' | { readonly opening: string } | { readonly text: string }

export type Rung<M extends string> =
  | { readonly tier: Tier; readonly status: 'partial' | 'fail'; readonly messageId: M; readonly remediation: Remedy }
  /** CI files that could not be parsed or steps that could not be followed: `unknown` here when there is CI. */
  | { readonly undecided: true }

/** What a foot gets: the judgement, the default remediation, the evidence shaping and the check's own state. */
export interface Foot<S> {
  readonly ctx: CheckContext
  readonly j: Judgement
  readonly remediation: string
  readonly shape: (lead: Evidence[]) => Evidence[]
  readonly state: S
}

export interface PracticeSpec<M extends string, S> {
  readonly meta: CheckMeta<M>
  readonly catalogue: Catalogue
  readonly options?: (ctx: CheckContext) => PracticeOptions
  /** What the practice does, as the `unknown` outcomes say it ("runs a linter or format check"). */
  readonly doing: string
  /** The fix for the profile, opened by a sentence that says what to change. */
  readonly fix: (profile: RepoProfile, opening: string) => string
  /** The opening of the default remediation. */
  readonly opening: string
  readonly ladder: readonly Rung<M>[]
  /** The foot when nothing runs the tool: the message id of "configured, not run", or the check's own foot. */
  readonly foot: { readonly configured: M } | ((f: Foot<S>) => Outcome<M>)
  /** Adjusts the judgement before the ladder (ci-tests takes out runs with nothing to test) and keeps what its foot needs. */
  readonly prepare?: (ctx: CheckContext, j: Judgement) => { readonly judgement: Judgement; readonly state: S }
  /** Shapes the evidence of every outcome below the two CI tiers (ci-tests adds the test files found). */
  readonly shape?: (ctx: CheckContext, lead: Evidence[]) => Evidence[]
}

type Ladder = 'pr' | 'not-on-prs' | 'opaque' | 'unreadable' | 'no-ci' | 'none'

export function definePracticeCheck<M extends string, S = undefined>(spec: PracticeSpec<M | Ladder, S>): Check<M | Ladder> {
  return defineCheck<M | Ladder>({
    meta: spec.meta,
    run(ctx): Outcome<M | Ladder> {
      const judged = judgePractice(ctx, spec.catalogue, spec.options?.(ctx))
      const { judgement: j, state } = spec.prepare ? spec.prepare(ctx, judged) : { judgement: judged, state: undefined as S }
      if (j.pr.length > 0) return { status: 'pass', messageId: 'pr', data: { tools: tools(j.pr) }, evidence: evidenceOf(j, j.pr) }
      if (j.notOnPr.length > 0) return { status: 'partial', messageId: 'not-on-prs', data: { tools: tools(j.notOnPr), events: eventsOf(j.notOnPr) }, evidence: evidenceOf(j, j.notOnPr), remediation: PR_TRIGGER }
      const profile = repoProfile(ctx.facts)
      const remediation = spec.fix(profile, spec.opening)
      const shape = (lead: Evidence[]): Evidence[] => (spec.shape ? spec.shape(ctx, lead) : lead)
      const remedy = (r: Remedy): string => (r === 'default' ? remediation : 'opening' in r ? spec.fix(profile, r.opening) : r.text)
      for (const rung of spec.ladder) {
        if ('undecided' in rung) {
          const unsure = j.hasCi ? undecided(j, spec.meta.id, spec.doing, remediation) : undefined
          if (unsure) return { ...unsure, evidence: shape([...(unsure.evidence ?? [])]) }
          continue
        }
        const found = j[rung.tier]
        if (found.length > 0) return { status: rung.status, messageId: rung.messageId, data: { tools: tools(found) }, evidence: shape(evidenceOf(j, found)), remediation: remedy(rung.remediation) }
      }
      if (typeof spec.foot === 'function') return spec.foot({ ctx, j, remediation, shape, state })
      return notRunOutcome(j, spec.meta.id as CheckId, spec.doing, spec.foot.configured, remediation)
    }
  })
}
