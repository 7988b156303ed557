import { describe, expect, it } from 'vitest'
import { collectCi } from '../../../../src/facts/ci/index.js'
import { resolveScript } from '../../../../src/facts/ci/resolve/index.js'
import { buildOf, parseStages } from '../../../../src/facts/ci/resolve/dockerfile.js'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'
import { lines } from '../systems/helpers.js'

const DOCKERFILE = lines(
  'FROM mcr.microsoft.com/dotnet/sdk:9.0 AS backend', // 1
  'WORKDIR /source', // 2
  'COPY backend .', // 3
  'RUN dotnet restore', // 4
  'RUN dotnet test --configuration Release', // 5
  '', // 6
  'FROM node:22 AS frontend', // 7
  'WORKDIR /app', // 8
  'COPY frontend/package*.json ./', // 9
  'RUN npm ci', // 10
  'COPY frontend .', // 11
  'RUN npm run lint \\', // 12
  ' && npm test', // 13
  '', // 14
  'FROM node:22 AS unused', // 15
  'RUN npx prettier --check .', // 16
  '', // 17
  'FROM mcr.microsoft.com/dotnet/aspnet:9.0', // 18
  'COPY --from=backend /build .', // 19
  'COPY --from=frontend /app/build wwwroot', // 20
  'RUN ["/bin/sh", "-c", "echo ready"]' // 21
)

const FILES = {
  Dockerfile: DOCKERFILE,
  'backend/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web" />\n',
  'frontend/package.json': JSON.stringify({ scripts: { lint: 'eslint src', test: 'vitest run' } }, null, 2) + '\n',
  'frontend/src/main.ts': 'export {}\n'
}

describe('Dockerfile RUN instructions', () => {
  it('parses stages, continuations and heredocs', () => {
    const stages = parseStages('FROM a AS one\nRUN <<EOF\nmake test\nEOF\nFROM one\nRUN x \\\n  y\n')
    expect(stages.map((s) => [s.name, s.from, s.instructions.map((i) => [i.line, i.op, i.rest.trim()])])).toEqual([
      ['one', 'a', [[2, 'RUN', 'make test']]],
      [undefined, 'one', [[6, 'RUN', 'x y']]]
    ])
  })

  it('reads docker build options: file relative to the current directory, context, target', () => {
    expect(buildOf(['docker', 'buildx', 'build', '-t', 'x:1', '--target', 'test', '-f', 'docker/Dockerfile', '.'], 'svc')).toEqual({ file: 'svc/docker/Dockerfile', context: 'svc', target: 'test' })
    expect(buildOf(['podman', 'build', 'api'], '')).toEqual({ file: 'api/Dockerfile', context: 'api' })
    expect(buildOf(['docker', 'build', 'https://github.com/x/y.git'], '')).toBeUndefined()
    expect(buildOf(['docker', 'run', 'img'], '')).toBeUndefined()
  })

  it('follows `docker build` into the stages the final image needs, from the copied directory', () => {
    const out = resolveScript('docker build -t app .', { snapshot: new MemorySnapshot(FILES), path: '.github/workflows/ci.yml', line: 9, cwd: '', chain: [] })
    expect(out.map((c) => [c.argv.join(' '), c.cwd])).toEqual([
      ['docker build -t app .', ''],
      ['dotnet restore', 'backend'],
      ['dotnet test --configuration Release', 'backend'],
      ['npm ci', ''],
      ['eslint src', 'frontend'],
      ['vitest run', 'frontend'],
      ['echo ready', '']
    ])
    const eslint = out.find((c) => c.argv[0] === 'eslint')!
    expect(eslint.chain.map((l) => `${l.path}:${l.line}`)).toEqual(['.github/workflows/ci.yml:9', 'Dockerfile:12', 'Dockerfile:12', 'frontend/package.json:3'])
  })

  it('builds only up to --target', () => {
    const out = resolveScript('docker build --target unused .', { snapshot: new MemorySnapshot(FILES), path: 'ci.yml', cwd: '', chain: [] })
    expect(out.map((c) => c.argv[0])).toEqual(['docker', 'prettier'])
  })

  it('counts the image a build-push action builds on pull requests, with the job triggers', () => {
    const facts = collectCi(
      new MemorySnapshot({
        ...FILES,
        '.github/workflows/dev.yml': lines(
          'on: pull_request', // 1
          'jobs:', // 2
          '  build:', // 3
          '    runs-on: ubuntu-latest', // 4
          '    steps:', // 5
          '      - uses: actions/checkout@v4', // 6
          '      - uses: docker/build-push-action@v6', // 7
          '        with:', // 8
          '          push: false', // 9
          '      - uses: docker/build-push-action@v6', // 10
          '        with:', // 11
          '          file: ${{ matrix.dockerfile }}' // 12
        )
      })
    )
    const eslint = facts.runs.find((r) => r.argv[0] === 'eslint')!
    expect(eslint).toMatchObject({ where: 'ci', cwd: 'frontend', triggers: { pullRequest: true } })
    expect(eslint.chain[0]).toMatchObject({ path: '.github/workflows/dev.yml', line: 7 })
    // The matrix-chosen Dockerfile is not followed: one set of RUN lines only.
    expect(facts.runs.filter((r) => r.argv[0] === 'eslint')).toHaveLength(1)
  })
})
