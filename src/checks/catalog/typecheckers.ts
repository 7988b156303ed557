import type { ActionSignature, Catalogue, CommandSignature, ConfigSignature } from './match.js'

/**
 * Type checkers (docs/catalogue.md, "Type checking"). For compiled languages the compiler is the type checker:
 * `go build`/`go vet`/`go test` and a Maven/Gradle build that compiles Java count (calibrated on
 * spring-petclinic, whose `./mvnw -B verify` is its type check). Bundlers that strip types without
 * checking them (esbuild, swc, tsup, tsx) are deliberately absent.
 */

const PYTHON: readonly CommandSignature[] = [
  { tool: 'mypy', ecosystem: 'python', commands: ['mypy'], notARunFlags: ['--version', '--help', '-V'] },
  { tool: 'mypy', ecosystem: 'python', commands: ['dmypy'], subcommands: ['run', 'check'] },
  { tool: 'pyright', ecosystem: 'python', commands: ['pyright', 'basedpyright'], notARunFlags: ['--version', '--help'] },
  { tool: 'pytype', ecosystem: 'python', commands: ['pytype'] },
  { tool: 'pyre', ecosystem: 'python', commands: ['pyre'], subcommands: ['check'] },
  { tool: 'ty', ecosystem: 'python', commands: ['ty'], subcommands: ['check'] },
  { tool: 'pyrefly', ecosystem: 'python', commands: ['pyrefly'], subcommands: ['check'] }
]

const NODE: readonly CommandSignature[] = [
  { tool: 'tsc', ecosystem: 'node', commands: ['tsc', 'tsgo'], notARunFlags: ['--version', '-v', '--init', '--showConfig', '--help', '-h', '--listFilesOnly'] },
  { tool: 'vue-tsc', ecosystem: 'node', commands: ['vue-tsc'] },
  // Flow: bare `flow` is `flow status`, which reports type errors; init/stop/version/ls check nothing.
  { tool: 'flow', ecosystem: 'node', commands: ['flow'], subcommands: ['check', 'status', 'focus-check'], bareUnless: ['init', 'stop', 'start', 'version', 'ls', 'server', 'coverage', 'config'] },
  { tool: 'svelte-check', ecosystem: 'node', commands: ['svelte-check'] },
  { tool: 'astro check', ecosystem: 'node', commands: ['astro'], subcommands: ['check'] },
  { tool: 'deno check', ecosystem: 'node', commands: ['deno'], subcommands: ['check'] },
  { tool: 'next build', ecosystem: 'node', commands: ['next'], subcommands: ['build'], note: 'type-checks unless ignoreBuildErrors' },
  { tool: 'nest build', ecosystem: 'node', commands: ['nest'], subcommands: ['build'], note: 'tsc unless the swc builder is set without typeCheck' },
  { tool: 'ng build', ecosystem: 'node', commands: ['ng'], subcommands: ['build'] }
]

const GO: readonly CommandSignature[] = [
  { tool: 'go compiler', ecosystem: 'go', commands: ['go'], subcommands: ['build', 'vet', 'test', 'install'] },
  { tool: 'golangci-lint', ecosystem: 'go', commands: ['golangci-lint'], subcommands: ['run'], note: 'loads and type-checks the packages' },
  { tool: 'staticcheck', ecosystem: 'go', commands: ['staticcheck'] }
]

const JAVA: readonly CommandSignature[] = [
  {
    tool: 'Java compiler (Maven)',
    ecosystem: 'java',
    commands: ['mvn', 'mvnw'],
    subcommands: ['compile', 'test-compile', 'test', 'verify', 'package', 'install', 'deploy', 'compiler:compile', 'compiler:testcompile'],
    anyPositional: true
  },
  {
    tool: 'Java compiler (Gradle)',
    ecosystem: 'java',
    commands: ['gradle', 'gradlew'],
    subcommands: ['build', 'check', 'test', 'assemble', 'classes', 'compilejava', 'compilekotlin', 'compiletestjava', 'testclasses'],
    anyPositional: true
  },
  { tool: 'javac', ecosystem: 'java', commands: ['javac', 'kotlinc'] }
]

