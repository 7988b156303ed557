import { minimatch } from 'minimatch'
import type { CiJob } from '../facts/ci/types.js'
import type { ApiFact, DeclaredBranchRule, PullRequestRequirement } from '../facts/github.js'
import type { Facts } from '../facts/types.js'
import { defineCheck, type Evidence, type MessageData, type Outcome, type Resolution } from './types.js'
import { plural } from '../prose.js'

/**
 * mandatory-prs: can the default branch change only through reviewed pull requests?
 * The API (rulesets, then classic protection) decides; settings-as-code stands in when the API
 * cannot be read, and can only show that PRs are required, never that they are not. A read error
 * is `unknown` naming the permission, never `fail` (docs/design.md, "What a GitHub API answer means").
 */

const messages = {
  pass: 'Pull requests are required on {branch} with {approvals|approval} and {checks|required status check} ({source}).',
  'pass-ci-not-required': 'Pull requests are required on {branch} with {approvals|approval} and {checks|required status check} ({source}), but CI jobs running {what} ({jobs}) are not required checks.',
  'partial-no-approvals': 'A pull request is required on {branch}, but no approving review is ({source}).',
  'partial-no-checks': 'A pull request with {approvals|approval} is required on {branch}, but no status check is ({source}).',
  'partial-neither': 'A pull request is required on {branch}, but neither an approving review nor a status check is ({source}).',
  fail: 'No ruleset or branch protection requires pull requests on {branch}.',
  'declared-pass': 'Settings-as-code in {path} requires pull requests on {branch} with {approvals|approval} and {checks|required status check} (declared, not confirmed through the API).',
  'declared-partial': 'Settings-as-code in {path} requires pull requests on {branch}, but {missing} (declared, not confirmed through the API).',
  'unknown-no-api': 'Branch rules live in GitHub settings, and no GitHub API access was available to read them.',
  'unknown-api': 'The branch rules could not be read ({reason}).',
  'unknown-protection': 'No ruleset requires pull requests on {branch}, and classic branch protection could not be read.'
} as const
type Id = keyof typeof messages

/** Commands that show a job runs the tests or the linters (the status-check cross-reference). */
const CI_PURPOSES: readonly { readonly what: string; readonly commands: readonly string[]; readonly jobName: RegExp }[] = [
  {
    what: 'tests',
    commands: ['pytest', 'tox', 'nox', 'jest', 'vitest', 'mocha', 'ava', 'rspec', 'phpunit', 'go test', 'cargo test', 'dotnet test', 'mvn', 'gradle', 'gradlew', 'npm test', 'npm run test', 'yarn test', 'pnpm test', 'bun test', 'make test', 'rails test', 'python -m pytest', 'python -m unittest'],
    jobName: /(^|[^a-z])tests?([^a-z]|$)/i
  },
  {
    what: 'lint',
    commands: ['eslint', 'ruff', 'flake8', 'pylint', 'golangci-lint', 'rubocop', 'biome', 'pre-commit', 'prek', 'npm run lint', 'yarn lint', 'pnpm lint', 'make lint', 'black', 'prettier', 'standardrb'],
    jobName: /(^|[^a-z])lint/i
  }
]

const NO_API: Resolution = { text: 'give Shipshape a GitHub token so it can read the branch rules (rulesets need only the metadata access every token has)', api: true }

const ADMIN_TOKEN: Resolution = {
  text: 'give the action an `admin-token` with "Administration: read" (a fine-grained token, kept in a secret) so it can read classic branch protection, or move the rules to a ruleset, which any token can read',
  snippet: ['```yaml', '- uses: shipshape-dev/shipshape@v0', '  with:', '    admin-token: ${{ secrets.SHIPSHAPE_ADMIN_TOKEN }}', '```'].join('\n')
}

