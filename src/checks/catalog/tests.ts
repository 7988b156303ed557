import type { Ecosystem } from '../../facts/manifests/types.js'
import type { ActionSignature, Catalogue, CommandSignature, ConfigSignature } from './match.js'
import { MAVEN_COMMANDS } from '../../facts/ci/resolve/jvm.js'

/**
 * Test runners (docs/catalogue.md, "Tests in CI"). A run that collects without running (`--collect-only`), skips
 * the tests (`-DskipTests`, `-x test`) or selects none (`go test -run XXX_NONE`) is recognised and
 * reported, never counted. npm's placeholder `echo "Error: no test specified" && exit 1` resolves
 * to `echo`, which is no runner. Coverage uploads are not test runs: something else made the report.
 */

const PYTHON: readonly CommandSignature[] = [
  { tool: 'pytest', ecosystem: 'python', commands: ['pytest', 'py.test'], notARunFlags: ['--collect-only', '--co', '--setup-plan', '--version', '--help'] },
  { tool: 'unittest', ecosystem: 'python', commands: ['unittest'] },
  { tool: 'nose2', ecosystem: 'python', commands: ['nose2', 'nosetests', 'green'] },
  { tool: 'Django tests', ecosystem: 'python', commands: ['manage.py', 'django-admin'], subcommands: ['test'] },
  { tool: 'Django tests', ecosystem: 'python', commands: ['python', 'python3'], subcommands: ['manage.py test'] },
  { tool: 'coverage run', ecosystem: 'python', commands: ['coverage'], subcommands: ['run'] },
  { tool: 'hatch test', ecosystem: 'python', commands: ['hatch'], subcommands: ['test'] },
  { tool: 'tox', ecosystem: 'python', commands: ['tox'], notARunFlags: ['--notest', '-l', '--listenvs', '--version'], note: 'environments not resolved' },
  { tool: 'nox', ecosystem: 'python', commands: ['nox'], notARunFlags: ['-l', '--list', '--version'], note: 'sessions not resolved' }
]

const NODE: readonly CommandSignature[] = [
  { tool: 'jest', ecosystem: 'node', commands: ['jest'], notARunFlags: ['--listTests', '--showConfig', '--version'] },
  { tool: 'vitest', ecosystem: 'node', commands: ['vitest'], subcommands: ['run'], bareUnless: ['list', 'bench', 'init', 'typecheck'] },
  { tool: 'mocha', ecosystem: 'node', commands: ['mocha', '_mocha'], notARunFlags: ['--dry-run', '--version'] },
  { tool: 'ava', ecosystem: 'node', commands: ['ava'] },
  { tool: 'jasmine', ecosystem: 'node', commands: ['jasmine'], bareUnless: ['init', 'examples', 'help', 'version'] },
  { tool: 'uvu', ecosystem: 'node', commands: ['uvu'] },
  { tool: 'tap', ecosystem: 'node', commands: ['tap', 'tape'] },
  { tool: 'node --test', ecosystem: 'node', commands: ['node'], requireAnyFlag: ['--test'] },
  { tool: 'playwright', ecosystem: 'node', commands: ['playwright'], subcommands: ['test'], notARunFlags: ['--list'] },
  { tool: 'cypress', ecosystem: 'node', commands: ['cypress'], subcommands: ['run'] },
  { tool: 'bun test', ecosystem: 'node', commands: ['bun'], subcommands: ['test'] },
  { tool: 'deno test', ecosystem: 'node', commands: ['deno'], subcommands: ['test'] },
  { tool: 'karma', ecosystem: 'node', commands: ['karma'], subcommands: ['start'], anyPositional: true },
  { tool: 'ng test', ecosystem: 'node', commands: ['ng'], subcommands: ['test', 'e2e'] },
  { tool: 'nx test', ecosystem: 'node', commands: ['nx'], subcommands: ['test'], anyPositional: true },
  { tool: 'nx test', ecosystem: 'node', commands: ['nx'], requireAnyFlag: ['-t~test', '--target~test', '--targets~test'] },
  { tool: 'turbo test', ecosystem: 'node', commands: ['turbo'], subcommands: ['test'], anyPositional: true }
]

