import { dirname, joinPath } from '../../paths.js'
import { dispatch, emit, enter, lineOf, link, runScript, shellJoin, type Ctx, type Site } from './engine.js'
import { readToml, tomlKeyLine } from './python-tasks.js'

/**
 * Cargo as a task runner: what `cargo …` really runs once its indirections are followed.
 *
 * - Toolchain and global options before the subcommand (`cargo +nightly fmt`, `cargo --locked -Z x
 *   test`, `cargo -C server test`) are dropped, so the subcommand is the first word.
 * - Built-in aliases (`t`, `b`, `c`, `r`, `d`) become their subcommands; `[alias]` entries of
 *   `.cargo/config.toml` (or the legacy `.cargo/config`, in the directory and its parents, the
 *   nearest first) are expanded, strings split on whitespace, lists as written.
 * - `cargo hack [options] <subcommand>` runs the subcommand (over feature combinations).
 * - An xtask (`cargo xtask <task>`, or the alias it usually is: `run --package xtask -- <task>`) is
 *   Rust code Shipshape does not read: it is kept as `cargo xtask <task>`, judged by its task name
 *   where a catalogue knows it, and otherwise marked as a step that could not be followed.
 * - cargo-make (`cargo make <task>`, `makers <task>`) is read from `Makefile.toml`: a task's
 *   `dependencies`, `run_task`, `extend`/`alias`, `command` + `args` and shell `script`s; tasks
 *   the file does not define fall back to cargo-make's built-in ones.
 * `cross` takes cargo's subcommands and is treated like it.
 */

const BUILTIN_ALIASES: Readonly<Record<string, string>> = { b: 'build', c: 'check', d: 'doc', t: 'test', r: 'run', rm: 'remove' }
/** Global options of cargo that take a value (`--color always`, `-Z unstable-options`, `-C dir`). */
const GLOBAL_VALUE = new Set(['--color', '--config', '-Z', '-C', '--explain'])
/** Subcommands cargo (and common plugins) define: never looked up as aliases. */
const SUBCOMMANDS = new Set(['build', 'check', 'clippy', 'doc', 'fmt', 'test', 'run', 'bench', 'install', 'publish', 'nextest', 'llvm-cov', 'tarpaulin', 'deny', 'audit', 'make', 'hack', 'xtask', 'fix', 'update', 'fetch', 'metadata', 'tree', 'clean'])
/** Options of cargo-hack that are not cargo's (those taking a value skip it too). */
const HACK_FLAGS = new Set(['--feature-powerset', '--each-feature', '--optional-deps', '--no-dev-deps', '--remove-dev-deps', '--ignore-private', '--ignore-unknown-features', '--keep-going', '--print-command-list', '--clean-per-run', '--clean-per-version', '--no-private', '--rust-version'])
const HACK_VALUE = new Set(['--depth', '--group-features', '--exclude-features', '--include-features', '--mutually-exclusive-features', '--at-least-one-of', '--version-range', '--version-step', '--partition', '--skip', '--exclude-no-default-features'])
const XTASK_OPAQUE = 'an xtask: Rust code in the repository that Shipshape does not read, so only its task name tells what it runs'

export function resolveCargo(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const tool = argv[0]!.toLowerCase()
  if (tool === 'makers') return resolveCargoMake(ctx, argv.slice(1), site)
  if (tool !== 'cargo' && tool !== 'cross') return false
  let i = 1
  let cwd = site.cwd
  let changed = false
  while (i < argv.length) {
    const a = argv[i]!
    if (a.startsWith('+') && a.length > 1) i++
    else if (GLOBAL_VALUE.has(a)) {
      if (a === '-C' && argv[i + 1] !== undefined && !argv[i + 1]!.includes('$')) cwd = joinPath(cwd, argv[i + 1]!) ?? cwd
      i += 2
    } else if (a.startsWith('-') && a.length > 1) i++
    else break
    changed = true
  }
  let sub = argv[i]
  if (sub === undefined) return false
  const rest = argv.slice(i + 1)
  const here: Site = cwd === site.cwd ? site : { ...site, cwd }
  if (BUILTIN_ALIASES[sub] !== undefined) {
    sub = BUILTIN_ALIASES[sub]!
    changed = true
  }
  if (tool === 'cargo') {
    if (sub === 'make') return resolveCargoMake(ctx, rest, here)
    if (sub === 'hack') return again(ctx, ['cargo', ...stripHack(rest)], here)
    const xtask = xtaskArgs(sub, rest)
    if (xtask) {
      emit(ctx, ['cargo', 'xtask', ...xtask], here, { opaque: XTASK_OPAQUE })
      return true
    }
    if (!SUBCOMMANDS.has(sub) && expandAlias(ctx, sub, rest, here)) return true
  }
  if (!changed) return false
  return again(ctx, [tool, sub, ...rest], here)
}

