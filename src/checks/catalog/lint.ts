import type { ActionSignature, Catalogue, CommandSignature, ConfigSignature, ImpliedSignature, PackageSignature } from './match.js'
import { DOTNET_BUILD, warnAsErrorBuilds } from './typecheckers.js'
import { MAVEN_COMMANDS } from '../../facts/ci/resolve/jvm.js'

/**
 * Linters and format checks (docs/catalogue.md, "Lint in CI"). A formatter counts only in check mode; a fixer
 * (`black .`, `prettier --write`, `ruff format`) rewrites files on the runner and exits 0 unless
 * a `git diff --exit-code` follows it or pre-commit runs it (pre-commit fails when a hook changes
 * files). Hygiene hooks of pre-commit-hooks (`trailing-whitespace`, `check-yaml`) are not lint and
 * are deliberately absent.
 */

const RUFF_SUBCOMMANDS = ['format', 'rule', 'config', 'linter', 'clean', 'version', 'help', 'server', 'analyze']

const PYTHON: readonly CommandSignature[] = [
  { tool: 'ruff', ecosystem: 'python', commands: ['ruff'], subcommands: ['check'], bareUnless: RUFF_SUBCOMMANDS, nonBlockingFlags: ['--exit-zero'], softFixFlags: ['--fix'] },
  { tool: 'ruff format', ecosystem: 'python', commands: ['ruff'], subcommands: ['format'], checkFlags: ['--check', '--diff', '--exit-non-zero-on-format'] },
  { tool: 'black', ecosystem: 'python', commands: ['black'], checkFlags: ['--check', '--diff'] },
  { tool: 'isort', ecosystem: 'python', commands: ['isort'], checkFlags: ['--check-only', '--check', '-c', '--diff'] },
  { tool: 'flake8', ecosystem: 'python', commands: ['flake8', 'pflake8', 'flake8p'], nonBlockingFlags: ['--exit-zero'] },
  { tool: 'pylint', ecosystem: 'python', commands: ['pylint'], nonBlockingFlags: ['--exit-zero', '--fail-under=0'] },
  { tool: 'hatch fmt', ecosystem: 'python', commands: ['hatch'], subcommands: ['fmt'], checkFlags: ['--check'] },
  { tool: 'pycodestyle', ecosystem: 'python', commands: ['pycodestyle', 'pep8'] },
  { tool: 'pydocstyle', ecosystem: 'python', commands: ['pydocstyle'] },
  { tool: 'autoflake', ecosystem: 'python', commands: ['autoflake'], checkFlags: ['--check', '--check-diff'] },
  { tool: 'pyupgrade', ecosystem: 'python', commands: ['pyupgrade'], nonBlockingFlags: ['--exit-zero-even-if-changed'] },
  { tool: 'djlint', ecosystem: 'python', commands: ['djlint'], checkFlags: ['--check', '--lint'] },
  { tool: 'pyproject-fmt', ecosystem: 'python', commands: ['pyproject-fmt'], checkFlags: ['--check'] },
  { tool: 'blackdoc', ecosystem: 'python', commands: ['blackdoc'], checkFlags: ['--check'] },
  { tool: 'pylama', ecosystem: 'python', commands: ['pylama'] },
  { tool: 'prospector', ecosystem: 'python', commands: ['prospector'] }
]

