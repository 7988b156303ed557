import { basename, dirname, joinPath } from '../../paths.js'
import { emit, enter, link, runScript, type Ctx, type Site } from './engine.js'
import { memoKey } from '../../run-memo.js'

const RAKE_TASKS = memoKey<ReadonlyMap<string, RakeTask>>('rake')

/**
 * Rake (`bundle exec rake linter:rubocop`): tasks of the `Rakefile` and of `lib/tasks/*.rake`,
 * named through their `namespace` blocks. A task runs its prerequisites (`task ci: [:lint,
 * :spec]`), the tasks it invokes (`Rake::Task["spec"].invoke`), the shell commands of its `sh
 * "…"`/`system("…")` calls, and the tool a task class stands for (`RSpec::Core::RakeTask.new(:spec)`
 * → rspec, `RuboCop::RakeTask.new` → rubocop, `Rake::TestTask.new` → the tests). A scanner called
 * through its Ruby API (`Brakeman.run`) runs that scanner.
 *
 * Read line by line, no Ruby parser: a block ends at the `end` indented like its opening line.
 * Traps: a task found but running nothing Shipshape can read is left to the task-name rules
 * (`rake spec` still runs the specs); an argument built at run time (`sh "#{cmd}"`) ends there.
 */

interface RakeTask {
  readonly path: string
  readonly line: number
  readonly deps: readonly string[]
  readonly body: readonly { readonly text: string; readonly line: number }[]
  /** A tool the task's class stands for (`rspec` for `RSpec::Core::RakeTask`). */
  readonly tool?: readonly string[]
}

