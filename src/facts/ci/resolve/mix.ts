import { dirname, joinPath } from '../../paths.js'
import { splitScript } from '../shell.js'
import { dispatch, emit, enter, link, runScript, type Ctx, type Site } from './engine.js'
import { EX_CHECK_TOOLS, functionSteps, parseCheckExs, parseMixProject, taskModule, type MixAliasStep, type MixProject } from './mix-project.js'
import { memoKey } from '../../run-memo.js'

const MIX_PROJECTS = memoKey<MixProject | undefined>('mix')
const MIX_APPS = memoKey<MixProject[]>('mix-apps')
const MIX_TASK_LINES = memoKey<string[] | undefined>('mix-task')

/**
 * Mix, Elixir's task runner: `mix TASK args` runs the alias of that name in `mix.exs` when there
 * is one (string steps, `cmd …` shell steps, captured functions calling `Mix.Task.run`), and
 * `mix do a + b` (or the older `mix do a, b`) runs several tasks. Aliases may call aliases; an
 * alias that names itself (`test: ["ecto.create --quiet", "test"]`) runs the real task. The
 * arguments given to an alias go to its last step. An umbrella root without the alias runs the
 * children's aliases of that name (Mix's rule for umbrella projects).
 *
 * Two tools are followed beyond the alias table:
 * - `elixirc_options: [warnings_as_errors: true]` makes every compile fail on warnings, type
 *   warnings included: each compiling task is followed by a synthetic `mix compile
 *   --warnings-as-errors` pointing at that line;
 * - `mix check` (ex_check) runs its curated tools (compiler, formatter, credo, sobelow,
 *   dialyzer, ExUnit, …) when the project has what enables each, as `.check.exs` adjusts them.
 */

/** Tasks that compile the project first (so `warnings_as_errors` applies to them). */
const COMPILING = /^(compile|test|coveralls(\.[\w.]+)?|release|escript\.build|phx\.server|run)$/
/** Umbrella children read at most. */
const MAX_APPS = 60

function loadProject(ctx: Ctx, path: string | undefined): MixProject | undefined {
  if (path === undefined) return undefined
  return ctx.memo.get(MIX_PROJECTS, path, () => {
    const text = ctx.snapshot.text(path)
    return text === undefined ? undefined : parseMixProject(path, text)
  })
}

function children(ctx: Ctx, root: MixProject): MixProject[] {
  if (root.appsPath === undefined) return []
  const base = joinPath(root.dir, root.appsPath)
  if (base === undefined) return []
  return ctx.memo.get(MIX_APPS, root.path, () =>
    ctx.snapshot
      .under(base)
      .filter((f) => f.endsWith('/mix.exs') && dirname(dirname(f)) === base)
      .sort()
      .slice(0, MAX_APPS)
      .flatMap((f) => loadProject(ctx, f) ?? [])
  )
}

/** `mix do a + b` / `mix do a, b`: the task groups, each with its arguments (`--app NAME` dropped). */
export function doGroups(words: readonly string[]): string[][] {
  const groups: string[][] = []
  let cur: string[] = []
  const close = (): void => {
    if (cur.length > 0) groups.push(cur)
    cur = []
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (w === '+' || w === ',') {
      close()
      continue
    }
    if (cur.length === 0 && w === '--app') {
      i++
      continue
    }
    if (w.endsWith(',') && w.length > 1) {
      cur.push(w.slice(0, -1))
      close()
      continue
    }
    cur.push(w)
  }
  close()
  return groups
}

export function resolveMix(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  if (argv[0] !== 'mix') return false
  const task = argv[1]
  if (task === undefined || task.startsWith('-')) return false
  const project = loadProject(ctx, joinPath(site.cwd, 'mix.exs'))
  if (project === undefined) return false
  if (task === 'do') {
    for (const g of doGroups(argv.slice(2))) dispatch(ctx, ['mix', ...g], site)
    return true
  }
  return runTask(ctx, project, task, argv.slice(2), site)
}

function runTask(ctx: Ctx, project: MixProject, task: string, args: readonly string[], site: Site): boolean {
  const alias = project.aliases.get(task)
  if (alias !== undefined) {
    const base = enter(site, `mix:${project.path}#${task}`)
    if (base === undefined) return false
    const steps = expandSteps(project, alias.steps)
    steps.forEach((step, k) => {
      const extra = k === steps.length - 1 ? args : []
      if (step.fn) {
        // A captured function whose body calls no task Shipshape can read: what it runs is unknown.
        const at: Site = { ...site, ...base, chain: [...site.chain, link(project.path, step.line, `&${step.text}/1`)], text: `&${step.text}/1`, cwd: project.dir }
        emit(ctx, ['mix', task, ...args], at, { opaque: `the mix alias \`${task}\` calls ${step.text}/1 in ${project.path}, whose tasks Shipshape cannot read` })
      } else runStep(ctx, project, task, step, extra, { ...site, ...base })
    })
    return true
  }
  if (task === 'check' && project.deps.has('ex_check')) return runExCheck(ctx, project, args, site)
  if (project.appsPath !== undefined) {
    const kids = children(ctx, project).filter((c) => c.aliases.has(task))
    if (kids.length > 0) {
      for (const c of kids) runTask(ctx, c, task, args, { ...site, cwd: c.dir })
      return true
    }
  }
  if (project.warningsAsErrors !== undefined && COMPILING.test(task)) {
    emitTask(ctx, project, ['mix', task, ...args], site)
    return true
  }
  return runCustomTask(ctx, project, task, site)
}