const NODE: readonly CommandSignature[] = [
  { tool: 'eslint', ecosystem: 'node', commands: ['eslint', 'eslint_d'], softFixFlags: ['--fix'] },
  { tool: 'next lint', ecosystem: 'node', commands: ['next'], subcommands: ['lint'], softFixFlags: ['--fix'] },
  { tool: 'ng lint', ecosystem: 'node', commands: ['ng'], subcommands: ['lint'] },
  { tool: 'vue-cli-service lint', ecosystem: 'node', commands: ['vue-cli-service'], subcommands: ['lint'], nonBlockingFlags: ['--no-fix-warnings'] },
  { tool: 'prettier', ecosystem: 'node', commands: ['prettier'], checkFlags: ['--check', '-c', '--list-different', '-l'] },
  { tool: 'biome', ecosystem: 'node', commands: ['biome'], subcommands: ['ci', 'check', 'lint'], softFixFlags: ['--write', '--fix', '--apply', '--apply-unsafe'] },
  { tool: 'biome format', ecosystem: 'node', commands: ['biome'], subcommands: ['format'], fixFlags: ['--write', '--apply'] },
  // Ultracite runs Biome with preset configs: `ultracite check` (older: `ultracite lint`) only
  // reports; trap: `ultracite fix` / `ultracite format` rewrite files and pass.
  { tool: 'ultracite', ecosystem: 'node', commands: ['ultracite'], subcommands: ['check', 'lint'], softFixFlags: ['--write', '--fix'] },
  { tool: 'oxlint', ecosystem: 'node', commands: ['oxlint'] },
  { tool: 'standard', ecosystem: 'node', commands: ['standard', 'ts-standard'], softFixFlags: ['--fix'] },
  { tool: 'xo', ecosystem: 'node', commands: ['xo'], softFixFlags: ['--fix'] },
  { tool: 'dprint', ecosystem: 'node', commands: ['dprint'], subcommands: ['check'] },
  { tool: 'deno lint', ecosystem: 'node', commands: ['deno'], subcommands: ['lint'] },
  { tool: 'deno fmt', ecosystem: 'node', commands: ['deno'], subcommands: ['fmt'], checkFlags: ['--check'] },
  { tool: 'tslint', ecosystem: 'node', commands: ['tslint'] },
  { tool: 'stylelint', ecosystem: 'node', commands: ['stylelint'], softFixFlags: ['--fix'] },
  { tool: 'nx lint', ecosystem: 'node', commands: ['nx'], subcommands: ['lint'], anyPositional: true },
  { tool: 'nx lint', ecosystem: 'node', commands: ['nx'], requireAnyFlag: ['-t~lint', '--target~lint', '--targets~lint'] },
  { tool: 'turbo lint', ecosystem: 'node', commands: ['turbo'], subcommands: ['lint'], anyPositional: true }
]

const GO: readonly CommandSignature[] = [
  { tool: 'golangci-lint', ecosystem: 'go', commands: ['golangci-lint'], subcommands: ['run'], nonBlockingFlags: ['--issues-exit-code=0'] },
  { tool: 'go vet', ecosystem: 'go', commands: ['go'], subcommands: ['vet'] },
  { tool: 'staticcheck', ecosystem: 'go', commands: ['staticcheck'] },
  { tool: 'revive', ecosystem: 'go', commands: ['revive'] },
  { tool: 'errcheck', ecosystem: 'go', commands: ['errcheck'] },
  { tool: 'gofmt', ecosystem: 'go', commands: ['gofmt', 'goimports', 'gofumpt'], fixFlags: ['-w'], needsCheckedOutput: true },
  { tool: 'buf lint', commands: ['buf'], subcommands: ['lint'] }
]

const JAVA: readonly CommandSignature[] = [
  { tool: 'checkstyle', ecosystem: 'java', commands: MAVEN_COMMANDS, subcommands: ['checkstyle:check'], anyPositional: true },
  { tool: 'spring-javaformat', ecosystem: 'java', commands: MAVEN_COMMANDS, subcommands: ['spring-javaformat:validate'], anyPositional: true },
  { tool: 'spotless', ecosystem: 'java', commands: MAVEN_COMMANDS, subcommands: ['spotless:check'], anyPositional: true },
  { tool: 'pmd', ecosystem: 'java', commands: MAVEN_COMMANDS, subcommands: ['pmd:check', 'pmd:cpd-check'], anyPositional: true },
  { tool: 'spotbugs', ecosystem: 'java', commands: MAVEN_COMMANDS, subcommands: ['spotbugs:check'], anyPositional: true },
  { tool: 'fmt-maven-plugin', ecosystem: 'java', commands: MAVEN_COMMANDS, subcommands: ['fmt:check'], anyPositional: true },
  { tool: 'checkstyle', ecosystem: 'java', commands: ['gradle', 'gradlew'], subcommands: ['checkstylemain', 'checkstyletest'], anyPositional: true },
  { tool: 'spotless', ecosystem: 'java', commands: ['gradle', 'gradlew'], subcommands: ['spotlesscheck'], anyPositional: true },
  { tool: 'spring-javaformat', ecosystem: 'java', commands: ['gradle', 'gradlew'], subcommands: ['checkformat', 'checkformatmain'], anyPositional: true },
  { tool: 'pmd', ecosystem: 'java', commands: ['gradle', 'gradlew'], subcommands: ['pmdmain', 'pmdtest'], anyPositional: true },
  { tool: 'ktlint', ecosystem: 'java', commands: ['gradle', 'gradlew'], subcommands: ['ktlintcheck'], anyPositional: true },
  { tool: 'detekt', ecosystem: 'java', commands: ['gradle', 'gradlew'], subcommands: ['detekt'], anyPositional: true },
  { tool: 'spotbugs', ecosystem: 'java', commands: ['gradle', 'gradlew'], subcommands: ['spotbugsmain'], anyPositional: true },
  // JVM beyond Spring: Error Prone rides on compileJava (the Gradle/Maven resolvers emit it when
  // the plugin or `-Xplugin:ErrorProne` is configured), kotlinter's lintKotlin, ktlint/detekt Maven plugins.
  { tool: 'Error Prone', ecosystem: 'java', commands: ['gradle', 'gradlew', ...MAVEN_COMMANDS], subcommands: ['errorprone'], anyPositional: true },
  { tool: 'ktlint', ecosystem: 'java', commands: ['gradle', 'gradlew'], subcommands: ['lintkotlin'], anyPositional: true },
  { tool: 'ktlint', ecosystem: 'java', commands: MAVEN_COMMANDS, subcommands: ['ktlint:check'], anyPositional: true },
  { tool: 'detekt', ecosystem: 'java', commands: MAVEN_COMMANDS, subcommands: ['detekt:check'], anyPositional: true },
  { tool: 'ktlint', ecosystem: 'java', commands: ['ktlint'], fixFlags: ['-F', '--format'] },
  { tool: 'detekt', ecosystem: 'java', commands: ['detekt', 'detekt-cli'] }
]

