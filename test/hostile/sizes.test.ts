import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { scanReport } from '../helpers/scan.js'
import { tempGitRepo, tempTree } from '../helpers/tmp-repo.js'
import { expectClean, expectInert, GNU_TIME, runCli, scanAllFormats, statusOf, type JsonReport } from './run.js'

/**
 * Size and shape: a 101 MiB source file, 60 MB one-line files shaped against backtracking
 * patterns under the largest read cap a config may set (64 MiB), binary files with source-like
 * names, 3,000 workflow files. Bounds are against hangs and blow-ups, not performance targets.
 */

const MIB = 1024 * 1024
/** Wall-clock bound for the 100 MB cases (process start, git, listing, rendering included). */
const BIG_BOUND_MS = 20_000
const BOUND_MS = 10_000
/** Peak RSS bound for the big cases: memory follows what is read, never the file sizes. */
const RSS_BOUND_KB = 1.5 * 1024 * 1024

const SERVICE = {
  'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi", "flask", "django"]\n',
  '.github/workflows/ci.yml': 'on: [pull_request]\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: ruff check .\n'
}

function expectPeak(peakKb: number | null): void {
  if (GNU_TIME === null) {
    console.warn('GNU time (/usr/bin/time) is not installed: the peak RSS bound is not checked')
    return
  }
  expect(peakKb, 'peak RSS (KiB)').not.toBeNull()
  expect(peakKb!).toBeLessThan(RSS_BOUND_KB)
}

describe('big files', () => {
  it(`a 101 MiB source file is skipped by the read cap: < ${BIG_BOUND_MS} ms, < 1.5 GiB RSS (git and plain dir)`, () => {
    const big = Buffer.alloc(101 * MIB, 'a')
    for (const make of [tempGitRepo, tempTree]) {
      const dir = make({ ...SERVICE, 'app.py': big, 'main.go': big })
      const r = runCli(dir, 'json', { timeoutMs: BIG_BOUND_MS, memory: true })
      expectClean(r, BIG_BOUND_MS)
      expectPeak(r.peakKb)
      const report = JSON.parse(r.stdout) as JsonReport
      expect(report.stats.skippedTooLarge).toBe(2)
      expect(report.stats.bytesRead).toBeLessThan(MIB)
      expect(report.warnings).toContain('2 files over the 2 MiB read cap were skipped: app.py (101 MiB) and main.go (101 MiB)')
      expect(statusOf(report, 'ci-lint')).toBe('pass')
    }
  })

  it(`60 MB one-line files against every route and manifest parser, read under a 64 MiB cap: < ${BIG_BOUND_MS} ms, < 1.5 GiB RSS`, () => {
    const n = 60_000_000
    const dir = tempTree({
      '.github/shipshape.yml': 'max-file-size: 67108864\n',
      ...SERVICE,
      'app.py': '@app.get("' + '/'.repeat(n),
      'server.js': "const app = require('express')()\napp.get('" + 'a'.repeat(n),
      'package.json': '{"dependencies": {"express": "4"}, "x": "' + '('.repeat(n) + '"}'
    })
    const r = runCli(dir, 'json', { timeoutMs: BIG_BOUND_MS, memory: true })
    expectClean(r, BIG_BOUND_MS)
    expectPeak(r.peakKb)
    expect((JSON.parse(r.stdout) as JsonReport).stats.bytesRead).toBeGreaterThan(3 * n)
  })
})

