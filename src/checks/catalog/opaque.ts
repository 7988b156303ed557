import type { ActionUse, CiFacts, CiTriggers, ToolRun } from '../../facts/ci/types.js'
import type { Evidence } from '../types.js'
import { BUILD_ACTIONS } from './containers.js'
import { CONTRACT } from './contract.js'
import { chainEvidence } from './evidence.js'
import { LINT } from './lint.js'
import { actionNameMatches, judgeAction, judgeRun, type Catalogue } from './match.js'
import { PUBLISH_ACTIONS } from './openapi.js'
import { RELEASE_ACTIONS } from './releases.js'
import { SAST } from './sast.js'
import { TESTS } from './tests.js'
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
 *   `make-*`, `*lint*`, …).
 *
 * Traps, kept out on purpose: actions and workflows that only prepare or follow up (setup, cache,
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
  ...BUILD_ACTIONS.map((a) => a.name),
  ...RELEASE_ACTIONS.map((a) => a.name),
  ...PUBLISH_ACTIONS.flatMap((a) => a.names)
]

/** Words of helper actions, workflows and scripts: they prepare, report or follow up, never run a check. */
const INERT = [
  'harden', 'setup', 'install', 'installer', 'cache', 'checkout', 'artifact', 'artifacts', 'upload', 'download', 'login', 'auth', 'credentials',
  'configure', 'notify', 'notification', 'slack', 'discord', 'teams', 'telegram', 'email', 'comment', 'label', 'labeler', 'labeller', 'stale',
  'assign', 'greet', 'greetings', 'welcome', 'changelog', 'version', 'tag', 'release', 'publish', 'deploy', 'pages', 'doc', 'docs', 'coverage',
  'codecov', 'coveralls', 'sbom', 'sign', 'attest', 'cosign', 'wait', 'await', 'cancel', 'lock', 'dependabot', 'renovate', 'automerge', 'merge',
  'approve', 'size', 'metadata', 'summary', 'report', 'results', 'status', 'badge', 'ghcr', 'registry', 'push', 'render', 'dependency',
  'dependencies', 'submission', 'trivy', 'k6', 'chart', 'helm', 'slash', 'chatops', 'issue', 'issues', 'triage', 'milestone', 'backport',
  'translation', 'translations', 'i18n', 'sync', 'mirror', 'benchmark', 'bench', 'stats', 'github-script', 'permission', 'permissions', 'user', 'users',
  'references', 'command'
]
const INERT_WORDS = new RegExp(`(^|[/_.-])(${INERT.map((w) => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})([/_.-]|$)`)

/** Words that say an action or workflow may run a check. */
const MAY_RUN_WORDS = /(^|[/_.-])(tests?|testing|lint(er|ers|ing)?|checks?|ci|build|run(ner)?|make|task|exec(ute)?|script|command|compose|verify|validate|analy[sz]e|analysis|scan|format|style|typecheck|types?|spec|quality|bazel|nix|earthly|dagger|gradle|maven|cargo|tox|nox|just|pytest|jest|phpunit|mix)([/_.-]|$)/

/** A name (action or workflow path) that may hide a check: a "may run" word and no helper word. */
function mayRunCheck(name: string): boolean {
  const n = name.toLowerCase().replace(/@.*$/, '')
  // A reusable workflow is named by its file (`org/ci/.github/workflows/release.yml` → `release.yml`), an action by its repository and path.
  const tail = n.includes('/.github/workflows/') ? n.slice(n.lastIndexOf('/') + 1) : n.replace(/^[^/]*\//, '')
  return MAY_RUN_WORDS.test(tail) && !INERT_WORDS.test(tail)
}

/** A job only started by hand (workflow_dispatch and the like): an ad-hoc tool, not a check of every change. */
function manualOnly(t: CiTriggers): boolean {
  return t.manual && !t.pullRequest && !t.push && !t.schedule
}

/** A missing script or a task named for a chore (`./scripts/deploy.sh`, `make deploy.${{ matrix.env }}`): it runs no check. */
function helperScript(run: ToolRun): boolean {
  return run.argv.slice(0, 3).some((w) => INERT_WORDS.test(w.toLowerCase().replace(/^.*\//, '')))
}

function understoodRun(run: ToolRun): boolean {
  return CATALOGUES.some((c) => judgeRun(c.commands, run) !== null)
}

function knownAction(use: ActionUse): boolean {
  if (actionNameMatches(KNOWN_ACTION_NAMES, use.action.name)) return true
  return CATALOGUES.some((c) => c.actions.some((sig) => judgeAction(sig, use, c.commands) !== null))
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
    if (use.action.local || use.job.disabled || use.step.disabled || manualOnly(use.triggers) || knownAction(use) || !mayRunCheck(use.action.name)) continue
    const why = use.job.opaque ?? 'an action Shipshape does not know'
    add({ name: use.action.name, evidence: chainEvidence(use.action.raw, use.chain, `could not be followed: ${why}`), declare: { kind: 'actions', value: use.action.name } })
  }
  return out
}
