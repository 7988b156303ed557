import type { Ecosystem } from '../../facts/manifests/types.js'
import { snippetFor, type Framework } from '../../facts/service/frameworks.js'
import { JVM_CONTRACT } from './jvm-snippets.js'
import type { Catalogue, CommandSignature } from './match.js'
import { MAVEN_COMMANDS } from '../../facts/ci/resolve/jvm.js'

/**
 * Contract-test signatures in CI (docs/catalogue.md, "Contract tests"): tools that exercise the running API against
 * its OpenAPI description or consumer pacts, and breaking-change diffs of the spec. Spec linters
 * (Spectral, Redocly lint) and `prism mock` are deliberately absent: they test the document, not
 * the implementation.
 */
export const CONTRACT: Catalogue = {
  commands: [
    { tool: 'Schemathesis', commands: ['schemathesis', 'st'], subcommands: ['run'] },
    { tool: 'Dredd', commands: ['dredd'], notARunFlags: ['--version', '--help', 'init'] },
    { tool: 'Pact verification', commands: ['pact-provider-verifier', 'pact_verifier_cli', 'pact-verifier'] },
    { tool: 'Pact can-i-deploy', commands: ['pact-broker', 'pact'], subcommands: ['can-i-deploy'] },
    { tool: 'Pact publish', commands: ['pact-broker'], subcommands: ['publish'], kind: 'related', note: 'publishing pacts is not verifying them' },
    { tool: 'Pact verification', commands: ['rake'], subcommands: ['pact:verify'] },
    { tool: 'Prism proxy', commands: ['prism'], subcommands: ['proxy'] },
    { tool: 'oasdiff', commands: ['oasdiff'], subcommands: ['breaking', 'changelog', 'diff'] },
    // openapitools/openapi-diff (Java, docker image) reports and exits 0 unless told to fail; the npm
    // openapi-diff fails on breaking changes by default. The Java tool's output flags tell them apart.
    { tool: 'openapi-diff', commands: ['openapi-diff'], requireAnyFlag: ['--fail-on-incompatible', '--fail-on-changed'] },
    { tool: 'openapi-diff', commands: ['openapi-diff'], requireAnyFlag: ['--state', '--markdown', '--html', '--json', '--text', '--asciidoc', '-l', '--log-level'], blockingFlags: ['--fail-on-incompatible', '--fail-on-changed'] },
    { tool: 'openapi-diff', commands: ['openapi-diff'] },
    { tool: 'Optic', commands: ['optic'], subcommands: ['diff', 'ci'] },
    { tool: 'Portman', commands: ['portman'] },
    // Pact JVM: the Gradle plugin's and the Maven plugin's provider verification.
    { tool: 'Pact verification', commands: ['gradle', 'gradlew'], subcommands: ['pactverify'], anyPositional: true },
    { tool: 'Pact verification', commands: MAVEN_COMMANDS, subcommands: ['pact:verify'], anyPositional: true }
  ],
  actions: [
    { tool: 'Schemathesis', names: ['schemathesis/action'] },
    { tool: 'oasdiff', names: ['oasdiff/oasdiff-action/*', 'tufin/oasdiff-action*'] },
    { tool: 'Pact can-i-deploy', names: ['pactflow/actions/can-i-deploy'] },
    { tool: 'bump.sh diff', names: ['bump-sh/github-action'], requireInputs: ['command=diff'] },
    { tool: 'Microcks contract test', names: ['microcks/test-github-action'] }
  ],
  configs: [
    { tool: 'Dredd', file: 'dredd.yml' },
    { tool: 'Schemathesis', file: 'schemathesis.toml' },
    { tool: 'Optic', file: 'optic.yml' }
  ]
}

/** Commands that regenerate a committed spec (the first half of a drift check). */
export const SPEC_DUMPS: readonly CommandSignature[] = [
  { tool: 'drf-spectacular', commands: ['manage.py', 'django-admin'], subcommands: ['spectacular', 'generate_swagger', 'generateschema', 'export_openapi_schema'] },
  { tool: 'swag', commands: ['swag'], subcommands: ['init'] },
  { tool: 'go-swagger', commands: ['swagger'], subcommands: ['generate'] },
  { tool: 'flask openapi', commands: ['flask'], subcommands: ['openapi', 'spec'] },
  { tool: 'springdoc', commands: ['gradle', 'gradlew'], subcommands: ['generateopenapidocs'], anyPositional: true },
  { tool: 'rswag', commands: ['rake', 'rails'], subcommands: ['rswag:specs:swaggerize'] },
  { tool: 'tsoa', commands: ['tsoa'], subcommands: ['spec', 'spec-and-routes'] },
  // PHP generators' export commands (artisan and Symfony console), and swagger-php's CLI.
  { tool: 'l5-swagger', commands: ['artisan'], subcommands: ['l5-swagger:generate'] },
  { tool: 'Scribe', commands: ['artisan'], subcommands: ['scribe:generate'] },
  { tool: 'Scramble', commands: ['artisan'], subcommands: ['scramble:export'] },
  { tool: 'laravel-openapi', commands: ['artisan'], subcommands: ['openapi:generate'] },
  { tool: 'NelmioApiDocBundle', commands: ['console'], subcommands: ['nelmio:apidoc:dump'] },
  { tool: 'API Platform', commands: ['console', 'artisan'], subcommands: ['api:openapi:export'] },
  { tool: 'swagger-php', commands: ['openapi'], requireAnyFlag: ['-o', '--output'] },
  { tool: 'open_api_spex', commands: ['mix'], subcommands: ['openapi.spec.json', 'openapi.spec.yaml'] },
  { tool: 'phoenix_swagger', commands: ['mix'], subcommands: ['phx.swagger.generate'] },
  // .NET: the Swashbuckle CLI (`dotnet swagger tofile --output openapi.json bin/…/Api.dll v1`) and NSwag.
  { tool: 'Swashbuckle CLI', commands: ['swagger'], subcommands: ['tofile'] },
  { tool: 'NSwag', commands: ['nswag'], subcommands: ['run', 'aspnetcore2openapi', 'webapi2openapi'] }
]

