import { describe, expect, it } from 'vitest'
import { isWorkflowFile, parseGithubWorkflows } from '../../../../src/facts/ci/systems/github.js'
import { readIf, workflowTriggers } from '../../../../src/facts/ci/systems/github-triggers.js'
import { ctxOf, lines } from './helpers.js'

const CI = lines(
  'name: CI', // 1
  'on:', // 2
  '  push:', // 3
  '    branches: [main]', // 4
  '  pull_request:', // 5
  "    paths: ['src/**']", // 6
  'jobs:', // 7
  '  lint:', // 8
  '    runs-on: ubuntu-latest', // 9
  '    defaults:', // 10
  '      run:', // 11
  '        working-directory: backend', // 12
  '    steps:', // 13
  '      - uses: actions/checkout@v4', // 14
  '      - name: Ruff', // 15
  '        run: ruff check .', // 16
  '      - run: |', // 17
  '          mypy .', // 18
  '          pytest', // 19
  '        continue-on-error: true', // 20
  '      - uses: ./.github/actions/setup', // 21
  '        with:', // 22
  '          target: lint', // 23
  '  deploy:', // 24
  "    if: github.event_name == 'push'", // 25
  '    runs-on: x', // 26
  '    container: python:3.12', // 27
  '    services:', // 28
  '      pg:', // 29
  '        image: postgres:16', // 30
  '    steps:', // 31
  '      - run: make deploy', // 32
  '  off:', // 33
  '    if: ${{ false }}', // 34
  '    steps:', // 35
  '      - run: echo off', // 36
  '  shared:', // 37
  '    uses: ./.github/workflows/reusable.yml', // 38
  '    with:', // 39
  '      target: test', // 40
  '  remote:', // 41
  '    uses: org/repo/.github/workflows/x.yml@main' // 42
)

const ACTION = lines(
  'name: setup', // 1
  'inputs:', // 2
  '  target:', // 3
  '    default: all', // 4
  'runs:', // 5
  '  using: composite', // 6
  '  steps:', // 7
  '    - run: make ${{ inputs.target }}', // 8
  '      shell: bash' // 9
)

const REUSABLE = lines(
  'on:', // 1
  '  workflow_call:', // 2
  '    inputs:', // 3
  '      target:', // 4
  '        type: string', // 5
  'jobs:', // 6
  '  test:', // 7
  '    runs-on: x', // 8
  '    steps:', // 9
  '      - run: make ${{ inputs.target }}' // 10
)

