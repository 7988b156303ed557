import { CHECK_IDS, type CheckId } from '../checks/ids.js'
import { COMMENT_MODES, type ExtraSignatures } from './types.js'

import { DEFAULT_WEIGHTS } from './weights.js'

/**
 * The one definition of the config file: its shape, defaults, ranges, allowed values and the
 * description of every key. The validator (validate.ts), the editor JSON Schema (json-schema.ts)
 * and the written-config type (`WrittenConfig`) are all derived from it, so they cannot drift.
 *
 * The node kinds are deliberately few: what a YAML settings file needs and nothing more.
 */

interface NodeBase {
  /** Shown in editors (JSON Schema `description`) and in the docs. */
  readonly description: string
}

export interface IntegerNode extends NodeBase {
  readonly kind: 'integer'
  readonly min: number
  readonly max: number
  readonly default: number
  /** How to read the number in messages, e.g. `bytes`. */
  readonly unit?: string
}

export interface BooleanNode extends NodeBase {
  readonly kind: 'boolean'
  readonly default: boolean
}

/** A non-empty (not only whitespace) string. */
export interface StringNode extends NodeBase {
  readonly kind: 'string'
  readonly maxLength: number
}

/**
 * A calendar date written `YYYY-MM-DD`. YAML readers that resolve timestamps hand us a `Date`;
 * both forms are accepted and normalised to the string.
 */
export interface DateNode extends NodeBase {
  readonly kind: 'date'
}

export interface EnumNode extends NodeBase {
  readonly kind: 'enum'
  readonly values: readonly string[]
  /** What a value is called in messages: `check id`, `comment mode`. */
  readonly noun: string
  readonly default?: string
}

export interface ArrayNode extends NodeBase {
  readonly kind: 'array'
  readonly items: Node
  readonly maxItems: number
}

/** A closed mapping: any key not listed is an error (`additionalProperties: false`). */
export interface ObjectNode extends NodeBase {
  readonly kind: 'object'
  readonly properties: Readonly<Record<string, Node>>
  readonly required: readonly string[]
  /** What a key is called in unknown-key messages: `key`, `check`, `signature kind`. */
  readonly noun: string
}

/** One of two shapes told apart by their YAML type (a shorthand such as `feature-flags: false`). */
export interface EitherNode extends NodeBase {
  readonly kind: 'either'
  readonly options: readonly [Node, Node]
}

export type Node = IntegerNode | BooleanNode | StringNode | DateNode | EnumNode | ArrayNode | ObjectNode | EitherNode

type Simplify<T> = { [K in keyof T]: T[K] } & {}

/**
 * The validated value of a node. Arrays keep a hole (`undefined`) where an item failed
 * validation, so semantic rules can still name the item's original index.
 */
export type Infer<N> = N extends { kind: 'integer' }
  ? number
  : N extends { kind: 'boolean' }
    ? boolean
    : N extends { kind: 'string' } | { kind: 'date' }
      ? string
      : N extends { kind: 'enum'; values: readonly (infer V)[] }
        ? V
        : N extends { kind: 'array'; items: infer I }
          ? (Infer<I> | undefined)[]
          : N extends { kind: 'either'; options: readonly [infer A, infer B] }
            ? Infer<A> | Infer<B>
            : N extends { kind: 'object'; properties: infer P; required: readonly (infer R)[] }
              ? Simplify<{ [K in keyof P & R]: Infer<P[K]> } & { [K in Exclude<keyof P, R>]?: Infer<P[K]> }>
              : never

export function integer(description: string, o: { min: number; max: number; default: number; unit?: string }): IntegerNode {
  return { kind: 'integer', description, ...o }
}

export function boolean(description: string, o: { default: boolean }): BooleanNode {
  return { kind: 'boolean', description, ...o }
}

export function string(description: string, o: { maxLength?: number } = {}): StringNode {
  return { kind: 'string', description, maxLength: o.maxLength ?? 1024 }
}

