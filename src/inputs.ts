import * as core from '@actions/core'
import { readPolicyInputs, type PolicyOverrides } from './config/policy.js'

/** Every action input, read once, validated, typed. */
export interface ActionInputs {
  /** Directory to scan, relative to GITHUB_WORKSPACE. */
  readonly path: string
  /** Config file path, or null to discover `.github/shipshape.yml` / `.shipshape.yml`. */
  readonly config: string | null
  /** min-score, required-checks, fail-on-regression and comment, as given (validated by the config schema's nodes); the config fills the rest. */
  readonly policy: PolicyOverrides
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

  // The policy inputs read exactly as the config keys they override, in the same words.
  const policy = readPolicyInputs(
    { 'min-score': str('min-score'), 'required-checks': str('required-checks'), 'fail-on-regression': str('fail-on-regression'), comment: str('comment') },
    (key) => key
  )
  errors.push(...policy.errors)

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
    policy: policy.overrides,
    commentKey,
    githubToken,
    adminToken,
    sarif: optional('sarif'),
    fromReport: optional('from-report')
  }
  if (errors.length > 0) throw new InputError(errors.join('\n'))
  return inputs
}
