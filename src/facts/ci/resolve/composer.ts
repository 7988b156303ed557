import { dirname, joinPath } from '../../paths.js'
import { dispatch, emit, enter, lineOf, nearest, runScript, shellJoin, type Ctx, type Site } from './engine.js'
import { memoKey } from '../../run-memo.js'

const COMPOSER_FILES = memoKey<ComposerFile | undefined>('composer')

/**
 * Composer scripts (`composer.json` `scripts`), run by `composer NAME`, `composer run-script NAME`
 * or `composer run NAME`, with `-- args` appended, followed the way Composer runs them:
 *
 * - a script is one command or an array of commands, run in order;
 * - `@other` runs script `other` (words after it are passed on as its arguments), `@php` is the
 *   PHP binary, `@composer` Composer itself, `@putenv X=1` only sets a variable;
 * - extra arguments go at the end of every command of the script, or where `@additional_args`
 *   stands;
 * - `Vendor\Class::method` entries are PHP callbacks run inside Composer: nothing to follow (they
 *   are install hooks such as Laravel's `postAutoloadDump`);
 * - commands run with the `vendor/bin` directory on the PATH, so `phpunit` is `vendor/bin/phpunit`.
 *
 * Traps: Composer's own commands (`install`, `validate`, `audit`, `normalize`, …) are never scripts
 * (a script cannot shadow them), so they are left for the catalogues; `composer exec` is a wrapper
 * (wrappers.ts); options may come before or after the command (`composer -d api test`).
 */

export interface ComposerFile {
  readonly path: string
  readonly dir: string
  readonly text: string
  /** Script name → its commands (a string script is a one-entry list). */
  readonly scripts: ReadonlyMap<string, readonly string[]>
}

/** Composer's built-in commands and their aliases, plus common plugin commands: never a script. */
const BUILTINS = new Set([
  'about', 'archive', 'audit', 'browse', 'home', 'bump', 'check-platform-reqs', 'clear-cache', 'clearcache', 'cc', 'config', 'create-project',
  'depends', 'why', 'diagnose', 'dump-autoload', 'dumpautoload', 'exec', 'fund', 'global', 'help', 'init', 'install', 'i', 'licenses', 'list',
  'outdated', 'prohibits', 'why-not', 'reinstall', 'remove', 'rm', 'require', 'r', 'search', 'self-update', 'selfupdate', 'show', 'info',
  'status', 'suggests', 'update', 'u', 'upgrade', 'validate', 'normalize', 'bin', 'repo', 'repository'
])

/** Options that take the next word as their value (Composer's global options). */
const VALUE_OPTS = new Set(['-d', '--working-dir', '--timeout'])

/** Entries that are PHP callbacks, not shell commands: `Foo\Bar::baz`, `MyScripts::run`. */
const CALLBACK = /^\\?[A-Za-z_][\w\\]*::[A-Za-z_]\w*$/

/** Longest list of commands read per script. */
const MAX_ENTRIES = 200

export function readComposer(ctx: Ctx, path: string): ComposerFile | undefined {
  return ctx.memo.get(COMPOSER_FILES, path, () => {
    const text = ctx.snapshot.text(path)
    if (text === undefined) return undefined
    let json: unknown
    try {
      json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
    } catch {
      return undefined
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined
    const raw = (json as Record<string, unknown>)['scripts']
    const scripts = new Map<string, string[]>()
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [name, body] of Object.entries(raw as Record<string, unknown>)) {
        const entries = typeof body === 'string' ? [body] : Array.isArray(body) ? body.filter((b): b is string => typeof b === 'string').slice(0, MAX_ENTRIES) : []
        if (entries.length > 0) scripts.set(name, entries)
      }
    }
    return { path, dir: dirname(path), text, scripts }
  })
}

