import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { serviceView } from '../../src/facts/monorepo.js'

/** The view's definition, written naively (every file against every other service). */
function naive(files: readonly string[], service: { path: string }, all: readonly { path: string }[]): string[] {
  const inside = (dir: string, p: string): boolean => dir === '' || p === dir || p.startsWith(dir + '/')
  const others = all.filter((s) => s.path !== service.path && s.path !== '' && !inside(s.path, service.path))
  const shared = ['.github/', 'scripts/']
  return files.filter((p) => !others.some((o) => inside(o.path, p)) && (inside(service.path, p) || p === 'Makefile' || p === 'package.json' || shared.some((d) => p.startsWith(d))))
}

describe('serviceView', () => {
  const files = [
    '.github/workflows/ci.yml',
    'Makefile',
    'README.md',
    'package.json',
    'scripts/deploy.sh',
    'services/api/main.py',
    'services/api/internal/worker/main.py',
    'services/api/internal/workerx/x.py',
    'services/api-gateway/index.ts',
    'services/web/app.ts',
    'services/web/scripts/build.sh',
    'libs/shared/util.py'
  ]
  const snap = new MemorySnapshot(Object.fromEntries(files.map((f) => [f, 'x'])))
  const all = [{ name: 'root', path: '' }, { name: 'api', path: 'services/api' }, { name: 'worker', path: 'services/api/internal/worker' }, { name: 'web', path: 'services/web' }]
  it('keeps a service subtree and the shared CI and task files, without nested or sibling services', () => {
    expect(serviceView(snap, all[1]!, all).files()).toEqual([
      '.github/workflows/ci.yml',
      'Makefile',
      'package.json',
      'scripts/deploy.sh',
      'services/api/internal/workerx/x.py',
      'services/api/main.py'
    ])
    expect(serviceView(snap, all[2]!, all).files()).toEqual(['.github/workflows/ci.yml', 'Makefile', 'package.json', 'scripts/deploy.sh', 'services/api/internal/worker/main.py'])
  })
  it('matches the naive definition for every service, the root included', () => {
    for (const s of all) expect(serviceView(snap, s, all).files()).toEqual(naive(snap.files(), s, all))
  })
})

describe('serviceView and the CI file table', () => {
  it('keeps every CI system’s files and the scripts beside them in each service view', () => {
    const files = ['.woodpecker/test.yaml', '.woodpecker/check.sh', '.buildkite/pipeline.yml', '.buildkite/scripts/lint.sh', '.cirrus.yml', 'cloudbuild.yaml', '.drone.yml', 'Earthfile', 'magefile.go', 'services/api/main.go', 'services/web/app.ts']
    const snap = new MemorySnapshot(Object.fromEntries(files.map((f) => [f, 'x'])))
    const all = [{ name: 'api', path: 'services/api' }, { name: 'web', path: 'services/web' }]
    expect(serviceView(snap, all[0]!, all).files()).toEqual(files.filter((f) => f !== 'services/web/app.ts').sort())
  })
})
