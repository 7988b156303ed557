import { isExcluded, isTestPath } from '../excluded.js'
import type { Snapshot } from '../snapshot.js'
import { sourceKind } from '../usage.js'
import type { ContractTestFile } from './types.js'

/**
 * Contract tests written as test code: a file counts when it loads the tool (`requires`) AND
 * uses it to test (`uses`) on lines that are not comments, so an import alone or a commented-out
 * test is never a contract test (docs/catalogue.md, "Contract tests"). Data: one row per tool.
 */
export interface ContractFileSignature {
  readonly tool: string
  readonly requires: readonly string[]
  readonly uses: readonly string[]
}

export const CONTRACT_FILE_SIGNATURES: readonly ContractFileSignature[] = [
  { tool: 'Schemathesis', requires: ['schemathesis'], uses: ['.parametrize()', 'call_and_validate', 'validate_response', 'as_state_machine', 'from_asgi(', 'from_wsgi('] },
  { tool: 'Pact', requires: ['from pact import', 'from pact.', '@pact-foundation/pact', 'au.com.dius.pact', 'pact-go', 'Pact.service_consumer', "require 'pact", 'require "pact'], uses: ['Verifier(', 'has_pact_with', 'PactV3', 'PactV4', '@PactTestFor', '@Provider(', 'verifyProvider', 'VerifyProvider', 'upon_receiving', 'uponReceiving', 'Pact.service_consumer', 'honours_pact_with'] },
  { tool: 'openapi-core', requires: ['openapi_core'], uses: ['validate_response', 'unmarshal_response', 'ResponseValidator'] },
  { tool: 'drf-openapi-tester', requires: ['openapi_tester'], uses: ['validate_response'] },
  { tool: 'jest-openapi', requires: ['jest-openapi', 'jestOpenAPI'], uses: ['toSatisfyApiSpec'] },
  { tool: 'chai-openapi-response-validator', requires: ['chai-openapi-response-validator', 'chaiResponseValidator'], uses: ['satisfyApiSpec'] },
  { tool: 'openapi-response-validator', requires: ['openapi-response-validator'], uses: ['validateResponse('] },
  { tool: 'kin-openapi openapi3filter', requires: ['openapi3filter'], uses: ['ValidateResponse(', 'ValidateRequest('] },
  { tool: 'swagger-request-validator', requires: ['com.atlassian.oai.validator'], uses: ['OpenApiValidationFilter', 'OpenApiValidationMatchers', 'OpenApiInteractionValidator'] },
  { tool: 'committee', requires: ['Committee::'], uses: ['assert_schema_conform', 'assert_response_schema_confirm'] },
  { tool: 'rswag', requires: ['swagger_helper', 'openapi_helper'], uses: ['run_test!'] },
  { tool: 'openapi_first', requires: ['OpenapiFirst'], uses: ['OpenapiFirst::Test', 'assert_api_conform'] },
  // PHP: response validation in PHPUnit/Pest feature tests, API Platform's schema assertions, Pact.
  { tool: 'Spectator', requires: ['Spectator\\', 'Spectator::using('], uses: ['assertValidResponse(', 'assertValidRequest('] },
  { tool: 'openapi-httpfoundation-testing', requires: ['Osteel\\OpenApi\\Testing'], uses: ['->validate(', '::fromYaml', '::fromJson'] },
  { tool: 'openapi-psr7-validator', requires: ['League\\OpenAPIValidation'], uses: ['->validate(', 'ValidatorBuilder'] },
  { tool: 'laravel-openapi-validator', requires: ['Kirschbaum\\OpenApiValidator'], uses: ['use ValidatesOpenApiSpec'] },
  { tool: 'API Platform schema assertions', requires: ['ApiPlatform\\Symfony\\Bundle\\Test\\ApiTestCase', 'ApiPlatform\\Laravel\\Test\\'], uses: ['assertMatchesResourceItemJsonSchema(', 'assertMatchesResourceCollectionJsonSchema(', 'assertMatchesJsonSchema('] },
  { tool: 'Pact', requires: ['PhpPact\\'], uses: ['->verify(', 'new Verifier(', 'InteractionBuilder'] },
  { tool: 'swagger-test', requires: ['ByJG\\ApiTools', 'ByJG\\Swagger'], uses: ['assertRequest(', 'ApiRequester'] },
  // Elixir: open_api_spex assertions (often wired once into a shared ConnCase under test/support,
  // so every controller test validates its response); phoenix_swagger's schema test.
  { tool: 'OpenApiSpex.TestAssertions', requires: ['OpenApiSpex.TestAssertions'], uses: ['assert_schema(', 'assert_schema ', 'assert_operation_response(', 'assert_operation_response ', 'assert_response_schema(', 'assert_response_schema ', 'assert_raw_schema(', 'assert_request_schema('] },
  { tool: 'PhoenixSwagger.SchemaTest', requires: ['PhoenixSwagger.SchemaTest'], uses: ['validate_resp_schema('] },
  // PactNet: consumer tests (`UponReceiving`) and provider verification (`new PactVerifier(…)…Verify()`).
  { tool: 'Pact', requires: ['using PactNet'], uses: ['new PactVerifier(', 'PactVerifier(', '.UponReceiving('] },
  { tool: 'committed-spec drift test', requires: ['.openapi()', 'get_openapi('], uses: ['openapi.json', 'openapi.yaml', 'schema.yml', 'schema.yaml'] }
]

/** Files under these directories are Spring Cloud Contract contracts. */
const SCC_DIR = 'src/test/resources/contracts/'

/** One pass over a file for every signature's `requires` tokens (literal alternation, linear). */
const ANY_REQUIRED = new RegExp(CONTRACT_FILE_SIGNATURES.flatMap((s) => s.requires).map((q) => q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'))

export function findContractTestFiles(snapshot: Snapshot): ContractTestFile[] {
  const out: ContractTestFile[] = []
  let scc = false
  for (const path of snapshot.files()) {
    if (isExcluded(path)) continue
    if (!scc && path.includes(SCC_DIR) && /\.(groovy|ya?ml|kts)$/.test(path)) {
      scc = true
      out.push({ tool: 'Spring Cloud Contract', path, line: 1, text: 'contract definition' })
      continue
    }
    const kind = sourceKind(path)
    if (!kind || kind.template || !isTestPath(path)) continue
    const r = snapshot.read(path)
    if (r.kind !== 'text' || r.size > 512 * 1024) continue
    for (const f of contractUses(r.text)) out.push({ tool: f.tool, path, line: f.line, text: f.text })
  }
  return out
}

const NO_USES: readonly { tool: string; line: number; text: string }[] = []

function contractUses(text: string): readonly { tool: string; line: number; text: string }[] {
  if (!ANY_REQUIRED.test(text)) return NO_USES
  const out: { tool: string; line: number; text: string }[] = []
  const lines = text.split('\n')
  for (const sig of CONTRACT_FILE_SIGNATURES) {
    let required = false
    let use: { line: number; text: string } | undefined
    for (let i = 0; i < lines.length && !(required && use); i++) {
      const l = lines[i]!
      if (l.length > 10_000) continue
      const t = l.trim()
      if (t.startsWith('#') || t.startsWith('//') || t.startsWith('*')) continue
      if (!required && sig.requires.some((q) => l.includes(q))) required = true
      if (!use && sig.uses.some((q) => l.includes(q))) use = { line: i + 1, text: t.slice(0, 200) }
    }
    if (required && use) out.push({ tool: sig.tool, ...use })
  }
  return out
}