describe('parseGithubWorkflows', () => {
  const ctx = ctxOf({ '.github/workflows/ci.yml': CI, '.github/actions/setup/action.yml': ACTION, '.github/workflows/reusable.yml': REUSABLE })
  const jobs = parseGithubWorkflows(ctx, ['.github/workflows/ci.yml', '.github/workflows/reusable.yml'])
  const byId = (id: string) => jobs.find((j) => j.id === id)!

  it('keeps triggers with PR filters, and drops a workflow_call-only workflow called locally', () => {
    expect(ctx.problems).toEqual([])
    expect(jobs.map((j) => j.id)).toEqual(['lint', 'deploy', 'off', 'test', 'remote'])
    expect(byId('lint').triggers).toEqual({ pullRequest: true, push: true, schedule: false, manual: false, events: ['push', 'pull_request'], prPaths: ['src/**'] })
    expect(byId('lint').line).toBe(8)
    expect(byId('lint').workingDirectory).toBe('backend')
  })

  it('reads steps with exact run lines, uses/with and continue-on-error', () => {
    const steps = byId('lint').steps
    expect(steps[0]).toMatchObject({ uses: { raw: 'actions/checkout@v4', name: 'actions/checkout', version: 'v4', local: false }, loc: { path: '.github/workflows/ci.yml', line: 14 } })
    expect(steps[1]).toMatchObject({ name: 'Ruff', run: 'ruff check .', runLine: 16, canFail: false, workingDirectory: 'backend', loc: { line: 15, text: 'Ruff' } })
    expect(steps[2]).toMatchObject({ run: 'mypy .\npytest\n', runLine: 18, canFail: true })
    expect(steps[3]).toMatchObject({ uses: { raw: './.github/actions/setup', local: true, with: { target: 'lint' } }, loc: { line: 21 } })
  })

  it('reads the steps of a parallel group and its sequential sequences in place, with their lines', () => {
    const c = ctxOf({
      '.github/workflows/ci.yml': lines(
        'on: pull_request', // 1
        'jobs:', // 2
        '  ci:', // 3
        '    runs-on: ubuntu-latest', // 4
        '    steps:', // 5
        '    - uses: actions/checkout@v4', // 6
        '    - parallel:', // 7
        '      - name: Run rubocop', // 8
        '        run: bundle exec rake linter:rubocop', // 9
        '      - sequential:', // 10
        '        - run: bundle exec rake annotate', // 11
        '        - run: git diff --exit-code', // 12
        '    - run: bundle exec rspec' // 13
      )
    })
    const steps = parseGithubWorkflows(c, ['.github/workflows/ci.yml'])[0]!.steps
    expect(steps.map((s) => [s.run ?? s.uses?.name, s.loc.line])).toEqual([
      ['actions/checkout', 6],
      ['bundle exec rake linter:rubocop', 8],
      ['bundle exec rake annotate', 11],
      ['git diff --exit-code', 12],
      ['bundle exec rspec', 13]
    ])
  })

  it('inlines a local composite action with its inputs and a via link', () => {
    const inlined = byId('lint').steps[4]!
    expect(inlined).toMatchObject({ run: 'make lint', runLine: 8, loc: { path: '.github/actions/setup/action.yml', line: 8 } })
    expect(inlined.via).toEqual([{ path: '.github/workflows/ci.yml', line: 21, text: 'uses: ./.github/actions/setup' }])
    expect(byId('lint').steps).toHaveLength(5)
  })

  it('narrows triggers by job if:, disables if: false, keeps images and services', () => {
    expect(byId('deploy').triggers).toEqual({ pullRequest: false, push: true, schedule: false, manual: false, events: ['push', 'pull_request'] })
    expect(byId('deploy').images).toEqual(['python:3.12'])
    expect(byId('deploy').services).toEqual(['postgres:16'])
    expect(byId('off').disabled).toBe('if: ${{ false }}')
  })

  it('turns a local reusable workflow into caller jobs with the caller triggers', () => {
    const test = byId('test')
    expect(test.file).toBe('.github/workflows/reusable.yml')
    expect(test.name).toBe('shared / test')
    expect(test.triggers).toEqual(byId('lint').triggers)
    expect(test.via).toEqual([{ path: '.github/workflows/ci.yml', line: 38, text: 'uses: ./.github/workflows/reusable.yml' }])
    expect(test.steps[0]).toMatchObject({ run: 'make test', runLine: 10 })
  })

  it('keeps a remote reusable workflow as a job of unknown content, its call a step that uses it', () => {
    const remote = byId('remote')
    expect(remote).toMatchObject({ line: 41, triggers: byId('lint').triggers })
    expect(remote.opaque).toMatch(/reusable workflow of another repository/)
    expect(remote.steps.map((s) => s.uses?.name)).toHaveLength(1)
    expect(remote.steps[0]!.uses!.local).toBe(false)
  })

  it('guards composite-action cycles and reports a missing local action', () => {
    const loop = lines('runs:', '  using: composite', '  steps:', '    - uses: ./a', '    - run: echo inner')
    const c = ctxOf({
      '.github/workflows/w.yml': lines('on: pull_request', 'jobs:', '  j:', '    steps:', '      - uses: ./a', '      - uses: ./missing'),
      'a/action.yml': loop
    })
    const [j] = parseGithubWorkflows(c, ['.github/workflows/w.yml'])
    expect(j!.steps.map((s) => s.run ?? s.uses?.raw)).toEqual(['./a', './a', 'echo inner', './missing'])
    expect(c.problems).toEqual([{ path: '.github/workflows/w.yml', line: 6, message: 'local action ./missing not found' }])
  })

  it('does not treat a python-shell run as a shell script', () => {
    const c = ctxOf({ '.github/workflows/w.yml': lines('on: push', 'jobs:', '  j:', '    steps:', '      - run: print(1)', '        shell: python') })
    const [j] = parseGithubWorkflows(c, ['.github/workflows/w.yml'])
    expect(j!.steps[0]!.run).toBeUndefined()
  })

  it('reports malformed YAML with its line and keeps going', () => {
    const c = ctxOf({ '.github/workflows/bad.yml': lines('on: push', 'jobs:', '  j:', '    steps: [', '  x: }'), '.github/workflows/ok.yml': lines('on: push', 'jobs:', '  j:', '    steps:', '      - run: make') })
    const jobs2 = parseGithubWorkflows(c, ['.github/workflows/bad.yml', '.github/workflows/ok.yml'])
    expect(jobs2.map((j) => j.file)).toEqual(['.github/workflows/ok.yml'])
    expect(c.problems).toHaveLength(1)
    expect(c.problems[0]).toMatchObject({ path: '.github/workflows/bad.yml', line: 5 })
    expect(c.problems[0]!.message).toMatch(/^YAML parse error/)
  })
})

