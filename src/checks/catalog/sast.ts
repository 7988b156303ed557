import { LINT } from './lint.js'
import { DOTNET_BUILD, TYPECHECKERS, warnAsErrorBuilds } from './typecheckers.js'
import type { ActionSignature, Catalogue, CommandSignature, ConfigSignature, ImpliedSignature, PackageSignature } from './match.js'
import { MAVEN_COMMANDS } from '../../facts/ci/resolve/jvm.js'

/**
 * Static analysis and quality gates (docs/catalogue.md, "Static analysis"), starting from what OpenSSF Scorecard's
 * SAST check recognises. Dependency scanners (SCA), secret scanners and DAST are `related`: shown,
 * never counted. `github/codeql-action/upload-sarif` alone is not CodeQL: it uploads another tool's
 * results, so the tool that produced them is what counts.
 *
 * Trivy decision: Trivy is mostly SCA and image scanning. Only its misconfiguration scanning of the
 * repository (`trivy config`, or `fs`/`repo` with the `misconfig` scanner) is static analysis of
 * checked-in code (IaC); every other Trivy scan is related. Trivy exits 0 on findings unless
 * `--exit-code`/`exit-code` is non-zero.
 */

const REPORTS_ONLY = 'uploads to code scanning'
const SCA_NOTE = 'dependency scanning (SCA), not static analysis'

/** PHPStan levels below the gating one, given on the command line (`--level=3`, `-l 3`): the run is type checking only. */
const PHPSTAN_LOW_LEVELS = [0, 1, 2, 3, 4].flatMap((n) => [`--level=${n}`, `-l=${n}`])

/** PHPStan run at a gating level, whatever the configuration says. */
const PHPSTAN_GATING_FLAGS = [5, 6, 7, 8, 9, 10, 'max'].flatMap((n) => [`--level=${n}`, `-l=${n}`])

