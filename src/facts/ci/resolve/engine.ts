import { RunMemo } from '../../run-memo.js'
import { isDiffCheck } from '../diff-check.js'
import type { Snapshot } from '../../snapshot.js'
import { dirname, joinPath } from '../../paths.js'
import { splitScript } from '../shell.js'
import type { ChainLink } from '../types.js'
import { guessWrapped, normaliseTool, unwrap } from './wrappers.js'

/**
 * The resolver's engine: splits a script into commands, strips wrappers, and hands each command to
 * the indirection resolvers (make, npm scripts, tox, …), which read the repository and feed the
 * commands they find back here. Every hop appends a ChainLink; everything is bounded by a depth
 * cap, a stack of what is being resolved (cycles), a cap on commands and a work budget.
 */

/** A command the resolver found. Optional fields are only present when true / known. */
export interface ResolvedCommand {
  readonly argv: readonly string[]
  readonly text: string
  readonly chain: readonly ChainLink[]
  readonly neutralised: string | null
  readonly cwd: string
  /** The pre-commit hook id (or `husky:pre-commit`, `lefthook:pre-commit:lint`, `lint-staged`) the command comes from. */
  readonly hookId?: string
  /** The command runs inside `$(…)`/`<(…)` whose output a `test -z`/`[ -n ]`/`diff` checks (e.g. `test -z "$(gofmt -l .)"`): output non-empty fails the script. */
  readonly checkedOutput?: true
  /** A later command of the same script is `git diff --exit-code`/`--quiet`: a fixer here still fails CI when it changes files. */
  readonly followedByDiffCheck?: true
  /** Runs as a pre-commit hook: any file it modifies makes the hook fail, so a formatter here acts as a check. */
  readonly failsOnChange?: true
  /** The condition of an `if`/`while`: its failure changes the flow, it does not fail the script. */
  readonly inCondition?: true
  /** Synthetic command standing for a build-tool lifecycle step (`mvn checkstyle:check` bound to a phase, Gradle `spotlessCheck` run by `check`). */
  readonly synthetic?: true
  /** Why the command could not be followed (see ToolRun.opaque). */
  readonly opaque?: string
  /** A tree-unchanged test that only decides whether to commit regenerated files (see ToolRun.diffFixUp). */
  readonly diffFixUp?: true
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

export interface Flags {
  hookId?: string
  checkedOutput?: true
  inCondition?: true
  failsOnChange?: true
}

/** Where a command stands: its chain (ending with its own link), directory, neutraliser, depth. */
export interface Site {
  readonly chain: readonly ChainLink[]
  readonly text: string
  readonly cwd: string
  readonly neutralised: string | null
  readonly depth: number
  readonly flags: Flags
  /** Keys of the indirections being resolved, outermost first (cycle detection). */
  readonly stack: readonly string[]
}

/** Where a script's text comes from. */
export interface ScriptAt {
  readonly path: string
  /** 1-based line of the script's first line. */
  readonly line?: number
  readonly cwd: string
}

export const MAX_DEPTH = 8
export const MAX_COMMANDS = 2000
const MAX_WORK = 20_000
const TEXT_MAX = 120

export interface Resolver {
  (ctx: Ctx, argv: readonly string[], site: Site): boolean
  /** Sees argv[0] as written (a path such as `./scripts/lint.sh`), not the normalised tool name. */
  wantsPath?: boolean
}

/** An image built earlier in the same CI job (`docker build -t api .`, a build-push action with `tags:`). */
export interface BuiltImage {
  readonly dockerfile: string
  readonly context: string
  readonly target?: string
}

export class Ctx {
  readonly out: Mutable<ResolvedCommand>[] = []
  work = 0

  constructor(
    readonly snapshot: Snapshot,
    readonly resolvers: readonly Resolver[],
    /** Images built by this job so far, by tag and by name without tag (shared by the job's steps). */
    readonly images: Map<string, BuiltImage> = new Map(),
    /** The workspace directory the repository was checked out into, if not the workspace root. */
    readonly checkoutPath?: string,
    /** Parsed files (Makefiles, pyproject, build scripts…), shared by every resolution of one CI collection. */
    readonly memo: RunMemo = new RunMemo()
  ) {}

  /** A workspace-relative directory as a repository path: `P/scripts` is `scripts` when the repository was checked out into P. */
  inRepository(dir: string): string {
    const p = this.checkoutPath
    if (p === undefined) return dir
    if (dir === p) return ''
    return dir.startsWith(p + '/') ? dir.slice(p.length + 1) : dir
  }

