import { parse as parseToml } from 'smol-toml'
import { parseIni, type IniLine, type IniSections } from '../../parse/ini.js'
import { joinPath } from '../../paths.js'
import { dispatch, emit, enter, lineOf, link, positionals, runScript, shortText, type Ctx, type Site } from './engine.js'
import { stringLiterals } from './scripts.js'
import { memoKey } from '../../run-memo.js'

const NOX_FILES = memoKey<ReturnType<typeof loadNox>>('nox')

/**
 * tox (`tox.ini`, or `[tool.tox]` in pyproject: `legacy_tox_ini` or native tables) and nox
 * (`noxfile.py` sessions read line by line: `session.run("ruff", "check", …)`; nothing executed).
 */

type ToxLine = IniLine

interface ToxConfig {
  readonly path: string
  readonly envlist: string[]
  /** env name ('' = base [testenv]) → commands. */
  readonly commands: Map<string, ToxLine[]>
  /**
   * tox-gh-actions: the environments its `[gh-actions] python =` mapping selects (every Python
   * version's, a superset of any one job's), which a bare `tox` runs on GitHub Actions instead of
   * the envlist.
   */
  readonly ghActions?: string[]
}

function loadTox(ctx: Ctx, dir: string, file?: string): ToxConfig | undefined {
  const iniPath = joinPath(dir, file ?? 'tox.ini')
  const ini = iniPath !== undefined ? ctx.snapshot.text(iniPath) : undefined
  if (iniPath !== undefined && ini !== undefined) return fromIni(iniPath, parseIni(ini, 0))
  const pyPath = joinPath(dir, 'pyproject.toml')!
  const py = ctx.snapshot.text(pyPath)
  if (py === undefined || !py.includes('[tool.tox')) return undefined
  let doc: Record<string, unknown>
  try {
    doc = parseToml(py) as Record<string, unknown>
  } catch {
    return undefined
  }
  const tox = ((doc['tool'] as Record<string, unknown> | undefined)?.['tox'] ?? {}) as Record<string, unknown>
  if (typeof tox['legacy_tox_ini'] === 'string') {
    const at = lineOf(py, 'legacy_tox_ini') ?? 1
    return fromIni(pyPath, parseIni(tox['legacy_tox_ini'], at))
  }
  // Native TOML: env_run_base / env.<name>, commands = [["pytest", …], …].
  const commands = new Map<string, ToxLine[]>()
  const cmds = (table: unknown, header: string): ToxLine[] => {
    const c = (table as Record<string, unknown> | undefined)?.['commands']
    const line = lineOf(py, header) ?? 1
    if (!Array.isArray(c)) return []
    return c.filter(Array.isArray).map((argv: unknown[]) => ({ text: argv.map((a) => (typeof a === 'string' ? quote(a) : '')).join(' '), line }))
  }
  commands.set('', cmds(tox['env_run_base'], '[tool.tox.env_run_base]'))
  const envs = (tox['env'] ?? {}) as Record<string, unknown>
  for (const [name, t] of Object.entries(envs)) commands.set(name, cmds(t, `[tool.tox.env.${name}]`))
  const envlist = Array.isArray(tox['env_list']) ? tox['env_list'].filter((x): x is string => typeof x === 'string') : []
  return { path: pyPath, envlist, commands }
}