/**
 * A command whose text shows it writes the spec: the app's own generator (`app.openapi()`,
 * `get_openapi`, a `openapi.json` output) or a task named for it (`cargo run -- generate-openapi`,
 * `cargo run -p openapi-generator`, `npm run generate:openapi`, `make openapi-gen`).
 */
export const SPEC_DUMP_TEXT = /openapi\(\)|get_openapi|openapi\.(json|ya?ml)|\b(generate|gen|dump|export|write|print)[-_:]?(openapi|swagger)\b|\b(openapi|swagger)[-_:]?(gen|generate|generator|dump|export)\b/i

/** Test runners per contract-test file extension, so a test-file contract test counts when CI runs its suite. */
export const RUNNERS_BY_EXTENSION: readonly { readonly ext: readonly string[]; readonly ecosystem: Ecosystem }[] = [
  { ext: ['.py'], ecosystem: 'python' },
  { ext: ['.js', '.ts', '.mjs', '.cjs', '.tsx', '.jsx'], ecosystem: 'node' },
  { ext: ['.go'], ecosystem: 'go' },
  { ext: ['.java', '.kt', '.groovy', '.yml', '.yaml', '.kts'], ecosystem: 'java' },
  { ext: ['.rb'], ecosystem: 'ruby' },
  { ext: ['.php'], ecosystem: 'php' },
  // ExUnit compiles test/support (elixirc_paths in :test) with the suite: a ConnCase there counts.
  { ext: ['.ex', '.exs'], ecosystem: 'elixir' },
  { ext: ['.cs', '.fs', '.vb'], ecosystem: 'dotnet' }
]

const SCHEMATHESIS_STEP = [
  'Run Schemathesis against the running app on every pull request (any stack):',
  '```yaml',
  'on: pull_request',
  'jobs:',
  '  contract:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - run: docker compose up -d --wait',
  '      - uses: schemathesis/action@v2',
  '        with:',
  "          schema: 'http://localhost:8000/openapi.json'",
  '```'
].join('\n')

