import { execFileSync } from 'node:child_process'
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * Writes a synthetic monorepo of about `files` files: services in several ecosystems (FastAPI,
 * Express, Go), shared libraries, docs and assets, with CI workflows, Makefiles and manifests, so
 * every fact collector has real work to do.
 */
export function generateRepo(root: string, files: number): number {
  let written = 0
  const put = (path: string, content: string): void => {
    const abs = join(root, path)
    mkdirSync(dirname(abs), { recursive: true })
    writeFileSync(abs, content)
    written++
  }
  put('.github/workflows/ci.yml', CI)
  put('Makefile', 'lint:\n\truff check .\n\nTEST_FLAGS = -q\ntest: lint\n\tpytest $(TEST_FLAGS)\n')
  put('.pre-commit-config.yaml', 'repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.6.0\n    hooks:\n      - id: ruff\n')
  put('README.md', '# synthetic\n')
  const perService = 500
  const services = Math.max(1, Math.floor(files / perService))
  for (let s = 0; written < files; s++) {
    const kind = s % 3
    const base = `services/svc${s}`
    if (kind === 0) {
      put(`${base}/pyproject.toml`, `[project]\nname = "svc${s}"\ndependencies = ["fastapi", "tenacity", "openfeature-sdk"]\n\n[tool.mypy]\nstrict = true\n`)
      put(`${base}/app/main.py`, `from fastapi import FastAPI\nfrom .routes import router\napp = FastAPI()\napp.include_router(router, prefix="/api")\n\n@app.get("/healthz")\ndef health():\n    return {"ok": True}\n`)
      put(`${base}/Dockerfile`, 'FROM python:3.12-slim\nCOPY . /app\nHEALTHCHECK CMD curl -f http://localhost:8000/healthz\n')
    } else if (kind === 1) {
      put(`${base}/package.json`, JSON.stringify({ name: `svc${s}`, scripts: { lint: 'eslint .', test: 'vitest run', typecheck: 'tsc --noEmit' }, dependencies: { express: '^4', opossum: '^8' }, devDependencies: { eslint: '^9', vitest: '^4', typescript: '^5' } }, null, 2))
      put(`${base}/src/app.ts`, "import express from 'express'\nimport { router } from './routes.js'\nconst app = express()\napp.use('/api', router)\napp.get('/health', (_req, res) => res.json({ ok: true }))\nexport default app\n")
      put(`${base}/tsconfig.json`, '{ "compilerOptions": { "strict": true } }\n')
    } else {
      put(`${base}/go.mod`, `module example.com/svc${s}\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.0\n\tgithub.com/sony/gobreaker v0.5.0\n)\n`)
      put(`${base}/main.go`, 'package main\n\nimport (\n\t"net/http"\n\t"github.com/go-chi/chi/v5"\n)\n\nfunc main() {\n\tr := chi.NewRouter()\n\tr.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(200) })\n\thttp.ListenAndServe(":8080", r)\n}\n')
    }
    for (let i = 0; i < perService && written < files; i++) {
      const r = i % 10
      if (kind === 0) {
        if (r < 6) put(`${base}/app/mod${i}.py`, pySource(i))
        else if (r < 8) put(`${base}/tests/test_mod${i}.py`, `from app.mod${i} import handler_${i}\n\ndef test_${i}():\n    assert handler_${i}() is not None\n`)
        else put(`${base}/docs/page${i}.md`, `# Page ${i}\n\n${'Lorem ipsum dolor sit amet. '.repeat(20)}\n`)
      } else if (kind === 1) {
        if (r < 6) put(`${base}/src/mod${i}.ts`, tsSource(i))
        else if (r < 8) put(`${base}/test/mod${i}.test.ts`, `import { handler${i} } from '../src/mod${i}.js'\nimport { it, expect } from 'vitest'\nit('works', () => expect(handler${i}()).toBeDefined())\n`)
        else put(`${base}/assets/data${i}.json`, JSON.stringify({ id: i, values: Array.from({ length: 20 }, (_, k) => k) }))
      } else {
        if (r < 7) put(`${base}/internal/pkg${i % 20}/file${i}.go`, goSource(i))
        else put(`${base}/internal/pkg${i % 20}/file${i}_test.go`, `package pkg${i % 20}\n\nimport "testing"\n\nfunc TestF${i}(t *testing.T) {}\n`)
      }
    }
  }
  void services
  return written
}

/** Makes the directory a git repository with everything committed (the scanner lists with git). */
export function commitAll(root: string, message = 'synthetic'): void {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x' }
  const run = (...args: string[]): void => {
    execFileSync('git', args, { cwd: root, env, stdio: 'ignore', maxBuffer: 1 << 30 })
  }
  if (message === 'synthetic') run('init', '-q', '-b', 'main')
  run('add', '-A')
  run('commit', '-q', '-m', message)
}

/**
 * A second commit, like a pull request: one file in a thousand edited (a line appended) and one
 * new route module, so the PR-base comparison has a base with a little to read from git.
 */
export function commitChange(root: string): number {
  const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 }).split('\n').filter(Boolean)
  let changed = 0
  for (let i = 0; i < files.length; i += 1000) {
    appendFileSync(join(root, files[i]!), '\n# changed by the pull request\n')
    changed++
  }
  writeFileSync(join(root, 'services/svc0/app/pr_added.py'), pySource(9999))
  commitAll(root, 'pull request')
  return changed + 1
}

function pySource(i: number): string {
  return `from fastapi import APIRouter\nimport httpx\n\nrouter = APIRouter(prefix="/items${i}")\n\n\n@router.get("/{item_id}")\nasync def handler_${i}(item_id: int):\n    async with httpx.AsyncClient() as client:\n        r = await client.get(f"http://upstream/{item_id}")\n    return r.json()\n${'# filler line for a realistic file size\n'.repeat(40)}`
}

function tsSource(i: number): string {
  return `import { Router } from 'express'\n\nexport const router${i} = Router()\n\nrouter${i}.get('/things/${i}', (_req, res) => {\n  res.json({ id: ${i} })\n})\n\nexport function handler${i}(): number {\n  return ${i}\n}\n${'// filler line for a realistic file size\n'.repeat(40)}`
}

function goSource(i: number): string {
  return `package pkg${i % 20}\n\nimport "fmt"\n\n// F${i} formats a value.\nfunc F${i}(v int) string {\n\treturn fmt.Sprintf("%d", v)\n}\n${'// filler line for a realistic file size\n'.repeat(40)}`
}

const CI = `name: CI
on:
  pull_request:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
      - run: npx tsc --noEmit
      - uses: github/codeql-action/init@v3
      - uses: github/codeql-action/analyze@v3
`
