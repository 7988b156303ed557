import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { scanReport } from '../helpers/scan.js'
import { tempTree } from '../helpers/tmp-repo.js'

/**
 * Fixture repositories on the CI systems beyond GitHub Actions, scanned like a user would: each
 * runs lint, tests, type checking and an image build on pull requests through its own system's
 * syntax (and the repository's Makefile, scripts, Dockerfile CMD or Earthfile behind it).
 */

const GO_SERVICE = {
  'go.mod': 'module example.com/svc\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n',
  'main.go': 'package main\n\nimport "github.com/gin-gonic/gin"\n\nfunc main() {\n\tr := gin.Default()\n\tr.GET("/healthz", func(c *gin.Context) { c.String(200, "ok") })\n\tr.Run()\n}\n',
  'main_test.go': 'package main\n\nimport "testing"\n\nfunc TestX(t *testing.T) {}\n',
  '.golangci.yml': 'version: "2"\n',
  Dockerfile: 'FROM golang:1.22 AS build\nCOPY . /src\nRUN cd /src && go build -o /svc .\nFROM gcr.io/distroless/base\nCOPY --from=build /svc /svc\nCMD ["/svc"]\n',
  Makefile: 'lint:\n\tgolangci-lint run ./...\n\ntest:\n\tgo test -race ./...\n'
}

const PRACTICES = ['ci-lint', 'ci-tests', 'type-checking', 'container-build'] as const

async function statuses(files: Record<string, string>): Promise<Record<string, string>> {
  const report = await scanReport({ root: tempTree({ ...GO_SERVICE, ...files }), config: DEFAULT_CONFIG, inputs: { tags: null } })
  return Object.fromEntries(PRACTICES.map((id) => [id, report.checks.find((c) => c.id === id)!.status]))
}

const ALL_PASS = Object.fromEntries(PRACTICES.map((id) => [id, 'pass']))

