import { remediationFor, type Snippets } from './catalog/ecosystem.js'
import { definePracticeCheck } from './catalog/practice-check.js'
import { MAKE_IT_FAIL } from './catalog/remedies.js'
import { CODE_SCANNING_NOTE, CODE_SCANNING_UPLOAD, SAST } from './catalog/sast.js'
import type { Ecosystem } from '../facts/manifests/types.js'

/**
 * static-analysis: does CI run static analysis or a quality gate (CodeQL, Semgrep, SonarQube,
 * Bandit, Snyk, gosec, Brakeman, …) on pull requests? A scan on a schedule only still counts as
 * SAST (Scorecard does) but gates nothing: partial. A scan that cannot fail is partial too ("scans,
 * non-blocking") — unless its SARIF goes to code scanning in the same job, whose PR check fails on
 * new alerts. Dependency scanners, secret scanners and a lone `upload-sarif` never count.
 * CodeQL "default setup" lives in repository settings and leaves no file: a fail says so.
 */

const messages = {
  pr: 'Static analysis runs on pull requests: {tools}.',
  'not-on-prs': 'Static analysis runs in CI but not on pull requests ({events}): {tools}.',
  'local-only': 'Static analysis runs only in local hooks, not in CI: {tools}.',
  'non-blocking': 'Static analysis runs in CI but cannot fail the build: {tools}.',
  configured: 'Static analysis is configured ({tools}) but CI does not run it.',
  unreadable: 'No static analysis was found in the CI files that could be read; {count|CI file} could not be parsed.',
  opaque: 'No static analysis was found in the CI Shipshape could follow; {count|CI step} could not be followed: {steps}.',
  none: 'No static analysis runs in CI (CodeQL default setup, configured in repository settings, is not visible to a scan of files).',
  'no-ci': 'No CI configuration was found, and no static analysis is configured.'
} as const

/** CodeQL's language ids; PHP and Elixir have none (their SAST tools are in ALTERNATIVES). */
const CODEQL_LANGUAGE: Readonly<Partial<Record<Ecosystem, string>>> = {
  python: 'python',
  node: 'javascript-typescript',
  go: 'go',
  java: 'java-kotlin',
  ruby: 'ruby',
  rust: 'rust',
  dotnet: 'csharp'
}

/** A CodeQL workflow for the languages detected that CodeQL analyses ('' when it analyses none of them). */
function codeql(languages: readonly Ecosystem[]): string {
  const list = languages.length > 0 ? languages.flatMap((l) => CODEQL_LANGUAGE[l] ?? []) : ['python']
  if (list.length === 0) return ''
  return [
    '```yaml',
    '# .github/workflows/codeql.yml',
    'on:',
    '  pull_request:',
    '  push:',
    '    branches: [main]',
    'permissions:',
    '  security-events: write',
    '  contents: read',
    'jobs:',
    '  analyze:',
    '    runs-on: ubuntu-latest',
    '    strategy:',
    '      matrix:',
    '        include:',
    // Go is analysed from a build; the others are read as they are.
    ...list.map((l) => `          - { language: ${l}, build: ${l === 'go' ? 'autobuild' : 'none'} }`),
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: github/codeql-action/init@v3',
    '        with:',
    '          languages: ${{ matrix.language }}',
    '          build-mode: ${{ matrix.build }}',
    '      - uses: github/codeql-action/analyze@v3',
    '```'
  ].join('\n')
}

const ALTERNATIVES: Snippets = {
  python: 'Or run Bandit as a blocking step: `- run: uvx bandit -r src -ll` (or Semgrep: `semgrep ci`); if CI already runs `ruff check`, add `"S"` to `select` under `[tool.ruff.lint]`.',
  node: 'Or run Semgrep as a blocking step: `- run: semgrep ci` (container `semgrep/semgrep`), or SonarQube with `SonarSource/sonarqube-scan-action` and its quality gate; if CI already runs ESLint, add eslint-plugin-security (`pluginSecurity.configs.recommended` in `eslint.config.mjs`).',
  go: 'Or run gosec: `- uses: securego/gosec@master` with `args: ./...`; if CI already runs golangci-lint, enable `gosec` under `linters.enable` in `.golangci.yml`.',
  java: 'Or a SonarQube quality gate with `SONAR_TOKEN`: `./mvnw -B verify sonar:sonar` (Gradle: the `org.sonarqube` plugin and `./gradlew sonar`), or SpotBugs with the find-sec-bugs plugin failing the build.',
  ruby: 'Or Brakeman, as the Rails template does: `- run: bin/brakeman --no-pager`.',
  rust: 'Or cargo-deny as a blocking step (`- uses: EmbarkStudios/cargo-deny-action@v2` with a `deny.toml`; or `- run: cargo install cargo-audit --locked && cargo audit`), and Semgrep (`- run: semgrep ci`) for the code itself.',
  php: 'Run PHPStan at a gating level (`- run: vendor/bin/phpstan analyse --level=6 --no-progress`), Psalm with taint analysis (`- run: vendor/bin/psalm --taint-analysis`) or Semgrep (`- run: semgrep ci`) as a blocking step.',
  dotnet: 'Or turn the .NET analyzers into errors: `<AnalysisLevel>latest-recommended</AnalysisLevel>` and `<TreatWarningsAsErrors>true</TreatWarningsAsErrors>` in `Directory.Build.props`, built by `dotnet build` on pull requests; or SonarScanner for .NET with its quality gate.',
  elixir: 'Run Sobelow, the Phoenix security scanner, as a blocking step: `- run: mix sobelow --config --exit`.'
}

const FALLBACK = 'Enable CodeQL (a `github/codeql-action` workflow on `pull_request`) or another SAST tool that fails the build (see docs/checks/static-analysis.md).'

export default definePracticeCheck({
  meta: {
    id: 'static-analysis',
    title: 'Static analysis in CI',
    question: 'Does CI run static analysis / a quality gate (CodeQL, Semgrep, SonarQube/SonarCloud, Bandit, Snyk, gosec, Brakeman, …)?',
    messages,
    why: 'Static analysis finds injection, unsafe deserialisation, hard-coded secrets and similar flaws in the code itself, before they merge. Dependency scanners do not: they look at what you import, not at what you wrote. A scan that runs only weekly, or that cannot fail, reports a flaw after it has shipped.',
    remediation: FALLBACK
  },
  catalogue: SAST,
  options: () => ({ forgivenByJobActions: CODE_SCANNING_UPLOAD, forgivenNote: CODE_SCANNING_NOTE }),
  doing: 'runs static analysis',
  // CodeQL first where it reads the stack; the stack's own tools after it, or alone.
  fix: (profile, opening) => {
    const workflow = codeql(profile.ecosystems)
    const first = workflow ? `${opening}\n\n${workflow}` : 'Run static analysis on every pull request.'
    return remediationFor(first, ALTERNATIVES, profile, '').trimEnd()
  },
  opening: 'Run static analysis on every pull request, for example CodeQL:',
  ladder: [
    { tier: 'nonBlocking', status: 'partial', messageId: 'non-blocking', remediation: { text: [MAKE_IT_FAIL, 'Alternatively upload its SARIF with `github/codeql-action/upload-sarif` in the same job, so code scanning flags new alerts on the pull request.'].join('\n\n') } },
    { tier: 'local', status: 'partial', messageId: 'local-only', remediation: 'default' }
  ],
  foot: { configured: 'configured' }
})
