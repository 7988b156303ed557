import { describe, expect, it } from 'vitest'
import circuitBreakers from '../../src/checks/circuit-breakers.js'
import featureFlags from '../../src/checks/feature-flags.js'
import { collectManifests } from '../../src/facts/manifests/index.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { factsFor, runCheck } from './dependency-facts.js'

/** The repository's own packages are not third-party SDKs, for every catalogue of packages. */
const json = (v: unknown): string => JSON.stringify(v, null, 2) + '\n'

describe("the repository's own packages", () => {
  it("does not take a flag product's own client, used by its demo server, for flags in use", () => {
    const files = {
      'package.json': json({ name: 'unleash-client', version: '6.0.0' }),
      'demo/package.json': json({ name: 'demo', dependencies: { 'unleash-client': 'file:..', express: '^4' } }),
      'demo/server.js': "const { initialize } = require('unleash-client')\nconst unleash = initialize({ url })\napp.get('/', (req, res) => res.send(unleash.isEnabled('x')))\n"
    }
    expect(runCheck(featureFlags, factsFor(files)).status).toBe('fail')
    // The same demo in another repository uses the SDK.
    expect(runCheck(featureFlags, factsFor({ ...files, 'package.json': json({ name: 'my-service' }) })).status).toBe('pass')
  })

  it("does not take a retry library's own package, used by its benchmarks, for retries in use", () => {
    const files = {
      'package.json': json({ name: 'p-retry' }),
      'bench/package.json': json({ name: 'bench', dependencies: { 'p-retry': 'workspace:*' } }),
      'bench/run.js': "import pRetry from 'p-retry'\nawait pRetry(() => fetch(url), { retries: 3 })\n"
    }
    expect(runCheck(circuitBreakers, factsFor(files)).status).toBe('fail')
  })

  it('marks dependencies on published packages as own, Go major versions and case-insensitive ecosystems included', () => {
    const facts = collectManifests(
      new MemorySnapshot({
        'go.mod': 'module github.com/sony/gobreaker\n',
        'v2/example/go.mod': 'module example\nrequire github.com/sony/gobreaker/v2 v2.0.0\nrequire github.com/pkg/errors v0.9.1\n',
        'pyproject.toml': '[project]\nname = "Flask-FeatureFlags"\n',
        'ci/requirements.txt': 'flask_featureflags\nsphinx\n'
      })
    )
    const own = facts.manifests.flatMap((m) => m.dependencies).map((d) => [d.name, d.own === true])
    expect(own).toEqual(expect.arrayContaining([['github.com/sony/gobreaker/v2', true], ['github.com/pkg/errors', false], ['flask-featureflags', true], ['sphinx', false]]))
  })
})
