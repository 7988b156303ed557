import { describe, expect, it } from 'vitest'
import { isDockerfile, notServiceReason } from '../../../src/facts/deploy/dockerfile.js'
import { collectDeploy, httpPathOf } from '../../../src/facts/deploy/index.js'
import { kubernetesProbes } from '../../../src/facts/deploy/k8s.js'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'

const deploy = (files: Record<string, string>) => collectDeploy(new MemorySnapshot(files))

describe('http path of a health command', () => {
  it.each([
    ['curl -f http://localhost:8000/api/v1/utils/health-check/ || exit 1', '/api/v1/utils/health-check/'],
    ['wget -qO- localhost:3000/up', '/up'],
    ["python -c \"import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')\"", '/healthz'],
    ['curl -fsS http://localhost:${PORT:-8080}/ready?full=1', '/ready?full=1'],
    ['curl -f http://localhost:8000', '/'],
    ['pg_isready -U postgres', undefined]
  ])('%s → %s', (cmd, path) => expect(httpPathOf(cmd)).toBe(path))
})

describe('Dockerfiles', () => {
  it('lists Dockerfiles with base images and the reason some do not ship the service', () => {
    const facts = deploy({
      Dockerfile: '# syntax=docker/dockerfile:1\nFROM python:3.12 AS build\nRUN pip wheel .\nFROM --platform=linux/amd64 python:3.12-slim\nHEALTHCHECK --interval=30s CMD curl -f http://localhost:8000/health || exit 1\n',
      '.devcontainer/Dockerfile': 'FROM mcr.microsoft.com/devcontainers/python:3.12\n',
      'Dockerfile.integration-tests': 'FROM python:3.12\n',
      'tests/e2e/Dockerfile': 'FROM node:20\n',
      'docker/local-postgres/Dockerfile': 'FROM postgres:16\n',
      'docs/example/Dockerfile': 'FROM nginx\n',
      'services/api/api.Dockerfile': 'FROM golang:1.23\nHEALTHCHECK NONE\n',
      'build/Dockerfile': 'FROM eclipse-temurin:21\n',
      'node_modules/pkg/Dockerfile': 'FROM node\n',
      '.dockerignore': 'node_modules\n'
    })
    expect(facts.dockerfiles.map((d) => [d.path, d.notService, d.baseImages, d.line])).toEqual([
      ['.devcontainer/Dockerfile', 'development container (.devcontainer)', ['mcr.microsoft.com/devcontainers/python:3.12'], 1],
      ['Dockerfile', null, ['python:3.12', 'python:3.12-slim'], 2],
      ['Dockerfile.integration-tests', 'test-only image', ['python:3.12'], 1],
      ['build/Dockerfile', null, ['eclipse-temurin:21'], 1],
      ['docker/local-postgres/Dockerfile', 'builds a datastore image (postgres:16), not the service', ['postgres:16'], 1],
      ['docs/example/Dockerfile', 'lives under docs/ (documentation, examples or fixtures)', ['nginx'], 1],
      ['services/api/api.Dockerfile', null, ['golang:1.23'], 1],
      ['tests/e2e/Dockerfile', 'test-only image (under a test directory)', ['node:20'], 1]
    ])
    expect(facts.healthchecks).toEqual([
      { path: 'Dockerfile', line: 5, source: 'dockerfile', kind: 'healthcheck', command: 'curl -f http://localhost:8000/health || exit 1', probe: 'http', httpPath: '/health' }
    ])
  })

  it('joins continuation lines and reads exec-form HEALTHCHECK', () => {
    const facts = deploy({ Dockerfile: 'FROM node:20\nHEALTHCHECK --interval=5s \\\n  --timeout=3s \\\n  CMD ["wget", "-qO-", "http://localhost:3000/livez"]\n' })
    expect(facts.healthchecks).toEqual([{ path: 'Dockerfile', line: 2, source: 'dockerfile', kind: 'healthcheck', command: 'wget -qO- http://localhost:3000/livez', probe: 'http', httpPath: '/livez' }])
  })
})

