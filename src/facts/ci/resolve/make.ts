import { safeMinimatch as minimatch } from '../../safe-glob.js'
import { dirname, joinPath } from '../../paths.js'
import { emit, enter, runScript, type Ctx, type Site } from './engine.js'
import { memoKey } from '../../run-memo.js'

const MAKEFILES = memoKey<Makefile>('make')

/**
 * `make X` → the recipes of target X (prerequisites first) in the Makefile of the directory, with
 * `include`d files, best-effort `$(VAR)` expansion and the `-` prefix (errors ignored) as a
 * neutraliser. A line scanner, not GNU make: conditionals take every branch, functions stay text.
 */

interface Recipe {
  readonly text: string
  readonly line: number
  readonly path: string
}

interface Target {
  readonly name: string
  readonly prereqs: string[]
  recipe: Recipe[]
}

interface Makefile {
  readonly path: string
  readonly targets: Map<string, Target>
  readonly vars: Map<string, string>
  first?: string
}

const MAKE_FILES = ['GNUmakefile', 'makefile', 'Makefile']
const VALUE_OPTS = new Set(['-C', '--directory', '-f', '--file', '--makefile', '-I', '--include-dir', '-o', '--old-file', '-W', '--what-if', '--assume-new'])
// A line opening with a function call (`$(eval …)`, `$(info …)`) is no rule; one opening with a
// variable (`$(FRONTEND_DIST): $(DEPS)`) is a rule whose target name is that variable's value.
const DIRECTIVE = /^(-?include|sinclude|ifeq|ifneq|ifdef|ifndef|else|endif|export|unexport|override|vpath|undefine|\$\((eval|call|info|warning|error|foreach|if|or|and|shell|file)\s)/
const VAR_DEF = /^(?:export\s+|override\s+)?([A-Za-z0-9_.-]+)\s*(?:\?|:|::|:::|\+|!)?=\s?(.*)$/
const MAX_INCLUDES = 20

export function resolveMake(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const tool = argv[0]!.toLowerCase()
  if (tool !== 'make' && tool !== 'gmake' && tool !== '$(make)' && tool !== '${make}') return false
  let dir = site.cwd
  let file: string | undefined
  const targets: string[] = []
  const overrides = new Map<string, string>()
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    const eq = a.indexOf('=')
    if (a.startsWith('--') && eq > 0) {
      const k = a.slice(0, eq)
      if (k === '--directory') dir = joinPath(dir, a.slice(eq + 1)) ?? dir
      if (k === '--file' || k === '--makefile') file = a.slice(eq + 1)
      continue
    }
    if (a === '-C' || a === '--directory') dir = joinPath(dir, argv[++i] ?? '') ?? dir
    else if (a.startsWith('-C') && a.length > 2) dir = joinPath(dir, a.slice(2)) ?? dir
    else if (a === '-f' || a === '--file' || a === '--makefile') file = argv[++i]
    else if (a === '-j' || a === '-l') {
      if (/^[0-9]+$/.test(argv[i + 1] ?? '')) i++
    } else if (VALUE_OPTS.has(a)) i++
    else if (a.startsWith('-')) continue
    else if (eq > 0) overrides.set(a.slice(0, eq), a.slice(eq + 1))
    else targets.push(a)
  }
  const mf = loadMakefile(ctx, dir, file)
  if (mf === undefined) return false
  for (const [k, v] of overrides) mf.vars.set(k, v)
  const goals = targets.length > 0 ? targets : mf.vars.has('.DEFAULT_GOAL') ? [mf.vars.get('.DEFAULT_GOAL')!.trim()] : mf.first ? [mf.first] : []
  const inv: Invocation = { done: new Set(), shells: new Set() }
  for (const g of goals) {
    if (!mf.targets.has(g)) {
      emit(ctx, ['make', g], site)
      continue
    }
    runTarget(ctx, mf, g, inv, site, dir)
  }
  return true
}

/** The targets of the Makefile in `dir` that have a recipe or prerequisites (special `.X` targets left out), with the file they are in. */
export function makeTargets(ctx: Ctx, dir: string): { path: string; names: string[] } | undefined {
  const mf = loadMakefile(ctx, dir, undefined)
  if (mf === undefined) return undefined
  const names = [...mf.targets.values()].filter((t) => !t.name.startsWith('.') && !t.name.includes('$') && (t.recipe.length > 0 || t.prereqs.length > 0)).map((t) => t.name)
  return { path: mf.path, names }
}

/** One make invocation: the targets it has run, and the `$(shell …)` commands it has followed. */
interface Invocation {
  readonly done: Set<string>
  readonly shells: Set<string>
}

