import * as core from '@actions/core'
import { CHECK_IDS, isCheckId, type CheckId } from './checks/ids.js'

export const COMMENT_MODES = ['always', 'on-failure', 'on-change', 'never'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

/** Every action input, read once, validated, typed. */
export interface ActionInputs {
  /** Directory to scan, relative to GITHUB_WORKSPACE. */
  readonly path: string
  /** Config file path, or null to discover `.github/shipshape.yml` / `.shipshape.yml`. */
  readonly config: string | null
  /** Overrides the config's min-score when set. */
  readonly minScore: number | null
  /** Checks that must pass, on top of the config's `required`. */
  readonly requiredChecks: readonly CheckId[]
  /** Fail the gate when the score dropped against the PR base (null: as the config says). */
  readonly failOnRegression: boolean | null
  /** When to post the PR comment. */
  readonly comment: CommentMode
  /** Key that tells this scan's comment from others' in the same PR (several scans per repo). */
  readonly commentKey: string
  /** Token for the API-backed checks and the comment. */
  readonly githubToken: string
  /** Optional token with administration:read, for classic branch protection. */
  readonly adminToken: string | null
  /** Where to write SARIF, or null for none. */
  readonly sarif: string | null
  /** A JSON report written by an earlier run to publish instead of scanning, or null. */
  readonly fromReport: string | null
}

export class InputError extends Error {}

/** Reads and validates the inputs; throws InputError naming every bad input at once. */
export function getInputs(): ActionInputs {
  const errors: string[] = []
  const str = (name: string): string => core.getInput(name)
  const optional = (name: string): string | null => {
    const v = str(name).trim()
    return v === '' ? null : v
  }
  const bool = (name: string): boolean | null => {
    if (str(name).trim() === '') return null
    try {
      return core.getBooleanInput(name)
    } catch {
      errors.push(`Invalid ${name} '${str(name)}'. Expected true or false.`)
      return null
    }
  }

  let minScore: number | null = null
  const rawMin = str('min-score').trim()
  if (rawMin !== '') {
    const n = Number(rawMin)
    if (!Number.isInteger(n) || n < 0 || n > 100) errors.push(`Invalid min-score '${rawMin}'. Expected a whole number from 0 to 100.`)
    else minScore = n
  }

  const requiredChecks: CheckId[] = []
  for (const id of str('required-checks').split(/[\s,]+/).filter(Boolean)) {
    if (isCheckId(id)) requiredChecks.push(id)
    else errors.push(`Invalid required-checks entry '${id}'. Expected any of: ${CHECK_IDS.join(', ')}.`)
  }

  const rawComment = str('comment').trim() || 'always'
  let comment: CommentMode = 'always'
  if ((COMMENT_MODES as readonly string[]).includes(rawComment)) comment = rawComment as CommentMode
  else errors.push(`Invalid comment '${rawComment}'. Expected one of: ${COMMENT_MODES.join(', ')}.`)

  const commentKey = str('comment-key').trim() || 'default'
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(commentKey)) errors.push(`Invalid comment-key '${commentKey}'. Expected 1-64 letters, digits, '.', '_' or '-'.`)

  const path = str('path').trim() || '.'
  if (path.split(/[\\/]/).includes('..')) errors.push(`Invalid path '${path}'. Expected a directory inside the workspace.`)

  const githubToken = str('github-token')
  const adminToken = optional('admin-token')
  if (githubToken) core.setSecret(githubToken)
  if (adminToken) core.setSecret(adminToken)

  const inputs: ActionInputs = {
    path,
    config: optional('config'),
    minScore,
    requiredChecks,
    failOnRegression: bool('fail-on-regression'),
    comment,
    commentKey,
    githubToken,
    adminToken,
    sarif: optional('sarif'),
    fromReport: optional('from-report')
  }
  if (errors.length > 0) throw new InputError(errors.join('\n'))
  return inputs
}