const RUBY: readonly CommandSignature[] = [
  { tool: 'rubocop', ecosystem: 'ruby', commands: ['rubocop'], softFixFlags: ['-a', '-A', '--autocorrect', '--autocorrect-all', '--auto-correct', '--auto-correct-all'] },
  { tool: 'standardrb', ecosystem: 'ruby', commands: ['standardrb'], softFixFlags: ['--fix'] },
  { tool: 'erb_lint', ecosystem: 'ruby', commands: ['erb_lint', 'erblint'], softFixFlags: ['-a', '--autocorrect'] },
  { tool: 'herb', ecosystem: 'ruby', commands: ['herb'], subcommands: ['analyze'] },
  { tool: 'haml-lint', ecosystem: 'ruby', commands: ['haml-lint'] },
  { tool: 'reek', ecosystem: 'ruby', commands: ['reek'] }
]

/**
 * PHP. Fixers count only in check mode: PHP-CS-Fixer `fix` needs `--dry-run` (its `check` command
 * is the dry run), Pint `--test` (or `--bail`, or `--repair`, which fixes and still fails), Mago
 * `format` needs `--check`/`--dry-run`, Rector `process` `--dry-run`, ECS without `--fix`.
 * `phpcbf` (PHP_CodeSniffer's fixer) is absent on purpose: it exits non-zero whenever it changed
 * a file, so it is neither a clean check nor a silent fixer. Symfony's `bin/console lint:*`
 * commands check YAML, Twig, XLIFF and the container; `composer validate` and `composer normalize
 * --dry-run` check the manifest. `php -l` is PHP's own syntax check.
 */
const PHP: readonly CommandSignature[] = [
  { tool: 'PHP-CS-Fixer', ecosystem: 'php', commands: ['php-cs-fixer', 'php-cs-fixer.phar'], subcommands: ['fix'], checkFlags: ['--dry-run'] },
  { tool: 'PHP-CS-Fixer', ecosystem: 'php', commands: ['php-cs-fixer', 'php-cs-fixer.phar'], subcommands: ['check'] },
  { tool: 'Pint', ecosystem: 'php', commands: ['pint'], checkFlags: ['--test', '--bail', '--repair'] },
  { tool: 'PHP_CodeSniffer', ecosystem: 'php', commands: ['phpcs', 'phpcs.phar'], nonBlockingFlags: ['--runtime-set=ignore_errors_on_exit'] },
  { tool: 'Mago lint', ecosystem: 'php', commands: ['mago'], subcommands: ['lint'], softFixFlags: ['--fix'] },
  { tool: 'Mago format', ecosystem: 'php', commands: ['mago'], subcommands: ['format', 'fmt'], checkFlags: ['--check', '--dry-run'] },
  { tool: 'ECS', ecosystem: 'php', commands: ['ecs'], subcommands: ['check'], bareUnless: ['list', 'help', 'init', 'check-markdown', 'worker'], fixFlags: ['--fix'] },
  { tool: 'Rector', ecosystem: 'php', commands: ['rector'], subcommands: ['process'], bareUnless: ['list', 'help', 'init', 'setup-ci', 'custom-rule', 'worker', 'list-rules'], checkFlags: ['--dry-run', '-n'] },
  { tool: 'PHPMD', ecosystem: 'php', commands: ['phpmd', 'phpmd.phar'], nonBlockingFlags: ['--ignore-violations-on-exit'] },
  { tool: 'twigcs', ecosystem: 'php', commands: ['twigcs'] },
  { tool: 'twig-cs-fixer', ecosystem: 'php', commands: ['twig-cs-fixer'], subcommands: ['lint'] },
  { tool: 'Symfony lint', ecosystem: 'php', commands: ['console'], subcommands: ['lint:yaml', 'lint:twig', 'lint:xliff', 'lint:container', 'lint:translations'] },
  { tool: 'php -l', ecosystem: 'php', commands: ['php'], requireAnyFlag: ['-l', '--syntax-check'] },
  { tool: 'parallel-lint', ecosystem: 'php', commands: ['parallel-lint'] },
  { tool: 'composer validate', ecosystem: 'php', commands: ['composer'], subcommands: ['validate'], nonBlockingFlags: ['--no-check-publish=never'] },
  { tool: 'composer normalize', ecosystem: 'php', commands: ['composer'], subcommands: ['normalize'], checkFlags: ['--dry-run', '--diff'] },
  { tool: 'composer-require-checker', ecosystem: 'php', commands: ['composer-require-checker'] },
  { tool: 'composer-dependency-analyser', ecosystem: 'php', commands: ['composer-dependency-analyser'] }
]

