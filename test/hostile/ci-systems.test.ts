import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { scanReport } from '../helpers/scan.js'
import { tempTree } from '../helpers/tmp-repo.js'

/** The CI systems beyond GitHub Actions on hostile input: alias bombs, deep nesting, thousands of steps, huge files. */

const BOUND_MS = 10_000

function aliasBomb(tail: string): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`)
  return lines.join('\n') + '\n' + tail
}

/** 9 levels of `- <<: *list` sequence merges (Woodpecker's list splice). */
function spliceBomb(): string {
  const lines = ['v0: &v0 [a, b, c, d, e, f, g, h, i]']
  for (let i = 1; i < 9; i++) lines.push(`v${i}: &v${i}\n` + Array(9).fill(`  - <<: *v${i - 1}`).join('\n'))
  return lines.join('\n') + '\nsteps:\n  s:\n    image: x\n    commands: *v8\n'
}

async function scan(files: Record<string, string>): Promise<{ ms: number; status: (id: string) => string }> {
  const t0 = performance.now()
  const report = await scanReport({ root: tempTree({ 'go.mod': 'module x\n', 'main_test.go': 'package x\n', ...files }), config: DEFAULT_CONFIG, inputs: { tags: null } })
  return { ms: performance.now() - t0, status: (id) => report.checks.find((c) => c.id === id)!.status }
}

describe('hostile CI files of the other systems', () => {
  it('alias bombs in every new system: reported, fast, the readable file still judged', async () => {
    const r = await scan({
      '.woodpecker/bomb.yaml': aliasBomb('steps:\n  s:\n    image: x\n    commands: *a8\n    when: *a8\n'),
      '.woodpecker/splice.yaml': spliceBomb(),
      '.drone.yml': aliasBomb('kind: pipeline\nsteps: *a8\ntrigger: *a8\n'),
      '.buildkite/pipeline.yml': aliasBomb('steps: *a8\n'),
      '.cirrus.yml': aliasBomb('x_task:\n  only_if: *a8\n  a_script: *a8\n'),
      '.semaphore/semaphore.yml': aliasBomb('blocks: *a8\n'),
      'cloudbuild.yaml': aliasBomb('steps: *a8\n'),
      'buildspec.yml': aliasBomb('phases: *a8\n'),
      '.tekton/run.yaml': aliasBomb('kind: PipelineRun\nspec: *a8\n'),
      '.woodpecker/ok.yaml': 'when:\n  event: pull_request\nsteps:\n  t:\n    image: golang\n    commands: [go test ./...]\n'
    })
    expect(r.ms).toBeLessThan(BOUND_MS)
    // Unreadable files make what they may hold unknown; the readable workflow still runs the tests.
    expect(r.status('ci-tests')).toBe('pass')
  })

  it('thousands of steps and deep nesting stay bounded', async () => {
    const many = 'steps:\n' + Array.from({ length: 5000 }, (_, i) => `  s${i}:\n    image: x\n    commands: [make t${i}]\n`).join('')
    const deepGroups = 'steps:\n' + Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i + 1)}- group: g${i}\n${'  '.repeat(i + 2)}steps:\n`).join('') + '  '.repeat(302) + '- command: make test\n'
    const longIf = "x_task:\n  only_if: " + "($CIRRUS_PR != '' && ".repeat(2000) + 'true' + ')'.repeat(2000) + "\n  a_script: make test\n"
    const r = await scan({
      '.woodpecker/many.yaml': many,
      '.buildkite/pipeline.yml': deepGroups,
      '.cirrus.yml': longIf,
      'Earthfile': Array.from({ length: 3000 }, (_, i) => `t${i}:\n    BUILD +t${i + 1}\n    RUN make x\n`).join(''),
      '.drone.yml': 'kind: pipeline\nsteps:\n  - name: e\n    image: x\n    commands: [earthly +t0]\n'
    })
    expect(r.ms).toBeLessThan(BOUND_MS)
  })
})