export default defineCheck({
  meta: {
    id: 'mandatory-prs',
    title: 'Mandatory pull requests',
    question: 'Can the default branch change only through reviewed pull requests?',
    messages,
    why: 'A branch anyone can push to skips review and CI: a broken or unreviewed change reaches production as fast as it was typed. Requiring a pull request with an approval and passing status checks makes review and tests a property of the repository, not a habit.',
    remediation: [
      'Add a branch ruleset for the default branch (Settings → Rules → Rulesets → New branch ruleset, target `Default branch`) with **Require a pull request before merging** (at least 1 approval) and **Require status checks to pass** listing your CI jobs. With the GitHub CLI:',
      '',
      '```sh',
      "gh api repos/OWNER/REPO/rulesets --method POST --input - <<'EOF'",
      '{',
      '  "name": "main",',
      '  "target": "branch",',
      '  "enforcement": "active",',
      '  "conditions": {',
      '    "ref_name": { "include": ["~DEFAULT_BRANCH"], "exclude": [] }',
      '  },',
      '  "rules": [',
      '    {',
      '      "type": "pull_request",',
      '      "parameters": {',
      '        "required_approving_review_count": 1,',
      '        "dismiss_stale_reviews_on_push": true,',
      '        "require_code_owner_review": false,',
      '        "require_last_push_approval": false,',
      '        "required_review_thread_resolution": false',
      '      }',
      '    },',
      '    {',
      '      "type": "required_status_checks",',
      '      "parameters": {',
      '        "strict_required_status_checks_policy": false,',
      '        "required_status_checks": [{ "context": "test" }]',
      '      }',
      '    }',
      '  ]',
      '}',
      'EOF',
      '```',
      '',
      'Or declare it as code (Terraform `github_repository_ruleset`, or `.github/settings.yml`): see docs/checks/mandatory-prs.md.'
    ].join('\n')
  },
  run({ facts }): Outcome<Id> {
    const gh = facts.github
    const branch = gh?.repo.defaultBranch ?? gh?.branch ?? null
    const rules = gh?.rules
    const protection = gh?.protection
    const rulesOk = rules?.status === 'ok' ? rules : null
    const protOk = protection?.status === 'ok' && protection.protected ? protection : null
    const protReadable = protection?.status === 'ok'
    const label = branch ?? 'the default branch'
    const apiEvidence = [...readEvidence('rulesets', rules), ...readEvidence('classic protection', protection)]

    let pr: PullRequestRequirement | null = null
    for (const cand of [rulesOk?.pullRequest, protOk?.pullRequest]) if (cand && (!pr || cand.approvals > pr.approvals)) pr = cand
    const contexts = [...new Set([...(rulesOk?.statusChecks?.contexts ?? []), ...(protOk?.statusChecks?.contexts ?? [])])]

    if (pr) return judge(facts, label, pr.approvals, contexts, pr.source, apiEvidence)
    if (rulesOk && protReadable) {
      return { status: 'fail', messageId: 'fail', data: { branch: label }, evidence: [...apiEvidence, ...declaredEvidence(facts, branch)] }
    }
    // The API could not settle it: settings-as-code may show that PRs are required.
    const declared = bestDeclared(facts.settingsAsCode.rules, branch)
    if (declared) return judgeDeclared(facts, declared, label, apiEvidence)
    if (!gh) return { status: 'unknown', messageId: 'unknown-no-api', evidence: declaredEvidence(facts, branch), resolve: NO_API }
    if (rulesOk && protection && protection.status !== 'ok') {
      const resolve = protection.status === 'error' && protection.kind !== 'forbidden' && protection.kind !== 'not-found' ? { text: protection.resolve } : ADMIN_TOKEN
      return { status: 'unknown', messageId: 'unknown-protection', data: { branch: label }, evidence: apiEvidence, resolve }
    }
    const err = rules?.status === 'error' ? rules : protection?.status === 'error' ? protection : null
    return { status: 'unknown', messageId: 'unknown-api', data: { reason: err?.reason ?? 'not read' }, evidence: apiEvidence, resolve: err ? { text: err.resolve } : NO_API }
  }
})

function judge(facts: Facts, branch: string, approvals: number, contexts: readonly string[], source: string, evidence: Evidence[]): Outcome<Id> {
  const data: MessageData = { branch, approvals, checks: contexts.length, source }
  const ev = [...evidence, { message: `required status checks: ${contexts.length > 0 ? contexts.join(', ') : 'none'}` }]
  if (approvals >= 1 && contexts.length > 0) {
    const missing = unrequiredCiJobs(facts.ci.jobs, contexts)
    if (missing.length === 0) return { status: 'pass', messageId: 'pass', data, evidence: ev }
    const what = [...new Set(missing.map((m) => m.what))].join(' and ')
    const jobs = [...new Set(missing.map((m) => m.job.name))].join(', ')
    for (const m of missing) ev.push({ path: m.job.file, ...(m.job.line ? { line: m.job.line } : {}), message: `job "${m.job.name}" runs the ${m.what} on pull requests but is not a required status check` })
    return { status: 'pass', messageId: 'pass-ci-not-required', data: { ...data, what, jobs }, evidence: ev }
  }
  const messageId: Id = approvals < 1 && contexts.length === 0 ? 'partial-neither' : approvals < 1 ? 'partial-no-approvals' : 'partial-no-checks'
  return { status: 'partial', messageId, data, evidence: ev }
}

