import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { beforeAll, describe, expect, it } from 'vitest'
import { branchWithProtection, classicProtection, ERRORS, fullRepository, issueComment, publicUser, pullRequest, RULES, tag, workflowRun, prRun, ACTIONS_BOT_USER } from '../helpers/fake-github.js'

/**
 * Keeps the fake GitHub honest: every JSON body it serves is validated against the response
 * schema of the same operation in GitHub's OpenAPI description (@octokit/openapi). The
 * description is large, so it is loaded once, here only.
 */

type Schema = Record<string, unknown>
interface Spec {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>
}

const require = createRequire(import.meta.url)
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
let specs: Record<string, Spec>
const ajv = addFormats(new Ajv({ strict: false, allErrors: true, validateSchema: false }))

function schemaOf(spec: Spec, path: string, method: string, status: string): Schema {
  const op = spec.paths[path]?.[method]
  const schema = op?.responses[status]?.content?.['application/json']?.schema
  if (!schema) throw new Error(`no ${status} JSON schema for ${method.toUpperCase()} ${path}`)
  return schema
}

/** OpenAPI 3.0 `nullable` → JSON Schema: Ajv refuses `nullable` next to a bare allOf/anyOf. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema)
  if (typeof node !== 'object' || node === null) return node
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node)) if (k !== 'nullable' && k !== 'example' && k !== 'examples') out[k] = toJsonSchema(v)
  if ((node as { nullable?: unknown }).nullable !== true) return out
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'], ...(Array.isArray(out.enum) ? { enum: [...out.enum, null] } : {}) }
  return { anyOf: [{ type: 'null' }, out] }
}

function check(specName: string, path: string, method: string, status: string, body: unknown): void {
  const validate = ajv.compile(toJsonSchema(schemaOf(specs[specName]!, path, method, status)) as Schema)
  const ok = validate(body)
  expect(ok ? [] : validate.errors?.slice(0, 5).map((e) => `${e.instancePath} ${e.message}`)).toEqual([])
}

beforeAll(() => {
  const dir = require.resolve('@octokit/openapi/package.json').replace(/package\.json$/, 'generated/')
  const load = (name: string): Spec => JSON.parse(readFileSync(`${dir}${name}.deref.json`, 'utf8')) as Spec
  specs = { 'api.github.com': load('api.github.com'), ghes: load('ghes-3.17') }
}, 120_000)

const comment = { id: 7, body: '<!-- shipshape:comment key=default -->\nhi', user: ACTIONS_BOT_USER, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' }

const CASES: readonly [string, string, string, () => unknown][] = [
  ['/repos/{owner}/{repo}', 'get', '200', () => fullRepository('acme', 'api', 'main')],
  ['/repos/{owner}/{repo}/rules/branches/{branch}', 'get', '200', () => [RULES.pullRequest(1), RULES.statusChecks(['test']), RULES.simple('non_fast_forward'), RULES.simple('deletion')]],
  ['/repos/{owner}/{repo}/branches/{branch}', 'get', '200', () => branchWithProtection('acme', 'api', 'main', true)],
  ['/repos/{owner}/{repo}/branches/{branch}/protection', 'get', '200', () => classicProtection(1, ['test'])],
  ['/repos/{owner}/{repo}/actions/runs', 'get', '200', () => ({ total_count: 1, workflow_runs: [workflowRun('acme', 'api', prRun(1, 5))] })],
  ['/repos/{owner}/{repo}/tags', 'get', '200', () => [tag('acme', 'api', 'v1.2.3')]],
  ['/repos/{owner}/{repo}/pulls/{pull_number}', 'get', '200', () => pullRequest('acme', 'api', 17, 'c'.repeat(40))],
  ['/repos/{owner}/{repo}/issues/{issue_number}/comments', 'get', '200', () => [issueComment('acme', 'api', 1, comment)]],
  ['/repos/{owner}/{repo}/issues/{issue_number}/comments', 'post', '201', () => issueComment('acme', 'api', 1, comment)],
  ['/repos/{owner}/{repo}/issues/comments/{comment_id}', 'patch', '200', () => issueComment('acme', 'api', 1, comment)],
  ['/user', 'get', '200', () => publicUser({ login: 'octocat', type: 'User' })]
]

const ERROR_CASES: readonly [string, string, string, unknown][] = [
  ['/repos/{owner}/{repo}/issues/{issue_number}/comments', 'post', '403', ERRORS.integration.body],
  ['/repos/{owner}/{repo}/issues/{issue_number}/comments', 'get', '404', ERRORS.notFound.body],
  ['/repos/{owner}/{repo}/issues/{issue_number}/comments', 'post', '422', ERRORS.bodyTooLong.body],
  ['/repos/{owner}/{repo}/branches/{branch}/protection', 'get', '404', ERRORS.branchNotProtected.body],
  ['/repos/{owner}/{repo}', 'get', '403', ERRORS.upgrade.body],
  ['/repos/{owner}/{repo}/pulls/{pull_number}', 'get', '404', ERRORS.notFound.body]
]

describe('fake GitHub responses match the OpenAPI description', () => {
  for (const spec of ['api.github.com', 'ghes']) {
    for (const [path, method, status, body] of CASES) {
      if (spec === 'ghes' && path.includes('/rules/branches/')) continue
      it(`${spec}: ${method.toUpperCase()} ${path} ${status}`, () => check(spec, path, method, status, body()))
    }
  }
  for (const [path, method, status, body] of ERROR_CASES) {
    it(`error body: ${method.toUpperCase()} ${path} ${status}`, () => check('api.github.com', path, method, status, body))
  }

  it('rejects a fixture that breaks the schema (the validation is real)', () => {
    const broken = { ...issueComment('acme', 'api', 1, comment), id: 'seven' }
    const validate = ajv.compile(toJsonSchema(schemaOf(specs['api.github.com']!, '/repos/{owner}/{repo}/issues/{issue_number}/comments', 'post', '201')) as Schema)
    expect(validate(broken)).toBe(false)
  })
})