describe('workflowTriggers', () => {
  const flags = (on: unknown) => {
    const t = workflowTriggers(on)
    return [t.pullRequest, t.push, t.schedule, t.manual]
  }
  it.each([
    ['push', [false, true, false, false]],
    [['push', 'pull_request'], [true, true, false, false]],
    [{ pull_request_target: null }, [true, false, false, false]],
    [{ merge_group: null }, [true, false, false, false]],
    [{ push: { tags: ['v*'] } }, [false, false, false, false]],
    [{ push: { tags: ['v*'], branches: ['main'] } }, [false, true, false, false]],
    [{ pull_request: { types: ['closed'] } }, [false, false, false, false]],
    [{ pull_request: { types: ['opened', 'labeled'] } }, [true, false, false, false]],
    [{ schedule: [{ cron: '0 0 * * *' }] }, [false, false, true, false]],
    [{ workflow_dispatch: null, repository_dispatch: null }, [false, false, false, true]],
    [{ workflow_call: null }, [false, false, false, false]],
    [{ release: { types: ['published'] } }, [false, false, false, false]]
  ])('%j → %j', (on, expected) => {
    expect(flags(on)).toEqual(expected)
  })

  it('keeps branches and paths-ignore of the PR trigger', () => {
    expect(workflowTriggers({ pull_request: { branches: ['main'], 'paths-ignore': ['docs/**'] } })).toEqual({
      pullRequest: true,
      push: false,
      schedule: false,
      manual: false,
      events: ['pull_request'],
      prBranches: ['main'],
      prPathsIgnore: ['docs/**']
    })
  })
})

describe('readIf', () => {
  const all = workflowTriggers(['push', 'pull_request', 'schedule', 'workflow_dispatch'])
  const flags = (cond: string) => {
    const r = readIf(cond, all)
    return [r.disabled, r.triggers.pullRequest, r.triggers.push, r.triggers.schedule, r.triggers.manual]
  }
  it.each([
    ['false', ['if: false', true, true, true, true]],
    ['${{ false }}', ['if: ${{ false }}', true, true, true, true]],
    ["github.event_name == 'push'", [null, false, true, false, false]],
    ['${{ github.event_name == "pull_request" }}', [null, true, false, false, false]],
    ["github.event_name != 'pull_request'", [null, false, true, true, true]],
    ["github.ref == 'refs/heads/main'", [null, false, true, true, true]],
    ["startsWith(github.ref, 'refs/tags/')", [null, false, false, true, true]],
    ["success() && github.event_name == 'schedule'", [null, false, false, true, false]],
    ["github.event_name == 'push' || github.event_name == 'pull_request'", [null, true, true, true, true]],
    ["contains(github.event.pull_request.labels.*.name, 'ci')", [null, true, true, true, true]]
  ])('%s', (cond, expected) => {
    expect(flags(cond)).toEqual(expected)
  })
})

describe('isWorkflowFile', () => {
  it.each([
    ['.github/workflows/ci.yml', true],
    ['.github/workflows/ci.yaml', true],
    ['.github/workflows/ci.yml.disabled', false],
    ['.github/workflows/disabled/ci.yml', false],
    ['.github/workflows/README.md', false]
  ])('%s', (p, ok) => {
    expect(isWorkflowFile(p, '.github/workflows')).toBe(ok)
  })
})

describe('continue-on-error re-raised by a later step', () => {
  it('keeps a step that can fail when a later step exits 1 on its failure outcome', () => {
    const wf = lines(
      'on: pull_request',
      'jobs:',
      '  lint:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - id: precommit',
      '        run: pre-commit run --all-files',
      '        continue-on-error: true',
      '      - id: other',
      '        run: ruff check .',
      '        continue-on-error: true',
      '      - run: git push',
      "      - if: steps.precommit.outcome == 'failure'",
      '        run: exit 1'
    )
    const [job] = parseGithubWorkflows(ctxOf({ '.github/workflows/lint.yml': wf }), ['.github/workflows/lint.yml'])
    const steps = job!.steps
    expect(steps.map((s) => s.canFail)).toEqual([false, true, false, false])
  })

  it('reads env variables into run scripts: literals, and every value of a matrix key (rubygems.org)', () => {
    const wf = lines(
      'on: pull_request',
      'env:',
      '  RAILS_ENV: test',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      matrix:',
      '        tests:',
      '          - { id: general, command: test }',
      '          - { id: system, command: "test:system" }',
      '        ruby: ["3.3"]',
      '        include:',
      '          - ruby: "3.4"',
      '    env:',
      '      RUBY: ${{ matrix.ruby }}',
      '    steps:',
      '      - run: |',
      '          echo $RAILS_ENV',
      '          bin/rails $TEST_COMMAND',
      '          echo ${RUBY} $UNSET',
      '        env:',
      '          TEST_COMMAND: ${{ matrix.tests.command }}',
      '      - run: echo $TEST_COMMAND'
    )
    const [job] = parseGithubWorkflows(ctxOf({ '.github/workflows/test.yml': wf }), ['.github/workflows/test.yml'])
    expect(job!.steps.map((s) => s.run)).toEqual(['echo test\nbin/rails test ; bin/rails test:system\necho 3.3 $UNSET ; echo 3.4 $UNSET\n', 'echo $TEST_COMMAND'])
  })
})
