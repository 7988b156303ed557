import { describe, expect, it } from 'vitest'
import { parseCircleci } from '../../../../src/facts/ci/systems/circleci.js'
import { ctxOf, lines } from './helpers.js'

const CONFIG = lines(
  'version: 2.1', // 1
  'orbs:', // 2
  '  python: circleci/python@2.1.1', // 3
  'commands:', // 4
  '  lint:', // 5
  '    steps:', // 6
  '      - run: ruff check .', // 7
  'jobs:', // 8
  '  test:', // 9
  '    docker:', // 10
  '      - image: cimg/python:3.12', // 11
  '      - image: postgres:16', // 12
  '    working_directory: ~/project/api', // 13
  '    steps:', // 14
  '      - checkout', // 15
  '      - python/install-packages:', // 16
  '          pkg-manager: poetry', // 17
  '      - lint', // 18
  '      - run:', // 19
  '          name: Tests', // 20
  '          command: |', // 21
  '            pytest', // 22
  'workflows:', // 23
  '  main:', // 24
  '    jobs:', // 25
  '      - test', // 26
  '      - python/test:', // 27
  '          filters:', // 28
  '            branches:', // 29
  '              only: main', // 30
  '  nightly:', // 31
  '    triggers:', // 32
  '      - schedule:', // 33
  '          cron: "0 0 * * *"', // 34
  '    jobs:', // 35
  '      - test' // 36
)

describe('parseCircleci', () => {
  const ctx = ctxOf({ '.circleci/config.yml': CONFIG })
  const jobs = parseCircleci(ctx, '.circleci/config.yml')

  it('emits one job per workflow listing with PR+push, branch-filtered or scheduled triggers', () => {
    expect(ctx.problems).toEqual([])
    expect(jobs.map((j) => [j.id, j.line, j.triggers.pullRequest, j.triggers.push, j.triggers.schedule])).toEqual([
      ['test', 9, true, true, false],
      ['python/test', 27, false, true, false],
      ['test', 9, false, false, true]
    ])
  })

  it('reads run steps (string and map), inlines commands and records orb commands', () => {
    const test = jobs[0]!
    expect(test.workingDirectory).toBe('api')
    expect(test.images).toEqual(['cimg/python:3.12'])
    expect(test.services).toEqual(['postgres:16'])
    expect(test.steps.map((s) => [s.uses?.name ?? s.run, s.runLine ?? s.loc.line])).toEqual([
      ['circleci/python/install-packages', 16],
      ['ruff check .', 7],
      ['pytest\n', 22]
    ])
    expect(test.steps[0]!.uses).toMatchObject({ version: '2.1.1', with: { 'pkg-manager': 'poetry' } })
    expect(test.steps[1]!.via).toEqual([{ path: '.circleci/config.yml', line: 18, text: 'lint' }])
    expect(test.steps[2]).toMatchObject({ name: 'Tests', loc: { line: 19, text: 'Tests' } })
  })

  it('turns an orb job into a uses step', () => {
    expect(jobs[1]!.steps).toEqual([{ loc: { path: '.circleci/config.yml', line: 27, text: 'python/test' }, uses: { raw: 'python/test', name: 'circleci/python/test', version: '2.1.1', with: {}, local: false }, canFail: false, disabled: null, via: [] }])
  })

  it('runs the build job of a 2.0 config without workflows', () => {
    const c = ctxOf({ '.circleci/config.yml': lines('version: 2', 'jobs:', '  build:', '    steps:', '      - run: make test') })
    expect(parseCircleci(c, '.circleci/config.yml').map((j) => [j.id, j.triggers.pullRequest, j.steps[0]!.run])).toEqual([['build', true, 'make test']])
  })

  it('passes parameters to reusable commands and jobs (caller value, else default), and a branch-ignore workflow runs on PR branches', () => {
    const c = ctxOf({
      '.circleci/config.yml': lines(
        'version: 2.1',
        'parameters:',
        '  suite:',
        '    type: string',
        '    default: spec',
        'commands:',
        '  run-rspec:',
        '    parameters:',
        '      format:',
        '        type: string',
        '        default: progress',
        '      dir:',
        '        type: string',
        '    steps:',
        '      - run: circleci tests glob "<< parameters.dir >>/**/*_spec.rb" | circleci tests run --command="xargs bundle exec rspec --format << parameters.format >>"',
        'jobs:',
        '  rspec-tests:',
        '    parameters:',
        '      dir:',
        '        type: string',
        '        default: << pipeline.parameters.suite >>',
        '    steps:',
        '      - checkout',
        '      - run-rspec:',
        '          dir: << parameters.dir >>',
        '      - run-rspec:',
        '          dir: features',
        '          format: documentation',
        'workflows:',
        '  test-branch:',
        '    jobs:',
        '      - build:',
        '          filters:',
        '            branches:',
        '              ignore:',
        '                - main',
        '      - rspec-tests:',
        '          requires: [build]'
      )
    })
    const job = parseCircleci(c, '.circleci/config.yml').find((j) => j.id === 'rspec-tests')!
    expect(job.triggers.pullRequest).toBe(true)
    expect(job.steps.map((s) => s.run)).toEqual([
      'circleci tests glob "spec/**/*_spec.rb" | circleci tests run --command="xargs bundle exec rspec --format progress"',
      'circleci tests glob "features/**/*_spec.rb" | circleci tests run --command="xargs bundle exec rspec --format documentation"'
    ])
  })
})
