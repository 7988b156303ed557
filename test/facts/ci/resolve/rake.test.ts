import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'
import { resolveScript, type ResolvedCommand } from '../../../../src/facts/ci/resolve/index.js'

/** Rake tasks followed to what they run (ubicloud's `rake linter:rubocop`, `rake linter:brakeman`). */

const RAKEFILE = [
  'require "rspec/core/rake_task"',
  'RSpec::Core::RakeTask.new(:spec)',
  '',
  'task default: [:spec]',
  'task ci: ["linter:all", :spec]',
  '',
  'namespace :linter do',
  '  desc "Run RuboCop"',
  '  task :rubocop do',
  '    sh "rubocop --parallel"',
  '  end',
  '',
  '  task :brakeman do',
  '    require "brakeman"',
  '    result = Brakeman.run(app_path: ".", quiet: true)',
  '    exit 1 unless result.filtered_warnings.empty?',
  '  end',
  '',
  '  task all: [:rubocop, :brakeman]',
  '',
  '  task :dynamic do',
  '    sh "#{ENV["LINTER"]} check"',
  '  end',
  'end'
].join('\n')

function run(script: string, files: Record<string, string> = { Rakefile: RAKEFILE }): ResolvedCommand[] {
  return resolveScript(script, { snapshot: new MemorySnapshot(files), path: '.github/workflows/ci.yml', line: 20, cwd: '', chain: [{ path: '.github/workflows/ci.yml', line: 19, text: 'lint' }] })
}
const argvs = (cs: readonly ResolvedCommand[]) => cs.map((c) => c.argv.join(' '))

describe('rake tasks', () => {
  it('follows a namespaced task to its sh command, with the chain through the Rakefile', () => {
    const out = run('bundle exec rake linter:rubocop')
    expect(argvs(out)).toEqual(['rubocop --parallel'])
    expect(out[0]!.chain.slice(1).map((l) => `${l.path}:${l.line} ${l.text}`)).toEqual(['.github/workflows/ci.yml:20 bundle exec rake linter:rubocop', 'Rakefile:9 rake linter:rubocop', 'Rakefile:10 rubocop --parallel'])
  })

  it('takes a scanner run through its Ruby API for that scanner, and prerequisites in order', () => {
    expect(argvs(run('bundle exec rake linter:brakeman'))).toEqual(['brakeman'])
    expect(argvs(run('rake ci'))).toEqual(['rubocop --parallel', 'brakeman', 'rspec'])
    // No task named: the default task, here the specs of an RSpec rake task.
    expect(argvs(run('bundle exec rake'))).toEqual(['rspec'])
  })

  it('reads tasks of lib/tasks/*.rake, and says when a command is built at run time', () => {
    expect(argvs(run('rake quality:check', { 'lib/tasks/quality.rake': 'namespace :quality do\n  task :check do\n    system("bundle exec standardrb")\n  end\nend\n' }))).toEqual(['standardrb'])
    const dyn = run('rake linter:dynamic')
    expect([argvs(dyn), dyn[0]!.opaque]).toEqual([['rake linter:dynamic'], 'the command is built at run time'])
  })

  it('leaves a task it cannot find, or one that runs nothing readable, to the task-name rules', () => {
    expect(argvs(run('bundle exec rake test:system'))).toEqual(['rake test:system'])
    expect(argvs(run('rake db:prepare', { Rakefile: 'task "db:prepare" do\n  puts "ok"\nend\n' }))).toEqual(['rake db:prepare'])
    expect(argvs(run('rake spec', {}))).toEqual(['rake spec'])
  })
})
