import { filesWhere } from '../../recording-snapshot.js'
import { safeMinimatch as minimatch } from '../../safe-glob.js'
import { dirname, joinPath } from '../../paths.js'
import { dispatch, emit, enter, lineOf, nearest, positionals, runScript, shellJoin, type Ctx, type Site } from './engine.js'
import { memoKey } from '../../run-memo.js'

const PACKAGE_JSONS = memoKey<Pkg | undefined>('pkg')
const WORKSPACE_PACKAGES = memoKey<Pkg[]>('pkg-workspaces')

/**
 * package.json scripts run by npm, yarn, pnpm and bun (with `pre`/`post` hooks for npm and yarn,
 * `-- args` appended, workspaces), npm-run-all / run-s / run-p / concurrently, and the monorepo
 * runners turbo, nx and lerna (a task name → that script in every workspace package).
 */

export interface Pkg {
  readonly path: string
  readonly dir: string
  readonly name?: string
  readonly scripts: Readonly<Record<string, string>>
  readonly text: string
  readonly json: Record<string, unknown>
}

const MAX_PACKAGES = 60
const EXCLUDED = /(^|\/)(node_modules|vendor|dist|build|\.git|fixtures|testdata|examples)\//

export function readPkg(ctx: Ctx, path: string): Pkg | undefined {
  return ctx.memo.get(PACKAGE_JSONS, path, () => {
    const text = ctx.snapshot.text(path)
    if (text === undefined) return undefined
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return undefined
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined
    const j = json as Record<string, unknown>
    const scripts: Record<string, string> = {}
    const s = j['scripts']
    if (s !== null && typeof s === 'object' && !Array.isArray(s)) for (const [k, v] of Object.entries(s)) if (typeof v === 'string') scripts[k] = v
    const name = typeof j['name'] === 'string' ? j['name'] : undefined
    return { path, dir: dirname(path), scripts, text, json: j, ...(name !== undefined ? { name } : {}) }
  })
}

/** The nearest package.json at or above `dir` (npm's lookup). */
export function nearestPkg(ctx: Ctx, dir: string): Pkg | undefined {
  return nearest(dir, 'package.json', (path) => readPkg(ctx, path))
}

/** Workspace packages: every package.json except the root one and vendored trees. */
export function workspacePkgs(ctx: Ctx): Pkg[] {
  return ctx.memo.get(WORKSPACE_PACKAGES, '', () =>
    filesWhere(ctx.snapshot, (f) => f.endsWith('/package.json') && !EXCLUDED.test(f))
      .slice(0, MAX_PACKAGES)
      .flatMap((f) => readPkg(ctx, f) ?? [])
  )
}

export function scriptLine(pkg: Pkg, name: string): number | undefined {
  const from = lineOf(pkg.text, '"scripts"')
  return lineOf(pkg.text, JSON.stringify(name), from ?? 1)
}

/** `npm cit` / `npm install-test` and their aliases: install, then `npm test`. */
const INSTALL_AND_TEST = new Set(['cit', 'clean-install-test', 'install-clean-test', 'install-ci-test', 'sit', 'it', 'install-test'])

/** Runs script `name` of `pkg` (with pre/post hooks when `hooks`), `extra` words appended. */
export function runPkgScript(ctx: Ctx, pkg: Pkg, name: string, extra: readonly string[], site: Site, hooks: boolean): void {
  const base = enter(site, `npm:${pkg.path}#${name}`)
  if (base === undefined) return emit(ctx, ['npm', 'run', name], site)
  const one = (n: string, args: readonly string[]): void => {
    const body = pkg.scripts[n]
    if (body === undefined) return
    const text = args.length > 0 ? `${body} ${shellJoin(args)}` : body
    runScript(ctx, text, { path: pkg.path, line: scriptLine(pkg, n), cwd: pkg.dir }, base)
  }
  if (hooks) one('pre' + name, [])
  one(name, extra)
  if (hooks) one('post' + name, [])
}

const NPM_OPTS = new Set(['--prefix', '-w', '--workspace', '--script-shell', '--loglevel'])
const YARN_OPTS = new Set(['--cwd'])
const PNPM_OPTS = new Set(['-C', '--dir', '--filter', '-F', '--workspace-concurrency', '--reporter', '--loglevel', '--test-pattern', '--changed-files-ignore-pattern'])
const BUN_OPTS = new Set(['--cwd', '--filter', '-F'])
const BUILTINS: Readonly<Record<string, ReadonlySet<string>>> = {
  npm: new Set(['ci', 'install', 'i', 'audit', 'publish', 'pack', 'version', 'ls', 'outdated', 'config', 'cache', 'init', 'link', 'uninstall', 'update', 'view', 'whoami', 'login', 'prune', 'dedupe', 'doctor', 'fund', 'sbom', 'query', 'pkg', 'set', 'help']),
  yarn: new Set(['install', 'add', 'remove', 'upgrade', 'audit', 'publish', 'pack', 'version', 'cache', 'config', 'init', 'info', 'link', 'npm', 'set', 'plugin', 'dedupe', 'why', 'constraints', 'global', 'list', 'outdated', 'import', 'licenses', 'login', 'node', 'bin']),
  pnpm: new Set(['install', 'i', 'add', 'remove', 'rm', 'update', 'up', 'audit', 'publish', 'pack', 'store', 'fetch', 'link', 'list', 'ls', 'outdated', 'prune', 'rebuild', 'setup', 'env', 'config', 'deploy', 'licenses', 'patch', 'import', 'why', 'dedupe', 'approve-builds', 'install-test', 'it']),
  bun: new Set(['install', 'i', 'add', 'remove', 'rm', 'update', 'pm', 'build', 'test', 'upgrade', 'init', 'create', 'link', 'publish', 'outdated', 'audit'])
}

