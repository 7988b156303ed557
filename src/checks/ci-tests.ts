import { remediationFor, type RepoProfile, type Snippets } from './catalog/ecosystem.js'
import { pickEvidence } from './catalog/evidence.js'
import { evidenceOf, tools, type Finding, type Judgement } from './catalog/practice.js'
import { definePracticeCheck } from './catalog/practice-check.js'
import { MAKE_IT_FAIL, PHP_SETUP, SETUP_BEAM, workflow } from './catalog/remedies.js'
import { PASSES_WITH_NO_TESTS, TESTS } from './catalog/tests.js'
import type { TestSuite } from '../facts/test-files.js'
import { count } from '../prose.js'
import type { Evidence, Outcome } from './types.js'

/**
 * ci-tests: does CI run the test suite on every pull request? Pass needs an enforcing test run on
 * PRs; runs only on push/schedule/manual are partial. Everything else fails — and when a suite
 * exists but CI never runs it (or only a local hook does), the message says so, because the fix
 * is one workflow away.
 */

const messages = {
  pr: 'Tests run on pull requests: {tools}.',
  'not-on-prs': 'Tests run in CI but not on pull requests ({events}): {tools}.',
  'non-blocking': 'Tests run in CI but cannot fail the build: {tools}.',
  'local-only': 'Tests run only in local hooks, not in CI: {tools}.',
  'suite-not-run': 'A test suite exists ({count|test file}) but no CI job runs it.',
  'nothing-to-test': 'CI runs {tools}, but the repository has no {files}: the run passes without testing anything.',
  unreadable: 'No test run was found in the CI files that could be read; {count|CI file} could not be parsed.',
  opaque: 'No test run was found in the CI Shipshape could follow; {count|CI step} could not be followed: {steps}.',
  none: 'No CI job runs tests, and no test suite was found.',
  'no-ci': 'No CI configuration was found, so no tests run on pull requests.'
} as const

const PYTHON = workflow('.github/workflows/test.yml', 'test', ['- uses: astral-sh/setup-uv@v6', '- run: uv sync --all-extras', '- run: uv run pytest'])
const DJANGO = workflow('.github/workflows/test.yml', 'test', ['- uses: actions/setup-python@v5', '  with:', "    python-version: '3.12'", '- run: pip install -r requirements.txt', '- run: python manage.py test'])
const RAILS = workflow('.github/workflows/test.yml', 'test', ['- uses: ruby/setup-ruby@v1', '  with:', '    bundler-cache: true', '- run: bin/rails db:setup test test:system'])

function snippets(profile: RepoProfile): Snippets {
  return {
    python: profile.django ? DJANGO : PYTHON,
    node: workflow('.github/workflows/test.yml', 'test', ['- uses: actions/setup-node@v4', '  with:', '    node-version: 22', '    cache: npm', '- run: npm ci', '- run: npm test']),
    go: workflow('.github/workflows/test.yml', 'test', ['- uses: actions/setup-go@v5', '  with:', '    go-version-file: go.mod', '- run: go test -race ./...']),
    java: workflow('.github/workflows/build.yml', 'build', ['- uses: actions/setup-java@v4', '  with:', '    distribution: temurin', '    java-version: 21', `    cache: ${profile.gradle ? 'gradle' : 'maven'}`, profile.gradle ? '- run: ./gradlew build' : '- run: ./mvnw -B verify']),
    ruby: profile.rails ? RAILS : workflow('.github/workflows/test.yml', 'test', ['- uses: ruby/setup-ruby@v1', '  with:', '    bundler-cache: true', '- run: bundle exec rspec']),
    php: workflow('.github/workflows/test.yml', 'test', [...PHP_SETUP, profile.laravel ? '- run: php artisan test' : '- run: vendor/bin/phpunit']),
    elixir: workflow('.github/workflows/test.yml', 'test', [...SETUP_BEAM, '- run: mix test', '  env:', '    MIX_ENV: test']),
    rust: workflow('.github/workflows/test.yml', 'test', ['- uses: dtolnay/rust-toolchain@stable', '- uses: Swatinem/rust-cache@v2', '- uses: taiki-e/install-action@nextest', '# or: cargo test --workspace', '- run: cargo nextest run --workspace --all-features']),
    dotnet: workflow('.github/workflows/test.yml', 'test', ['- uses: actions/setup-dotnet@v4', '  with:', '    dotnet-version: 9.0.x', '- run: dotnet test --configuration Release'])
  }
}

/**
 * Takes out the runs of runners that pass with nothing to test (`go test` without a `_test.go`
 * file anywhere): they stay as evidence, marked, but never count as a test run.
 */
