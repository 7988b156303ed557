import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'
import { resolveScript, type ResolvedCommand } from '../../../../src/facts/ci/resolve/index.js'

/** Commands that run another command over a piped file list: CircleCI test splitting, xargs. */

function run(script: string): ResolvedCommand[] {
  return resolveScript(script, { snapshot: new MemorySnapshot({}), path: '.circleci/config.yml', line: 12, cwd: '', chain: [{ path: '.circleci/config.yml', line: 10, text: 'Run rspec tests' }] })
}
const argvs = (cs: ResolvedCommand[]) => cs.map((c) => c.argv.join(' '))

describe('test splitting and xargs', () => {
  it('follows circleci tests run --command="xargs …" (continued over lines) to the test runner', () => {
    const out = run('circleci tests glob "spec/**/*_spec.rb" | circleci tests run --command="xargs bundle exec rspec \\\n    --format progress \\\n    --out /tmp/rspec.xml" \\\n  --split-by=timings --timings-type=file')
    expect(argvs(out)).toContain('rspec --format progress --out /tmp/rspec.xml')
  })

  it('reads --command given as a separate word, and a bare xargs with options', () => {
    expect(argvs(run('circleci tests glob "features/**/*.feature" | circleci tests run --command "xargs -n 5 bundle exec cucumber" --split-by=timings'))).toContain('cucumber')
    expect(argvs(run('git ls-files "*.rb" | xargs -P 4 bundle exec rubocop'))).toContain('rubocop')
  })

  it('leaves circleci tests run without a command as it is', () => {
    expect(argvs(run('circleci tests run --split-by=timings')).some((a) => a.startsWith('circleci'))).toBe(true)
  })
})