export function date(description: string): DateNode {
  return { kind: 'date', description }
}

// Builders return their exact shape (not the broad interface), so Infer sees the literal keys.
type Exact<N extends Node, Over> = Omit<N, keyof Over> & Over

export function oneOf<const V extends string>(description: string, values: readonly V[], noun: string, o: { default?: NoInfer<V> } = {}): Exact<EnumNode, { readonly values: readonly V[]; readonly default?: V }> {
  return { kind: 'enum', description, values, noun, ...o }
}

export function array<I extends Node>(description: string, items: I, o: { maxItems: number }): Exact<ArrayNode, { readonly items: I }> {
  return { kind: 'array', description, items, maxItems: o.maxItems }
}

export function object<P extends Record<string, Node>, const R extends keyof P & string = never>(
  description: string,
  properties: P,
  o: { required?: readonly R[]; noun?: string } = {}
): Exact<ObjectNode, { readonly properties: P; readonly required: readonly R[] }> {
  return { kind: 'object', description, properties, required: o.required ?? [], noun: o.noun ?? 'key' }
}

export function either<A extends Node, B extends Node>(description: string, a: A, b: B): Exact<EitherNode, { readonly options: readonly [A, B] }> {
  return { kind: 'either', description, options: [a, b] }
}

/** Builds one property per key (a mapping keyed by check id, for instance). */
function keyed<K extends string, N extends Node>(keys: readonly K[], make: (key: K) => N): Record<K, N> {
  return Object.fromEntries(keys.map((k) => [k, make(k)])) as Record<K, N>
}

export const SIGNATURE_KINDS = ['commands', 'actions', 'packages', 'routes', 'files'] as const satisfies readonly (keyof ExtraSignatures)[]
export type SignatureKind = (typeof SIGNATURE_KINDS)[number]

const SIGNATURE_DESCRIPTIONS: Readonly<Record<SignatureKind, string>> = {
  commands: 'Command names that count as this practice when CI runs them (the program after wrappers such as npx or poetry run), e.g. `mylint`, or a command prefix such as `make verify-style`.',
  actions: 'GitHub Actions (owner/name, without @version), GitLab/Azure tasks or CircleCI orbs that count as this practice, e.g. `acme/lint-action`.',
  packages: 'Dependency names (as the ecosystem spells them) that count as this practice, e.g. an in-house flag SDK `acme-flags`.',
  routes: 'HTTP route paths that count as this practice, e.g. `/status` for a health endpoint.',
  files: 'Repo-relative file globs whose presence counts as configuration for this practice, e.g. `.mylintrc`.'
}

const SIGNATURE_ITEMS: Readonly<Record<SignatureKind, string>> = {
  commands: 'A command name or prefix.',
  actions: 'An action, task or orb name.',
  packages: 'A dependency name.',
  routes: 'A route path.',
  files: 'A repo-relative file glob.'
}

/** Upper bounds that keep a hostile config from making validation slow or messages huge. */
const MAX_LIST = 1000
const MAX_WAIVERS = 200
const MAX_SERVICES = 200

const checkPolicy = (id: CheckId) =>
  object(`Policy for the ${id} check.`, {
    enabled: boolean(`Run the ${id} check. A disabled check is not run, not reported and not scored.`, { default: true }),
    weight: integer(`Weight of ${id} in the score (0 leaves it out of the score but still reports it).`, { min: 0, max: 100, default: DEFAULT_WEIGHTS[id] }),
    required: boolean(`Fail the gate unless ${id} is pass (unknown fails it too, naming what would resolve it; not-applicable never does; a waiver does not satisfy it).`, { default: false })
  })

const checkEntry = (id: CheckId) =>
  either(
    `Policy for the ${id} check: a mapping, or \`false\` as a shorthand for \`enabled: false\` (\`true\` for \`enabled: true\`).`,
    boolean(`\`false\` disables ${id}; \`true\` keeps it enabled.`, { default: true }),
    checkPolicy(id)
  )

