import { describe, expect, it } from 'vitest'
import { parseAzurePipelines, pipelineTriggers } from '../../../../src/facts/ci/systems/azure.js'
import { ctxOf, lines } from './helpers.js'

const PIPELINE = lines(
  'trigger:', // 1
  '  - main', // 2
  'pr:', // 3
  '  branches:', // 4
  '    include: [main]', // 5
  '  paths:', // 6
  '    exclude: [docs/*]', // 7
  'stages:', // 8
  '  - stage: Check', // 9
  '    jobs:', // 10
  '      - job: lint', // 11
  '        steps:', // 12
  '          - script: flake8', // 13
  '            displayName: Lint', // 14
  '          - bash: |', // 15
  '              mypy .', // 16
  '            continueOnError: true', // 17
  '          - task: Npm@1', // 18
  '            inputs:', // 19
  '              command: custom', // 20
  "              customCommand: 'run lint'", // 21
  '          - template: templates/steps.yml', // 22
  '      - job: deploy', // 23
  "        condition: ne(variables['Build.Reason'], 'PullRequest')", // 24
  '        steps:', // 25
  '          - script: ./deploy.sh', // 26
  '            enabled: false', // 27
  '      - job: off', // 28
  '        condition: false', // 29
  '        steps:', // 30
  '          - pwsh: Write-Host hi' // 31
)

const STEPS = lines(
  'parameters: []', // 1
  'steps:', // 2
  '  - task: Maven@4', // 3
  '    inputs:', // 4
  '      goals: verify' // 5
)

describe('parseAzurePipelines', () => {
  const ctx = ctxOf({ 'azure-pipelines.yml': PIPELINE, 'templates/steps.yml': STEPS })
  const jobs = parseAzurePipelines(ctx, ['azure-pipelines.yml'])

  it('reads trigger/pr with PR filters and stage jobs', () => {
    expect(ctx.problems).toEqual([])
    expect(jobs.map((j) => [j.id, j.line])).toEqual([
      ['lint', 11],
      ['deploy', 23],
      ['off', 28]
    ])
    expect(jobs[0]!.triggers).toEqual({ pullRequest: true, push: true, schedule: false, manual: false, events: ['push', 'pr'], prBranches: ['main'], prPathsIgnore: ['docs/*'] })
  })

  it('reads script/bash/task steps and inlines local templates', () => {
    const steps = jobs[0]!.steps
    expect(steps.map((s) => [s.run ?? s.uses?.raw, s.runLine ?? s.loc.line, s.canFail])).toEqual([
      ['flake8', 13, false],
      ['mypy .\n', 16, true],
      ['Npm@1', 18, false],
      ['Maven@4', 3, false]
    ])
    expect(steps[0]!.name).toBe('Lint')
    expect(steps[2]!.uses).toEqual({ raw: 'Npm@1', name: 'npm', version: '1', with: { command: 'custom', customCommand: 'run lint' }, local: false })
    expect(steps[3]!.loc.path).toBe('templates/steps.yml')
    expect(steps[3]!.via).toEqual([{ path: 'azure-pipelines.yml', line: 22, text: 'template: templates/steps.yml' }])
  })

  it('reads conditions and enabled: false', () => {
    expect(jobs[1]!.triggers.pullRequest).toBe(false)
    expect(jobs[1]!.triggers.push).toBe(true)
    expect(jobs[1]!.steps[0]!.disabled).toBe('enabled: false')
    expect(jobs[2]!.disabled).toBe('condition: false')
    expect(jobs[2]!.steps[0]!.run).toBe('Write-Host hi')
  })

  it('does not treat a referenced template as a pipeline of its own', () => {
    const c = ctxOf({ '.azure-pipelines/ci.yml': lines('steps:', '  - template: steps.yml'), '.azure-pipelines/steps.yml': lines('steps:', '  - script: make test') })
    const j = parseAzurePipelines(c, ['.azure-pipelines/ci.yml', '.azure-pipelines/steps.yml'])
    expect(j.map((x) => [x.file, x.id, x.steps.map((s) => s.run)])).toEqual([['.azure-pipelines/ci.yml', 'Job', ['make test']]])
  })
})

describe('pipelineTriggers', () => {
  it.each([
    [{}, [true, true, false]],
    [{ pr: 'none' }, [false, true, false]],
    [{ trigger: 'none', pr: ['main'] }, [true, false, false]],
    [{ trigger: 'none', pr: 'none', schedules: [{ cron: '0 0 * * *' }] }, [false, false, true]]
  ])('%j', (doc, expected) => {
    const t = pipelineTriggers(doc)
    expect([t.pullRequest, t.push, t.schedule]).toEqual(expected)
  })
})