function runTarget(ctx: Ctx, mf: Makefile, name: string, inv: Invocation, site: Site, dir: string): void {
  if (inv.done.has(name) || ctx.full()) return
  inv.done.add(name)
  const t = mf.targets.get(name)
  if (t === undefined) return
  const base = enter(site, `make:${mf.path}#${name}`)
  if (base === undefined) return
  for (const p of t.prereqs) if (mf.targets.has(p)) runTarget(ctx, mf, p, inv, site, dir)
  for (const r of t.recipe) {
    let text = r.text
    let ignore = false
    for (;;) {
      const c = text[0]
      if (c === '@' || c === '+' || c === ' ' || c === '\t') text = text.slice(1)
      else if (c === '-') {
        ignore = true
        text = text.slice(1)
      } else break
    }
    const expanded = expand(text, mf.vars, 0, inv.shells)
    runScript(ctx, expanded, { path: r.path, line: r.line, cwd: dir }, base, ignore ? { neutralised: "make '-' prefix" } : {})
  }
}

function loadMakefile(ctx: Ctx, dir: string, file: string | undefined): Makefile | undefined {
  const snap = ctx.snapshot
  const path = file !== undefined ? joinPath(dir, file) : MAKE_FILES.map((f) => joinPath(dir, f)!).find((p) => snap.has(p))
  if (path === undefined || !snap.has(path)) return undefined
  const cached = ctx.memo.get(MAKEFILES, path, () => {
    const mf: Makefile = { path, targets: new Map(), vars: new Map() }
    parseInto(ctx, mf, path, dir, 0)
    return mf
  })
  // Overrides from the command line must not leak into other invocations.
  return { ...cached, vars: new Map(cached.vars) }
}

function parseInto(ctx: Ctx, mf: Makefile, path: string, dir: string, includes: number): number {
  const text = ctx.snapshot.text(path)
  if (text === undefined) return includes
  const lines = text.split('\n')
  let current: Target[] = []
  const pendingReset = new Set<Target>()
  let inDefine = false
  for (let i = 0; i < lines.length; i++) {
    const startLine = i + 1
    let line = lines[i]!.replace(/\r$/, '')
    if (line.startsWith('\t')) {
      // Recipe line (with backslash continuations, whose leading tab make removes).
      let body = line.slice(1)
      while (body.endsWith('\\') && i + 1 < lines.length) body += '\n' + lines[++i]!.replace(/\r$/, '').replace(/^\t/, '')
      if (current.length === 0 || inDefine) continue
      for (const t of current) {
        // A target's recipe is the last one given (make warns and overrides).
        if (pendingReset.delete(t)) t.recipe = []
        t.recipe.push({ text: body, line: startLine, path })
      }
      continue
    }
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++i]!.replace(/\r$/, '').trim()
    const trimmed = line.trim()
    if (inDefine) {
      if (trimmed.startsWith('endef')) inDefine = false
      continue
    }
    if (trimmed === '' || trimmed.startsWith('#')) continue
    if (/^(define|override define|export define)\b/.test(trimmed)) {
      inDefine = true
      continue
    }
    const inc = /^(-include|sinclude|include)\s+(.*)$/.exec(trimmed)
    if (inc) {
      for (const f of expand(inc[2]!, mf.vars, 0).split(/\s+/)) {
        if (f === '' || includes >= MAX_INCLUDES) continue
        for (const p of matchFiles(ctx, dir, f)) includes = parseInto(ctx, mf, p, dirname(p) === dir ? dir : dir, includes + 1)
      }
      continue
    }
    if (DIRECTIVE.test(trimmed) && !/^(export|override)\s+[A-Za-z0-9_.-]+\s*[?:+!]*=/.test(trimmed)) continue
    const colon = findRuleColon(line)
    if (colon >= 0) {
      const names = expand(line.slice(0, colon), mf.vars, 0).trim().split(/\s+/).filter((n) => n !== '')
      let rest = line.slice(colon + 1)
      if (rest.startsWith(':')) rest = rest.slice(1)
      const semi = rest.indexOf(';')
      const prereqPart = semi >= 0 ? rest.slice(0, semi) : rest
      if (/^\s*[A-Za-z0-9_.-]+\s*[?:+!]*=/.test(prereqPart)) continue // target-specific variable
      const prereqs = expand(prereqPart, mf.vars, 0).split(/\s+/).filter((p) => p !== '' && p !== '|')
      current = []
      pendingReset.clear()
      for (const n of names) {
        if (n.includes('%')) continue
        let t = mf.targets.get(n)
        if (t === undefined) {
          t = { name: n, prereqs: [], recipe: [] }
          mf.targets.set(n, t)
        }
        t.prereqs.push(...prereqs)
        pendingReset.add(t)
        if (semi >= 0 && rest.slice(semi + 1).trim() !== '') {
          pendingReset.delete(t)
          t.recipe = [{ text: rest.slice(semi + 1).trim(), line: startLine, path }]
        }
        if (mf.first === undefined && !n.startsWith('.')) mf.first = n
        current.push(t)
      }
      continue
    }
    const v = VAR_DEF.exec(trimmed)
    if (v) {
      const op = trimmed.slice(v[1]!.length).trimStart()
      if (op.startsWith('?=') && mf.vars.has(v[1]!)) continue
      if (op.startsWith('+=') && mf.vars.has(v[1]!)) mf.vars.set(v[1]!, mf.vars.get(v[1]!)! + ' ' + v[2]!)
      else mf.vars.set(v[1]!, v[2]!)
      current = []
    }
  }
  return includes
}

