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

/** A GitHub Actions job around the given steps (indented under `steps:`). */
export function workflow(file: string, job: string, steps: readonly string[]): string {
  return ['```yaml', `# ${file}`, 'on: [pull_request]', 'jobs:', `  ${job}:`, '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', ...steps.map((s) => `      ${s}`), '```'].join('\n')
}
