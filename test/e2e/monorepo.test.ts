import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { NODE } from '../helpers/runtime.js'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { render } from '../../src/report/index.js'
import { rowsOf } from '../../src/report/services.js'
import { scanReport } from '../helpers/scan.js'
import { tempGitRepo } from '../helpers/tmp-repo.js'

/** Three services (FastAPI, Express, Go) in one repository, each scored on its own. */
const MONOREPO: Record<string, string> = {
  'README.md': '# platform\n',
  // api: FastAPI with a deep health route, a Dockerfile built in CI for its path, contract tests.
  'services/api/pyproject.toml': '[project]\nname = "api"\ndependencies = ["fastapi", "tenacity"]\n\n[dependency-groups]\ndev = ["schemathesis", "pytest"]\n',
  'services/api/app/main.py':
    'from fastapi import FastAPI\nfrom sqlalchemy import text\nfrom .db import engine\napp = FastAPI()\n\n@app.get("/healthz")\ndef health():\n    with engine.connect() as c:\n        c.execute(text("SELECT 1"))\n    return {"ok": True}\n',
  'services/api/app/db.py': 'from sqlalchemy import create_engine\nengine = create_engine("sqlite://")\n',
  'services/api/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\nCMD ["uvicorn", "app.main:app"]\n',
  // web: Express without health route, with a Dockerfile nobody builds.
  'services/web/package.json': JSON.stringify({ name: 'web', dependencies: { express: '^4.19.0' } }),
  'services/web/src/app.js': "const express = require('express')\nconst app = express()\napp.get('/users', (req, res) => res.json([]))\nmodule.exports = app\n",
  'services/web/Dockerfile': 'FROM node:20\nCOPY . .\nCMD ["node", "src/app.js"]\n',
  // worker: Go chi service with a shallow ping route.
  'services/worker/go.mod': 'module example.com/worker\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n',
  'services/worker/main.go':
    'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/go-chi/chi/v5"\n)\n\nfunc main() {\n\tr := chi.NewRouter()\n\tr.Get("/ping", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(200) })\n\thttp.ListenAndServe(":8080", r)\n}\n',
  '.github/workflows/api.yml':
    'on:\n  pull_request:\n    paths: ["services/api/**"]\njobs:\n  api:\n    runs-on: ubuntu-latest\n    defaults:\n      run:\n        working-directory: services/api\n    steps:\n      - uses: actions/checkout@v4\n      - run: ruff check .\n      - run: pytest\n      - run: schemathesis run --app app.main:app /openapi.json\n      - run: docker build -t api .\n',
  '.github/workflows/web.yml':
    'on:\n  pull_request:\n    paths: ["services/web/**"]\njobs:\n  web:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n        working-directory: services/web\n'
}

