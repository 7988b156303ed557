/**
 * Trees that are vendored, generated or not part of the shipped service (docs/catalogue.md, "Rules for every practice").
 * One list for every collector, so "what counts as the repository's own code" means the same
 * thing to manifests, usage, routes and deploy facts.
 */

/** Vendored or generated dependency trees: never the repository's own declarations. */
export const VENDORED_DIRS: readonly string[] = [
  'node_modules',
  'vendor',
  '.venv',
  'venv',
  'site-packages',
  '.tox',
  '.git',
  'third_party',
  'bower_components',
  '.nox'
]

/** Build output: generated copies of the sources. */
export const BUILD_OUTPUT_DIRS: readonly string[] = ['dist', 'build', 'target']

/** Material about the service rather than the service: samples, fixtures, documentation. */
export const NON_PRODUCT_DIRS: readonly string[] = ['testdata', 'fixtures', 'examples', 'docs']

/** Every excluded directory name (docs/catalogue.md, "Rules for every practice"). */
export const EXCLUDED_DIRS: readonly string[] = [...VENDORED_DIRS, ...BUILD_OUTPUT_DIRS, ...NON_PRODUCT_DIRS]

const EXCLUDED_SET = new Set(EXCLUDED_DIRS)
const VENDORED_SET = new Set(VENDORED_DIRS)

/** The first excluded directory segment of a path (`pkg/node_modules/x/package.json` → `node_modules`), or null. */
export function excludedSegment(path: string, dirs: ReadonlySet<string> = EXCLUDED_SET): string | null {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? null : segmentIn(path.slice(0, slash), dirs)
}

/** The first segment of a directory path that is in `dirs`, or null. */
function segmentIn(dir: string, dirs: ReadonlySet<string>): string | null {
  if (dir === '') return null
  for (const part of dir.split('/')) if (dirs.has(part)) return part
  return null
}

/** True when a file lives in a vendored, generated or non-product tree. */
export function isExcluded(path: string): boolean {
  return excludedSegment(path) !== null
}

/** True when a file lives in a vendored dependency tree (`build/` and `docs/` are not vendored). */
export function isVendored(path: string): boolean {
  return excludedSegment(path, VENDORED_SET) !== null
}

const TEST_DIRS = new Set(['test', 'tests', '__tests__', '__test__', 'spec', 'specs', 'e2e', 'integration-tests', 'integration_tests', 'testing', 'test-utils', 'test_utils'])

/**
 * Test code, by directory (`tests/`, `src/test/`, `__tests__/`, `spec/`) or file name
 * (`test_x.py`, `x_test.py`, `x_test.go`, `x.test.ts`, `x.spec.js`, `XTest.java`, `x_spec.rb`,
 * `XTest.php`, `conftest.py`, `OrderTests.cs`), .NET test project directories (`Orders.Api.Tests/`) and
 * Cucumber/Behave glue (`features/support/`, `features/step_definitions/`). Test code is not production use: a retry in a flaky-test helper protects no
 * outbound call, and a flag evaluated only in a test ships nothing.
 */
export function isTestPath(path: string): boolean {
  return testDir(path) || (testName(path.slice(path.lastIndexOf('/') + 1)) && !NOT_TEST_CODE.test(path))
}

/** .NET test projects live in their own directory named for them: `Orders.Api.Tests`, `Orders.IntegrationTests`, `Api.Test`. */
const DOTNET_TEST_PROJECT = /\.(unit|integration|functional|acceptance|component|e2e|api)?tests?$/i

/**
 * Directories whose files are production code whatever their names say: database migrations
 * (`migrations/0042_ab_test.py`, `alembic/versions/…_add_test.py`, `db/migrate/…`) and Django
 * management commands (`management/commands/test_email.py`). No test runner collects them there.
 * Python and Ruby only, whose test files are known by naming conventions: Go's toolchain and the
 * JVM's `src/test/` collect tests of migrations under such directories too.
 */
export const NOT_TEST_CODE = /(^|\/)(migrations|db\/migrate|alembic\/versions|management\/commands)\/(.*\/)?[^/]+\.(py|rb)$/

/**
 * Cucumber and Behave keep their glue code beside the `.feature` files: `features/step_definitions/`,
 * `features/steps/`, `features/support/` (`env.rb`, helpers). Trap: front ends group source code by
 * feature (`src/features/support/Ticket.tsx` is a "support" feature), so `support`/`steps` count
 * only when `features/` is not inside a source root.
 */
const SOURCE_ROOTS = new Set(['src', 'app', 'lib', 'client', 'web', 'frontend', 'ui', 'components', 'pages'])
function acceptanceGlue(parts: readonly string[]): boolean {
  for (let i = 0; i + 1 < parts.length; i++) {
    if (parts[i] !== 'features') continue
    const next = parts[i + 1]!
    if (next === 'step_definitions') return true
    if ((next === 'support' || next === 'steps') && !parts.slice(0, i).some((p) => SOURCE_ROOTS.has(p.toLowerCase()))) return true
  }
  return false
}

/** Whether a file's directory is a test tree (`tests/`, `spec/`, a .NET test project, acceptance glue). */
function testDir(path: string): boolean {
  const slash = path.lastIndexOf('/')
  if (slash < 0) return false
  const parts = path.slice(0, slash).split('/')
  return parts.some((part) => TEST_DIRS.has(part.toLowerCase()) || DOTNET_TEST_PROJECT.test(part)) || acceptanceGlue(parts)
}

function testName(name: string): boolean {
  const lower = name.toLowerCase()
  if (lower.endsWith('.py')) return lower === 'conftest.py' || lower.startsWith('test_') || lower.endsWith('_test.py')
  if (lower.endsWith('_test.go') || lower.endsWith('_spec.rb') || lower.endsWith('_test.rb')) return true
  if ((lower.includes('.test.') || lower.includes('.spec.')) && /\.(test|spec)\.[cm]?[jt]sx?$/.test(lower)) return true
  if ((name.endsWith('.java') || name.endsWith('.kt')) && /(Test|Tests|IT)\.(java|kt)$/.test(name)) return true
  // PHPUnit and Pest test classes: `OrderTest.php` (a `database/migrations/…_create_tests_table.php` is not one).
  if (name.endsWith('Test.php') && name.length > 8) return true
  if ((name.endsWith('.cs') || name.endsWith('.fs') || name.endsWith('.vb')) && /Tests?\.(cs|fs|vb)$/.test(name)) return true
  return false
}
