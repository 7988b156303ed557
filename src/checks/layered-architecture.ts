import { plural } from '../prose.js'
import { ARCH_CONFIG_RULES, ARCH_RULE_TOOLS, LAYER_REMEDIATION } from './catalog/layer-rules.js'
import type { InfraRow } from '../facts/catalog/layers.js'
import { findConfigs } from './catalog/ecosystem.js'
import { frameworkRepo } from './catalog/framework-repo.js'
import { LINT } from './catalog/lint.js'
import { judgePractice, type Finding } from './catalog/practice.js'
import { TESTS } from './catalog/tests.js'
import { ECOSYSTEM_IDS, type Ecosystem } from '../facts/ecosystems.js'
import type { HandlerModule, InfraTouch } from '../facts/layers.js'
import { defineCheck, type CheckContext, type Evidence, type MessageData } from './types.js'

/** How many handler modules reaching infrastructure directly still count as layered. */
const DIRECT_SHARE_LIMIT = 0.2

const FALLBACK_SHOWN: readonly Ecosystem[] = ['python', 'node', 'go', 'java']

function remediationFor(ecosystems: readonly Ecosystem[]): string {
  const chosen = ecosystems.length > 0 ? ecosystems : FALLBACK_SHOWN
  return [
    'Keep route handlers thin: they parse the request and call a service (domain) layer; only an infrastructure layer (repositories, clients of other services, caches, queues) touches the outside world. Then write the boundary down as a rule your architecture linter checks on every pull request:',
    ...chosen.map((e) => LAYER_REMEDIATION[e])
  ].join('\n\n')
}

interface RuleTool {
  readonly tool: string
  readonly onPr: boolean
  readonly evidence: readonly Evidence[]
}

/** Architecture-rule tools: their own CI runs, test libraries run by the test suite, rules inside a linter's configuration. */
function ruleTools(ctx: CheckContext): RuleTool[] {
  const out: RuleTool[] = []
  const j = judgePractice(ctx, ARCH_RULE_TOOLS)
  const counts = (f: Finding): boolean => f.kind === 'counts'
  for (const f of j.pr.filter(counts)) out.push({ tool: f.tool, onPr: true, evidence: [f.evidence] })
  for (const f of [...j.notOnPr, ...j.local, ...j.nonBlocking].filter(counts)) out.push({ tool: f.tool, onPr: false, evidence: [f.evidence] })
  for (const c of j.configs) if (!out.some((o) => o.tool === c.tool)) out.push({ tool: c.tool, onPr: false, evidence: [c.evidence] })
  const carriers = (catalogue: typeof TESTS) => judgePractice(ctx, catalogue).pr
  let tests: readonly Finding[] | undefined
  for (const { tool, ref } of ctx.facts.layering.archTests) {
    tests ??= carriers(TESTS)
    const ev: Evidence = { path: ref.path, line: ref.line, message: `${tool} rules: ${ref.text}` }
    out.push({ tool, onPr: tests.length > 0, evidence: tests.length > 0 ? [ev, tests[0]!.evidence] : [ev] })
  }
  let lint: readonly Finding[] | undefined
  // One pass over the repository's files for every rule kept in another tool's configuration.
  const allHits = findConfigs(ctx.facts, ARCH_CONFIG_RULES.flatMap((r) => r.configs))
  for (const rule of ARCH_CONFIG_RULES) {
    const hits = allHits.filter((h) => h.tool === rule.tool && (!rule.namesOwnModule || namesOwnModule(ctx, h.evidence.path)))
    if (hits.length === 0) continue
    const pool = rule.carriers.some((c) => c.includes('test')) ? (tests ??= carriers(TESTS)) : (lint ??= carriers(LINT))
    const run = pool.find((f) => rule.carriers.includes(f.tool))
    out.push({ tool: rule.tool, onPr: run !== undefined, evidence: run ? [hits[0]!.evidence, run.evidence] : [hits[0]!.evidence] })
  }
  return out
}