const RUBY: readonly CommandSignature[] = [
  { tool: 'sorbet', ecosystem: 'ruby', commands: ['srb'], subcommands: ['tc'] },
  { tool: 'steep', ecosystem: 'ruby', commands: ['steep'], subcommands: ['check'] }
]

/**
 * PHP has no compiler to lean on: its type checkers are the static analysers PHPStan (Larastan is
 * PHPStan with Laravel extensions), Psalm, Phan and Mago's analyzer. Writing a baseline
 * (`--generate-baseline`, `--set-baseline`) reports nothing, and Psalter (`--alter`) rewrites code.
 */
const PHP: readonly CommandSignature[] = [
  { tool: 'PHPStan', ecosystem: 'php', commands: ['phpstan', 'phpstan.phar'], subcommands: ['analyse', 'analyze'], notARunFlags: ['--generate-baseline', '-b', '--version', '--help'] },
  { tool: 'Larastan', ecosystem: 'php', commands: ['artisan'], subcommands: ['code:analyse', 'code:analyze'] },
  { tool: 'Psalm', ecosystem: 'php', commands: ['psalm', 'psalm.phar'], notARunFlags: ['--init', '--version', '--help', '--alter', '--set-baseline', '--language-server'] },
  { tool: 'Phan', ecosystem: 'php', commands: ['phan', 'phan.phar'], notARunFlags: ['--init', '--version', '--help'] },
  { tool: 'Mago analyzer', ecosystem: 'php', commands: ['mago'], subcommands: ['analyze', 'analyse'] }
]

/**
 * Elixir is dynamically typed; what type-checks it in CI is the compiler's type checker with its
 * warnings made fatal (`mix compile --warnings-as-errors`, or `elixirc_options:
 * [warnings_as_errors: true]` in mix.exs, which the CI resolver turns into that command after each
 * compiling task), Dialyzer through dialyxir, or Gradient. Traps: a plain `mix compile` only
 * warns; `mix dialyzer --plt` and `mix dialyzer.build` build the PLT and check nothing;
 * `--ignore-exit-status` cannot fail.
 */
const ELIXIR: readonly CommandSignature[] = [
  { tool: 'Elixir compiler (warnings as errors)', ecosystem: 'elixir', commands: ['mix'], subcommands: ['compile'], requireAnyFlag: ['--warnings-as-errors'], note: 'the compiler type-checks; its warnings fail the build' },
  { tool: 'Dialyzer', ecosystem: 'elixir', commands: ['mix'], subcommands: ['dialyzer'], nonBlockingFlags: ['--ignore-exit-status'], notARunFlags: ['--plt', '--help'] },
  { tool: 'Dialyzer', ecosystem: 'elixir', commands: ['rebar3'], subcommands: ['dialyzer'] },
  { tool: 'Gradient', ecosystem: 'elixir', commands: ['mix'], subcommands: ['gradient'] }
]

const TASK_RUNNERS: readonly CommandSignature[] = [
  {
    tool: 'npm run typecheck',
    commands: ['npm', 'yarn', 'pnpm', 'bun'],
    subcommands: ['typecheck', 'type-check', 'check-types', 'tsc', 'run typecheck', 'run type-check', 'run check-types', 'run tsc', 'run types'],
    note: 'script not resolved'
  },
  { tool: 'make typecheck', commands: ['make', 'just', 'task'], subcommands: ['typecheck', 'type-check', 'mypy', 'types'], anyPositional: true, note: 'target not resolved' }
]

const ACTIONS: readonly ActionSignature[] = [
  { tool: 'pyright', ecosystem: 'python', names: ['jakebailey/pyright-action'] },
  { tool: 'mypy', ecosystem: 'python', names: ['tsuyoshicho/action-mypy'], blockingInputs: ['fail_on_error=true', 'fail_level=any', 'fail_level=info', 'fail_level=warning', 'fail_level=error'] },
  { tool: 'Maven', ecosystem: 'java', names: ['maven'], asCommand: { argv: ['mvn'], input: 'goals', default: 'package' } },
  { tool: 'Gradle', ecosystem: 'java', names: ['gradle'], asCommand: { argv: ['gradle'], input: 'tasks', default: 'build' } },
  { tool: 'Gradle', ecosystem: 'java', names: ['gradle/gradle-build-action'], asCommand: { argv: ['gradle'], input: 'arguments', default: null } },
  { tool: 'PHPStan', ecosystem: 'php', names: ['php-actions/phpstan'] },
  { tool: 'PHPStan', ecosystem: 'php', names: ['docker://oskarstark/phpstan-ga*'], asCommand: { argv: ['phpstan'], input: 'args', default: 'analyse' } },
  { tool: 'Psalm', ecosystem: 'php', names: ['docker://ghcr.io/psalm/psalm-github-actions*', 'docker://vimeo/psalm-github-actions*', 'psalm/psalm-github-actions', 'docker://ghcr.io/psalm/psalm-action*'] }
]