/** The composer.json at `dir` or, as Composer does when there is none, in the nearest directory above. */
function nearestComposer(ctx: Ctx, dir: string): ComposerFile | undefined {
  return nearest(dir, 'composer.json', (path) => readComposer(ctx, path))
}

/** 1-based line of entry `k` of script `name` (the key's line for a one-line script). */
function entryLine(c: ComposerFile, name: string, entry: string, k: number): number | undefined {
  const scripts = lineOf(c.text, '"scripts"') ?? 1
  const key = lineOf(c.text, `${JSON.stringify(name)}`, scripts)
  if (key === undefined) return undefined
  // An entry is found by its JSON text after the key; the k-th repeat of the same text is not told apart.
  return lineOf(c.text, JSON.stringify(entry).slice(1, -1), key) ?? key + k
}

/** `composer [options] NAME [args] [-- args]`, `composer run-script|run NAME …`. */
export function resolveComposer(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const tool = argv[0]!.toLowerCase().replace(/\.(phar|bat)$/, '')
  if (tool !== 'composer') return false
  let dir = site.cwd
  const words: string[] = []
  let extra: string[] = []
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') {
      extra = argv.slice(i + 1)
      break
    }
    if (a.startsWith('--working-dir=')) dir = joinPath(site.cwd, a.slice(14)) ?? dir
    else if (a === '-d' || a === '--working-dir') dir = joinPath(site.cwd, argv[++i] ?? '') ?? dir
    else if (a.startsWith('-d') && a.length > 2 && !a.startsWith('--')) dir = joinPath(site.cwd, a.slice(2)) ?? dir
    else if (VALUE_OPTS.has(a)) i++
    else if (a.startsWith('-')) continue
    else words.push(a)
  }
  let name = words[0]
  let args = words.slice(1)
  if (name === 'run-script' || name === 'run') {
    name = words[1]
    args = words.slice(2)
  } else if (name !== undefined && BUILTINS.has(name)) return false
  if (name === undefined || name.includes('$')) return false
  const file = nearestComposer(ctx, dir)
  if (file === undefined || !file.scripts.has(name)) return false
  runComposerScript(ctx, file, name, [...args, ...extra], site)
  return true
}

function runComposerScript(ctx: Ctx, file: ComposerFile, name: string, args: readonly string[], site: Site): void {
  const base = enter(site, `composer:${file.path}#${name}`)
  if (base === undefined) return emit(ctx, ['composer', name, ...args], site)
  const entries = file.scripts.get(name) ?? []
  entries.forEach((entry, k) => {
    // `@a` → 200 × `@b` → 200 × `@c` …: every entry is work, so a reference bomb stops at the budget.
    if (ctx.full()) return
    ctx.work++
    const t = entry.trim()
    if (t === '' || CALLBACK.test(t)) return
    const line = entryLine(file, name, entry, k)
    if (t.startsWith('@') && !t.startsWith('@php') && !t.startsWith('@composer') && !t.startsWith('@putenv') && !t.startsWith('@additional_args')) {
      // `@other a b`: script `other` with `a b` and this script's own arguments.
      const [ref, ...refArgs] = t.slice(1).split(/\s+/)
      const next: Site = { ...site, ...base, chain: [...base.chain, { path: file.path, ...(line !== undefined ? { line } : {}), text: t }], text: t, cwd: file.dir }
      if (ref !== undefined && file.scripts.has(ref)) runComposerScript(ctx, file, ref, [...refArgs, ...args], next)
      else if (ref !== undefined) dispatch(ctx, ['composer', ref, ...refArgs, ...args], next)
      return
    }
    if (t.startsWith('@putenv')) return
    let command = t.replace(/^@php\b/, 'php').replace(/^@composer\b/, 'composer')
    if (command.includes('@additional_args')) command = command.replace('@additional_args', shellJoin(args))
    else if (args.length > 0) command = `${command} ${shellJoin(args)}`
    runScript(ctx, command, { path: file.path, line, cwd: file.dir }, base)
  })
}
