import { isDiffCheck } from '../facts/ci/diff-check.js'
import type { ToolRun } from '../facts/ci/types.js'
import type { ContractTestFile } from '../facts/openapi/types.js'
import { listedUnder } from '../facts/repo-files.js'
import { CONTRACT, CONTRACT_SNIPPET, contractRemediation, RUNNERS_BY_EXTENSION, scriptArgv, SPEC_DUMP_TEXT, SPEC_DUMPS } from './catalog/contract.js'
import { chainEvidence } from './catalog/evidence.js'
import { graphqlOnly } from './catalog/graphql.js'
import { judgeCommand } from './catalog/match.js'
import { evidenceOf, judgePractice } from './catalog/practice.js'
import { TESTS } from './catalog/tests.js'
import { notAService } from './catalog/framework-repo.js'
import { defineCheck, type Evidence, type Outcome } from './types.js'

/**
 * contract-tests: does CI test the API against its contract? Three kinds of evidence, each judged
 * on pull requests: a contract tool run by CI (Schemathesis, Dredd, Pact verification, Prism
 * proxy, oasdiff…), a drift check (regenerate the spec, then `git diff --exit-code`), or a
 * contract test file (Schemathesis/pact/openapi-core/jest-openapi…) whose suite CI runs.
 */

const messages = {
  pass: 'CI tests the API against its contract on pull requests: {tools}.',
  'not-on-prs': 'Contract tests exist ({tools}) but CI does not run them on pull requests.',
  fail: 'No contract tests: nothing checks the API against its OpenAPI description or consumer contracts.',
  'no-service': 'No HTTP framework found in dependencies or imports: there is no HTTP API to test.',
  'framework-repo': 'This repository publishes {name}, an HTTP framework itself, not a service built on it: there is no HTTP API to test.',
  'graphql-only': 'The API is GraphQL only ({tool}): there is no OpenAPI or REST contract to test against.'
} as const
type Id = keyof typeof messages

export default defineCheck({
  meta: {
    id: 'contract-tests',
    title: 'Contract tests',
    question: 'Does CI test the API against its contract?',
    messages,
    why: 'Unit tests check what the code does; contract tests check that the API still does what its description and its consumers say. Without them, a renamed field or a changed status code ships silently and breaks clients in production.',
    remediation: CONTRACT_SNIPPET
  },
  run(ctx): Outcome<Id> {
    const { facts } = ctx
    const na = notAService(facts.service)
    if (na) return na
    const j = judgePractice(ctx, CONTRACT)
    const remediation = contractRemediation([...new Set(facts.service.frameworks.map((f) => f.ecosystem))], facts.service.frameworks.map((f) => f.framework))
    const drift = driftChecks(facts.ci.runs, facts.openapi.specs.map((sp) => sp.path))
    const files = facts.openapi.contractTests
    const fileRuns = files.map((f) => ({ file: f, run: suiteRun(f, facts.ci.runs, facts.repoFiles.all) }))
    const onPr = [...j.pr.map((f) => f.tool), ...drift.filter((d) => d.onPr).map(() => 'spec drift check'), ...fileRuns.filter((x) => x.run).map((x) => x.file.tool)]
    const evidence: Evidence[] = [
      ...evidenceOf(j, j.pr),
      ...drift.flatMap((d) => d.evidence),
      ...fileRuns.flatMap(({ file, run }) => [
        { path: file.path, line: file.line, message: `${file.tool}: ${file.text}` },
        ...(run ? [chainEvidence(run.text, run.chain, 'runs the suite holding it on pull requests')] : [])
      ])
    ].slice(0, 12)
    if (onPr.length > 0) return { status: 'pass', messageId: 'pass', data: { tools: [...new Set(onPr)].join(', ') }, evidence }
    const other = [...j.notOnPr, ...j.local, ...j.nonBlocking]
    const present = [...other.map((f) => f.tool), ...drift.map(() => 'spec drift check'), ...files.map((f) => f.tool), ...j.configs.map((c) => c.tool)]
    if (present.length > 0) {
      const ev = [...evidenceOf(j, other), ...evidence]
      return { status: 'partial', messageId: 'not-on-prs', data: { tools: [...new Set(present)].join(', ') }, evidence: ev.slice(0, 12), remediation }
    }
    const gql = graphqlOnly(facts)
    if (gql) return { status: 'not-applicable', messageId: 'graphql-only', data: { tool: gql.tool }, evidence: [...gql.evidence] }
    return { status: 'fail', messageId: 'fail', evidence: j.problems.slice(0, 3), remediation }
  }
})

