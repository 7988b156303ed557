import type { ApiFact, ApiFailure, BranchRules, ClassicProtection, GitHubFacts, PrRunDurations, PullRequestRequirement, StatusCheckRequirement } from '../facts/github.js'
import type { GitHubClient, RuleItem, WorkflowRun } from './client.js'
import type { ApiError } from './errors.js'

/**
 * Reads the API facts Shipshape needs, in parallel, each one independently: a 403 on classic
 * protection does not hide the rulesets, a missing `actions: read` does not hide anything else.
 * Usually two calls (rules, runs); the branch summary only when rulesets leave mandatory-prs
 * open, the repository only when the event payload lacks the default branch, tags only when asked.
 */
export interface CollectGitHubOptions {
  readonly client: GitHubClient
  /** A client authenticated with the admin-token input, for classic protection; null: skip. */
  readonly adminClient?: GitHubClient | null
  /** The default branch, when the event payload names it (saves a call). */
  readonly defaultBranch?: string | null
  /** Ask for tags: the checkout has none (shallow clone). */
  readonly wantTags?: boolean
  /** Ask for PR run durations (the ci-duration check is enabled). */
  readonly wantRuns?: boolean
  /** Ask for rules and protection (the mandatory-prs check is enabled). */
  readonly wantRules?: boolean
}

/** Runs sampled for ci-duration. */
const RUN_SAMPLE = 50
/** A run longer than this is a stuck or re-run artefact, not feedback time. */
const MAX_PLAUSIBLE_MINUTES = 24 * 60

export async function collectGitHubFacts(opts: CollectGitHubOptions): Promise<GitHubFacts> {
  const { client } = opts
  const before = client.calls() + (opts.adminClient?.calls() ?? 0)
  let defaultBranch = opts.defaultBranch ?? null
  let branchError: ApiFailure | null = null
  const wantRules = opts.wantRules ?? true
  if (defaultBranch === null && wantRules) {
    const repo = await client.getRepository()
    if (repo.ok) defaultBranch = repo.value.defaultBranch
    else branchError = failure(repo.error, 'repository')
  }
  const skipped = (reason: string) => ({ status: 'skipped', reason }) as const
  const rulesP = !wantRules ? skipped('the mandatory-prs check is disabled') : defaultBranch === null ? branchError! : readRules(client, defaultBranch)
  const protectionP = (async (): Promise<ApiFact<ClassicProtection>> => {
    if (!wantRules) return skipped('the mandatory-prs check is disabled')
    if (defaultBranch === null) return branchError!
    if (opts.adminClient) return readProtection(opts.adminClient, defaultBranch)
    // Without an admin token, ask only when the rulesets leave the question open.
    const r = await rulesP
    if (r.status === 'ok' && r.pullRequest && r.pullRequest.approvals >= 1 && r.statusChecks) return skipped('the rulesets already require reviewed pull requests and status checks')
    return readBranchSummary(client, defaultBranch)
  })()
  const [rules, protection, prRuns, tags] = await Promise.all([
    rulesP,
    protectionP,
    opts.wantRuns === false ? skipped('the ci-duration check is disabled') : readRuns(client),
    opts.wantTags ? readTags(client) : skipped('tags were read from the checkout')
  ])
  return {
    repo: { owner: client.owner, name: client.repo, defaultBranch },
    branch: defaultBranch,
    rules,
    protection,
    prRuns,
    tags,
    calls: client.calls() + (opts.adminClient?.calls() ?? 0) - before
  }
}

type Fact = 'rules' | 'protection' | 'runs' | 'tags' | 'repository'

/** What resolves a failed read, per fact and error kind. */
const RESOLVE: Readonly<Record<Fact, string>> = {
  rules: 'use a token with read access to the repository metadata (every GITHUB_TOKEN has it; a fine-grained token needs "Metadata: read")',
  protection: 'classic protection needs an admin-token with "Administration: read"; rulesets are readable by any token',
  runs: 'grant the job "actions: read" so Shipshape can read recent workflow runs',
  tags: 'grant the job "contents: read", or fetch tags in actions/checkout (`fetch-depth: 0` or `fetch-tags: true`)',
  repository: 'grant the workflow "contents: read" and "metadata: read"'
}

