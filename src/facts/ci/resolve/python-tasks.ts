import { parse as parseToml } from 'smol-toml'
import { at } from '../../doc-path.js'
import { joinPath } from '../../paths.js'
import { dispatch, emit, enter, lineOf, runScript, shellJoin, type Ctx, type Site } from './engine.js'
import { stringLiterals } from './scripts.js'
import { memoKey } from '../../run-memo.js'

const TOML_FILES = memoKey<{ doc: Toml; text: string } | undefined>('toml')
const INVOKE_TASKS = memoKey<ReturnType<typeof parseInvoke>>('invoke')

/**
 * Python task runners declared in pyproject.toml: hatch (`hatch run [env:]x`, `hatch fmt`,
 * `hatch test`, also hatch.toml), PDM (`[tool.pdm.scripts]`), Rye (`[tool.rye.scripts]`),
 * poethepoet (`[tool.poe.tasks]`), taskipy (`[tool.taskipy.tasks]`), and invoke (`tasks.py`).
 * `poetry run` is only a wrapper: Poetry's `[tool.poetry.scripts]` are entry points, not tasks.
 */

type Toml = Record<string, unknown>

export function readToml(ctx: Ctx, path: string): { doc: Toml; text: string } | undefined {
  return ctx.memo.get(TOML_FILES, path, () => {
    const text = ctx.snapshot.text(path)
    if (text === undefined) return undefined
    try {
      return { doc: parseToml(text) as Toml, text }
    } catch {
      return undefined
    }
  })
}


/** Line of `key` inside TOML table `table` (`[table]` then `key =`), or of `[table.key]`. */
export function tomlKeyLine(text: string, table: string, key: string): number | undefined {
  const sub = lineOf(text, `[${table}.${key}]`) ?? lineOf(text, `[${table}."${key}"]`)
  if (sub !== undefined) return sub
  const head = lineOf(text, `[${table}]`)
  if (head === undefined) return undefined
  const lines = text.split('\n')
  for (let i = head; i < lines.length; i++) {
    const t = lines[i]!.trimStart()
    if (t.startsWith('[')) break
    if (t.startsWith(key + ' ') || t.startsWith(key + '=') || t.startsWith(`"${key}"`)) return i + 1
  }
  return head
}

function pyproject(ctx: Ctx, cwd: string): { path: string; doc: Toml; text: string } | undefined {
  const path = joinPath(cwd, 'pyproject.toml')!
  const t = readToml(ctx, path)
  return t === undefined ? undefined : { path, ...t }
}

/** Runs a script value: a string (shell text) or a list of strings (one command each). */
function runValue(ctx: Ctx, value: unknown, path: string, line: number | undefined, cwd: string, base: Omit<Site, 'text' | 'cwd'>, extra: readonly string[]): boolean {
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []
  items.forEach((s, k) => runScript(ctx, k === items.length - 1 && extra.length > 0 ? `${s} ${shellJoin(extra)}` : s, { path, line, cwd }, base))
  return items.length > 0
}

export function resolveHatch(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  if (argv[0]!.toLowerCase() !== 'hatch') return false
  let i = 1
  let env = 'default'
  while (i < argv.length && argv[i]!.startsWith('-')) {
    if (argv[i] === '-e' || argv[i] === '--env') env = argv[++i] ?? env
    i++
  }
  const sub = argv[i]
  const rest = argv.slice(i + 1)
  if (sub === 'fmt') {
    const check = rest.includes('--check')
    const linterOnly = rest.includes('--linter') || rest.includes('-l')
    const formatterOnly = rest.includes('--formatter') || rest.includes('-f')
    if (!formatterOnly) emit(ctx, check ? ['ruff', 'check'] : ['ruff', 'check', '--fix'], site, { synthetic: true })
    if (!linterOnly) emit(ctx, check ? ['ruff', 'format', '--check'] : ['ruff', 'format'], site, { synthetic: true })
    return true
  }
  if (sub === 'test') {
    emit(ctx, ['pytest', ...rest.filter((a) => !['--cover', '-c', '--all', '-a', '--parallel', '-p', '--randomize', '-r'].includes(a))], site, { synthetic: true })
    return true
  }
  if (sub !== 'run' || rest.length === 0) return false
  let [target, ...args] = rest
  while (target !== undefined && target.startsWith('-')) [target, ...args] = args
  if (target === undefined) return false
  if (target.includes(':') && !target.includes('/')) {
    env = target.slice(0, target.indexOf(':'))
    target = target.slice(target.indexOf(':') + 1)
  }
  if (runHatchScript(ctx, env, target, args, site)) return true
  dispatch(ctx, [target, ...args], site)
  return true
}