/**
 * Elixir: every tool is a mix task (`mix credo`, `mix format`), reached through mix aliases and
 * `mix do` chains, which the CI resolver expands. Traps: `mix format` without
 * `--check-formatted` rewrites files and exits 0; `mix credo --mute-exit-status` reports only;
 * `mix credo gen.config`/`explain`/`categories` run no check; `mix deps.unlock --check-unused`
 * is dependency hygiene, not lint, and is left out.
 */
const ELIXIR: readonly CommandSignature[] = [
  { tool: 'credo', ecosystem: 'elixir', commands: ['mix'], subcommands: ['credo gen.config', 'credo gen.check', 'credo explain', 'credo categories', 'credo info', 'credo version', 'credo help'], kind: 'related', note: 'does not run the checks' },
  { tool: 'credo', ecosystem: 'elixir', commands: ['mix'], subcommands: ['credo'], nonBlockingFlags: ['--mute-exit-status'] },
  { tool: 'mix format', ecosystem: 'elixir', commands: ['mix'], subcommands: ['format'], checkFlags: ['--check-formatted'] },
  { tool: 'erlfmt', ecosystem: 'elixir', commands: ['rebar3'], subcommands: ['fmt'], checkFlags: ['--check', '-c'] },
  { tool: 'elvis', ecosystem: 'elixir', commands: ['rebar3'], subcommands: ['lint'] }
]

/**
 * Rust. rustfmt checks only with `--check` (`cargo fmt --all -- --check`); without it, it rewrites
 * files. Clippy fails on errors and deny-level lints (correctness lints are deny by default), so
 * it counts either way; warnings fail it only when they are denied (`-- -D warnings`, also
 * `RUSTFLAGS=-Dwarnings` or `[lints]` levels set to `deny` in Cargo.toml), which the evidence
 * says. `cargo clippy --fix` applies fixes and exits 0. `cross` runs the same subcommands in a
 * container. Manifest checks (cargo-sort, machete, shear, udeps, taplo) lint the Cargo files.
 */
