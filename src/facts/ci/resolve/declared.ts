import { filesWhere } from '../../recording-snapshot.js'
import { isExcluded, isVendored } from '../../excluded.js'
import { basename, dirname } from '../../paths.js'
import type { Snapshot } from '../../snapshot.js'
import { Ctx, dispatch, lineOf, link, type Resolver, type ResolvedCommand } from './engine.js'
import { makeTargets } from './make.js'
import { readPkg, scriptLine } from './node.js'
import { justRecipes } from './task-runners.js'
import { noxSessions, toxEnvs } from './tox-nox.js'

/**
 * What the repository's task runners declare, whether or not anything runs it: every Makefile
 * target, package.json script, tox environment, nox session and just recipe, resolved to the
 * commands it would run, as a developer typing `make lint` would. A type checker, linter or
 * scanner found only here is configured but not wired to CI. Each command's chain starts at the
 * declaration (`Makefile:12 make lint`).
 *
 * Bounded: at most MAX_FILES task files and MAX_ENTRIES entries, and the resolver's own caps on
 * commands and work.
 */

const MAX_FILES = 60
const MAX_ENTRIES = 400
const MAKE_FILES = new Set(['Makefile', 'makefile', 'GNUmakefile'])
const JUST_FILES = new Set(['justfile', 'Justfile', '.justfile', 'JUSTFILE'])

function taskFile(path: string): boolean {
  const name = basename(path)
  if (!(MAKE_FILES.has(name) || JUST_FILES.has(name) || name === 'package.json' || name === 'tox.ini' || name === 'noxfile.py' || name === 'pyproject.toml')) return false
  return !isVendored(path) && !isExcluded(path)
}

interface Entry {
  readonly path: string
  readonly dir: string
  readonly argv: readonly string[]
  /** Text to find the declaration's line. */
  readonly needle?: string
  readonly line?: number
}

function entries(ctx: Ctx): Entry[] {
  const out: Entry[] = []
  const seen = new Set<string>()
  for (const path of filesWhere(ctx.snapshot, taskFile).slice(0, MAX_FILES)) {
    const dir = dirname(path)
    const name = basename(path)
    if (MAKE_FILES.has(name)) {
      const mf = makeTargets(ctx, dir)
      if (mf && mf.path === path) for (const t of mf.names) out.push({ path, dir, argv: ['make', t], needle: `${t}:` })
    } else if (JUST_FILES.has(name)) {
      for (const r of justRecipes(ctx, path)) out.push({ path, dir, argv: ['just', r], needle: r })
    } else if (name === 'package.json') {
      const pkg = readPkg(ctx, path)
      for (const s of Object.keys(pkg?.scripts ?? {})) {
        // pre/post hooks run with their script.
        if (/^(pre|post)/.test(s) && pkg?.scripts[s.replace(/^(pre|post)/, '')] !== undefined) continue
        const line = pkg ? scriptLine(pkg, s) : undefined
        out.push({ path, dir, argv: ['npm', 'run', s], ...(line !== undefined ? { line } : {}) })
      }
    } else if (name === 'noxfile.py') {
      for (const s of noxSessions(ctx, path)) out.push({ path, dir, argv: ['nox', '-s', s], needle: s })
    } else {
      // tox.ini, or pyproject.toml with [tool.tox]: one entry list per directory.
      const tox = seen.has(dir) ? undefined : toxEnvs(ctx, dir)
      seen.add(dir)
      if (tox) for (const e of tox.names) out.push({ path: tox.path, dir, argv: ['tox', '-e', e], needle: e })
    }
    if (out.length >= MAX_ENTRIES) break
  }
  return out.slice(0, MAX_ENTRIES)
}

/** Every command the task runners declare, resolved; the first chain link is the declaration. */
export function declaredCommands(snapshot: Snapshot, resolvers: readonly Resolver[]): ResolvedCommand[] {
  const ctx = new Ctx(snapshot, resolvers)
  try {
    for (const e of entries(ctx)) {
      if (ctx.full()) break
      const text = e.argv.join(' ')
      const line = e.line ?? (e.needle !== undefined ? lineOf(snapshot.text(e.path) ?? '', e.needle) : undefined)
      dispatch(ctx, e.argv, { chain: [link(e.path, line, text)], text, cwd: e.dir, neutralised: null, depth: 0, flags: {}, stack: [] })
    }
  } catch {
    // A resolver bug must not lose the commands found so far.
  }
  return ctx.out
}
