import { describe, expect, it } from 'vitest'
import { collectCi } from '../../../../src/facts/ci/index.js'
import { resolveScript, type ResolvedCommand } from '../../../../src/facts/ci/resolve/index.js'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'

/** Commands that run inside containers, followed to what the containers really run. */

const STEP = { path: '.github/workflows/ci.yml', line: 10, text: 'Test' }
const lines = (...ls: string[]): string => ls.join('\n') + '\n'
const run = (files: Record<string, string>, script: string, cwd = ''): ResolvedCommand[] => resolveScript(script, { snapshot: new MemorySnapshot(files), path: '.github/workflows/ci.yml', line: 12, cwd, chain: [STEP] })
const argvs = (cs: readonly ResolvedCommand[]): string[] => cs.map((c) => c.argv.join(' '))
const chain = (c: ResolvedCommand): string[] => c.chain.map((l) => `${l.path}:${l.line ?? '?'} ${l.text}`)

const PKG = JSON.stringify({ scripts: { test: 'jest --ci', start: 'node server.js' } }, null, 2) + '\n'
const COMPOSE = lines('services:', '  api:', '    build: .', '    command: npm start', '  db:', '    image: postgres:16')

describe('docker compose run / exec', () => {
  it('runs the command given, as before', () => {
    expect(argvs(run({}, 'docker compose run --rm -e X=1 api pytest -x'))).toEqual(['pytest -x'])
    expect(argvs(run({}, 'docker-compose exec -T api bundle exec rspec'))).toEqual(['rspec'])
  })

  it("runs the service's command with override files merged, following the npm script it names", () => {
    const files = { 'package.json': PKG, 'docker-compose.yml': COMPOSE, 'docker-compose.ci.yml': lines('services:', '  api:', '    command: npm test') }
    const out = run(files, 'docker compose -f docker-compose.yml -f docker-compose.ci.yml run --rm api')
    expect(argvs(out)).toEqual(['jest --ci'])
    expect(chain(out[0]!)).toEqual(['.github/workflows/ci.yml:10 Test', '.github/workflows/ci.yml:12 docker compose -f docker-compose.yml -f docker-compose.ci.yml run --rm api', 'docker-compose.ci.yml:3 npm test', 'package.json:3 jest --ci'])
    // Without the override file the service starts the server.
    expect(argvs(run(files, 'docker compose run api'))).toEqual(['node server.js'])
  })

  it('merges docker-compose.override.yml by default, and follows a repository script the command calls', () => {
    const files = { 'scripts/ci.sh': lines('#!/bin/sh', 'ruff check .', 'pytest -q'), 'docker-compose.yml': COMPOSE, 'docker-compose.override.yml': lines('services:', '  api:', '    command: ["sh", "./scripts/ci.sh"]') }
    expect(argvs(run(files, 'docker compose run api'))).toEqual(['ruff check .', 'pytest -q'])
  })

  it("falls back to the service's Dockerfile ENTRYPOINT and CMD, mapping copied paths to repository files", () => {
    const files = {
      'backend/Dockerfile': lines('FROM python:3.12', 'WORKDIR /app', 'COPY . .', 'COPY docker/entry.sh /usr/local/bin/entry.sh', 'ENTRYPOINT ["/usr/local/bin/entry.sh"]', 'CMD ["./bin/test"]'),
      'backend/docker/entry.sh': lines('#!/bin/sh', 'alembic upgrade head', 'exec "$@"'),
      'backend/bin/test': lines('#!/bin/bash', 'pytest --cov'),
      'compose.yaml': lines('services:', '  tests:', '    build:', '      context: ./backend')
    }
    const out = run(files, 'docker compose run tests')
    expect(argvs(out)).toEqual(['alembic upgrade head', '$@', 'pytest --cov'])
    expect(chain(out[0]!)).toContain('backend/docker/entry.sh:2 alembic upgrade head')
    expect(chain(out.at(-1)!)).toContain('backend/Dockerfile:6 CMD ["./bin/test"]')
  })

  it('says a service that only runs its image’s own command cannot be followed', () => {
    const out = run({ 'docker-compose.yml': COMPOSE }, 'docker compose run db')
    expect(out).toHaveLength(1)
    expect(out[0]!.opaque).toBe('service db runs the command of image postgres:16, which is not in the repository')
  })
})

