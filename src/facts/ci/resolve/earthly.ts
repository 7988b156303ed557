import { joinPath } from '../../paths.js'
import { emit, enter, link, runScript, type Ctx, type Site } from './engine.js'
import { memoKey } from '../../run-memo.js'

const EARTHFILES = memoKey<ReturnType<typeof parseEarthfile>>('earthfile')

/**
 * Earthly: `earthly +test` (or `./dir+test`) runs the `test:` target of the `Earthfile` in that
 * folder: its `RUN` commands, and the targets it reaches through `BUILD`, `FROM`, `COPY +t/…` and
 * `DO` (functions). `SAVE IMAGE name` makes the target an image build, recorded as a synthetic
 * `earthly save-image name` command at that line. A target of another repository
 * (`github.com/org/repo+t`) or an Earthfile that is not in the checkout is opaque.
 */

interface Target {
  readonly line: number
  readonly body: readonly { text: string; line: number }[]
}

const VALUE_FLAGS = new Set(['--build-arg', '--secret', '-s', '--platform', '--config', '--remote-cache', '--org', '--sat', '--satellite', '--secret-file', '--buildkit-host'])
const REF = /^(?:\(?)((?:[\w.-]+\.[a-z]{2,}\/[^\s+]*|\.{1,2}(?:\/[^\s+]*)?|[\w.-][^\s+]*)?)\+([A-Za-z][\w-]*)/

function parseEarthfile(text: string): Map<string, Target> {
  const out = new Map<string, { line: number; body: { text: string; line: number }[] }>()
  let current: { line: number; body: { text: string; line: number }[] } | undefined
  const lines = text.split('\n')
  for (let i = 0; i < lines.length && i < 20_000; i++) {
    const raw = lines[i]!.replace(/\r$/, '')
    const head = /^([A-Za-z][\w-]*):\s*(#.*)?$/.exec(raw)
    if (head) {
      current = { line: i + 1, body: [] }
      out.set(head[1]!, current)
      continue
    }
    if (current === undefined || !/^\s/.test(raw) || raw.trim() === '' || raw.trim().startsWith('#')) continue
    let t = raw.trim()
    const start = i + 1
    while (t.endsWith('\\') && i + 1 < lines.length) t = t.slice(0, -1) + ' ' + lines[++i]!.trim()
    current.body.push({ text: t, line: start })
  }
  return out
}

export function resolveEarthly(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  if (argv[0] !== 'earthly') return false
  let target: string | undefined
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (VALUE_FLAGS.has(a)) i++
    else if (!a.startsWith('-') && a.includes('+')) {
      target = a
      break
    }
  }
  if (target === undefined) return false
  new EarthlyRun(ctx).target(target, site.cwd, site)
  return true
}

class EarthlyRun {
  private readonly done = new Set<string>()

  constructor(private readonly ctx: Ctx) {}

  /** Follows `ref` (`+t`, `./dir+t`, `github.com/x/y+t`) from folder `dir`. */
  target(ref: string, dir: string, site: Site): void {
    const m = REF.exec(ref)
    if (!m) return
    const where = m[1] ?? ''
    const name = m[2]!
    if (/^[\w-]+\.[\w.-]+\//.test(where) && !where.startsWith('.')) {
      emit(this.ctx, ['earthly', ref], site, { opaque: `${ref} is an Earthly target of another repository` })
      return
    }
    const folder = joinPath(dir, where) ?? dir
    const path = joinPath(folder, 'Earthfile')
    const text = path === undefined ? undefined : this.ctx.snapshot.text(path)
    if (path === undefined || text === undefined) {
      emit(this.ctx, ['earthly', ref], site, { opaque: `${path ?? ref} is not in the repository` })
      return
    }
    const targets = this.ctx.memo.get(EARTHFILES, path, () => parseEarthfile(text))
    const t = targets.get(name)
    const key = `${path}+${name}`
    if (t === undefined || this.done.has(key)) {
      if (t === undefined) emit(this.ctx, ['earthly', ref], site, { opaque: `${path} has no target ${name}` })
      return
    }
    this.done.add(key)
    const base = enter(site, `earthly:${key}`)
    if (base === undefined) return
    for (const b of t.body) {
      const sp = b.text.search(/\s/)
      const op = (sp < 0 ? b.text : b.text.slice(0, sp)).toUpperCase()
      const rest = sp < 0 ? '' : b.text.slice(sp + 1).trim()
      const here = { ...base, chain: [...base.chain, link(path, b.line, b.text)], text: b.text, cwd: folder }
      if (op === 'RUN') {
        const script = runText(rest)
        if (script !== '') runScript(this.ctx, script, { path, line: b.line, cwd: folder }, base)
      } else if (op === 'BUILD' || op === 'FROM' || op === 'DO') {
        const r = rest.split(/\s+/).find((w) => w.includes('+') && !w.startsWith('--'))
        if (r !== undefined) this.target(r, folder, here)
      } else if (op === 'COPY') {
        for (const w of rest.replace(/[()]/g, ' ').split(/\s+/)) if (w.includes('+') && !w.startsWith('-')) this.target(w, folder, here)
      } else if (op === 'SAVE' && /^IMAGE\b/i.test(rest)) {
        const names = rest.slice(5).trim().split(/\s+/).filter((w) => !w.startsWith('--'))
        emit(this.ctx, ['earthly', 'save-image', ...names], here, { synthetic: true })
      }
    }
  }
}

/** A RUN instruction's command: its flags (`--push`, `--mount=…`, `--secret X`) removed; exec form joined. */
function runText(rest: string): string {
  let t = rest
  for (;;) {
    const m = /^--([\w-]+)(=\S+)?\s*/.exec(t)
    if (!m) break
    t = t.slice(m[0].length)
    if (m[2] === undefined && (m[1] === 'secret' || m[1] === 'mount') && !t.startsWith('-')) t = t.replace(/^\S+\s*/, '')
  }
  if (t.startsWith('[')) {
    try {
      const arr = JSON.parse(t) as unknown
      if (Array.isArray(arr)) return arr.map(String).join(' ')
    } catch {
      /* shell form */
    }
  }
  return t
}
