import type { Ecosystem } from './ecosystems.js'

/**
 * Test files per ecosystem, as each runner discovers them: basename prefix/suffix rules (or exact
 * names), and a directory a file must sit under. pytest collects `test_*.py`/`*_test.py`, Django's
 * and unittest's runner `test*.py` (so an app's `tests.py`), Jest `*.test.*`/`*.spec.*` and any
 * script under `__tests__/`, Go `*_test.go`, RSpec `*_spec.rb`, Minitest `test/**\/*_test.rb`.
 *
 * Trap: a migration or a management command named `…_test.py`/`test_….py` is production code;
 * no runner collects it there (NOT_TEST_CODE).
 */
export const TEST_FILES: readonly { readonly ecosystem: Ecosystem; readonly prefix?: string; readonly suffixes: readonly string[]; readonly names?: readonly string[]; readonly under?: string }[] = [
  { ecosystem: 'python', prefix: 'test_', suffixes: ['.py'] },
  { ecosystem: 'python', suffixes: ['_test.py', '_tests.py'] },
  { ecosystem: 'python', suffixes: [], names: ['tests.py'] },
  { ecosystem: 'node', suffixes: ['.test.ts', '.test.js', '.test.tsx', '.test.jsx', '.test.mjs', '.test.cjs', '.spec.ts', '.spec.js', '.spec.tsx', '.spec.jsx', '.e2e-spec.ts'] },
  { ecosystem: 'node', suffixes: ['.ts', '.js', '.tsx', '.jsx'], under: '__tests__/' },
  { ecosystem: 'go', suffixes: ['_test.go'] },
  { ecosystem: 'java', suffixes: ['Test.java', 'Tests.java', 'IT.java', 'Test.kt', 'Tests.kt'], under: 'src/test/' },
  { ecosystem: 'ruby', suffixes: ['_spec.rb'] },
  { ecosystem: 'ruby', suffixes: ['_test.rb'], under: 'test/' },
  // PHPUnit and Pest name test classes `*Test.php` (PHPUnit's default suffix); Codeception `*Cest.php`/`*Cept.php`.
  { ecosystem: 'php', suffixes: ['Test.php', 'Cest.php', 'Cept.php'], under: 'tests/' },
  { ecosystem: 'php', suffixes: ['Test.php'], under: 'Tests/' },
  // ExUnit loads `test/**/*_test.exs` (the `test_paths`/`test_pattern` defaults).
  { ecosystem: 'elixir', suffixes: ['_test.exs'], under: 'test/' },
  // Rust: integration tests live in a crate's `tests/`; unit tests sit inline (`#[cfg(test)]`), found by no name.
  { ecosystem: 'rust', suffixes: ['.rs'], under: 'tests/' },
  { ecosystem: 'rust', suffixes: ['_test.rs', '_tests.rs'] },
  // .NET test classes are named for what they test (`OrderServiceTests.cs`); test projects hold them.
  { ecosystem: 'dotnet', suffixes: ['Tests.cs', 'Test.cs', 'Tests.fs', 'Test.fs', 'Tests.vb', 'Specs.cs'] }
]

export interface TestSuite {
  /** Test files found outside vendored and generated trees. */
  readonly count: number
  /** How many of them per ecosystem. */
  readonly byEcosystem: ReadonlyMap<Ecosystem, number>
  /** A few of them, for evidence. */
  readonly examples: readonly string[]
}
