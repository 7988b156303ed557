import { describe, expect, it } from 'vitest'
import { parseBuildkite } from '../../../../src/facts/ci/systems/buildkite.js'
import { parseCirrus } from '../../../../src/facts/ci/systems/cirrus.js'
import { parseCloudBuild } from '../../../../src/facts/ci/systems/cloud-build.js'
import { ctxOf, lines } from './helpers.js'

describe('parseBuildkite', () => {
  const PIPELINE = lines(
    'env:', // 1
    '  IMG: golang:1.22', // 2
    'steps:', // 3
    '  - label: lint', // 4
    '    command: make lint', // 5
    '    agents: { image: "$IMG" }', // 6
    '  - wait', // 7
    '  - group: tests', // 8
    '    steps:', // 9
    '      - label: unit', // 10
    '        commands:', // 11
    '          - go test ./...', // 12
    '        soft_fail: true', // 13
    '      - label: main only', // 14
    '        branches: main', // 15
    '        command: make deploy', // 16
    '  - label: pr only', // 17
    '    if: build.pull_request.id != null', // 18
    '    command: make e2e', // 19
    '  - label: nightly', // 20
    '    if: build.source == "schedule"', // 21
    '    command: make soak', // 22
    '  - label: more', // 23
    '    command: buildkite-agent pipeline upload .buildkite/more.yml', // 24
    '  - trigger: deploy-pipeline', // 25
    '    label: deploy' // 26
  )
  const files = { '.buildkite/pipeline.yml': PIPELINE, '.buildkite/more.yml': 'steps:\n  - label: extra\n    command: make extra\n', '.buildkite/nightly.yml': 'steps:\n  - label: n\n    command: make n\n', '.buildkite/docker-compose.yml': 'services: {}\n' }

  it('reads command steps inside groups, with if:, branches:, soft_fail, uploads and triggers', () => {
    const ctx = ctxOf(files)
    const jobs = parseBuildkite(ctx, Object.keys(files))
    const by = (n: string) => jobs.find((j) => j.name === n)!
    expect(by('lint')).toMatchObject({ line: 4, images: ['golang:1.22'], triggers: { pullRequest: true, push: true } })
    expect(by('lint').steps[0]).toMatchObject({ run: 'make lint', runLine: 5 })
    expect(by('tests / unit').steps[0]).toMatchObject({ run: 'go test ./...', runLine: 12, canFail: true })
    expect(by('tests / main only').triggers).toMatchObject({ pullRequest: false, push: true })
    expect(by('pr only').triggers).toMatchObject({ pullRequest: true, push: false })
    // Schedules are Buildkite settings too: a schedule-only step is no pull-request or push check.
    expect(by('nightly').triggers).toMatchObject({ pullRequest: false, push: false })
    // The uploaded file's steps run with the uploading pipeline; it is not a pipeline of its own.
    expect(jobs.filter((j) => j.name === 'extra').map((j) => [j.file, j.triggers.pullRequest, j.via[0]?.line])).toEqual([['.buildkite/more.yml', true, 24]])
    expect(by('deploy').steps[0]).toMatchObject({ uses: { name: 'buildkite-trigger:deploy-pipeline' }, opaque: expect.stringContaining('deploy-pipeline') })
    // Another pipeline file: its triggers are Buildkite settings; a compose file is no pipeline.
    expect(by('n').triggers.outside).toMatch(/set in Buildkite/)
    expect(jobs.some((j) => j.file === '.buildkite/docker-compose.yml')).toBe(false)
  })
})