/** npm / yarn / pnpm / bun running a package.json script. */
export function resolveNodeScripts(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const tool = argv[0]!.toLowerCase().replace(/\.(cmd|exe)$/, '')
  if (tool !== 'npm' && tool !== 'yarn' && tool !== 'pnpm' && tool !== 'bun') return false
  const valueOpts = tool === 'npm' ? NPM_OPTS : tool === 'yarn' ? YARN_OPTS : tool === 'pnpm' ? PNPM_OPTS : BUN_OPTS
  // Options up to the subcommand; for yarn/pnpm/bun everything after the script name is its args.
  let i = 1
  const opts = new Map<string, string>()
  while (i < argv.length && argv[i]!.startsWith('-')) {
    const a = argv[i]!
    const eq = a.indexOf('=')
    if (eq > 0) opts.set(a.slice(0, eq), a.slice(eq + 1))
    else if (valueOpts.has(a)) opts.set(a, argv[++i] ?? '')
    else opts.set(a, '')
    i++
  }
  let sub = argv[i]
  let args = argv.slice(i + 1)
  if (sub === undefined) return false
  let dir = site.cwd
  const prefix = opts.get('--prefix') ?? opts.get('--cwd') ?? opts.get('-C') ?? opts.get('--dir')
  if (prefix !== undefined) dir = joinPath(site.cwd, prefix) ?? dir
  let workspaces = opts.has('-r') || opts.has('--recursive') || opts.has('--workspaces') || opts.has('-ws')
  const filters = [opts.get('--filter'), opts.get('-F'), opts.get('-w'), opts.get('--workspace')].filter((f): f is string => f !== undefined && f !== '')
  if (filters.length > 0) workspaces = true
  let name: string | undefined
  if (tool === 'yarn' && sub === 'workspaces' && args[0] === 'foreach') {
    workspaces = true
    const p = positionals(args.slice(1), new Set(['--include', '--exclude', '--from', '-j', '--jobs', '--since']))
    const k = p.pos[0] === 'run' ? 1 : 0
    sub = p.pos[k]
    args = p.pos.slice(k + 1)
    if (sub === undefined) return false
    name = sub
  } else if (tool === 'yarn' && sub === 'workspace') {
    const target = workspacePkgs(ctx).find((p) => p.name === args[0])
    if (target === undefined || args[1] === undefined) return false
    dir = target.dir
    sub = args[1] === 'run' ? args[2] : args[1]
    args = args.slice(args[1] === 'run' ? 3 : 2)
    if (sub === undefined) return false
  }
  let explicit = false
  if (name === undefined) {
    if (sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') {
      explicit = true
      const p = positionals(args, tool === 'npm' ? NPM_OPTS : valueOpts)
      name = p.pos[0]
      if (tool !== 'npm') {
        // `bun run --filter pkg lint`, `pnpm run --filter pkg lint`: options after `run`.
        for (const k of ['--filter', '-F']) {
          const v = p.opts.get(k)
          if (v !== undefined && v !== '') {
            workspaces = true
            filters.push(v)
          }
        }
      }
      if (tool === 'npm') {
        for (const [k, v] of p.opts) {
          if (k !== '--workspaces' && k !== '-ws' && k !== '-w' && k !== '--workspace') continue
          workspaces = true
          if (v !== '') filters.push(v)
        }
        if (p.opts.has('--if-present')) opts.set('--if-present', '')
        args = p.rest
      } else args = args.slice(args.indexOf(name ?? '') + 1)
    } else if (sub === 'test' || sub === 't' || sub === 'tst' || sub === 'start' || (tool === 'npm' && INSTALL_AND_TEST.has(sub))) {
      if (tool === 'bun' && sub === 'test') return false
      explicit = true
      name = sub === 'start' ? 'start' : 'test'
      if (tool === 'npm') {
        const p = positionals(args, NPM_OPTS)
        args = p.rest
        if (p.opts.has('--workspaces') || p.opts.has('-ws')) workspaces = true
      }
    } else if (BUILTINS[tool]!.has(sub)) return false
    else name = sub
  }
  if (name === undefined) return false
  const hooks = tool === 'npm' || tool === 'yarn'
  if (workspaces) {
    let pkgs = workspacePkgs(ctx)
    if (filters.length > 0) {
      const chosen = pkgs.filter((p) => filters.some((f) => matchesFilter(p, f)))
      if (chosen.length > 0) pkgs = chosen
    }
    const withScript = pkgs.filter((p) => matchScripts(p, name!).length > 0)
    for (const p of withScript) for (const n of matchScripts(p, name)) runPkgScript(ctx, p, n, args, site, hooks)
    if (withScript.length > 0) return true
  }
  const pkg = nearestPkg(ctx, dir)
  if (pkg !== undefined && pkg.scripts[name] !== undefined) {
    runPkgScript(ctx, pkg, name, args, site, hooks)
    return true
  }
  if (opts.has('--if-present')) return true
  // yarn/pnpm/bun `x` with no script x run the binary x.
  if (!explicit && tool !== 'npm') {
    dispatch(ctx, [name, ...args], site)
    return true
  }
  if (tool === 'bun' && explicit && name !== undefined && !name.includes('.')) {
    dispatch(ctx, [name, ...args], site)
    return true
  }
  return false
}