function runHatchScript(ctx: Ctx, env: string, name: string, args: readonly string[], site: Site): boolean {
  const py = pyproject(ctx, site.cwd)
  const hatchPath = joinPath(site.cwd, 'hatch.toml')!
  const ht = readToml(ctx, hatchPath)
  const sources: { path: string; text: string; table: string; value: unknown }[] = []
  if (ht) sources.push({ path: hatchPath, text: ht.text, table: `envs.${env}.scripts`, value: at(ht.doc, 'envs', env, 'scripts', name) })
  if (py) sources.push({ path: py.path, text: py.text, table: `tool.hatch.envs.${env}.scripts`, value: at(py.doc, 'tool', 'hatch', 'envs', env, 'scripts', name) })
  const src = sources.find((s) => s.value !== undefined)
  if (src === undefined) return false
  const base = enter(site, `hatch:${src.path}#${env}:${name}`)
  if (base === undefined) return false
  return runValue(ctx, src.value, src.path, tomlKeyLine(src.text, src.table, name), site.cwd, base, args)
}

/** pdm / rye / poe / taskipy scripts. */
export function resolvePyScripts(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const tool = argv[0]!.toLowerCase()
  if (tool !== 'pdm' && tool !== 'rye' && tool !== 'poe' && tool !== 'task') return false
  const py = pyproject(ctx, site.cwd)
  let k = 1
  while (k < argv.length && argv[k]!.startsWith('-')) k++
  if ((tool === 'pdm' || tool === 'rye') && argv[k] === 'run') k++
  const name = argv[k]
  const args = argv.slice(k + 1)
  if (name === undefined) return false
  const table = tool === 'pdm' ? 'tool.pdm.scripts' : tool === 'rye' ? 'tool.rye.scripts' : tool === 'poe' ? 'tool.poe.tasks' : 'tool.taskipy.tasks'
  const scripts = py ? at(py.doc, ...table.split('.')) : undefined
  if (tool === 'task' && scripts === undefined) return false // go-task, not taskipy
  if (py === undefined || scripts === undefined || at(scripts, name) === undefined) {
    if (tool === 'poe') return false
    if (argv[k - 1] === 'run') {
      dispatch(ctx, [name, ...args], site)
      return true
    }
    return false
  }
  runPyScript(ctx, tool, py, table, scripts as Toml, name, args, site)
  return true
}