describe('parseCirrus', () => {
  const CIRRUS = lines(
    'env:', // 1
    '  WORKDIR: /tmp/cirrus-ci-build', // 2
    '  SCRIPTS: $WORKDIR/ci', // 3
    '  CIRRUS_WORKING_DIR: /tmp/cirrus-ci-build', // 4
    'lint_task:', // 5
    "  only_if: $CIRRUS_PR != ''", // 6
    '  lint_script:', // 7
    '    - make lint', // 8
    '    - git diff --exit-code', // 9
    'task:', // 10
    '  name: test', // 11
    "  only_if: $CIRRUS_PR == '' || changesInclude('**/*.go')", // 12
    '  allow_failures: $CIRRUS_PR != ""', // 13
    '  main_script: $SCRIPTS/test.sh', // 14
    '  on_failure:', // 15
    '    logs_script: cat log', // 16
    'task:', // 17
    '  name: release', // 18
    "  only_if: $CIRRUS_TAG != ''", // 19
    '  script: make release', // 20
    'manual_task:', // 21
    '  trigger_type: manual', // 22
    '  script: make slow', // 23
    'branch_task:', // 24
    "  only_if: $CIRRUS_BRANCH == 'main'", // 25
    '  build_background_script: make serve' // 26
  )
  it('reads tasks (repeated task: keys too), scripts, only_if, allow_failures and the working directory', () => {
    const jobs = parseCirrus(ctxOf({ '.cirrus.yml': CIRRUS }), '.cirrus.yml')
    const by = (n: string) => jobs.find((j) => j.name === n)!
    expect(jobs.map((j) => j.name)).toEqual(['lint', 'test', 'release', 'manual', 'branch'])
    expect(by('lint')).toMatchObject({ line: 5, triggers: { pullRequest: true, push: false } })
    expect(by('lint').steps[0]).toMatchObject({ run: 'make lint\ngit diff --exit-code', runLine: 8 })
    expect(by('test')).toMatchObject({ canFail: true, triggers: { pullRequest: true, push: true } })
    expect(by('test').steps.map((s) => s.run)).toEqual(['./ci/test.sh'])
    expect(by('release').triggers).toMatchObject({ pullRequest: false, push: false, events: ['tag'] })
    expect(by('manual').triggers).toMatchObject({ pullRequest: false, manual: true })
    expect(by('branch').triggers).toMatchObject({ pullRequest: false, push: true })
    expect(by('branch').steps[0]!.canFail).toBe(true)
  })
})

describe('parseCloudBuild', () => {
  it('reads builder programs, entrypoint scripts, the CMD of an image built here, and triggers by file name', () => {
    const files = {
      'cloudbuild.yaml': lines(
        'steps:', // 1
        '- name: gcr.io/cloud-builders/docker', // 2
        "  args: [build, -t, 'gcr.io/$PROJECT_ID/base', -f, ci/Dockerfile, .]", // 3
        '- name: gcr.io/$PROJECT_ID/base', // 4
        '  id: default', // 5
        "  env: ['OPTS=--fast']", // 6
        '- name: golang', // 7
        '  entrypoint: bash', // 8
        "  args: ['-c', 'go vet ./... && echo $$HOME']", // 9
        '- name: gcr.io/other/tool', // 10
        '  waitFor: [-]', // 11
        '- name: golang', // 12
        '  allowFailure: true', // 13
        '  script: |', // 14
        '    go test ./...' // 15
      ),
      'cloudbuild_release.yaml': 'steps:\n- name: gcr.io/cloud-builders/docker\n  args: [build, .]\n',
      'ci/Dockerfile': 'FROM golang\nCOPY ci/run.sh /bin/run.sh\nCMD /bin/run.sh $OPTS\n',
      'ci/run.sh': 'go test ./...\n'
    }
    const ctx = ctxOf(files)
    const jobs = parseCloudBuild(ctx, ['cloudbuild.yaml', 'cloudbuild_release.yaml'])
    expect(ctx.problems).toEqual([])
    const [pr, release] = jobs
    expect(pr!.triggers).toMatchObject({ pullRequest: true })
    expect(release!.triggers).toMatchObject({ pullRequest: false, push: false, events: ['tag (by file name)'] })
    const [build, cmd, vet, other, script] = pr!.steps
    expect(build!.run).toBe("docker build -t 'gcr.io/$PROJECT_ID/base' -f ci/Dockerfile .")
    expect(cmd).toMatchObject({ loc: { path: 'ci/Dockerfile', line: 3 }, run: './ci/run.sh --fast', via: [{ path: 'cloudbuild.yaml', line: 4 }] })
    expect(vet).toMatchObject({ run: 'go vet ./... && echo $HOME', runLine: 8 })
    expect(other).toMatchObject({ uses: { name: 'gcr.io/other/tool' }, opaque: expect.stringContaining('default command') })
    expect(script).toMatchObject({ run: 'go test ./...\n', runLine: 15, canFail: true })
  })

  it('a lone unnamed config has its triggers set outside the repository', () => {
    const [job] = parseCloudBuild(ctxOf({ 'cloudbuild.yaml': 'steps:\n- name: golang\n  args: [go, test]\n' }), ['cloudbuild.yaml'])
    expect(job!.triggers.outside).toMatch(/Cloud Build trigger/)
    expect(job!.steps[0]!.run).toBe('go test')
  })
})
