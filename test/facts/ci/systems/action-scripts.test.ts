import { describe, expect, it } from 'vitest'
import { actionScript } from '../../../../src/facts/ci/systems/action-scripts.js'
import type { ActionRef, CiSystem } from '../../../../src/facts/ci/types.js'

const ref = (name: string, w: Record<string, string> = {}): ActionRef => ({ raw: name, name, with: w, local: false })

describe('actionScript', () => {
  it.each<[CiSystem, ActionRef, unknown]>([
    ['github-actions', ref('pre-commit/action'), { script: 'pre-commit run --all-files' }],
    ['github-actions', ref('pre-commit/action', { extra_args: 'ruff --all-files' }), { script: 'pre-commit run ruff --all-files' }],
    ['github-actions', ref('j178/prek-action'), { script: 'prek run --all-files' }],
    ['github-actions', ref('nick-fields/retry', { command: 'npm test' }), { script: 'npm test' }],
    ['github-actions', ref('psf/black'), undefined],
    ['github-actions', ref('wntrblm/nox'), undefined],
    ['azure-pipelines', ref('npm', { command: 'custom', customCommand: 'run lint', workingDir: 'web' }), { script: 'npm run lint', cwd: 'web' }],
    ['azure-pipelines', ref('npm', { command: 'ci' }), { script: 'npm ci' }],
    ['azure-pipelines', ref('maven', { goals: 'verify', mavenPomFile: 'api/pom.xml' }), { script: 'mvn verify', cwd: 'api' }],
    ['azure-pipelines', ref('gradle', { tasks: 'build' }), { script: './gradlew build' }],
    ['azure-pipelines', ref('pythonscript', { scriptPath: 'tools/check.py' }), { script: 'python tools/check.py' }],
    ['azure-pipelines', ref('bash', { targetType: 'inline', script: 'make test' }), { script: 'make test' }],
    ['azure-pipelines', ref('pre-commit/action'), undefined]
  ])('%s %j', (system, action, expected) => {
    expect(actionScript(system, action)).toEqual(expected)
  })
})
