import type { ActionUse, ChainLink, CiJob, CiTriggers, ToolRun } from '../../facts/ci/types.js'
import type { CheckContext, Evidence } from '../types.js'
import { declaredTools, installedTools } from './configured.js'
import { findConfigs, type ConfigHit } from './ecosystem.js'
import { chainEvidence, listNames, pickEvidence } from './evidence.js'
import { actionNameMatches, judgeAction, judgeRun, NOT_A_RUN, type Catalogue, type CommandVerdict } from './match.js'
import { judgeNamedWorkflow } from './named-workflows.js'
import { opaqueSteps, type OpaqueStep } from './opaque.js'
import type { CheckId } from '../ids.js'
import type { Outcome } from '../types.js'

/**
 * The judgement shared by the CI-practice checks (lint, tests, type checking, static analysis):
 * match every resolved CI command and action against a catalogue, then sort what matched into the
 * tiers the check pages in docs/checks/ grade — enforced on pull requests, enforced in CI but not on PRs, only in
 * local hooks, present but unable to fail — plus configuration that shows intent. Each check then
 * maps the tiers to its own statuses and messages.
 */

export interface Finding {
  readonly tool: string
  readonly where: 'ci' | 'local'
  readonly onPr: boolean
  readonly events: readonly string[]
  /** Why it cannot fail the build (or does not really run), or null when it enforces. */
  readonly blockedBy: string | null
  readonly kind: 'counts' | 'setup' | 'related'
  readonly evidence: Evidence
  /** `file#job` of the CI job, when known (same-job rules such as SARIF upload). */
  readonly jobKey?: string
  /** Why whether it runs on pull requests cannot be read from the repository (CiTriggers.outside). */
  readonly outside?: string
}

export interface Judgement {
  /** Enforcing, in CI, on pull requests. */
  readonly pr: readonly Finding[]
  /** Enforcing, in CI, but never on pull requests (push, schedule, manual only). */
  readonly notOnPr: readonly Finding[]
  /** Enforcing, but only in local hooks (pre-commit without CI, husky, …). */
  readonly local: readonly Finding[]
  /** Recognised, but unable to fail the build (`|| true`, `--exit-zero`, a fixer, …). */
  readonly nonBlocking: readonly Finding[]
  /** Setup-only actions, related tools, and runs that do not really run the check (`--collect-only`). */
  readonly other: readonly Finding[]
  readonly configs: readonly ConfigHit[]
  /** Unparseable CI files and collector failures. */
  readonly problems: readonly Evidence[]
  /** How many CI files could not be parsed. */
  readonly unreadable: number
  /** Whether any CI configuration exists at all. */
  readonly hasCi: boolean
  /** CI steps Shipshape could not follow that may do this practice's job (catalog/opaque.ts). */
  readonly opaque: readonly OpaqueStep[]
}

export interface PracticeOptions {
  /**
   * Actions whose presence in the same job turns a non-blocking finding into an enforced one
   * (SARIF uploaded to code scanning gates the PR through code-scanning alerts).
   */
  readonly forgivenByJobActions?: readonly string[]
  /** Why such a finding counts anyway, shown in its evidence. */
  readonly forgivenNote?: string
  /**
   * Why a matched run does not do the job after all, from facts beyond its words (a `next build`
   * whose config sets `ignoreBuildErrors`), or undefined when it does.
   */
  readonly veto?: (run: { readonly cwd: string }, tool: string) => string | undefined
}

function jobKey(job: CiJob | undefined): string | undefined {
  return job ? `${job.file}#${job.id}` : undefined
}

function linkKey(l: ChainLink): string {
  return `${l.path}:${l.line ?? ''}:${l.text}`
}

function chainKey(chain: readonly ChainLink[]): string {
  return chain.map(linkKey).join('\n')
}

function triggerNote(t: CiTriggers): string {
  const events = t.events.length > 0 ? t.events.join(', ') : 'no pull_request trigger'
  return `not on pull requests: ${events}`
}

