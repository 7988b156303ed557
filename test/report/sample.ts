import type { CheckId, Status } from '../../src/checks/ids.js'
import type { CheckResult, Evidence } from '../../src/checks/types.js'
import type { ScanReport } from '../../src/report/types.js'

/**
 * A realistic report for renderer tests: a FastAPI service with 14 checks covering all six
 * statuses, evidence with and without paths and lines, a waiver, a required failing check,
 * a delta against the PR base and warnings.
 */

export const COMMIT = '3f2a9c1d4e5b6a7980716253443526170819a0b1'

function check(id: CheckId, title: string, status: Status, weight: number, summary: string, evidence: Evidence[], extra: Partial<CheckResult> = {}): CheckResult {
  const score = status === 'pass' ? 10 : status === 'partial' ? 5 : status === 'fail' ? 0 : null
  return { id, title, status, score, weight, required: false, summary, messageId: status, evidence, remediation: status === 'pass' ? null : `Add ${title.toLowerCase()} to CI.\n\nMore detail in the docs.`, ...extra }
}

export const SAMPLE_CHECKS: readonly CheckResult[] = [
  check('mandatory-prs', 'Mandatory pull requests', 'unknown', 3, 'Branch protection could not be read: grant an admin token (`admin-token`) or declare rules in .github/settings.yml.', [
    { message: 'GET /repos/acme/orders/branches/main/protection answered 403' }
  ], { messageId: 'unknown-permission', remediation: 'Pass an `admin-token` with administration:read.' }),
  check('ci-lint', 'CI lint', 'pass', 3, 'ruff runs on pull_request in job lint.', [{ path: '.github/workflows/ci.yml', line: 21, message: 'ruff check . (job lint)' }]),
  check('ci-tests', 'CI tests', 'fail', 3, 'No test run was found in CI.', [
    { path: '.github/workflows/ci.yml', message: 'workflow runs on pull_request but has no test step' },
    { path: 'tests/test_orders.py', line: 1, message: 'pytest tests exist' },
    { message: 'no tox.ini, noxfile.py or Makefile test target' }
  ], {
    required: true,
    remediation: 'Run the test suite on every pull request:\n\n```yaml\n- run: pytest -q\n```\n\nSee the docs for other runners.'
  }),
  check('type-checking', 'Type checking', 'partial', 2, 'mypy is configured but not run in CI on PRs.', [{ path: 'pyproject.toml', line: 40, endLine: 48, message: '[tool.mypy] section' }]),
  check('static-analysis', 'Static analysis', 'pass', 2, 'CodeQL runs on pull_request.', [{ path: '.github/workflows/codeql.yml', line: 30, message: 'github/codeql-action/analyze@v3' }]),
  check('contract-tests', 'Contract tests', 'fail', 3, 'No contract test (Schemathesis, Dredd, Pact…) runs in CI.', []),
  check('openapi-published', 'OpenAPI published', 'pass', 3, 'FastAPI serves /openapi.json by default.', [{ path: 'app/main.py', line: 5, message: 'app = FastAPI(title="Orders")' }]),
  check('health-endpoint', 'Health endpoint', 'pass', 3, 'GET /healthz is served and checks the database.', [{ path: 'app/routes/health.py', line: 12, message: '@router.get("/healthz")' }]),
  check('feature-flags', 'Feature flags', 'partial', 3, 'UnleashClient is a dependency but is not used in code.', [{ path: 'requirements.txt', line: 14, message: 'UnleashClient==5.11.1' }]),
  check('circuit-breakers', 'Circuit breakers', 'not-applicable', 1, 'The service makes no outbound HTTP calls.', []),
  check('container-build', 'Container build', 'waived', 1, 'A Dockerfile exists but CI does not build it.', [{ path: 'Dockerfile', line: 1, message: 'FROM python:3.12-slim' }], {
    score: null,
    waiver: { reason: 'images are built by the platform team', expires: '2026-12-31', original: 'partial' }
  }),
  check('release-versioning', 'Release versioning', 'fail', 1, 'No version tags and no changelog.', [{ message: 'no tags matching v1.2.3 in git' }]),
  check('ci-duration', 'CI duration', 'unknown', 1, 'CI duration needs the GitHub API: grant `actions: read`.', [])
]

export function sampleReport(overrides: Partial<ScanReport> = {}): ScanReport {
  return {
    schemaVersion: 1,
    tool: { name: 'shipshape', version: '0.1.0' },
    repository: { root: '.', commit: COMMIT, slug: 'acme/orders', serverUrl: 'https://github.com' },
    score: 58,
    grade: 'F',
    gate: { passed: false, minScore: 70, reasons: ['score 58 is under 70', 'required check ci-tests is fail'] },
    checks: SAMPLE_CHECKS,
    warnings: ['waiver for container-build expires in 30 days', 'config: unknown key "chekcs" (did you mean "checks"?)'],
    delta: {
      base: { commit: '1111111111111111111111111111111111111111', score: 61, grade: 'D' },
      head: { commit: COMMIT, score: 58, grade: 'F' },
      change: -3,
      checks: SAMPLE_CHECKS.map((c) => ({ id: c.id, base: c.id === 'ci-tests' ? 'pass' : c.status, head: c.status, changed: c.id === 'ci-tests' }))
    },
    stats: { files: 1234, filesRead: 87, bytesRead: 412_345, skippedTooLarge: 1, durationMs: 812 },
    ...overrides
  }
}

/** Nothing judged: every check unknown or not applicable, no score, gate passed. */
export function emptyReport(overrides: Partial<ScanReport> = {}): ScanReport {
  return {
    schemaVersion: 1,
    tool: { name: 'shipshape', version: '0.1.0' },
    repository: { root: '.', commit: null },
    score: null,
    grade: null,
    gate: { passed: true, minScore: 70, reasons: [] },
    checks: [],
    warnings: [],
    stats: { files: 0, filesRead: 0, bytesRead: 0, skippedTooLarge: 0, durationMs: 3 },
    ...overrides
  }
}
