import { describe, expect, it } from 'vitest'
import { collectRepoFiles } from '../../src/facts/repo-files.js'
import { isTestPath } from '../../src/facts/excluded.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'

const testSuiteOf = (snapshot: MemorySnapshot) => collectRepoFiles(snapshot).testSuite

/** Test files are what each runner collects: a migration or a management command named like a test is not one. */
describe('test files', () => {
  it('leaves out migrations and management commands named like tests, in Python and Ruby', () => {
    const suite = testSuiteOf(
      new MemorySnapshot({
        'app/migrations/0042_ab_test.py': 'x',
        'migrations/versions/9f1_add_test_table_test.py': 'x',
        'app/management/commands/test_email.py': 'x',
        'db/migrate/20240101_create_tests_spec.rb': 'x',
        'app/tests/test_views.py': 'x'
      })
    )
    expect([suite.count, suite.examples]).toEqual([1, ['app/tests/test_views.py']])
    expect(isTestPath('app/management/commands/test_email.py')).toBe(false)
    expect(isTestPath('app/tests/test_views.py')).toBe(true)
  })

  it("follows each runner's discovery: Django's tests.py, Jest's __tests__/, Go tests of migrations", () => {
    const suite = testSuiteOf(
      new MemorySnapshot({
        'shop/tests.py': 'x',
        'src/__tests__/cart.ts': 'x',
        'db/migrations/id_columns_test.go': 'x',
        'api/src/test/java/db/migrations/V57BackfillTest.java': 'x',
        'src/cart.ts': 'x'
      })
    )
    expect(suite.count).toBe(4)
    expect(isTestPath('db/migrations/id_columns_test.go')).toBe(true)
  })
})
