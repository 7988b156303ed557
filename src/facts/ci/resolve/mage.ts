import { dirname, joinPath } from '../../paths.js'
import { dispatch, emit, enter, link, type Ctx, type Site } from './engine.js'
import { memoKey } from '../../run-memo.js'

const MAGEFILES = memoKey<Magefile | undefined>('mage')

/**
 * Mage (`mage check`): targets are the exported functions of `magefile.go` (or of the Go files in
 * `magefiles/`), matched case-insensitively, `ns:target` for methods of a namespace type. A
 * target runs the targets it names in `mg.Deps`/`mg.SerialDeps`/`mg.CtxDeps` and the programs of
 * its `sh.Run`/`sh.RunV`/`sh.RunWith`/`sh.Exec`/`sh.Output` calls (string literals and the file's
 * string constants; an argument built at run time ends the command there). Read line by line,
 * no Go parser: a function body runs from its `func` line to the next line that is `}`.
 */

interface MageFunc {
  readonly path: string
  readonly line: number
  readonly body: readonly { text: string; line: number }[]
}

interface Magefile {
  readonly funcs: ReadonlyMap<string, MageFunc>
  readonly consts: ReadonlyMap<string, string>
  readonly defaultTarget?: string
}

const FUNC = /^func\s+(?:\((?:\w+\s+)?\*?(\w+)\)\s+)?([A-Za-z]\w*)\s*\(/
const CONST = /^\s*(?:const\s+)?(\w+)\s*=\s*"([^"\\]*)"/
const DEPS = /\bmg\.(?:Deps|SerialDeps|CtxDeps|SerialCtxDeps)\(([^)]*)\)/
const DEPS_START = /\bmg\.(?:Deps|SerialDeps|CtxDeps|SerialCtxDeps)\(/
const RUN = /\bsh\.(Run|RunV|RunWith|RunWithV|Exec|Output|OutputWith)\(/

function load(ctx: Ctx, dir: string): Magefile | undefined {
  return ctx.memo.get(MAGEFILES, dir, () => {
    const files: string[] = []
    const main = joinPath(dir, 'magefile.go')
    if (main !== undefined && ctx.snapshot.has(main)) files.push(main)
    const sub = joinPath(dir, 'magefiles') ?? 'magefiles'
    for (const f of ctx.snapshot.under(sub)) if (f.endsWith('.go') && dirname(f) === sub) files.push(f)
    if (files.length === 0) return undefined
    const funcs = new Map<string, MageFunc>()
    const consts = new Map<string, string>()
    let defaultTarget: string | undefined
    for (const path of files.slice(0, 50)) {
      const lines = (ctx.snapshot.text(path) ?? '').split('\n').slice(0, 20_000)
      let cur: { path: string; line: number; body: { text: string; line: number }[] } | undefined
      lines.forEach((l, i) => {
        const f = FUNC.exec(l)
        if (f) {
          cur = { path, line: i + 1, body: [] }
          funcs.set((f[1] ? `${f[1]}:${f[2]}` : f[2]!).toLowerCase(), cur)
          return
        }
        if (l.startsWith('}')) {
          cur = undefined
          return
        }
        if (cur) cur.body.push({ text: l.trim(), line: i + 1 })
        else {
          const c = CONST.exec(l)
          if (c) consts.set(c[1]!, c[2]!)
          const d = /^var\s+Default\s*=\s*([\w.]+)/.exec(l)
          if (d) defaultTarget = d[1]!.replace('.', ':')
        }
      })
    }
    return { funcs, consts, ...(defaultTarget !== undefined ? { defaultTarget } : {}) }
  })
}

export function resolveMage(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  if (argv[0] !== 'mage') return false
  let dir = site.cwd
  const targets: string[] = []
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-d' || a === '-w') dir = joinPath(site.cwd, argv[++i] ?? '') ?? dir
    else if (a === '-t' || a === '-gocmd' || a === '-compile' || a === '-goos' || a === '-goarch' || a === '-ldflags') i++
    else if (a === '-l' || a === '-h' || a === '-init' || a === '-clean' || a === '-version') return false
    else if (!a.startsWith('-')) targets.push(a)
  }
  const mf = load(ctx, dir)
  if (mf === undefined) return false
  const names = targets.length > 0 ? targets : mf.defaultTarget !== undefined ? [mf.defaultTarget] : []
  if (names.length === 0 || !names.some((n) => mf.funcs.has(n.toLowerCase()))) return false
  const done = new Set<string>()
  for (const n of names) run(ctx, mf, n.toLowerCase(), site, done, dir)
  return true
}

function run(ctx: Ctx, mf: Magefile, name: string, site: Site, done: Set<string>, dir: string): void {
  const fn = mf.funcs.get(name)
  if (fn === undefined || done.has(name)) return
  done.add(name)
  const base = enter(site, `mage:${fn.path}:${name}`)
  if (base === undefined) return
  for (let i = 0; i < fn.body.length; i++) {
    const b = fn.body[i]!
    let text = b.text
    // `mg.SerialDeps(\n  A,\n  B,\n)`: the call spread over lines.
    if (DEPS_START.test(text) && !DEPS.test(text)) for (let j = i + 1; j < fn.body.length && j < i + 40 && !DEPS.test(text); j++, i++) text += ' ' + fn.body[j]!.text
    const here = { ...base, chain: [...base.chain, link(fn.path, b.line, b.text)], text: b.text, cwd: dir }
    const deps = DEPS.exec(text)
    if (deps) {
      for (const d of deps[1]!.split(',')) {
        const id = d.trim().replace(/^ctx$/, '').replace(/^mg\.F\(\s*/, '').replace('.', ':').toLowerCase()
        if (id !== '') run(ctx, mf, id, here, done, dir)
      }
      continue
    }
    const r = RUN.exec(b.text)
    if (r) {
      const argv = callArgs(b.text.slice(r.index + r[0].length), r[1]!, mf.consts)
      if (argv.length > 0) dispatch(ctx, argv, here)
      else emit(ctx, ['mage', name], here, { opaque: 'the command is built at run time' })
    }
  }
}

/** The literal words of an `sh.*(…)` call, after the env/writer arguments its variant takes. */
function callArgs(rest: string, fn: string, consts: ReadonlyMap<string, string>): string[] {
  const skip = fn === 'Exec' ? 3 : fn.startsWith('RunWith') || fn === 'OutputWith' ? 1 : 0
  const out: string[] = []
  for (const raw of topLevelArgs(rest).slice(skip)) {
    const a = raw.trim()
    const lit = /^"((?:[^"\\]|\\.)*)"$/.exec(a)
    if (lit) out.push(lit[1]!)
    else if (consts.has(a)) out.push(consts.get(a)!)
    else break
  }
  return out
}

/** The arguments of a call whose text starts after `(`, split at top-level commas (one line). */
function topLevelArgs(rest: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  let quote = false
  for (let i = 0; i < rest.length && out.length < 64; i++) {
    const c = rest[i]!
    if (quote) {
      cur += c
      if (c === '\\') cur += rest[++i] ?? ''
      else if (c === '"') quote = false
      continue
    }
    if (c === '"') quote = true
    else if (c === '(' || c === '{' || c === '[') depth++
    else if (c === ')' || c === '}' || c === ']') {
      if (depth === 0) break
      depth--
    } else if (c === ',' && depth === 0) {
      out.push(cur)
      cur = ''
      continue
    }
    cur += c
  }
  if (cur.trim() !== '') out.push(cur)
  return out
}
