import { joinPath } from '../../paths.js'
import { type Ctx, emit, enter, link, positionals, runScript, type Resolver, type Site } from './engine.js'
import type { Snapshot } from '../../snapshot.js'
import type { ChainLink } from '../types.js'
import { memoKey } from '../../run-memo.js'

const DOCKERFILE_TEXTS = memoKey<string | undefined>('dockerfile')

/**
 * Commands that run inside an image build: the `RUN` instructions of the Dockerfile a CI step
 * builds (`docker build`, `docker buildx build`, `podman build`, a build-push action). Tests and
 * linters run there fail the build, so they count like any CI step, on the build's triggers.
 * BuildKit builds only the stages the target needs: the `--target` stage (else the last one) and
 * the stages it reaches through `FROM <stage>` and `COPY --from=<stage>`. A `RUN` runs in the
 * stage's `WORKDIR`; when the build copied a directory of the context there (`COPY frontend .`),
 * that directory is the command's repository directory (so `npm run lint` finds frontend's
 * package.json). Build arguments are not expanded; the Dockerfile path and context must be plain.
 */

export interface ImageBuild {
  /** Dockerfile path, repository-relative. */
  readonly file: string
  /** Build context directory, repository-relative ('' for the root). */
  readonly context: string
  readonly target?: string
}

interface Instruction {
  readonly line: number
  readonly op: string
  readonly rest: string
}

interface Stage {
  readonly name?: string
  readonly from: string
  readonly instructions: Instruction[]
}

/** At most this many RUN instructions are followed per Dockerfile. */
const MAX_RUNS = 200
const MAX_TEXT = 512 * 1024

const BUILD_VALUE_OPTS = new Set([
  '-f', '--file', '-t', '--tag', '--target', '--build-arg', '--platform', '--cache-from', '--cache-to', '--secret', '--ssh', '--label', '-o', '--output',
  '--progress', '--network', '--add-host', '--iidfile', '--metadata-file', '--builder', '--build-context', '--provenance', '--sbom', '--shm-size',
  '--ulimit', '--annotation', '--attest', '--allow', '--cgroup-parent', '--isolation', '-m', '--memory', '--cpu-shares', '--cpuset-cpus', '--call'
])

/** `docker build …`, `docker buildx build …`, `docker image build …`, `podman build …`, `buildah bud …`: the build's Dockerfile, context and target. */
export function buildOf(argv: readonly string[], cwd: string): ImageBuild | undefined {
  const tool = argv[0]
  let i = 1
  if (tool === 'docker' && (argv[1] === 'buildx' || argv[1] === 'image' || argv[1] === 'builder')) i = 2
  const sub = argv[i]
  if (!(tool === 'docker' || tool === 'podman' || tool === 'nerdctl' || tool === 'buildah')) return undefined
  if (!(sub === 'build' || (tool === 'buildah' && sub === 'bud'))) return undefined
  const { pos, opts } = positionals(argv.slice(i + 1), BUILD_VALUE_OPTS)
  const context = pos[pos.length - 1] ?? '.'
  if (context === '-' || context.includes('://') || context.includes('$') || context.startsWith('/')) return undefined
  const ctxDir = joinPath(cwd, context)
  const f = opts.get('-f') ?? opts.get('--file')
  if (f !== undefined && (f.includes('$') || f === '-' || f.startsWith('/'))) return undefined
  const file = f !== undefined ? joinPath(cwd, f) : joinPath(ctxDir ?? '', 'Dockerfile')
  const target = opts.get('--target')
  if (ctxDir === undefined || file === undefined) return undefined
  return { file, context: ctxDir, ...(target && !target.includes('$') ? { target } : {}) }
}

/** Follows `docker build`-like commands into their Dockerfile's RUN instructions (the command itself is kept). */
export const resolveDockerBuild: Resolver = (ctx, argv, site) => {
  const build = buildOf(argv, site.cwd)
  if (!build) return false
  emit(ctx, argv, site)
  followDockerfile(ctx, build, site)
  return true
}

/** Runs the RUN instructions of the stages a build needs, each linked to its Dockerfile line. */
export function followDockerfile(ctx: Ctx, build: ImageBuild, site: Omit<Site, 'text' | 'cwd'>): void {
  const base = enter({ ...site, text: '', cwd: '' }, `dockerfile:${build.file}`)
  if (!base) return
  const text = ctx.memo.get(DOCKERFILE_TEXTS, build.file, () => ctx.snapshot.text(build.file))
  if (text === undefined || text.length > MAX_TEXT) return
  const stages = parseStages(text)
  let runs = 0
  for (const stage of needed(stages, build.target)) {
    let workdir = '/'
    let cwd = build.context
    for (const ins of stage.instructions) {
      if (ins.op === 'WORKDIR') {
        workdir = containerPath(workdir, ins.rest.trim())
        continue
      }
      if (ins.op === 'COPY' || ins.op === 'ADD') {
        const from = copiedDir(ctx.snapshot, ins.rest, workdir, build.context)
        if (from !== undefined) cwd = from
        continue
      }
      if (ins.op !== 'RUN' || runs++ >= MAX_RUNS || ctx.full()) continue
      const script = runScriptOf(ins.rest)
      if (script === '') continue
      const via: ChainLink = link(build.file, ins.line, `RUN ${script}`)
      runScript(ctx, script, { path: build.file, line: ins.line, cwd }, { ...base, chain: [...base.chain, via] })
    }
  }
}