/** Dispatches the normalised command again (its subcommand first now), or emits it past the depth cap. */
function again(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const base = enter(site, `cargo:${argv.join(' ')}`)
  if (base === undefined) {
    emit(ctx, argv, site)
    return true
  }
  dispatch(ctx, argv, { ...site, ...base, cwd: site.cwd })
  return true
}

/** The task words of an xtask: `xtask <task…>` or `run … --package xtask -- <task…>`, else undefined. */
function xtaskArgs(sub: string, rest: readonly string[]): readonly string[] | undefined {
  if (sub === 'xtask') return rest
  if (sub !== 'run') return undefined
  const dash = rest.indexOf('--')
  const opts = dash < 0 ? rest : rest.slice(0, dash)
  const named = opts.some((a, k) => ((a === '-p' || a === '--package' || a === '--bin') && opts[k + 1] === 'xtask') || a === '--package=xtask' || a === '-pxtask' || a === '--bin=xtask' || (a === '--manifest-path' && /(^|\/)xtask\/Cargo\.toml$/.test(opts[k + 1] ?? '')))
  return named ? (dash < 0 ? [] : rest.slice(dash + 1)) : undefined
}

function stripHack(args: readonly string[]): string[] {
  const out: string[] = []
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!
    const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a
    if (HACK_FLAGS.has(name)) continue
    if (HACK_VALUE.has(a)) k++
    else if (!HACK_VALUE.has(name)) out.push(a)
  }
  // Options may come before the subcommand (`cargo hack --workspace check`): cargo's own parsing takes them anywhere.
  const at = out.findIndex((a) => !a.startsWith('-'))
  return at <= 0 ? out : [out[at]!, ...out.slice(0, at), ...out.slice(at + 1)]
}

const CONFIG_FILES = ['.cargo/config.toml', '.cargo/config']

/** `[alias]` of the nearest cargo configuration defining `name`, expanded and dispatched; false when none does. */
function expandAlias(ctx: Ctx, name: string, rest: readonly string[], site: Site): boolean {
  for (let dir: string | undefined = site.cwd; dir !== undefined; dir = dir === '' ? undefined : dirname(dir)) {
    for (const f of CONFIG_FILES) {
      const path = joinPath(dir, f)
      if (path === undefined || !ctx.snapshot.has(path)) continue
      const toml = readToml(ctx, path)
      const alias = toml?.doc['alias']
      const value = typeof alias === 'object' && alias !== null && !Array.isArray(alias) ? (alias as Record<string, unknown>)[name] : undefined
      const words = typeof value === 'string' ? value.trim().split(/\s+/).filter(Boolean) : Array.isArray(value) ? value.filter((w): w is string => typeof w === 'string') : undefined
      if (words === undefined || words.length === 0) continue
      const base = enter(site, `cargo-alias:${path}#${name}`)
      if (base === undefined) return false
      const text = `${name} = ${shellJoin(words)}`
      dispatch(ctx, ['cargo', ...words, ...rest], { ...base, chain: [...base.chain, link(path, tomlKeyLine(toml!.text, 'alias', name), text)], text: site.text, cwd: site.cwd })
      return true
    }
  }
  return false
}

// ---- cargo-make ----------------------------------------------------------------------------------

type Table = Record<string, unknown>
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * cargo-make's built-in tasks (its default makefile) that CI calls without defining them. `ci-flow`
 * runs the format and clippy steps only when `CARGO_MAKE_RUN_CHECK_FORMAT`/`CARGO_MAKE_RUN_CLIPPY`
 * are set, so by default it builds and tests; `default` is the development flow, which formats
 * (a fixer), builds and tests.
 */
const MAKE_BUILTINS: Readonly<Record<string, { readonly argv?: readonly string[]; readonly deps?: readonly string[] }>> = {
  default: { deps: ['dev-test-flow'] },
  'dev-test-flow': { deps: ['format', 'build', 'test'] },
  'ci-flow': { deps: ['build', 'test'] },
  'workspace-ci-flow': { deps: ['build', 'test'] },
  'test-flow': { deps: ['test'] },
  build: { argv: ['cargo', 'build'] },
  'build-release': { argv: ['cargo', 'build', '--release'] },
  check: { argv: ['cargo', 'check'] },
  test: { argv: ['cargo', 'test'] },
  clippy: { argv: ['cargo', 'clippy'] },
  format: { argv: ['cargo', 'fmt'] },
  'check-format': { argv: ['cargo', 'fmt', '--', '--check'] },
  docs: { argv: ['cargo', 'doc', '--no-deps'] }
}
const MAKE_VALUE = new Set(['--makefile', '-t', '--task', '-p', '--profile', '-e', '--env', '--cwd', '-l', '--loglevel', '--skip-tasks', '--env-file', '--output-format', '--output-file'])
const MAKE_EXITS = new Set(['--list-all-steps', '--list-category-steps', '--print-steps', '--help', '-h', '--version', '-V', '--diff-steps'])

