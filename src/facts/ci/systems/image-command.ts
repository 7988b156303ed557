import { instructions } from '../../deploy/dockerfile.js'
import { basename, joinPath } from '../../paths.js'
import { shellJoin } from '../resolve/engine.js'

/**
 * What a container built from one of the repository's Dockerfiles runs when a CI step starts it
 * without a command (a Cloud Build step with no `args`): its final stage's `ENTRYPOINT` and `CMD`,
 * with absolute paths the Dockerfile `COPY`s from the build context mapped back to repository
 * paths (`COPY ./integration/test-runner.sh /testbase/` + `CMD ["/testbase/test-runner.sh"]` runs
 * `integration/test-runner.sh`). `bash -c "…"` runs its script. Facts only: nothing is executed.
 */

export interface ImageCommand {
  /** The command as a shell script. */
  readonly script: string
  /** 1-based line of the CMD or ENTRYPOINT it comes from. */
  readonly line: number
}

interface Copy {
  readonly src: string
  readonly dest: string
}

/** Words of an exec-form (`["a", "b"]`) or shell-form (`a b`, run by `/bin/sh -c`) instruction. */
function words(rest: string): string[] {
  const t = rest.trim()
  if (t.startsWith('[')) {
    try {
      const arr = JSON.parse(t) as unknown
      if (Array.isArray(arr)) return arr.map(String)
    } catch {
      /* shell form after all */
    }
  }
  return ['/bin/sh', '-c', t]
}

/** The default command of the image a Dockerfile builds, relative to the build context `context`, or undefined. */
export function imageCommand(dockerfile: string, context: string, args?: readonly string[]): ImageCommand | undefined {
  let entrypoint: { argv: string[]; line: number } | undefined
  let cmd: { argv: string[]; line: number } | undefined
  let copies: Copy[] = []
  for (const [line, ins] of instructions(dockerfile)) {
    const sp = ins.search(/\s/)
    const op = (sp < 0 ? ins : ins.slice(0, sp)).toUpperCase()
    const rest = sp < 0 ? '' : ins.slice(sp + 1).trim()
    if (op === 'FROM') {
      // A new stage starts from scratch (a stage built on an earlier one keeps little we can follow).
      entrypoint = undefined
      cmd = undefined
      copies = []
    } else if (op === 'ENTRYPOINT') entrypoint = { argv: words(rest), line }
    else if (op === 'CMD') cmd = { argv: words(rest), line }
    else if (op === 'COPY' || op === 'ADD') {
      if (/--from=/.test(rest)) continue
      const parts = rest.startsWith('[') ? safeArray(rest) : rest.split(/\s+/).filter((w) => !w.startsWith('--'))
      if (parts.length < 2) continue
      const dest = parts[parts.length - 1]!
      const srcs = parts.slice(0, -1)
      for (const src of srcs) {
        const repo = joinPath(context, src)
        if (repo === undefined) continue
        const into = dest.endsWith('/') || srcs.length > 1 ? dest.replace(/\/+$/, '') + '/' + basename(src) : dest
        copies.push({ src: repo, dest: src === '.' || src === './' ? dest.replace(/\/+$/, '') : into })
      }
    }
  }
  const tail = args !== undefined && args.length > 0 ? [...args] : (cmd?.argv ?? [])
  const argv = [...(entrypoint?.argv ?? []), ...tail]
  const line = (args === undefined || args.length === 0 ? cmd?.line : undefined) ?? entrypoint?.line ?? cmd?.line
  if (argv.length === 0 || line === undefined) return undefined
  const shell = /(^|\/)(ba|z|da)?sh$/.test(argv[0]!) ? argv.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w)) : -1
  const script = shell > 0 && argv[shell + 1] !== undefined ? argv[shell + 1]! : shellJoin(argv)
  return { script: mapPaths(script, copies), line }
}

function safeArray(s: string): string[] {
  try {
    const arr = JSON.parse(s) as unknown
    return Array.isArray(arr) ? arr.map(String) : []
  } catch {
    return []
  }
}

/** Absolute container paths a COPY put there, rewritten as repository paths. */
function mapPaths(script: string, copies: readonly Copy[]): string {
  if (copies.length === 0) return script
  return script.replace(/(^|[\s'"=])(\/[\w./-]+)/g, (whole, pre: string, p: string) => {
    for (const c of copies) {
      if (p === c.dest) return `${pre}./${c.src}`
      if (p.startsWith(c.dest + '/')) return `${pre}./${joinPath(c.src, p.slice(c.dest.length + 1)) ?? p}`
    }
    return whole
  })
}