function runPyScript(ctx: Ctx, tool: string, py: { path: string; text: string }, table: string, scripts: Toml, name: string, args: readonly string[], site: Site): void {
  const base = enter(site, `${tool}:${py.path}#${name}`)
  if (base === undefined) return emit(ctx, [tool, name], site)
  const value = scripts[name]
  const line = tomlKeyLine(py.text, table, name)
  const hooks = tool === 'pdm' || tool === 'task'
  const sub = (n: string): void => {
    if (scripts[n] !== undefined) runPyScript(ctx, tool, py, table, scripts, n, [], { ...site, ...base, text: n, cwd: site.cwd })
  }
  if (hooks) sub(`pre_${name}`)
  if (typeof value === 'string') {
    if (tool === 'rye' || tool === 'pdm' || tool === 'poe' || tool === 'task') runValue(ctx, value, py.path, line, site.cwd, base, args)
  } else if (Array.isArray(value)) {
    // poe: a list is a sequence of task names or commands; rye: a list is one argv.
    if (tool === 'rye') runValue(ctx, shellJoin(value.filter((x): x is string => typeof x === 'string')), py.path, line, site.cwd, base, args)
    else
      for (const x of value) {
        if (typeof x !== 'string') continue
        if (scripts[x] !== undefined) sub(x)
        else runScript(ctx, x, { path: py.path, line, cwd: site.cwd }, base)
      }
  } else if (value !== null && typeof value === 'object') {
    const v = value as Toml
    for (const key of ['cmd', 'shell']) if (v[key] !== undefined) runValue(ctx, v[key], py.path, line, site.cwd, base, args)
    for (const key of ['composite', 'sequence', 'chain']) {
      const seq = v[key]
      if (!Array.isArray(seq)) continue
      for (const x of seq) {
        if (typeof x !== 'string') continue
        const [first] = x.split(/\s+/)
        if (first !== undefined && scripts[first] !== undefined) sub(first)
        else runScript(ctx, x, { path: py.path, line, cwd: site.cwd }, base)
      }
    }
    if (typeof v['ref'] === 'string') sub(v['ref'].split(/\s+/)[0]!)
  }
  if (hooks) sub(`post_${name}`)
}

// ---- invoke ----------------------------------------------------------------------------------

export function resolveInvoke(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const tool = argv[0]!.toLowerCase()
  if (tool !== 'inv' && tool !== 'invoke') return false
  const path = joinPath(site.cwd, 'tasks.py')!
  const text = ctx.snapshot.text(path)
  if (text === undefined) return false
  const tasks = ctx.memo.get(INVOKE_TASKS, path, () => parseInvoke(text))
  const base = enter(site, `invoke:${path}`)
  if (base === undefined) return false
  const names = argv.slice(1).filter((a) => !a.startsWith('-'))
  const done = new Set<string>()
  const run = (n: string): void => {
    const t = tasks.get(n.replace(/-/g, '_'))
    if (t === undefined || done.has(n)) return
    done.add(n)
    for (const p of t.pre) run(p)
    for (const r of t.runs) runScript(ctx, r.text, { path, line: r.line, cwd: site.cwd }, base)
  }
  for (const n of names) {
    if (tasks.has(n.replace(/-/g, '_'))) run(n)
  }
  return true
}

function parseInvoke(text: string): Map<string, { pre: string[]; runs: { text: string; line: number }[] }> {
  const tasks = new Map<string, { pre: string[]; runs: { text: string; line: number }[] }>()
  const lines = text.split('\n')
  let decorated: string[] | null = null
  let current: { pre: string[]; runs: { text: string; line: number }[] } | undefined
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim()
    if (/^@(invoke\.)?task\b/.test(t)) {
      const pre = /pre\s*=\s*\[([^\]]*)\]/.exec(t)?.[1] ?? (/^@(?:invoke\.)?task\(([A-Za-z_, ]+)\)/.exec(t)?.[1] ?? '')
      decorated = pre.split(',').map((s) => s.trim()).filter((s) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s))
      continue
    }
    const def = /^def\s+([A-Za-z0-9_]+)\s*\(/.exec(t)
    if (def && lines[i]!.startsWith('def')) {
      current = decorated !== null ? { pre: decorated, runs: [] } : undefined
      if (current) tasks.set(def[1]!, current)
      decorated = null
      continue
    }
    const run = /\b[a-z_]+\.(run|sudo)\(\s*f?(["'].*)$/.exec(t)
    if (current && run) {
      const lit = stringLiterals(run[2]!)[0]
      if (lit !== undefined) current.runs.push({ text: lit.replace(/\{[^}]*\}/g, ''), line: i + 1 })
    }
  }
  return tasks
}
