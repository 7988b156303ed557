import typeChecking from '../../src/checks/type-checking.js'
import { checkTester } from '../helpers/check-tester.js'
import { action, run } from '../helpers/facts.js'

const CI = '.github/workflows/ci.yml'

checkTester(typeChecking, {
  pass: [
    { name: 'PHPStan through a composer script (koel composer analyze)', facts: { files: { 'composer.json': '{"scripts": {"analyze": "phpstan analyse --configuration phpstan.neon.dist"}}', '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: composer analyze -- --no-progress\n' } }, messageId: 'pr', data: { tools: 'PHPStan' } },
    { name: 'Psalm', facts: { ci: { runs: [run('vendor/bin/psalm --no-cache')] } }, messageId: 'pr', data: { tools: 'Psalm' } },
    { name: 'php-actions/phpstan', facts: { ci: { actions: [action('php-actions/phpstan', { version: 'v3' })] } }, messageId: 'pr', data: { tools: 'PHPStan' } },
    { name: 'mypy on pull_request', facts: { ci: { runs: [run('uv run mypy backend/app', { line: 17 })] } }, messageId: 'pr', data: { tools: 'mypy' }, evidence: [{ path: CI, line: 17, message: 'uv run mypy backend/app' }] },
    {
      name: 'mypy and ty through prek on PRs (full-stack-fastapi-template)',
      facts: {
        ci: {
          runs: [
            run('uv run mypy backend/app', { chain: [{ path: '.github/workflows/pre-commit.yml', line: 64, text: 'uv run prek run --from-ref origin/$BASE --to-ref HEAD' }, { path: '.pre-commit-config.yaml', line: 52, text: 'uv run mypy backend/app' }] }),
            run('uv run ty check backend/app', { chain: [{ path: '.github/workflows/pre-commit.yml', line: 64, text: 'uv run prek run --from-ref origin/$BASE --to-ref HEAD' }, { path: '.pre-commit-config.yaml', line: 58, text: 'uv run ty check backend/app' }] })
          ]
        }
      },
      messageId: 'pr',
      data: { tools: 'mypy, ty' },
      evidence: [{ path: '.github/workflows/pre-commit.yml', line: 64, message: '→ .pre-commit-config.yaml:52 uv run mypy backend/app' }]
    },
    { name: 'pyright', facts: { ci: { runs: [run('pyright')] } }, messageId: 'pr' },
    { name: 'flow (bare flow is flow status) and flow check', facts: { ci: { runs: [run('flow', { line: 3 }), run('flow check src', { line: 4 })] } }, messageId: 'pr', data: { tools: 'flow' }, evidence: [{ line: 3 }, { line: 4 }] },
    { name: 'pyrefly check (Meta), while mypy in the same job cannot fail', facts: { ci: { runs: [run('uv run pyrefly check src/', { line: 201 }), run('uv run mypy src/', { line: 214, neutralised: 'continue-on-error: true' })] } }, messageId: 'pr', data: { tools: 'pyrefly' }, evidence: [{ path: CI, line: 201, message: 'uv run pyrefly check src/' }] },
    { name: 'tsc --noEmit', facts: { ci: { runs: [run('npx tsc --noEmit -p tsconfig.json')] } }, messageId: 'pr', data: { tools: 'tsc' } },
    { name: 'vue-tsc', facts: { ci: { runs: [run('vue-tsc --noEmit')] } }, messageId: 'pr' },
    { name: 'go build', facts: { ci: { runs: [run('go build ./...')] } }, messageId: 'pr', data: { tools: 'go compiler' } },
    { name: 'go test compiles too', facts: { ci: { runs: [run('go test ./...')] } }, messageId: 'pr' },
    { name: 'go install of this repository compiles it', facts: { ci: { runs: [run('go install ./cmd/...')] } }, messageId: 'pr', data: { tools: 'go compiler' } },
    {
      name: 'spring-petclinic: mvnw verify compiles Java',
      facts: { ci: { runs: [run('./mvnw -B verify', { argv: ['mvnw', '-B', 'verify'], path: '.github/workflows/maven-build.yml', line: 29 })] } },
      messageId: 'pr',
      data: { tools: 'Java compiler (Maven)' },
      evidence: [{ path: '.github/workflows/maven-build.yml', line: 29 }]
    },
    { name: 'synthetic compiler:compile', facts: { ci: { runs: [run('./mvnw -B package', { argv: ['mvn', 'compiler:compile'] })] } }, messageId: 'pr' },
    { name: 'gradle compileJava', facts: { ci: { runs: [run('./gradlew build', { argv: ['gradle', 'compileJava'] })] } }, messageId: 'pr', data: { tools: 'Java compiler (Gradle)' } },
    { name: 'sorbet', facts: { ci: { runs: [run('bundle exec srb tc')] } }, messageId: 'pr', data: { tools: 'sorbet' } },
    { name: 'pyright-action', facts: { ci: { actions: [action('jakebailey/pyright-action')] } }, messageId: 'pr', data: { tools: 'pyright' } },
    {
      name: 'golangci-lint-action on pull requests type-checks the Go packages it loads (ubicloud cli)',
      facts: { files: { 'cli/go.mod': 'module example.com/cli\n' }, ci: { actions: [action('golangci/golangci-lint-action', { version: 'v9', with: { 'working-directory': 'cli' } })] } },
      messageId: 'pr',
      data: { tools: 'golangci-lint' }
    }
  ],
  partial: [
    { name: 'PHPStan configured, never run (php snippet)', facts: { files: { 'composer.json': '{}', 'phpstan.neon': 'parameters:\n  level: 5\n' }, ci: { runs: [run('vendor/bin/phpunit')] } }, messageId: 'configured', data: { tools: 'PHPStan' }, remediation: ['vendor/bin/phpstan analyse'] },
    { name: 'phpstan --generate-baseline is no run', facts: { files: { 'phpstan.neon': 'parameters:\n  level: 5\n' }, ci: { runs: [run('vendor/bin/phpstan analyse --generate-baseline')] } }, messageId: 'configured' },
    {
      name: 'tsconfig.json only, no CI (express realworld)',
      facts: { files: { 'package.json': '{"devDependencies":{"typescript":"~5.2.2"}}', 'tsconfig.json': '{}', 'src/main.ts': '' } },
      messageId: 'configured',
      data: { tools: 'TypeScript' },
      evidence: [{ path: 'tsconfig.json', message: 'TypeScript is configured' }],
      remediation: ['npx tsc --noEmit']
    },
    {
      name: '[tool.mypy] in pyproject, CI runs only pytest',
      facts: { files: { 'pyproject.toml': '[project]\nname = "x"\n\n[tool.mypy]\nstrict = true\n' }, ci: { runs: [run('pytest')] } },
      messageId: 'configured',
      data: { tools: 'mypy' },
      evidence: [{ path: 'pyproject.toml', line: 4 }],
      remediation: ['uv run mypy']
    },
    {
      name: 'typecheck script present, not run',
      facts: { files: { 'package.json': '{\n  "scripts": {\n    "typecheck": "tsc --noEmit"\n  }\n}\n' }, ci: { runs: [run('eslint .')] } },
      messageId: 'configured',
      evidence: [{ path: 'package.json', line: 3 }]
    },
    { name: 'mypy only in a local pre-commit hook', facts: { ci: { runs: [run('mypy', { local: true, line: 30 })] } }, messageId: 'local-only', evidence: [{ path: '.pre-commit-config.yaml', line: 30 }] },
    { name: 'mypy only on push', facts: { ci: { runs: [run('mypy src', { push: true })] } }, messageId: 'not-on-prs', data: { events: 'push' } },
    { name: 'mypy || true', facts: { ci: { runs: [run('mypy src', { neutralised: '|| true' })] } }, messageId: 'non-blocking', evidence: [{ message: 'cannot fail: || true' }] },
    {
      name: 'mypy installed only as a development dependency: configured, not run in CI',
      facts: { files: { 'requirements-dev.txt': 'mypy==1.11\n', 'app.py': '' }, ci: { runs: [run('pytest')] } },
      messageId: 'configured',
      data: { tools: 'mypy' },
      evidence: [{ path: 'requirements-dev.txt', line: 1, message: 'mypy is installed as a development dependency (`mypy`), and no CI job runs it' }],
      remediation: ['mypy']
    },
    {
      name: 'mypy declared only in a tox env and a Makefile target that no workflow runs',
      facts: {
        files: {
          'tox.ini': '[tox]\nenv_list = py\n\n[testenv:typing]\ncommands = mypy src\n',
          Makefile: 'check:\n\tnox -s types\n',
          'noxfile.py': 'import nox\n\n@nox.session\ndef types(session):\n    session.run("pyright")\n',
          '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    steps:\n      - run: pytest\n'
        }
      },
      messageId: 'configured',
      data: { tools: 'pyright, mypy' },
      evidence: [
        { path: 'Makefile', line: 1, message: 'pyright is declared in a task runner, and no CI job runs it: Makefile:1 make check → Makefile:2 nox -s types → noxfile.py:5 pyright' },
        { path: 'noxfile.py', line: 4, message: 'pyright is declared in a task runner, and no CI job runs it: noxfile.py:4 nox -s types → noxfile.py:5 pyright' },
        { path: 'tox.ini', line: 4, message: 'mypy is declared in a task runner, and no CI job runs it: tox.ini:4 tox -e typing → tox.ini:5 mypy src' }
      ]
    },
    { name: 'go.mod without CI', facts: { files: { 'go.mod': 'module x\n', 'main.go': '' } }, messageId: 'configured', data: { tools: 'Go compiler' }, remediation: ['go vet ./...'] }
  ],
  fail: [
    { name: 'esbuild does not type-check', facts: { files: { 'package.json': '{}' }, ci: { runs: [run('esbuild src/index.js --bundle')] } }, messageId: 'none' },
    { name: 'tsc --version is not a check', facts: { ci: { runs: [run('tsc --version')] } }, messageId: 'none', evidence: [{ message: 'does not run the check: --version' }] },
    { name: 'go install of a tool at a version compiles that tool, not this repository', facts: { ci: { runs: [run('go install github.com/client9/misspell/cmd/misspell@v0.3.4')] } }, messageId: 'none', evidence: [{ message: 'does not run the check: github.com/client9/misspell/cmd/misspell@v0.3.4' }] },
    { name: 'no CI, nothing configured', facts: { files: { 'README.md': '# hi\n' } }, messageId: 'no-ci' }
  ],
  unknown: [
    { name: 'a repository script that is not in the checkout', facts: { files: { '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: bash ci/check.sh\n' } }, messageId: 'opaque', evidence: [{ path: '.github/workflows/ci.yml', line: 6 }], remediation: ['type-checking:', '- "bash ci/check.sh"'] },
    { name: 'an unparseable CI file', facts: { ci: { problems: [{ path: '.gitlab-ci.yml', message: 'duplicated mapping key' }] } }, messageId: 'unreadable', data: { count: 1 } }
  ]
})