const CLIPPY_DENY_WARNINGS = ['-D=warnings', '-Dwarnings', '--deny=warnings', '-D=clippy::all', '-Dclippy::all']
const RUST: readonly CommandSignature[] = [
  { tool: 'rustfmt', ecosystem: 'rust', commands: ['cargo', 'cross'], subcommands: ['fmt'], checkFlags: ['--check'] },
  { tool: 'rustfmt', ecosystem: 'rust', commands: ['rustfmt'], checkFlags: ['--check'] },
  { tool: 'clippy', ecosystem: 'rust', commands: ['cargo', 'cross'], subcommands: ['clippy'], requireAnyFlag: CLIPPY_DENY_WARNINGS, fixFlags: ['--fix'], note: 'warnings are errors (-D warnings)' },
  {
    tool: 'clippy',
    ecosystem: 'rust',
    commands: ['cargo', 'cross'],
    subcommands: ['clippy'],
    fixFlags: ['--fix'],
    note: 'errors and deny-level lints fail it; warnings only when denied (`-- -D warnings`, RUSTFLAGS=-Dwarnings or `[lints]` levels in Cargo.toml)'
  },
  { tool: 'cargo-sort', ecosystem: 'rust', commands: ['cargo'], subcommands: ['sort'], checkFlags: ['--check', '-c'] },
  { tool: 'cargo-machete', ecosystem: 'rust', commands: ['cargo'], subcommands: ['machete'], fixFlags: ['--fix'] },
  { tool: 'cargo-machete', ecosystem: 'rust', commands: ['cargo-machete'], fixFlags: ['--fix'] },
  { tool: 'cargo-shear', ecosystem: 'rust', commands: ['cargo'], subcommands: ['shear'], fixFlags: ['--fix'] },
  { tool: 'cargo-udeps', ecosystem: 'rust', commands: ['cargo'], subcommands: ['udeps'] },
  { tool: 'taplo', ecosystem: 'rust', commands: ['taplo'], subcommands: ['fmt', 'format'], checkFlags: ['--check'] },
  { tool: 'taplo', ecosystem: 'rust', commands: ['taplo'], subcommands: ['lint', 'check'] },
  { tool: 'cargo xtask lint', ecosystem: 'rust', commands: ['cargo'], subcommands: ['xtask lint', 'xtask clippy', 'xtask fmt-check', 'xtask check-fmt', 'xtask format-check', 'xtask check-format', 'xtask tidy'], note: 'an xtask, judged by its task name' }
]

// .NET: `dotnet format` fixes files unless `--verify-no-changes` (the legacy dotnet-format global
// tool: `--check`); CSharpier likewise (`csharpier check`, older `--check`). `dotnet tool run X`
// and `dotnet X` reach the tool X (see the wrappers). Roslyn analyzers ride on `dotnet build`
// only when warnings are errors (security-rules / dotnet-analyzers: the `implied` rows below).
const DOTNET: readonly CommandSignature[] = [
  { tool: 'dotnet format', ecosystem: 'dotnet', commands: ['dotnet'], subcommands: ['format'], checkFlags: ['--verify-no-changes', '--check'] },
  { tool: 'dotnet-format', ecosystem: 'dotnet', commands: ['dotnet-format'], checkFlags: ['--check', '--verify-no-changes'] },
  { tool: 'CSharpier', ecosystem: 'dotnet', commands: ['csharpier', 'dotnet-csharpier'], subcommands: ['check'] },
  { tool: 'CSharpier', ecosystem: 'dotnet', commands: ['csharpier', 'dotnet-csharpier'], checkFlags: ['--check'] },
  { tool: 'Fantomas', ecosystem: 'dotnet', commands: ['fantomas'], checkFlags: ['--check'] },
  { tool: 'Roslynator', ecosystem: 'dotnet', commands: ['roslynator'], subcommands: ['analyze'] }
]

/** Linters of files around the code (shell, YAML, Markdown, spelling): still lint, reported by name. */
const GENERIC: readonly CommandSignature[] = [
  { tool: 'trunk check', commands: ['trunk'], subcommands: ['check'] },
  { tool: 'shellcheck', commands: ['shellcheck'] },
  { tool: 'hadolint', commands: ['hadolint'] },
  { tool: 'actionlint', commands: ['actionlint'] },
  { tool: 'yamllint', commands: ['yamllint'] },
  { tool: 'markdownlint', commands: ['markdownlint', 'markdownlint-cli2'], softFixFlags: ['--fix'] },
  { tool: 'codespell', commands: ['codespell'], softFixFlags: ['-w', '--write-changes'] },
  { tool: 'typos', commands: ['typos'], fixFlags: ['-w', '--write-changes'] },
  { tool: 'editorconfig-checker', commands: ['editorconfig-checker', 'ec'] }
]

/**
 * Task runners left unresolved (no Makefile target, no readable package.json): weaker, but a step
 * named `lint` that fails the job when the linter does. Runs whose chain was followed further are
 * skipped by the judge, so a resolved `npm run lint` counts through its real command only.
 */
const TASK_RUNNERS: readonly CommandSignature[] = [
  { tool: 'npm run lint', commands: ['npm', 'yarn', 'pnpm', 'bun'], subcommands: ['lint', 'run lint', 'run lint:check', 'run format:check', 'lint:check', 'format:check'], note: 'script not resolved' },
  { tool: 'make lint', commands: ['make', 'just', 'task'], subcommands: ['lint', 'fmt-check', 'format-check', 'check-format'], anyPositional: true, note: 'target not resolved' }
]

