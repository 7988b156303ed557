import { describe, expect, it } from 'vitest'
import { collectDeploy } from '../../src/facts/deploy/index.js'
import { collectManifests } from '../../src/facts/manifests/index.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { collectRelease } from '../../src/facts/release.js'
import { collectUsage, scanImports } from '../../src/facts/usage.js'

/** Hostile inputs finish fast and never throw out of a collector. */
describe('hostile inputs', () => {
  it('handles pathological lines in linear time', () => {
    const long = (s: string) => s.repeat(200_000)
    const files = {
      'requirements.txt': long('a') + '\n' + long('[') + '\n',
      'go.mod': 'require (\n' + long('x ') + '\n',
      'pom.xml': '<a>'.repeat(1000) + long('<'),
      'build.gradle': 'implementation ' + long(' ') + '\n' + 'implementation group: ' + long("'a"),
      Gemfile: 'group ' + long(':x ') + ' do\n' + long('gem "'),
      'package.json': long('{'),
      'pyproject.toml': long('[[') + '\n',
      'CHANGELOG.md': '# a' + long(' ') + 'b\n# ' + long('#') + 'b\n' + long('1') + '\n' + long('=') + '\n',
      'compose.yml': 'services:\n  a:\n    healthcheck:\n      test: [' + long('"x",'),
      'k8s.yaml': 'livenessProbe:\n  exec:\n    command: ' + long('['),
      Dockerfile: 'HEALTHCHECK CMD ' + long('http://') + '\n',
      'app/x.py': 'from ' + long('.') + '\n'
    }
    const s = new MemorySnapshot(files)
    const t0 = performance.now()
    const manifests = collectManifests(s)
    collectDeploy(s)
    collectRelease(s, null)
    const usage = collectUsage(s)
    usage.grep(['zzz'])
    scanImports('python', ['from ' + long('.')])
    expect(performance.now() - t0).toBeLessThan(3000)
    expect(manifests.problems.map((p) => p.path).sort()).toEqual(['go.mod', 'package.json', 'pom.xml', 'pyproject.toml'])
  })
})
