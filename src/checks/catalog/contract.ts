import type { Catalogue, CommandSignature } from './match.js'

/**
 * Contract-test signatures in CI (SIGNATURES.md §4): tools that exercise the running API against
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
    { tool: 'openapi-diff', commands: ['openapi-diff'] },
    { tool: 'Optic', commands: ['optic'], subcommands: ['diff', 'ci'] },
    { tool: 'Portman', commands: ['portman'] }
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
  { tool: 'flask openapi', commands: ['flask'], subcommands: ['openapi', 'spec'] },
  { tool: 'springdoc', commands: ['gradle', 'gradlew'], subcommands: ['generateOpenApiDocs'], anyPositional: true },
  { tool: 'rswag', commands: ['rake', 'rails'], subcommands: ['rswag:specs:swaggerize'] },
  { tool: 'tsoa', commands: ['tsoa'], subcommands: ['spec', 'spec-and-routes'] }
]

/** Test runners per contract-test file extension, so a test-file contract test counts when CI runs its suite. */
export const RUNNERS_BY_EXTENSION: readonly { readonly ext: readonly string[]; readonly ecosystem: 'python' | 'node' | 'go' | 'java' | 'ruby' }[] = [
  { ext: ['.py'], ecosystem: 'python' },
  { ext: ['.js', '.ts', '.mjs', '.cjs', '.tsx', '.jsx'], ecosystem: 'node' },
  { ext: ['.go'], ecosystem: 'go' },
  { ext: ['.java', '.kt', '.groovy', '.yml', '.yaml', '.kts'], ecosystem: 'java' },
  { ext: ['.rb'], ecosystem: 'ruby' }
]

/** How to add contract tests (Markdown). */
export const CONTRACT_SNIPPET = [
  'Run Schemathesis against the running app on every pull request:',
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
  '```',
  'In a Python app, the same check runs in-process with pytest:',
  '```python',
  'import schemathesis',
  'from app.main import app',
  '',
  'schema = schemathesis.openapi.from_asgi("/openapi.json", app)',
  '',
  '@schema.parametrize()',
  'def test_api(case):',
  '    case.call_and_validate()',
  '```',
  'Other stacks: Dredd or Prism proxy against a committed spec, Pact for consumer-driven contracts, `oasdiff breaking` to block breaking changes, or a drift check (`regenerate the spec && git diff --exit-code openapi.yaml`).'
].join('\n')

/** argv with a `python script.py` prefix reduced to the script (`python manage.py x` → `manage.py x`). */
export function scriptArgv(argv: readonly string[]): readonly string[] {
  if (argv.length > 1 && /^python[\d.]*$/.test(argv[0]!) && argv[1]!.endsWith('.py')) return [argv[1]!.slice(argv[1]!.lastIndexOf('/') + 1), ...argv.slice(2)]
  return argv
}