function judgeDeclared(facts: Facts, rule: DeclaredBranchRule, branch: string, evidence: Evidence[]): Outcome<Id> {
  const approvals = rule.pullRequest?.approvals ?? 0
  const checks = rule.statusChecks ?? []
  const ev: Evidence[] = [...evidence, { path: rule.path, line: rule.line, message: `${rule.source} requires pull requests (${plural(approvals, 'approval')}, ${plural(checks.length, 'status check')})` }]
  for (const other of declaredEvidence(facts, null)) if (other.path !== rule.path || other.line !== rule.line) ev.push(other)
  const data: MessageData = { path: rule.path, branch: rule.branches[0] ?? branch, approvals, checks: checks.length }
  if (approvals >= 1 && checks.length > 0) return { status: 'pass', messageId: 'declared-pass', data, evidence: ev }
  const missing = approvals < 1 && checks.length === 0 ? 'neither approvals nor status checks are' : approvals < 1 ? 'no approving review is' : 'no status check is'
  return { status: 'partial', messageId: 'declared-partial', data: { ...data, missing }, evidence: ev }
}

function readEvidence(what: string, fact: ApiFact<object> | undefined): Evidence[] {
  if (!fact) return []
  if (fact.status === 'error') return [{ message: `${what}: could not be read (${fact.reason})` }]
  if (fact.status === 'skipped') return [{ message: `${what}: not read (${fact.reason})` }]
  return []
}

/** Does a declared rule apply to the default branch? Unknown branch: `main`/`master`. */
function appliesTo(rule: DeclaredBranchRule, branch: string | null): boolean {
  if (rule.branches.length === 0) return true
  const names = branch ? [branch] : ['main', 'master']
  return rule.branches.some((pattern) => {
    const p = pattern.replace(/^refs\/heads\//, '')
    if (p === '~DEFAULT_BRANCH' || p === '~ALL') return true
    return names.some((n) => p === n || minimatch(n, p))
  })
}

/** Enforced rules only: a ruleset in `disabled` or `evaluate` mode enforces nothing. */
function enforced(rule: DeclaredBranchRule): boolean {
  return rule.enforcement === null || rule.enforcement === 'active'
}

function bestDeclared(rules: readonly DeclaredBranchRule[], branch: string | null): DeclaredBranchRule | null {
  let best: DeclaredBranchRule | null = null
  const rank = (r: DeclaredBranchRule) => ((r.pullRequest?.approvals ?? 0) >= 1 ? 2 : 0) + ((r.statusChecks?.length ?? 0) > 0 ? 1 : 0)
  for (const r of rules) {
    if (!r.pullRequest || !enforced(r) || !appliesTo(r, branch)) continue
    if (!best || rank(r) > rank(best)) best = r
  }
  return best
}

function declaredEvidence(facts: Facts, branch: string | null): Evidence[] {
  const out: Evidence[] = []
  for (const r of facts.settingsAsCode.rules) {
    if (!appliesTo(r, branch)) continue
    const state = !enforced(r) ? `enforcement "${r.enforcement}", so it enforces nothing` : r.pullRequest ? 'requires pull requests' : 'requires no pull request'
    out.push({ path: r.path, line: r.line, message: `${r.source}: ${state}` })
  }
  for (const p of facts.settingsAsCode.problems) out.push({ path: p.path, ...(p.line ? { line: p.line } : {}), message: p.message })
  return out.slice(0, 20)
}

/** Is a job's status check among the required contexts (job name, matrix suffix, reusable-workflow prefix)? */
function isRequired(job: CiJob, contexts: readonly string[]): boolean {
  const names = new Set([job.name, job.id])
  return contexts.some((c) => [...names].some((n) => c === n || c.startsWith(`${n} (`) || c.endsWith(` / ${n}`) || c.startsWith(`${n} / `)))
}

function unrequiredCiJobs(jobs: readonly CiJob[], contexts: readonly string[]): { job: CiJob; what: string }[] {
  const out: { job: CiJob; what: string }[] = []
  for (const job of jobs) {
    if (job.system !== 'github-actions' || job.disabled !== null || job.canFail || !job.triggers.pullRequest) continue
    for (const purpose of CI_PURPOSES) {
      if (!runsPurpose(job, purpose)) continue
      if (!isRequired(job, contexts)) out.push({ job, what: purpose.what })
      break
    }
  }
  return out
}

function runsPurpose(job: CiJob, purpose: (typeof CI_PURPOSES)[number]): boolean {
  if (purpose.jobName.test(job.id) || purpose.jobName.test(job.name)) return true
  for (const step of job.steps) {
    const script = step.run?.toLowerCase()
    if (!script) continue
    for (const line of script.split('\n')) {
      const words = line.trim().split(/\s+/)
      for (let i = 0; i < words.length; i++) {
        const rest = words.slice(i).join(' ')
        if (purpose.commands.some((c) => rest === c || rest.startsWith(c + ' '))) return true
        if (i >= 3) break
      }
    }
  }
  return false
}