const GO: readonly CommandSignature[] = [
  {
    tool: 'go test',
    ecosystem: 'go',
    commands: ['go', 'richgo'],
    subcommands: ['test'],
    notARunFlags: ['-run=^$', '-run=XXX_NONE', '-run=NONE', '-run=^XXX$', '-run=xxx', '--run=^$', '-list=.*', '-list']
  },
  { tool: 'gotestsum', ecosystem: 'go', commands: ['gotestsum'] },
  { tool: 'ginkgo', ecosystem: 'go', commands: ['ginkgo'], notARunFlags: ['--dry-run', '-dry-run'] }
]

const JAVA_SKIP = ['-DskipTests', '-Dmaven.test.skip=true', '-DskipUTs', '-x=test', '--exclude-task=test']

const JAVA: readonly CommandSignature[] = [
  { tool: 'Maven tests', ecosystem: 'java', commands: MAVEN_COMMANDS, subcommands: ['test', 'verify', 'package', 'install', 'deploy', 'integration-test', 'surefire:test', 'failsafe:integration-test'], anyPositional: true, notARunFlags: JAVA_SKIP },
  { tool: 'Gradle tests', ecosystem: 'java', commands: ['gradle', 'gradlew'], subcommands: ['test', 'check', 'build', 'integrationtest'], anyPositional: true, notARunFlags: JAVA_SKIP }
]

const RUBY: readonly CommandSignature[] = [
  { tool: 'rspec', ecosystem: 'ruby', commands: ['rspec', 'parallel_rspec', 'turbo_tests'], notARunFlags: ['--dry-run'] },
  { tool: 'rails test', ecosystem: 'ruby', commands: ['rails'], subcommands: ['test', 'test:system', 'test:all', 'spec'], anyPositional: true },
  { tool: 'rake', ecosystem: 'ruby', commands: ['rake'], subcommands: ['test', 'spec', 'default', 'test:all', 'ci'], anyPositional: true, taskPattern: /^(?:[\w-]+:)*(?:test|tests|spec|specs|rspec|minitest|ci)(?::[\w:-]+)?$/ },
  { tool: 'minitest', ecosystem: 'ruby', commands: ['ruby'], requireAnyFlag: ['-Itest'] },
  { tool: 'parallel_test', ecosystem: 'ruby', commands: ['parallel_test'] }
]

/**
 * PHP: PHPUnit, Pest, ParaTest, Laravel's `artisan test` (PHPUnit or Pest, `--parallel` through
 * ParaTest), Codeception, Behat, phpspec. Listing or configuration runs are not runs.
 */
const PHP_NOT_A_RUN = ['--list-tests', '--list-suites', '--list-groups', '--list-tests-xml', '--version', '--help', '--generate-configuration', '--migrate-configuration', '--init']
const PHP: readonly CommandSignature[] = [
  { tool: 'PHPUnit', ecosystem: 'php', commands: ['phpunit', 'phpunit.phar', 'simple-phpunit'], notARunFlags: PHP_NOT_A_RUN },
  { tool: 'Pest', ecosystem: 'php', commands: ['pest'], notARunFlags: PHP_NOT_A_RUN },
  { tool: 'ParaTest', ecosystem: 'php', commands: ['paratest'], notARunFlags: PHP_NOT_A_RUN },
  { tool: 'artisan test', ecosystem: 'php', commands: ['artisan'], subcommands: ['test'], notARunFlags: PHP_NOT_A_RUN },
  { tool: 'Codeception', ecosystem: 'php', commands: ['codecept', 'codecept.phar'], subcommands: ['run'] },
  { tool: 'Behat', ecosystem: 'php', commands: ['behat'], notARunFlags: ['--dry-run', '--init', '--definitions', '-d', '--version', '--help'] },
  { tool: 'phpspec', ecosystem: 'php', commands: ['phpspec'], subcommands: ['run'] }
]

