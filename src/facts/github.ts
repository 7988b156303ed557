import { loadYamlData } from './parse/yaml.js'
import { filesWhere } from './recording-snapshot.js'
import type { ParseProblem } from './ci/types.js'
import type { Snapshot } from './snapshot.js'
import { child, children, numOrNull, parseHcl, strList, type HclBlock } from './hcl.js'

export { parseHcl } from './hcl.js'

/**
 * What the GitHub API and the repository's settings-as-code say about how the default branch is
 * guarded and how fast PR CI is. Two halves:
 *
 * - GitHubFacts: types only, filled at the edge (src/github/collect.ts) because only the edge may
 *   talk to the API. A read that failed is an `error` fact that says what would resolve it; the
 *   checks turn it into `unknown`, never into `fail`.
 * - SettingsAsCodeFacts: collected here from the snapshot (`.github/settings.yml`, Terraform,
 *   exported ruleset JSON). They show intent, not enforcement: nothing proves the app or the
 *   Terraform run applied them.
 */

/** Why an API read failed (src/github/client.ts maps every HTTP failure to one of these). */
export type ApiErrorKind = 'forbidden' | 'not-found' | 'unauthorized' | 'rate-limited' | 'server' | 'timeout' | 'network' | 'malformed'

export interface ApiFailure {
  readonly status: 'error'
  readonly kind: ApiErrorKind
  /** What went wrong, e.g. `403 Resource not accessible by integration`. */
  readonly reason: string
  /** What would resolve it, e.g. `grant the workflow "actions: read"`. */
  readonly resolve: string
}

/** A fact that was not asked for (no admin token, tags present locally…). */
export interface ApiSkipped {
  readonly status: 'skipped'
  readonly reason: string
}

export type ApiFact<T> = ({ readonly status: 'ok' } & T) | ApiFailure | ApiSkipped

/** A pull-request requirement, from a ruleset `pull_request` rule or classic protection. */
export interface PullRequestRequirement {
  readonly approvals: number
  readonly codeOwners: boolean
  readonly dismissStale: boolean
  readonly lastPushApproval: boolean
  /** Where it comes from, e.g. `ruleset 42 (Repository)` or `classic branch protection`. */
  readonly source: string
}

export interface StatusCheckRequirement {
  /** Required check contexts (for GitHub Actions: the job name). */
  readonly contexts: readonly string[]
  readonly strict: boolean
  readonly source: string
}

/** The branch's effective rules (GET /rules/branches/{branch}, metadata:read). */
export interface BranchRules {
  /** Strongest pull_request rule (most approvals) across rulesets, or null. */
  readonly pullRequest: PullRequestRequirement | null
  /** Union of required status checks across rulesets, or null when none requires checks. */
  readonly statusChecks: StatusCheckRequirement | null
  /** Every rule type seen (unknown types are kept here and otherwise ignored). */
  readonly ruleTypes: readonly string[]
  readonly rulesetIds: readonly number[]
}

/** Classic branch protection (GET /branches/{branch}/protection, administration:read). */
export interface ClassicProtection {
  /** False on GitHub's `404 Branch not protected`. */
  readonly protected: boolean
  readonly pullRequest: PullRequestRequirement | null
  readonly statusChecks: StatusCheckRequirement | null
  readonly enforceAdmins: boolean
}

export interface PrRunDurations {
  /** Wall time (run_started_at → updated_at) of recent successful pull_request runs, newest first. */
  readonly durationsMinutes: readonly number[]
  readonly sample: number
  /** Workflow names in the sample, sorted. */
  readonly workflows: readonly string[]
}

export interface GitHubFacts {
  readonly repo: { readonly owner: string; readonly name: string; readonly defaultBranch: string | null }
  /** The branch whose rules were read (the default branch, or the PR's base). */
  readonly branch: string | null
  readonly rules: ApiFact<BranchRules>
  readonly protection: ApiFact<ClassicProtection>
  readonly prRuns: ApiFact<PrRunDurations>
  readonly tags: ApiFact<{ readonly names: readonly string[] }>
  /** API calls made to collect these facts. */
  readonly calls: number
}

// ---------------------------------------------------------------------------------------------
// Settings-as-code

export type SettingsSource = 'probot-settings' | 'terraform-branch-protection' | 'terraform-branch-protection-v3' | 'terraform-ruleset' | 'ruleset-json'