const ACTIONS: readonly ActionSignature[] = [
  // Buf's actions lint Protocol Buffers schemas (buf-action lints unless `lint: false`); trap: buf-breaking-action
  // compares schemas with a base for breaking changes, a contract check rather than lint, so it only relates.
  { tool: 'buf lint', names: ['bufbuild/buf-lint-action'] },
  { tool: 'buf lint', names: ['bufbuild/buf-action'], nonBlockingInputs: ['lint=false'] },
  { tool: 'buf breaking', names: ['bufbuild/buf-breaking-action'], kind: 'related', note: 'checks Protocol Buffers schemas for breaking changes, not lint' },
  { tool: 'ruff', ecosystem: 'python', names: ['astral-sh/ruff-action', 'chartboost/ruff-action'], asCommand: { argv: ['ruff'], input: 'args', default: 'check' } },
  { tool: 'black', ecosystem: 'python', names: ['psf/black'], asCommand: { argv: ['black'], input: 'options', default: '--check --diff' } },
  { tool: 'isort', ecosystem: 'python', names: ['isort/isort-action'], asCommand: { argv: ['isort'], input: 'configuration', default: '--check-only --diff' } },
  { tool: 'flake8', ecosystem: 'python', names: ['py-actions/flake8', 'truebrain/actions-flake8', 'suo/flake8-github-action', 'ricardochaves/python-lint'] },
  { tool: 'reviewdog', names: ['reviewdog/action-setup'], kind: 'setup', note: 'installs reviewdog only' },
  {
    tool: 'reviewdog',
    names: ['reviewdog/action-*', 'tsuyoshicho/action-*'],
    blockingInputs: ['fail_on_error=true', 'fail_level=any', 'fail_level=info', 'fail_level=warning', 'fail_level=error', 'fail-on-error=true', 'fail-level=error', 'fail-level=warning', 'fail-level=any']
  },
  { tool: 'lint-action', names: ['wearerequired/lint-action'] },
  { tool: 'super-linter', names: ['super-linter/super-linter', 'super-linter/super-linter/*', 'github/super-linter', 'github/super-linter/*'], nonBlockingInputs: ['disable_errors=true'] },
  { tool: 'MegaLinter', names: ['oxsecurity/megalinter', 'oxsecurity/megalinter/*', 'megalinter/megalinter', 'megalinter/megalinter/*'], nonBlockingInputs: ['disable_errors=true'] },
  { tool: 'trunk', names: ['trunk-io/trunk-action'] },
  { tool: 'golangci-lint', ecosystem: 'go', names: ['golangci/golangci-lint-action'], asCommand: { argv: ['golangci-lint', 'run'], input: 'args', default: '' } },
  { tool: 'staticcheck', ecosystem: 'go', names: ['dominikh/staticcheck-action'] },
  { tool: 'eslint annotations', ecosystem: 'node', names: ['ataylorme/eslint-annotate-action'], nonBlockingInputs: ['fail-on-error=false'] },
  { tool: 'prettier', ecosystem: 'node', names: ['creyd/prettier_action'], asCommand: { argv: ['prettier'], input: 'prettier_options', default: '--write **/*.js' } },
  { tool: 'biome', ecosystem: 'node', names: ['biomejs/setup-biome'], kind: 'setup', note: 'installs Biome only; a step must run `biome ci`' },
  { tool: 'standardrb', ecosystem: 'ruby', names: ['standardrb/standard-ruby-action'] },
  { tool: 'rubocop annotations', ecosystem: 'ruby', names: ['r7kamura/rubocop-problem-matchers-action'], kind: 'setup', note: 'annotations only; a step must run rubocop' },
  { tool: 'google-java-format', ecosystem: 'java', names: ['axel-op/googlejavaformat-action'] },
  // PHP
  { tool: 'PHP-CS-Fixer', ecosystem: 'php', names: ['docker://oskarstark/php-cs-fixer-ga*', 'oskarstark/php-cs-fixer-ga'], asCommand: { argv: ['php-cs-fixer', 'fix'], input: 'args', default: '' } },
  { tool: 'Pint', ecosystem: 'php', names: ['aglipanci/laravel-pint-action'], blockingInputs: ['testmode=true'] },
  { tool: 'PHP_CodeSniffer', ecosystem: 'php', names: ['php-actions/phpcs', 'chekalsky/phpcs-action', 'thenabeel/action-phpcs'] },
  { tool: 'PHPMD', ecosystem: 'php', names: ['php-actions/phpmd'] },
  { tool: 'GitLab Code Quality', names: ['code-quality.gitlab-ci.yml', 'jobs/code-quality.gitlab-ci.yml'] },
  // Rust: actions-rs/cargo (archived, still common) and its forks run `cargo <command> <args>`.
  { tool: 'cargo', ecosystem: 'rust', names: ['actions-rs/cargo', 'clechasseur/rs-cargo', 'marcopolo/cargo'], asCommand: { argv: ['cargo'], input: 'command', default: null, then: 'args', only: true } },
  { tool: 'clippy', ecosystem: 'rust', names: ['actions-rs/clippy-check', 'clechasseur/rs-clippy-check', 'auguwu/clippy-action'], asCommand: { argv: ['cargo', 'clippy'], input: 'args', default: '' } },
  { tool: 'clippy', ecosystem: 'rust', names: ['giraffate/clippy-action'], blockingInputs: ['fail_on_error=true', 'fail_level=any', 'fail_level=info', 'fail_level=warning', 'fail_level=error'] },
  { tool: 'rustfmt', ecosystem: 'rust', names: ['actions-rust-lang/rustfmt'] },
  // Formats the code and commits the result: a fixer, never a check.
  { tool: 'rustfmt (auto-commit)', ecosystem: 'rust', names: ['mbrobbel/rustfmt-check'], kind: 'related', note: 'formats and commits the result; it never fails on unformatted code' },
  // Woodpecker/Drone plugins: images configured by settings (the prettier plugin runs `prettier --check`).
  { tool: 'prettier', ecosystem: 'node', names: ['woodpeckerci/plugin-prettier'] },
  { tool: 'editorconfig-checker', names: ['woodpeckerci/plugin-editorconfig-checker', 'mstruebing/editorconfig-checker'] }
]