/**
 * Elixir: ExUnit through `mix test`, or through ExCoveralls (`mix coveralls`, `mix
 * coveralls.lcov`, `.html`, `.json`, … run the suite and report coverage). `mix test.watch` is a
 * local loop. Aliases (a `test` alias that creates the database first) are expanded by the CI
 * resolver, so the command judged is the real task.
 */
const COVERALLS = ['coveralls', 'coveralls.html', 'coveralls.json', 'coveralls.lcov', 'coveralls.github', 'coveralls.post', 'coveralls.detail', 'coveralls.cobertura', 'coveralls.xml', 'coveralls.multiple', 'coveralls.travis', 'coveralls.circle', 'coveralls.gitlab', 'coveralls.semaphore', 'coveralls.drone']

const ELIXIR: readonly CommandSignature[] = [
  { tool: 'ExUnit (mix test)', ecosystem: 'elixir', commands: ['mix'], subcommands: ['test'], notARunFlags: ['--help'] },
  { tool: 'ExCoveralls', ecosystem: 'elixir', commands: ['mix'], subcommands: COVERALLS },
  { tool: 'espec', ecosystem: 'elixir', commands: ['mix'], subcommands: ['espec'] },
  { tool: 'rebar3 eunit/ct', ecosystem: 'elixir', commands: ['rebar3'], subcommands: ['eunit', 'ct'] }
]

/**
 * Rust: `cargo test` (`--no-run` only compiles), nextest (`cargo nextest run`; `list`/`archive`
 * run nothing), coverage runners that run the suite (llvm-cov, tarpaulin; `llvm-cov report` only
 * reports an earlier run), insta and miri. `cross test` runs the same suite in a container. An
 * xtask is Rust code Shipshape does not read: its task name is all it goes by.
 */
const RUST_NOT_A_RUN = ['--no-run', '--help', '-h', '--version', '-V', '--list']
const RUST: readonly CommandSignature[] = [
  { tool: 'cargo test', ecosystem: 'rust', commands: ['cargo', 'cross'], subcommands: ['test'], notARunFlags: RUST_NOT_A_RUN },
  { tool: 'nextest', ecosystem: 'rust', commands: ['cargo'], subcommands: ['nextest run', 'nextest r'], notARunFlags: RUST_NOT_A_RUN },
  { tool: 'nextest', ecosystem: 'rust', commands: ['cargo-nextest'], subcommands: ['nextest run', 'run'], notARunFlags: RUST_NOT_A_RUN },
  { tool: 'cargo llvm-cov', ecosystem: 'rust', commands: ['cargo'], subcommands: ['llvm-cov report', 'llvm-cov clean', 'llvm-cov show-env'], kind: 'related', note: 'reports or cleans coverage; a step must run the tests' },
  { tool: 'cargo llvm-cov', ecosystem: 'rust', commands: ['cargo'], subcommands: ['llvm-cov'], notARunFlags: RUST_NOT_A_RUN },
  { tool: 'cargo tarpaulin', ecosystem: 'rust', commands: ['cargo'], subcommands: ['tarpaulin'], notARunFlags: RUST_NOT_A_RUN },
  { tool: 'cargo tarpaulin', ecosystem: 'rust', commands: ['cargo-tarpaulin'], notARunFlags: RUST_NOT_A_RUN },
  { tool: 'cargo insta test', ecosystem: 'rust', commands: ['cargo'], subcommands: ['insta test'] },
  { tool: 'miri', ecosystem: 'rust', commands: ['cargo'], subcommands: ['miri test', 'miri nextest'] },
  { tool: 'wasm-pack test', ecosystem: 'rust', commands: ['wasm-pack'], subcommands: ['test'] },
  { tool: 'cargo xtask test', ecosystem: 'rust', commands: ['cargo'], subcommands: ['xtask test', 'xtask tests', 'xtask test-all', 'xtask integration-test', 'xtask e2e'], note: 'an xtask, judged by its task name' }
]