describe('other image builds', () => {
  it('finds jib, Spring Boot buildpacks, ko, buildpacks project.toml and nixpacks', () => {
    const facts = deploy({
      'pom.xml': '<project>\n<build><plugins>\n<plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin>\n<plugin><artifactId>jib-maven-plugin</artifactId></plugin>\n</plugins></build></project>',
      '.ko.yaml': 'defaultBaseImage: cgr.dev/chainguard/static\n',
      'project.toml': '[_]\nschema-version = "0.2"\n',
      'nixpacks.toml': '[phases.setup]\n',
      'examples/pom.xml': '<project><artifactId>jib-maven-plugin</artifactId></project>'
    })
    expect(facts.otherBuilds).toEqual([
      { path: '.ko.yaml', kind: 'ko' },
      { path: 'nixpacks.toml', kind: 'nixpacks' },
      { path: 'pom.xml', line: 4, kind: 'jib' },
      { path: 'pom.xml', line: 3, kind: 'spring-boot-build-image' },
      { path: 'project.toml', line: 1, kind: 'buildpacks' }
    ])
  })
  it('reads goreleaser with dockers: as a releaser that builds images, and without it as one that builds none', () => {
    const withImages = deploy({ '.goreleaser.yml': 'builds:\n  - main: .\ndockers:\n  - image_templates: [x]\n' })
    expect(withImages.releasers.map((r) => [r.path, r.images.map((i) => [i.section, i.line])])).toEqual([['.goreleaser.yml', [['dockers', 4]]]])
    expect(withImages.otherBuilds).toEqual([])
    expect(deploy({ '.goreleaser.yml': 'builds:\n  - main: .\n' }).releasers.flatMap((r) => r.images)).toEqual([])
  })
})

