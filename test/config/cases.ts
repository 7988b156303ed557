import { CHECK_IDS } from '../../src/checks/ids.js'

/**
 * Config examples shared by the validator tests and the JSON Schema agreement test: every schema
 * error kind with its exact message, and valid examples. Both the TypeScript validator and the
 * generated JSON Schema (through ajv) must reject the first list and accept the second.
 */

export const IDS = CHECK_IDS.join(', ')
export const ROOT_KEYS = 'min-score, fail-on-regression, comment, max-file-size, ignore, checks, waivers, signatures, services'

export interface ErrorCase {
  readonly name: string
  readonly yaml: string
  readonly errors: readonly string[]
}

export const SCHEMA_ERROR_CASES: readonly ErrorCase[] = [
  { name: 'integer out of range', yaml: 'min-score: 150', errors: ['min-score: expected an integer from 0 to 100, got 150'] },
  { name: 'integer below range', yaml: 'min-score: -1', errors: ['min-score: expected an integer from 0 to 100, got -1'] },
  { name: 'not an integer', yaml: 'min-score: 70.5', errors: ['min-score: expected an integer from 0 to 100, got 70.5'] },
  { name: 'a number written as a string', yaml: 'min-score: "70"', errors: ['min-score: expected an integer from 0 to 100, got "70"'] },
  { name: 'empty value', yaml: 'min-score:', errors: ['min-score: expected an integer from 0 to 100, got an empty value'] },
  { name: 'size with unit', yaml: 'max-file-size: 2MB', errors: ['max-file-size: expected an integer from 1024 to 67108864 (bytes), got "2MB"'] },
  { name: 'size too small', yaml: 'max-file-size: 1023', errors: ['max-file-size: expected an integer from 1024 to 67108864 (bytes), got 1023'] },
  { name: 'size too large', yaml: 'max-file-size: 67108865', errors: ['max-file-size: expected an integer from 1024 to 67108864 (bytes), got 67108865'] },
  { name: 'YAML 1.1 boolean words are strings', yaml: 'fail-on-regression: yes', errors: ['fail-on-regression: expected true or false, got "yes"'] },
  {
    name: 'unknown key with a close misspelling',
    yaml: 'fail-on-regresion: true',
    errors: [`fail-on-regresion: unknown key "fail-on-regresion" (did you mean "fail-on-regression"?); allowed keys: ${ROOT_KEYS}`]
  },
  { name: 'camelCase key', yaml: 'minScore: 3', errors: [`minScore: unknown key "minScore" (did you mean "min-score"?); allowed keys: ${ROOT_KEYS}`] },
  { name: 'snake_case key', yaml: 'max_file_size: 3000', errors: [`max_file_size: unknown key "max_file_size" (did you mean "max-file-size"?); allowed keys: ${ROOT_KEYS}`] },
  { name: 'unknown key far from any', yaml: 'colour: red', errors: [`colour: unknown key "colour"; allowed keys: ${ROOT_KEYS}`] },
  { name: 'document is a list', yaml: '- 1\n- 2', errors: [`(root): expected a mapping with keys ${ROOT_KEYS}, got [1, 2]`] },
  { name: 'document is a scalar', yaml: 'hello', errors: [`(root): expected a mapping with keys ${ROOT_KEYS}, got "hello"`] },
  { name: 'ignore not a list', yaml: 'ignore: legacy/**', errors: ['ignore: expected a list of non-empty strings, got "legacy/**"'] },
  { name: 'empty ignore glob', yaml: 'ignore: ["", "  ", 3]', errors: ['ignore[0]: expected a non-empty string, got ""', 'ignore[1]: expected a non-empty string, got "  "', 'ignore[2]: expected a non-empty string, got 3'] },
  {
    name: 'unknown check id as a key',
    yaml: 'checks:\n  ci-lnt: false',
    errors: [`checks.ci-lnt: unknown check "ci-lnt" (did you mean "ci-lint"?); allowed checks: ${IDS}`]
  },
  { name: 'unknown check far from any', yaml: 'checks:\n  security: false', errors: [`checks.security: unknown check "security"; allowed checks: ${IDS}`] },
  {
    name: 'unknown key in a check policy',
    yaml: 'checks:\n  ci-lint: { wieght: 3 }',
    errors: ['checks.ci-lint.wieght: unknown key "wieght" (did you mean "weight"?); allowed keys: enabled, weight, required']
  },
  { name: 'weight out of range', yaml: 'checks:\n  ci-lint: { weight: 101 }', errors: ['checks.ci-lint.weight: expected an integer from 0 to 100, got 101'] },
  { name: 'required not a boolean', yaml: 'checks:\n  ci-lint: { required: "true" }', errors: ['checks.ci-lint.required: expected true or false, got "true"'] },
  {
    name: 'check entry neither boolean nor mapping',
    yaml: 'checks:\n  ci-tests: 3',
    errors: ['checks.ci-tests: expected true or false, or a mapping with keys enabled, weight, required, got 3']
  },
  { name: 'checks not a mapping', yaml: 'checks: [ci-lint]', errors: ['checks: expected a mapping, got ["ci-lint"]'] },
  {
    name: 'waiver for an unknown check',
    yaml: 'waivers:\n  - { check: contract-test, reason: legacy, expires: 2027-01-31 }',
    errors: [`waivers[0].check: expected a check id (${IDS}), got "contract-test" (did you mean "contract-tests"?)`]
  },
  { name: 'waiver with an empty reason', yaml: 'waivers:\n  - { check: ci-lint, reason: "", expires: 2027-01-31 }', errors: ['waivers[0].reason: expected a non-empty string, got ""'] },
  {
    name: 'waiver with an impossible date',
    yaml: 'waivers:\n  - { check: ci-lint, reason: legacy, expires: 2027-02-30 }',
    errors: ['waivers[0].expires: expected a date written YYYY-MM-DD, got "2027-02-30", which is not a day on the calendar']
  },
  { name: 'a 29 February outside a leap year', yaml: 'waivers:\n  - { check: ci-lint, reason: legacy, expires: 2027-02-29 }', errors: ['waivers[0].expires: expected a date written YYYY-MM-DD, got "2027-02-29", which is not a day on the calendar'] },
  { name: 'waiver date in another format', yaml: 'waivers:\n  - { check: ci-lint, reason: legacy, expires: 31/01/2027 }', errors: ['waivers[0].expires: expected a date written YYYY-MM-DD, got "31/01/2027"'] },
  { name: 'waiver date with a time', yaml: 'waivers:\n  - { check: ci-lint, reason: legacy, expires: 2027-01-31T10:00:00Z }', errors: ['waivers[0].expires: expected a date written YYYY-MM-DD, got "2027-01-31T10:00:00Z"'] },
  {
    name: 'waiver without required keys',
    yaml: 'waivers:\n  - { check: ci-lint }',
    errors: ['waivers[0].reason: missing; expected a non-empty string', 'waivers[0].expires: missing; expected a date written YYYY-MM-DD']
  },
  { name: 'waiver that is not a mapping', yaml: 'waivers:\n  - ci-lint', errors: ['waivers[0]: expected a mapping with keys check, reason, expires, got "ci-lint"'] },
  {
    name: 'unknown signature kind',
    yaml: 'signatures:\n  ci-lint: { command: [mylint] }',
    errors: ['signatures.ci-lint.command: unknown signature kind "command" (did you mean "commands"?); allowed signature kinds: commands, actions, packages, routes, files']
  },
  { name: 'signature list given as a string', yaml: 'signatures:\n  ci-lint: { commands: mylint }', errors: ['signatures.ci-lint.commands: expected a list of non-empty strings, got "mylint"'] },
  {
    name: 'signatures for an unknown check',
    yaml: 'signatures:\n  healthcheck: { routes: [/status] }',
    errors: [`signatures.healthcheck: unknown check "healthcheck"; allowed checks: ${IDS}`]
  },
  { name: 'service without a path', yaml: 'services:\n  - { name: api }', errors: ['services[0].path: missing; expected a non-empty string'] },
  { name: 'too long a string', yaml: `services:\n  - { name: ${'x'.repeat(101)}, path: . }`, errors: [`services[0].name: expected a string of at most 100 characters, got 101 characters: "${'x'.repeat(60)}…"`] },
  { name: 'too many entries', yaml: `waivers: [${Array(201).fill('1').join(', ')}]`, errors: ['waivers: expected at most 200 entries, got 201'] }
]