export function failure(error: ApiError, fact: Fact): ApiFailure {
  const reason = error.message
  if (error.kind === 'forbidden' && /upgrade to github pro|make this repository public/i.test(error.message)) {
    return { status: 'error', kind: error.kind, reason, resolve: 'rulesets and branch protection need a public repository or a paid plan for private ones; until then Shipshape reads settings-as-code' }
  }
  const byKind: Partial<Record<ApiError['kind'], string>> = {
    unauthorized: 'check the github-token input: GitHub rejected the token (401)',
    'rate-limited': "rerun later: the token's API rate limit is exhausted",
    timeout: 'rerun: the GitHub API was too slow to answer',
    network: 'rerun, and check that the runner can reach the GitHub API',
    server: 'rerun: the GitHub API answered with a server error',
    malformed: 'rerun; if it persists, report it to Shipshape with the debug log'
  }
  const resolve = error.kind === 'forbidden' || error.kind === 'not-found' ? RESOLVE[fact] : (byKind[error.kind] ?? RESOLVE[fact])
  return { status: 'error', kind: error.kind, reason, resolve }
}

const num = (v: unknown, d = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : d)
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function stronger(a: PullRequestRequirement | null, b: PullRequestRequirement): PullRequestRequirement {
  if (!a) return b
  return {
    approvals: Math.max(a.approvals, b.approvals),
    codeOwners: a.codeOwners || b.codeOwners,
    dismissStale: a.dismissStale || b.dismissStale,
    lastPushApproval: a.lastPushApproval || b.lastPushApproval,
    source: b.approvals > a.approvals ? b.source : a.source
  }
}

/** Rules as GitHub returns them for a branch; unknown rule types are kept by name and ignored. */
export function parseRules(items: readonly RuleItem[]): BranchRules {
  let pullRequest: PullRequestRequirement | null = null
  let contexts: string[] = []
  let strict = false
  let checkSource: string | null = null
  const types = new Set<string>()
  const ids = new Set<number>()
  for (const item of items) {
    types.add(item.type)
    if (typeof item.ruleset_id === 'number') ids.add(item.ruleset_id)
    const p = isObj(item.parameters) ? item.parameters : {}
    const source = `ruleset ${item.ruleset_id ?? '?'}${item.ruleset_source ? ` (${item.ruleset_source_type ?? 'Repository'} ${item.ruleset_source})` : ''}`
    if (item.type === 'pull_request') {
      pullRequest = stronger(pullRequest, {
        approvals: num(p.required_approving_review_count),
        codeOwners: p.require_code_owner_review === true,
        dismissStale: p.dismiss_stale_reviews_on_push === true,
        lastPushApproval: p.require_last_push_approval === true,
        source
      })
    } else if (item.type === 'required_status_checks') {
      const list = Array.isArray(p.required_status_checks) ? p.required_status_checks : []
      for (const c of list) if (isObj(c) && typeof c.context === 'string' && !contexts.includes(c.context)) contexts.push(c.context)
      strict ||= p.strict_required_status_checks_policy === true
      checkSource ??= source
    }
  }
  contexts = contexts.slice(0, 200)
  return {
    pullRequest,
    statusChecks: contexts.length > 0 ? { contexts, strict, source: checkSource ?? 'rulesets' } : null,
    ruleTypes: [...types].sort(),
    rulesetIds: [...ids].sort((a, b) => a - b)
  }
}

