import { load as loadYaml } from 'js-yaml'
import type { ParseProblem } from './ci/types.js'
import type { Snapshot } from './snapshot.js'

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
const MAX_TF_DEPTH = 16
const MAX_RULESET_FILES = 50

export function collectSettingsAsCode(snapshot: Snapshot): SettingsAsCodeFacts {
  const rules: DeclaredBranchRule[] = []
  const problems: ParseProblem[] = []
  for (const path of ['.github/settings.yml', '.github/settings.yaml']) {
    const text = snapshot.text(path)
    if (text !== undefined) collectProbot(path, text, rules, problems)
  }
  const tf = snapshot.files().filter((p) => p.endsWith('.tf') && !isVendored(p)).slice(0, MAX_TF_FILES)
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
    doc = loadYaml(text, { json: true })
  } catch (err) {
    problems.push({ path, message: `not valid YAML: ${(err as Error).message.split('\n')[0]}` })
    return
  }
  // The same file name is used by other tools: only `branches[].protection` counts (SIGNATURES §9.2).
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
// A small, bounded HCL reader: enough for literal attributes and nested blocks of Terraform
// resources. Expressions it does not understand become `null` values, never errors.

type HclValue = string | number | boolean | null | HclValue[]
interface HclBlock {
  readonly type: string
  readonly labels: string[]
  readonly line: number
  readonly attrs: Map<string, HclValue>
  readonly blocks: HclBlock[]
}

interface Token {
  readonly kind: 'ident' | 'string' | 'number' | 'punct' | 'nl' | 'other'
  readonly text: string
  readonly line: number
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let line = 1
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text[i]!
    if (c === '\n') {
      tokens.push({ kind: 'nl', text: '\n', line })
      line++
      i++
    } else if (c === ' ' || c === '\t' || c === '\r') i++
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      const stop = end < 0 ? n : end + 2
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++
      i = stop
    } else if (c === '"') {
      let j = i + 1
      let s = ''
      while (j < n && text[j] !== '"' && text[j] !== '\n') {
        if (text[j] === '\\' && j + 1 < n) {
          s += text[j + 1]
          j += 2
        } else s += text[j++]
      }
      tokens.push({ kind: 'string', text: s, line })
      i = j + 1
    } else if (c === '<' && text[i + 1] === '<') {
      // Heredoc: opaque; skip to its terminator line.
      const m = /^<<-?\s*([A-Za-z_]\w*)/.exec(text.slice(i, i + 80))
      const nl = text.indexOf('\n', i)
      if (!m || nl < 0) {
        i += 2
        continue
      }
      tokens.push({ kind: 'other', text: 'heredoc', line })
      let k = nl + 1
      line++
      while (k < n) {
        const e = text.indexOf('\n', k)
        const end = e < 0 ? n : e
        const done = text.slice(k, end).trim() === m[1]
        k = end
        if (done) break
        k++
        line++
      }
      i = k
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1
      while (j < n && /[\w.\-*]/.test(text[j]!)) j++
      tokens.push({ kind: 'ident', text: text.slice(i, j), line })
      i = j
    } else if (/[0-9]/.test(c)) {
      let j = i + 1
      while (j < n && /[0-9.]/.test(text[j]!)) j++
      tokens.push({ kind: 'number', text: text.slice(i, j), line })
      i = j
    } else if ('{}[]=,()'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, line })
      i++
    } else {
      tokens.push({ kind: 'other', text: c, line })
      i++
    }
  }
  return tokens
}