function matchesFilter(p: Pkg, f: string): boolean {
  const clean = f.replace(/\.\.\.$/, '').replace(/^\.\.\./, '').replace(/^\{(.*)\}$/, '$1')
  if (p.name === clean) return true
  if (clean.startsWith('./') || clean.includes('/')) return minimatch(p.dir, clean.replace(/^\.\//, '').replace(/\/$/, ''))
  return p.name !== undefined && clean.includes('*') && minimatch(p.name, clean)
}

/** Script names matching an npm-run-all pattern (`lint:*`, `test:**`), or the name itself. */
function matchScripts(p: Pkg, pattern: string): string[] {
  if (!pattern.includes('*')) return p.scripts[pattern] !== undefined ? [pattern] : []
  const pat = pattern.replace(/:/g, '/')
  return Object.keys(p.scripts).filter((n) => minimatch(n.replace(/:/g, '/'), pat))
}

const RUN_ALL = new Set(['npm-run-all', 'npm-run-all2', 'run-s', 'run-p'])
/** start-server-and-test and its short names: starts a server, waits for its URL, then runs the test script. */
const START_SERVER_AND_TEST = new Set(['start-server-and-test', 'server-test', 'start-test'])
const CONCURRENTLY_OPTS = new Set(['-n', '--names', '-c', '--prefix-colors', '-p', '--prefix', '-s', '--success', '--max-processes', '-m', '--restart-tries', '--restart-after', '-l', '--prefix-length', '-t', '--timestamp-format', '--default-input-target', '--handle-input', '--pad-prefix', '--kill-signal'])

/** npm-run-all / run-s / run-p patterns, start-server-and-test scripts and concurrently commands. */
export function resolveRunAll(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const tool = argv[0]!.toLowerCase()
  if (RUN_ALL.has(tool)) {
    const pkg = nearestPkg(ctx, site.cwd)
    if (pkg === undefined) return false
    const p = positionals(argv.slice(1), new Set(['--npm-path', '--max-parallel']))
    for (const pattern of p.pos) {
      const [name, ...args] = pattern.split(/\s+/)
      for (const n of matchScripts(pkg, name!)) runPkgScript(ctx, pkg, n, args.filter((a) => a !== '--'), site, true)
    }
    return true
  }
  if (START_SERVER_AND_TEST.has(tool)) {
    // `start-server-and-test <start> <url> [<start2> <url2> …] <test>`: each script is a package
    // script name or a quoted command; a bare port or URL alone means `start` … `test`.
    const p = positionals(argv.slice(1), new Set(['--expect']))
    const pos = p.pos.length === 1 ? ['start', p.pos[0]!, 'test'] : p.pos.length === 2 ? [...p.pos, 'test'] : p.pos
    const scripts = pos.filter((_, i) => i % 2 === 0 || i === pos.length - 1)
    const last = site.chain[site.chain.length - 1]
    for (const c of scripts) {
      if (!/\s/.test(c)) {
        const pkg = nearestPkg(ctx, site.cwd)
        if (pkg !== undefined) for (const n of matchScripts(pkg, c)) runPkgScript(ctx, pkg, n, [], site, true)
        continue
      }
      const base = enter(site, `start-server-and-test:${c}`)
      if (base !== undefined) runScript(ctx, c, { path: last?.path ?? '', line: last?.line, cwd: site.cwd }, { ...base, chain: site.chain.slice(0, -1) })
    }
    return true
  }
  if (tool === 'concurrently') {
    const p = positionals(argv.slice(1), CONCURRENTLY_OPTS)
    const last = site.chain[site.chain.length - 1]
    for (const c of p.pos) {
      const m = /^(npm|yarn|pnpm|bun):(.+)$/.exec(c)
      if (m) {
        const pkg = nearestPkg(ctx, site.cwd)
        if (pkg !== undefined) for (const n of matchScripts(pkg, m[2]!)) runPkgScript(ctx, pkg, n, [], site, m[1] === 'npm')
        continue
      }
      const base = enter(site, `concurrently:${c}`)
      if (base !== undefined) runScript(ctx, c, { path: last?.path ?? '', line: last?.line, cwd: site.cwd }, { ...base, chain: site.chain.slice(0, -1) })
    }
    return true
  }
  return false
}