function quote(a: string): string {
  return /^[A-Za-z0-9_@%+=:,./{}-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`
}

function fromIni(path: string, sections: IniSections): ToxConfig {
  const commands = new Map<string, ToxLine[]>()
  for (const [name, sec] of sections) {
    const env = name === 'testenv' ? '' : name.startsWith('testenv:') ? name.slice(8) : undefined
    if (env === undefined) continue
    const c = [...(sec.get('commands_pre') ?? []), ...(sec.get('commands') ?? [])]
    if (sec.has('commands') || sec.has('commands_pre')) commands.set(env, c)
  }
  const toxSec = sections.get('tox')
  const list = (toxSec?.get('env_list') ?? toxSec?.get('envlist') ?? []).flatMap((l) => l.text.split(/[,\s]+/))
  const mapping = sections.get('gh-actions')?.get('python')
  const ghActions = mapping
    ? [...new Set(mapping.flatMap((l) => (l.text.includes(':') ? l.text.slice(l.text.indexOf(':') + 1) : '').split(/[,\s]+/)).flatMap(expandFactors).filter((e) => e !== ''))]
    : undefined
  return { path, envlist: list.flatMap(expandFactors).filter((e) => e !== ''), commands, ...(ghActions && ghActions.length > 0 ? { ghActions } : {}) }
}

/** `py{311,312}-django{4,5}` → every combination (bounded). */
function expandFactors(env: string): string[] {
  const m = /^([^{]*)\{([^}]*)\}(.*)$/.exec(env)
  if (!m) return [env]
  const out: string[] = []
  for (const alt of m[2]!.split(',')) for (const rest of expandFactors(m[3]!)) if (out.length < 64) out.push(m[1]! + alt.trim() + rest)
  return out
}

/** The tox environments of `dir` that declare commands (the base `[testenv]` left out), with the file they are in. */
export function toxEnvs(ctx: Ctx, dir: string): { path: string; names: string[] } | undefined {
  const cfg = loadTox(ctx, dir)
  return cfg === undefined ? undefined : { path: cfg.path, names: [...cfg.commands.keys()].filter((n) => n !== '') }
}

/** The nox sessions of a noxfile. */
export function noxSessions(ctx: Ctx, path: string): string[] {
  return (ctx.memo.get(NOX_FILES, path, () => loadNox(ctx, path))?.sessions ?? []).map((s) => s.name)
}

export function resolveTox(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  if (argv[0]!.toLowerCase() !== 'tox') return false
  const p = positionals(argv.slice(1), new Set(['-e', '-c', '--conf', '-p', '--parallel', '-f', '-m', '--root', '--workdir']))
  if (p.pos.some((x) => ['list', 'l', 'config', 'c', 'quickstart', 'q', 'devenv', 'd', 'depends', 'de', 'legacy', 'le', 'schema'].includes(x))) return false
  const conf = p.opts.get('-c') ?? p.opts.get('--conf')
  const cfg = loadTox(ctx, site.cwd, conf)
  if (cfg === undefined) return false
  const envOpt = p.opts.get('-e')
  // On GitHub Actions a bare `tox` with tox-gh-actions configured runs the mapped environments.
  const onGitHub = site.chain[0]?.path.startsWith('.github/') === true
  const envs = envOpt !== undefined && envOpt !== 'ALL' ? envOpt.split(',').flatMap(expandFactors) : envOpt === undefined && onGitHub && cfg.ghActions ? cfg.ghActions : cfg.envlist.length > 0 ? cfg.envlist : ['py']
  const base = enter(site, `tox:${cfg.path}`)
  if (base === undefined) return false
  for (const env of envs) {
    const lines = cfg.commands.get(env) ?? cfg.commands.get('') ?? []
    const factors = env.split('-')
    for (const l of lines) {
      let text = l.text
      const f = /^([A-Za-z0-9_.!,-]+):\s+(.*)$/.exec(text)
      if (f) {
        const ok = f[1]!.split(',').some((cond) => cond.split('-').every((x) => (x.startsWith('!') ? !factors.includes(x.slice(1)) : factors.includes(x))))
        if (!ok) continue
        text = f[2]!
      }
      text = text
        .replace(/\{posargs:([^}]*)\}/g, '$1')
        .replace(/\{posargs\}/g, '')
        .replace(/\[\]/g, '')
        .replace(/\{(toxinidir|tox_root)\}\/?/g, './')
        .replace(/\{env(bin)?(dir|python)\}\/?/g, (_m, _b, kind) => (kind === 'python' ? 'python' : ''))
      let ignore = false
      if (text.startsWith('- ') || text.startsWith('-')) {
        ignore = true
        text = text.replace(/^-\s*/, '')
      }
      runScript(ctx, text, { path: cfg.path, line: l.line, cwd: site.cwd }, base, ignore ? { neutralised: "tox '-' prefix" } : {})
    }
  }
  return true
}

// ---- nox -------------------------------------------------------------------------------------

interface NoxSession {
  readonly name: string
  readonly runs: { argv: string[]; line: number }[]
}

function loadNox(ctx: Ctx, path: string): { sessions: NoxSession[]; defaults: string[] } | undefined {
  const text = ctx.snapshot.text(path)
  if (text === undefined) return undefined
  const lines = text.split('\n')
  const sessions: NoxSession[] = []
  let defaults: string[] = []
  let pendingName: string | undefined
  let decorated = false
  let current: NoxSession | undefined
  let bodyIndent = -1
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!
    const indent = raw.length - raw.trimStart().length
    const t = raw.trim()
    if (t === '' || t.startsWith('#')) continue
    if (current && bodyIndent >= 0 && indent < bodyIndent) current = undefined
    if (/^nox\.options\.sessions\s*=/.test(t)) defaults = stringLiterals(t.slice(t.indexOf('=') + 1))
    if (/^@(nox\.)?session\b/.test(t)) {
      decorated = true
      const n = /name\s*=\s*["']([^"']+)["']/.exec(t)
      pendingName = n ? n[1] : undefined
      continue
    }
    const def = /^def\s+([A-Za-z0-9_]+)\s*\(/.exec(t)
    if (def) {
      if (decorated) {
        current = { name: pendingName ?? def[1]!, runs: [] }
        sessions.push(current)
        bodyIndent = indent + 1
      } else current = undefined
      decorated = false
      pendingName = undefined
      continue
    }
    if (!current) continue
    const run = /\bsession\.(run|run_always)\s*\(/.exec(t)
    if (!run) continue
    // Join continuation lines until the call's parentheses balance (bounded).
    let call = t.slice(run.index + run[0].length)
    let depth = 1 + countChar(call, '(') - countChar(call, ')')
    for (let k = 1; depth > 0 && k < 30 && i + k < lines.length; k++) {
      const more = lines[i + k]!.trim()
      call += ' ' + more
      depth += countChar(more, '(') - countChar(more, ')')
    }
    const args = stringLiterals(call.split(/\b[a-z_]+\s*=/)[0] ?? call)
    if (args.length > 0) current.runs.push({ argv: args, line: i + 1 })
  }
  return { sessions, defaults }
}

function countChar(s: string, c: string): number {
  let n = 0
  for (const x of s) if (x === c) n++
  return n
}

export function resolveNox(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  if (argv[0]!.toLowerCase() !== 'nox') return false
  const valueOpts = new Set(['-f', '--noxfile', '-k', '--keywords', '-t', '--tags', '-p', '--python', '--pythons', '-e', '--envdir'])
  const names: string[] = []
  let file = 'noxfile.py'
  let listing = false
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') break
    if (a === '-s' || a === '--session' || a === '--sessions' || a === '-e') {
      while (i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) names.push(argv[++i]!)
    } else if (a.startsWith('--session=') || a.startsWith('--sessions=')) names.push(...a.slice(a.indexOf('=') + 1).split(','))
    else if (a === '-f' || a === '--noxfile') file = argv[++i] ?? file
    else if (a === '-l' || a === '--list') listing = true
    else if (valueOpts.has(a)) i++
  }
  if (listing) return false
  const path = joinPath(site.cwd, file)
  const nox = path !== undefined ? ctx.memo.get(NOX_FILES, path, () => loadNox(ctx, path)) : undefined
  if (path === undefined || nox === undefined) return false
  const base = enter(site, `nox:${path}`)
  if (base === undefined) return false
  const wanted = names.length > 0 ? names : nox.defaults
  const chosen = wanted.length > 0 ? nox.sessions.filter((s) => wanted.some((w) => w === s.name || w.startsWith(s.name + '-') || w.startsWith(s.name + '('))) : nox.sessions
  if (chosen.length === 0) {
    emit(ctx, argv, site)
    return true
  }
  for (const s of chosen) {
    for (const r of s.runs) {
      const text = shortText(r.argv.join(' '))
      dispatch(ctx, r.argv, { ...base, chain: [...base.chain, link(path, r.line, text)], text, cwd: site.cwd })
    }
  }
  return true
}