/**
 * Configuration that shows typing is set up. A compiled language's build file counts: the
 * compiler type-checks whenever the code is built, so it is "configured" even with no CI.
 */
const CONFIGS: readonly ConfigSignature[] = [
  { tool: 'mypy', ecosystem: 'python', file: 'mypy.ini' },
  { tool: 'mypy', ecosystem: 'python', file: '.mypy.ini' },
  { tool: 'mypy', ecosystem: 'python', file: 'pyproject.toml', contains: '[tool.mypy]' },
  { tool: 'mypy', ecosystem: 'python', file: 'setup.cfg', contains: '[mypy]' },
  { tool: 'pyright', ecosystem: 'python', file: 'pyrightconfig.json' },
  { tool: 'pyright', ecosystem: 'python', file: 'pyproject.toml', contains: '[tool.pyright]' },
  { tool: 'basedpyright', ecosystem: 'python', file: 'pyproject.toml', contains: '[tool.basedpyright]' },
  { tool: 'ty', ecosystem: 'python', file: 'ty.toml' },
  { tool: 'ty', ecosystem: 'python', file: 'pyproject.toml', contains: '[tool.ty]' },
  { tool: 'pytype', ecosystem: 'python', file: 'pyproject.toml', contains: '[tool.pytype]' },
  { tool: 'pyre', ecosystem: 'python', file: '.pyre_configuration' },
  { tool: 'TypeScript', ecosystem: 'node', file: 'tsconfig.json' },
  { tool: 'flow', ecosystem: 'node', file: '.flowconfig' },
  { tool: 'typecheck script', ecosystem: 'node', file: 'package.json', contains: '"typecheck"' },
  { tool: 'typecheck script', ecosystem: 'node', file: 'package.json', contains: '"type-check"' },
  { tool: 'Go compiler', ecosystem: 'go', file: 'go.mod' },
  { tool: 'Java compiler', ecosystem: 'java', file: 'pom.xml' },
  { tool: 'Java compiler', ecosystem: 'java', file: 'build.gradle' },
  { tool: 'Java compiler', ecosystem: 'java', file: 'build.gradle.kts' },
  { tool: 'sorbet', ecosystem: 'ruby', file: 'sorbet/config' },
  { tool: 'steep', ecosystem: 'ruby', file: 'Steepfile' },
  { tool: 'PHPStan', ecosystem: 'php', file: 'phpstan.neon' },
  { tool: 'PHPStan', ecosystem: 'php', file: 'phpstan.neon.dist' },
  { tool: 'PHPStan', ecosystem: 'php', file: 'phpstan.dist.neon' },
  { tool: 'Psalm', ecosystem: 'php', file: 'psalm.xml' },
  { tool: 'Psalm', ecosystem: 'php', file: 'psalm.xml.dist' },
  { tool: 'Phan', ecosystem: 'php', file: '.phan/config.php' },
  { tool: 'Dialyzer', ecosystem: 'elixir', file: 'mix.exs', contains: ':dialyxir' },
  { tool: 'Dialyzer', ecosystem: 'elixir', file: '.dialyzer_ignore.exs' },
  { tool: 'Elixir compiler (warnings as errors)', ecosystem: 'elixir', file: 'mix.exs', contains: 'warnings_as_errors: true' }
]

export const TYPECHECKERS: Catalogue = {
  commands: [...PYTHON, ...NODE, ...GO, ...JAVA, ...RUBY, ...PHP, ...ELIXIR, ...TASK_RUNNERS],
  actions: ACTIONS,
  configs: CONFIGS
}