function finding(tool: string, subject: string, chain: readonly ChainLink[], where: 'ci' | 'local', triggers: CiTriggers, blockedBy: string | null, kind: Finding['kind'], note: string | undefined, key: string | undefined): Finding {
  const onPr = where === 'ci' && triggers.pullRequest
  const qualifiers: string[] = []
  if (blockedBy) qualifiers.push(blockedBy.startsWith(NOT_A_RUN) ? blockedBy : `runs but ${blockedBy}`)
  else if (where === 'local') qualifiers.push('local hook only, not in CI')
  else if (!onPr) qualifiers.push(triggers.outside !== undefined ? `whether it runs on pull requests is unknown: ${triggers.outside}` : triggerNote(triggers))
  if (note) qualifiers.push(note)
  const evidence = chainEvidence(subject, chain, qualifiers.join('; ') || undefined)
  return { tool, where, onPr, events: triggers.events, blockedBy, kind, evidence, ...(key ? { jobKey: key } : {}), ...(where === 'ci' && !onPr && triggers.outside !== undefined ? { outside: triggers.outside } : {}) }
}

/** A command or action declared in the config counts as the user says: on pull requests when its triggers cannot be read. */
function declared(run: { readonly triggers: CiTriggers }): CiTriggers {
  return run.triggers.outside === undefined ? run.triggers : { ...run.triggers, pullRequest: true }
}

/** Commands given in config (`signatures.<check>.commands`): a word prefix of argv or of a chain link's text. */
function extraCommandMatches(extra: readonly string[], run: ToolRun): string | undefined {
  for (const spec of extra) {
    const words = spec.trim().split(/\s+/).filter(Boolean)
    if (words.length === 0) continue
    if (words.every((w, i) => (run.argv[i] ?? '').toLowerCase() === w.toLowerCase())) return spec
    if (run.chain.some((l) => l.text.trim() === spec.trim() || l.text.trim().startsWith(spec.trim() + ' '))) return spec
  }
  return undefined
}

function fromRun(run: ToolRun, verdict: CommandVerdict): Finding {
  const blockedBy = verdict.blockedBy ?? (run.neutralised ? `cannot fail: ${run.neutralised}` : null)
  return finding(verdict.signature.tool, run.text, run.chain, run.where, run.triggers, blockedBy, verdict.signature.kind ?? 'counts', verdict.note, jobKey(run.job))
}

function fromAction(use: ActionUse, verdict: CommandVerdict): Finding {
  const blockedBy = verdict.blockedBy ?? (use.neutralised ? `cannot fail: ${use.neutralised}` : null)
  return finding(verdict.signature.tool, use.action.name, use.chain, 'ci', use.triggers, blockedBy, verdict.signature.kind ?? 'counts', verdict.note, jobKey(use.job))
}

/** What a command verdict depends on: the command, its directory and its flags. */
function shapeOf(run: ToolRun): string {
  return `${run.cwd}\u0000${run.checkedOutput === true}${run.followedByDiffCheck === true}${run.failsOnChange === true}\u0000${run.argv.join('\u0001')}`
}

/** Runs that another run's chain continues (`npm test` when its script was followed): not leaves. */
function resolvedFurther(runs: readonly ToolRun[]): ReadonlySet<string> {
  const prefixes = new Set<string>()
  for (const r of runs) {
    // Each prefix's key extends the previous one: linear in the chain, not quadratic.
    let key = ''
    for (let n = 0; n < r.chain.length - 1; n++) {
      key = n === 0 ? linkKey(r.chain[0]!) : `${key}\n${linkKey(r.chain[n]!)}`
      prefixes.add(key)
    }
  }
  return prefixes
}

/**
 * The catalogue plus the runs of other tools whose configuration enables this practice's rules
 * (facts: `securityRules`), renamed and annotated with where the rules are switched on; and those
 * configurations as config hits.
 */