/** Parses HCL into blocks; `pos` is shared so nested calls consume tokens. */
function parseBody(tokens: Token[], pos: { i: number }, depth: number, into: HclBlock): void {
  while (pos.i < tokens.length) {
    const t = tokens[pos.i]!
    if (t.kind === 'nl' || (t.kind === 'punct' && t.text === ',')) {
      pos.i++
      continue
    }
    if (t.kind === 'punct' && t.text === '}') {
      pos.i++
      return
    }
    if (t.kind !== 'ident') {
      pos.i++
      continue
    }
    // ident = value | ident label* {
    const next = tokens[pos.i + 1]
    if (next?.kind === 'punct' && next.text === '=') {
      pos.i += 2
      into.attrs.set(t.text, parseValue(tokens, pos, 0))
      continue
    }
    const labels: string[] = []
    let j = pos.i + 1
    while (j < tokens.length && (tokens[j]!.kind === 'string' || tokens[j]!.kind === 'ident')) labels.push(tokens[j++]!.text)
    if (tokens[j]?.kind === 'punct' && tokens[j]!.text === '{') {
      pos.i = j + 1
      const block: HclBlock = { type: t.text, labels, line: t.line, attrs: new Map(), blocks: [] }
      if (depth >= MAX_TF_DEPTH) skipBlock(tokens, pos)
      else parseBody(tokens, pos, depth + 1, block)
      into.blocks.push(block)
      continue
    }
    pos.i++
  }
}

function skipBlock(tokens: Token[], pos: { i: number }): void {
  let open = 1
  while (pos.i < tokens.length && open > 0) {
    const t = tokens[pos.i++]!
    if (t.kind === 'punct' && t.text === '{') open++
    if (t.kind === 'punct' && t.text === '}') open--
  }
}

function parseValue(tokens: Token[], pos: { i: number }, depth: number): HclValue {
  const t = tokens[pos.i]
  if (!t) return null
  if (t.kind === 'string' || t.kind === 'number' || t.kind === 'ident') {
    pos.i++
    const after = tokens[pos.i]
    // Anything followed by more expression tokens (calls, operators, interpolation) is opaque.
    if (after && after.kind !== 'nl' && !(after.kind === 'punct' && (after.text === ',' || after.text === ']' || after.text === '}'))) {
      skipExpression(tokens, pos)
      return null
    }
    if (t.kind === 'string') return t.text
    if (t.kind === 'number') return Number(t.text)
    return t.text === 'true' ? true : t.text === 'false' ? false : null
  }
  if (t.kind === 'punct' && t.text === '[') {
    pos.i++
    const list: HclValue[] = []
    while (pos.i < tokens.length) {
      const u = tokens[pos.i]!
      if (u.kind === 'punct' && u.text === ']') {
        pos.i++
        return list
      }
      if (u.kind === 'nl' || (u.kind === 'punct' && u.text === ',')) {
        pos.i++
        continue
      }
      if (depth >= MAX_TF_DEPTH || (u.kind === 'ident' && u.text === 'for')) {
        skipExpression(tokens, pos)
        return null
      }
      list.push(parseValue(tokens, pos, depth + 1))
    }
    return list
  }
  skipExpression(tokens, pos)
  return null
}

/** Skips to the end of the current expression: a newline outside brackets. */
function skipExpression(tokens: Token[], pos: { i: number }): void {
  let open = 0
  while (pos.i < tokens.length) {
    const t = tokens[pos.i]!
    if (t.kind === 'nl' && open <= 0) return
    if (t.kind === 'punct' && '[({'.includes(t.text)) open++
    if (t.kind === 'punct' && '])}'.includes(t.text)) {
      if (open === 0) return
      open--
    }
    pos.i++
  }
}

export function parseHcl(text: string): HclBlock {
  const root: HclBlock = { type: '', labels: [], line: 1, attrs: new Map(), blocks: [] }
  parseBody(tokenize(text), { i: 0 }, 0, root)
  return root
}

const child = (b: HclBlock, type: string): HclBlock | undefined => b.blocks.find((x) => x.type === type)
const children = (b: HclBlock, type: string): HclBlock[] => b.blocks.filter((x) => x.type === type)
const strList = (v: HclValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
const numOrNull = (v: HclValue | undefined): number | null => (typeof v === 'number' ? v : null)

/** Terraform resource types of the integrations/github provider, and how to read each. */
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