/** Classic protection body (GET …/branches/{branch}/protection). */
export function parseProtection(body: Record<string, unknown>): ClassicProtection {
  const source = 'classic branch protection'
  const reviews = body.required_pull_request_reviews
  const checks = body.required_status_checks
  const pullRequest: PullRequestRequirement | null = isObj(reviews)
    ? {
        approvals: num(reviews.required_approving_review_count),
        codeOwners: reviews.require_code_owner_reviews === true,
        dismissStale: reviews.dismiss_stale_reviews === true,
        lastPushApproval: reviews.require_last_push_approval === true,
        source
      }
    : null
  let statusChecks: StatusCheckRequirement | null = null
  if (isObj(checks)) {
    const contexts = new Set<string>()
    if (Array.isArray(checks.contexts)) for (const c of checks.contexts) if (typeof c === 'string') contexts.add(c)
    if (Array.isArray(checks.checks)) for (const c of checks.checks) if (isObj(c) && typeof c.context === 'string') contexts.add(c.context)
    if (contexts.size > 0) statusChecks = { contexts: [...contexts].slice(0, 200), strict: checks.strict === true, source }
  }
  return { protected: true, pullRequest, statusChecks, enforceAdmins: isObj(body.enforce_admins) && body.enforce_admins.enabled === true }
}

async function readRules(client: GitHubClient, branch: string): Promise<ApiFact<BranchRules>> {
  const res = await client.getBranchRules(branch)
  return res.ok ? { status: 'ok', ...parseRules(res.value) } : failure(res.error, 'rules')
}

/** Without administration:read, the branch summary still tells "not protected" apart from "protected, rules unreadable". */
async function readBranchSummary(client: GitHubClient, branch: string): Promise<ApiFact<ClassicProtection>> {
  const res = await client.getBranch(branch)
  if (!res.ok) return failure(res.error, 'protection')
  if (!res.value.protected) return { status: 'ok', protected: false, pullRequest: null, statusChecks: null, enforceAdmins: false }
  return { status: 'error', kind: 'forbidden', reason: `${branch} has classic branch protection, whose review rules are not readable with this token`, resolve: RESOLVE.protection }
}

async function readProtection(client: GitHubClient, branch: string): Promise<ApiFact<ClassicProtection>> {
  const res = await client.getBranchProtection(branch)
  if (res.ok) return { status: 'ok', ...parseProtection(res.value) }
  // Only GitHub's exact "Branch not protected" is a negative; any other 404 means "cannot see" (docs/design.md, "What a GitHub API answer means").
  if (res.error.kind === 'not-found' && /branch not protected/i.test(res.error.message)) {
    return { status: 'ok', protected: false, pullRequest: null, statusChecks: null, enforceAdmins: false }
  }
  return failure(res.error, 'protection')
}

/**
 * PR feedback time per commit: runs of all workflows for one head SHA overlap, so the developer
 * waits from the first start to the last finish. Runs without a SHA count alone.
 */
export function prDurations(runs: readonly WorkflowRun[]): PrRunDurations {
  const groups = new Map<string, { start: number; end: number; order: number }>()
  const workflows = new Set<string>()
  runs.forEach((run, order) => {
    if (run.event !== 'pull_request' || run.conclusion !== 'success') return
    const start = Date.parse(run.runStartedAt ?? run.createdAt)
    const end = Date.parse(run.updatedAt)
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return
    if (run.name) workflows.add(run.name)
    const key = run.headSha ?? `run-${run.id}`
    const g = groups.get(key)
    if (g) {
      g.start = Math.min(g.start, start)
      g.end = Math.max(g.end, end)
    } else groups.set(key, { start, end, order })
  })
  const durations = [...groups.values()]
    .sort((a, b) => a.order - b.order)
    .map((g) => Math.round(((g.end - g.start) / 60_000) * 10) / 10)
    .filter((m) => m <= MAX_PLAUSIBLE_MINUTES)
  return { durationsMinutes: durations, sample: durations.length, workflows: [...workflows].sort() }
}

async function readRuns(client: GitHubClient): Promise<ApiFact<PrRunDurations>> {
  const res = await client.listWorkflowRuns({ event: 'pull_request', status: 'success', perPage: RUN_SAMPLE })
  return res.ok ? { status: 'ok', ...prDurations(res.value) } : failure(res.error, 'runs')
}

async function readTags(client: GitHubClient): Promise<ApiFact<{ readonly names: readonly string[] }>> {
  const res = await client.listTags(100)
  return res.ok ? { status: 'ok', names: res.value } : failure(res.error, 'tags')
}
