import contractTests from '../../src/checks/contract-tests.js'
import { checkTester } from '../helpers/check-tester.js'
import { action, run } from '../helpers/facts.js'

const APP = { 'requirements.txt': 'fastapi\n', 'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' }
const ST_TEST = {
  'tests/test_contract.py': 'import schemathesis\nfrom app.main import app\nschema = schemathesis.openapi.from_asgi("/openapi.json", app)\n\n@schema.parametrize()\ndef test_api(case):\n    case.call_and_validate()\n'
}

const GO_APP = { 'go.mod': 'module x\n\nrequire github.com/gin-gonic/gin v1.9.0\n', 'main.go': 'package main\n\nimport "github.com/gin-gonic/gin"\n\nfunc main() {\n\tr := gin.New()\n\tr.GET("/items", list)\n}\n' }

const STRAWBERRY = {
  'requirements.txt': 'fastapi\nstrawberry-graphql\n',
  'app/main.py': 'from fastapi import FastAPI\nfrom strawberry.fastapi import GraphQLRouter\napp = FastAPI(openapi_url=None)\napp.include_router(GraphQLRouter(schema), prefix="/graphql")\n@app.get("/healthz")\ndef healthz():\n    return {"ok": True}\n'
}

checkTester(contractTests, {
  pass: [
    {
      name: 'schemathesis run on pull requests',
      facts: { files: APP, ci: { runs: [run('schemathesis run http://localhost:8000/openapi.json --checks all', { line: 30 })] } },
      messageId: 'pass',
      data: { tools: 'Schemathesis' },
      evidence: [{ path: '.github/workflows/ci.yml', line: 30 }]
    },
    { name: 'schemathesis GitHub Action', facts: { files: APP, ci: { actions: [action('schemathesis/action', { version: 'v2' })] } }, messageId: 'pass', data: { tools: 'Schemathesis' } },
    { name: 'oasdiff breaking', facts: { files: APP, ci: { runs: [run('oasdiff breaking base.yaml openapi.yaml --fail-on ERR')] } }, messageId: 'pass', data: { tools: 'oasdiff' } },
    {
      name: 'schemathesis pytest file run by pytest on PRs',
      facts: { files: { ...APP, ...ST_TEST }, ci: { runs: [run('uv run pytest tests', { line: 40 })] } },
      messageId: 'pass',
      data: { tools: 'Schemathesis' },
      evidence: [{ path: 'tests/test_contract.py', line: 3 }, { path: '.github/workflows/ci.yml', line: 40 }]
    },
    {
      name: 'drift check: regenerate then git diff --exit-code',
      facts: { files: APP, ci: { runs: [run('python manage.py spectacular --file schema.yml', { line: 12 }), run('git diff --exit-code schema.yml', { line: 13 })] } },
      messageId: 'pass',
      data: { tools: 'spec drift check' },
      evidence: [{ line: 13, message: 'committed spec compared with the regenerated one' }]
    },
    {
      name: 'drift check: go-swagger regenerates, a tested git status --porcelain compares',
      facts: {
        files: GO_APP,
        ci: { runs: [run('swagger generate spec --scan-models -o docs/spec.json', { line: 20 }), run('git status --porcelain', { line: 21, checkedOutput: true })] }
      },
      messageId: 'pass',
      data: { tools: 'spec drift check' },
      evidence: [{ line: 21, message: 'committed spec compared with the regenerated one' }]
    },
    {
      name: 'drift check: a diff test in an if whose branch exits 1',
      facts: { files: { ...APP, '.github/workflows/docs.yml': 'on: pull_request\njobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python manage.py spectacular --file schema.yml\n      - run: |\n          if ! git diff --quiet schema.yml; then\n            echo "schema.yml is stale"\n            exit 1\n          fi\n' } },
      messageId: 'pass',
      data: { tools: 'spec drift check' },
      evidence: [{ path: '.github/workflows/docs.yml', line: 7, message: 'committed spec compared with the regenerated one' }]
    }
  ],
  partial: [
    { name: 'schemathesis only on schedule', facts: { files: APP, ci: { runs: [run('st run openapi.yaml', { schedule: true })] } }, messageId: 'not-on-prs', data: { tools: 'Schemathesis' } },
    {
      name: 'contract test file whose suite CI runs elsewhere',
      facts: { files: { ...APP, ...ST_TEST }, ci: { runs: [run('pytest tests/unit')] } },
      messageId: 'not-on-prs',
      data: { tools: 'Schemathesis' },
      evidence: [{ path: 'tests/test_contract.py', line: 3 }]
    },
    { name: 'contract test file and no CI', facts: { files: { ...APP, ...ST_TEST } }, messageId: 'not-on-prs' }
  ],
  fail: [
    {
      name: 'a job that regenerates the spec and commits it when it changed is a fix-up, not a drift check',
      facts: { files: { ...APP, '.github/workflows/docs.yml': 'on: pull_request\njobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python manage.py spectacular --file schema.yml\n      - run: |\n          git add --all\n          if git diff --cached --quiet; then\n            exit 0\n          fi\n          git commit -m "chore: update schema"\n          git push\n' } },
      messageId: 'fail'
    },
    {
      name: 'git status --porcelain whose output nobody tests is no drift check; a Go service is shown the Go fix',
      facts: { files: GO_APP, ci: { runs: [run('swag init -o docs', { line: 20 }), run('git status --porcelain', { line: 21 })] } },
      messageId: 'fail',
      remediation: ['schemathesis/action', 'swag init', 'openapi3filter']
    },
    {
      name: 'GraphQL plus a REST route is mixed: contract tests still apply',
      facts: { files: { ...STRAWBERRY, 'app/orders.py': 'from fastapi import APIRouter\nrouter = APIRouter()\n@router.get("/orders")\ndef orders():\n    return []\n', 'app/main.py': STRAWBERRY['app/main.py'] + 'app.include_router(orders.router)\n' } },
      messageId: 'fail'
    },
    { name: 'schemathesis as a dependency only, commented-out test', facts: { files: { ...APP, 'requirements-dev.txt': 'schemathesis\n', 'tests/test_api.py': 'import schemathesis\n# @schema.parametrize()\ndef test_api(case):\n    pass\n' }, ci: { runs: [run('pytest')] } }, messageId: 'fail', remediation: ['schemathesis/action'] },
    { name: 'spectral lint is not a contract test', facts: { files: APP, ci: { runs: [run('spectral lint openapi.yaml')] } }, messageId: 'fail' },
    { name: 'prism mock is not a contract test', facts: { files: APP, ci: { runs: [run('prism mock openapi.yaml')] } }, messageId: 'fail' }
  ],
  notApplicable: [
    { name: 'the repository of the framework itself (publishes djangorestframework)', facts: { files: { 'pyproject.toml': '[project]\nname = "djangorestframework"\ndependencies = ["django>=5.2"]\n', 'rest_framework/urls.py': 'urlpatterns = [path("health/", h)]\n' } }, messageId: 'framework-repo', data: { name: 'djangorestframework' }, evidence: [{ path: 'pyproject.toml', line: 2, message: 'publishes djangorestframework' }] },
    { name: 'no HTTP API', facts: { files: { 'requirements.txt': 'click\n' }, ci: { runs: [run('schemathesis run x')] } }, messageId: 'no-service' },
    {
      name: 'GraphQL-only API (Strawberry on FastAPI): no REST contract to test',
      facts: { files: STRAWBERRY, ci: { runs: [run('pytest')] } },
      messageId: 'graphql-only',
      data: { tool: 'Strawberry' },
      evidence: [{ path: 'requirements.txt', line: 2, message: 'GraphQL server: Strawberry (strawberry-graphql)' }]
    }
  ]
})