/** In-suite contract tests per ecosystem (Markdown). */
const IN_SUITE: Readonly<Record<Ecosystem, string>> = {
  python: [
    '**Python** — the same check in-process with pytest:',
    '```python',
    'import schemathesis',
    'from app.main import app',
    '',
    'schema = schemathesis.openapi.from_asgi("/openapi.json", app)',
    '',
    '@schema.parametrize()',
    'def test_api(case):',
    '    case.call_and_validate()',
    '```'
  ].join('\n'),
  node: [
    '**Node** — validate responses against the spec in the test suite (jest-openapi):',
    '```ts',
    "import jestOpenAPI from 'jest-openapi'",
    "jestOpenAPI(path.join(__dirname, '../openapi.yaml'))",
    '',
    "it('GET /items matches the spec', async () => {",
    "  const res = await request(app).get('/items')",
    '  expect(res).toSatisfyApiSpec()',
    '})',
    '```'
  ].join('\n'),
  go: [
    '**Go** — fail the PR when the committed spec is stale (swag, go-swagger), and validate responses with kin-openapi in tests:',
    '```yaml',
    '      - run: go install github.com/swaggo/swag/cmd/swag@latest',
    '      - run: swag init -o docs',
    '      - run: git diff --exit-code docs/',
    '```',
    '```go',
    '// doc from openapi3.NewLoader().LoadFromFile("docs/swagger.json")',
    'router, _ := gorillamux.NewRouter(doc)',
    'route, params, _ := router.FindRoute(req)',
    'in := &openapi3filter.RequestValidationInput{',
    '\tRequest: req, PathParams: params, Route: route,',
    '}',
    'out := &openapi3filter.ResponseValidationInput{',
    '\tRequestValidationInput: in,',
    '\tStatus:                 rec.Code,',
    '\tHeader:                 rec.Header(),',
    '\tBody:                   io.NopCloser(rec.Body),',
    '}',
    'err := openapi3filter.ValidateResponse(ctx, out)',
    '```'
  ].join('\n'),
  java: [
    '**Java / Spring** — check MockMvc responses against the spec (swagger-request-validator):',
    '```java',
    'OpenApiInteractionValidator validator = OpenApiInteractionValidator',
    '    .createForSpecificationUrl("openapi.yaml")',
    '    .build();',
    'mvc.perform(get("/items")).andExpect(openApi().isValid(validator));',
    '```'
  ].join('\n'),
  ruby: [
    '**Ruby** — rswag request specs (Rails) validate responses against `swagger/v1/swagger.yaml`; or `committee` in request specs (Rails: `Committee::Rails::Test::Methods`; Sinatra, Grape, Hanami, Roda: `Committee::Test::Methods` with Rack::Test):',
    '```ruby',
    'include Committee::Test::Methods',
    'let(:committee_options) { { schema_path: "openapi.yaml" } }',
    'it("GET /items matches the schema") do',
    '  get "/items"',
    '  assert_response_schema_confirm(200)',
    'end',
    '```'
  ].join('\n'),
  rust: [
    '**Rust** — fail the PR when the spec generated by utoipa drifts from the committed one:',
    '```rust',
    '#[test]',
    'fn openapi_is_up_to_date() {',
    '    let generated = ApiDoc::openapi().to_pretty_json().unwrap();',
    '    let committed = std::fs::read_to_string("openapi.json").unwrap();',
    '    assert_eq!(generated, committed, "regenerate and commit openapi.json");',
    '}',
    '```'
  ].join('\n'),
  php: [
    '**PHP** — validate responses against the spec in feature tests (osteel/openapi-httpfoundation-testing; Laravel: hotmeteor/spectator):',
    '```php',
    "$validator = ValidatorBuilder::fromYamlFile(base_path('openapi.yaml'))",
    '    ->getValidator();',
    "$response = $this->getJson('/api/items');",
    '$this->assertTrue(',
    "    $validator->validate($response->baseResponse, '/api/items', 'get')",
    ');',
    '```'
  ].join('\n'),
  dotnet: [
    '**ASP.NET Core** — write the document at build time (Microsoft.Extensions.ApiDescription.Server) and fail the PR when it drifts:',
    '```xml',
    '<PropertyGroup>',
    '  <OpenApiGenerateDocuments>true</OpenApiGenerateDocuments>',
    '  <OpenApiDocumentsDirectory>',
    '    $(MSBuildProjectDirectory)',
    '  </OpenApiDocumentsDirectory>',
    '</PropertyGroup>',
    '```',
    '```yaml',
    '      - run: dotnet build',
    "      - run: git diff --exit-code -- '*.json'",
    '```'
  ].join('\n'),
  elixir: [
    '**Elixir / Phoenix** — open_api_spex checks responses against the spec in tests:',
    '```elixir',
    'import OpenApiSpex.TestAssertions',
    '',
    'test "GET /api/items matches the spec", %{conn: conn} do',
    '  json = conn |> get("/api/items") |> json_response(200)',
    '  assert_schema(json, "ItemList", MyAppWeb.ApiSpec.spec())',
    'end',
    '```'
  ].join('\n')
}

const OTHER_WAYS = 'Other ways: Dredd or a Prism proxy against a committed spec, Pact for consumer-driven contracts, `oasdiff breaking` to block breaking changes, or a drift check (`regenerate the spec && git diff --exit-code openapi.yaml`).'

/** How to add contract tests for the ecosystems detected (every ecosystem when none is given). */
export function contractRemediation(ecosystems: readonly Ecosystem[], frameworks: readonly Framework[] = []): string {
  const shown = (Object.keys(IN_SUITE) as Ecosystem[]).filter((e) => ecosystems.length === 0 || ecosystems.includes(e))
  // A JVM service on another framework than Spring gets its own in-suite snippet (MockMvc is Spring's).
  const jvm = frameworks.includes('spring') ? undefined : snippetFor(frameworks, JVM_CONTRACT)
  return [SCHEMATHESIS_STEP, ...shown.map((e) => (e === 'java' && jvm ? jvm : IN_SUITE[e])), OTHER_WAYS].join('\n\n')
}

/** How to add contract tests (Markdown), for every stack. */
export const CONTRACT_SNIPPET = contractRemediation([])

/** argv with a `python script.py` prefix reduced to the script (`python manage.py x` → `manage.py x`). */
export function scriptArgv(argv: readonly string[]): readonly string[] {
  if (argv.length > 1 && /^python[\d.]*$/.test(argv[0]!) && argv[1]!.endsWith('.py')) return [argv[1]!.slice(argv[1]!.lastIndexOf('/') + 1), ...argv.slice(2)]
  return argv
}