/** Errors only the semantic rules find: the JSON Schema cannot express them and accepts these. */
export const RULE_ERROR_CASES: readonly ErrorCase[] = [
  {
    name: 'required and disabled',
    yaml: 'checks:\n  contract-tests: { required: true, enabled: false }',
    errors: ['checks.contract-tests: required: true conflicts with enabled: false; a disabled check never runs, so it can never pass (enable it or drop required)']
  },
  {
    name: 'two waivers for one check',
    yaml: 'waivers:\n  - { check: ci-lint, reason: a, expires: 2027-01-31 }\n  - { check: ci-lint, reason: b, expires: 2027-06-30 }',
    errors: ['waivers[1].check: "ci-lint" is already waived by waivers[0]; keep one waiver per check']
  },
  {
    name: 'duplicate service names',
    yaml: 'services:\n  - { name: api, path: a }\n  - { name: " api", path: b }',
    errors: ['services[1].name: duplicate service name "api" (first used by services[0]); each service needs its own name']
  },
  {
    name: 'service path outside the repository',
    yaml: 'services:\n  - { name: api, path: ../api }\n  - { name: web, path: /srv/web }\n  - { name: win, path: "C:\\\\web" }',
    errors: [
      'services[0].path: expected a directory relative to the repository root, without "..", got "../api"',
      'services[1].path: expected a directory relative to the repository root, without "..", got "/srv/web"',
      'services[2].path: expected a directory relative to the repository root, without "..", got "C:\\\\web"'
    ]
  },
  {
    name: 'an ignore glob that matches nothing once made relative',
    yaml: 'ignore: ["/", "./"]',
    errors: [
      'ignore[0]: expected a glob matching repo-relative paths, got "/"; to skip the whole repository, disable the checks instead',
      'ignore[1]: expected a glob matching repo-relative paths, got "./"; to skip the whole repository, disable the checks instead'
    ]
  }
]