describe('compose and Kubernetes health checks', () => {
  it('reads compose healthcheck.test in its three forms, with service and image', () => {
    const compose = [
      'services:', // 1
      '  db:',
      '    image: postgres:16',
      '    healthcheck:',
      '      test: ["CMD-SHELL", "pg_isready -U postgres"]', // 5
      '  backend:',
      '    build: .',
      '    healthcheck:',
      '      test:', // 9
      '        - CMD',
      '        - curl',
      '        - -f',
      '        - http://localhost:8000/api/v1/utils/health-check/',
      '  worker:',
      '    healthcheck:',
      '      test: celery inspect ping', // 16
      '  cache:',
      '    healthcheck:',
      '      disable: true',
      '      test: redis-cli ping'
    ].join('\n')
    expect(deploy({ 'compose.yml': compose }).healthchecks).toEqual([
      { path: 'compose.yml', line: 5, source: 'compose', kind: 'healthcheck', command: 'pg_isready -U postgres', probe: 'exec', service: 'db', image: 'postgres:16' },
      { path: 'compose.yml', line: 9, source: 'compose', kind: 'healthcheck', command: 'curl -f http://localhost:8000/api/v1/utils/health-check/', probe: 'http', service: 'backend', httpPath: '/api/v1/utils/health-check/' },
      { path: 'compose.yml', line: 16, source: 'compose', kind: 'healthcheck', command: 'celery inspect ping', probe: 'exec', service: 'worker' }
    ])
  })

  it('reads k8s and Helm probes; ignores CI service health options', () => {
    const deployment = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          livenessProbe:', // 8
      '            httpGet:',
      '              path: /livez',
      '              port: http',
      '          readinessProbe:', // 12
      '            exec:',
      '              command: ["sh", "-c", "curl -f localhost:8080/readyz"]',
      '          startupProbe:', // 15
      '            tcpSocket:',
      '              port: 8080'
    ].join('\n')
    const helm = ['      containers:', '        - name: {{ .Chart.Name }}', '          livenessProbe:', '            {{- toYaml .Values.livenessProbe | nindent 12 }}'].join('\n')
    const values = ['livenessProbe:', '  httpGet:', '    path: "/health"', 'readinessProbe: {}'].join('\n')
    const workflow = ['jobs:', '  test:', '    services:', '      postgres:', '        options: --health-cmd pg_isready', '    steps: []', '    livenessProbe:', '      httpGet:', '        path: /nope'].join('\n')
    // Every CI system's files (the one CI file table) are CI, not deployment: a Tekton run's sidecar probe is no service health check.
    const tekton = ['kind: PipelineRun', 'spec:', '  taskRunTemplate:', '    livenessProbe:', '      httpGet:', '        path: /nope']
    const facts = deploy({ 'k8s/deployment.yaml': deployment, 'charts/api/templates/deployment.yaml': helm, 'charts/api/values.yaml': values, '.github/workflows/ci.yml': workflow, '.tekton/run.yaml': tekton.join('\n'), '.woodpecker/deploy.yaml': workflow })
    expect(facts.healthchecks).toEqual([
      { path: 'charts/api/templates/deployment.yaml', line: 3, source: 'kubernetes', kind: 'liveness', command: '{{- toYaml .Values.livenessProbe | nindent 12 }}' },
      { path: 'charts/api/values.yaml', line: 1, source: 'kubernetes', kind: 'liveness', command: 'httpGet /health', probe: 'http', httpPath: '/health' },
      { path: 'k8s/deployment.yaml', line: 8, source: 'kubernetes', kind: 'liveness', command: 'httpGet /livez', probe: 'http', httpPath: '/livez' },
      { path: 'k8s/deployment.yaml', line: 12, source: 'kubernetes', kind: 'readiness', command: 'sh -c curl -f localhost:8080/readyz', probe: 'exec', httpPath: '/readyz' },
      { path: 'k8s/deployment.yaml', line: 15, source: 'kubernetes', kind: 'startup', command: 'tcpSocket', probe: 'tcp' }
    ])
  })
})

describe('kubernetes probe images', () => {
  it("records each probe's container image, before or after the probe, never a neighbour's", () => {
    const pod = [
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: ghcr.io/acme/api:1.2',
      '      readinessProbe:', // 5
      '        httpGet:',
      '          path: /readyz',
      '    - name: sidecar',
      '      livenessProbe:', // 9
      '        tcpSocket:',
      '          port: 9000',
      '      image: registry.k8s.io/pause:3.9',
      '    - name: bare',
      '      livenessProbe:', // 14
      '        exec:',
      '          command: ["true"]'
    ].join('\n')
    expect(kubernetesProbes('k8s/pod.yaml', pod).map((h) => [h.line, h.image])).toEqual([
      [5, 'ghcr.io/acme/api:1.2'],
      [9, 'registry.k8s.io/pause:3.9'],
      [14, undefined]
    ])
  })
})

describe('isDockerfile', () => {
  it('takes Dockerfiles and Containerfiles by name, not code or prose about them', () => {
    for (const p of ['Dockerfile', 'api/Dockerfile.prod', 'web.Dockerfile', 'ops/e2e.dockerfile', 'Containerfile', 'Containerfile.dev', 'Dockerfile-api', 'deploy/Dockerfile-rpc']) expect(isDockerfile(p)).toBe(true)
    // One Dockerfile per program ships it; a `-test` one is still a test image.
    expect(notServiceReason('Dockerfile-api', [])).toBeNull()
    expect(notServiceReason('Dockerfile-test', [])).toBe('test-only image')
    for (const p of ['src/facts/deploy/dockerfile.ts', 'tools/dockerfile.py', 'docs/Dockerfile.md', '.dockerignore', 'Dockerfile.dockerignore', 'lint/dockerfile.go', 'Dockerfile.json']) expect(isDockerfile(p)).toBe(false)
  })
})
