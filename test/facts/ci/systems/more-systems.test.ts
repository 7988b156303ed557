import { describe, expect, it } from 'vitest'
import { ciFileKind, isCiHome } from '../../../../src/facts/ci/files.js'
import { parseAppveyor } from '../../../../src/facts/ci/systems/appveyor.js'
import { parseCodebuild } from '../../../../src/facts/ci/systems/codebuild.js'
import { evaluate, type BuildKind } from '../../../../src/facts/ci/systems/condition.js'
import { parseSemaphore } from '../../../../src/facts/ci/systems/semaphore.js'
import { parseTeamcity } from '../../../../src/facts/ci/systems/teamcity.js'
import { parseTekton } from '../../../../src/facts/ci/systems/tekton.js'
import { parseYaml } from '../../../../src/facts/parse/yaml.js'
import { ctxOf, lines } from './helpers.js'

describe('the CI file table', () => {
  it.each([
    ['.woodpecker.yml', 'woodpecker'],
    ['.woodpecker/test.yaml', 'woodpecker'],
    ['.drone.yml', 'drone'],
    ['.drone.star', 'drone-script'],
    ['.buildkite/pipeline.yml', 'buildkite'],
    ['.cirrus.yml', 'cirrus'],
    ['.semaphore/semaphore.yml', 'semaphore'],
    ['appveyor.yml', 'appveyor'],
    ['buildspec.yml', 'codebuild'],
    ['cloudbuild_master.yaml', 'cloud-build'],
    ['.teamcity/settings.kts', 'teamcity'],
    ['.tekton/pr.yaml', 'tekton'],
    ['.gitea/workflows/ci.yml', 'gitea-forgejo'],
    ['.github/workflows/ci.yml', 'github-actions']
  ])('%s is %s', (path, id) => {
    expect(ciFileKind(path)?.id).toBe(id)
  })
  it.each(['.woodpecker/scripts/x.sh', 'docs/cloudbuild.yaml', '.github/workflows/sub/x.yml', 'src/buildspec.yml', 'README.md', '.buildkite/hooks/pre-command'])('%s is no CI file', (path) => {
    expect(ciFileKind(path)).toBeUndefined()
  })
  it('homes cover the scripts beside a configuration (service views keep them, deployment facts skip them)', () => {
    expect(['.buildkite/scripts/lint.sh', '.woodpecker/check.sh', '.tekton/tasks/t.yaml', '.github/actions/x/action.yml'].every(isCiHome)).toBe(true)
    expect(['scripts/lint.sh', 'deploy/k8s.yaml'].some(isCiHome)).toBe(false)
  })
})

describe('run conditions', () => {
  const kinds = (e: string, keywords = false): BuildKind[] => [...evaluate(e, (a) => (a === 'pr' ? { canTrue: new Set(['pr']), canFalse: new Set(['push', 'tag', 'schedule', 'manual']) } : undefined), { keywords }).canTrue].sort()
  it('keeps negation exact and unknown atoms open', () => {
    expect(kinds('pr')).toEqual(['pr'])
    expect(kinds('!pr')).toEqual(['manual', 'push', 'schedule', 'tag'])
    expect(kinds('pr && changed("x")')).toEqual(['pr'])
    expect(kinds('!pr || changed("x")')).toEqual(['manual', 'pr', 'push', 'schedule', 'tag'])
    expect(kinds('not (pr) and other', true)).toEqual(['manual', 'push', 'schedule', 'tag'])
    expect(kinds('false || pr')).toEqual(['pr'])
  })
  it('reads anything it cannot parse as anything', () => {
    expect(kinds('(pr')).toHaveLength(5)
    expect(kinds('pr &&')).toHaveLength(5)
    expect(kinds('('.repeat(60) + 'pr' + ')'.repeat(60))).toHaveLength(5)
    expect(kinds('x'.repeat(3000))).toHaveLength(5)
  })
})

describe('parseSemaphore', () => {
  const SEM = lines(
    'version: v1.0', // 1
    'global_job_config:', // 2
    '  prologue:', // 3
    '    commands: [checkout]', // 4
    'blocks:', // 5
    '  - name: test', // 6
    '    task:', // 7
    '      jobs:', // 8
    '        - name: unit', // 9
    '          commands:', // 10
    '            - make test', // 11
    '  - name: deploy', // 12
    "    run: { when: \"branch = 'main'\" }", // 13
    '    task:', // 14
    '      jobs:', // 15
    '        - name: d', // 16
    '          commands: [make deploy]', // 17
    'promotions:', // 18
    '  - name: prod', // 19
    '    pipeline_file: prod.yml', // 20
    '    auto_promote:', // 21
    "      when: \"result = 'passed' AND tag =~ '.*'\"" // 22
  )
  it('reads blocks, jobs, prologue, run.when and promotions', () => {
    const files = { '.semaphore/semaphore.yml': SEM, '.semaphore/prod.yml': 'version: v1.0\nblocks:\n  - name: p\n    task:\n      jobs:\n        - name: p\n          commands: [make publish]\n', '.semaphore/other.yml': 'blocks:\n  - task:\n      jobs:\n        - commands: [make x]\n' }
    const jobs = parseSemaphore(ctxOf(files), Object.keys(files))
    const by = (n: string) => jobs.find((j) => j.name === n)!
    expect(by('test / unit').steps.map((s) => [s.run, s.runLine])).toEqual([['checkout', 4], ['make test', 11]])
    expect(by('test / unit').triggers).toMatchObject({ pullRequest: true, push: true })
    expect(by('deploy / d').triggers).toMatchObject({ pullRequest: false, push: true })
    expect(by('p / p').triggers).toMatchObject({ pullRequest: false, push: false })
    expect(by('p / p').via[0]).toMatchObject({ path: '.semaphore/semaphore.yml', line: 19 })
    expect(by('block 1 / job 1').triggers.outside).toBeDefined()
  })
})