// .NET: `dotnet test` builds and runs the test projects; `--list-tests` (`-t`) only lists them.
// `dotnet vstest`, vstest.console and the NUnit/xUnit consoles run built test assemblies.
// Trap: a test project run as an executable (`dotnet run --project tests/X.Tests`, xUnit v3 and
// TUnit allow it) is not recognised here: `dotnet run` runs anything.
const DOTNET: readonly CommandSignature[] = [
  { tool: 'dotnet test', ecosystem: 'dotnet', commands: ['dotnet'], subcommands: ['test'], notARunFlags: ['--list-tests', '-t', '--help', '-h'] },
  { tool: 'dotnet vstest', ecosystem: 'dotnet', commands: ['dotnet'], subcommands: ['vstest'], notARunFlags: ['--ListTests', '/ListTests', '--help'] },
  { tool: 'vstest', ecosystem: 'dotnet', commands: ['vstest.console', 'vstest.console.exe'], notARunFlags: ['/ListTests', '--ListTests', '/?'] },
  { tool: 'NUnit console', ecosystem: 'dotnet', commands: ['nunit3-console', 'nunit3-console.exe', 'nunit-console', 'nunit-console.exe'], notARunFlags: ['--explore', '--help'] },
  { tool: 'xUnit console', ecosystem: 'dotnet', commands: ['xunit.console', 'xunit.console.exe', 'xunit.console.x86.exe'] }
]

const TASK_RUNNERS: readonly CommandSignature[] = [
  { tool: 'npm test', commands: ['npm', 'yarn', 'pnpm', 'bun'], subcommands: ['test', 't', 'run test', 'run test:ci', 'run test:unit', 'run test:e2e', 'run test:cov', 'test:ci', 'test:unit'], note: 'script not resolved' },
  { tool: 'make test', commands: ['make', 'just', 'task'], subcommands: ['test', 'tests', 'check', 'ci', 'test-unit', 'unit-test'], anyPositional: true, note: 'target not resolved' }
]

const ACTIONS: readonly ActionSignature[] = [
  { tool: 'cypress', ecosystem: 'node', names: ['cypress-io/github-action'] },
  { tool: 'tox', ecosystem: 'python', names: ['fedora-python/tox-github-action'] },
  { tool: 'Gradle', ecosystem: 'java', names: ['gradle/gradle-build-action'], asCommand: { argv: ['gradle'], input: 'arguments', default: null } },
  { tool: 'Maven', ecosystem: 'java', names: ['maven'], asCommand: { argv: ['mvn'], input: 'goals', default: 'package' } },
  { tool: 'Gradle', ecosystem: 'java', names: ['gradle'], asCommand: { argv: ['gradle'], input: 'tasks', default: 'build' } },
  // Azure Pipelines `VSTest@2` runs built test assemblies (the build step compiles them).
  { tool: 'VSTest', ecosystem: 'dotnet', names: ['vstest'] },
  { tool: 'test results', names: ['publishtestresults'], kind: 'related', note: 'publishes results; a step must run the tests' },
  { tool: 'test results', names: ['dorny/test-reporter', 'enricomi/publish-unit-test-result-action', 'enricomi/publish-unit-test-result-action/*', 'mikepenz/action-junit-report'], kind: 'related', note: 'publishes results; a step must run the tests' },
  { tool: 'PHPUnit', ecosystem: 'php', names: ['php-actions/phpunit'] },
  { tool: 'coverage upload', names: ['codecov/codecov-action', 'coverallsapp/github-action'], kind: 'related', note: 'uploads coverage; a step must run the tests' },
  // Rust: actions-rs/cargo and forks run `cargo <command> <args>`; tarpaulin runs the suite for coverage.
  { tool: 'cargo', ecosystem: 'rust', names: ['actions-rs/cargo', 'clechasseur/rs-cargo', 'marcopolo/cargo'], asCommand: { argv: ['cargo'], input: 'command', default: null, then: 'args', only: true } },
  { tool: 'cargo tarpaulin', ecosystem: 'rust', names: ['actions-rs/tarpaulin'] }
]