/** Whether a configuration file names one of the repository's own Go modules (`example.com/app/internal/store`). */
function namesOwnModule(ctx: CheckContext, path: string | undefined): boolean {
  const text = path === undefined ? undefined : ctx.facts.configTexts.texts.get(path)
  return text !== undefined && ctx.facts.layering.goModules.some((mod) => text.includes(mod + '/'))
}

function touchEvidence(t: InfraTouch<InfraRow>): Evidence {
  return { path: t.path, line: t.line, message: `touches ${t.sig.label} (${t.sig.kind}) directly: ${t.text}` }
}

/** Names that say "domain or data layer": preferred when naming the layer the handlers call. */
const LAYER_NAMES = /service|repositor|store|domain|usecase|use_case|manager|facade|crud|quer|context|command|core|persistence|model/i

/** The directory (C#: namespace) of the handlers' own imports that names their layer: the most used, a layer-like name counting three times. */
function mainLayerDir(handlers: readonly HandlerModule<InfraRow>[]): string {
  const counts = new Map<string, number>()
  for (const h of handlers) {
    const dirs = h.layer.map((f) => (h.ecosystem === 'dotnet' ? f : f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '.'))
    for (const dir of new Set(dirs)) counts.set(dir, (counts.get(dir) ?? 0) + 1)
  }
  const weight = (dir: string, n: number): number => n * (LAYER_NAMES.test(dir) ? 3 : 1)
  const ranked = [...counts].sort(([a, x], [b, y]) => weight(b, y) - weight(a, x) || a.localeCompare(b))
  return ranked[0]?.[0] ?? '.'
}