function withoutEmptyRuns(j: Judgement, suite: TestSuite): { judgement: Judgement; empty: { findings: Finding[]; files: string } } {
  const idle = PASSES_WITH_NO_TESTS.filter((p) => (suite.byEcosystem.get(p.ecosystem) ?? 0) === 0)
  const empty: Finding[] = []
  if (idle.length === 0) return { judgement: j, empty: { findings: empty, files: '' } }
  const isIdle = (f: Finding): boolean => idle.some((p) => p.tools.includes(f.tool))
  const keep = (tier: readonly Finding[]): Finding[] => {
    const out: Finding[] = []
    for (const f of tier) {
      if (!isIdle(f)) out.push(f)
      else empty.push({ ...f, evidence: { ...f.evidence, message: `${f.evidence.message} (no ${idle.find((p) => p.tools.includes(f.tool))!.files} in the repository: nothing to test)` } })
    }
    return out
  }
  const pr = keep(j.pr)
  const notOnPr = keep(j.notOnPr)
  const files = [...new Set(idle.filter((p) => empty.some((f) => p.tools.includes(f.tool))).map((p) => p.files))].join(', ')
  return { judgement: { ...j, pr, notOnPr, other: [...j.other, ...empty] }, empty: { findings: empty, files } }
}

const FALLBACK = 'Add a CI job that runs the test suite on `pull_request` (see docs/checks/ci-tests.md for snippets per ecosystem).'

/** The test files found, after what the outcome leads with (ci-tests shows the suite CI does not run). */
function withSuite(suite: TestSuite, lead: Evidence[]): Evidence[] {
  const suiteEvidence: Evidence[] = suite.examples.map((path) => ({ path, message: suite.count === 1 ? 'the only test file' : `one of ${count(suite.count)} test files` }))
  return pickEvidence([{ items: lead.filter((e) => e.path), max: 7 }, { items: suiteEvidence, max: 3 }, { items: lead.filter((e) => !e.path), max: 2 }])
}

type EmptyRuns = ReturnType<typeof withoutEmptyRuns>['empty']

export default definePracticeCheck<keyof typeof messages, EmptyRuns>({
  meta: {
    id: 'ci-tests',
    title: 'Tests in CI',
    question: 'Does CI run the test suite on every pull request?',
    messages,
    why: 'Tests that run on every pull request turn "works on my machine" into a fact checked before merge: regressions are caught by the change that caused them, while its author still has the context. Tests that run only after merge, on a schedule, or only on a laptop find breakage after it has shipped.',
    remediation: FALLBACK
  },
  catalogue: TESTS,
  doing: 'runs the tests',
  fix: (profile, opening) => remediationFor(opening, snippets(profile), profile, FALLBACK),
  opening: 'Run the test suite in CI on every pull request:',
  prepare: (ctx, j) => {
    const { judgement, empty } = withoutEmptyRuns(j, ctx.facts.repoFiles.testSuite)
    return { judgement, state: empty }
  },
  shape: (ctx, lead) => withSuite(ctx.facts.repoFiles.testSuite, lead),
  ladder: [
    { tier: 'nonBlocking', status: 'fail', messageId: 'non-blocking', remediation: { opening: MAKE_IT_FAIL } },
    { undecided: true },
    { tier: 'local', status: 'fail', messageId: 'local-only', remediation: 'default' }
  ],
  // Nothing runs the tests: a runner with nothing to test, no CI, a suite CI never runs, or nothing at all.
  foot: ({ ctx, j, remediation, shape, state: empty }): Outcome<keyof typeof messages> => {
    if (empty.findings.length > 0) {
      const rest = { ...j, other: j.other.filter((f) => !empty.findings.includes(f)) }
      const write = `Write tests: add ${empty.files} next to the code they cover. CI already runs ${tools(empty.findings)} and will pick them up; until then the run checks nothing.`
      return { status: 'fail', messageId: 'nothing-to-test', data: { tools: tools(empty.findings), files: empty.files }, evidence: evidenceOf(rest, empty.findings), remediation: write }
    }
    const suite = ctx.facts.repoFiles.testSuite
    const evidence = shape(evidenceOf(j, []))
    if (!j.hasCi) return { status: 'fail', messageId: 'no-ci', evidence, remediation }
    if (suite.count > 0) return { status: 'fail', messageId: 'suite-not-run', data: { count: suite.count }, evidence, remediation }
    return { status: 'fail', messageId: 'none', evidence, remediation }
  }
})
