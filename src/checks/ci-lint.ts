import { remediationFor, type RepoProfile, type Snippets } from './catalog/ecosystem.js'
import { LINT } from './catalog/lint.js'
import { definePracticeCheck } from './catalog/practice-check.js'
import { MAKE_IT_FAIL, PHP_SETUP, RUN_PRE_COMMIT_IN_CI, SETUP_BEAM, workflow } from './catalog/remedies.js'

/**
 * ci-lint: does CI run a linter or format check on every pull request? Pass needs an enforcing
 * run on PRs; a run only on push/schedule/manual or only in local hooks is partial; a run that
 * cannot fail (`|| true`, `--exit-zero`, a formatter without `--check`) is evidence of a fail; a
 * linter only configured, installed or declared in a task runner that no CI job runs is partial.
 */

const messages = {
  pr: 'A linter or format check runs on pull requests: {tools}.',
  'not-on-prs': 'Lint runs in CI but not on pull requests ({events}): {tools}.',
  'local-only': 'Lint runs only in local hooks, not in CI: {tools}.',
  'non-blocking': 'Lint runs in CI but cannot fail the build: {tools}.',
  'configured-only': 'Lint is configured ({tools}) but no CI job runs it.',
  unreadable: 'No linter was found in the CI files that could be read; {count|CI file} could not be parsed.',
  opaque: 'No linter was found in the CI Shipshape could follow; {count|CI step} could not be followed: {steps}.',
  none: 'No CI job runs a linter or format check.',
  'no-ci': 'No CI configuration was found, so nothing lints pull requests.'
} as const

/** The JVM snippet follows the build: Maven plugins bound to `validate`, or Gradle plugins run by `check` (ktlint for Kotlin). */
function javaSnippet(profile: RepoProfile): string {
  const setup = ['- uses: actions/setup-java@v4', '  with:', '    distribution: temurin', '    java-version: 21', `    cache: ${profile.gradle ? 'gradle' : 'maven'}`]
  if (!profile.gradle) {
    return [
      'Bind `maven-checkstyle-plugin` (goal `check`) or Spotless (`spotless:check`) to the `validate` phase, then build on pull requests:',
      '',
      workflow('.github/workflows/build.yml', 'build', [...setup, '- run: ./mvnw -B verify'])
    ].join('\n')
  }
  const plugin = profile.kotlin ? 'id("org.jlleitschuh.gradle.ktlint") version "12.1.1"' : 'id("com.diffplug.spotless") version "6.25.0"'
  return [
    `Apply a linter that \`check\` runs (\`plugins { ${plugin} }\`${profile.kotlin ? ', or detekt' : ', or `checkstyle`'}), then run \`check\` on pull requests:`,
    '',
    workflow('.github/workflows/build.yml', 'build', [...setup, '- run: ./gradlew check'])
  ].join('\n')
}

function snippets(profile: RepoProfile): Snippets {
  return {
    python: workflow('.github/workflows/lint.yml', 'lint', ['- uses: astral-sh/ruff-action@v3', '- uses: astral-sh/ruff-action@v3', '  with:', '    args: format --check']),
    node: workflow('.github/workflows/lint.yml', 'lint', ['- uses: actions/setup-node@v4', '  with:', '    node-version: 22', '    cache: npm', '- run: npm ci', '- run: npx eslint . --max-warnings 0', '- run: npx prettier --check .']),
    go: workflow('.github/workflows/lint.yml', 'lint', ['- uses: actions/setup-go@v5', '  with:', '    go-version-file: go.mod', '- uses: golangci/golangci-lint-action@v8']),
    java: javaSnippet(profile),
    ruby: workflow('.github/workflows/lint.yml', 'lint', ['- uses: ruby/setup-ruby@v1', '  with:', '    bundler-cache: true', '- run: bin/rubocop -f github']),
    php: workflow('.github/workflows/lint.yml', 'lint', [...PHP_SETUP, '# Laravel Pint: vendor/bin/pint --test', '- run: vendor/bin/php-cs-fixer fix --dry-run --diff']),
    elixir: workflow('.github/workflows/lint.yml', 'lint', [...SETUP_BEAM, '- run: mix format --check-formatted', '# {:credo, "~> 1.7", only: [:dev, :test], runtime: false}', '- run: mix credo --strict']),
    rust: workflow('.github/workflows/lint.yml', 'lint', ['- uses: dtolnay/rust-toolchain@stable', '  with:', '    components: rustfmt, clippy', '- uses: Swatinem/rust-cache@v2', '- run: cargo fmt --all -- --check', '- run: >-', '    cargo clippy --workspace --all-targets --all-features', '    -- -D warnings']),
    dotnet: [
      workflow('.github/workflows/lint.yml', 'lint', ['- uses: actions/setup-dotnet@v4', '  with:', '    dotnet-version: 9.0.x', '- run: dotnet format --verify-no-changes']),
      'Analyzers (StyleCop, Roslynator, Meziantou) fail the build too once `<TreatWarningsAsErrors>true</TreatWarningsAsErrors>` is set in `Directory.Build.props`.'
    ].join('\n')
  }
}

const FALLBACK = 'Add a CI job that runs your linter in check mode on `pull_request` (see docs/checks/ci-lint.md for snippets per ecosystem).'

export default definePracticeCheck({
  meta: {
    id: 'ci-lint',
    title: 'Lint in CI',
    question: 'Does CI run a linter or format check on every pull request?',
    messages,
    why: 'A linter on every pull request catches bugs, dead code and style drift before review, so reviewers spend their attention on design instead of formatting. Only a check that can fail the build enforces anything: a linter run with `|| true`, or a formatter that silently rewrites files, reports nothing to the pull request.',
    remediation: FALLBACK
  },
  catalogue: LINT,
  doing: 'runs a linter or format check',
  fix: (profile, opening) => remediationFor(opening, snippets(profile), profile, FALLBACK),
  opening: 'Add a CI job that runs a linter in check mode on every pull request:',
  ladder: [
    { tier: 'local', status: 'partial', messageId: 'local-only', remediation: { opening: RUN_PRE_COMMIT_IN_CI } },
    { tier: 'nonBlocking', status: 'fail', messageId: 'non-blocking', remediation: { opening: MAKE_IT_FAIL } }
  ],
  foot: { configured: 'configured-only' }
})
