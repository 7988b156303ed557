import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/load.js'
import { tempGitRepo, tempTree } from '../helpers/tmp-repo.js'
import { expectClean, runCli, scanAllFormats, statusOf, type JsonReport } from './run.js'

/** YAML alias bombs, deep nesting and invalid UTF-8: each is a problem reported, never a hang or a crash. */

const BOUND_MS = 10_000

/** 9 levels of 9 aliases: 9^9 (387 million) nodes once expanded. */
function aliasBomb(prefix: string, anchorsUnder = ''): string {
  const lines = [`${anchorsUnder}a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`]
  for (let i = 1; i < 9; i++) lines.push(`${anchorsUnder}a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`)
  return lines.join('\n') + '\n' + prefix
}

const deepJson = (n: number): string => '{"openapi": "3.0.0", "info": {"title": "x", "version": "1"}, "paths": {"/a": ' + '['.repeat(n) + ']'.repeat(n) + '}}'

describe('YAML alias bombs', () => {
  it(`in a workflow and .gitlab-ci.yml: parsed fast, reported, the rest of the scan intact (${BOUND_MS} ms per format)`, () => {
    const dir = tempGitRepo({
      '.github/workflows/bomb.yml': aliasBomb('on: [pull_request]\njobs:\n  t:\n    runs-on: *a8\n    steps:\n      - run: *a8\n      - with: *a8\n        uses: x/y@v1\n'),
      '.github/workflows/ok.yml': 'on: [pull_request]\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: ruff check .\n',
      '.gitlab-ci.yml': aliasBomb('test:\n  script: *a8\n  variables: *a8\n  <<: *a8\n'),
      '.circleci/config.yml': aliasBomb('jobs:\n  t:\n    steps: *a8\n'),
      'azure-pipelines.yml': aliasBomb('steps: *a8\n'),
      'openapi.yaml': aliasBomb('openapi: 3.0.0\ninfo: {title: x, version: "1"}\npaths: *a8\n'),
      'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi"]\n'
    })
    const out = scanAllFormats(dir, BOUND_MS)
    expect(statusOf(JSON.parse(out.json) as JsonReport, 'ci-lint')).toBe('pass')
  })

  it('in .github/shipshape.yml: exit 2 with a short message, whatever key the bomb lands on', () => {
    for (const tail of ['min-score: *a8\n', 'ignore: *a8\n', 'waivers: *a8\n', 'services: *a8\n', 'signatures:\n  ci-lint:\n    commands: *a8\n', 'checks: *a8\n', 'unknown: *a8\n']) {
      const text = aliasBomb(tail, '')
      const t0 = performance.now()
      const errors = parseConfig(text, '.github/shipshape.yml').errors ?? []
      expect(performance.now() - t0, tail).toBeLessThan(2000)
      expect(errors.length, tail).toBeGreaterThan(0)
      expect(errors.length).toBeLessThanOrEqual(51)
      for (const e of errors) expect(e.message.length, e.message.slice(0, 200)).toBeLessThan(1000)
    }
    const dir = tempTree({ '.github/shipshape.yml': aliasBomb('ignore: *a8\n') })
    const r = runCli(dir, 'json', { timeoutMs: BOUND_MS })
    expect(r.code).toBe(2)
    expect(r.ms).toBeLessThan(BOUND_MS)
    expect(r.stderr).toMatch(/^shipshape: the configuration has \d+ errors?:\n/)
    expect(r.stderr.length).toBeLessThan(64 * 1024)
    expect(r.stdout).toBe('')
  })
})

describe('deep nesting', () => {
  it(`a JSON document nested 200,000 deep as openapi.json, deep YAML in CI files (${BOUND_MS} ms per format)`, () => {
    const dir = tempGitRepo({
      'openapi.json': deepJson(200_000),
      'docs/swagger.json': '{"swagger": "2.0", "paths": ' + '{"a":'.repeat(200_000) + '1' + '}'.repeat(200_001),
      '.github/workflows/deep.yml': 'on: [pull_request]\njobs: ' + '['.repeat(100_000) + '\n',
      '.gitlab-ci.yml': 'test:\n  script: ' + '{a: '.repeat(100_000) + '\n',
      'package.json': '{"dependencies": ' + '{"a":'.repeat(200_000) + '1' + '}'.repeat(200_001),
      'composer.json': '['.repeat(200_000),
      'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi"]\nx = ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n',
      'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n'
    })
    const out = scanAllFormats(dir, BOUND_MS)
    const report = JSON.parse(out.json) as JsonReport
    const openapi = report.checks.find((c) => c.id === 'openapi-published')!
    expect(openapi.evidence).toContainEqual({ path: 'openapi.json', line: null, message: 'OpenAPI 3.0.0, paths not counted — nested deeper than 128 levels: not parsed' })
  })
})

describe('invalid UTF-8 in manifests', () => {
  // Stray continuation bytes, an overlong encoding, a UTF-16 surrogate encoded in UTF-8, 0xff.
  const bad = Buffer.from([0x80, 0xbf, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff, 0xfe])
  const withBad = (text: string): Buffer => Buffer.concat(text.split('@@').flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [bad, Buffer.from(part)])))

  it(`package.json, pyproject.toml, go.mod and more: decoded with U+FFFD, reported inert (${BOUND_MS} ms per format)`, () => {
    const dir = tempGitRepo({
      'package.json': withBad('{"name": "x@@", "dependencies": {"express@@": "4", "@@": "@@"}, "scripts": {"test": "jest @@"}}'),
      'pyproject.toml': withBad('[project]\nname = "svc@@"\ndependencies = ["fastapi@@", "@@"]\n[tool.@@]\n'),
      'go.mod': withBad('module x@@\n\nrequire github.com/gin-gonic/gin@@ v1.9.0\n'),
      'requirements.txt': withBad('flask@@==1\n@@\n'),
      'Gemfile': withBad("gem 'rails@@'\n"),
      'pom.xml': withBad('<project><dependencies><dependency><groupId>@@</groupId></dependency></dependencies></project>'),
      '.github/workflows/ci.yml': withBad('on: [pull_request]\njobs:\n  t@@:\n    name: "@@"\n    runs-on: x\n    steps:\n      - name: "@@ \\e[31m"\n        run: pytest @@\n'),
      'app/main.py': withBad('from fastapi import FastAPI\napp = FastAPI()\n@app.get("/@@")\ndef h():\n    return 1\n')
    })
    const out = scanAllFormats(dir, BOUND_MS)
    expect(statusOf(JSON.parse(out.json) as JsonReport, 'ci-tests')).toBe('pass')
    // Every output is valid UTF-8 text: decoding as UTF-8 changed nothing.
    for (const text of Object.values(out)) expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text)
  })
})

describe('the CLI on a repository that is all of the above', () => {
  it('still exits 0 or 1 within the bound', () => {
    const dir = tempTree({
      '.github/workflows/bomb.yml': aliasBomb('on: *a8\n'),
      'openapi.json': deepJson(200_000),
      'go.mod': Buffer.from([0xff, 0xfe, 0x00, 0x6d])
    })
    expectClean(runCli(dir, 'markdown', { timeoutMs: BOUND_MS }), BOUND_MS)
  })
})
