import { describe, expect, it } from 'vitest'
import { parseGitlab } from '../../../../src/facts/ci/systems/gitlab.js'
import { evalRules } from '../../../../src/facts/ci/systems/gitlab-rules.js'
import { ctxOf, lines } from './helpers.js'

const MAIN = lines(
  'include:', // 1
  '  - local: /ci/lint.yml', // 2
  '  - template: Security/SAST.gitlab-ci.yml', // 3
  '  - project: org/ci', // 4
  '    file: /python.yml', // 5
  '    ref: v1', // 6
  'default:', // 7
  '  image: python:3.12', // 8
  '  before_script:', // 9
  '    - pip install -r requirements.txt', // 10
  '.tests:', // 11
  '  script:', // 12
  '    - pytest', // 13
  '  after_script:', // 14
  '    - echo done', // 15
  'test:', // 16
  '  extends: .tests', // 17
  '  rules:', // 18
  '    - if: $CI_PIPELINE_SOURCE == "merge_request_event"', // 19
  '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', // 20
  'build:', // 21
  '  script: make build', // 22
  '  allow_failure: true', // 23
  'mr-only:', // 24
  '  only: [merge_requests]', // 25
  '  script:', // 26
  '    - - echo nested', // 27
  '    - !reference [.tests, script]', // 28
  'never:', // 29
  '  when: never', // 30
  '  script: [echo]', // 31
  'manual:', // 32
  '  when: manual', // 33
  '  script: [deploy]', // 34
  'cycle-a:', // 35
  '  extends: cycle-b', // 36
  '  script: [a]', // 37
  'cycle-b:', // 38
  '  extends: cycle-a', // 39
  '  script: [b]' // 40
)

const LINT = lines(
  'lint:', // 1
  '  image: ruff', // 2
  '  services: [postgres:16]', // 3
  '  script:', // 4
  '    - ruff check .' // 5
)