  full(): boolean {
    return this.out.length >= MAX_COMMANDS || this.work >= MAX_WORK
  }

}

export function link(path: string, line: number | undefined, text: string): ChainLink {
  const t = shortText(text)
  return line === undefined ? { path, text: t } : { path, line, text: t }
}

export function shortText(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim()
  return one.length > TEXT_MAX ? one.slice(0, TEXT_MAX - 1) + '…' : one
}

/**
 * Runs a script found at `at`, one link per command on top of `base.chain` (a command of a shell
 * function's body also gets one per call it was reached through). `extra` adds a neutraliser or
 * flags for every command (e.g. a make `-` prefix), or the script's arguments (its `"$@"`, `$1`).
 */
export function runScript(ctx: Ctx, script: string, at: ScriptAt, base: Omit<Site, 'text' | 'cwd'>, extra: { neutralised?: string | null; flags?: Flags; args?: readonly string[] } = {}): void {
  if (ctx.full()) return
  const commands = splitScript(script, extra.args)
  const lineOfScript = (n: number): number | undefined => (at.line === undefined ? undefined : at.line + n - 1)
  const start = ctx.out.length
  const starts: number[] = []
  let cwd = at.cwd
  for (const c of commands) {
    starts.push(ctx.out.length)
    if (ctx.full()) break
    const calls = (c.calls ?? []).map((k) => link(at.path, lineOfScript(k.line), k.text))
    const flags: Flags = { ...base.flags, ...extra.flags }
    if (c.checkedOutput) flags.checkedOutput = true
    if (c.inCondition) flags.inCondition = true
    const site: Site = {
      chain: [...base.chain, ...calls, link(at.path, lineOfScript(c.line), c.text)],
      text: c.text,
      cwd,
      neutralised: base.neutralised ?? extra.neutralised ?? c.neutralised,
      depth: base.depth,
      flags,
      stack: base.stack
    }
    const w0 = c.words[0]
    if ((w0 === 'cd' || w0 === 'pushd') && c.words.length === 2) {
      const to = c.words[1]!
      if (!to.includes('$') && !to.startsWith('/') && to !== '-' && to !== '~') cwd = ctx.inRepository(joinPath(cwd, to) ?? cwd)
      continue
    }
    dispatch(ctx, c.words, site)
  }
  // A `git diff --exit-code` turns every earlier fixer of the same script into a check — unless the
  // script commits what changed (a fix-up job), or the test is an `if` condition whose branches
  // never fail the script: then it only decides whether to commit.
  const commits = commands.some((d) => d.words[0] === 'git' && (d.words[1] === 'commit' || d.words[1] === 'push'))
  const fails = commands.some((d) => (d.words[0] === 'exit' && d.words[1] !== undefined && d.words[1] !== '0') || d.words[0] === 'false')
  for (let k = 0; k < commands.length && k < starts.length; k++) {
    const c = commands[k]!
    if (c.neutralised !== null || !isDiffCheck(c.words, c.checkedOutput === true)) continue
    if (commits || (c.inCondition && !fails)) {
      for (let j = starts[k]!; j < (starts[k + 1] ?? ctx.out.length); j++) ctx.out[j]!.diffFixUp = true
      continue
    }
    for (let j = start; j < starts[k]!; j++) ctx.out[j]!.followedByDiffCheck = true
  }
}


/** Strips wrappers, then lets the first resolver that recognises the command follow it; else emits it. */
export function dispatch(ctx: Ctx, words: readonly string[], site: Site): void {
  if (ctx.full() || words.length === 0) return
  ctx.work++
  const u = unwrap(words)
  for (const argv of u.before) emit(ctx, argv, site)
  if (u.script !== undefined) {
    if (site.depth >= MAX_DEPTH) return emit(ctx, words, site)
    const last = site.chain[site.chain.length - 1]
    runScript(ctx, u.script, { path: last?.path ?? '', line: last?.line, cwd: site.cwd }, { ...site, chain: site.chain.slice(0, -1), depth: site.depth + 1 })
    return
  }
  if (u.argv.length === 0) return
  // Resolvers marked `wantsPath` (repository scripts) see the path as written; the others the tool name.
  const tool = [normaliseTool(u.argv[0]!), ...u.argv.slice(1)]
  for (const r of ctx.resolvers) if (r(ctx, r.wantsPath ? u.argv : tool, site)) return
  // An unknown program followed by a known command line is taken for a wrapper, and the guess is said in the chain.
  const wrapped = site.depth < MAX_DEPTH ? guessWrapped(u.argv) : undefined
  if (wrapped !== undefined) {
    const last = site.chain[site.chain.length - 1]
    const note = link(last?.path ?? '', last?.line, `${u.argv[0]} taken for a wrapper of: ${wrapped.join(' ')}`)
    dispatch(ctx, wrapped, { ...site, chain: [...site.chain, note], depth: site.depth + 1 })
    return
  }
  emit(ctx, u.argv, site)
}

export function emit(ctx: Ctx, argv: readonly string[], site: Site, extra: { synthetic?: boolean; link?: ChainLink; neutralised?: string | null; text?: string; opaque?: string } = {}): void {
  if (ctx.out.length >= MAX_COMMANDS || argv.length === 0) return
  const cmd: Mutable<ResolvedCommand> = {
    argv: [normaliseTool(argv[0]!), ...argv.slice(1)],
    text: extra.text ?? (extra.link ? extra.link.text : site.text),
    chain: extra.link ? [...site.chain, extra.link] : site.chain,
    neutralised: site.neutralised ?? extra.neutralised ?? null,
    cwd: site.cwd
  }
  const f = site.flags
  if (f.hookId !== undefined) cmd.hookId = f.hookId
  if (f.checkedOutput) cmd.checkedOutput = true
  if (f.failsOnChange) cmd.failsOnChange = true
  if (f.inCondition) cmd.inCondition = true
  if (extra.synthetic) cmd.synthetic = true
  const opaque = extra.opaque ?? unexpanded(argv)
  if (opaque !== undefined) cmd.opaque = opaque
  ctx.out.push(cmd)
}

/** Programs whose first arguments name what they run (a target, task, script or session). */
const TASK_RUNNERS = new Set(['make', 'just', 'task', 'npm', 'pnpm', 'yarn', 'bun', 'npx', 'tox', 'nox', 'mix', 'cargo', 'composer', 'rake', 'bundle', 'invoke', 'poe', 'hatch', 'nx', 'turbo', 'gradle', 'gradlew', 'mvn', 'mvnw', 'mvnd', 'dotnet', 'uv', 'poetry', 'pdm', 'bash', 'sh'])

/**
 * A command whose program, or whose task runner's target, is a CI expression left unexpanded
 * (`${{ inputs.cmd }}`, `make ${{ matrix.target }}` when the matrix is not readable): what it runs
 * is decided at run time. Expressions elsewhere (`docker build -t x:${{ github.sha }}`) do not
 * hide what runs.
 */
function unexpanded(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((w) => HIDING.test(w))
  if (at < 0) return undefined
  const word = argv[at]!
  // An option or an option's value (`-Prelease=${{ … }}`, `KEY=${{ … }}`) does not choose what runs.
  if (at > 0 && (word.startsWith('-') || /^[A-Za-z_][\w.-]*=/.test(word) || !(at <= 3 && TASK_RUNNERS.has(normaliseTool(argv[0]!))))) return undefined
  const expr = /\$\{\{[^}]{0,80}\}\}/.exec(argv.slice(at).join(' '))?.[0] ?? word
  return `${expr} is an expression Shipshape cannot expand`
}

