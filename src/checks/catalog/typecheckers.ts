import type { ActionSignature, Catalogue, CommandSignature, ConfigSignature, PackageSignature } from './match.js'
import { MAVEN_COMMANDS } from '../../facts/ci/resolve/jvm.js'

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
  { tool: 'tsc', ecosystem: 'node', commands: ['tsc', 'tsgo'], requireAnyFlag: ['--noEmit'], notARunFlags: ['--version', '-v', '--init', '--showConfig', '--help', '-h', '--listFilesOnly'] },
  // A tsc build (`tsc -p tsconfig.build.json`) type-checks before it emits: errors fail it unless noEmitOnError is off and the exit code ignored.
  { tool: 'tsc', ecosystem: 'node', commands: ['tsc', 'tsgo'], notARunFlags: ['--version', '-v', '--init', '--showConfig', '--help', '-h', '--listFilesOnly'], note: 'a tsc build type-checks before it emits' },
  { tool: 'vue-tsc', ecosystem: 'node', commands: ['vue-tsc'], note: 'type-checks .vue and .ts files' },
  // Flow: bare `flow` is `flow status`, which reports type errors; init/stop/version/ls check nothing.
  { tool: 'flow', ecosystem: 'node', commands: ['flow'], subcommands: ['check', 'status', 'focus-check'], bareUnless: ['init', 'stop', 'start', 'version', 'ls', 'server', 'coverage', 'config'] },
  { tool: 'svelte-check', ecosystem: 'node', commands: ['svelte-check'] },
  { tool: 'astro check', ecosystem: 'node', commands: ['astro'], subcommands: ['check'] },
  { tool: 'deno check', ecosystem: 'node', commands: ['deno'], subcommands: ['check'] },
  // Trap: `typescript.ignoreBuildErrors: true` in next.config, or Nest's swc builder without `typeCheck`, switches the check off (facts: typeCheckSkips).
  { tool: 'next build', ecosystem: 'node', commands: ['next'], subcommands: ['build'], note: 'next build type-checks; ignoreBuildErrors is not set' },
  { tool: 'nest build', ecosystem: 'node', commands: ['nest'], subcommands: ['build'], note: "nest build type-checks with Nest's tsc builder" },
  { tool: 'ng build', ecosystem: 'node', commands: ['ng'], subcommands: ['build'] }
]

const GO: readonly CommandSignature[] = [
  // Trap: `go install golang.org/x/tools/cmd/goimports@latest` compiles a tool from elsewhere, not this repository.
  { tool: 'go compiler', ecosystem: 'go', commands: ['go'], subcommands: ['build', 'vet', 'test', 'install'], notARunArgs: /@/, note: 'compiling Go is its type check' },
  { tool: 'golangci-lint', ecosystem: 'go', commands: ['golangci-lint'], subcommands: ['run'], note: 'loads and type-checks the packages' },
  { tool: 'staticcheck', ecosystem: 'go', commands: ['staticcheck'] }
]