function withImplied(ctx: CheckContext, catalogue: Catalogue): { catalogue: Catalogue; configs: ConfigHit[]; problems: Evidence[] } {
  if (!catalogue.implied) return { catalogue, configs: [], problems: [] }
  const problems = ctx.facts.securityRules.problems.map((p) => ({ path: p.path, ...(p.line ? { line: p.line } : {}), message: `linter configuration could not be read: ${p.message}` }))
  const commands = [...catalogue.commands]
  const actions = [...catalogue.actions]
  const configs: ConfigHit[] = []
  for (const imp of catalogue.implied ?? []) {
    const on = ctx.facts.securityRules.enabled.filter((e) => e.rules === imp.rules)
    if (on.length === 0) continue
    const where = `${on[0]!.how} in ${on[0]!.path}${on[0]!.line ? `:${on[0]!.line}` : ''}`
    const note = (n: string | undefined): string => (n ? `${n}; ${where}` : where)
    commands.push(...imp.commands.map((c) => ({ ...c, tool: imp.tool, note: note(c.note) })))
    actions.push(...imp.actions.map((a) => ({ ...a, tool: imp.tool, note: note(a.note) })))
    for (const e of on) configs.push({ tool: imp.tool, evidence: { path: e.path, ...(e.line ? { line: e.line } : {}), message: `${imp.tool} is configured (${e.how})` } })
  }
  return { catalogue: { ...catalogue, commands, actions }, configs, problems }
}

export function judgePractice(ctx: CheckContext, base: Catalogue, options: PracticeOptions = {}): Judgement {
  const { ci, configTexts } = ctx.facts
  const { catalogue, configs: impliedConfigs, problems: configProblems } = withImplied(ctx, base)
  const findings: Finding[] = []
  const inner = resolvedFurther(ci.runs)
  const verdicts = new Map<string, ReturnType<typeof judgeRun>>()
  for (const run of ci.runs) {
    const extra = extraCommandMatches(ctx.extra.commands, run)
    if (extra) {
      findings.push(fromRun({ ...run, triggers: declared(run) }, { signature: { tool: extra, commands: [] }, blockedBy: null }))
      continue
    }
    if (inner.has(chainKey(run.chain))) continue
    // The verdict depends on the command, its directory and flags only: a CI that reaches the same
    // command through many jobs (tens of thousands of runs, about a thousand distinct) judges it once.
    const shape = shapeOf(run)
    let verdict = verdicts.get(shape)
    if (verdict === undefined) {
      verdict = judgeRun(catalogue.commands, run, (p) => configTexts.texts.get(p))
      verdicts.set(shape, verdict)
    }
    if (!verdict) continue
    const vetoed = verdict.blockedBy?.startsWith(NOT_A_RUN) ? undefined : options.veto?.(run, verdict.signature.tool)
    // A vetoed run's note (why such a run counts) no longer holds.
    findings.push(fromRun(run, vetoed === undefined ? verdict : { signature: verdict.signature, blockedBy: `${NOT_A_RUN}: ${vetoed}` }))
  }
  const extraActions = ctx.extra.actions.map((a) => a.toLowerCase())
  for (const use of ci.actions) {
    if (extraActions.length > 0 && actionNameMatches(extraActions, use.action.name)) {
      findings.push(fromAction({ ...use, triggers: declared(use) }, { signature: { tool: use.action.name, commands: [] }, blockedBy: null }))
      continue
    }
    const verdict = catalogue.actions.reduce<CommandVerdict | null>((v, sig) => v ?? judgeAction(sig, use, catalogue.commands), null) ?? judgeNamedWorkflow(catalogue, use)
    if (verdict) findings.push(fromAction(use, verdict))
  }
  const forgivingJobs = new Set<string>()
  if (options.forgivenByJobActions) {
    for (const use of ci.actions) {
      const key = jobKey(use.job)
      if (key && !use.neutralised && actionNameMatches(options.forgivenByJobActions, use.action.name)) forgivingJobs.add(key)
    }
  }
  const pr: Finding[] = []
  const notOnPr: Finding[] = []
  const local: Finding[] = []
  const nonBlocking: Finding[] = []
  const other: Finding[] = []
  const undetermined: OpaqueStep[] = []
  for (const f0 of findings) {
    let f = f0
    if (f.kind === 'counts' && f.blockedBy && f.jobKey && forgivingJobs.has(f.jobKey) && !f.blockedBy.startsWith(NOT_A_RUN)) {
      const message = `${f.evidence.message} (${options.forgivenNote ?? 'counted anyway'})`
      f = { ...f, blockedBy: null, evidence: { ...f.evidence, message } }
    }
    if (f.kind !== 'counts' || f.blockedBy?.startsWith(NOT_A_RUN)) other.push(f)
    else if (f.blockedBy) nonBlocking.push(f)
    else if (f.where === 'local') local.push(f)
    else if (f.onPr) pr.push(f)
    else if (f.outside !== undefined) undetermined.push(undeterminedStep(f))
    else notOnPr.push(f)
  }
  // Task-runner declarations are resolved only when nothing in CI or hooks does the job.
  const enforcing = pr.length + notOnPr.length + local.length + nonBlocking.length > 0
  const configs = [...findConfigs(ctx.facts, catalogue.configs, ctx.extra.files), ...impliedConfigs, ...installedTools(ctx, catalogue), ...(enforcing ? [] : declaredTools(ctx, catalogue, options.veto))]
  const problems: Evidence[] = [
    ...ci.problems.map((p) => ({ path: p.path, ...(p.line ? { line: p.line } : {}), message: `could not be read as CI configuration: ${p.message}` })),
    ...ctx.facts.failures.map((p) => ({ ...(p.path ? { path: p.path } : {}), message: p.message })),
    ...configProblems
  ]
  const hasCi = ci.files.length > 0 || ci.jobs.length > 0 || ci.problems.length > 0
  return { pr, notOnPr, local, nonBlocking, other, configs, problems, unreadable: ci.problems.length, hasCi, opaque: [...undetermined, ...opaqueSteps(ci)] }
}

