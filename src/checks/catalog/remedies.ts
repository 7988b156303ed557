import type { Resolution } from '../types.js'

/**
 * Remediation text shared by the CI-practice checks: what to change for each way a practice falls
 * short. The per-ecosystem snippets live with each check; these are the parts that do not depend
 * on the tool.
 */

export const PR_TRIGGER = [
  'Run the workflow on pull requests as well, so the result gates the merge:',
  '',
  '```yaml',
  'on:',
  '  pull_request:',
  '  push:',
  '    branches: [main]',
  '```'
].join('\n')

export const MAKE_IT_FAIL =
  'Make the step able to fail the job: remove `|| true` / `|| exit 0`, `continue-on-error: true` and exit-zero flags (`--exit-zero`, `-no-fail`, `--no-exit-on-warn`), run formatters in check mode (`--check`) or follow a fixer with `git diff --exit-code`, and set reporting actions to fail (`fail_level: error`).'

export const RUN_PRE_COMMIT_IN_CI = [
  'Run the same hooks in CI on every pull request (or enable pre-commit.ci):',
  '',
  '```yaml',
  '# .github/workflows/pre-commit.yml',
  'on: [pull_request]',
  'jobs:',
  '  pre-commit:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - uses: actions/setup-python@v5',
  '      - uses: pre-commit/action@v3.0.1',
  '```'
].join('\n')

/** PHP and its Composer dependencies on a runner (the steps every PHP snippet starts with). */
export const PHP_SETUP: readonly string[] = ['- uses: shivammathur/setup-php@v2', '  with:', "    php-version: '8.3'", '- uses: ramsey/composer-install@v3']
/** Elixir: the BEAM toolchain and the project's dependencies, before any mix task. */
export const SETUP_BEAM: readonly string[] = ['- uses: erlef/setup-beam@v1', '  with:', "    elixir-version: '1.18'", "    otp-version: '27'", '- run: mix deps.get']
/** The toolchain set-up steps of the stacks whose CI snippets share them (lint, tests, type checking). */
export const SETUP = {
  rust: ['- uses: dtolnay/rust-toolchain@stable', '  with:', '    components: clippy, rustfmt', '- uses: Swatinem/rust-cache@v2'],
  php: PHP_SETUP,
  dotnet: ['- uses: actions/setup-dotnet@v4', '  with:', '    dotnet-version: 9.0.x'],
  elixir: SETUP_BEAM
} as const

/** A GitHub Actions job around the given steps (indented under `steps:`). */
export function workflow(file: string, job: string, steps: readonly string[]): string {
  return ['```yaml', `# ${file}`, 'on: [pull_request]', 'jobs:', `  ${job}:`, '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', ...steps.map((s) => `      ${s}`), '```'].join('\n')
}

/** Why the action needs each permission it may ask for (shown next to it in the snippet). */
const PERMISSION_NOTES: Readonly<Record<string, string>> = {
  contents: 'read the repository and its tags',
  'pull-requests': 'post the scorecard comment',
  actions: 'ci-duration: read recent workflow runs'
}

/**
 * The "Resolve" section of an unknown check: the sentence, the workflow `permissions:` block the
 * action needs (complete, since a `permissions:` key replaces the defaults), and for API answers
 * how to give the CLI a token.
 */
export function resolutionMarkdown(r: Resolution): string {
  const parts = [`${r.text.charAt(0).toUpperCase()}${r.text.slice(1)}.`]
  if (r.permissions && Object.keys(r.permissions).length > 0) {
    const all: Record<string, string> = { contents: 'read', 'pull-requests': 'write', ...r.permissions }
    const width = Math.max(...Object.entries(all).map(([k, v]) => k.length + v.length + 2))
    const lines = Object.entries(all).map(([k, v]) => {
      const line = `  ${k}: ${v}`
      const note = PERMISSION_NOTES[k]
      return note ? `${line.padEnd(width + 2)}   # ${note}` : line
    })
    parts.push('', 'In the workflow that runs Shipshape:', '', '```yaml', 'permissions:', ...lines, '```')
  }
  if (r.snippet) parts.push('', r.snippet)
  if (r.api) parts.push('', 'With the CLI, give it a token (or pass `--github-token`):', '', '```sh', 'GITHUB_TOKEN=$(gh auth token) shipshape scan .', '```')
  return parts.join('\n')
}