describe('parseAppveyor, parseCodebuild', () => {
  it('reads AppVeyor phases, item forms and MSBuild projects', () => {
    const [job] = parseAppveyor(ctxOf({ 'appveyor.yml': lines('build:', '  project: App.sln', 'install:', '  - cmd: npm ci', 'test_script:', '  - ps: npm test', 'on_finish:', '  - sh: ./upload.sh') }), 'appveyor.yml')
    expect(job!.steps.map((s) => [s.name, s.run, s.runLine, s.canFail])).toEqual([
      ['build', 'msbuild App.sln', 2, false],
      ['install', 'npm ci', 4, false],
      ['test_script', 'npm test', 6, false],
      ['on_finish', './upload.sh', 8, true]
    ])
    expect(job!.triggers.pullRequest).toBe(true)
  })
  it('reads CodeBuild phases with variables; its triggers are the project’s', () => {
    const [job] = parseCodebuild(ctxOf({ 'buildspec.yml': lines('version: 0.2', 'env:', '  variables:', '    T: unit', 'phases:', '  build:', '    on-failure: CONTINUE', '    commands:', '      - make test-$T', '      - make lint') }), 'buildspec.yml')
    expect(job!.steps.map((s) => [s.run, s.runLine, s.canFail])).toEqual([['make test-unit\nmake lint', 9, true]])
    expect(job!.triggers.outside).toMatch(/CodeBuild project/)
  })
})

describe('parseTeamcity', () => {
  const KTS = lines(
    'object Build : BuildType({', // 1
    '    steps {', // 2
    '        script {', // 3
    '            scriptContent = """', // 4
    '                make lint', // 5
    '                make test', // 6
    '            """.trimIndent()', // 7
    '        }', // 8
    '        maven {', // 9
    '            goals = "clean verify"', // 10
    '        }', // 11
    '    }', // 12
    '    triggers { vcs { } }', // 13
    '    features { pullRequests { provider = github { } } }', // 14
    '    dependencies { snapshot(Docker) {} }', // 15
    '})', // 16
    'object Docker : BuildType({', // 17
    '    steps {', // 18
    '        dockerCommand {', // 19
    '            commandType = build {', // 20
    '                source = file { path = "Dockerfile" }', // 21
    '            }', // 22
    '        }', // 23
    '    }', // 24
    '})' // 25
  )
  it('reads script steps, runners and triggers, a dependency inheriting its dependant’s', () => {
    const jobs = parseTeamcity(ctxOf({ '.teamcity/settings.kts': KTS }), ['.teamcity/settings.kts'])
    const [build, docker] = jobs
    expect(build!.steps.map((s) => [s.run, s.runLine])).toEqual([['make lint\nmake test', 5], ['mvn clean verify', 10]])
    expect(build!.triggers).toMatchObject({ pullRequest: true, push: true })
    expect(docker!.steps.map((s) => s.run)).toEqual(['docker build -f Dockerfile .'])
    expect(docker!.triggers.pullRequest).toBe(true)
  })
})

describe('parseTekton', () => {
  it('reads a Pipelines-as-Code run, its pipelineRef and taskRefs in the folder, and catalogue tasks', () => {
    const files = {
      '.tekton/pr.yaml': lines(
        'apiVersion: tekton.dev/v1',
        'kind: PipelineRun',
        'metadata:',
        '  name: pr',
        '  annotations:',
        '    pipelinesascode.tekton.dev/on-event: "[pull_request]"',
        'spec:',
        '  pipelineRef:',
        '    name: ci'
      ),
      '.tekton/pipeline.yaml': lines('apiVersion: tekton.dev/v1', 'kind: Pipeline', 'metadata:', '  name: ci', 'spec:', '  tasks:', '    - name: test', '      taskRef:', '        name: go-test', '    - name: image', '      taskRef:', '        resolver: hub', '        params:', '          - name: name', '            value: buildah'),
      '.tekton/task.yaml': lines('apiVersion: tekton.dev/v1', 'kind: Task', 'metadata:', '  name: go-test', 'spec:', '  steps:', '    - name: test', '      image: golang', '      script: |', '        go test ./...', '    - name: lint', '      image: golangci/golangci-lint', '      command: [golangci-lint]', '      args: [run]', '      onError: continue')
    }
    const [job] = parseTekton(ctxOf(files), Object.keys(files))
    expect(job!.triggers).toMatchObject({ pullRequest: true, push: false })
    expect(job!.steps.map((s) => s.run ?? s.uses?.name)).toEqual(['go test ./...\n', 'golangci-lint run', 'tekton-task:buildah'])
    expect(job!.steps[1]!.canFail).toBe(true)
    expect(job!.steps[0]!.via.map((v) => `${v.path}:${v.line}`)).toEqual(['.tekton/pr.yaml:8', '.tekton/pipeline.yaml:7', '.tekton/pipeline.yaml:8'])
  })
})

describe('YAML the runners accept', () => {
  it('splices `- <<: *list` into the list, keeping item lines', () => {
    const r = parseYaml('a: &a\n  - x\n  - y\nb:\n  - <<: *a\n  - z\n', 'w.yml')
    expect(r.ok && (r.value as { b: string[] }).b).toEqual(['x', 'y', 'z'])
  })
  it('reads `[-]` as a list of one dash, lines after it intact', () => {
    const r = parseYaml('waitFor: [-]\nnext: 1\n', 'c.yaml')
    expect(r.ok && r.value).toEqual({ waitFor: ['-'], next: 1 })
  })
})
