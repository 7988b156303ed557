import ciTests from '../../src/checks/ci-tests.js'
import { checkTester } from '../helpers/check-tester.js'
import { action, run } from '../helpers/facts.js'

const CI = '.github/workflows/ci.yml'

checkTester(ciTests, {
  pass: [
    {
      name: 'a checkout of ${{ inputs.repository }} (the PR head passed to a reusable workflow) is this repository (hawkBit)',
      facts: { files: { '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          repository: ${{ inputs.repository }}\n          ref: ${{ inputs.ref }}\n      - run: mvn clean verify --batch-mode\n', 'pom.xml': '<project></project>' } },
      messageId: 'pr',
      data: { tools: 'Maven tests' }
    },
    { name: 'composer test → @php artisan test --parallel (koel)', facts: { files: { 'composer.json': '{"scripts": {"test": "@php artisan test --parallel"}}', '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: composer test\n' } }, messageId: 'pr', data: { tools: 'artisan test' }, evidence: [{ path: CI, line: 6, message: 'composer.json:1' }] },
    { name: 'php bin/phpunit --testsuite unit (wallabag)', facts: { ci: { runs: [run('php bin/phpunit --testsuite unit', { argv: ['phpunit', '--testsuite', 'unit'] })] } }, messageId: 'pr', data: { tools: 'PHPUnit' } },
    { name: 'Pest in parallel', facts: { ci: { runs: [run('./vendor/bin/pest --parallel')] } }, messageId: 'pr', data: { tools: 'Pest' } },
    { name: 'php-actions/phpunit', facts: { ci: { actions: [action('php-actions/phpunit', { version: 'v3' })] } }, messageId: 'pr', data: { tools: 'PHPUnit' } },
    { name: 'an opaque step declared in the config counts', facts: { files: { '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./ci/run-tests.sh\n' } }, extra: { commands: ['./ci/run-tests.sh'] }, messageId: 'pr', data: { tools: './ci/run-tests.sh' } },
    { name: 'a command written as a matrix expression runs every value', facts: { files: { '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        command: ["ruff check .", "pytest -q"]\n    steps:\n      - run: ${{ matrix.command }}\n' } }, messageId: 'pr', data: { tools: 'pytest' }, evidence: [{ path: CI, line: 9 }] },
    {
      name: 'pytest counts while go test without Go test files is only noted',
      facts: { files: { 'go.mod': 'module x\n', 'tests/test_a.py': '' }, ci: { runs: [run('pytest', { line: 9 }), run('go test ./...', { line: 10 })] } },
      messageId: 'pr',
      data: { tools: 'pytest' },
      evidence: [{ line: 9 }, { line: 10, message: 'nothing to test' }]
    },
    {
      name: 'pytest on pull_request',
      facts: { ci: { runs: [run('uv run pytest -n auto', { line: 31 })] } },
      messageId: 'pr',
      data: { tools: 'pytest' },
      evidence: [{ path: CI, line: 31, message: 'uv run pytest -n auto' }]
    },
    {
      name: 'coverage run -m pytest through a script',
      facts: {
        ci: {
          runs: [
            run('coverage run -m pytest tests/', {
              chain: [{ path: '.github/workflows/test-backend.yml', line: 36, text: 'bash scripts/tests-start.sh' }, { path: 'backend/scripts/test.sh', line: 6, text: 'coverage run -m pytest tests/' }]
            })
          ]
        }
      },
      messageId: 'pr',
      data: { tools: 'coverage run' },
      evidence: [{ path: '.github/workflows/test-backend.yml', line: 36, message: '→ backend/scripts/test.sh:6 coverage run -m pytest tests/' }]
    },
    { name: 'bare rake, rake ci and namespaced test tasks', facts: { ci: { runs: [run('bundle exec rake', { line: 3 }), run('bundle exec rake parallel:spec', { line: 4 }), run('rake ci', { line: 5 })] } }, messageId: 'pr', data: { tools: 'rake' }, evidence: [{ line: 3 }, { line: 4 }, { line: 5 }] },
    { name: 'jasmine (parse-server)', facts: { ci: { runs: [run('jasmine --config=spec/support/jasmine.json')] } }, messageId: 'pr', data: { tools: 'jasmine' } },
    { name: 'python manage.py test', facts: { ci: { runs: [run('python src/manage.py test --parallel')] } }, messageId: 'pr', data: { tools: 'Django tests' } },
    { name: 'python -m unittest', facts: { ci: { runs: [run('python -m unittest discover -s tests')] } }, messageId: 'pr', data: { tools: 'unittest' } },
    { name: 'jest', facts: { ci: { runs: [run('jest --ci')] } }, messageId: 'pr', data: { tools: 'jest' } },
    { name: 'vitest run', facts: { ci: { runs: [run('npx vitest run')] } }, messageId: 'pr', data: { tools: 'vitest' } },
    { name: 'node --test', facts: { ci: { runs: [run('node --test test/')] } }, messageId: 'pr', data: { tools: 'node --test' } },
    { name: 'playwright test', facts: { ci: { runs: [run('npx playwright test')] } }, messageId: 'pr', data: { tools: 'playwright' } },
    { name: 'go test', facts: { files: { 'go.mod': 'module x\n', 'pkg/a_test.go': 'package pkg\n' }, ci: { runs: [run('go test -race -coverprofile=coverage.out ./...')] } }, messageId: 'pr', data: { tools: 'go test' } },
    { name: 'gotestsum', facts: { files: { 'cmd/x_test.go': 'package main\n' }, ci: { runs: [run('gotestsum --format testname -- ./...')] } }, messageId: 'pr' },
    { name: 'mvnw verify', facts: { ci: { runs: [run('./mvnw -B verify', { argv: ['mvnw', '-B', 'verify'] })] } }, messageId: 'pr', data: { tools: 'Maven tests' } },
    { name: 'synthetic surefire:test', facts: { ci: { runs: [run('./mvnw -B verify', { argv: ['mvn', 'surefire:test'] })] } }, messageId: 'pr' },
    { name: 'gradle build', facts: { ci: { runs: [run('./gradlew build', { argv: ['gradle', 'build'] })] } }, messageId: 'pr', data: { tools: 'Gradle tests' } },
    { name: 'rails template: db:setup test test:system', facts: { ci: { runs: [run('bin/rails db:setup test test:system')] } }, messageId: 'pr', data: { tools: 'rails test' } },
    { name: 'bundle exec rspec', facts: { ci: { runs: [run('bundle exec rspec')] } }, messageId: 'pr', data: { tools: 'rspec' } },
    { name: 'bundle exec rake (default task)', facts: { ci: { runs: [run('bundle exec rake')] } }, messageId: 'pr', data: { tools: 'rake' } },
    { name: 'cypress action', facts: { ci: { actions: [action('cypress-io/github-action')] } }, messageId: 'pr', data: { tools: 'cypress' } },
    { name: 'extra command', facts: { ci: { runs: [run('./ci/run-suite.sh', { argv: ['run-suite.sh'] })] } }, extra: { commands: ['run-suite.sh'] }, messageId: 'pr' }
  ],
  partial: [
    {
      name: 'tests only on push to main',
      facts: { ci: { runs: [run('pytest', { push: true, line: 20 })] } },
      messageId: 'not-on-prs',
      data: { events: 'push' },
      evidence: [{ line: 20, message: 'not on pull requests: push' }],
      remediation: ['pull_request']
    },
    { name: 'playwright only on schedule', facts: { ci: { runs: [run('npx playwright test', { schedule: true })] } }, messageId: 'not-on-prs', data: { events: 'schedule' } },
    { name: 'tests only on workflow_dispatch', facts: { files: { 'go.mod': 'module x\n', 'pkg/a_test.go': 'package pkg\n' }, ci: { runs: [run('go test ./...', { manual: true })] } }, messageId: 'not-on-prs', data: { events: 'workflow_dispatch' } }
  ],
  fail: [
    { name: 'phpunit --list-tests runs nothing, and the PHPUnit suite is found', facts: { files: { 'tests/Feature/HealthTest.php': '<?php\n', 'database/migrations/2024_01_01_create_tests_table.php': '<?php\n' }, ci: { runs: [run('vendor/bin/phpunit --list-tests')] } }, messageId: 'suite-not-run', data: { count: 1 } },
    { name: 'steps in another repository\'s checkout run none of this repository\'s commands', facts: { files: { '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          repository: acme/sdk-php\n      - run: sh scripts/tests.sh\n' } }, messageId: 'none' },
    { name: 'an expression in a job only started by hand is an ad-hoc tool', facts: { files: { '.github/workflows/ci.yml': 'on: workflow_dispatch\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make ${{ inputs.target }}\n' } }, messageId: 'none' },
    { name: 'an expression in an option value or a chore target hides nothing', facts: { files: { '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make dist OPTS=${{ inputs.opts }}\n      - run: make deploy.${{ matrix.env }}.versioned\n      - run: docker run --rm -e TOKEN=${{ secrets.TOKEN }} acme/tool\n' } }, messageId: 'none' },
    { name: 'helper actions and chore scripts hide no test run', facts: { files: { '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/setup-toolchain@v1\n      - uses: acme/notify-slack@v1\n      - uses: peter-evans/create-pull-request@v7\n      - run: ./scripts/deploy.sh\n      - run: docker build -t app:${{ github.sha }} .\n' } }, messageId: 'none' },
    { name: 'rake tasks that test nothing (importmap:verify, db:migrate, rubocop) (rubygems.org)', facts: { ci: { runs: [run('bundle exec rake importmap:verify'), run('bin/rake db:migrate'), run('rake rubocop')] } }, messageId: 'none' },
    {
      name: 'go test on pull requests with no _test.go file anywhere passes having tested nothing',
      facts: { files: { 'go.mod': 'module x\n', 'main.go': 'package main\n', 'internal/biz/biz.go': 'package biz\n' }, ci: { runs: [run('go test ./...', { line: 21 })] } },
      messageId: 'nothing-to-test',
      data: { tools: 'go test', files: 'Go test files (`*_test.go`)' },
      evidence: [{ line: 21, message: 'nothing to test' }],
      remediation: ['*_test.go']
    },
    {
      name: 'gotestsum only on push with no Go tests is not a test run either',
      facts: { files: { 'go.mod': 'module x\n' }, ci: { runs: [run('gotestsum -- ./...', { push: true })] } },
      messageId: 'nothing-to-test'
    },
    {
      name: 'pytest --collect-only is not a test run',
      facts: { ci: { runs: [run('pytest --collect-only', { line: 12 })] } },
      messageId: 'none',
      evidence: [{ line: 12, message: 'does not run the check: --collect-only' }]
    },
    { name: 'mvn package -DskipTests', facts: { ci: { runs: [run('mvn -B package -DskipTests')] } }, messageId: 'none', evidence: [{ message: 'does not run the check: -DskipTests' }] },
    { name: 'gradle build -x test', facts: { ci: { runs: [run('./gradlew build -x test', { argv: ['gradle', 'build', '-x', 'test'] })] } }, messageId: 'none', evidence: [{ message: '-x=test' }] },
    { name: 'go test -run XXX_NONE', facts: { files: { 'go.mod': 'module x\n', 'pkg/a_test.go': 'package pkg\n' }, ci: { runs: [run('go test -run XXX_NONE ./...')] } }, messageId: 'suite-not-run', evidence: [{ message: '-run=XXX_NONE' }] },
    { name: 'pytest || true', facts: { ci: { runs: [run('pytest', { neutralised: '|| true' })] } }, messageId: 'non-blocking', evidence: [{ message: 'runs but cannot fail: || true' }] },
    {
      name: "npm's placeholder test script resolves to echo",
      facts: {
        files: { 'package.json': '{"scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"}}' },
        ci: {
          runs: [
            run('echo "Error: no test specified"', { argv: ['echo', 'Error: no test specified'], chain: [{ path: CI, line: 8, text: 'npm test' }, { path: 'package.json', line: 1, text: 'echo "Error: no test specified"' }] }),
            run('exit 1', { argv: ['exit', '1'], chain: [{ path: CI, line: 8, text: 'npm test' }, { path: 'package.json', line: 1, text: 'exit 1' }] })
          ]
        }
      },
      messageId: 'none'
    },
    {
      name: 'coverage upload without a test step',
      facts: { ci: { actions: [action('codecov/codecov-action', { line: 40 })] } },
      messageId: 'none',
      evidence: [{ line: 40, message: 'uploads coverage; a step must run the tests' }]
    },
    {
      name: 'suite exists but CI only lints',
      facts: { files: { 'pyproject.toml': '[project]\n', 'tests/test_api.py': 'def test_x(): pass\n', 'tests/test_db.py': '' }, ci: { runs: [run('ruff check .')] } },
      messageId: 'suite-not-run',
      data: { count: 2 },
      evidence: [{ path: 'tests/test_api.py', message: 'one of 2 test files' }],
      remediation: ['uv run pytest']
    },
    {
      name: 'no CI at all with a jest suite (express realworld)',
      facts: { files: { 'package.json': '{}', 'src/tests/services/article.test.ts': '', 'e2e/src/server/server.spec.ts': '', 'node_modules/x/a.test.js': '' } },
      messageId: 'no-ci',
      evidence: [{ path: 'e2e/src/server/server.spec.ts' }, { path: 'src/tests/services/article.test.ts' }, { message: 'No CI configuration was found' }],
      evidenceCount: 3,
      remediation: ['npm test']
    },
    { name: 'tests only in a local hook', facts: { ci: { runs: [run('pytest -x', { local: true })] } }, messageId: 'local-only' },
    { name: 'Django remediation uses manage.py', facts: { files: { 'manage.py': '', 'requirements.txt': 'django\n' }, ci: { runs: [run('flake8')] } }, messageId: 'none', remediation: ['python manage.py test'] }
  ],
  unknown: [
    { name: 'a repository script that is not in the checkout', facts: { files: { '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./ci/run-tests.sh\n' } }, messageId: 'opaque', data: { count: 1 }, evidence: [{ path: CI, line: 6 }], remediation: ['signatures:', 'ci-tests:', '- "./ci/run-tests.sh"'] },
    { name: 'an action Shipshape does not know that may run tests', facts: { files: { '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: acme/run-tests@v2\n' } }, messageId: 'opaque', data: { count: 1, steps: 'acme/run-tests' }, evidence: [{ path: CI, line: 7 }], remediation: ['actions:', '- "acme/run-tests"'] },
    { name: 'a reusable workflow of another repository', facts: { files: { '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    uses: acme/workflows/.github/workflows/verify.yml@v1\n' } }, messageId: 'opaque', evidence: [{ path: CI, line: 4 }], remediation: ['- "acme/workflows/.github/workflows/verify.yml"'] },
    { name: 'a program held in an expression nothing expands', facts: { files: { '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${{ inputs.command }}\n' } }, messageId: 'opaque', evidence: [{ path: CI, line: 6 }] },
    { name: 'unparseable CI file', facts: { ci: { problems: [{ path: '.gitlab-ci.yml', message: 'duplicated mapping key' }] } }, messageId: 'unreadable', evidence: [{ path: '.gitlab-ci.yml', message: 'duplicated mapping key' }] }
  ]
})