/**
 * A task the project defines itself (`defmodule Mix.Tasks.Ci do … def run(_) do Mix.Task.run("test") …`
 * under `lib/mix/tasks/`): the tasks and commands its `run/1` calls. A task whose body calls none
 * (an export, a seed) is left as written.
 */
function runCustomTask(ctx: Ctx, project: MixProject, task: string, site: Site): boolean {
  const dir = joinPath(project.dir, 'lib/mix/tasks')
  if (dir === undefined || !/^[a-z][\w.]*$/.test(task)) return false
  const decl = `defmodule ${taskModule(task)} do`
  for (const file of ctx.snapshot.under(dir).filter((f) => f.endsWith('.ex')).slice(0, MAX_APPS)) {
    const lines = ctx.memo.get(MIX_TASK_LINES, file, () => ctx.snapshot.text(file)?.split('\n'))
    if (!lines || !lines.some((l) => l.trim() === decl)) continue
    const steps = functionSteps(lines, 'run')
    if (steps.length === 0) return false
    const base = enter(site, `mix-task:${file}`)
    if (base === undefined) return false
    for (const step of steps) runStep(ctx, { ...project, path: file }, task, step, [], { ...site, ...base })
    return true
  }
  return false
}

/** Captured functions replaced by the steps they run (one level: a function's steps are tasks); kept as they are when none can be read. */
function expandSteps(project: MixProject, steps: readonly MixAliasStep[]): MixAliasStep[] {
  return steps.flatMap((s) => {
    if (!s.fn) return [s]
    const found = functionSteps(project.lines, s.text)
    return found.length > 0 ? found : [s]
  })
}

function runStep(ctx: Ctx, project: MixProject, alias: string, step: MixAliasStep, extra: readonly string[], site: Site): void {
  const words = splitScript(step.text)[0]?.words ?? []
  if (words.length === 0) return
  const stepSite: Site = { ...site, chain: [...site.chain, link(project.path, step.line, step.text)], text: step.text, cwd: project.dir }
  if (words[0] === 'cmd') {
    // `mix cmd` runs a shell command (in an umbrella, in every child app).
    const rest = step.text.replace(/^\s*cmd\s+/, '')
    const dirs = project.appsPath !== undefined ? children(ctx, project).map((c) => c.dir) : [project.dir]
    for (const cwd of dirs.length > 0 ? dirs : [project.dir]) runScript(ctx, rest, { path: project.path, line: step.line, cwd }, site)
    return
  }
  const argv = ['mix', ...words, ...extra]
  if (words[0] === alias) emitTask(ctx, project, argv, stepSite)
  else dispatch(ctx, argv, stepSite)
}

/** Emits a real task, then the synthetic warnings-as-errors compile when the project sets it and the task compiles. */
function emitTask(ctx: Ctx, project: MixProject, argv: readonly string[], site: Site): void {
  emit(ctx, argv, site)
  const task = argv[1] ?? ''
  if (project.warningsAsErrors === undefined || !COMPILING.test(task) || argv.includes('--warnings-as-errors')) return
  const text = 'mix compile --warnings-as-errors'
  emit(ctx, ['mix', 'compile', '--warnings-as-errors'], site, { synthetic: true, text, link: link(project.path, project.warningsAsErrors, 'elixirc_options: [warnings_as_errors: true]') })
}

/** `mix check`: each curated tool the project enables (its dependency or file present), as `.check.exs` adjusts them, plus its own tools. */
function runExCheck(ctx: Ctx, project: MixProject, args: readonly string[], site: Site): boolean {
  const base = enter(site, `mix-check:${project.path}`)
  if (base === undefined) return false
  const confPath = joinPath(project.dir, '.check.exs')!
  const confText = ctx.snapshot.text(confPath)
  const conf = confText !== undefined ? parseCheckExs(confText) : new Map<string, { command?: string; enabled: boolean; line: number }>()
  const only = new Set(args.flatMap((a, i) => (args[i - 1] === '--only' ? [a.replace(/^:/, '')] : [])))
  const except = new Set(args.flatMap((a, i) => (args[i - 1] === '--except' ? [a.replace(/^:/, '')] : [])))
  const depLine = project.lines.findIndex((l) => /\{\s*:ex_check\b/.test(l)) + 1
  const run = (name: string, command: string, at: { path: string; line: number }, cd?: string): void => {
    if ((only.size > 0 && !only.has(name)) || except.has(name)) return
    const cwd = cd !== undefined ? (joinPath(project.dir, cd) ?? project.dir) : project.dir
    runScript(ctx, command, { path: at.path, line: at.line, cwd }, { ...site, ...base })
  }
  for (const tool of EX_CHECK_TOOLS) {
    const c = conf.get(tool.name)
    if (c && !c.enabled) continue
    const enabled = c?.command !== undefined || (tool.dep === undefined || project.deps.has(tool.dep)) && (tool.file === undefined || ctx.snapshot.has(joinPath(project.dir, tool.file)!) || ctx.snapshot.under(joinPath(project.dir, tool.file)!).length > 0)
    if (!enabled) continue
    run(tool.name, c?.command ?? tool.command, c ? { path: confPath, line: c.line } : { path: project.path, line: depLine || 1 }, tool.cd)
  }
  for (const [name, c] of conf) {
    if (!c.enabled || c.command === undefined || EX_CHECK_TOOLS.some((t) => t.name === name)) continue
    run(name, c.command, { path: confPath, line: c.line })
  }
  return true
}
