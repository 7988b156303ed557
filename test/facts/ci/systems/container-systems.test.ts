import { describe, expect, it } from 'vitest'
import { parseDrone } from '../../../../src/facts/ci/systems/drone.js'
import { parseWoodpecker } from '../../../../src/facts/ci/systems/woodpecker.js'
import { ctxOf, lines } from './helpers.js'

describe('parseWoodpecker', () => {
  const WF = lines(
    'variables:', // 1
    '  - &when', // 2
    '    - path: &paths', // 3
    "        - '**/*.go'", // 4
    '      event: pull_request', // 5
    'when:', // 6
    '  - event: pull_request', // 7
    '  - event: push', // 8
    '    branch: main', // 9
    '    path:', // 10
    '      - <<: *paths', // 11
    "      - 'Makefile'", // 12
    'matrix:', // 13
    '  GO: ["1.22", "1.23"]', // 14
    'steps:', // 15
    '  lint:', // 16
    '    image: golang:${GO}', // 17
    '    commands:', // 18
    '      - make generate', // 19
    '      # a comment between items', // 20
    '      - git diff --exit-code', // 21
    '    when: *when', // 22
    '  publish:', // 23
    '    image: docker.io/woodpeckerci/plugin-docker-buildx:6.1', // 24
    '    settings:', // 25
    '      repo: acme/svc', // 26
    '      platforms: [linux/amd64, linux/arm64]', // 27
    '    when:', // 28
    '      - event: tag', // 29
    '  notify:', // 30
    '    image: alpine', // 31
    "    commands: ['echo $${CI_COMMIT_SHA}']", // 32
    '    failure: ignore', // 33
    '  on-failure:', // 34
    '    image: alpine', // 35
    '    commands: [./report.sh]', // 36
    '    when:', // 37
    '      status: [failure]' // 38
  )

  it('reads workflow when: alternatives, step when: narrowing, plugins and sequence merges', () => {
    const ctx = ctxOf({ '.woodpecker/ci.yaml': WF })
    const [job] = parseWoodpecker(ctx, ['.woodpecker/ci.yaml'])
    expect(ctx.problems).toEqual([])
    expect(job!.triggers).toMatchObject({ pullRequest: true, push: true, schedule: false })
    const [lint, publish, notify, failure] = job!.steps
    // One script for the command list: the diff check still follows the generator, lines kept.
    expect([lint!.run, lint!.runLine, lint!.triggers?.pullRequest, lint!.triggers?.push]).toEqual(['make generate\n\ngit diff --exit-code', 19, true, false])
    expect(publish!.uses).toMatchObject({ name: 'woodpeckerci/plugin-docker-buildx', version: '6.1', with: { repo: 'acme/svc', platforms: 'linux/amd64,linux/arm64' } })
    expect(publish!.triggers).toMatchObject({ pullRequest: false, push: false })
    expect([notify!.run, notify!.canFail]).toEqual(['echo ${CI_COMMIT_SHA}', true])
    expect(failure!.disabled).toMatch(/failure/)
  })

  it('expands matrix values in commands and reads the folder before the single file', () => {
    const files = { '.woodpecker.yml': 'steps:\n  x:\n    image: a\n    commands: [echo root]\n', '.woodpecker/a.yml': 'matrix:\n  include:\n    - T: unit\n    - T: e2e\nsteps:\n  t:\n    image: golang\n    commands: ["make test-${T}"]\n' }
    const jobs = parseWoodpecker(ctxOf(files), ['.woodpecker.yml', '.woodpecker/a.yml'])
    expect(jobs.map((j) => j.file)).toEqual(['.woodpecker/a.yml'])
    expect(jobs[0]!.steps[0]!.run).toBe('make test-unit ; make test-e2e')
  })

  it('reads evaluate: expressions: a label test still runs on PRs, a tag match does not', () => {
    const wf = "steps:\n  a:\n    image: x\n    commands: [make lint]\n    when:\n      - event: pull_request\n        evaluate: 'CI_COMMIT_PULL_REQUEST_LABELS contains \"ok\"'\n  b:\n    image: x\n    commands: [make release]\n    when:\n      evaluate: 'CI_PIPELINE_EVENT == \"tag\"'\n"
    const [job] = parseWoodpecker(ctxOf({ '.woodpecker.yml': wf }), ['.woodpecker.yml'])
    expect(job!.steps.map((s) => s.triggers?.pullRequest)).toEqual([true, false])
  })

  it('pull_request_metadata and pull_request_closed build no new code', () => {
    const [job] = parseWoodpecker(ctxOf({ '.woodpecker.yml': 'when:\n  event: [pull_request_metadata, pull_request_closed]\nsteps:\n  a:\n    image: x\n    commands: [make test]\n' }), ['.woodpecker.yml'])
    expect(job!.triggers.pullRequest).toBe(false)
  })
})

describe('parseDrone', () => {
  const YML = lines(
    '---', // 1
    'kind: pipeline', // 2
    'name: default', // 3
    'steps:', // 4
    '  - name: test', // 5
    '    image: node:22', // 6
    '    commands:', // 7
    '      - npm ci', // 8
    '      - npm test', // 9
    '  - name: push', // 10
    '    image: plugins/docker', // 11
    '    settings: { repo: acme/x }', // 12
    '    when:', // 13
    '      event: { exclude: [pull_request] }', // 14
    'services:', // 15
    '  - name: db', // 16
    '    image: postgres:16', // 17
    'trigger:', // 18
    '  event: [push, pull_request]', // 19
    '  branch: [main]', // 20
    '---', // 21
    'kind: secret', // 22
    'name: token' // 23
  )
  it('reads every pipeline document with its trigger, step when:, plugins and services', () => {
    const jobs = parseDrone(ctxOf({ '.drone.yml': YML }), '.drone.yml')
    expect(jobs).toHaveLength(1)
    const [job] = jobs
    expect([job!.name, job!.line, job!.triggers.pullRequest, job!.triggers.push, job!.services]).toEqual(['default', 3, true, true, ['postgres:16']])
    expect([job!.steps[0]!.run, job!.steps[0]!.runLine]).toEqual(['npm ci\nnpm test', 8])
    expect(job!.steps[1]).toMatchObject({ uses: { name: 'plugins/docker' }, triggers: { pullRequest: false, push: true } })
  })
  it('runs on every event without a trigger', () => {
    const [job] = parseDrone(ctxOf({ '.drone.yml': 'kind: pipeline\nsteps:\n  - name: t\n    image: x\n    commands: [make test]\n' }), '.drone.yml')
    expect(job!.triggers).toMatchObject({ pullRequest: true, push: true, schedule: true, manual: true })
  })
})
