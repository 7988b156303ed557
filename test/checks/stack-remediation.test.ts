import { describe, expect, it } from 'vitest'
import circuitBreakers from '../../src/checks/circuit-breakers.js'
import ciLint from '../../src/checks/ci-lint.js'
import ciTests from '../../src/checks/ci-tests.js'
import containerBuild from '../../src/checks/container-build.js'
import featureFlags from '../../src/checks/feature-flags.js'
import { runOne } from '../../src/checks/run.js'
import type { Check } from '../../src/checks/types.js'
import releaseVersioning from '../../src/checks/release-versioning.js'
import typeChecking from '../../src/checks/type-checking.js'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { STACKS } from '../helpers/stacks.js'
import { ciRun, factsFor } from './dependency-facts.js'

/** What the user reads: the check run as the pipeline runs it (templates filled, remediation chosen). */
const judge = (check: Check, files: Record<string, string>, opts: Parameters<typeof factsFor>[1] = {}) => runOne(check, factsFor(files, opts), DEFAULT_CONFIG)

const FASTAPI = { 'requirements.txt': 'fastapi\n', 'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' }

describe('fixes fit the stack', () => {
  it.each([
    ['Go', { 'go.mod': 'module x\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n', 'main.go': 'package main\n' }, 'FROM golang:', ['FROM python', 'FROM node']],
    ['JVM', { 'pom.xml': '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>', 'src/main/java/App.java': 'class App {}\n' }, 'FROM eclipse-temurin:', ['FROM python', 'FROM golang']],
    ['Node', { 'package.json': JSON.stringify({ dependencies: { express: '^4' } }), 'server.js': "require('express')\n" }, 'FROM node:', ['FROM python', 'FROM golang']],
    ['Python', FASTAPI, 'FROM python:', ['FROM node', 'FROM golang']],
    ['Ruby', { Gemfile: "gem 'rails'\n", 'config/application.rb': 'module App; end\n' }, 'FROM ruby:', ['FROM python', 'FROM node']]
  ])('the container-build fix for a %s service is a Dockerfile of that stack', (_stack, files, wanted, unwanted) => {
    const out = judge(containerBuild, files)
    expect(out.status).toBe('fail')
    expect(out.remediation).toContain(wanted)
    for (const u of unwanted) expect(out.remediation).not.toContain(u)
  })

  it.each([
    ['rust', ['cargo clippy', 'cargo test', 'cargo check']],
    ['php', ['php-cs-fixer', 'vendor/bin/phpunit', 'phpstan']],
    ['dotnet', ['dotnet format', 'dotnet test', 'dotnet build']],
    ['elixir', ['mix format --check-formatted', 'mix test', 'mix dialyzer']]
  ] as const)('the CI fixes for a %s repository use its own tools', (stack, [lint, tests, types]) => {
    const files = STACKS[stack]!
    expect(judge(ciLint, files).remediation).toContain(lint)
    expect(judge(ciTests, files).remediation).toContain(tests)
    expect(judge(typeChecking, files).remediation).toContain(types)
    expect(judge(ciLint, files).remediation).not.toContain('npx eslint')
  })

  it('a release fix names the half that is missing: tags, or notes', () => {
    const changelog = { 'CHANGELOG.md': '# Changelog\n\n## [1.0.0] - 2024-01-01\n\n- First release.\n' }
    const untagged = judge(releaseVersioning, changelog, { tags: { names: [], source: 'git' } })
    expect([untagged.status, untagged.messageId]).toEqual(['partial', 'documented-only'])
    expect(untagged.remediation).toContain('git tag -a v1.4.0')
    expect(untagged.remediation).not.toContain('release-please')
    const silent = judge(releaseVersioning, { 'README.md': '# x\n' }, { tags: { names: ['v1.0.0', 'v1.1.0'], source: 'git' } })
    expect([silent.status, silent.messageId]).toEqual(['partial', 'tags-only'])
    expect(silent.remediation).toContain('gh release create "$GITHUB_REF_NAME" --generate-notes')
  })

  it('with a Dockerfile nobody builds, the fix is the workflow that builds that Dockerfile', () => {
    const out = judge(containerBuild, { ...FASTAPI, 'deploy/api/Dockerfile': 'FROM python:3.12-slim\nCMD ["uvicorn", "app.main:app"]\n' })
    expect(out.status).toBe('partial')
    expect(out.remediation).not.toContain('```dockerfile')
    expect(out.remediation).toContain('context: deploy/api')
    expect(out.remediation).toContain('file: deploy/api/Dockerfile')
  })

  it('a package.json of tooling in a Python service is not Node', () => {
    const files = { ...FASTAPI, 'package.json': JSON.stringify({ devDependencies: { prettier: '^3', husky: '^9' } }), 'commitlint.config.js': 'module.exports = {}\n' }
    const out = judge(ciLint, files)
    expect(out.remediation).toContain('**Python**')
    expect(out.remediation).not.toContain('Node.js')
    // A Node project whose own code has no runtime dependency stays Node.
    const lib = judge(ciLint, { 'package.json': JSON.stringify({ devDependencies: { typescript: '^5' } }), 'src/index.ts': 'export const x = 1\n' })
    expect(lib.remediation).toContain('Node.js')
  })

  it('a service-level fix is written for the service, not for a front end beside it', () => {
    const files = { ...FASTAPI, 'frontend/package.json': JSON.stringify({ dependencies: { react: '^18', 'react-dom': '^18' } }), 'frontend/src/a.tsx': 'x\n', 'frontend/src/b.tsx': 'x\n', 'frontend/src/c.tsx': 'x\n' }
    for (const check of [featureFlags, circuitBreakers, containerBuild]) {
      const out = judge(check, files)
      expect(out.remediation, check.meta.id).not.toMatch(/Node|npm install|FROM node/)
    }
    expect(judge(containerBuild, files).remediation).toContain('FROM python:')
  })

  it('a TypeScript action without a tsconfig.json is never told to adopt TypeScript', () => {
    const files = { 'action.yml': 'runs:\n  using: node24\n  main: dist/index.js\n', 'package.json': JSON.stringify({ dependencies: { '@actions/core': '^1' } }), 'src/main.ts': 'export async function run() {}\n' }
    const out = judge(typeChecking, files)
    expect(out.remediation).toContain('npx tsc --noEmit')
    expect(out.remediation).not.toContain('Adopt TypeScript')
    const js = judge(typeChecking, { 'package.json': JSON.stringify({ dependencies: { express: '^4' } }), 'src/app.js': 'module.exports = 1\n' })
    expect(js.remediation).toContain('Adopt TypeScript')
  })
})

