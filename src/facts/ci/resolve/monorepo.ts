import { filesWhere } from '../../recording-snapshot.js'
import { dirname } from '../../paths.js'
import { emit, enter, lineOf, link, positionals, runScript, type Ctx, type Site } from './engine.js'
import { readPkg, runPkgScript, workspacePkgs, type Pkg } from './node.js'
import { memoKey } from '../../run-memo.js'

const MONOREPO_PROJECTS = memoKey<Project[]>('monorepo')

/**
 * Monorepo task runners: `turbo run lint test`, `nx run-many -t lint`, `nx affected -t test`,
 * `nx run app:lint`, `lerna run test` → the scripts (or nx project.json targets) of that name in
 * every workspace package. Filters (`--filter`, `--scope`, `--projects`) are best effort.
 */

/** nx executors whose tool is known. */
const NX_EXECUTORS: Readonly<Record<string, readonly string[]>> = {
  '@nx/eslint:lint': ['eslint'],
  '@nx/linter:eslint': ['eslint'],
  '@nrwl/linter:eslint': ['eslint'],
  '@nx/jest:jest': ['jest'],
  '@nrwl/jest:jest': ['jest'],
  '@nx/vite:test': ['vitest', 'run'],
  '@nx/vitest:test': ['vitest', 'run'],
  '@nx/js:tsc': ['tsc'],
  '@nrwl/js:tsc': ['tsc'],
  '@nx/playwright:playwright': ['playwright', 'test'],
  '@nx/cypress:cypress': ['cypress', 'run'],
  // nx-container builds the project's image with Docker buildx.
  '@nx-tools/nx-container:build': ['docker', 'buildx', 'build'],
  '@nx-tools/nx-docker:build': ['docker', 'buildx', 'build']
}

const TURBO_OPTS = new Set(['--filter', '-F', '--concurrency', '--cache-dir', '--graph', '--output-logs', '--log-order', '--cache', '--env-mode', '--scope'])
const NX_OPTS = new Set(['-t', '--target', '--targets', '-p', '--projects', '--exclude', '--base', '--head', '--parallel', '-c', '--configuration', '--output-style'])
const LERNA_OPTS = new Set(['--scope', '--ignore', '--concurrency', '--since'])

export function resolveMonorepo(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const tool = argv[0]!.toLowerCase()
  if (tool === 'turbo') {
    const p = positionals(argv.slice(1), TURBO_OPTS)
    const tasks = p.pos[0] === 'run' ? p.pos.slice(1) : p.pos
    if (tasks.length === 0 || ['prune', 'login', 'link', 'gen', 'daemon', 'ls'].includes(tasks[0]!)) return false
    for (const t of tasks) runTask(ctx, t, site, tool)
    return true
  }
  if (tool === 'lerna') {
    const p = positionals(argv.slice(1), LERNA_OPTS)
    if (p.pos[0] !== 'run' || p.pos[1] === undefined) return false
    runTask(ctx, p.pos[1], site, tool)
    return true
  }
  if (tool === 'nx') {
    const p = positionals(argv.slice(1), NX_OPTS)
    const targetsOpt = p.opts.get('-t') ?? p.opts.get('--target') ?? p.opts.get('--targets')
    const sub = p.pos[0]
    let targets: string[] = []
    let project: string | undefined
    // `nx format:check` is Prettier's check over the workspace.
    if (sub === 'format:check') {
      emit(ctx, ['prettier', '--check', '.'], site, { synthetic: true })
      return true
    }
    // `nx $NX_AFFECTED_OR_ALL --target=lint`: the subcommand comes from a variable (affected or
    // run-many); with targets given, either runs them across the projects.
    if (sub === 'run-many' || sub === 'affected' || (sub?.startsWith('$') && targetsOpt !== undefined)) {
      targets = [...(targetsOpt ?? '').split(','), ...p.pos.slice(1)].filter((t) => t !== '')
    } else if (sub?.startsWith('affected:')) targets = [sub.slice(9)]
    else if (sub === 'run' && p.pos[1]?.includes(':')) {
      const [proj, target] = p.pos[1].split(':')
      project = proj
      targets = [target!]
    } else if (sub !== undefined && sub.includes(':') && isProject(ctx, sub.slice(0, sub.indexOf(':')))) {
      project = sub.slice(0, sub.indexOf(':'))
      targets = [sub.slice(sub.indexOf(':') + 1)]
    } else if (sub !== undefined) {
      // `nx build web`, and a target whose name has a colon (`nx package:container web`).
      targets = [sub]
      project = p.pos[1]
    }
    // A project named by an expression (`${{ matrix.project }}`) may be any of them.
    if (project?.includes('$')) project = undefined
    if (targets.length === 0) return false
    for (const t of targets) runTask(ctx, t, site, tool, project)
    return true
  }
  return false
}

