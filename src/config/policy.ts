import { CHECK_IDS, type CheckId } from '../checks/ids.js'
import { POLICY_INPUTS, type Node, type PolicyInput } from './schema.js'
import type { CommentMode, Config, Policy } from './types.js'
import { validate, type Problems } from './validate.js'

/**
 * The one place the effective policy is made: the config's min-score, required checks,
 * fail-on-regression and comment mode, overridden by action inputs or CLI flags. Raw input text is
 * validated by the config schema's own nodes (schema.ts `POLICY_INPUTS`), so `min-score: 101` in
 * the file, the `min-score` input and `--min-score 101` are refused in the same words.
 */

export interface PolicyOverrides {
  readonly minScore?: number
  readonly requiredChecks?: readonly CheckId[]
  readonly failOnRegression?: boolean
  readonly comment?: CommentMode
}

/** Input text as the node's YAML shape: `70` a number, `true` a boolean, `a, b` a list; anything else stays text, quoted in messages. */
function fromText(node: Node, text: string): unknown {
  const t = text.trim()
  switch (node.kind) {
    case 'integer':
      return /^[+-]?\d{1,15}$/.test(t) ? Number(t) : t
    case 'boolean':
      // The YAML 1.2 core booleans, as @actions/core's getBooleanInput accepts them.
      return /^(true|True|TRUE)$/.test(t) ? true : /^(false|False|FALSE)$/.test(t) ? false : t
    case 'array':
      return t.split(/[\s,]+/).filter(Boolean)
    default:
      return t
  }
}

/**
 * Validates the policy keys given as text (empty text: not given). `label` names each key in
 * messages: `min-score` for an action input, `--min-score` for a flag. Every problem comes back.
 */
export function readPolicyInputs(raw: Readonly<Partial<Record<PolicyInput, string | null>>>, label: (key: PolicyInput) => string): { overrides: PolicyOverrides; errors: string[] } {
  const out: Problems = { errors: [], warnings: [] }
  const check = validate as (node: Node, value: unknown, path: string, out: Problems) => unknown
  const read = (key: PolicyInput): unknown => {
    const text = raw[key]
    if (text === undefined || text === null || text.trim() === '') return undefined
    const node = POLICY_INPUTS[key] as Node
    const value = fromText(node, text)
    // A list is checked item by item under the flag's own name: `--required-checks: expected a check id …`.
    if (node.kind === 'array') return (value as string[]).map((item) => check(node.items, item, label(key), out))
    return check(node, value, label(key), out)
  }
  const minScore = read('min-score') as number | undefined
  const required = read('required-checks') as (CheckId | undefined)[] | undefined
  const failOnRegression = read('fail-on-regression') as boolean | undefined
  const comment = read('comment') as CommentMode | undefined
  const overrides: PolicyOverrides = {
    ...(minScore !== undefined ? { minScore } : {}),
    ...(required !== undefined ? { requiredChecks: required.filter((id): id is CheckId => id !== undefined) } : {}),
    ...(failOnRegression !== undefined ? { failOnRegression } : {}),
    ...(comment !== undefined ? { comment } : {})
  }
  return { overrides, errors: out.errors.map((e) => e.message) }
}

/** The effective policy: each override wins over the config; required checks are the union, in catalogue order. */
export function resolvePolicy(config: Config, overrides: PolicyOverrides = {}): Policy {
  const extra = new Set(overrides.requiredChecks ?? [])
  return {
    minScore: overrides.minScore ?? config.minScore,
    required: CHECK_IDS.filter((id) => config.checks[id].required || extra.has(id)),
    failOnRegression: overrides.failOnRegression ?? config.failOnRegression,
    comment: overrides.comment ?? config.comment
  }
}