/** Expressions that can hold a command or a target: matrix values, workflow inputs, env, outputs of other steps or jobs. Secrets, github.*, runner.* and vars.* never choose what runs. */
const HIDING = /\$\{\{[^}]*\b(matrix|inputs|env|steps|needs|fromJSON)\b/

/**
 * Follows an indirection into a file: refuses (returns false, so the caller emits the command as
 * written) past the depth cap or when `key` is already being resolved (a cycle).
 */
export function enter(site: Site, key: string): Omit<Site, 'text' | 'cwd'> | undefined {
  if (site.depth >= MAX_DEPTH || site.stack.includes(key)) return undefined
  return { chain: site.chain, neutralised: site.neutralised, depth: site.depth + 1, flags: site.flags, stack: [...site.stack, key] }
}

/** Splits options from positional words: `valueOpts` take the next word unless written `--x=v`. */
export function positionals(args: readonly string[], valueOpts: ReadonlySet<string>): { pos: string[]; opts: Map<string, string>; rest: string[] } {
  const pos: string[] = []
  const opts = new Map<string, string>()
  let rest: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '--') {
      rest = args.slice(i + 1)
      break
    }
    if (a.startsWith('-') && a.length > 1) {
      const eq = a.indexOf('=')
      const glued = a[1] !== '-' && a.length > 2 ? a.slice(0, 2) : undefined
      if (eq > 0) opts.set(a.slice(0, eq), a.slice(eq + 1))
      // A short value option glued to its value (`tox -elint`, `make -Cdir`): `-e lint`.
      else if (glued !== undefined && !valueOpts.has(a) && valueOpts.has(glued)) opts.set(glued, a.slice(2))
      else if (valueOpts.has(a) && i + 1 < args.length) opts.set(a, args[++i]!)
      else opts.set(a, '')
      continue
    }
    pos.push(a)
  }
  return { pos, opts, rest }
}

/** Quotes words back into shell text (for appending `-- args` to a script). */
export function shellJoin(words: readonly string[]): string {
  return words.map((w) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ')
}

/** The first of `dir` and its ancestors where `read(path of name)` finds the file (npm's and Composer's lookup). */
export function nearest<T>(dir: string, name: string, read: (path: string) => T | undefined): T | undefined {
  let d: string | undefined = dir
  for (let i = 0; i < 20 && d !== undefined; i++) {
    const found = read(d === '' ? name : `${d}/${name}`)
    if (found !== undefined) return found
    if (d === '') break
    d = dirname(d)
  }
  return undefined
}

/** 1-based line of the first line at or after `from` (1-based) containing `needle`. */
export function lineOf(text: string, needle: string, from = 1): number | undefined {
  let line = 1
  let pos = 0
  while (line < from) {
    const nl = text.indexOf('\n', pos)
    if (nl < 0) return undefined
    pos = nl + 1
    line++
  }
  const at = text.indexOf(needle, pos)
  if (at < 0) return undefined
  let n = line
  for (let i = text.indexOf('\n', pos); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) n++
  return n
}