/**
 * A check that runs where the CI service, not the repository, decides the events (a Cloud Build
 * trigger): it may or may not gate pull requests, so it is named among the steps that make the
 * practice `unknown`, declarable like them.
 */
function undeterminedStep(f: Finding): OpaqueStep {
  const subject = f.evidence.message.split(' — ')[0] ?? f.tool
  return { name: `${f.tool} (${subject})`, evidence: f.evidence, declare: { kind: 'commands', value: subject } }
}

export function tools(findings: readonly Finding[]): string {
  return listNames(findings.map((f) => f.tool))
}

export function configTools(configs: readonly ConfigHit[]): string {
  return listNames(configs.map((c) => c.tool))
}

export function eventsOf(findings: readonly Finding[]): string {
  const events = [...new Set(findings.flatMap((f) => f.events))]
  return events.length > 0 ? events.join(', ') : 'no pull_request trigger'
}

const NO_CI = 'No CI configuration was found (GitHub Actions, GitLab CI, CircleCI, Azure Pipelines, Jenkins, Woodpecker, Drone, Buildkite, Cirrus, Cloud Build, …).'

/** Evidence with the deciding tier first, then the rest of what was found. */
export function evidenceOf(j: Judgement, lead: readonly Finding[]): Evidence[] {
  const rest = [j.pr, j.notOnPr, j.local, j.nonBlocking, j.other].filter((t) => t !== lead)
  const noCi: Evidence[] = j.hasCi ? [] : [{ message: NO_CI }]
  return pickEvidence([
    { items: lead.map((f) => f.evidence), max: 5 },
    { items: rest.flat().map((f) => f.evidence), max: 3 },
    { items: j.configs.map((c) => c.evidence), max: 3 },
    { items: j.problems, max: 3 },
    { items: noCi, max: 1 }
  ])
}

/** The message of an `unknown` practice whose CI holds steps Shipshape could not follow. */
export const OPAQUE_MESSAGE = 'Nothing in the CI Shipshape could follow does this; {count|CI step} could not be followed: {steps}.'