/** One branch rule declared in the repository. */
export interface DeclaredBranchRule {
  readonly source: SettingsSource
  readonly path: string
  readonly line: number
  /** Branch name or pattern as written (`main`, `~DEFAULT_BRANCH`), or null when not stated. */
  readonly branches: readonly string[]
  /** `active`, `disabled`, `evaluate` for rulesets; null for protection (always enforced). */
  readonly enforcement: string | null
  /** null: no PR requirement; approvals null when the count is not a literal. */
  readonly pullRequest: { readonly approvals: number | null; readonly codeOwners: boolean } | null
  /** Required check contexts, or null when the rule requires none. */
  readonly statusChecks: readonly string[] | null
}

export interface SettingsAsCodeFacts {
  readonly rules: readonly DeclaredBranchRule[]
  readonly problems: readonly ParseProblem[]
}

/** Bounds for hostile input. */
const MAX_TF_FILES = 200
const MAX_RULESET_FILES = 50

export function collectSettingsAsCode(snapshot: Snapshot): SettingsAsCodeFacts {
  const rules: DeclaredBranchRule[] = []
  const problems: ParseProblem[] = []
  for (const path of ['.github/settings.yml', '.github/settings.yaml']) {
    const text = snapshot.text(path)
    if (text !== undefined) collectProbot(path, text, rules, problems)
  }
  const tf = filesWhere(snapshot, (p) => p.endsWith('.tf') && !isVendored(p)).slice(0, MAX_TF_FILES)
  for (const path of tf) {
    const text = snapshot.text(path)
    if (text === undefined || !text.includes('github_')) continue
    collectTerraform(path, text, rules, problems)
  }
  const rulesets = snapshot.under('.github/rulesets').filter((p) => p.endsWith('.json')).slice(0, MAX_RULESET_FILES)
  for (const path of rulesets) {
    const text = snapshot.text(path)
    if (text !== undefined) collectRulesetJson(path, text, rules, problems)
  }
  return { rules, problems }
}

function isVendored(path: string): boolean {
  return /(^|\/)(\.terraform|node_modules|vendor|examples?|testdata|fixtures)\//.test(path)
}

type Json = unknown
const isObj = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: Json): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : null)
const strings = (v: Json): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])

/** 1-based line of the first line matching `needle` at or after `from`, else `fallback`. */
function lineOf(text: string, needle: string, fallback = 1): number {
  const i = text.indexOf(needle)
  return i < 0 ? fallback : text.slice(0, i).split('\n').length
}

function collectProbot(path: string, text: string, out: DeclaredBranchRule[], problems: ParseProblem[]): void {
  let doc: Json
  try {
    doc = loadYamlData(text)
  } catch (err) {
    problems.push({ path, message: `not valid YAML: ${(err as Error).message.split('\n')[0]}` })
    return
  }
  // The same file name is used by other tools: only `branches[].protection` counts (docs/catalogue.md, "Mandatory pull requests").
  if (!isObj(doc) || !Array.isArray(doc.branches)) return
  for (const b of doc.branches.slice(0, 100)) {
    if (!isObj(b) || typeof b.name !== 'string' || !('protection' in b)) continue
    const p = b.protection
    const line = lineOf(text, `name: ${b.name}`, lineOf(text, 'branches:'))
    if (!isObj(p)) {
      // `protection: null` removes protection.
      out.push({ source: 'probot-settings', path, line, branches: [b.name], enforcement: null, pullRequest: null, statusChecks: null })
      continue
    }
    const reviews = p.required_pull_request_reviews
    const checks = p.required_status_checks
    out.push({
      source: 'probot-settings',
      path,
      line,
      branches: [b.name],
      enforcement: null,
      pullRequest: isObj(reviews) ? { approvals: num(reviews.required_approving_review_count) ?? 1, codeOwners: reviews.require_code_owner_reviews === true } : null,
      statusChecks: isObj(checks) ? [...strings(checks.contexts), ...(Array.isArray(checks.checks) ? checks.checks.filter(isObj).map((c) => c.context).filter((c): c is string => typeof c === 'string') : [])] : null
    })
  }
}

