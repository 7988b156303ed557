import type { ExtraSignatures } from '../../src/config/types.js'
import type { Config } from '../../src/config/types.js'
import type { ActionUse, CiFacts, CiJob, CiStep, CiTriggers, ToolRun } from '../../src/facts/ci/types.js'
import type { Facts } from '../../src/facts/types.js'
import type { FrameworkUse } from '../../src/facts/service/types.js'
import type { Ecosystem } from '../../src/facts/ecosystems.js'
import type { Check, CheckContext, Outcome } from '../../src/checks/types.js'
import { factsFor as sharedFactsFor, NO_EXTRA, type FactsInput } from '../helpers/facts.js'

/** The HTTP framework a fixture without one is given (of its own stack), so the service checks judge it (`service: false` leaves it out). */
const FRAMEWORK_OF: Partial<Record<Ecosystem, FrameworkUse['framework']>> = { python: 'fastapi', node: 'express', go: 'gin', java: 'spring', ruby: 'rails' }
function someService(facts: Facts): FrameworkUse {
  const m = facts.manifests.manifests[0]
  const ecosystem = m?.ecosystem ?? 'node'
  return { framework: FRAMEWORK_OF[ecosystem] ?? 'express', ecosystem, dir: '', via: 'dependency', path: m?.path ?? 'package.json', text: 'fixture' }
}

/**
 * Fixture facts for the dependency-based checks: the shared builder (real collectors), CI facts by
 * hand, no API. The service checks do not apply without an HTTP service, so a fixture whose files
 * declare no framework is given one unless `service: false` (the tests of that rule).
 */
export function factsFor(
  files: Record<string, string | Uint8Array>,
  opts: { ci?: Partial<CiFacts>; tags?: { names: string[]; source: 'git' | 'api' } | null; service?: boolean; signatures?: FactsInput['signatures'] } = {}
): Facts {
  const facts = sharedFactsFor({ files, ci: opts.ci ?? {}, tags: opts.tags === undefined ? null : opts.tags, ...(opts.signatures ? { signatures: opts.signatures } : {}) })
  if (opts.service === false || facts.service.frameworks.length > 0) return facts
  return { ...facts, service: { ...facts.service, frameworks: [someService(facts)] } }
}

export function runCheck(check: Check, facts: Facts, extra: Partial<ExtraSignatures> = {}): Outcome<string> {
  const ctx: CheckContext = { facts, extra: { ...NO_EXTRA, ...extra }, config: {} as Config }
  return check.run(ctx)
}

const PUSH: CiTriggers = { pullRequest: false, push: true, schedule: false, manual: false, events: ['push'] }

export function job(file: string, id: string, extra: Partial<CiJob> = {}): CiJob {
  return { system: 'github-actions', file, line: 3, id, name: id, triggers: PUSH, disabled: null, canFail: false, steps: [], images: [], services: [], via: [], ...extra }
}

function step(file: string, line: number, extra: Partial<CiStep> = {}): CiStep {
  return { loc: { path: file, line, text: '' }, canFail: false, disabled: null, via: [], ...extra }
}

/** A command CI runs, as the CI collector would report it. */
export function ciRun(file: string, line: number, text: string, extra: { job?: CiJob; cwd?: string; where?: 'ci' | 'local' } = {}): ToolRun {
  const j = extra.job ?? job(file, 'build')
  return {
    argv: text.split(/\s+/),
    text,
    chain: [{ path: file, line, text }],
    where: extra.where ?? 'ci',
    system: 'github-actions',
    job: j,
    step: step(file, line, { run: text }),
    triggers: j.triggers,
    neutralised: null,
    cwd: extra.cwd ?? ''
  }
}

/** An action a workflow uses. */
export function ciAction(file: string, line: number, name: string, withInputs: Record<string, string> = {}, extra: { job?: CiJob } = {}): ActionUse {
  const j = extra.job ?? job(file, 'build')
  const action = { raw: `${name}@v1`, name, version: 'v1', with: withInputs, local: false }
  return { action, chain: [{ path: file, line, text: `uses: ${name}@v1` }], system: 'github-actions', job: j, step: step(file, line, { uses: action }), triggers: j.triggers, neutralised: null }
}