/** The `:` of a rule line (`a b: c`), not `:=`/`::=` and not inside `$(…)`. */
function findRuleColon(line: string): number {
  let depth = 0
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '(' || c === '{') depth++
    else if (c === ')' || c === '}') depth--
    else if (c === '=' && depth === 0) return -1
    else if (c === ':' && depth === 0) {
      const next = line[i + 1] === ':' ? line[i + 2] : line[i + 1]
      if (next === '=' || (line[i + 1] === ':' && line[i + 2] === ':' && line[i + 3] === '=')) return -1
      return i
    }
  }
  return -1
}

function matchFiles(ctx: Ctx, dir: string, pattern: string): string[] {
  const full = joinPath(dir, pattern)
  if (full === undefined) return []
  if (!/[*?[]/.test(pattern)) return ctx.snapshot.has(full) ? [full] : []
  return ctx.snapshot
    .under(dir)
    .filter((p) => minimatch(p, full))
    .slice(0, MAX_INCLUDES)
}

/**
 * `$(VAR)`/`${VAR}` from simple definitions (5 levels), `$(MAKE)` → make, `$(SHELL)` → sh unless
 * set, `$(shell command -v X)`/`$(shell which X)` → X, other `$(shell cmd)` → the shell's `$(cmd)`,
 * `$$` → `$`; other functions stay as written.
 */
export function expand(text: string, vars: ReadonlyMap<string, string>, depth: number, shells?: Set<string>): string {
  if (!text.includes('$')) return text
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c !== '$') {
      out += c
      continue
    }
    const n = text[i + 1]
    if (n === '$') {
      out += '$'
      i++
      continue
    }
    if (n === '(' || n === '{') {
      // The reference ends at its matching bracket: `$(shell … "$(DIR)/bin/uv")` holds references of its own.
      const j = matchingBracket(text, i + 1)
      const body = j < 0 ? '' : text.slice(i + 2, j)
      // `BASH ?= $(shell command -v bash)`, `UV = $(shell command -v uv || printf … "$(DIR)/bin/uv")`: the path of a program found on PATH is that program.
      const found = /^shell\s+(?:command\s+-v|which)\s+([A-Za-z][\w.+-]*)/.exec(body)
      if (found) {
        out += found[1]!
        i = j
        continue
      }
      // `$(shell cmd)` in a recipe substitutes cmd's output, as the shell's `$(cmd)` would.
      if (n === '(' && body.startsWith('shell ')) {
        const cmd = expand(body.slice(6), vars, depth + 1, shells)
        // A recursively expanded variable (`TAGS = $(shell hack/tags.sh)`) runs its command at every
        // reference; one make invocation runs the same command each time, so it is followed once
        // and later references read as its output (one word).
        if (shells?.has(cmd)) out += SHELL_OUTPUT
        else {
          shells?.add(cmd)
          out += '$(' + cmd + ')'
        }
        i = j
        continue
      }
      const close = n === '(' ? ')' : '}'
      const end = text.indexOf(close, i + 2)
      const name = end < 0 ? '' : text.slice(i + 2, end)
      if (/^[A-Za-z0-9_.-]+$/.test(name)) {
        if (name === 'MAKE') out += 'make'
        // Make's own SHELL is /bin/sh unless the Makefile sets it.
        else if (name === 'SHELL' && !vars.has(name)) out += 'sh'
        else if (vars.has(name) && depth < 5) out += expand(vars.get(name)!, vars, depth + 1, shells)
        else out += text.slice(i, end + 1)
        i = end
        continue
      }
    }
    out += c
  }
  return out
}

/** What a `$(shell …)` already followed in this make invocation stands for: a word, never a command. */
const SHELL_OUTPUT = 'shell-output'

/** How far a reference's closing bracket is looked for: a hostile line of unclosed `$(` stays linear. */
const MAX_REFERENCE_CHARS = 4096

/** The index of the bracket closing the one at `open` (same kind, nested ones counted), or -1. */
function matchingBracket(text: string, open: number): number {
  const o = text[open]!
  const c = o === '(' ? ')' : '}'
  let depth = 0
  for (let j = open; j < text.length && j < open + MAX_REFERENCE_CHARS; j++) {
    if (text[j] === o) depth++
    else if (text[j] === c && --depth === 0) return j
  }
  return -1
}