function resolveCargoMake(ctx: Ctx, args: readonly string[], site: Site): boolean {
  let file: string | undefined
  let cwd = site.cwd
  let task: string | undefined
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!
    if (MAKE_EXITS.has(a)) return false
    if (a === '--makefile') file = args[++k]
    else if (a === '-t' || a === '--task') task = args[++k]
    else if (a === '--cwd') cwd = joinPath(site.cwd, args[++k] ?? '') ?? cwd
    else if (MAKE_VALUE.has(a)) k++
    else if (!a.startsWith('-') && task === undefined) task = a
    else if (!a.startsWith('-')) break
  }
  const path = file !== undefined ? joinPath(cwd, file) : joinPath(cwd, 'Makefile.toml')
  const toml = path !== undefined && ctx.snapshot.has(path) ? readToml(ctx, path) : undefined
  const tasks = toml && isTable(toml.doc['tasks']) ? toml.doc['tasks'] : {}
  const m: MakeFile = { path: path ?? 'Makefile.toml', text: toml?.text ?? '', tasks, cwd }
  runMakeTask(ctx, m, task ?? 'default', site, new Set())
  return true
}

interface MakeFile {
  readonly path: string
  readonly text: string
  readonly tasks: Table
  readonly cwd: string
}

/** 1-based line where a task's script text starts: the `script =` line, or the next one for a multi-line value. */
function scriptLine(text: string, header: number | undefined): number | undefined {
  const at = header === undefined ? undefined : lineOf(text, 'script', header)
  if (at === undefined) return undefined
  const l = (text.split('\n')[at - 1] ?? '').trimEnd()
  return /('''|"""|\[)$/.test(l) ? at + 1 : at
}

/** The names a `dependencies`/`run_task` value lists (strings, `{ name = … }` tables, lists of either). */
function taskNames(v: unknown): string[] {
  if (typeof v === 'string') return [v]
  if (Array.isArray(v)) return v.flatMap(taskNames)
  if (isTable(v)) return taskNames(v['name'])
  return []
}

function runMakeTask(ctx: Ctx, m: MakeFile, name: string, site: Site, done: Set<string>): void {
  if (done.has(name) || ctx.full()) return
  done.add(name)
  const task = m.tasks[name]
  if (!isTable(task)) {
    const builtin = MAKE_BUILTINS[name]
    if (builtin === undefined) return emit(ctx, ['cargo', 'make', name], site)
    for (const d of builtin.deps ?? []) runMakeTask(ctx, m, d, site, done)
    if (builtin.argv) emit(ctx, builtin.argv, site, { link: link(m.path, undefined, `cargo-make built-in task ${name}: ${builtin.argv.join(' ')}`) })
    return
  }
  if (task['disabled'] === true) return
  const base = enter(site, `cargo-make:${m.path}#${name}`)
  if (base === undefined) return
  const line = tomlKeyLine(m.text, 'tasks', name)
  const next: Site = { ...site, ...base, chain: [...base.chain, link(m.path, line, `[tasks.${name}]`)], cwd: typeof task['cwd'] === 'string' ? (joinPath(m.cwd, task['cwd']) ?? m.cwd) : m.cwd }
  const redirect = taskNames(task['alias'] ?? task['extend'])
  for (const d of taskNames(task['dependencies'])) runMakeTask(ctx, m, d, next, done)
  for (const r of redirect) runMakeTask(ctx, m, r, next, done)
  const neutralised = task['ignore_errors'] === true || task['force'] === true ? 'cargo-make ignore_errors' : null
  const runner = typeof task['script_runner'] === 'string' ? task['script_runner'] : '@shell'
  if (typeof task['command'] === 'string') {
    const words = [task['command'], ...(Array.isArray(task['args']) ? task['args'].filter((a): a is string => typeof a === 'string') : [])]
    dispatch(ctx, words, { ...next, text: shellJoin(words), neutralised: next.neutralised ?? neutralised })
  } else if (task['script'] !== undefined) {
    const script = task['script']
    const text = typeof script === 'string' ? script : Array.isArray(script) ? script.filter((s): s is string => typeof s === 'string').join('\n') : undefined
    if (text === undefined) return
    if (runner !== '@shell' && !/^(ba|z|da)?sh$/.test(runner)) emit(ctx, ['cargo', 'make', name], next, { opaque: `a ${runner} script in ${m.path}, which Shipshape does not read` })
    else runScript(ctx, text, { path: m.path, line: scriptLine(m.text, line), cwd: next.cwd }, next, { neutralised })
  }
  for (const r of taskNames(task['run_task'])) runMakeTask(ctx, m, r, next, done)
}