const JAVA: readonly CommandSignature[] = [
  {
    tool: 'Java compiler (Maven)',
    ecosystem: 'java',
    commands: MAVEN_COMMANDS,
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

/**
 * Rust: every cargo subcommand that compiles type-checks (check, build, clippy, test even with
 * `--no-run`, nextest, run, bench, coverage runners; `cross` likewise). `cargo run -p xtask` only
 * builds the repository's task runner, and `cargo doc` documents without checking bodies: neither
 * counts.
 */
const RUST: readonly CommandSignature[] = [
  {
    tool: 'Rust compiler (cargo)',
    ecosystem: 'rust',
    commands: ['cargo', 'cross'],
    subcommands: ['check', 'build', 'clippy', 'test', 'nextest run', 'bench', 'llvm-cov', 'tarpaulin', 'miri', 'zigbuild', 'auditable build', 'component build', 'leptos build'],
    notARunFlags: ['--help', '-h', '--version', '-V']
  },
  { tool: 'Rust compiler (cargo)', ecosystem: 'rust', commands: ['cargo', 'cross'], subcommands: ['run'], notARunFlags: ['--package=xtask', '-p=xtask', '--help', '-h'] },
  { tool: 'Rust compiler', ecosystem: 'rust', commands: ['rustc'], notARunFlags: ['--version', '-V', '--help', '-h', '--print'] },
  { tool: 'Rust compiler (maturin)', ecosystem: 'rust', commands: ['maturin'], subcommands: ['build', 'develop'] },
  { tool: 'Rust compiler (wasm-pack)', ecosystem: 'rust', commands: ['wasm-pack'], subcommands: ['build', 'test'] }
]

/**
 * .NET: the C#/F#/VB compiler runs in every build, and `dotnet test`, `publish` and `pack` build
 * first. Traps: `--no-build` reuses an earlier build (that build step is the type check); `dotnet
 * run` compiles one program to run it, not the code under review, so it is left out; `dotnet
 * format` does not need the code to compile.
 */
export const DOTNET_BUILD: readonly CommandSignature[] = [
  { tool: '.NET compiler', ecosystem: 'dotnet', commands: ['dotnet'], subcommands: ['build', 'test', 'publish', 'pack', 'msbuild'], notARunFlags: ['--no-build', '-p:NoBuild=true', '/p:NoBuild=true', '--list-tests', '-t'] },
  { tool: '.NET compiler', ecosystem: 'dotnet', commands: ['msbuild', 'msbuild.exe', 'xbuild'] },
  { tool: '.NET compiler', ecosystem: 'dotnet', commands: ['csc', 'csc.exe', 'fsc', 'vbc'] }
]

/** The same builds, counted only when the command line makes warnings errors (analyzers reported as warnings otherwise). */
export function warnAsErrorBuilds(): CommandSignature[] {
  return DOTNET_BUILD.map((c) => ({ ...c, requireAnyFlag: ['-warnaserror', '/warnaserror', '--warnaserror', '-p:TreatWarningsAsErrors=true', '/p:TreatWarningsAsErrors=true', '-property:TreatWarningsAsErrors=true'] }))
}

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
  // golangci-lint loads type-checked packages before any linter runs: a compile error fails the action.
  { tool: 'golangci-lint', ecosystem: 'go', names: ['golangci/golangci-lint-action'], asCommand: { argv: ['golangci-lint', 'run'], input: 'args', default: '' } },
  { tool: 'staticcheck', ecosystem: 'go', names: ['dominikh/staticcheck-action'] },
  { tool: 'PHPStan', ecosystem: 'php', names: ['php-actions/phpstan'] },
  { tool: 'PHPStan', ecosystem: 'php', names: ['docker://oskarstark/phpstan-ga*'], asCommand: { argv: ['phpstan'], input: 'args', default: 'analyse' } },
  { tool: 'Psalm', ecosystem: 'php', names: ['docker://ghcr.io/psalm/psalm-github-actions*', 'docker://vimeo/psalm-github-actions*', 'psalm/psalm-github-actions', 'docker://ghcr.io/psalm/psalm-action*'] },
  // Rust: actions-rs/cargo and forks run `cargo <command> <args>`; the clippy actions compile too.
  { tool: 'Rust compiler (cargo)', ecosystem: 'rust', names: ['actions-rs/cargo', 'clechasseur/rs-cargo', 'marcopolo/cargo'], asCommand: { argv: ['cargo'], input: 'command', default: null, then: 'args', only: true } },
  { tool: 'Rust compiler (clippy)', ecosystem: 'rust', names: ['actions-rs/clippy-check', 'clechasseur/rs-clippy-check', 'auguwu/clippy-action', 'giraffate/clippy-action'] }
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
  { tool: 'Rust compiler', ecosystem: 'rust', file: 'Cargo.toml' },
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
  { tool: 'Elixir compiler (warnings as errors)', ecosystem: 'elixir', file: 'mix.exs', contains: 'warnings_as_errors: true' },
  { tool: '.NET compiler', ecosystem: 'dotnet', file: '*.csproj' },
  { tool: '.NET compiler', ecosystem: 'dotnet', file: '*.fsproj' },
  { tool: '.NET compiler', ecosystem: 'dotnet', file: '*.vbproj' }
]

/**
 * Type checkers installed as dependencies. Not `typescript`: every TypeScript code base installs it
 * to compile, and `tsconfig.json` already says it is set up; not `@types/*` stubs either.
 */
const PACKAGES: readonly PackageSignature[] = [
  { tool: 'mypy', ecosystem: 'python', names: ['mypy'] },
  { tool: 'pyright', ecosystem: 'python', names: ['pyright', 'basedpyright'] },
  { tool: 'pytype', ecosystem: 'python', names: ['pytype'] },
  { tool: 'pyre', ecosystem: 'python', names: ['pyre-check'] },
  { tool: 'ty', ecosystem: 'python', names: ['ty'] },
  { tool: 'vue-tsc', ecosystem: 'node', names: ['vue-tsc'] },
  { tool: 'flow', ecosystem: 'node', names: ['flow-bin'] },
  { tool: 'sorbet', ecosystem: 'ruby', names: ['sorbet', 'sorbet-static', 'sorbet-static-and-runtime'] },
  { tool: 'steep', ecosystem: 'ruby', names: ['steep'] }
]

export const TYPECHECKERS: Catalogue = {
  commands: [...PYTHON, ...NODE, ...GO, ...JAVA, ...RUBY, ...PHP, ...ELIXIR, ...RUST, ...DOTNET_BUILD, ...TASK_RUNNERS],
  actions: ACTIONS,
  configs: CONFIGS,
  packages: PACKAGES,
  purposeWords: ['typecheck', 'typechecks', 'typechecking']
}
