import staticAnalysis from '../../src/checks/static-analysis.js'
import { checkTester } from '../helpers/check-tester.js'
import { action, run } from '../helpers/facts.js'

const CODEQL = '.github/workflows/codeql.yml'
const GOSEC_ON = 'linters:\n  enable:\n    - govet\n    - gosec\n'
const PHPSTAN_9 = 'includes:\n    - phpstan-baseline.neon\n\nparameters:\n    level: 9\n    paths:\n        - src\n'
const PHPSTAN_3 = 'parameters:\n\tlevel: 3\n\tpaths:\n\t\t- src\n'

checkTester(staticAnalysis, {
  pass: [
    {
      name: 'CodeQL init + analyze on pull_request',
      facts: { ci: { actions: [action('github/codeql-action/init', { path: CODEQL, line: 30, version: 'v3' }), action('github/codeql-action/analyze', { path: CODEQL, line: 38, version: 'v3' })] } },
      messageId: 'pr',
      data: { tools: 'CodeQL' },
      evidence: [{ path: CODEQL, line: 38, message: 'uses: github/codeql-action/analyze@v3' }, { path: CODEQL, line: 30, message: 'an analyze step must follow' }]
    },
    { name: 'semgrep ci blocks', facts: { ci: { runs: [run('semgrep ci')] } }, messageId: 'pr', data: { tools: 'Semgrep' } },
    { name: 'semgrep scan --error', facts: { ci: { runs: [run('semgrep scan --config auto --error')] } }, messageId: 'pr' },
    {
      name: 'semgrep without --error but SARIF uploaded in the same job',
      facts: { ci: { runs: [run('semgrep scan --config auto --sarif-output=semgrep.sarif', { line: 20, job: 'semgrep' })], actions: [action('github/codeql-action/upload-sarif', { line: 24, job: 'semgrep' })] } },
      messageId: 'pr',
      evidence: [{ line: 20, message: 'uploads to code scanning' }, { line: 24, message: "uploads another tool's SARIF" }]
    },
    { name: 'bandit -r', facts: { ci: { runs: [run('bandit -c pyproject.toml -r .')] } }, messageId: 'pr', data: { tools: 'Bandit' } },
    { name: 'gosec', facts: { ci: { runs: [run('gosec ./...')] } }, messageId: 'pr', data: { tools: 'gosec' } },
    { name: 'brakeman (Rails template scan_ruby)', facts: { ci: { runs: [run('bin/brakeman --no-pager')] } }, messageId: 'pr', data: { tools: 'Brakeman' } },
    { name: 'SonarQube scan action', facts: { ci: { actions: [action('SonarSource/sonarqube-scan-action')] } }, messageId: 'pr', data: { tools: 'SonarQube' } },
    { name: 'snyk/actions/node (Scorecard counts it)', facts: { ci: { actions: [action('snyk/actions/node')] } }, messageId: 'pr', data: { tools: 'Snyk' } },
    { name: 'zizmor action (workflow security)', facts: { ci: { actions: [action('zizmorcore/zizmor-action')] } }, messageId: 'pr', data: { tools: 'zizmor' } },
    { name: 'trivy config with exit-code 1', facts: { ci: { actions: [action('aquasecurity/trivy-action', { with: { 'scan-type': 'config', 'exit-code': '1' } })] } }, messageId: 'pr', data: { tools: 'Trivy (misconfiguration)' } },
    { name: 'GitLab SAST template', facts: { ci: { actions: [action('Security/SAST.gitlab-ci.yml', { path: '.gitlab-ci.yml', line: 3, system: 'gitlab-ci' })] } }, messageId: 'pr', data: { tools: 'GitLab SAST' } },
    { name: 'mvn sonar:sonar', facts: { ci: { runs: [run('./mvnw -B verify sonar:sonar', { argv: ['mvnw', '-B', 'verify', 'sonar:sonar'] })] } }, messageId: 'pr' },
    {
      name: 'golangci-lint run with gosec enabled in .golangci.yml',
      facts: { files: { '.golangci.yml': GOSEC_ON }, ci: { runs: [run('golangci-lint run ./...', { line: 14 })] } },
      messageId: 'pr',
      data: { tools: 'gosec (golangci-lint)' },
      evidence: [{ line: 14, message: 'linters.enable: gosec in .golangci.yml:4' }]
    },
    {
      name: 'golangci-lint action with every linter on (v2 default: all)',
      facts: { files: { '.golangci.yaml': 'version: "2"\nlinters:\n  default: all\n  disable: [wsl]\n' }, ci: { actions: [action('golangci/golangci-lint-action', { version: 'v8' })] } },
      messageId: 'pr',
      data: { tools: 'gosec (golangci-lint)' }
    },
    {
      name: 'eslint with eslint-plugin-security in .eslintrc.json (node-express-boilerplate)',
      facts: { files: { 'package.json': '{}', '.eslintrc.json': '{\n  "env": { "node": true },\n  "extends": ["airbnb-base", "plugin:security/recommended"]\n}\n' }, ci: { runs: [run('eslint .', { line: 30 })] } },
      messageId: 'pr',
      data: { tools: 'eslint-plugin-security (eslint)' },
      evidence: [{ line: 30, message: 'extends: plugin:security/recommended in .eslintrc.json:3' }]
    },
    {
      name: 'PHPStan at level 9 on pull requests (kimai), through `| cs2pr`',
      facts: { files: { 'phpstan.neon': PHPSTAN_9 }, ci: { runs: [run('vendor/bin/phpstan analyse -c phpstan.neon --error-format=checkstyle', { line: 67 })] } },
      messageId: 'pr',
      data: { tools: 'PHPStan (gating level)' },
      evidence: [{ line: 67, message: 'level 9, a gating level (5 or above) in phpstan.neon:5' }]
    },
    { name: 'PHPStan with the level given on the command line', facts: { ci: { runs: [run('vendor/bin/phpstan analyse --level=max src')] } }, messageId: 'pr', data: { tools: 'PHPStan (gating level)' } },
    { name: 'Psalm at its default level (2)', facts: { files: { 'psalm.xml': '<?xml version="1.0"?>\n<psalm\n    resolveFromConfigFile="true"\n>\n  <projectFiles><directory name="src"/></projectFiles>\n</psalm>\n' }, ci: { runs: [run('vendor/bin/psalm --output-format=github')] } }, messageId: 'pr', data: { tools: 'Psalm (gating level)' } },
    { name: 'Psalm taint analysis at a lenient level', facts: { files: { 'psalm.xml': '<psalm errorLevel="7"></psalm>\n' }, ci: { runs: [run('vendor/bin/psalm --taint-analysis')] } }, messageId: 'pr', data: { tools: 'Psalm taint analysis' } },
    {
      name: 'ruff check with the flake8-bandit S rules selected',
      facts: { files: { 'pyproject.toml': '[project]\nname = "x"\n\n[tool.ruff.lint]\nselect = [\n  "E",\n  "S",\n]\n' }, ci: { runs: [run('uv run ruff check .')] } },
      messageId: 'pr',
      data: { tools: 'Bandit rules (ruff S)' },
      evidence: [{ message: 'select: S in pyproject.toml:7' }]
    }
  ],
  partial: [
    {
      name: 'PHPStan at level 6 only on a schedule (firefly-iii .ci/phpstan.neon)',
      facts: { files: { '.ci/phpstan.neon': 'parameters:\n  paths:\n    - ../app\n  level: 6\n' }, ci: { runs: [run('vendor/bin/phpstan analyse -c .ci/phpstan.neon --no-progress', { schedule: true, manual: true })] } },
      messageId: 'not-on-prs',
      data: { tools: 'PHPStan (gating level)' }
    },
    { name: 'PHPStan configured at level 9 but run with --level=2', facts: { files: { 'phpstan.neon': PHPSTAN_9 }, ci: { runs: [run('vendor/bin/phpstan analyse --level=2')] } }, messageId: 'configured', evidence: [{ message: 'does not run the check: --level=2' }] },
    {
      name: 'PHPStan at a gating level configured, CI never runs it',
      facts: { files: { 'phpstan.neon.dist': PHPSTAN_9 }, ci: { runs: [run('vendor/bin/phpunit')] } },
      messageId: 'configured',
      evidence: [{ path: 'phpstan.neon.dist', line: 5, message: 'PHPStan (gating level) is configured (level 9, a gating level (5 or above))' }]
    },
    {
      name: 'CodeQL only on schedule',
      facts: { ci: { actions: [action('github/codeql-action/analyze', { path: CODEQL, line: 40, schedule: true })] } },
      messageId: 'not-on-prs',
      data: { events: 'schedule' },
      evidence: [{ path: CODEQL, line: 40, message: 'not on pull requests: schedule' }],
      remediation: ['pull_request']
    },
    { name: 'semgrep without --error and no upload', facts: { ci: { runs: [run('semgrep --config p/ci src', { line: 9 })] } }, messageId: 'non-blocking', evidence: [{ line: 9, message: 'exits 0 on findings without --error' }] },
    { name: 'bandit --exit-zero', facts: { ci: { runs: [run('bandit -r src --exit-zero')] } }, messageId: 'non-blocking', evidence: [{ message: 'cannot fail: --exit-zero' }] },
    { name: 'gosec -no-fail', facts: { ci: { runs: [run('gosec -no-fail ./...')] } }, messageId: 'non-blocking' },
    { name: 'brakeman --no-exit-on-warn', facts: { ci: { runs: [run('bundle exec brakeman --no-exit-on-warn')] } }, messageId: 'non-blocking' },
    { name: 'trivy config with default exit code', facts: { ci: { actions: [action('aquasecurity/trivy-action', { with: { 'scan-type': 'config' } })] } }, messageId: 'non-blocking', evidence: [{ message: 'exit-code' }] },
    { name: 'CodeQL with continue-on-error', facts: { ci: { actions: [action('github/codeql-action/analyze', { neutralised: 'continue-on-error: true' })] } }, messageId: 'non-blocking' },
    {
      name: 'sonar-project.properties but no CI step',
      facts: { files: { 'sonar-project.properties': 'sonar.projectKey=acme_api\n' }, ci: { runs: [run('pytest')] } },
      messageId: 'configured',
      data: { tools: 'SonarQube' },
      evidence: [{ path: 'sonar-project.properties', message: 'SonarQube is configured' }]
    },
    {
      name: '<sonar.host.url> in pom.xml',
      facts: { files: { 'pom.xml': '<project>\n  <properties>\n    <sonar.host.url>https://sonar.example.com</sonar.host.url>\n  </properties>\n</project>\n' } },
      messageId: 'configured',
      evidence: [{ path: 'pom.xml', line: 3 }]
    },
    {
      name: 'brakeman installed in the Gemfile, run by no workflow (dawarich): configured, not run in CI',
      facts: {
        files: {
          Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngroup :development, :test do\n  gem 'brakeman', require: false\n  gem 'bundler-audit'\nend\n",
          '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  t:\n    steps:\n      - run: bundle exec rspec\n      - run: bundle audit --update\n'
        }
      },
      messageId: 'configured',
      data: { tools: 'Brakeman' },
      evidence: [{ path: 'Gemfile', line: 4, message: 'Brakeman is installed as a development dependency (`brakeman`), and no CI job runs it' }]
    },
    { name: 'bandit only in a local pre-commit hook', facts: { ci: { runs: [run('bandit -c pyproject.toml', { local: true })] } }, messageId: 'local-only' },
    { name: 'extra config file glob', facts: { files: { 'security/custom-rules.yml': 'rules: []\n' } }, extra: { files: ['security/*.yml'] }, messageId: 'configured' },
    { name: 'ruff S rules but ruff --exit-zero', facts: { files: { 'ruff.toml': 'extend-select = ["S101"]\n' }, ci: { runs: [run('ruff check --exit-zero')] } }, messageId: 'non-blocking', data: { tools: 'Bandit rules (ruff S)' } },
    {
      name: 'gosec enabled but golangci-lint never runs in CI',
      facts: { files: { 'svc/.golangci.yml': GOSEC_ON }, ci: { runs: [run('go test ./...')] } },
      messageId: 'configured',
      data: { tools: 'gosec (golangci-lint)' },
      evidence: [{ path: 'svc/.golangci.yml', line: 4, message: 'gosec (golangci-lint) is configured (linters.enable: gosec)' }]
    }
  ],
  fail: [
    {
      name: 'upload-sarif alone is not CodeQL',
      facts: { ci: { actions: [action('github/codeql-action/upload-sarif', { line: 50 })] } },
      messageId: 'none',
      evidence: [{ line: 50, message: 'upload-sarif alone is not CodeQL' }],
      remediation: ['github/codeql-action/analyze']
    },
    {
      name: 'trivy image scan is SCA, even with upload-sarif',
      facts: { ci: { actions: [action('aquasecurity/trivy-action', { line: 12, with: { 'image-ref': 'app:latest', format: 'sarif' } }), action('github/codeql-action/upload-sarif', { line: 18 })] } },
      messageId: 'none',
      evidence: [{ line: 12, message: 'not static analysis' }]
    },
    { name: 'dependabot-like SCA only: pip-audit', facts: { ci: { runs: [run('pip-audit')] } }, messageId: 'none', evidence: [{ message: 'dependency scanning (SCA)' }] },
    { name: 'gitleaks is secret scanning', facts: { ci: { actions: [action('gitleaks/gitleaks-action')] } }, messageId: 'none' },
    { name: '.snyk alone is only a policy file', facts: { files: { '.snyk': 'version: v1.25.0\n' }, ci: { runs: [run('pytest')] } }, messageId: 'none' },
    {
      name: 'checkstyle is lint, not SAST (spring-petclinic)',
      facts: { files: { 'pom.xml': '<project/>\n' }, ci: { runs: [run('./mvnw -B verify', { argv: ['mvn', 'checkstyle:check'] })] } },
      messageId: 'none',
      remediation: ['java-kotlin']
    },
    { name: 'no CI at all', facts: { files: { 'go.mod': 'module x\n' } }, messageId: 'no-ci', remediation: ['- { language: go, build: autobuild }'] },
    { name: 'golangci-lint with gosec only in the disable list', facts: { files: { '.golangci.yml': 'linters:\n  enable-all: true\n  disable:\n    - gosec\n' }, ci: { runs: [run('golangci-lint run')] } }, messageId: 'none' },
    { name: 'golangci-lint without gosec is lint, not SAST', facts: { files: { '.golangci.yml': 'linters:\n  enable: [govet, errcheck]\n' }, ci: { runs: [run('golangci-lint run')] } }, messageId: 'none' },
    { name: 'eslint without eslint-plugin-security is lint, not SAST', facts: { files: { '.eslintrc.json': '{"extends": ["airbnb-base"]}' }, ci: { runs: [run('npx eslint .')] } }, messageId: 'none' },
    { name: 'PHPStan below the gating level is type checking only', facts: { files: { 'phpstan.neon': PHPSTAN_3, 'composer.json': '{}' }, ci: { runs: [run('vendor/bin/phpstan analyse')] } }, messageId: 'none', remediation: ['PHPStan at a gating level'] },
    { name: 'Psalm at errorLevel 6', facts: { files: { 'psalm.xml.dist': '<psalm errorLevel="6" findUnusedCode="false">\n</psalm>\n' }, ci: { runs: [run('vendor/bin/psalm')] } }, messageId: 'none' },
    { name: 'composer audit is SCA', facts: { ci: { runs: [run('composer audit --abandoned=report')] } }, messageId: 'none', evidence: [{ message: 'dependency scanning (SCA)' }] },
    { name: 'ruff without the S rules (and S ignored)', facts: { files: { 'pyproject.toml': '[tool.ruff]\nselect = ["ALL"]\nignore = ["S"]\n' }, ci: { runs: [run('ruff check .')] } }, messageId: 'none' }
  ],
  unknown: [
    { name: 'a reusable workflow of another repository that may scan', facts: { files: { '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  scan:\n    uses: acme/security/.github/workflows/scan.yml@v2\n' } }, messageId: 'opaque', evidence: [{ path: '.github/workflows/ci.yml', line: 4 }] },
    { name: 'an unparseable CI file', facts: { ci: { problems: [{ path: '.gitlab-ci.yml', message: 'duplicated mapping key' }] } }, messageId: 'unreadable', data: { count: 1 } }
  ]
})