function runTask(ctx: Ctx, task: string, site: Site, tool: string, project?: string): void {
  let name = task
  let only: string | undefined = project
  const hash = task.indexOf('#')
  if (hash >= 0) {
    only = task.slice(0, hash)
    name = task.slice(hash + 1)
  }
  let found = false
  for (const proj of projects(ctx)) {
    if (only !== undefined && only !== '//' && proj.name !== only && !proj.dir.endsWith('/' + only) && proj.dir !== only) continue
    if (tool === 'nx' && proj.projectJson !== undefined && runNxTarget(ctx, proj, name, site)) {
      found = true
      continue
    }
    if (proj.pkg?.scripts[name] !== undefined) {
      runPkgScript(ctx, proj.pkg, name, [], site, false)
      found = true
    }
  }
  if (!found) {
    // The root package's script stands in only when no project was named (`nx build web` runs
    // web's target, never the root's `build` script).
    const root = only === undefined ? readPkg(ctx, 'package.json') : undefined
    if (root?.scripts[name] !== undefined) runPkgScript(ctx, root, name, [], site, false)
    else emit(ctx, [tool, 'run', task], site)
  }
}

function isProject(ctx: Ctx, name: string): boolean {
  return projects(ctx).some((p) => p.name === name || p.dir === name || p.dir.endsWith('/' + name))
}

interface Project {
  readonly dir: string
  readonly name?: string
  readonly pkg?: Pkg
  readonly projectJson?: { path: string; text: string; targets: Record<string, unknown> }
}

function projects(ctx: Ctx): Project[] {
  return ctx.memo.get(MONOREPO_PROJECTS, '', () => {
    const byDir = new Map<string, Project>()
    for (const pkg of workspacePkgs(ctx)) byDir.set(pkg.dir, { dir: pkg.dir, pkg, ...(pkg.name !== undefined ? { name: pkg.name } : {}) })
    for (const f of filesWhere(ctx.snapshot, (p) => (p === 'project.json' || p.endsWith('/project.json')) && !p.includes('node_modules/'))) {
      const text = ctx.snapshot.text(f)
      if (text === undefined) continue
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        continue
      }
      if (json === null || typeof json !== 'object') continue
      const j = json as Record<string, unknown>
      const targets = j['targets'] !== null && typeof j['targets'] === 'object' ? (j['targets'] as Record<string, unknown>) : {}
      const dir = dirname(f)
      const prev = byDir.get(dir)
      const name = typeof j['name'] === 'string' ? j['name'] : prev?.name
      byDir.set(dir, { ...prev, dir, ...(name !== undefined ? { name } : {}), projectJson: { path: f, text, targets } })
      if (byDir.size > 200) break
    }
    return [...byDir.values()]
  })
}

function runNxTarget(ctx: Ctx, proj: Project, target: string, site: Site): boolean {
  const pj = proj.projectJson!
  const t = pj.targets[target]
  if (t === null || typeof t !== 'object') return false
  const def = t as Record<string, unknown>
  const options = (def['options'] !== null && typeof def['options'] === 'object' ? def['options'] : {}) as Record<string, unknown>
  const line = lineOf(pj.text, JSON.stringify(target))
  const base = enter(site, `nx:${pj.path}#${target}`)
  if (base === undefined) return true
  const commands: string[] = []
  for (const c of [def['command'], options['command']]) if (typeof c === 'string') commands.push(c)
  if (Array.isArray(options['commands'])) {
    for (const c of options['commands']) {
      if (typeof c === 'string') commands.push(c)
      else if (c !== null && typeof c === 'object' && typeof (c as Record<string, unknown>)['command'] === 'string') commands.push((c as Record<string, string>)['command']!)
    }
  }
  const cwd = typeof options['cwd'] === 'string' ? options['cwd'] : proj.dir
  for (const c of commands) runScript(ctx, c, { path: pj.path, line, cwd }, base)
  if (commands.length > 0) return true
  const executor = typeof def['executor'] === 'string' ? def['executor'] : ''
  if (executor === 'nx:run-script' && typeof options['script'] === 'string' && proj.pkg !== undefined) {
    runPkgScript(ctx, proj.pkg, options['script'], [], site, false)
    return true
  }
  const argv = NX_EXECUTORS[executor]
  if (argv === undefined) return false
  emit(ctx, argv, { ...site, cwd: proj.dir }, { synthetic: true, link: link(pj.path, line, `${target}: ${executor}`), text: argv.join(' ') })
  return true
}