function collectRulesetJson(path: string, text: string, out: DeclaredBranchRule[], problems: ParseProblem[]): void {
  let doc: Json
  try {
    doc = JSON.parse(text)
  } catch (err) {
    problems.push({ path, message: `not valid JSON: ${(err as Error).message}` })
    return
  }
  if (!isObj(doc) || (doc.target !== undefined && doc.target !== 'branch') || !Array.isArray(doc.rules)) return
  const cond = isObj(doc.conditions) && isObj(doc.conditions.ref_name) ? strings(doc.conditions.ref_name.include) : []
  let pullRequest: DeclaredBranchRule['pullRequest'] = null
  let statusChecks: string[] | null = null
  for (const r of doc.rules) {
    if (!isObj(r)) continue
    const params = isObj(r.parameters) ? r.parameters : {}
    if (r.type === 'pull_request') pullRequest = { approvals: num(params.required_approving_review_count) ?? 0, codeOwners: params.require_code_owner_review === true }
    if (r.type === 'required_status_checks') {
      const list = Array.isArray(params.required_status_checks) ? params.required_status_checks : []
      statusChecks = list.filter(isObj).map((c) => c.context).filter((c): c is string => typeof c === 'string')
    }
  }
  out.push({ source: 'ruleset-json', path, line: lineOf(text, '"rules"'), branches: cond, enforcement: typeof doc.enforcement === 'string' ? doc.enforcement : null, pullRequest, statusChecks })
}

// ---------------------------------------------------------------------------------------------
const TF_READERS: Readonly<Record<string, { source: SettingsSource; read: (r: HclBlock) => Omit<DeclaredBranchRule, 'source' | 'path' | 'line'> }>> = {
  github_branch_protection: { source: 'terraform-branch-protection', read: readTfProtection },
  github_branch_protection_v3: { source: 'terraform-branch-protection-v3', read: readTfProtection },
  github_repository_ruleset: { source: 'terraform-ruleset', read: readTfRuleset },
  github_organization_ruleset: { source: 'terraform-ruleset', read: readTfRuleset }
}

function readTfProtection(r: HclBlock): Omit<DeclaredBranchRule, 'source' | 'path' | 'line'> {
  const reviews = child(r, 'required_pull_request_reviews')
  const checks = child(r, 'required_status_checks')
  const branch = r.attrs.get('pattern') ?? r.attrs.get('branch')
  return {
    branches: typeof branch === 'string' ? [branch] : [],
    enforcement: null,
    // The provider's default approval count is 1 when the block is present.
    pullRequest: reviews ? { approvals: reviews.attrs.has('required_approving_review_count') ? numOrNull(reviews.attrs.get('required_approving_review_count')) : 1, codeOwners: reviews.attrs.get('require_code_owner_reviews') === true } : null,
    statusChecks: checks ? [...strList(checks.attrs.get('contexts')), ...strList(checks.attrs.get('checks')).map((c) => c.split(':')[0]!)] : null
  }
}

function readTfRuleset(r: HclBlock): Omit<DeclaredBranchRule, 'source' | 'path' | 'line'> {
  const rules = child(r, 'rules')
  const pr = rules && child(rules, 'pull_request')
  const checks = rules && child(rules, 'required_status_checks')
  const refName = child(r, 'conditions') && child(child(r, 'conditions')!, 'ref_name')
  const enforcement = r.attrs.get('enforcement')
  const target = r.attrs.get('target')
  return {
    branches: refName ? strList(refName.attrs.get('include')) : [],
    enforcement: typeof target === 'string' && target !== 'branch' ? 'not-a-branch-ruleset' : typeof enforcement === 'string' ? enforcement : null,
    pullRequest: pr ? { approvals: pr.attrs.has('required_approving_review_count') ? numOrNull(pr.attrs.get('required_approving_review_count')) : 0, codeOwners: pr.attrs.get('require_code_owner_review') === true } : null,
    statusChecks: checks
      ? children(checks, 'required_check')
          .map((c) => c.attrs.get('context'))
          .filter((c): c is string => typeof c === 'string')
      : null
  }
}

function collectTerraform(path: string, text: string, out: DeclaredBranchRule[], problems: ParseProblem[]): void {
  let root: HclBlock
  try {
    root = parseHcl(text)
  } catch (err) {
    problems.push({ path, message: `could not read Terraform: ${(err as Error).message}` })
    return
  }
  for (const r of children(root, 'resource')) {
    const reader = TF_READERS[r.labels[0] ?? '']
    if (!reader) continue
    out.push({ source: reader.source, path, line: r.line, ...reader.read(r) })
  }
}
