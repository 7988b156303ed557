import fc from 'fast-check'
import yaml from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { MAX_COMMANDS } from '../../src/facts/ci/resolve/engine.js'
import { resolveScript } from '../../src/facts/ci/resolve/index.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { bounded, options, shellText, yamlText } from './arbitraries.js'

/**
 * The container expansion: compose projects of arbitrary shape whose files include and extend each
 * other (cycles likely), services by the hundred, Dockerfiles of arbitrary text. Resolution never
 * throws, never hangs and stays under the command cap.
 */

const FILES = ['a.yml', 'b.yml', 'c/compose.yaml', 'compose.yaml']
const fileRef = fc.constantFrom(...FILES, '../a.yml', 'missing.yml', '${X}.yml')
const serviceName = fc.constantFrom('app', 'db', 'tests', 'web', 'x')

const service = fc.record(
  {
    command: fc.oneof(shellText.map((s) => s.slice(0, 200)), fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 })),
    entrypoint: fc.oneof(fc.constant('./entry.sh'), fc.array(fc.constantFrom('/bin/sh', '-c', 'npm test', '/usr/local/bin/e.sh'), { maxLength: 3 })),
    build: fc.oneof(fc.constant('.'), fc.record({ context: fc.constantFrom('.', 'c', '..', '$CTX'), dockerfile: fc.constantFrom('Dockerfile', 'c/Dockerfile', 'nope') }, { requiredKeys: [] })),
    image: fc.constantFrom('postgres:16', 'acme/app', ''),
    extends: fc.oneof(serviceName, fc.record({ file: fileRef, service: serviceName }, { requiredKeys: [] }))
  },
  { requiredKeys: [] }
)

const composeDoc = fc
  .record({ include: fc.array(fileRef, { maxLength: 3 }), services: fc.dictionary(serviceName, service, { maxKeys: 5 }), many: fc.integer({ min: 0, max: 400 }) })
  .map(({ include, services, many }) => {
    const all: Record<string, unknown> = { ...services }
    for (let i = 0; i < many; i++) all[`s${i}`] = { build: '.', command: `echo ${i}` }
    return yaml.dump({ include, services: all }, { noRefs: true, lineWidth: -1 })
  })

const COMMANDS = [
  'docker compose -f a.yml -f b.yml up --abort-on-container-exit',
  'docker compose -f a.yml -f b.yml -f c/compose.yaml run app',
  'docker compose up --exit-code-from tests',
  'docker compose run x',
  'docker build -t img . && docker run img',
  'docker-compose -f b.yml run --entrypoint sh web -c "npm test"'
]

describe('compose and Dockerfile expansion', () => {
  it('never throws, never hangs and stays under the command cap on hostile projects', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(composeDoc, yamlText), { minLength: FILES.length, maxLength: FILES.length }), fc.oneof(yamlText, shellText), fc.constantFrom(...COMMANDS), (docs, dockerfile, command) => {
        const files: Record<string, string> = Object.fromEntries(FILES.map((f, i) => [f, docs[i]!]))
        files['Dockerfile'] = dockerfile
        files['c/Dockerfile'] = `FROM x\nENTRYPOINT ${dockerfile.slice(0, 200)}\n`
        const out = bounded(() => resolveScript(command, { snapshot: new MemorySnapshot(files), path: '.github/workflows/ci.yml', line: 3, cwd: '', chain: [] }))
        expect(out.length).toBeLessThanOrEqual(MAX_COMMANDS)
        for (const c of out) expect(c.argv.length).toBeGreaterThan(0)
      }),
      options(100)
    )
  })
})
