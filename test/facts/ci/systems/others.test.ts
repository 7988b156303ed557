import { describe, expect, it } from 'vitest'
import { parseBitbucket } from '../../../../src/facts/ci/systems/bitbucket.js'
import { parseJenkinsfile } from '../../../../src/facts/ci/systems/jenkins.js'
import { parsePreCommitCi } from '../../../../src/facts/ci/systems/precommit-ci.js'
import { parseTravis } from '../../../../src/facts/ci/systems/travis.js'
import { ctxOf, lines } from './helpers.js'

describe('parseJenkinsfile', () => {
  const JENKINSFILE = lines(
    'pipeline {', // 1
    '  stages {', // 2
    "    stage('Lint') {", // 3
    "      steps { sh 'make lint' }", // 4
    '    }', // 5
    '    stage("Test") {', // 6
    '      steps {', // 7
    '        sh """', // 8
    '          pytest', // 9
    '          coverage report', // 10
    '        """', // 11
    "        sh(script: \"npm test\", returnStatus: false)", // 12
    '        // sh "commented out"', // 13
    '        /* sh "block comment"', // 14
    '        */', // 15
    "        withSonarQubeEnv('sonar') { sh 'mvn sonar:sonar' }", // 16
    '      }', // 17
    '    }', // 18
    '  }', // 19
    '}' // 20
  )
  it('reads sh steps with their lines and stage names, skipping comments', () => {
    const [job] = parseJenkinsfile(ctxOf({ Jenkinsfile: JENKINSFILE }), 'Jenkinsfile')
    expect(job!.triggers).toMatchObject({ pullRequest: true, push: true })
    expect(job!.steps.map((s) => [s.name, s.run ?? s.uses?.name, s.runLine ?? s.loc.line])).toEqual([
      ['Lint', 'make lint', 4],
      ['Test', 'pytest\ncoverage report', 9],
      ['Test', 'npm test', 12],
      ['Test', 'jenkins:withsonarqubeenv', 16],
      ['Test', 'mvn sonar:sonar', 16]
    ])
  })
})

describe('parseTravis', () => {
  it('reads phases as steps, after_* cannot fail, PR and push by default', () => {
    const c = ctxOf({ '.travis.yml': lines('language: python', 'install:', '  - pip install .', 'script: pytest', 'after_success: codecov') })
    const [job] = parseTravis(c, '.travis.yml')
    expect(job!.triggers).toEqual({ pullRequest: true, push: true, schedule: false, manual: false, events: ['push', 'pull_request'] })
    expect(job!.steps.map((s) => [s.name, s.run, s.runLine, s.canFail])).toEqual([
      ['install', 'pip install .', 3, false],
      ['script', 'pytest', 4, false],
      ['after_success', 'codecov', 5, true]
    ])
  })
  it('makes one job per include and reads if: type conditions; node gets npm test by default', () => {
    const c = ctxOf({
      '.travis.yml': lines('language: node_js', 'jobs:', '  include:', '    - name: lint', '      script: npm run lint', '    - name: deploy', '      if: type = push', '      script: ./deploy.sh', '    - name: default')
    })
    const jobs = parseTravis(c, '.travis.yml')
    expect(jobs.map((j) => [j.name, j.line, j.triggers.pullRequest, j.steps.map((s) => s.run)])).toEqual([
      ['lint', 4, true, ['npm run lint']],
      ['deploy', 6, false, ['./deploy.sh']],
      ['default', 9, true, ['npm test']]
    ])
  })
})

describe('parseBitbucket', () => {
  const YML = lines(
    'image: python:3.12', // 1
    'pipelines:', // 2
    '  default:', // 3
    '    - step:', // 4
    '        name: Test', // 5
    '        services: [postgres]', // 6
    '        script:', // 7
    '          - pytest', // 8
    '          - pipe: atlassian/sonarcloud-scan:1.4.0', // 9
    '            variables:', // 10
    '              EXTRA_ARGS: -Dx=1', // 11
    '        after-script:', // 12
    '          - echo done', // 13
    "  pull-requests:", // 14
    "    '**':", // 15
    '      - parallel:', // 16
    '          - step:', // 17
    '              script: [ruff check .]', // 18
    '  custom:', // 19
    '    deploy:', // 20
    '      - step:', // 21
    '          trigger: manual', // 22
    '          script: [./deploy.sh]', // 23
    'definitions:', // 24
    '  services:', // 25
    '    postgres:', // 26
    '      image: postgres:16' // 27
  )
  it('makes one job per step with section triggers, pipes as uses steps', () => {
    const c = ctxOf({ 'bitbucket-pipelines.yml': YML })
    const jobs = parseBitbucket(c, 'bitbucket-pipelines.yml')
    expect(jobs.map((j) => [j.id, j.name, j.line, j.triggers.pullRequest, j.triggers.push, j.triggers.manual])).toEqual([
      ['default#1', 'Test', 4, false, true, false],
      ['pull-requests/**#2', 'pull-requests/**#2', 17, true, false, false],
      ['custom/deploy#3', 'custom/deploy#3', 21, false, false, true]
    ])
    expect(jobs[0]!.images).toEqual(['python:3.12'])
    expect(jobs[0]!.services).toEqual(['postgres:16'])
    expect(jobs[0]!.steps.map((s) => [s.run ?? s.uses?.name, s.runLine ?? s.loc.line, s.canFail])).toEqual([
      ['pytest', 8, false],
      ['atlassian/sonarcloud-scan', 9, false],
      ['echo done', 13, true]
    ])
    expect(jobs[0]!.steps[1]!.uses).toMatchObject({ version: '1.4.0', with: { EXTRA_ARGS: '-Dx=1' } })
    expect(jobs[1]!.steps[0]).toMatchObject({ run: 'ruff check .', runLine: 18 })
  })
})

describe('parsePreCommitCi', () => {
  it('makes a pre-commit.ci job from the ci: key, with its skip list', () => {
    const c = ctxOf({ '.pre-commit-config.yaml': lines('repos:', '  - repo: local', '    hooks: []', 'ci:', '  autofix_prs: true', '  skip: [mypy, pylint]') })
    const r = parsePreCommitCi(c)!
    expect(r.job).toMatchObject({ system: 'pre-commit.ci', file: '.pre-commit-config.yaml', line: 4, triggers: { pullRequest: true, push: true } })
    expect(r.job.steps).toEqual([{ loc: { path: '.pre-commit-config.yaml', line: 4, text: 'ci: (pre-commit.ci)' }, name: 'pre-commit.ci', run: 'pre-commit run --all-files', runLine: 4, canFail: false, disabled: null, via: [] }])
    expect([...r.skip]).toEqual(['mypy', 'pylint'])
  })
  it('is absent without a ci: key', () => {
    expect(parsePreCommitCi(ctxOf({ '.pre-commit-config.yaml': lines('repos: []') }))).toBeUndefined()
  })
})