export default defineCheck({
  meta: {
    id: 'layered-architecture',
    title: 'Layered architecture',
    question: 'Are the API, domain and infrastructure layers kept apart?',
    messages: {
      'rule-tool': '{tools} enforces layer boundaries in CI on pull requests.',
      layered: '{direct} of {total} handler modules reach infrastructure directly; the others call a layer (`{layer}`, used by {users}) that does.',
      'no-infrastructure': 'No handler module reaches infrastructure directly ({handlers} read), and the service touches none that Shipshape recognises.',
      'direct-access': '{direct} of {total} handler modules reach infrastructure directly (more than 20 %), though a layer (`{layer}`) is used by {users}.',
      'configured-not-ci': '{tools} is configured but does not run in CI on pull requests; {direct} of {total} handler modules reach infrastructure directly.',
      flat: '{direct} of {total} handler modules reach infrastructure directly, with no layer in between.',
      'could-not-tell': 'Could not tell: few of the {total} handler modules reach infrastructure directly, but the layer they call could not be found ({unresolved} import modules that could not be resolved).',
      'no-handlers': 'Could not tell: an HTTP framework is used, but no handler module (route handler, controller or view file) was identified.',
      'no-service': 'No HTTP service: there are no handlers to keep apart from infrastructure.',
      'framework-repo': 'This repository publishes {name}, the framework itself; it is not a service.'
    },
    why: 'When route handlers only parse requests and call a domain layer, and only an infrastructure layer talks to databases, caches, queues and other services, a change to storage or to a dependency stays in one place, business rules can be tested without a database, and handlers stay small enough to review. Handlers that run queries and HTTP calls themselves spread every such change across the API.',
    remediation: remediationFor([])
  },
  run(ctx: CheckContext) {
    const { service, manifests } = ctx.facts
    if (service.frameworks.length === 0 && (service.publishes?.length || manifests.manifests.length === 0)) return frameworkRepo(service) ?? { status: 'not-applicable', messageId: 'no-service' }
    const { conventions, layers: facts } = ctx.facts.layering
    const total = facts.handlers.length
    if (total === 0) {
      if (service.frameworks.length === 0) return frameworkRepo(service) ?? { status: 'not-applicable', messageId: 'no-service' }
      const stacks = ECOSYSTEM_IDS.filter((e) => service.frameworks.some((f) => f.ecosystem === e))
      return { status: 'unknown', messageId: 'no-handlers', evidence: service.routes.slice(0, 3).map((r) => ({ path: r.file, line: r.line, message: `route ${r.methods.join(',')} ${r.path}` })), remediation: remediationFor(stacks) }
    }
    const ecosystems = ECOSYSTEM_IDS.filter((e) => facts.handlers.some((h) => h.ecosystem === e))
    const remediation = remediationFor(ecosystems)
    const rules = ruleTools(ctx)
    const enforced = rules.filter((r) => r.onPr)
    const direct = facts.handlers.filter((h) => h.direct.length > 0)
    const rails = conventions.some((c) => c.id === 'rails-active-record')
    const models = rails || conventions.some((c) => c.id === 'ruby-models')
    const users = facts.handlers.filter((h) => h.direct.length === 0 && (h.layer.length > 0 || (models && h.ecosystem === 'ruby')))
    const layer = models && users.every((h) => h.layer.length === 0) ? (rails ? 'app/models' : 'the models') : mainLayerDir(users)
    const data: MessageData = { direct: direct.length, total, handlers: plural(total, 'handler module'), users: users.length, layer, unresolved: 0 }
    const notes: Evidence[] = [
      { message: `${direct.length} of ${total} handler modules reach infrastructure directly; ${users.length} call the service's own modules (mostly \`${layer}\`)${facts.omitted > 0 ? `; ${facts.omitted} more handler modules beyond the cap were not analysed` : ''}` },
      ...conventions.map((c) => ({ message: c.statement })),
      ...(facts.generated.length > 0 ? [{ path: facts.generated[0]!, message: `${facts.generated.length} generated handler file(s) left out` }] : [])
    ]
    const access = direct.flatMap((h) => h.direct.slice(0, 1).map(touchEvidence)).slice(0, 8)
    const behind = [...facts.layerTouches, ...facts.elsewhere].slice(0, 2).map((t) => ({ path: t.path, line: t.line, message: `the layer touches ${t.sig.label} (${t.sig.kind}): ${t.text}` }))
    if (enforced.length > 0) {
      return { status: 'pass', messageId: 'rule-tool', data: { tools: [...new Set(enforced.map((r) => r.tool))].join(', ') }, evidence: [...enforced.flatMap((r) => r.evidence), ...notes.slice(0, 1)] }
    }
    const configured = rules.filter((r) => !r.onPr)
    const share = direct.length / total
    // Under a model convention the models are the layer that reaches the database.
    const reaches = facts.layerTouches.length > 0 || facts.elsewhere.length > 0 || conventions.some((c) => c.id !== 'phoenix-contexts')
    if (share <= DIRECT_SHARE_LIMIT) {
      const unresolved = facts.handlers.filter((h) => h.direct.length === 0 && h.layer.length === 0 && h.unresolved > 0).length
      if (users.length > 0 && (reaches || direct.length > 0)) return { status: 'pass', messageId: 'layered', data, evidence: [...notes, ...behind, ...access] }
      if (unresolved === 0 && direct.length === 0) return { status: 'pass', messageId: 'no-infrastructure', data, evidence: notes }
      if (configured.length === 0) return { status: 'unknown', messageId: 'could-not-tell', data: { ...data, unresolved } as MessageData, evidence: [...notes, ...access], remediation }
    }
    if (configured.length > 0) {
      return { status: 'partial', messageId: 'configured-not-ci', data: { ...data, tools: [...new Set(configured.map((r) => r.tool))].join(', ') } as MessageData, evidence: [...configured.flatMap((r) => r.evidence), ...notes, ...access], remediation }
    }
    if (users.length === 0 || (share > 1 - DIRECT_SHARE_LIMIT && users.length < DIRECT_SHARE_LIMIT * total)) {
      return { status: 'fail', messageId: 'flat', data, evidence: [...notes, ...access], remediation }
    }
    return { status: 'partial', messageId: 'direct-access', data, evidence: [...notes, ...access, ...behind], remediation }
  }
})