const COMMANDS: readonly CommandSignature[] = [
  { tool: 'CodeQL', commands: ['codeql'], subcommands: ['database analyze'] },
  { tool: 'Semgrep', commands: ['semgrep', 'opengrep'], subcommands: ['ci'] },
  { tool: 'Semgrep', commands: ['semgrep', 'opengrep'], subcommands: ['scan'], bareUnless: ['login', 'logout', 'publish', 'install-semgrep-pro', 'lsp', 'show'], blockingFlags: ['--error'] },
  { tool: 'SonarQube', commands: ['sonar-scanner', 'sonar-scanner-cli'] },
  { tool: 'SonarQube', ecosystem: 'java', commands: MAVEN_COMMANDS, subcommands: ['sonar:sonar'], anyPositional: true },
  { tool: 'SonarQube', ecosystem: 'java', commands: ['gradle', 'gradlew'], subcommands: ['sonar', 'sonarqube'], anyPositional: true },
  // SonarScanner for .NET: `begin` only sets up the MSBuild hooks; the build in between is analysed
  // and `end` uploads it (and waits for the quality gate with /d:sonar.qualitygate.wait=true).
  { tool: 'SonarQube', ecosystem: 'dotnet', commands: ['dotnet-sonarscanner', 'sonarscanner', 'sonarscanner.msbuild', 'sonarscanner.msbuild.exe'], subcommands: ['end'] },
  { tool: 'SonarQube', ecosystem: 'dotnet', commands: ['dotnet-sonarscanner', 'sonarscanner', 'sonarscanner.msbuild', 'sonarscanner.msbuild.exe'], kind: 'setup', note: '`begin` prepares the analysis; `end` must follow the build' },
  { tool: 'Security Code Scan', ecosystem: 'dotnet', commands: ['security-scan'] },
  { tool: 'dotnet list package --vulnerable', ecosystem: 'dotnet', commands: ['dotnet'], subcommands: ['list package', 'package list'], requireAnyFlag: ['--vulnerable'], kind: 'related', note: 'dependency scanning (SCA), not static analysis' },
  { tool: 'Bandit', ecosystem: 'python', commands: ['bandit'], nonBlockingFlags: ['--exit-zero'] },
  { tool: 'Snyk Code', commands: ['snyk'], subcommands: ['code test'] },
  { tool: 'Snyk IaC', commands: ['snyk'], subcommands: ['iac test'] },
  { tool: 'Snyk (dependencies)', commands: ['snyk'], subcommands: ['test', 'monitor', 'container test'], kind: 'related', note: 'dependency scanning (SCA), not static analysis' },
  { tool: 'gosec', ecosystem: 'go', commands: ['gosec'], nonBlockingFlags: ['-no-fail', '--no-fail'] },
  { tool: 'Brakeman', ecosystem: 'ruby', commands: ['brakeman'], nonBlockingFlags: ['--no-exit-on-warn', '-z=false'] },
  { tool: 'njsscan', ecosystem: 'node', commands: ['njsscan', 'nodejsscan'] },
  { tool: 'Pysa', ecosystem: 'python', commands: ['pyre'], subcommands: ['analyze'] },
  { tool: 'Horusec', commands: ['horusec'], subcommands: ['start'] },
  { tool: 'Bearer', commands: ['bearer'], subcommands: ['scan'] },
  { tool: 'zizmor', commands: ['zizmor'], nonBlockingFlags: ['--no-exit-codes'] },
  { tool: 'Checkov', commands: ['checkov'], nonBlockingFlags: ['--soft-fail'] },
  { tool: 'KICS', commands: ['kics'], subcommands: ['scan'] },
  { tool: 'tfsec', commands: ['tfsec'], nonBlockingFlags: ['--soft-fail'] },
  { tool: 'Trivy (misconfiguration)', commands: ['trivy'], subcommands: ['config'], blockingFlags: ['--exit-code=!0'] },
  { tool: 'Trivy (misconfiguration)', commands: ['trivy'], subcommands: ['fs', 'filesystem', 'repo', 'repository'], requireAnyFlag: ['--scanners~misconfig', '--security-checks~config'], blockingFlags: ['--exit-code=!0'] },
  { tool: 'Trivy', commands: ['trivy'], kind: 'related', note: 'dependency / image scanning, not static analysis of the code' },
  { tool: 'Qodana', commands: ['qodana'], subcommands: ['scan'] },
  // PHP: a level given on the command line decides on its own; Psalm's taint analysis is SAST at any level.
  { tool: 'PHPStan (gating level)', ecosystem: 'php', commands: ['phpstan', 'phpstan.phar'], subcommands: ['analyse', 'analyze'], requireAnyFlag: PHPSTAN_GATING_FLAGS, notARunFlags: ['--generate-baseline', '-b'] },
  { tool: 'Psalm taint analysis', ecosystem: 'php', commands: ['psalm', 'psalm.phar'], requireAnyFlag: ['--taint-analysis'], notARunFlags: ['--set-baseline', '--alter'] },
  { tool: 'Progpilot', ecosystem: 'php', commands: ['progpilot', 'progpilot.phar'] },
  { tool: 'pip-audit', ecosystem: 'python', commands: ['pip-audit', 'safety'], kind: 'related', note: 'dependency scanning (SCA), not static analysis' },
  { tool: 'npm audit', ecosystem: 'node', commands: ['npm', 'yarn', 'pnpm'], subcommands: ['audit'], kind: 'related', note: 'dependency scanning (SCA), not static analysis' },
  { tool: 'govulncheck', ecosystem: 'go', commands: ['govulncheck'], kind: 'related', note: 'dependency scanning (SCA), not static analysis' },
  { tool: 'bundler-audit', ecosystem: 'ruby', commands: ['bundle-audit', 'bundler-audit'], kind: 'related', note: 'dependency scanning (SCA), not static analysis' },
  { tool: 'composer audit', ecosystem: 'php', commands: ['composer'], subcommands: ['audit'], kind: 'related', note: 'dependency scanning (SCA), not static analysis' },
  { tool: 'Symfony security check', ecosystem: 'php', commands: ['symfony'], subcommands: ['security:check', 'check:security'], kind: 'related', note: 'dependency scanning (SCA), not static analysis' },
  { tool: 'local-php-security-checker', ecosystem: 'php', commands: ['local-php-security-checker'], kind: 'related', note: 'dependency scanning (SCA), not static analysis' },
  { tool: 'osv-scanner', commands: ['osv-scanner', 'grype'], kind: 'related', note: 'dependency scanning (SCA), not static analysis' },
  { tool: 'gitleaks', commands: ['gitleaks', 'trufflehog', 'detect-secrets'], kind: 'related', note: 'secret scanning, not static analysis' },
  // Elixir. Sobelow (Phoenix SAST) exits 0 on findings unless `--exit` is given, or `--config`
  // reads a `.sobelow-conf` whose `exit:` is set (`exit: :low`; `exit: false` is the default).
  // `mix hex.audit` (retired packages) and `mix deps.audit` (mix_audit) are dependency scanning.
  { tool: 'Sobelow', ecosystem: 'elixir', commands: ['mix'], subcommands: ['sobelow'], blockingFlags: ['--exit'], blockingConfig: { file: '.sobelow-conf', sets: /\bexit:\s*(?!false\b|nil\b)["':\w]/, flag: '--config' }, notARunFlags: ['--version', '--details', '-d', '--save-config'] },
  { tool: 'mix hex.audit', ecosystem: 'elixir', commands: ['mix'], subcommands: ['hex.audit', 'deps.audit'], kind: 'related', note: SCA_NOTE },
  // Rust: cargo-audit (RustSec advisories) and cargo-deny (advisories, bans, licences, sources)
  // count as static analysis for Rust: they are the gate Rust services run, and what clippy does
  // not. Trap: they stay a Rust decision; the other ecosystems' dependency scanners (npm audit,
  // pip-audit, govulncheck, bundler-audit, osv-scanner, Trivy) remain related, never counted.
  // Clippy is lint, not static analysis; `cargo vet` and `cargo geiger` only report.
  { tool: 'cargo-audit', ecosystem: 'rust', commands: ['cargo'], subcommands: ['audit fix'], kind: 'related', note: 'updates vulnerable dependencies; a check must run `cargo audit`' },
  { tool: 'cargo-audit', ecosystem: 'rust', commands: ['cargo', 'cargo-audit'], subcommands: ['audit'], notARunFlags: ['--help', '-h', '--version', '-V'], note: 'RustSec advisories' },
  { tool: 'cargo-deny', ecosystem: 'rust', commands: ['cargo'], subcommands: ['deny check'], note: 'advisories, bans, licences and sources' },
  { tool: 'cargo-deny', ecosystem: 'rust', commands: ['cargo-deny'], subcommands: ['check'], note: 'advisories, bans, licences and sources' },
  { tool: 'cargo-vet', ecosystem: 'rust', commands: ['cargo'], subcommands: ['vet'], kind: 'related', note: 'supply-chain audit records, not static analysis of the code' },
  { tool: 'cargo-geiger', ecosystem: 'rust', commands: ['cargo'], subcommands: ['geiger'], kind: 'related', note: 'counts unsafe code; it fails nothing by default' }
]

const SCA = 'dependency scanning (SCA), not static analysis'

const ACTIONS: readonly ActionSignature[] = [
  { tool: 'CodeQL', names: ['github/codeql-action/analyze', 'advancedsecurity-codeql-analyze'] },
  { tool: 'CodeQL', names: ['github/codeql-action/init', 'advancedsecurity-codeql-init'], kind: 'setup', note: 'initialises CodeQL; an analyze step must follow' },
  { tool: 'SARIF upload', names: ['github/codeql-action/upload-sarif'], kind: 'related', note: "uploads another tool's SARIF; that tool must run (upload-sarif alone is not CodeQL)" },
  { tool: 'Snyk', names: ['snyk/actions/setup'], kind: 'setup', note: 'installs the Snyk CLI only' },
  { tool: 'Snyk', names: ['snyk/actions/*'] },
  { tool: 'Pysa', ecosystem: 'python', names: ['facebook/pysa-action'] },
  { tool: 'Qodana', names: ['jetbrains/qodana-action'] },
  { tool: 'hadolint', names: ['hadolint/hadolint-action'], nonBlockingInputs: ['no-fail=true'] },
  { tool: 'Bandit', ecosystem: 'python', names: ['pycqa/bandit-action', 'tj-actions/bandit'], nonBlockingInputs: ['exit_zero=true', 'exit-zero=true'] },
  { tool: 'Brakeman', ecosystem: 'ruby', names: ['devmasx/brakeman-linter-action'] },
  { tool: 'gosec', ecosystem: 'go', names: ['securego/gosec'], asCommand: { argv: ['gosec'], input: 'args', default: './...' } },
  { tool: 'Psalm taint analysis', ecosystem: 'php', names: ['docker://ghcr.io/psalm/psalm-github-actions*', 'docker://vimeo/psalm-github-actions*', 'psalm/psalm-github-actions'], requireInputs: ['security_analysis=true'] },
  { tool: 'Claude security review', names: ['anthropics/claude-code-security-review'] },
  { tool: 'SonarQube', names: ['sonarsource/sonarqube-scan-action', 'sonarsource/sonarqube-scan-action/*', 'sonarsource/sonarcloud-github-action', 'sonarsource/sonarqube-quality-gate-action', 'sonarcloudanalyze', 'sonarqubeanalyze'] },
  { tool: 'SonarQube', names: ['sonarcloudprepare', 'sonarqubeprepare'], kind: 'setup', note: 'prepares the analysis; an analyze task must follow' },
  { tool: 'Semgrep', names: ['returntocorp/semgrep-action', 'semgrep/semgrep-action'] },
  { tool: 'Bearer', names: ['bearer/bearer-action'] },
  { tool: 'Checkmarx', names: ['checkmarx/ast-github-action', 'checkmarx/checkmarx-ast-github-action'] },
  { tool: 'Codacy', names: ['codacy/codacy-analysis-cli-action'] },
  { tool: 'zizmor', names: ['zizmorcore/zizmor-action', 'woodruffw/zizmor-action'] },
  { tool: 'Checkov', names: ['bridgecrewio/checkov-action'], nonBlockingInputs: ['soft_fail=true'] },
  { tool: 'Trivy (misconfiguration)', names: ['aquasecurity/trivy-action'], requireInputs: ['scan-type=config', 'scanners~misconfig'], blockingInputs: ['exit-code=!0'] },
  { tool: 'Trivy', names: ['aquasecurity/trivy-action'], kind: 'related', note: 'dependency / image scanning, not static analysis of the code' },
  { tool: 'GitLab SAST', names: ['security/sast.gitlab-ci.yml', 'security/sast.latest.gitlab-ci.yml', 'jobs/sast.gitlab-ci.yml', 'jobs/sast.latest.gitlab-ci.yml', 'jobs/sast-iac.gitlab-ci.yml', 'security/sast-iac.gitlab-ci.yml'] },
  { tool: 'GitLab Auto DevOps', names: ['auto-devops.gitlab-ci.yml'] },
  {
    tool: 'dependency scanning',
    names: ['actions/dependency-review-action', 'pypa/gh-action-pip-audit', 'golang/govulncheck-action', 'google/osv-scanner-action', 'google/osv-scanner-action/*', 'anchore/scan-action', 'dependency-check/dependency-check_action', 'security/dependency-scanning.gitlab-ci.yml', 'security/container-scanning.gitlab-ci.yml'],
    kind: 'related',
    note: SCA
  },
  { tool: 'secret scanning', names: ['gitleaks/gitleaks-action', 'trufflesecurity/trufflehog', 'security/secret-detection.gitlab-ci.yml'], kind: 'related', note: 'secret scanning, not static analysis' },
  // Rust: cargo-deny's and cargo-audit's actions (see the Rust decision above).
  { tool: 'cargo-deny', ecosystem: 'rust', names: ['embarkstudios/cargo-deny-action'], asCommand: { argv: ['cargo', 'deny'], input: 'command', default: 'check', then: 'arguments', only: true } },
  { tool: 'cargo-audit', ecosystem: 'rust', names: ['rustsec/audit-check', 'actions-rs/audit-check', 'actions-rust-lang/audit'] },
  { tool: 'DAST', names: ['zaproxy/action-baseline', 'zaproxy/action-api-scan', 'zaproxy/action-full-scan', 'stackhawk/hawkscan-action'], kind: 'related', note: 'dynamic scanning (DAST), not static analysis' }
]

const CONFIGS: readonly ConfigSignature[] = [
  { tool: 'CodeQL', file: '.github/codeql/' },
  { tool: 'SonarQube', file: 'sonar-project.properties' },
  { tool: 'SonarQube', ecosystem: 'java', file: 'pom.xml', contains: '<sonar.host.url>' },
  { tool: 'SonarQube', ecosystem: 'java', file: 'pom.xml', contains: 'sonar-maven-plugin' },
  { tool: 'SonarQube', ecosystem: 'java', file: 'build.gradle', contains: 'org.sonarqube' },
  { tool: 'SonarQube', ecosystem: 'java', file: 'build.gradle.kts', contains: 'org.sonarqube' },
  { tool: 'Semgrep', file: '.semgrep.yml' },
  { tool: 'Semgrep', file: '.semgrep.yaml' },
  { tool: 'Semgrep', file: '.semgrep/' },
  { tool: 'Bandit', ecosystem: 'python', file: '.bandit' },
  { tool: 'Bandit', ecosystem: 'python', file: 'pyproject.toml', contains: '[tool.bandit]' },
  { tool: 'Brakeman', ecosystem: 'ruby', file: 'config/brakeman.ignore' },
  { tool: 'SonarQube', ecosystem: 'dotnet', file: 'SonarQube.Analysis.xml' },
  { tool: 'Qodana', file: 'qodana.yaml' },
  { tool: 'Qodana', file: 'qodana.yml' },
  { tool: 'DeepSource', file: '.deepsource.toml' },
  { tool: 'Codacy', file: '.codacy.yml' },
  { tool: 'Codacy', file: '.codacy.yaml' },
  { tool: 'Sobelow', ecosystem: 'elixir', file: '.sobelow-conf' },
  { tool: 'Sobelow', ecosystem: 'elixir', file: 'mix.exs', contains: ':sobelow' },
  { tool: 'cargo-deny', ecosystem: 'rust', file: 'deny.toml' },
  { tool: 'cargo-audit', ecosystem: 'rust', file: '.cargo/audit.toml' }
]

/** Actions whose presence in a job makes its scanners' findings gate PRs through code scanning. */
export const CODE_SCANNING_UPLOAD: readonly string[] = ['github/codeql-action/upload-sarif']
export const CODE_SCANNING_NOTE = `${REPORTS_ONLY}, where new alerts fail the PR's code-scanning check`

/** A linter's (or type checker's) own signatures (its flags and action inputs), to judge its runs as another practice's. */
function hostedBy(tool: string, catalogue: Catalogue = LINT): Pick<ImpliedSignature, 'commands' | 'actions'> {
  return { commands: catalogue.commands.filter((c) => c.tool === tool), actions: catalogue.actions.filter((a) => a.tool === tool) }
}

/** The PHPStan runs of the type-checking catalogue, with an explicit low level never counted as SAST. */
function phpstanGate(): Pick<ImpliedSignature, 'commands' | 'actions'> {
  const hosted = hostedBy('PHPStan', TYPECHECKERS)
  return { commands: hosted.commands.map((c) => ({ ...c, notARunFlags: [...(c.notARunFlags ?? []), ...PHPSTAN_LOW_LEVELS] })), actions: hosted.actions }
}

/** Security rule sets that ride on a linter's run when its configuration enables them (docs/catalogue.md, "Static analysis"). */
const IMPLIED: readonly ImpliedSignature[] = [
  { tool: 'gosec (golangci-lint)', rules: 'gosec', ...hostedBy('golangci-lint') },
  { tool: 'Bandit rules (ruff S)', rules: 'bandit', ...hostedBy('ruff') },
  { tool: 'eslint-plugin-security (eslint)', rules: 'eslint-security', ...hostedBy('eslint') },
  // PHP's analysers are a quality gate at a strict enough level (facts/php-analysers.ts).
  { tool: 'PHPStan (gating level)', rules: 'phpstan-gating', ...phpstanGate() },
  { tool: 'Psalm (gating level)', rules: 'psalm-gating', ...hostedBy('Psalm', TYPECHECKERS) },
  // Roslyn security analyzers fail the build that compiles the code, when warnings are errors.
  { tool: 'Roslyn security analyzers (dotnet build)', rules: 'roslyn-security', commands: DOTNET_BUILD, actions: [] },
  { tool: 'Roslyn security analyzers (dotnet build -warnaserror)', rules: 'roslyn-security-cli', commands: warnAsErrorBuilds(), actions: [] }
]

/**
 * SAST tools installed as dependencies (Brakeman in a Rails app's development group). Dependency
 * scanners (`bundler-audit`, `pip-audit`) are not SAST and are not listed.
 */
const PACKAGES: readonly PackageSignature[] = [
  { tool: 'Brakeman', ecosystem: 'ruby', names: ['brakeman'] },
  { tool: 'Bandit', ecosystem: 'python', names: ['bandit'] },
  { tool: 'Semgrep', ecosystem: 'python', names: ['semgrep'] },
  { tool: 'njsscan', ecosystem: 'python', names: ['njsscan'] },
  { tool: 'eslint-plugin-security', ecosystem: 'node', names: ['eslint-plugin-security'] }
]

export const SAST: Catalogue = { commands: COMMANDS, actions: ACTIONS, configs: CONFIGS, implied: IMPLIED, packages: PACKAGES, purposeWords: ['sast'] }