export const VALID_EXAMPLES: readonly { readonly name: string; readonly yaml: string; readonly warnings?: readonly string[] }[] = [
  { name: 'empty mapping', yaml: '{}' },
  { name: 'only min-score', yaml: 'min-score: 0' },
  { name: 'upper bounds', yaml: 'min-score: 100\nmax-file-size: 67108864\nchecks:\n  ci-lint: { weight: 100 }' },
  { name: 'lower bounds', yaml: 'max-file-size: 1024\nchecks:\n  ci-lint: { weight: 0 }' },
  { name: 'shorthands', yaml: 'checks:\n  feature-flags: false\n  ci-lint: true' },
  { name: 'leap day', yaml: 'waivers:\n  - { check: ci-duration, reason: "slow runners", expires: 2028-02-29 }' },
  {
    name: 'the full example',
    yaml: `min-score: 70
fail-on-regression: false
max-file-size: 2097152
ignore: ["legacy/**", "**/generated/**"]
checks:
  ci-lint: { enabled: true, weight: 3, required: true }
  feature-flags: false
waivers:
  - { check: contract-tests, reason: "Pact suite lands in Q1", expires: 2027-01-31 }
signatures:
  ci-lint: { commands: ["mylint"], actions: ["acme/lint-action"], files: [".mylintrc"] }
  health-endpoint: { routes: ["/status"] }
  feature-flags: { packages: ["acme-flags"] }
services:
  - { name: api, path: services/api }
`,
    warnings: ['signatures.feature-flags: the check is disabled, so these signatures are not used']
  }
]
