import { dirname, joinPath } from '../../paths.js'
import { get, isMap, itemLine, keyLine, list, parseYamlFile, str, truthy, valueLine } from '../../parse/yaml.js'
import { emit, enter, runScript, type Ctx, type Site } from './engine.js'
import { readToml, tomlKeyLine } from './python-tasks.js'
import { memoKey } from '../../run-memo.js'

const JUSTFILE_RECIPES = memoKey<ReturnType<typeof parseJust>>('just')
const TASKFILE_TASKS = memoKey<Taskfile | undefined>('taskfile')

/**
 * Generic task runners: just (`justfile`), Task (`Taskfile.yml`, with `deps`, `task:` calls and
 * namespaced includes), and mise (`mise.toml` `[tasks.x] run`).
 */

// ---- just ------------------------------------------------------------------------------------

interface JustRecipe {
  readonly deps: string[]
  readonly body: { text: string; line: number }[]
  readonly shebang: boolean
}

const JUSTFILES = ['justfile', 'Justfile', '.justfile', 'JUSTFILE']

function parseJust(text: string): { recipes: Map<string, JustRecipe>; first?: string } {
  const recipes = new Map<string, JustRecipe>()
  let first: string | undefined
  let current: JustRecipe | undefined
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '')
    if (/^\s/.test(raw)) {
      if (current && raw.trim() !== '') {
        if (current.body.length === 0 && raw.trim().startsWith('#!')) (current as { shebang: boolean }).shebang = true
        else current.body.push({ text: raw.trim(), line: i + 1 })
      }
      continue
    }
    current = undefined
    const t = raw.trim()
    if (t === '' || t.startsWith('#') || t.startsWith('[') || /^(set|export|alias|import|mod)\s/.test(t) || /^[A-Za-z0-9_-]+\s*:=/.test(t)) continue
    const m = /^@?([A-Za-z0-9_-]+)([^:]*):(?!=)(.*)$/.exec(t)
    if (!m) continue
    const deps = m[3]!
      .replace(/#.*$/, '')
      .split(/\s+/)
      .filter((d) => /^[A-Za-z0-9_-]+$/.test(d) && d !== '&&')
    current = { deps, body: [], shebang: false }
    recipes.set(m[1]!, current)
    first ??= m[1]!
  }
  return first === undefined ? { recipes } : { recipes, first }
}

/** The recipes of a justfile. */
export function justRecipes(ctx: Ctx, path: string): string[] {
  const text = ctx.snapshot.text(path)
  return text === undefined ? [] : [...parseJust(text).recipes.keys()]
}

export function resolveJust(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  if (argv[0]!.toLowerCase() !== 'just') return false
  let dir = site.cwd
  let file: string | undefined
  const words: string[] = []
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-f' || a === '--justfile') file = argv[++i]
    else if (a === '-d' || a === '--working-directory') dir = joinPath(site.cwd, argv[++i] ?? '') ?? dir
    else if (a === '--set') i += 2
    else if (a.startsWith('-')) {
      if (['-l', '--list', '--summary', '--show', '-s', '--evaluate', '--dump', '--choose', '--init', '--fmt', '--edit'].includes(a)) return false
    } else words.push(a)
  }
  const path = file !== undefined ? joinPath(site.cwd, file) : JUSTFILES.map((f) => joinPath(dir, f)!).find((p) => ctx.snapshot.has(p))
  const text = path !== undefined ? ctx.snapshot.text(path) : undefined
  if (path === undefined || text === undefined) return false
  const jf = ctx.memo.get(JUSTFILE_RECIPES, path, () => parseJust(text))
  const base = enter(site, `just:${path}`)
  if (base === undefined) return false
  const goals = words.filter((w) => jf.recipes.has(w))
  if (words.length === 0 && jf.first) goals.push(jf.first)
  if (goals.length === 0) return false
  const done = new Set<string>()
  const run = (name: string): void => {
    const r = jf.recipes.get(name)
    if (r === undefined || done.has(name)) return
    done.add(name)
    for (const d of r.deps) run(d)
    for (const b of r.body) {
      let t = b.text
      let ignore = false
      while (t.startsWith('@') || t.startsWith('-')) {
        if (t[0] === '-') ignore = true
        t = t.slice(1)
      }
      runScript(ctx, t.replace(/\{\{[^}]*\}\}/g, ''), { path, line: b.line, cwd: dirname(path) }, base, ignore ? { neutralised: "just '-' prefix" } : {})
    }
  }
  for (const g of goals) run(g)
  return true
}

// ---- Task (go-task) ----------------------------------------------------------------------------

const TASKFILES = ['Taskfile.yml', 'Taskfile.yaml', 'taskfile.yml', 'taskfile.yaml', 'Taskfile.dist.yml', 'Taskfile.dist.yaml']

interface Taskfile {
  readonly path: string
  readonly tasks: Record<string, unknown>
  readonly includes: Record<string, unknown>
}

function loadTaskfile(ctx: Ctx, path: string): Taskfile | undefined {
  return ctx.memo.get(TASKFILE_TASKS, path, () => {
    const r = parseYamlFile(ctx.snapshot, path)
    if (!r?.ok || !isMap(r.value)) return undefined
    const tasks = get(r.value, 'tasks')
    const includes = get(r.value, 'includes')
    return { path, tasks: isMap(tasks) ? tasks : {}, includes: isMap(includes) ? includes : {} }
  })
}