describe('no service, no service checks', () => {
  const LIBRARY = { 'pyproject.toml': '[project]\nname = "lib"\ndependencies = ["httpx", "tenacity"]\n', 'lib/client.py': 'import tenacity\n@tenacity.retry\ndef get():\n    pass\n' }

  it.each([
    ['feature-flags', featureFlags],
    ['circuit-breakers', circuitBreakers],
    ['container-build', containerBuild]
  ] as const)('%s does not apply to a repository without an HTTP service, saying why', (_id, check) => {
    const out = judge(check, LIBRARY, { service: false })
    expect([out.status, out.messageId]).toEqual(['not-applicable', 'no-service'])
    expect(out.summary).toMatch(/^No HTTP framework found in dependencies or imports/)
  })

  it('container-build is still judged when the repository builds an image', () => {
    const withDockerfile = judge(containerBuild, { ...LIBRARY, Dockerfile: 'FROM python:3.12-slim\nCMD ["python", "-m", "lib"]\n' }, { service: false })
    expect([withDockerfile.status, withDockerfile.messageId]).toEqual(['partial', 'not-built'])
    const built = judge(containerBuild, { 'go.mod': 'module x\n' }, { service: false, ci: { runs: [ciRun('.github/workflows/release.yml', 9, 'ko build ./cmd/tool')] } })
    expect([built.status, built.messageId]).toEqual(['pass', 'ci-build-only'])
  })
})

describe('string tables are data, not use', () => {
  const SERVICE = { 'package.json': JSON.stringify({ dependencies: { express: '^4' } }), 'src/app.ts': "import express from 'express'\n" }

  it('a catalogue of flag calls and model names is no in-house flag system', () => {
    const out = judge(featureFlags, {
      ...SERVICE,
      'src/flags.ts': "export const CALLS = ['isEnabled(', 'is_enabled(']\nexport const MODELS = ['class FeatureFlag', 'create_table :feature_flags']\n",
      'src/lint-rules.ts': "const RULES = { 'isFeatureEnabled(': 'flag', 'FEATURE_X': 'process.env' }\n"
    })
    expect([out.status, out.messageId]).toEqual(['fail', 'none'])
  })

  it('a token list of retry loops and breakers is no hand-rolled retry', () => {
    const out = judge(circuitBreakers, {
      ...SERVICE,
      'src/tokens.ts': "export const RETRY = ['while retries', 'attempt += 1', 'time.sleep(']\nexport const BREAKERS = ['class CircuitBreaker', 'export class CircuitBreaker']\n"
    })
    expect([out.status, out.messageId]).toEqual(['fail', 'none'])
  })

  it('the same tokens in code still count', () => {
    const out = judge(featureFlags, { ...SERVICE, 'src/flags.ts': 'export function isEnabled(name: string) { return Boolean(process.env[name]) }\n', 'src/routes.ts': "import { isEnabled } from './flags'\nif (isEnabled('new-cart')) {}\n" })
    expect(out.status).toBe('pass')
  })
})
