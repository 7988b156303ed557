import type { Ecosystem } from '../../facts/ecosystems.js'
import type { Catalogue, ConfigSignature } from './match.js'

/**
 * Architecture-rule tools: linters that enforce layer boundaries a team has written down. Three
 * ways they run, three kinds of row:
 *
 * - their own command (`lint-imports`, `depcruise`, `deptrac`, `packwerk check`, `go-arch-lint
 *   check`): judged like any CI practice (on pull requests, able to fail);
 * - inside the test suite (ArchUnit, jMolecules, Konsist, ArchUnitNET, NetArchTest): a test file
 *   using the library, and the test suite running on pull requests;
 * - inside another tool's configuration (eslint-plugin-boundaries, `no-restricted-imports` with
 *   layer paths, Nx `enforce-module-boundaries`, golangci-lint depguard rules naming internal
 *   packages, Elixir's boundary compiler): that configuration, and the carrier running on PRs.
 *
 * Trap: a depguard rule that only bans third-party packages (`github.com/pkg/errors`) enforces no
 * layer; only rules naming the module's own packages count.
 */
export const ARCH_RULE_TOOLS: Catalogue = {
  commands: [
    { tool: 'import-linter', ecosystem: 'python', commands: ['lint-imports'] },
    { tool: 'dependency-cruiser', ecosystem: 'node', commands: ['depcruise', 'dependency-cruiser', 'depcruise-baseline'] },
    { tool: 'deptrac', ecosystem: 'php', commands: ['deptrac'] },
    { tool: 'packwerk', ecosystem: 'ruby', commands: ['packwerk'], subcommands: ['check', 'validate'] },
    { tool: 'go-arch-lint', ecosystem: 'go', commands: ['go-arch-lint'], subcommands: ['check'] }
  ],
  actions: [],
  configs: [
    { tool: 'import-linter', ecosystem: 'python', file: '.importlinter' },
    { tool: 'import-linter', ecosystem: 'python', file: 'setup.cfg', contains: '[importlinter' },
    { tool: 'import-linter', ecosystem: 'python', file: 'pyproject.toml', contains: '[tool.importlinter' },
    { tool: 'dependency-cruiser', ecosystem: 'node', file: '.dependency-cruiser.js' },
    { tool: 'dependency-cruiser', ecosystem: 'node', file: '.dependency-cruiser.cjs' },
    { tool: 'dependency-cruiser', ecosystem: 'node', file: '.dependency-cruiser.mjs' },
    { tool: 'dependency-cruiser', ecosystem: 'node', file: '.dependency-cruiser.json' },
    { tool: 'deptrac', ecosystem: 'php', file: 'deptrac.yaml' },
    { tool: 'deptrac', ecosystem: 'php', file: 'deptrac.yml' },
    { tool: 'deptrac', ecosystem: 'php', file: 'depfile.yaml' },
    { tool: 'packwerk', ecosystem: 'ruby', file: 'packwerk.yml' },
    { tool: 'go-arch-lint', ecosystem: 'go', file: '.go-arch-lint.yml' }
  ]
}

/** Rules kept in another tool's configuration, with the tool (of the lint or test catalogue) that carries them. */
export const ARCH_CONFIG_RULES: readonly {
  readonly tool: string
  readonly carriers: readonly string[]
  readonly configs: readonly ConfigSignature[]
  /** The configuration must also name one of the service's own Go modules (a rule about its layers). */
  readonly namesOwnModule?: boolean
}[] = [
  {
    tool: 'eslint-plugin-boundaries',
    carriers: ['eslint', 'nx lint'],
    configs: ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', '.eslintrc.js', '.eslintrc.cjs', '.eslintrc.json', '.eslintrc'].map((file) => ({ tool: 'eslint-plugin-boundaries', ecosystem: 'node' as const, file, contains: 'boundaries/element-types' }))
  },
  {
    tool: 'Nx enforce-module-boundaries',
    carriers: ['eslint', 'nx lint'],
    configs: ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', '.eslintrc.json', '.eslintrc.js'].map((file) => ({ tool: 'Nx enforce-module-boundaries', ecosystem: 'node' as const, file, contains: 'enforce-module-boundaries' }))
  },
  {
    tool: 'golangci-lint depguard',
    carriers: ['golangci-lint'],
    configs: ['.golangci.yml', '.golangci.yaml', '.golangci.toml'].map((file) => ({ tool: 'golangci-lint depguard', ecosystem: 'go' as const, file, contains: 'depguard' })),
    namesOwnModule: true
  },
  { tool: 'boundary', carriers: ['ExUnit (mix test)'], configs: [{ tool: 'boundary', ecosystem: 'elixir', file: 'mix.exs', contains: ':boundary' }] }
]