/** The message of an `unknown` practice whose CI files could not all be read. */
export const UNREADABLE_MESSAGE = 'Nothing in the CI files that could be read does this; {count|CI file} could not be parsed.'

/**
 * Honest uncertainty: when nothing counts, a CI Shipshape did not fully understand gives `unknown`
 * instead of `fail` — CI files it could not parse, or steps it could not follow (each named, with
 * how to declare it so it counts). Undefined when CI was understood, so the caller's fail stands.
 */
export function undecided(j: Judgement, check: CheckId, doing: string, otherwise: string): Outcome<'opaque' | 'unreadable'> | undefined {
  if (j.unreadable > 0) return { status: 'unknown', messageId: 'unreadable', data: { count: j.unreadable }, evidence: evidenceOf(j, []), remediation: `Fix the CI files listed in the evidence so they parse; Shipshape then judges what they run. ${otherwise}`, resolve: { text: 'fix the CI files named in the evidence so they parse' } }
  return opaqueOutcome(j.opaque, check, doing, otherwise, evidenceOf(j, []))
}

/**
 * The foot of a CI practice's ladder, when nothing runs the tool in CI: `partial` ("configured, not
 * run") when the tool is configured and no CI step could be running it, `unknown` when a step
 * Shipshape could not follow may be (named, with how to declare it), else `fail`.
 */
export function notRunOutcome<C extends string>(j: Judgement, check: CheckId, doing: string, configuredId: C, remediation: string): Outcome<C | 'no-ci' | 'none' | 'opaque' | 'unreadable'> {
  const evidence = evidenceOf(j, [])
  const configured = j.configs.length > 0 ? ({ status: 'partial', messageId: configuredId, data: { tools: configTools(j.configs) }, evidence, remediation } as const) : undefined
  if (!j.hasCi) return configured ?? { status: 'fail', messageId: 'no-ci', evidence, remediation }
  return undecided(j, check, doing, remediation) ?? configured ?? { status: 'fail', messageId: 'none', evidence, remediation }
}

/**
 * `unknown` because of CI steps Shipshape could not follow, naming each one and how to declare it
 * under `signatures.<check>`; undefined when every step was followed.
 */
export function opaqueOutcome(opaque: readonly OpaqueStep[], check: CheckId, doing: string, otherwise: string, found: readonly Evidence[]): Outcome<'opaque'> | undefined {
  if (opaque.length === 0) return undefined
  const steps = listNames(opaque.map((o) => o.name))
  const evidence = pickEvidence([
    { items: opaque.map((o) => o.evidence), max: 6 },
    { items: found, max: 4 }
  ])
  return { status: 'unknown', messageId: 'opaque', data: { count: opaque.length, steps }, evidence, remediation: declareRemediation(opaque, check, doing, otherwise), resolve: { text: `declare the CI steps that ${doing} under signatures.${check} in the config (the evidence names each step Shipshape could not follow)` } }
}

/** How to declare an opaque step in the configuration so that it counts. */
function declareRemediation(opaque: readonly OpaqueStep[], check: CheckId, doing: string, otherwise: string): string {
  const commands = [...new Set(opaque.filter((o) => o.declare.kind === 'commands').map((o) => o.declare.value))].slice(0, 3)
  const actions = [...new Set(opaque.filter((o) => o.declare.kind === 'actions').map((o) => o.declare.value))].slice(0, 3)
  const yaml = ['```yaml', '# .github/shipshape.yml', 'signatures:', `  ${check}:`]
  if (commands.length > 0) yaml.push('    commands:', ...commands.map((c) => `      - ${JSON.stringify(c)}`))
  if (actions.length > 0) yaml.push('    actions:', ...actions.map((a) => `      - ${JSON.stringify(a)}`))
  yaml.push('```')
  return [`Shipshape could not see what these CI steps run. If one of them ${doing}, declare it so it counts:`, '', ...yaml, '', otherwise].join('\n')
}