/** Joins `\` continuations (and heredoc bodies of `RUN <<EOF`); comments and parser directives are skipped. */
export function parseStages(text: string): Stage[] {
  const stages: Stage[] = []
  const lines = text.split(/\r?\n/)
  let cur: Stage | undefined
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim()
    if (t === '' || t.startsWith('#')) continue
    const start = i + 1
    let ins = t
    while (ins.endsWith('\\') && i + 1 < lines.length) {
      ins = ins.slice(0, -1).trimEnd() + ' '
      i++
      const next = lines[i]!.trim()
      if (!next.startsWith('#')) ins += next
    }
    const heredoc = /<<-?\s*["']?([A-Za-z_]\w*)["']?\s*$/.exec(ins)
    if (heredoc) {
      const body: string[] = []
      while (i + 1 < lines.length && lines[i + 1]!.trim() !== heredoc[1]) body.push(lines[++i]!)
      i++
      ins = ins.slice(0, heredoc.index).trimEnd() + ' ' + body.join('\n')
    }
    const sp = ins.search(/\s/)
    const op = (sp < 0 ? ins : ins.slice(0, sp)).toUpperCase()
    const rest = sp < 0 ? '' : ins.slice(sp + 1)
    if (op === 'FROM') {
      const words = rest.split(/\s+/).filter((w) => w !== '' && !w.startsWith('--'))
      const as = words.findIndex((w) => w.toUpperCase() === 'AS')
      cur = { from: words[0] ?? '', ...(as > 0 && words[as + 1] ? { name: words[as + 1]!.toLowerCase() } : {}), instructions: [] }
      stages.push(cur)
      continue
    }
    cur?.instructions.push({ line: start, op, rest })
  }
  return stages
}

/** The stages a build of `target` (else the last stage) needs, in file order. */
function needed(stages: readonly Stage[], target: string | undefined): Stage[] {
  const byName = new Map<string, number>()
  stages.forEach((s, k) => {
    if (s.name) byName.set(s.name, k)
  })
  const top = target !== undefined ? byName.get(target.toLowerCase()) : stages.length - 1
  if (top === undefined || top < 0) return []
  const want = new Set<number>()
  const visit = (k: number): void => {
    if (want.has(k) || want.size > 100) return
    want.add(k)
    const s = stages[k]!
    const parent = byName.get(s.from.toLowerCase())
    if (parent !== undefined && parent < k) visit(parent)
    for (const ins of s.instructions) {
      const m = /--from=(\S+)/.exec(ins.rest)
      const dep = m ? (byName.get(m[1]!.toLowerCase()) ?? (/^\d+$/.test(m[1]!) ? Number(m[1]) : undefined)) : undefined
      if (dep !== undefined && dep < k) visit(dep)
    }
  }
  visit(top)
  return stages.filter((_, k) => want.has(k))
}

/** The shell script of a RUN instruction: options (`--mount=…`) dropped, exec form joined. */
function runScriptOf(rest: string): string {
  let r = rest.trim()
  while (r.startsWith('--')) {
    const sp = r.search(/\s/)
    r = sp < 0 ? '' : r.slice(sp + 1).trimStart()
  }
  if (r.startsWith('[')) {
    try {
      const arr = JSON.parse(r) as unknown
      if (Array.isArray(arr)) {
        const words = arr.map(String)
        // ["/bin/sh", "-c", "…"]: the script itself.
        if (words.length === 3 && /(^|\/)(ba)?sh$/.test(words[0]!) && words[1] === '-c') return words[2]!
        return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ')
      }
    } catch {
      // Shell form after all.
    }
  }
  return r
}

function containerPath(workdir: string, to: string): string {
  if (to === '' || to.includes('$')) return workdir
  return to.startsWith('/') ? to.replace(/\/+$/, '') || '/' : `${workdir.replace(/\/+$/, '')}/${to}`
}

/** `COPY <dir> .` (or into the WORKDIR): the repository directory that becomes the working directory. */
function copiedDir(snapshot: Snapshot, rest: string, workdir: string, context: string): string | undefined {
  const words = rest.split(/\s+/).filter((w) => w !== '')
  if (words.some((w) => w.startsWith('--from'))) return undefined
  const args = words.filter((w) => !w.startsWith('--'))
  if (args.length !== 2) return undefined
  const [src, dest] = args as [string, string]
  const into = dest === '.' || dest === './' || containerPath(workdir, dest) === workdir || containerPath(workdir, dest) === workdir + '/'
  if (!into || /[*?[$]/.test(src)) return undefined
  const dir = joinPath(context, src)
  if (dir === undefined) return undefined
  if (dir === context) return dir
  // A directory of the repository, not a file copied in.
  return snapshot.under(dir).length > 0 ? dir : undefined
}