const CONFIGS: readonly ConfigSignature[] = [
  { tool: 'ruff', ecosystem: 'python', file: 'ruff.toml' },
  { tool: 'ruff', ecosystem: 'python', file: '.ruff.toml' },
  { tool: 'ruff', ecosystem: 'python', file: 'pyproject.toml', contains: '[tool.ruff' },
  { tool: 'black', ecosystem: 'python', file: 'pyproject.toml', contains: '[tool.black]' },
  { tool: 'isort', ecosystem: 'python', file: '.isort.cfg' },
  { tool: 'flake8', ecosystem: 'python', file: '.flake8' },
  { tool: 'flake8', ecosystem: 'python', file: 'setup.cfg', contains: '[flake8]' },
  { tool: 'flake8', ecosystem: 'python', file: 'tox.ini', contains: '[flake8]' },
  { tool: 'pylint', ecosystem: 'python', file: '.pylintrc' },
  { tool: 'pylint', ecosystem: 'python', file: 'pylintrc' },
  { tool: 'eslint', ecosystem: 'node', file: '.eslintrc*' },
  { tool: 'eslint', ecosystem: 'node', file: 'eslint.config.*' },
  { tool: 'prettier', ecosystem: 'node', file: '.prettierrc*' },
  { tool: 'prettier', ecosystem: 'node', file: 'prettier.config.*' },
  { tool: 'biome', ecosystem: 'node', file: 'biome.json' },
  { tool: 'biome', ecosystem: 'node', file: 'biome.jsonc' },
  { tool: 'oxlint', ecosystem: 'node', file: '.oxlintrc.json' },
  { tool: 'golangci-lint', ecosystem: 'go', file: '.golangci.*' },
  { tool: 'dotnet format', ecosystem: 'dotnet', file: '.editorconfig', contains: 'dotnet_diagnostic.' },
  { tool: 'CSharpier', ecosystem: 'dotnet', file: '.csharpierrc*' },
  { tool: 'revive', ecosystem: 'go', file: 'revive.toml' },
  { tool: 'checkstyle', ecosystem: 'java', file: 'checkstyle.xml' },
  { tool: 'detekt', ecosystem: 'java', file: 'detekt.yml' },
  { tool: 'detekt', ecosystem: 'java', file: 'detekt-config.yml' },
  { tool: 'ktlint', ecosystem: 'java', file: '.editorconfig', contains: 'ktlint_' },
  { tool: 'spotless', ecosystem: 'java', file: 'build.gradle', contains: 'com.diffplug.spotless' },
  { tool: 'spotless', ecosystem: 'java', file: 'build.gradle.kts', contains: 'com.diffplug.spotless' },
  { tool: 'spotless', ecosystem: 'java', file: 'pom.xml', contains: 'spotless-maven-plugin' },
  { tool: 'ktlint', ecosystem: 'java', file: 'build.gradle.kts', contains: 'org.jlleitschuh.gradle.ktlint' },
  { tool: 'detekt', ecosystem: 'java', file: 'build.gradle.kts', contains: 'io.gitlab.arturbosch.detekt' },
  { tool: 'rubocop', ecosystem: 'ruby', file: '.rubocop.yml' },
  { tool: 'standardrb', ecosystem: 'ruby', file: '.standard.yml' },
  { tool: 'rustfmt', ecosystem: 'rust', file: 'rustfmt.toml' },
  { tool: 'rustfmt', ecosystem: 'rust', file: '.rustfmt.toml' },
  { tool: 'clippy', ecosystem: 'rust', file: 'clippy.toml' },
  { tool: 'clippy', ecosystem: 'rust', file: '.clippy.toml' },
  { tool: 'clippy', ecosystem: 'rust', file: 'Cargo.toml', contains: '[lints' },
  { tool: 'clippy', ecosystem: 'rust', file: 'Cargo.toml', contains: '[workspace.lints' },
  { tool: 'taplo', ecosystem: 'rust', file: 'taplo.toml' },
  { tool: 'taplo', ecosystem: 'rust', file: '.taplo.toml' },
  { tool: 'PHP-CS-Fixer', ecosystem: 'php', file: '.php-cs-fixer.php' },
  { tool: 'PHP-CS-Fixer', ecosystem: 'php', file: '.php-cs-fixer.dist.php' },
  { tool: 'PHP-CS-Fixer', ecosystem: 'php', file: '.php_cs.dist' },
  { tool: 'Pint', ecosystem: 'php', file: 'pint.json' },
  { tool: 'PHP_CodeSniffer', ecosystem: 'php', file: 'phpcs.xml' },
  { tool: 'PHP_CodeSniffer', ecosystem: 'php', file: 'phpcs.xml.dist' },
  { tool: 'PHP_CodeSniffer', ecosystem: 'php', file: '.phpcs.xml.dist' },
  { tool: 'Mago', ecosystem: 'php', file: 'mago.toml' },
  { tool: 'ECS', ecosystem: 'php', file: 'ecs.php' },
  // Elixir: `.formatter.exs` is generated with every project; only a run in CI counts.
  { tool: 'credo', ecosystem: 'elixir', file: '.credo.exs' },
  { tool: 'mix format', ecosystem: 'elixir', file: '.formatter.exs' },
  { tool: 'MegaLinter', file: '.mega-linter.yml' },
  { tool: 'trunk', file: '.trunk/trunk.yaml' },
  { tool: 'pre-commit', file: '.pre-commit-config.yaml' },
  { tool: 'lint-staged', file: '.lintstagedrc*' },
  { tool: 'husky', file: '.husky/' },
  { tool: 'lefthook', file: 'lefthook.yml' }
]