function findTaskfile(ctx: Ctx, dir: string): string | undefined {
  return TASKFILES.map((f) => joinPath(dir, f)!).find((p) => ctx.snapshot.has(p))
}

export function resolveGoTask(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  if (argv[0]!.toLowerCase() !== 'task') return false
  let dir = site.cwd
  let file: string | undefined
  const names: string[] = []
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') break
    if (a === '-d' || a === '--dir') dir = joinPath(site.cwd, argv[++i] ?? '') ?? dir
    else if (a === '-t' || a === '--taskfile') file = argv[++i]
    else if (a === '-l' || a === '--list' || a === '--list-all' || a === '--init') return false
    else if (!a.startsWith('-') && !a.includes('=')) names.push(a)
  }
  const path = file !== undefined ? joinPath(dir, file) : findTaskfile(ctx, dir)
  const tf = path !== undefined ? loadTaskfile(ctx, path) : undefined
  if (tf === undefined) return false
  for (const n of names.length > 0 ? names : ['default']) runGoTask(ctx, tf, n, site, new Set())
  return true
}

function runGoTask(ctx: Ctx, tf: Taskfile, name: string, site: Site, done: Set<string>): void {
  const colon = name.indexOf(':')
  if (!Object.hasOwn(tf.tasks, name) && colon > 0) {
    // Namespaced task from an include: `py:lint`.
    const inc = tf.includes[name.slice(0, colon)]
    const incFile = typeof inc === 'string' ? inc : str(get(inc, 'taskfile'))
    if (incFile !== undefined) {
      let p = joinPath(dirname(tf.path), incFile)
      if (p !== undefined && !p.endsWith('.yml') && !p.endsWith('.yaml')) p = findTaskfile(ctx, p)
      const sub = p !== undefined ? loadTaskfile(ctx, p) : undefined
      if (sub !== undefined) return runGoTask(ctx, sub, name.slice(colon + 1), site, done)
    }
  }
  const key = `${tf.path}#${name}`
  if (done.has(key)) return
  done.add(key)
  const task = tf.tasks[name]
  if (task === undefined) return emit(ctx, ['task', name], site)
  const base = enter(site, `task:${key}`)
  if (base === undefined) return
  const dirOpt = str(get(task, 'dir'))
  const cwd = dirOpt !== undefined ? (joinPath(dirname(tf.path), dirOpt) ?? dirname(tf.path)) : dirname(tf.path)
  const ignore = truthy(get(task, 'ignore_error'))
  const next: Site = { ...site, ...base, cwd }
  for (const d of list(get(task, 'deps'))) {
    const dn = str(d) ?? str(get(d, 'task'))
    if (dn !== undefined) runGoTask(ctx, tf, dn, next, done)
  }
  const cmds = typeof task === 'string' || Array.isArray(task) ? task : get(task, 'cmds') ?? get(task, 'cmd')
  const seq = list(cmds)
  seq.forEach((c, k) => {
    const line = Array.isArray(cmds) ? itemLine(cmds, k) : typeof task === 'string' ? keyLine(tf.tasks, name) : valueLine(task, 'cmds')
    const text = str(c) ?? str(get(c, 'cmd'))
    const sub = str(get(c, 'task'))
    if (text !== undefined) runScript(ctx, text.replace(/\{\{[^}]*\}\}/g, ''), { path: tf.path, line, cwd }, base, ignore || truthy(get(c, 'ignore_error')) ? { neutralised: 'task ignore_error' } : {})
    else if (sub !== undefined) runGoTask(ctx, tf, sub, next, done)
  })
}

// ---- mise ------------------------------------------------------------------------------------

export function resolveMise(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  if (argv[0]!.toLowerCase() !== 'mise') return false
  let k = 1
  while (k < argv.length && argv[k]!.startsWith('-')) k++
  if (argv[k] !== 'run' && argv[k] !== 'r') return false
  const names = argv.slice(k + 1).filter((a) => !a.startsWith('-'))
  const path = ['mise.toml', '.mise.toml', 'mise/config.toml', '.config/mise.toml'].map((f) => joinPath(site.cwd, f)!).find((p) => ctx.snapshot.has(p))
  const toml = path !== undefined ? readToml(ctx, path) : undefined
  if (path === undefined || toml === undefined) return false
  const tasks = (toml.doc['tasks'] ?? {}) as Record<string, unknown>
  const done = new Set<string>()
  const run = (name: string, s: Site): void => {
    if (done.has(name) || !Object.hasOwn(tasks, name)) return
    done.add(name)
    const base = enter(s, `mise:${path}#${name}`)
    if (base === undefined) return
    const t = tasks[name]
    const line = tomlKeyLine(toml.text, 'tasks', name)
    const deps = typeof t === 'object' && t !== null && !Array.isArray(t) ? (t as Record<string, unknown>)['depends'] : undefined
    for (const d of list(deps)) if (typeof d === 'string') run(d, s)
    const body = typeof t === 'string' || Array.isArray(t) ? t : (t as Record<string, unknown> | null)?.['run']
    for (const c of list(body)) if (typeof c === 'string') runScript(ctx, c, { path, line, cwd: site.cwd }, base)
  }
  for (const n of names) run(n, site)
  return true
}
