import { describe, expect, it } from 'vitest'
import { excludedSegment, isExcluded, isTestPath, isVendored } from '../../src/facts/excluded.js'
import { sourceKind } from '../../src/facts/usage.js'

describe('path classification', () => {
  const cases: [string, boolean, boolean, boolean][] = [
    // path, excluded, vendored, test
    ['src/app.py', false, false, false],
    ['node_modules/x/index.js', true, true, false],
    ['pkg/vendor/lib.go', true, true, false],
    ['docs/conf.py', true, false, false],
    ['build/out.js', true, false, false],
    ['tests/test_api.py', false, false, true],
    ['src/Tests/Helper.cs', false, false, true],
    ['src/Orders.Api.Tests/Helpers/Fake.cs', false, false, true],
    ['src/Orders.IntegrationTests/Fixture.cs', false, false, true],
    ['src/Orders.Api/Services/OrderTests.cs', false, false, true],
    ['src/Orders.Api/Services/Contest.cs', false, false, false],
    ['src/Orders.Latest/Program.cs', false, false, false],
    ['app/conftest.py', false, false, true],
    ['app/api_test.py', false, false, true],
    ['app/test_api.py', false, false, true],
    ['app/testing.py', false, false, false],
    ['web/a.test.ts', false, false, true],
    ['web/a.spec.mjs', false, false, true],
    ['web/a.testing.ts', false, false, false],
    ['src/main/java/FooTest.java', false, false, true],
    ['src/main/java/FooIT.kt', false, false, true],
    ['src/main/java/Footest.java', false, false, false],
    ['go/x_test.go', false, false, true],
    ['spec/models/user_spec.rb', false, false, true],
    ['src/Service/OrderTest.php', false, false, true],
    ['database/migrations/2024_01_01_000000_create_tests_table.php', false, false, false],
    ['app/Test.php', false, false, false],
    ['features/support/patience_helper.rb', false, false, true],
    ['features/step_definitions/claim_steps.rb', false, false, true],
    ['acceptance/features/steps/login.py', false, false, true],
    ['web/src/features/support/Ticket.tsx', false, false, false],
    ['app/features/steps/Wizard.ts', false, false, false],
    ['features/orders.rb', false, false, false],
    ['vendor', false, false, false]
  ]
  it.each(cases)('%s', (path, excluded, vendored, test) => {
    // Twice, in both orders, so the per-directory memo's fast path is exercised.
    for (let i = 0; i < 2; i++) {
      expect(isExcluded(path)).toBe(excluded)
      expect(isVendored(path)).toBe(vendored)
      expect(isTestPath(path)).toBe(test)
    }
  })

  it('names the first excluded segment, for any set of names', () => {
    expect(excludedSegment('a/docs/node_modules/x.js')).toBe('docs')
    expect(excludedSegment('a/docs/node_modules/x.js', new Set(['node_modules']))).toBe('node_modules')
    expect(excludedSegment('docs.py')).toBeNull()
  })

  it('knows a source file by its extension, not by a dotted directory', () => {
    expect(sourceKind('a/b.py')).toEqual({ ecosystem: 'python', template: false })
    expect(sourceKind('a/B.PY')).toEqual({ ecosystem: 'python', template: false })
    expect(sourceKind('t/page.html')).toEqual({ ecosystem: 'python', template: true })
    expect(sourceKind('x.d.ts')).toBeNull()
    expect(sourceKind('x.min.js')).toBeNull()
    expect(sourceKind('build.gradle.kts')).toBeNull()
    expect(sourceKind('App.kts')).toEqual({ ecosystem: 'java', template: false })
    expect(sourceKind('my.py/README')).toBeNull()
    expect(sourceKind('Makefile')).toBeNull()
    expect(sourceKind('.ts')).toEqual({ ecosystem: 'node', template: false })
  })
})