/** Style analyzers that fail the .NET build when warnings are errors (facts: dotnet-analyzers.ts). */
const IMPLIED: readonly ImpliedSignature[] = [
  { tool: 'Roslyn analyzers (dotnet build)', rules: 'roslyn-style', commands: DOTNET_BUILD, actions: [] },
  { tool: 'Roslyn analyzers (dotnet build -warnaserror)', rules: 'roslyn-style-cli', commands: warnAsErrorBuilds(), actions: [] }
]

/** Linters installed as dependencies: "configured", evidence for a fail when no CI job runs them. */
const PACKAGES: readonly PackageSignature[] = [
  { tool: 'ruff', ecosystem: 'python', names: ['ruff'] },
  { tool: 'flake8', ecosystem: 'python', names: ['flake8'] },
  { tool: 'pylint', ecosystem: 'python', names: ['pylint'] },
  { tool: 'black', ecosystem: 'python', names: ['black'] },
  { tool: 'eslint', ecosystem: 'node', names: ['eslint'] },
  { tool: 'biome', ecosystem: 'node', names: ['@biomejs/biome'] },
  { tool: 'ultracite', ecosystem: 'node', names: ['ultracite'] },
  { tool: 'oxlint', ecosystem: 'node', names: ['oxlint'] },
  { tool: 'prettier', ecosystem: 'node', names: ['prettier'] },
  { tool: 'rubocop', ecosystem: 'ruby', names: ['rubocop', 'rubocop-rails-omakase', 'standard'] }
]

export const LINT: Catalogue = {
  commands: [...PYTHON, ...NODE, ...GO, ...JAVA, ...RUBY, ...PHP, ...ELIXIR, ...RUST, ...DOTNET, ...GENERIC, ...TASK_RUNNERS],
  actions: ACTIONS,
  configs: CONFIGS,
  implied: IMPLIED,
  packages: PACKAGES,
  purposeWords: ['lint', 'linter', 'linters', 'linting']
}