describe('backtracking-shaped lines under the default cap (1.9 MB each)', () => {
  it(`every route extractor, manifest and CI parser finishes (${BOUND_MS} ms per format)`, () => {
    const n = 1_900_000
    const run = (c: string) => c.repeat(n)
    const dir = tempGitRepo({
      ...SERVICE,
      'package.json': JSON.stringify({ dependencies: { express: '4', '@nestjs/core': '10', fastify: '4' }, scripts: { test: 'jest ' + run(' ') + 'x' } }),
      'go.mod': 'module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.0\n\tgithub.com/go-chi/chi/v5 v5.0.0\n)\n',
      'Gemfile': "gem 'rails'\n",
      'pom.xml': '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>\n',
      'requirements.txt': 'flask' + run(' ') + '==1\n' + run('[') + '\n',
      'app/main.py': '@app.get("' + run('/') + '\n' + '@app.get(' + run("'") + '\n',
      'app/views.py': "urlpatterns = [path('" + run(' ') + "x', v)]\n" + 're_path(r"' + run('(') + '\n',
      'app/flask_app.py': '@bp.route("' + run('/<a>') .slice(0, n) + '\n',
      'server.js': "app.get('" + run('a') + '\n' + 'router.route(' + run('(') + '\n',
      'src/app.controller.ts': '@Controller(' + run('"') + '\n@Get(`' + run('`') + '\n',
      'main.go': 'r.HandleFunc("' + run('/') + '\nr.GET(' + run('"') + '\n',
      'src/main/java/A.java': '@GetMapping(value = {"' + run('", "') .slice(0, n) + '\n@RequestMapping(' + run('(') + '\n',
      'config/routes.rb': "get '" + run(' ') + "'\nresources " + run(':') + '\n',
      'Makefile': 'test:' + run(' ') + '\n\t' + run('$(') + '\n',
      'tox.ini': '[testenv]\ncommands = ' + run(' ') + 'pytest\n',
      '.github/workflows/long.yml': 'on: [pull_request]\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: "' + run('\\"') .slice(0, n) + '"\n      - run: ' + run('a && ').slice(0, n) + '\n',
      '.pre-commit-config.yaml': 'repos:\n  - repo: local\n    hooks:\n      - id: x\n        entry: ' + run("'").slice(0, 100_000) + '\n',
      'Dockerfile': 'FROM x\nHEALTHCHECK CMD ' + run('curl ') .slice(0, n) + '\n',
      'CHANGELOG.md': '## [' + run('[') + '\n'
    })
    const out = scanAllFormats(dir, BOUND_MS)
    expect(statusOf(JSON.parse(out.json) as JsonReport, 'ci-lint')).toBe('pass')
  })
})

describe('binary files with source-like names', () => {
  const binary = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 0]), Buffer.alloc(64 * 1024, 0xff), Buffer.from('ruff check . pytest mypy\n')])

  it('are counted as binary and never parsed; every format stays inert', async () => {
    const dir = tempGitRepo({
      Dockerfile: binary,
      'app.py': binary,
      'package.json': binary,
      'pyproject.toml': binary,
      'go.mod': binary,
      'openapi.json': binary,
      '.github/workflows/ci.yml': binary,
      '.gitlab-ci.yml': binary
    })
    scanAllFormats(dir, BOUND_MS)
    const report = await scanReport({ root: dir, config: DEFAULT_CONFIG, policy: { minScore: 0 } })
    // The text after the NUL bytes ("ruff check . pytest mypy") was never parsed: nothing passes,
    // and CI files that could not be read make the CI practices unknown, never pass.
    for (const id of ['ci-lint', 'ci-tests']) {
      const c = report.checks.find((x) => x.id === id)!
      expect([c.status, c.messageId]).toEqual(['unknown', 'unreadable'])
    }
  })

  it('a binary .github/shipshape.yml is a config error (exit 2), not a crash', () => {
    const dir = tempTree({ '.github/shipshape.yml': binary })
    const r = runCli(dir, 'json', { timeoutMs: BOUND_MS })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^shipshape: the configuration has 1 errors?:\n {2}- \.github\/shipshape\.yml:1:\d+: YAML syntax error: /)
    expect(r.stdout).toBe('')
  })
})

describe('3,000 workflow files', () => {
  it(`are all parsed and the report stays bounded (${BOUND_MS} ms per format)`, () => {
    const files: Record<string, string> = { ...SERVICE }
    for (let i = 0; i < 3000; i++) {
      files[`.github/workflows/w${i}.yml`] = `name: w${i}\non: [push]\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: pytest tests/${i}\n      - run: mypy .\n`
    }
    const dir = tempGitRepo(files)
    const out = scanAllFormats(dir, BOUND_MS)
    const report = JSON.parse(out.json) as JsonReport
    expect(report.stats.files).toBe(3002)
    expect(statusOf(report, 'ci-tests')).toBe('partial')
    expect(report.checks.find((c) => c.id === 'ci-tests')!.evidence[0]).toMatchObject({ path: '.github/workflows/w0.yml', line: 7 })
    expect(out.markdown.length).toBeLessThan(65_536)
    expectInert('markdown', out.markdown)
  })
})
