import ciLint from '../../src/checks/ci-lint.js'
import { checkTester } from '../helpers/check-tester.js'
import { action, run } from '../helpers/facts.js'

const PY = { 'pyproject.toml': '[project]\nname = "svc"\n', 'app/main.py': 'app = 1\n' }
const CI = '.github/workflows/ci.yml'

checkTester(ciLint, {
  pass: [
    { name: 'php-cs-fixer fix --dry-run | cs2pr (kimai)', facts: { ci: { runs: [run('vendor/bin/php-cs-fixer fix --dry-run --format=checkstyle')] } }, messageId: 'pr', data: { tools: 'PHP-CS-Fixer' } },
    { name: 'composer cs → mago format --check (koel)', facts: { files: { 'composer.json': '{"scripts": {"cs": "mago format --check", "lint": "mago lint"}}', '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: composer cs\n      - run: composer lint\n' } }, messageId: 'pr', data: { tools: 'Mago format, Mago lint' } },
    { name: 'pint --test', facts: { ci: { runs: [run('./vendor/bin/pint --test')] } }, messageId: 'pr', data: { tools: 'Pint' } },
    { name: 'phpcs', facts: { ci: { runs: [run('vendor/bin/phpcs --standard=PSR12 src')] } }, messageId: 'pr', data: { tools: 'PHP_CodeSniffer' } },
    { name: 'bin/console lint:yaml (Symfony)', facts: { ci: { runs: [run('php bin/console lint:yaml config', { argv: ['console', 'lint:yaml', 'config'] })] } }, messageId: 'pr', data: { tools: 'Symfony lint' } },
    { name: 'composer normalize --dry-run', facts: { ci: { runs: [run('composer normalize --dry-run')] } }, messageId: 'pr', data: { tools: 'composer normalize' } },
    {
      name: 'ruff check on pull_request',
      facts: { files: PY, ci: { runs: [run('ruff check .', { line: 14 })] } },
      messageId: 'pr',
      data: { tools: 'ruff' },
      evidence: [{ path: CI, line: 14, message: 'ruff check .' }],
      evidenceCount: 1
    },
    {
      name: 'through make lint, evidence shows the whole chain',
      facts: {
        ci: {
          runs: [run('ruff check .', { chain: [{ path: CI, line: 14, text: 'make lint' }, { path: 'Makefile', line: 3, text: 'ruff check .' }] })]
        }
      },
      messageId: 'pr',
      evidence: [{ path: CI, line: 14, message: 'make lint → Makefile:3 ruff check .' }]
    },
    { name: 'legacy bare ruff .', facts: { ci: { runs: [run('ruff .')] } }, messageId: 'pr', data: { tools: 'ruff' } },
    { name: 'ruff format --check', facts: { ci: { runs: [run('ruff format --check src')] } }, messageId: 'pr', data: { tools: 'ruff format' } },
    { name: 'ruff format run by pre-commit fails on change', facts: { ci: { runs: [run('ruff format', { failsOnChange: true })] } }, messageId: 'pr' },
    { name: 'black followed by git diff --exit-code', facts: { ci: { runs: [run('black .', { followedByDiffCheck: true })] } }, messageId: 'pr', data: { tools: 'black' } },
    { name: 'isort -c', facts: { ci: { runs: [run('isort -c .')] } }, messageId: 'pr' },
    { name: 'prettier --list-different', facts: { ci: { runs: [run('npx prettier --list-different src')] } }, messageId: 'pr', data: { tools: 'prettier' } },
    {
      name: 'eslint --fix still counts, marked as fix mode',
      facts: { ci: { runs: [run('eslint "{src,test}/**/*.ts" --fix', { line: 22 })] } },
      messageId: 'pr',
      evidence: [{ line: 22, message: '--fix: fails only on what it cannot fix' }]
    },
    { name: 'gofmt -l inside test -z', facts: { ci: { runs: [run('gofmt -l .', { checkedOutput: true })] } }, messageId: 'pr', data: { tools: 'gofmt' } },
    { name: 'biome ci', facts: { ci: { runs: [run('biome ci .')] } }, messageId: 'pr', data: { tools: 'biome' } },
    {
      name: 'spring-petclinic: checkstyle bound to validate, run by mvn verify',
      facts: {
        ci: {
          runs: [
            run('./mvnw -B verify', {
              argv: ['mvn', 'checkstyle:check'],
              chain: [{ path: '.github/workflows/maven-build.yml', line: 29, text: './mvnw -B verify' }, { path: 'pom.xml', line: 198, text: 'maven-checkstyle-plugin check (validate)' }]
            })
          ]
        }
      },
      messageId: 'pr',
      data: { tools: 'checkstyle' },
      evidence: [{ path: '.github/workflows/maven-build.yml', line: 29 }]
    },
    { name: 'gradle spotlessCheck', facts: { ci: { runs: [run('./gradlew spotlessCheck', { argv: ['gradle', 'spotlessCheck'] })] } }, messageId: 'pr', data: { tools: 'spotless' } },
    { name: 'rubocop through bundle exec', facts: { ci: { runs: [run('bundle exec rubocop -f github')] } }, messageId: 'pr', data: { tools: 'rubocop' } },
    { name: 'ruff-action default args', facts: { ci: { actions: [action('astral-sh/ruff-action', { line: 20 })] } }, messageId: 'pr', evidence: [{ path: CI, line: 20, message: 'astral-sh/ruff-action' }] },
    { name: 'golangci-lint-action', facts: { ci: { actions: [action('golangci/golangci-lint-action')] } }, messageId: 'pr', data: { tools: 'golangci-lint' } },
    { name: 'reviewdog with fail_level error blocks', facts: { ci: { actions: [action('reviewdog/action-eslint', { with: { fail_level: 'error' } })] } }, messageId: 'pr' },
    {
      name: 'pre-commit.ci runs hooks on pull requests',
      facts: { ci: { runs: [run('flake8', { path: '.pre-commit-config.yaml', line: 12, system: 'pre-commit.ci' })] } },
      messageId: 'pr',
      evidence: [{ path: '.pre-commit-config.yaml', line: 12 }]
    },
    { name: 'GitLab Code Quality template', facts: { ci: { actions: [action('Jobs/Code-Quality.gitlab-ci.yml', { path: '.gitlab-ci.yml', system: 'gitlab-ci' })] } }, messageId: 'pr' },
    { name: 'extra command from config', facts: { ci: { runs: [run('make verify-style', { argv: ['make', 'verify-style'] })] } }, extra: { commands: ['make verify-style'] }, messageId: 'pr', data: { tools: 'make verify-style' } },
    { name: 'extra action from config', facts: { ci: { actions: [action('acme/lint-action')] } }, extra: { actions: ['acme/lint-action'] }, messageId: 'pr' },
    {
      name: 'one enforcing run among neutralised ones passes',
      facts: { ci: { runs: [run('flake8 --exit-zero', { line: 5 }), run('ruff check .', { line: 9 })] } },
      messageId: 'pr',
      data: { tools: 'ruff' },
      evidence: [{ line: 9 }, { line: 5, message: 'runs but cannot fail: --exit-zero' }]
    }
  ],
  partial: [
    {
      name: 'lint only on push',
      facts: { ci: { runs: [run('ruff check .', { push: true, line: 8 })] } },
      messageId: 'not-on-prs',
      data: { events: 'push' },
      evidence: [{ line: 8, message: 'not on pull requests: push' }],
      remediation: ['pull_request']
    },
    { name: 'lint only on schedule', facts: { ci: { runs: [run('eslint .', { schedule: true })] } }, messageId: 'not-on-prs', data: { events: 'schedule' } },
    {
      name: 'only a local pre-commit hook',
      facts: { files: PY, ci: { runs: [run('ruff check', { local: true, line: 7 })] } },
      messageId: 'local-only',
      summary: 'only in local hooks',
      evidence: [{ path: '.pre-commit-config.yaml', line: 7, message: 'local hook only' }],
      remediation: ['pre-commit/action', 'ruff-action']
    },
    {
      name: 'ruff in dev dependencies and [tool.ruff], nothing runs it',
      facts: {
        files: { 'pyproject.toml': '[project]\nname = "svc"\n[dependency-groups]\ndev = ["ruff>=0.6"]\n\n[tool.ruff]\nline-length = 100\n' },
        ci: { runs: [run('pytest')] }
      },
      messageId: 'configured-only',
      data: { tools: 'ruff' },
      evidence: [{ path: 'pyproject.toml', line: 6, message: 'ruff is configured' }]
    },
    {
      name: 'a lint script and biome installed, no workflow runs them (umami): configured only, with the script as evidence',
      facts: {
        files: {
          'package.json': '{\n  "scripts": {\n    "lint": "biome lint .",\n    "test": "jest"\n  },\n  "devDependencies": {\n    "@biomejs/biome": "^2"\n  }\n}\n',
          '.github/workflows/ci.yml': 'on: [push]\njobs:\n  t:\n    steps:\n      - run: pnpm test\n'
        }
      },
      messageId: 'configured-only',
      data: { tools: 'biome' },
      evidence: [
        { path: 'package.json', line: 7, message: 'biome is installed as a development dependency (`@biomejs/biome`), and no CI job runs it' },
        { path: 'package.json', line: 3, message: 'biome is declared in a task runner, and no CI job runs it: package.json:3 npm run lint → package.json:3 biome lint .' }
      ]
    },
    {
      name: 'no CI at all, eslint and prettier configured (express realworld): configured, not run',
      facts: { files: { 'package.json': '{"name":"api"}', '.eslintrc.json': '{}', '.prettierrc': '{}' } },
      messageId: 'configured-only',
      evidence: [{ path: '.eslintrc.json' }, { path: '.prettierrc' }],
      remediation: ['npx eslint']
    }
  ],
  fail: [
    { name: 'php-cs-fixer fix (fix mode, firefly-iii .ci/phpcs.sh) and pint without --test', facts: { files: { 'composer.json': '{}' }, ci: { runs: [run('vendor/bin/php-cs-fixer fix --config .php-cs-fixer.php'), run('vendor/bin/pint'), run('mago format')] } }, messageId: 'non-blocking', data: { tools: 'PHP-CS-Fixer, Pint, Mago format' }, remediation: ['--dry-run'] },
    {
      name: '|| true neutralises the only lint step',
      facts: { files: PY, ci: { runs: [run('ruff check .', { neutralised: '|| true', line: 12 })] } },
      messageId: 'non-blocking',
      evidence: [{ path: CI, line: 12, message: 'runs but cannot fail: || true' }],
      remediation: ['|| true', 'astral-sh/ruff-action']
    },
    { name: 'continue-on-error', facts: { ci: { runs: [run('eslint .', { neutralised: 'continue-on-error: true' })] } }, messageId: 'non-blocking', evidence: [{ message: 'continue-on-error' }] },
    { name: 'flake8 --exit-zero', facts: { ci: { runs: [run('flake8 --exit-zero src')] } }, messageId: 'non-blocking', evidence: [{ message: '--exit-zero' }] },
    { name: 'pylint --fail-under=0', facts: { ci: { runs: [run('pylint --fail-under=0 src')] } }, messageId: 'non-blocking' },
    { name: 'ruff format without --check is a fixer', facts: { ci: { runs: [run('ruff format src tests')] } }, messageId: 'non-blocking', evidence: [{ message: 'fixes files instead of checking them' }] },
    { name: 'black . is a fixer', facts: { ci: { runs: [run('black .')] } }, messageId: 'non-blocking' },
    { name: 'prettier --write is a fixer', facts: { ci: { runs: [run('prettier --write .')] } }, messageId: 'non-blocking' },
    { name: 'bare gofmt -l exits 0', facts: { ci: { runs: [run('gofmt -l .')] } }, messageId: 'non-blocking', evidence: [{ message: 'output is not tested' }] },
    { name: 'biome format --write', facts: { ci: { runs: [run('biome format --write .')] } }, messageId: 'non-blocking' },
    {
      name: 'reviewdog without fail_on_error only comments',
      facts: { ci: { actions: [action('reviewdog/action-flake8', { line: 30 })] } },
      messageId: 'non-blocking',
      evidence: [{ line: 30, message: 'only reports' }]
    },
    { name: 'reviewdog fail_level none', facts: { ci: { actions: [action('reviewdog/action-golangci-lint', { with: { fail_level: 'none' } })] } }, messageId: 'non-blocking' },
    { name: 'super-linter DISABLE_ERRORS', facts: { ci: { actions: [action('super-linter/super-linter', { with: { DISABLE_ERRORS: 'true' } })] } }, messageId: 'non-blocking', evidence: [{ message: 'disable_errors' }] },
    { name: 'ruff-action with format args and no --check', facts: { ci: { actions: [action('astral-sh/ruff-action', { with: { args: 'format' } })] } }, messageId: 'non-blocking' },
    {
      name: 'pre-commit-hooks hygiene only is not lint',
      facts: { ci: { runs: [run('trailing-whitespace', { path: '.pre-commit-config.yaml', line: 4 }), run('check-yaml', { path: '.pre-commit-config.yaml', line: 5 })] } },
      messageId: 'none'
    },
    {
      name: 'setup-biome with no run step',
      facts: { ci: { actions: [action('biomejs/setup-biome', { line: 11 })] } },
      messageId: 'none',
      evidence: [{ line: 11, message: 'installs Biome only' }]
    },

    { name: 'tool named only in a step name', facts: { ci: { runs: [run('echo Lint', { argv: ['echo', 'Lint'] })] } }, messageId: 'none' },
    {
      name: 'resolved npm run lint counts only through its real command',
      facts: {
        ci: {
          runs: [
            run('npm run lint', { argv: ['npm', 'run', 'lint'], chain: [{ path: CI, line: 9, text: 'npm run lint' }] }),
            run('echo "no lint"', { argv: ['echo', 'no lint'], chain: [{ path: CI, line: 9, text: 'npm run lint' }, { path: 'package.json', line: 4, text: 'echo "no lint"' }] })
          ]
        }
      },
      messageId: 'none'
    }
  ],
  unknown: [
    { name: 'an action Shipshape does not know that may lint', facts: { files: { '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/lint-everything@v3\n' } }, messageId: 'opaque', evidence: [{ path: CI, line: 6 }], remediation: ['ci-lint:', '- "acme/lint-everything"'] },
    {
      name: 'unparseable workflow is evidence',
      facts: { ci: { problems: [{ path: '.github/workflows/ci.yml', line: 3, message: 'bad indentation' }] } },
      messageId: 'unreadable',
      data: { count: 1 },
      evidence: [{ path: CI, line: 3, message: 'bad indentation' }]
    }
  ]
})