describe('parseGitlab', () => {
  const ctx = ctxOf({ '.gitlab-ci.yml': MAIN, 'ci/lint.yml': LINT })
  const jobs = parseGitlab(ctx, '.gitlab-ci.yml')
  const byId = (id: string) => jobs.find((j) => j.id === id)!

  it('lists jobs from local includes, the main file and remote includes; hidden jobs are not jobs', () => {
    expect(jobs.map((j) => j.id)).toEqual(['lint', 'test', 'build', 'mr-only', 'never', 'manual', 'cycle-a', 'cycle-b', 'include:template: Security/SAST.gitlab-ci.yml', 'include:project: org/ci/python.yml'])
    expect(ctx.problems).toEqual([{ path: '.gitlab-ci.yml', line: 38, message: 'extends cycle or chain too deep at cycle-b → cycle-a' }])
  })

  it('reads an included job with its file, via link, image and services', () => {
    const lint = byId('lint')
    expect(lint).toMatchObject({ file: 'ci/lint.yml', line: 1, images: ['ruff'], services: ['postgres:16'] })
    expect(lint.via).toEqual([{ path: '.gitlab-ci.yml', line: 2, text: 'include: /ci/lint.yml' }])
    expect(lint.steps.map((s) => [s.name, s.run, s.loc.path, s.runLine])).toEqual([
      ['before_script', 'pip install -r requirements.txt', '.gitlab-ci.yml', 10],
      ['script', 'ruff check .', 'ci/lint.yml', 5]
    ])
    expect(lint.triggers).toEqual({ pullRequest: false, push: true, schedule: false, manual: false, events: ['push', 'tag'] })
  })

  it('merges extends and default, and turns merge_request_event rules into PR triggers', () => {
    const test = byId('test')
    expect(test.images).toEqual(['python:3.12'])
    expect(test.steps.map((s) => [s.name, s.run, s.runLine, s.canFail])).toEqual([
      ['before_script', 'pip install -r requirements.txt', 10, false],
      ['script', 'pytest', 13, false],
      ['after_script', 'echo done', 15, true]
    ])
    expect(test.triggers).toEqual({ pullRequest: true, push: true, schedule: true, manual: true, events: ['merge_request_event', 'push', 'schedule', 'web'] })
  })

  it('reads a string script, allow_failure, only: merge_requests, nested lists and !reference', () => {
    expect(byId('build')).toMatchObject({ canFail: true, steps: [{}, { run: 'make build', runLine: 22 }] })
    expect(byId('build').triggers.pullRequest).toBe(false)
    const mr = byId('mr-only')
    expect(mr.triggers).toEqual({ pullRequest: true, push: false, schedule: false, manual: false, events: ['merge_request_event'] })
    expect(mr.steps.slice(1).map((s) => [s.run, s.runLine])).toEqual([
      ['echo nested', 27],
      ['pytest', 13]
    ])
  })

  it('disables when: never and makes when: manual manual-only', () => {
    expect(byId('never').disabled).toBe('when: never')
    expect(byId('manual').triggers).toMatchObject({ pullRequest: false, push: false, manual: true })
  })

  it('records template and project includes as uses steps', () => {
    const sast = byId('include:template: Security/SAST.gitlab-ci.yml')
    expect(sast.steps[0]).toMatchObject({ uses: { name: 'gitlab-template:Security/SAST.gitlab-ci.yml', local: false }, loc: { path: '.gitlab-ci.yml', line: 3 } })
    expect(byId('include:project: org/ci/python.yml').steps[0]!.uses).toMatchObject({ name: 'gitlab-project:org/ci/python.yml', version: 'v1' })
  })

  it('lets workflow:rules create MR pipelines for jobs without rules', () => {
    const c = ctxOf({
      '.gitlab-ci.yml': lines(
        'workflow:',
        '  rules:',
        '    - if: $CI_PIPELINE_SOURCE == "merge_request_event"',
        '    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS',
        '      when: never',
        '    - if: $CI_COMMIT_BRANCH',
        'test:',
        '  script: [pytest]'
      )
    })
    const [job] = parseGitlab(c, '.gitlab-ci.yml')
    expect(job!.triggers).toMatchObject({ pullRequest: true, push: true })
  })

  it('follows a local child pipeline and a string include', () => {
    const c = ctxOf({
      '.gitlab-ci.yml': lines('include: ci/base.yml', 'child:', '  trigger:', '    include: ci/child.yml', '  only: [merge_requests]'),
      'ci/base.yml': lines('base:', '  script: [make base]'),
      'ci/child.yml': lines('unit:', '  script: [make unit]')
    })
    const jobs2 = parseGitlab(c, '.gitlab-ci.yml')
    expect(jobs2.map((j) => [j.id, j.name, j.file, j.triggers.pullRequest])).toEqual([
      ['base', 'base', 'ci/base.yml', false],
      ['unit', 'child / unit', 'ci/child.yml', true]
    ])
    expect(jobs2[1]!.via).toEqual([{ path: '.gitlab-ci.yml', line: 3, text: 'trigger: include' }])
  })

  it('reports a missing local include at the include line', () => {
    const c = ctxOf({ '.gitlab-ci.yml': lines('include:', '  - local: nope.yml', 'a:', '  script: [x]') })
    expect(parseGitlab(c, '.gitlab-ci.yml').map((j) => j.id)).toEqual(['a'])
    expect(c.problems).toEqual([{ path: '.gitlab-ci.yml', line: 2, message: 'nope.yml not found' }])
  })
})

describe('evalRules', () => {
  it('is first-match: a decided when: never consumes its sources', () => {
    const r = evalRules([{ if: '$CI_PIPELINE_SOURCE == "schedule"', when: 'never' }, { when: 'on_success' }])
    expect([...r.auto].sort()).toEqual(['manual', 'mr', 'push', 'tag'])
  })
  it('keeps manual rules apart and records MR changes as PR paths', () => {
    const r = evalRules([{ if: '$CI_MERGE_REQUEST_IID', changes: ['src/**'] }, { if: '$CI_COMMIT_TAG', when: 'manual' }])
    expect([...r.auto]).toEqual(['mr'])
    expect([...r.manual]).toEqual(['tag'])
    expect(r.changes).toEqual(['src/**'])
  })
  it('treats an undecidable condition as possibly matching', () => {
    const r = evalRules([{ if: '$RUN_LINT == "true"' }])
    expect(r.auto.size).toBe(5)
  })
})
