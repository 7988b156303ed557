import type { ActionUse, ToolRun } from '../facts/ci/types.js'
import { frameworkList, snippetFor, type Framework } from '../facts/service/frameworks.js'
import { chainEvidence } from './catalog/evidence.js'
import { graphqlOnly } from './catalog/graphql.js'
import { judgeCommand } from './catalog/match.js'
import { COMMIT_ACTIONS, mentionsSpec, OPENAPI_SNIPPETS, PUBLISH_ACTIONS, PUBLISH_COMMANDS } from './catalog/openapi.js'
import { scriptArgv, SPEC_DUMPS } from './catalog/contract.js'
import { actionNameMatches } from './catalog/match.js'
import { notAService } from './catalog/framework-repo.js'
import { defineCheck, type Evidence, type Outcome } from './types.js'
import { plural } from '../prose.js'

/**
 * openapi-published: is there an OpenAPI description, and is it published? A spec exists when
 * one is committed (found by content, not a fixture) or the framework generates one; it is
 * published when the app serves it or CI makes it available (artifact, Pages, release asset,
 * docs portal, regenerate-and-commit).
 */

const messages = {
  'pass-served': 'An OpenAPI description exists ({spec}) and the app serves it at {served}.',
  'pass-published': 'An OpenAPI description exists ({spec}) and it is published ({published}).',
  partial: 'An OpenAPI description exists ({spec}) but is neither served by the app nor published by CI{why}.',
  fail: 'The service ({frameworks}) has no OpenAPI description: none committed and none generated.',
  'no-service': 'No HTTP framework found in dependencies or imports: there is no HTTP API to describe.',
  'framework-repo': 'This repository publishes {name}, an HTTP framework itself, not a service built on it: there is no HTTP API to describe.',
  'graphql-only': 'The API is GraphQL only ({tool}); its schema is the contract, so an OpenAPI description does not apply.'
} as const
type Id = keyof typeof messages

export default defineCheck({
  meta: {
    id: 'openapi-published',
    title: 'OpenAPI published',
    question: 'Is there an OpenAPI description, and is it published?',
    messages,
    why: 'An OpenAPI description is the contract clients, SDK generators, gateways and contract tests work from. Kept in the repository but never published, it drifts and nobody can find it; served by the app or published by CI, it stays reachable and testable.',
    remediation: 'Generate or commit an OpenAPI document, then serve it from the app (framework default) or publish it from CI (artifact, GitHub Pages, release asset or a docs portal).'
  },
  run({ facts }): Outcome<Id> {
    const { service, openapi, ci } = facts
    const na = notAService(service)
    if (na) return na
    const own = openapi.specs.filter((s) => s.notOwn === null)
    const evidence: Evidence[] = []
    for (const s of own.slice(0, 3)) evidence.push({ path: s.path, message: `${s.kind === 'openapi' ? 'OpenAPI' : 'Swagger'} ${s.version}${s.title ? ` "${s.title}"` : ''}, ${s.pathCount === null || s.pathCount === undefined ? 'paths not counted' : plural(s.pathCount, 'path')}${s.problem ? ` — ${s.problem}` : ''}` })
    for (const s of openapi.specs.filter((x) => x.notOwn !== null).slice(0, 2)) evidence.push({ path: s.path, message: `not counted: ${s.notOwn}` })
    for (const g of openapi.generators.slice(0, 4)) evidence.push({ path: g.path, ...(g.line ? { line: g.line } : {}), message: `${g.tool}${g.servedAt ? ` serves ${g.servedAt}` : ' generates a spec, not served'}${g.note ? ` (${g.note})` : ''}` })
    for (const s of openapi.skipped.slice(0, 3)) evidence.push({ ...(s.path ? { path: s.path } : {}), message: `skipped: ${s.reason}` })
    const exists = own.length > 0 || openapi.generators.length > 0
    const remediation = remediationFor(service.frameworks.map((f) => f.framework))
    if (!exists) {
      const gql = graphqlOnly(facts)
      if (gql) return { status: 'not-applicable', messageId: 'graphql-only', data: { tool: gql.tool }, evidence: [...gql.evidence] }
      return { status: 'fail', messageId: 'fail', data: { frameworks: frameworkList(service.frameworks) }, evidence, remediation }
    }
    const spec = own.length > 0 ? own[0]!.path + (own.length > 1 ? ` and ${own.length - 1} more` : '') : openapi.generators.map((g) => g.tool).filter((v, i, a) => a.indexOf(v) === i).join(', ') + ' generation'
    const served = openapi.generators.filter((g) => g.servedAt !== null && g.servedAt !== '')
    const published = [...publications(ci.runs, ci.actions, own.map((s) => s.path)), ...openapi.docsSites.map((d) => ({ what: `${d.host} (${d.tool})`, evidence: { path: d.config, line: d.line, message: `${d.tool} copies ${d.dir}/ (holding ${d.spec}) into the site ${d.host} builds (${d.hostConfig})` } }))]
    evidence.push(...published.slice(0, 3).map((p) => p.evidence))
    if (served.length > 0) return { status: 'pass', messageId: 'pass-served', data: { spec, served: [...new Set(served.map((g) => g.servedAt!))].join(', ') }, evidence }
    if (published.length > 0) return { status: 'pass', messageId: 'pass-published', data: { spec, published: [...new Set(published.map((p) => p.what))].join(', ') }, evidence }
    const off = openapi.generators.find((g) => g.note)
    return { status: 'partial', messageId: 'partial', data: { spec, why: off?.note ? ` (${off.note})` : '' }, evidence, remediation }
  }
})