/**
 * The paths a `git diff` compares, when it names any (after `--`, else its non-option words that
 * look like paths): a diff scoped to generated client code (`go-sdk/pkg/`) compares no spec.
 */
function diffPaths(argv: readonly string[]): string[] {
  const rest = argv.slice(2)
  const dash = rest.indexOf('--')
  const words = dash >= 0 ? rest.slice(dash + 1) : rest.filter((w) => !w.startsWith('-') && /[./]/.test(w) && !/^(origin|upstream)\//.test(w) && !/\.\./.test(w))
  return words.filter((w) => !w.startsWith('-'))
}

const SPEC_PATH = /openapi|swagger|oas|api-?docs|spec|schema/i

/** A diff that compares a spec: unscoped, or scoped to a path that names one or holds a committed spec. */
function comparesSpec(argv: readonly string[], specPaths: readonly string[]): boolean {
  const paths = diffPaths(argv)
  if (paths.length === 0) return true
  return paths.some((p) => SPEC_PATH.test(p) || specPaths.some((sp) => sp === p || sp.startsWith(p.replace(/\/?$/, '/'))))
}

/**
 * A spec regenerated and then compared (`git diff --exit-code`, a tested `git status --porcelain`,
 * `diff -u`) in the same job. The evidence names the comparison, then the job's first
 * regenerating command (its chain shows how CI reaches it: a script, a shell function).
 */
function driftChecks(runs: readonly ToolRun[], specPaths: readonly string[]): { onPr: boolean; evidence: Evidence[] }[] {
  const out: { onPr: boolean; evidence: Evidence[] }[] = []
  const jobKey = (r: ToolRun): string => (r.job ? `${r.job.file}#${r.job.id}` : r.chain[0]?.path ?? '')
  const dumps = new Map<string, ToolRun>()
  for (const r of runs) {
    if (r.where !== 'ci' || r.neutralised || !(SPEC_DUMPS.some((s) => judgeCommand(s, scriptArgv(r.argv))) || SPEC_DUMP_TEXT.test(r.text))) continue
    if (!dumps.has(jobKey(r))) dumps.set(jobKey(r), r)
  }
  const shown = new Set<string>()
  for (const r of runs) {
    const dump = dumps.get(jobKey(r))
    if (r.where !== 'ci' || r.neutralised || r.diffFixUp || dump === undefined) continue
    const isGitDiff = isDiffCheck(r.argv, r.checkedOutput === true) && (r.argv[1] !== 'diff' || comparesSpec(r.argv, specPaths))
    const isDiff = r.argv[0] === 'diff' && r.argv.some((a) => /openapi|swagger|schema|spec/i.test(a))
    if (!isGitDiff && !isDiff) continue
    const compared = chainEvidence(r.text, r.chain, 'committed spec compared with the regenerated one')
    const regenerated = shown.has(jobKey(r)) ? [] : [chainEvidence(dump.text, dump.chain, 'regenerates the spec')]
    shown.add(jobKey(r))
    out.push({ onPr: r.triggers.pullRequest, evidence: [compared, ...regenerated] })
  }
  return out
}

/** A CI run on pull requests of the test runner that would collect this file, or undefined. */
function suiteRun(file: ContractTestFile, runs: readonly ToolRun[], listed: readonly string[]): ToolRun | undefined {
  const eco = RUNNERS_BY_EXTENSION.find((r) => r.ext.some((e) => file.path.endsWith(e)))?.ecosystem
  if (!eco) return undefined
  const sigs = TESTS.commands.filter((s) => s.ecosystem === eco || s.ecosystem === undefined)
  for (const r of runs) {
    if (r.where !== 'ci' || r.neutralised || !r.triggers.pullRequest) continue
    const v = sigs.map((s) => judgeCommand(s, r.argv)).find((x) => x !== null)
    if (!v || v.blockedBy || (v.signature.kind && v.signature.kind !== 'counts')) continue
    const targets = r.argv.slice(1).filter((a) => !a.startsWith('-') && (a.includes('/') || /\.(py|js|ts|go|rb|java)$/.test(a) || listedUnder(listed, join(r.cwd, a)).length > 0))
    if (targets.length > 0 && !targets.some((t) => file.path.startsWith(join(r.cwd, t).replace(/\/$/, '')) || join(r.cwd, t) === '')) continue
    return r
  }
  return undefined
}

function join(cwd: string, p: string): string {
  const clean = p.replace(/^\.\//, '').replace(/\/\.\.\.$/, '')
  if (clean === '.' || clean === '') return cwd
  return cwd ? `${cwd}/${clean}` : clean
}