const TASK = /^(\s*)task\s*\(?\s*(?::(\w+)|["'](\w[\w:-]*)["']|(\w+):\s*(\[[^\]]*\]|:\w+|["'][^"']+["'])|["'](\w[\w:-]*)["']\s*=>\s*(\[[^\]]*\]|:\w+|["'][^"']+["']))/
const NAMESPACE = /^(\s*)namespace\s*\(?\s*(?::(\w+)|["'](\w+)["'])/
const TASK_CLASSES: readonly { readonly re: RegExp; readonly tool: readonly string[]; readonly name: string }[] = [
  { re: /RSpec::Core::RakeTask\.new\s*\(?\s*(?::(\w+))?/, tool: ['rspec'], name: 'spec' },
  { re: /RuboCop::RakeTask\.new\s*\(?\s*(?::(\w+))?/, tool: ['rubocop'], name: 'rubocop' },
  { re: /Rake::TestTask\.new\s*\(?\s*(?::(\w+))?/, tool: ['ruby', '-Itest', '-e', 'tests'], name: 'test' },
  { re: /StandardRB::RakeTask\.new|Standard::RakeTask\.new/, tool: ['standardrb'], name: 'standard' }
]
const SH = /\b(?:sh|system)\s*\(?\s*(["'])((?:(?!\1)[^\\]|\\.)*)\1/
const INVOKE = /Rake::Task\[\s*["']([\w:-]+)["']\s*\]\.(?:invoke|execute)/
const RUBY_API: readonly { readonly re: RegExp; readonly argv: readonly string[] }[] = [
  { re: /\bBrakeman\.run\s*\(/, argv: ['brakeman'] },
  { re: /\bRuboCop::CLI\.new\.run\s*\(/, argv: ['rubocop'] }
]

function names(list: string): string[] {
  return [...list.matchAll(/:(\w[\w:-]*)|["'](\w[\w:-]*)["']/g)].map((m) => (m[1] ?? m[2])!)
}

function load(ctx: Ctx, dir: string): ReadonlyMap<string, RakeTask> {
  return ctx.memo.get(RAKE_TASKS, dir, () => {
    const files: string[] = []
    for (const name of ['Rakefile', 'rakefile', 'Rakefile.rb']) {
      const p = joinPath(dir, name)
      if (p !== undefined && ctx.snapshot.has(p)) files.push(p)
    }
    const tasksDir = joinPath(dir, 'lib/tasks') ?? 'lib/tasks'
    for (const f of ctx.snapshot.under(tasksDir)) if (f.endsWith('.rake')) files.push(f)
    const tasks = new Map<string, RakeTask>()
    for (const path of files.slice(0, 100)) {
      const lines = (ctx.snapshot.text(path) ?? '').split('\n').slice(0, 20_000)
      const spaces: { indent: number; name: string }[] = []
      let cur: { indent: number; task: { path: string; line: number; deps: string[]; body: { text: string; line: number }[] } } | undefined
      lines.forEach((l, i) => {
        const indent = l.length - l.trimStart().length
        const t = l.trim()
        if (cur && t === 'end' && indent <= cur.indent) {
          cur = undefined
          return
        }
        // An `end` at a namespace's indentation closes it (blocks inside it end deeper).
        if (t === 'end' && spaces.length > 0 && indent <= spaces[spaces.length - 1]!.indent) {
          spaces.pop()
          return
        }
        if (cur) {
          cur.task.body.push({ text: t, line: i + 1 })
          return
        }
        const ns = NAMESPACE.exec(l)
        if (ns && /\bdo\b/.test(l)) {
          spaces.push({ indent, name: (ns[2] ?? ns[3])! })
          return
        }
        const prefix = spaces.map((s) => `${s.name}:`).join('')
        for (const c of TASK_CLASSES) {
          const m = c.re.exec(l)
          if (m) tasks.set(prefix + (m[1] ?? c.name), { path, line: i + 1, deps: [], body: [], tool: c.tool })
        }
        const m = TASK.exec(l)
        if (!m) return
        const name = m[2] ?? m[3] ?? m[4] ?? m[6]
        if (name === undefined) return
        const task = { path, line: i + 1, deps: names(m[5] ?? m[7] ?? '').map((d) => (d.includes(':') || !prefix ? d : prefix + d)), body: [] as { text: string; line: number }[] }
        tasks.set(prefix + name, task)
        if (/\bdo\b(\s*\|[^|]*\|)?\s*$/.test(l)) cur = { indent: m[1]!.length, task }
      })
    }
    return tasks
  })
}

export function resolveRake(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  if (basename(argv[0] ?? '') !== 'rake') return false
  let dir = site.cwd
  const wanted: string[] = []
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-f' || a === '--rakefile') {
      const f = argv[++i]
      if (f !== undefined) dir = dirname(joinPath(site.cwd, f) ?? f)
    } else if (a === '-C' || a === '--directory') dir = joinPath(site.cwd, argv[++i] ?? '') ?? dir
    else if (a.startsWith('-')) continue
    else if (!a.includes('=')) wanted.push(a.replace(/\[.*$/, ''))
  }
  const tasks = load(ctx, dir)
  const list = wanted.length > 0 ? wanted : ['default']
  if (!list.every((n) => tasks.has(n))) return false
  const start = ctx.out.length
  const done = new Set<string>()
  for (const n of list) run(ctx, tasks, n, site, done, dir)
  // Nothing readable ran: the task name is all there is to go by (`rake spec`), as without this resolver.
  if (ctx.out.length === start) return false
  return true
}

function run(ctx: Ctx, tasks: ReadonlyMap<string, RakeTask>, name: string, site: Site, done: Set<string>, dir: string): void {
  const task = tasks.get(name)
  if (task === undefined || done.has(name)) return
  done.add(name)
  const base = enter(site, `rake:${task.path}:${name}`)
  if (base === undefined) return
  const at = { ...base, chain: [...base.chain, link(task.path, task.line, `rake ${name}`)], text: `rake ${name}`, cwd: dir }
  for (const d of task.deps) run(ctx, tasks, d, at, done, dir)
  if (task.tool) emit(ctx, task.tool, at, { synthetic: true, text: `${task.tool[0]} (rake task ${name})` })
  for (const b of task.body) {
    const here = { ...base, chain: [...at.chain, link(task.path, b.line, b.text)], text: b.text, cwd: dir }
    const inv = INVOKE.exec(b.text)
    if (inv) {
      run(ctx, tasks, inv[1]!, here, done, dir)
      continue
    }
    const sh = SH.exec(b.text)
    if (sh) {
      if (sh[2]!.includes('#{')) emit(ctx, ['rake', name], here, { opaque: 'the command is built at run time' })
      else runScript(ctx, sh[2]!, { path: task.path, line: b.line, cwd: dir }, { ...base, chain: at.chain })
      continue
    }
    const api = RUBY_API.find((r) => r.re.test(b.text))
    if (api) emit(ctx, api.argv, here, { synthetic: true })
  }
}
