import { dirname, joinPath } from '../paths.js'
import { instructions } from './dockerfile.js'

/**
 * What a container built from a Dockerfile runs when started: the chosen stage's `ENTRYPOINT` and
 * `CMD` (exec or shell form), its `WORKDIR`, and where container paths come from in the build
 * context (`COPY scripts/ /app/scripts/`, `COPY . .`), so `ENTRYPOINT ["./scripts/test.sh"]` can
 * be followed to the repository's `scripts/test.sh`. Read as text, never built.
 *
 * Traps: a later stage's `ENTRYPOINT`/`CMD` replaces an earlier one's; `FROM x AS y` with
 * `--target y` picks that stage; `COPY --from=builder` copies from another stage, not from the
 * repository, so it maps nothing.
 */

export interface StartCommand {
  /** Words of an exec form, or the text of a shell form (run by `/bin/sh -c`). */
  readonly words?: readonly string[]
  readonly shell?: string
  readonly line: number
}

export interface ContainerStart {
  readonly entrypoint?: StartCommand
  readonly cmd?: StartCommand
  readonly workdir: string
  /** `COPY`/`ADD` from the build context: sources (context-relative) and destination (absolute). */
  readonly copies: readonly { readonly sources: readonly string[]; readonly dest: string }[]
}

function startCommand(rest: string, line: number): StartCommand | undefined {
  const t = rest.trim()
  if (t.startsWith('[')) {
    try {
      const arr = JSON.parse(t) as unknown
      if (Array.isArray(arr) && arr.every((x) => typeof x === 'string')) return arr.length > 0 ? { words: arr as string[], line } : undefined
    } catch {
      // Not JSON: Docker runs it as a shell form.
    }
  }
  return t === '' ? undefined : { shell: t, line }
}

interface Stage {
  name?: string
  entrypoint?: StartCommand
  cmd?: StartCommand
  workdir: string
  copies: { sources: string[]; dest: string }[]
}

export function containerStart(text: string, target?: string): ContainerStart {
  const stages: Stage[] = []
  let stage: Stage = { workdir: '/', copies: [] }
  for (const [line, ins] of instructions(text)) {
    const sp = ins.search(/\s/)
    const op = (sp < 0 ? ins : ins.slice(0, sp)).toUpperCase()
    const rest = sp < 0 ? '' : ins.slice(sp + 1).trim()
    if (op === 'FROM') {
      const name = /\bAS\s+([A-Za-z0-9_.-]+)\s*$/i.exec(rest)?.[1]
      // A stage built FROM an earlier one inherits its start command, working directory and files.
      const base = rest.split(/\s+/).find((w) => !w.startsWith('--'))
      const parent = stages.find((st) => st.name !== undefined && st.name === base)
      stage = { ...(parent ?? { workdir: '/' }), copies: [...(parent?.copies ?? [])] }
      if (name) stage.name = name
      else delete stage.name
      stages.push(stage)
      continue
    }
    if (op === 'ENTRYPOINT') {
      const c = startCommand(rest, line)
      if (c) stage.entrypoint = c
      else delete stage.entrypoint
      // Setting ENTRYPOINT resets a CMD inherited from the base image.
      delete stage.cmd
    } else if (op === 'CMD') {
      const c = startCommand(rest, line)
      if (c) stage.cmd = c
    } else if (op === 'WORKDIR') {
      const w = rest.replace(/^["']|["']$/g, '')
      if (!w.includes('$')) stage.workdir = w.startsWith('/') ? w : `${stage.workdir.replace(/\/$/, '')}/${w}`
    } else if (op === 'COPY' || op === 'ADD') {
      const words = rest.split(/\s+/).filter((w) => w !== '')
      if (words.some((w) => w.startsWith('--from'))) continue
      const plain = words.filter((w) => !w.startsWith('--'))
      if (plain.length < 2 || plain[0]!.startsWith('[')) continue
      const dest = plain[plain.length - 1]!
      const here = dest === '.' || dest === './'
      const abs = dest.startsWith('/') ? dest : `${stage.workdir.replace(/\/$/, '')}/${here ? '' : dest}`
      stage.copies.push({ sources: plain.slice(0, -1), dest: abs.endsWith('/') || here ? abs.replace(/\/?$/, '/') : abs })
    }
  }
  const chosen = (target !== undefined ? stages.find((st) => st.name === target) : undefined) ?? stages[stages.length - 1] ?? stage
  return { workdir: chosen.workdir, copies: chosen.copies, ...(chosen.entrypoint ? { entrypoint: chosen.entrypoint } : {}), ...(chosen.cmd ? { cmd: chosen.cmd } : {}) }
}

/** The repository file a container path comes from (context-relative, joined to `context`), when a COPY says so. */
export function repoPathOf(start: ContainerStart, containerPath: string, context: string): string | undefined {
  const abs = containerPath.startsWith('/') ? containerPath : `${start.workdir.replace(/\/$/, '')}/${containerPath.replace(/^\.\//, '')}`
  for (let i = start.copies.length - 1; i >= 0; i--) {
    const c = start.copies[i]!
    for (const src of c.sources) {
      if (src.includes('*') || src.includes('$') || src.includes('://')) continue
      const s = src.replace(/^\.\//, '').replace(/\/$/, '')
      if (c.dest.endsWith('/')) {
        // `COPY . /app/` or `COPY scripts/ /app/scripts/`: a directory copied under dest.
        if ((s === '.' || s === '') && abs.startsWith(c.dest)) return joinPath(context, abs.slice(c.dest.length))
        if (abs === c.dest + s.slice(s.lastIndexOf('/') + 1)) return joinPath(context, s)
        if (src.endsWith('/') && abs.startsWith(c.dest)) return joinPath(context, `${s}/${abs.slice(c.dest.length)}`)
      } else if (abs === c.dest) return joinPath(context, s)
    }
  }
  return undefined
}

/** The build context directory of a Dockerfile named without one: its own directory. */
export function defaultContext(dockerfile: string): string {
  return dirname(dockerfile)
}
