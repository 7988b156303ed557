import type { ActionUse, CiFacts, CiTriggers, ToolRun } from '../../facts/ci/types.js'
import type { Evidence } from '../types.js'
import { BUILD_ACTIONS, buildActionFor } from './containers.js'
import { CONTRACT } from './contract.js'
import { chainEvidence } from './evidence.js'
import { LINT } from './lint.js'
import { imageBuildWorkflow, judgeNamedWorkflow, remoteWorkflowStem } from './named-workflows.js'
import { actionNameMatches, judgeAction, judgeRun, type Catalogue } from './match.js'
import { PUBLISH_ACTIONS } from './openapi.js'
import { RELEASE_ACTIONS } from './releases.js'
import { SAST } from './sast.js'
import { TESTS } from './tests.js'
import { INERT_WORDS, MAY_RUN_WORDS } from './step-words.js'
import { TYPECHECKERS } from './typecheckers.js'

/**
 * CI steps Shipshape could not follow to what they run — "honest uncertainty": a check that finds
 * no positive evidence says `unknown` (naming these steps and how to declare them) rather than
 * `fail` when one of them may be doing the job. What counts as opaque:
 *
 * - a command the CI facts mark `opaque` (a repository script absent from the checkout, a program
 *   or task-runner target held in an expression that cannot be expanded), unless some catalogue
 *   recognises it anyway;
 * - an action no catalogue knows (a reusable workflow of another repository is one too) whose name says it may run checks (`*-test`, `run-*`, `*-ci`,
 *   `make-*`, `*lint*`, …);
 * - a step the CI facts mark `opaque` whatever its name (an image's default command, a pipeline
 *   generated at run time, a catalogue task), unless a catalogue knows it or its name is a helper's.
 *
 * Traps, kept out on purpose: steps of a job named for a chore (`Validate Docs`, `deploy`), and
 * actions and workflows that only prepare or follow up (setup, cache,
 * checkout, artifacts, credentials, notifications, labels, releases, deployments, coverage
 * uploads) are never opaque, even with a "may run" word in their name (`setup-build-tools`,
 * `upload-test-results`); neither are disabled steps and jobs. A name without any "may run" word
 * is treated as a helper: otherwise every repository using one bespoke action would lose its
 * verdicts.
 */

const CATALOGUES: readonly Catalogue[] = [LINT, TESTS, TYPECHECKERS, SAST, CONTRACT]

/** Action names some catalogue knows (matched as the catalogues match them). */
const KNOWN_ACTION_NAMES: readonly string[] = [
  ...CATALOGUES.flatMap((c) => c.actions.flatMap((a) => a.names)),
  ...BUILD_ACTIONS.filter((a) => !a.family).map((a) => a.name),
  ...RELEASE_ACTIONS.map((a) => a.name),
  ...PUBLISH_ACTIONS.flatMap((a) => a.names)
]

/** A name (action or workflow path) that may hide a check: a "may run" word and no helper word. */
function mayRunCheck(name: string): boolean {
  // An organisation's shared workflow is a whole CI job, usually a check: any name but a helper's may hide one.
  const stem = remoteWorkflowStem(name)
  if (stem !== undefined) return !INERT_WORDS.test(stem)
  // An action is named by its repository and path (`org/ci-actions/run-tests@v1` → `ci-actions/run-tests`).
  const tail = name.toLowerCase().replace(/@.*$/, '').replace(/^[^/]*\//, '')
  return MAY_RUN_WORDS.test(tail) && !INERT_WORDS.test(tail)
}

/** A job only started by hand (workflow_dispatch and the like): an ad-hoc tool, not a check of every change. */
function manualOnly(t: CiTriggers): boolean {
  return t.manual && !t.pullRequest && !t.push && !t.schedule
}

/** A missing script or a task named for a chore (`./scripts/deploy.sh`, `make deploy.${{ matrix.env }}`): it runs no check. */
function helperScript(run: ToolRun): boolean {
  return run.argv.slice(0, 3).some((w) => INERT_WORDS.test(w.toLowerCase().replace(/^.*\//, ''))) || helperJob(run.job)
}

/** A job named for a chore (`Validate Docs`, `deploy-staging`, `Publish release`): what it runs builds, ships or reports, never checks a change. */
function helperJob(job: { readonly id: string; readonly name: string } | undefined): boolean {
  if (job === undefined) return false
  return [job.name, job.id].some((n) => INERT_WORDS.test(n.toLowerCase().replace(/[^a-z0-9/_.-]+/g, '-')))
}

function understoodRun(run: ToolRun): boolean {
  return CATALOGUES.some((c) => judgeRun(c.commands, run) !== null)
}

function knownAction(use: ActionUse): boolean {
  if (actionNameMatches(KNOWN_ACTION_NAMES, use.action.name) || buildActionFor(use.action.name) !== undefined) return true
  if (imageBuildWorkflow(use.action.name)) return true
  return CATALOGUES.some((c) => c.actions.some((sig) => judgeAction(sig, use, c.commands) !== null) || judgeNamedWorkflow(c, use) !== null)
}

/** A CI step Shipshape could not follow: its evidence, a short name, and how the config declares it. */
export interface OpaqueStep {
  readonly name: string
  readonly evidence: Evidence
  readonly declare: { readonly kind: 'commands' | 'actions'; readonly value: string }
}

/** Every CI step Shipshape could not follow and that may do a check's job, each once. */
export function opaqueSteps(ci: CiFacts): OpaqueStep[] {
  const out: OpaqueStep[] = []
  const seen = new Set<string>()
  const add = (o: OpaqueStep): void => {
    const e = o.evidence
    const key = `${e.path ?? ''}:${e.line ?? ''}:${e.message}`
    if (seen.has(key)) return
    seen.add(key)
    out.push(o)
  }
  for (const run of ci.runs) {
    if (run.where !== 'ci' || run.opaque === undefined || run.job?.disabled || manualOnly(run.triggers) || understoodRun(run) || helperScript(run)) continue
    add({ name: run.text, evidence: chainEvidence(run.text, run.chain, `could not be followed: ${run.opaque}`), declare: { kind: 'commands', value: run.text } })
  }
  for (const use of ci.actions) {
    if (use.action.local || use.job.disabled || use.step.disabled || manualOnly(use.triggers) || knownAction(use) || helperJob(use.job)) continue
    if (use.step.opaque !== undefined ? INERT_WORDS.test(use.action.name.toLowerCase()) : !mayRunCheck(use.action.name)) continue
    const why = use.step.opaque ?? use.job.opaque ?? 'an action Shipshape does not know'
    add({ name: use.action.name, evidence: chainEvidence(use.action.raw, use.chain, `could not be followed: ${why}`), declare: { kind: 'actions', value: use.action.name } })
  }
  return out
}