describe('docker compose up', () => {
  const files = {
    'package.json': PKG,
    'docker-compose.test.yml': lines('services:', '  db:', '    image: postgres:16', '  sut:', '    build: .', '    command: npm test', '  web:', '    build: .')
  }

  it('runs the --exit-code-from service; a plain `up -d` starts servers and runs no check', () => {
    expect(argvs(run(files, 'docker compose -f docker-compose.test.yml up --build --exit-code-from sut'))).toEqual(['jest --ci'])
    expect(argvs(run(files, 'docker compose -f docker-compose.test.yml up -d'))).toEqual(['docker compose -f docker-compose.test.yml up -d'])
  })

  it('runs what --abort-on-container-exit starts, leaving image-only infrastructure out', () => {
    const out = run({ ...files, Dockerfile: lines('FROM node:22', 'WORKDIR /app', 'COPY . .', 'CMD ["npm", "start"]') }, 'docker compose -f docker-compose.test.yml up --abort-on-container-exit')
    expect(argvs(out)).toEqual(['jest --ci', 'node server.js'])
  })
})

describe('docker run of an image built from this repository', () => {
  const files = { Dockerfile: lines('FROM golang:1.23', 'WORKDIR /src', 'COPY . .', 'ENTRYPOINT ["./ci/check.sh"]'), 'ci/check.sh': lines('#!/bin/sh', 'go vet ./...', 'go test ./...') }

  it("runs the Dockerfile's ENTRYPOINT when the image was built earlier in the script", () => {
    expect(argvs(run(files, 'docker build -t acme/check:ci .\ndocker run --rm acme/check:ci'))).toEqual(['docker build -t acme/check:ci .', 'go vet ./...', 'go test ./...'])
    // An image nobody built here is a third-party tool, named after its image.
    expect(argvs(run(files, 'docker run --rm acme/check:ci'))).toEqual(['check'])
  })

  it('a detached container kept alive for `docker exec` runs no check itself; the execs run theirs', () => {
    const test = { 'TestDockerfile': lines('FROM python:3.12', 'WORKDIR /app'), Makefile: 'unit:\n\tpytest -sv tests/\n' }
    const out = run(test, 'docker build -t test_image -f TestDockerfile .\ndocker run -dt --name t -v $(pwd):/app test_image\ndocker exec -e X=1 t make unit')
    expect(argvs(out)).toEqual(['docker build -t test_image -f TestDockerfile .', 'pwd', 'pytest -sv tests/'])
    expect(out.some((c) => c.opaque !== undefined)).toBe(false)
    // What a detached container runs cannot fail the step.
    expect(run(files, 'docker build -t acme/check:ci .\ndocker run -d acme/check:ci').slice(1).map((c) => c.neutralised)).toEqual(['detached (docker run -d)', 'detached (docker run -d)'])
  })

  it('remembers images across the steps of a job, including a build-push action’s tags', () => {
    const ci = collectCi(
      new MemorySnapshot({
        ...files,
        '.github/workflows/ci.yml': lines('on: pull_request', 'jobs:', '  check:', '    steps:', '      - uses: docker/build-push-action@v6', '        with:', '          load: true', '          tags: acme/check:ci', '      - run: docker run acme/check:ci', '  other:', '    steps:', '      - run: docker run acme/check:ci')
      })
    )
    const check = ci.runs.filter((r) => r.job?.id === 'check').map((r) => r.argv.join(' '))
    const other = ci.runs.filter((r) => r.job?.id === 'other').map((r) => r.argv.join(' '))
    expect([check, other]).toEqual([['go vet ./...', 'go test ./...'], ['check']])
  })

  it('follows the steps of a job that runs in a container: they are its commands', () => {
    const ci = collectCi(new MemorySnapshot({ 'package.json': PKG, '.github/workflows/ci.yml': lines('on: pull_request', 'jobs:', '  test:', '    container:', '      image: node:22', '    steps:', '      - run: npm test') }))
    expect(ci.runs.map((r) => [r.argv.join(' '), r.job?.images])).toEqual([['jest --ci', ['node:22']]])
  })
})

describe('hostile compose projects', () => {
  it('caps the services an --abort-on-container-exit starts and records "expanded N of M"', () => {
    const services = Array.from({ length: 300 }, (_, i) => [`  s${i}:`, '    build: .', `    command: echo ${i}`]).flat()
    const out = run({ 'compose.yaml': lines('services:', ...services) }, 'docker compose up --abort-on-container-exit')
    expect(out.length).toBe(20)
    expect(out[0]!.chain.some((l) => l.text === 'compose services: expanded 20 of 300')).toBe(true)
  })

  it('reads override chains that include and extend each other once, without looping', () => {
    const files = {
      'a.yml': lines('include:', '  - b.yml', 'services:', '  app:', '    extends:', '      file: b.yml', '      service: app', '    command: npm test'),
      'b.yml': lines('include:', '  - a.yml', 'services:', '  app:', '    extends:', '      file: a.yml', '      service: app', '    build: .'),
      'package.json': PKG
    }
    expect(argvs(run(files, 'docker compose -f a.yml -f b.yml -f a.yml run app'))).toEqual(['jest --ci'])
  })
})