const ci = (run: string): string[] => ['```yaml', '# .github/workflows/architecture.yml', 'on: [pull_request]', 'jobs:', '  layers:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', ...run.split('\n').map((l) => `      ${l}`), '```']

/** Per stack: what to move where, a rule for the stack's architecture linter, and the CI step that runs it. */
export const LAYER_REMEDIATION: Readonly<Record<Ecosystem, string>> = {
  python: [
    '**Python** — move queries and outbound calls out of views/routers into `app/services/` and `app/repositories/`, then state the layers as an import-linter contract (`.importlinter`):',
    '```ini',
    '[importlinter]',
    'root_package = app',
    '',
    '[importlinter:contract:layers]',
    'name = API calls services, services call repositories',
    'type = layers',
    'layers =',
    '    app.api',
    '    app.services',
    '    app.repositories',
    '```',
    ...ci('- uses: actions/setup-python@v5\n- run: pip install import-linter && pip install -e .\n- run: lint-imports')
  ].join('\n'),
  node: [
    '**Node / TypeScript** — keep route handlers calling services, and let only `src/repositories`/`src/clients` touch the database and other services; a dependency-cruiser rule (`.dependency-cruiser.cjs`):',
    '```js',
    'module.exports = {',
    '  forbidden: [',
    '    {',
    "      name: 'handlers-use-services',",
    "      severity: 'error',",
    "      from: { path: '^src/(routes|controllers)' },",
    '      to: {',
    '        path: [',
    "          '^src/repositories',",
    "          'node_modules/(pg|knex|@prisma/client|axios|ioredis)'",
    '        ]',
    '      }',
    '    }',
    '  ]',
    '}',
    '```',
    ...ci('- uses: actions/setup-node@v4\n- run: npm ci\n- run: npx depcruise src --config .dependency-cruiser.cjs')
  ].join('\n'),
  go: [
    '**Go** — handlers depend on service interfaces; only `internal/store` imports the driver. A golangci-lint depguard rule (`.golangci.yml`):',
    '```yaml',
    'linters:',
    '  enable: [depguard]',
    'linters-settings:',
    '  depguard:',
    '    rules:',
    '      handlers:',
    '        files: ["**/internal/api/**"]',
    '        deny:',
    '          - pkg: database/sql',
    '            desc: handlers call the service layer, not the database',
    '          - pkg: example.com/app/internal/store',
    '            desc: go through internal/service',
    '```',
    ...ci('- uses: actions/setup-go@v5\n- uses: golangci/golangci-lint-action@v6')
  ].join('\n'),
  java: [
    '**JVM** — controllers call services, only repositories touch JPA/JDBC and clients. An ArchUnit test (`com.tngtech.archunit:archunit-junit5`, test scope):',
    '```java',
    '@AnalyzeClasses(packages = "com.example.app")',
    'class LayersTest {',
    '  @ArchTest',
    '  static final ArchRule layers = layeredArchitecture()',
    '      .consideringAllDependencies()',
    '      .layer("Web").definedBy("..web..")',
    '      .layer("Service").definedBy("..service..")',
    '      .layer("Persistence").definedBy("..repository..")',
    '      .whereLayer("Web").mayNotBeAccessedByAnyLayer()',
    '      .whereLayer("Service").mayOnlyBeAccessedByLayers("Web")',
    '      .whereLayer("Persistence").mayOnlyBeAccessedByLayers("Service");',
    '}',
    '```',
    ...ci('- uses: actions/setup-java@v4\n  with: { distribution: temurin, java-version: 21 }\n- run: ./mvnw -B verify')
  ].join('\n'),
  ruby: [
    '**Ruby / Rails** — keep raw SQL, caches and HTTP clients out of controllers (models, `app/services`, `app/clients`); a packwerk package (`app/controllers/package.yml`):',
    '```yaml',
    'enforce_dependencies: true',
    'dependencies:',
    '  - app/services',
    '  - app/models',
    '```',
    ...ci('- uses: ruby/setup-ruby@v1\n  with: { bundler-cache: true }\n- run: bin/packwerk check')
  ].join('\n'),
  rust: [
    '**Rust** — handlers call a service module or crate; only the `db`/`clients` crate depends on sqlx/diesel/reqwest. Make it structural in `api/Cargo.toml`, so the compiler enforces it:',
    '```toml',
    '[dependencies]',
    'app-service = { path = "../service" }',
    '# no sqlx, diesel or reqwest here:',
    '# only crates/db and crates/clients depend on them',
    '```',
    ...ci('- uses: dtolnay/rust-toolchain@stable\n- run: cargo build --workspace --locked')
  ].join('\n'),
  php: [
    '**PHP** — controllers call services and repositories; only `src/Infrastructure` uses the DB, cache and HTTP clients. A deptrac layer file (`deptrac.yaml`):',
    '```yaml',
    'deptrac:',
    '  paths: [./src]',
    '  layers:',
    '    - name: Controller',
    '      collectors: [{ type: classLike, value: .*Controller.* }]',
    '    - name: Service',
    '      collectors: [{ type: directory, value: src/Service/.* }]',
    '    - name: Infrastructure',
    '      collectors: [{ type: directory, value: src/Infrastructure/.* }]',
    '  ruleset:',
    '    Controller: [Service]',
    '    Service: [Infrastructure]',
    '```',
    ...ci('- uses: shivammathur/setup-php@v2\n- run: composer install --no-progress\n- run: vendor/bin/deptrac analyse --no-progress')
  ].join('\n'),
  dotnet: [
    '**.NET** — controllers depend on service interfaces; only the infrastructure project references EF Core and HttpClient. A NetArchTest rule in the test project:',
    '```csharp',
    '[Fact]',
    'public void Controllers_do_not_use_infrastructure() =>',
    '    Assert.True(Types.InAssembly(typeof(Program).Assembly)',
    '        .That().ResideInNamespace("App.Api.Controllers")',
    '        .ShouldNot().HaveDependencyOnAny(',
    '            "Microsoft.EntityFrameworkCore", "App.Infrastructure")',
    '        .GetResult().IsSuccessful);',
    '```',
    ...ci('- uses: actions/setup-dotnet@v4\n- run: dotnet test')
  ].join('\n'),
  elixir: [
    '**Elixir / Phoenix** — controllers and LiveViews call contexts; `Repo` and HTTP clients stay inside the contexts. The boundary compiler (`{:boundary, "~> 0.10", runtime: false}`, `compilers: [:boundary] ++ Mix.compilers()`):',
    '```elixir',
    'defmodule MyAppWeb do',
    '  use Boundary, deps: [MyApp], exports: []',
    'end',
    '',
    'defmodule MyApp do',
    '  use Boundary, deps: [], exports: [Accounts, Billing]',
    'end',
    '```',
    ...ci('- uses: erlef/setup-beam@v1\n  with: { otp-version: "27", elixir-version: "1.17" }\n- run: mix deps.get && mix compile --warnings-as-errors')
  ].join('\n')
}