describe('monorepo services', () => {
  it('scores three services separately, with CI scoped by paths and working directories', async () => {
    const report = await scanReport({ root: tempGitRepo(MONOREPO), config: { ...DEFAULT_CONFIG, minScore: 50 }, inputs: { tags: null } })
    const services = report.services!
    expect(services.map((s) => [s.name, s.path])).toEqual([
      ['api', 'services/api'],
      ['web', 'services/web'],
      ['worker', 'services/worker']
    ])
    const status = (name: string, id: string) => services.find((s) => s.name === name)!.checks.find((c) => c.id === id)?.status
    // Only service-level checks are scored per service.
    expect(services[0]!.checks.map((c) => c.id).sort()).toEqual(['circuit-breakers', 'container-build', 'contract-tests', 'feature-flags', 'health-endpoint', 'layered-architecture', 'openapi-published'])
    expect(status('api', 'health-endpoint')).toBe('pass')
    expect(status('api', 'container-build')).toBe('pass')
    expect(status('api', 'contract-tests')).toBe('pass')
    expect(status('web', 'health-endpoint')).toBe('fail')
    // web's Dockerfile is not built: the api job's `docker build` covers services/api only.
    expect(status('web', 'container-build')).toBe('partial')
    // The api workflow's schemathesis run does not count for web.
    expect(status('web', 'contract-tests')).toBe('fail')
    expect(status('worker', 'health-endpoint')).toBe('pass')
    // The overall gate fails because a service gate fails, and says which.
    const web = services.find((s) => s.name === 'web')!
    expect(web.gate.passed).toBe(false)
    expect(report.gate.passed).toBe(false)
    expect(report.gate.reasons.some((r) => r.startsWith('service web: score'))).toBe(true)
    expect(report.gate.reasons.some((r) => r.startsWith('service api:'))).toBe(false)
    // One row per service in the comment, JSON `services`.
    const md = render('markdown', report, { color: false })
    expect(md).toMatch(/\| api \| `services\/api` \| \d+\/100 \([A-F]\) \| ✅ passed \|/)
    expect(md).toMatch(/\| web \| `services\/web` \| \d+\/100 \([A-F]\) \| ❌ failed: score \d+ is under 50 \|/)
    // The rows shown reflect the services (the JSON keeps the repository's own judgement), and the
    // services table says only what differs from them.
    expect(report.checks.find((c) => c.id === 'health-endpoint')!.status).toBe('pass')
    const health = rowsOf(report).find((c) => c.id === 'health-endpoint')!
    expect([health.status, health.summary]).toEqual(['partial', '2 of 3 services pass (api and worker); fail: web.'])
    expect(md).toMatch(/\| 🟡 Partial \| \[Health endpoint\]\([^)]*\) \| 2 of 3 services pass \\\(api and worker\\\); fail: web\\\. \|/)
    expect(health.evidence.every((e) => e.path === undefined || e.path.startsWith('services/web/'))).toBe(true)
    expect(md).toMatch(/\| api \| `services\/api` \|[^\n]*\| ✅ Contract tests, ✅ OpenAPI published, ✅ Health endpoint, ✅ Container image built in CI, ❌ Layered architecture \|/)
    expect(md).not.toMatch(/\| (api|web|worker) \|[^\n]*Feature flags/)
    // The headline stays one line, naming the worst services.
    const headline = md.split('\n')[0]!
    expect(headline).toMatch(/gate failed: 2 of 3 services fail their gate: web \\\(\d+\/100\\\) and worker \\\(\d+\/100\\\)$/)
    expect(headline).not.toContain('service web:')
    // SARIF: one run (and category) per service, its results at the service's files.
    const sarif = JSON.parse(render('sarif', report, { color: false })) as { runs: { automationDetails: { id: string }; properties: Record<string, unknown> }[] }
    expect(sarif.runs.map((r) => r.automationDetails.id)).toEqual(['shipshape/', 'shipshape/service/services/api/', 'shipshape/service/services/web/', 'shipshape/service/services/worker/'])
    expect(sarif.runs[2]!.properties).toMatchObject({ service: 'web', servicePath: 'services/web', gatePassed: false })
    const json = JSON.parse(render('json', report, { color: false }))
    expect(json.services).toHaveLength(3)
    expect(Object.keys(json.services[0])).toEqual(['name', 'path', 'score', 'grade', 'gate', 'checks'])
  })

  it('uses the services listed in config, and a single-service repository looks exactly as before', async () => {
    const files = { 'pyproject.toml': '[project]\nname = "one"\ndependencies = ["fastapi"]\n', 'app.py': 'from fastapi import FastAPI\napp = FastAPI()\n' }
    const single = await scanReport({ root: tempGitRepo(files), config: DEFAULT_CONFIG, inputs: { tags: null } })
    expect(single.services).toBeUndefined()
    expect(JSON.parse(render('json', single, { color: false }))).not.toHaveProperty('services')
    const listed = await scanReport({ root: tempGitRepo(MONOREPO), config: { ...DEFAULT_CONFIG, minScore: 0, services: [{ name: 'core-api', path: 'services/api' }] }, inputs: { tags: null } })
    expect(listed.services!.map((s) => s.name)).toEqual(['core-api'])
  })
  it('gives three rows and the overall gate through the bundled CLI', () => {
    const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
    const r = spawnSync(NODE, [cli, 'scan', tempGitRepo(MONOREPO), '--format', 'json', '--min-score', '50'], { encoding: 'utf8' })
    expect(r.status).toBe(1)
    const json = JSON.parse(r.stdout)
    expect(json.services.map((s: { name: string; gate: { passed: boolean } }) => [s.name, s.gate.passed])).toEqual([
      ['api', true],
      ['web', false],
      ['worker', expect.any(Boolean)]
    ])
    expect(json.gate.passed).toBe(false)
  })
})