describe('fixture repositories on other CI systems', () => {
  it('Woodpecker: pull-request workflows in .woodpecker/, a step when: narrowing, a buildx plugin dry run', async () => {
    const files = {
      '.woodpecker/test.yaml': [
        'variables:',
        '  - &golang "golang:1.22"',
        '  - &on_pr',
        '    - event: pull_request',
        '      path: ["**/*.go", "go.*"]',
        'when:',
        '  - event: pull_request',
        '  - event: push',
        '    branch: ${CI_REPO_DEFAULT_BRANCH}',
        'steps:',
        '  lint:',
        '    image: golangci/golangci-lint:v2',
        '    commands:',
        '      - make lint',
        '    when: *on_pr',
        '  test:',
        '    image: *golang',
        '    commands:',
        '      - make test',
        '  codecov:',
        '    image: woodpeckerci/plugin-codecov',
        '    failure: ignore',
        ''
      ].join('\n'),
      '.woodpecker/docker.yaml': 'when:\n  - event: [pull_request, tag]\nsteps:\n  - name: image\n    image: woodpeckerci/plugin-docker-buildx:6\n    settings:\n      repo: acme/svc\n      dockerfile: Dockerfile\n      dry_run: true\n'
    }
    expect(await statuses(files)).toEqual(ALL_PASS)
  })

  it('Woodpecker: a push-only workflow is not a pull-request check', async () => {
    const s = await statuses({ '.woodpecker.yml': 'when:\n  event: push\nsteps:\n  test:\n    image: golang\n    commands: [make lint, make test]\n' })
    expect([s['ci-lint'], s['ci-tests']]).toEqual(['partial', 'partial'])
  })

  it('Drone: a multi-document .drone.yml with trigger: and a push-only image push', async () => {
    const files = {
      '.drone.yml': [
        '---',
        'kind: pipeline',
        'type: docker',
        'name: test',
        'steps:',
        '  - name: lint',
        '    image: golangci/golangci-lint',
        '    commands: [golangci-lint run]',
        '  - name: test',
        '    image: golang',
        '    commands:',
        '      - go test ./...',
        '  - name: image',
        '    image: plugins/docker',
        '    settings: { repo: acme/svc, dry_run: true }',
        'trigger:',
        '  event: [push, pull_request]',
        '---',
        'kind: secret',
        'name: token',
        ''
      ].join('\n')
    }
    expect(await statuses(files)).toEqual(ALL_PASS)
  })

  it('Cirrus CI: *_task with only_if on PRs, *_script instructions, an env matrix, a docker_builder', async () => {
    const files = {
      '.cirrus.yml': [
        'env:',
        '  SCRIPTS: ./ci',
        'lint_task:',
        "  only_if: $CIRRUS_PR != ''",
        '  container: { image: golangci/golangci-lint }',
        '  lint_script: make lint',
        'test_task:',
        '  matrix:',
        '    - env: { GOFLAGS: -race }',
        '    - env: { GOFLAGS: "" }',
        "  only_if: $CIRRUS_PR == '' || changesInclude('**/*.go')",
        '  test_script: $SCRIPTS/test.sh',
        'docker_builder:',
        '  build_script: docker build -t acme/svc .',
        ''
      ].join('\n'),
      'ci/test.sh': '#!/bin/sh\nset -e\ngo test ./...\n'
    }
    expect(await statuses(files)).toEqual(ALL_PASS)
  })

  it('Buildkite: groups, command lists, a docker-compose plugin build, a tag-only release step', async () => {
    const files = {
      '.buildkite/pipeline.yml': [
        'steps:',
        '  - group: checks',
        '    steps:',
        '      - label: lint',
        '        command: make lint',
        '      - label: test',
        '        commands:',
        '          - .buildkite/test.sh',
        '  - label: image',
        '    plugins:',
        '      - docker-compose#v5.0.0:',
        '          build: app',
        '  - label: release',
        '    if: build.tag != null',
        '    command: make release',
        ''
      ].join('\n'),
      '.buildkite/test.sh': '#!/bin/bash\ngo test ./...\n'
    }
    expect(await statuses(files)).toEqual(ALL_PASS)
  })

  it('Google Cloud Build: a presubmit config whose test step runs the CMD of an image built from the repository', async () => {
    const files = {
      'cloudbuild.yaml': [
        'steps:',
        '- name: gcr.io/cloud-builders/docker',
        "  args: ['build', '-t', 'gcr.io/$PROJECT_ID/testbase', '-f', 'ci/Dockerfile', '.']",
        '- name: gcr.io/$PROJECT_ID/testbase',
        '  id: tests',
        '- name: gcr.io/cloud-builders/docker',
        '  args: [build, -t, gcr.io/$PROJECT_ID/svc, .]',
        '  waitFor: [-]',
        ''
      ].join('\n'),
      'cloudbuild_tag.yaml': 'steps:\n- name: gcr.io/cloud-builders/docker\n  args: [build, -t, gcr.io/$PROJECT_ID/svc:$TAG_NAME, .]\n',
      'ci/Dockerfile': 'FROM golang:1.22\nWORKDIR /ci\nCOPY ./ci/run.sh /ci/\nCMD ["/bin/bash", "-c", "/ci/run.sh"]\n',
      'ci/run.sh': '#!/bin/bash\nset -e\nmake lint\nmake test\n'
    }
    expect(await statuses(files)).toEqual(ALL_PASS)
  })

  it('Google Cloud Build: a lone config says nothing of its trigger, so checks there are unknown, not failed', async () => {
    const s = await statuses({ 'cloudbuild.yaml': 'steps:\n- name: golang\n  args: [go, test, ./...]\n' })
    expect(s['ci-tests']).toBe('unknown')
  })

  it('Semaphore, AppVeyor and an Earthfile called from CI', async () => {
    const semaphore = {
      '.semaphore/semaphore.yml': [
        'version: v1.0',
        'name: ci',
        'blocks:',
        '  - name: checks',
        '    task:',
        '      jobs:',
        '        - name: lint',
        '          commands:',
        '            - checkout',
        '            - earthly +lint',
        '        - name: test',
        '          commands: [checkout, earthly +test]',
        '  - name: image',
        '    task:',
        '      jobs:',
        '        - name: image',
        '          commands: [earthly +docker]',
        ''
      ].join('\n'),
      Earthfile: 'VERSION 0.8\nFROM golang:1.22\nWORKDIR /src\n\nlint:\n    COPY . .\n    RUN golangci-lint run\n\ntest:\n    COPY . .\n    RUN go test ./...\n\ndocker:\n    FROM +test\n    SAVE IMAGE acme/svc:latest\n'
    }
    expect(await statuses(semaphore)).toEqual(ALL_PASS)
    const appveyor = { 'appveyor.yml': 'image: Ubuntu\nbuild_script:\n  - sh: make lint\n  - sh: docker build -t acme/svc .\ntest_script:\n  - sh: make test\n' }
    expect(await statuses(appveyor)).toEqual(ALL_PASS)
  })

  it('a Dagger call or a Starlark configuration is opaque: unknown, never fail', async () => {
    const dagger = await statuses({ '.woodpecker.yml': 'when:\n  event: pull_request\nsteps:\n  ci:\n    image: golang\n    commands: [dagger call test --source=.]\n' })
    expect([dagger['ci-lint'], dagger['ci-tests']]).toEqual(['unknown', 'unknown'])
    const star = await statuses({ '.drone.star': 'def main(ctx):\n  return {"kind": "pipeline"}\n' })
    expect(star['ci-tests']).toBe('unknown')
  })
})