const signatureEntry = (id: CheckId) =>
  object(
    `Extra signatures for ${id}: tools, commands, actions, packages, routes or files the built-in catalogue does not know.`,
    keyed(SIGNATURE_KINDS, (kind) => array(SIGNATURE_DESCRIPTIONS[kind], string(SIGNATURE_ITEMS[kind], { maxLength: 256 }), { maxItems: MAX_LIST })),
    { noun: 'signature kind' }
  )

export const CONFIG_SCHEMA = object(
  'Shipshape configuration (.github/shipshape.yml). Every key is optional; without a file the embedded defaults apply.',
  {
    'min-score': integer('The gate fails when the score (0–100) is under this number. The min-score input / --min-score flag overrides it.', { min: 0, max: 100, default: 70 }),
    'fail-on-regression': boolean('Also fail the gate when the score dropped, or a check got worse, against the pull request base.', { default: false }),
    comment: oneOf(
      'When the action posts the PR comment: always, on-failure (only when the gate fails), on-change (only when the result changed since the last comment), never. The comment input overrides it.',
      COMMENT_MODES,
      'comment mode',
      { default: 'always' }
    ),
    'max-file-size': integer('Files larger than this many bytes are not read (1 KiB to 64 MiB).', { min: 1024, max: 64 * 1024 * 1024, default: 2 * 1024 * 1024, unit: 'bytes' }),
    ignore: array(
      'Repo-relative minimatch globs of paths to leave out of the scan, e.g. `legacy/**` or `**/generated/**` (a leading `./` or `/` is dropped).',
      string('A minimatch glob, matched against repo-relative paths (dotfiles included).', { maxLength: 1024 }),
      { maxItems: MAX_LIST }
    ),
    checks: object('Per-check policy, keyed by check id.', keyed(CHECK_IDS, checkEntry), { noun: 'check' }),
    waivers: array(
      'Accepted shortfalls. An active waiver reports the check as `waived` and leaves it out of the score; after its expiry date it stops applying and a warning says so.',
      object(
        'One waiver.',
        {
          check: oneOf('The check id to waive.', CHECK_IDS, 'check id'),
          reason: string('Why the shortfall is accepted (shown in the report).', { maxLength: 1024 }),
          expires: date('Last day (UTC) the waiver applies, written YYYY-MM-DD.')
        },
        { required: ['check', 'reason', 'expires'] }
      ),
      { maxItems: MAX_WAIVERS }
    ),
    signatures: object('Extra signatures per check id, added to the built-in catalogue.', keyed(CHECK_IDS, signatureEntry), { noun: 'check' }),
    services: array(
      'Services in a monorepo, each scanned for its own routes, health endpoint and OpenAPI description.',
      object(
        'One service.',
        {
          name: string('A unique name for the service, used in the report.', { maxLength: 100 }),
          path: string('The service directory, relative to the repository root (`.` for the root).', { maxLength: 1024 })
        },
        { required: ['name', 'path'] }
      ),
      { maxItems: MAX_SERVICES }
    )
  }
)

/** The config file as written, after validation and before defaults are applied. */
export type WrittenConfig = Infer<typeof CONFIG_SCHEMA>

/**
 * The gate's policy as given outside the file — action inputs and CLI flags — each key validated
 * by the very node of the config key it overrides, so a bad value reads the same wherever it was
 * written. `required-checks` adds to the per-check `required` keys.
 */
export const POLICY_INPUTS = {
  'min-score': CONFIG_SCHEMA.properties['min-score'],
  'required-checks': array('Checks that must pass, added to the ones the config requires.', oneOf('A check id.', CHECK_IDS, 'check id'), { maxItems: MAX_LIST }),
  'fail-on-regression': CONFIG_SCHEMA.properties['fail-on-regression'],
  comment: CONFIG_SCHEMA.properties.comment
}
export type PolicyInput = keyof typeof POLICY_INPUTS