/** Runner configuration: shows a suite is set up even when CI never runs it. */
const CONFIGS: readonly ConfigSignature[] = [
  { tool: 'pytest', ecosystem: 'python', file: 'pytest.ini' },
  { tool: 'pytest', ecosystem: 'python', file: 'conftest.py' },
  { tool: 'pytest', ecosystem: 'python', file: 'pyproject.toml', contains: '[tool.pytest.ini_options]' },
  { tool: 'pytest', ecosystem: 'python', file: 'setup.cfg', contains: '[tool:pytest]' },
  { tool: 'jest', ecosystem: 'node', file: 'jest.config.*' },
  { tool: 'vitest', ecosystem: 'node', file: 'vitest.config.*' },
  { tool: 'mocha', ecosystem: 'node', file: '.mocharc*' },
  { tool: 'jasmine', ecosystem: 'node', file: 'spec/support/jasmine.json' },
  { tool: 'playwright', ecosystem: 'node', file: 'playwright.config.*' },
  { tool: 'cypress', ecosystem: 'node', file: 'cypress.config.*' },
  { tool: 'rspec', ecosystem: 'ruby', file: '.rspec' },
  { tool: 'PHPUnit', ecosystem: 'php', file: 'phpunit.xml' },
  { tool: 'PHPUnit', ecosystem: 'php', file: 'phpunit.xml.dist' },
  { tool: 'PHPUnit', ecosystem: 'php', file: 'phpunit.dist.xml' },
  { tool: 'Pest', ecosystem: 'php', file: 'tests/Pest.php' },
  { tool: 'Codeception', ecosystem: 'php', file: 'codeception.yml' },
  { tool: 'Behat', ecosystem: 'php', file: 'behat.yml' },
  { tool: 'ExCoveralls', ecosystem: 'elixir', file: 'coveralls.json' },
  { tool: 'nextest', ecosystem: 'rust', file: '.config/nextest.toml' },
  { tool: 'dotnet test', ecosystem: 'dotnet', file: '*.csproj', contains: 'Microsoft.NET.Test.Sdk' },
  { tool: 'dotnet test', ecosystem: 'dotnet', file: '*.fsproj', contains: 'Microsoft.NET.Test.Sdk' },
  { tool: 'dotnet test', ecosystem: 'dotnet', file: '*.runsettings' }
]

export const TESTS: Catalogue = {
  commands: [...PYTHON, ...NODE, ...GO, ...JAVA, ...RUBY, ...PHP, ...ELIXIR, ...RUST, ...DOTNET, ...TASK_RUNNERS],
  actions: ACTIONS,
  configs: CONFIGS,
  purposeWords: ['test', 'tests', 'testing']
}

/**
 * Runners that succeed when there is nothing to test: `go test ./...` over packages without a
 * single `_test.go` file prints `[no test files]` and exits 0 (and so do gotestsum and ginkgo,
 * which drive it). Go test files are found by name alone (the toolchain reads no other), so a
 * repository without one certainly tests nothing, and such a run is no evidence of tests.
 */
export const PASSES_WITH_NO_TESTS: readonly { readonly tools: readonly string[]; readonly ecosystem: Ecosystem; readonly files: string }[] = [
  { tools: ['go test', 'gotestsum', 'ginkgo'], ecosystem: 'go', files: 'Go test files (`*_test.go`)' }
]