interface Publication {
  readonly what: string
  readonly evidence: Evidence
}

/** CI steps that make the spec available beyond the app (any trigger; never a neutralised step). */
function publications(runs: readonly ToolRun[], actions: readonly ActionUse[], specPaths: readonly string[]): Publication[] {
  const out: Publication[] = []
  const jobsWithRender = new Set<string>()
  const jobsWithDump = new Set<string>()
  for (const r of runs) {
    if (r.where !== 'ci' || r.neutralised) continue
    const key = r.job ? `${r.job.file}#${r.job.id}` : ''
    if (SPEC_DUMPS.some((s) => judgeCommand(s, scriptArgv(r.argv))) || (r.text.includes('openapi()') && r.text.includes('>'))) jobsWithDump.add(key)
    for (const sig of PUBLISH_COMMANDS) {
      if (!judgeCommand(sig, r.argv)) continue
      if (sig.publish === 'pages') {
        jobsWithRender.add(r.job?.file ?? '')
        continue
      }
      if (sig.needsSpecArg && !mentionsSpec(r.text, specPaths)) continue
      out.push({ what: `${sig.tool} (${sig.publish})`, evidence: chainEvidence(r.text, r.chain, `publishes the spec: ${sig.publish}`) })
    }
  }
  for (const a of actions) {
    if (a.neutralised) continue
    const key = `${a.job.file}#${a.job.id}`
    if (actionNameMatches(COMMIT_ACTIONS, a.action.name) && jobsWithDump.has(key)) {
      out.push({ what: 'regenerated and committed', evidence: chainEvidence(a.action.raw, a.chain, 'regenerates the spec and commits it') })
      continue
    }
    for (const sig of PUBLISH_ACTIONS) {
      if (!actionNameMatches(sig.names, a.action.name)) continue
      const inputs = Object.values(a.action.with).join(' ')
      const rendered = sig.publish === 'pages' && jobsWithRender.has(a.job.file)
      if (sig.needsSpecInput && !rendered && !mentionsSpec(inputs, specPaths)) continue
      out.push({ what: `${sig.tool} (${sig.publish})`, evidence: chainEvidence(a.action.raw, a.chain, `publishes the spec: ${sig.publish}`) })
    }
  }
  return out
}

function remediationFor(fws: readonly Framework[]): string {
  const snippet = snippetFor(fws, OPENAPI_SNIPPETS)
  const base = 'Generate or commit an OpenAPI document, then serve it from the app or publish it from CI (artifact, GitHub Pages, release asset or a docs portal).'
  return snippet ? `${base}\n\n${snippet}` : base
}
