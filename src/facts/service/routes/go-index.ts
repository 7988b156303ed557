import { memoKey } from '../../run-memo.js'
import { braceBody } from '../body.js'
import { dirname } from '../../paths.js'
import { matchLines, readLiteral } from '../text.js'
import type { ExtractContext } from './context.js'

const GO_FUNCS = memoKey<ReturnType<typeof funcDecls>>('goFuncs')

/**
 * What the Go route pass asks of a whole package or of the repository: where functions are
 * declared, package-level string constants (also of another package, `consts.URLPathAPI`), and
 * project helpers that wrap chi's `Mount`. Built from each file's text.
 */

/** A package-level string constant line, found in a whole text. */
const CONST_LINE = /^[ \t]*(?:const[ \t]+)?([A-Za-z_]\w*)[ \t]*(?:string[ \t]*)?=[ \t]*"/gm
/** The same, found in a whole text (one line each). */
const FUNC_DECL = /^func[ \t]+(?:\([^)\n]{0,80}\)[ \t]*)?([A-Za-z_]\w*)[ \t]*\(/gm

export interface HandlerAt {
  readonly file: string
  /** 0-based line of the `func` declaration. */
  readonly line: number
}

/**
 * Where each function of a package (its directory and the directories below) is first declared,
 * in listing order: one index per package asked about, built from each file's declarations
 * (asked once per route scan).
 */
export function handlerIndex(ctx: ExtractContext): (pkg: string, name: string) => HandlerAt | undefined {
  const byPkg = new Map<string, Map<string, HandlerAt>>()
  return (pkg, name) => {
    let index = byPkg.get(pkg)
    if (!index) {
      index = new Map()
      for (const f of ctx.src.files('go')) {
        if (dirname(f) !== pkg && !f.startsWith(pkg === '' ? '' : pkg + '/')) continue
        const text = ctx.src.text(f)
        if (text === undefined) continue
        for (const [fnName, line] of ctx.memo.get(GO_FUNCS, f, () => funcDecls(text))) if (!index.has(fnName)) index.set(fnName, { file: f, line })
      }
      byPkg.set(pkg, index)
    }
    return index.get(name)
  }
}

/** Top-level function declarations of a Go text (`func Name(`, `func (r *T) Name(`) and their 0-based lines, without splitting it. */
function funcDecls(text: string): [string, number][] {
  return matchLines(text, FUNC_DECL)
}

/** Package-level string constants of a text: `Name = "…"`, `const Name string = "…"`. */
/** A file's package-level string constants, asked by the Go route scans (chi/gin/echo and the plain shapes) once per run. */
export const GO_CONSTS = memoKey<[string, string][]>('go string constants')

export function stringConstants(text: string): [string, string][] {
  const out: [string, string][] = []
  CONST_LINE.lastIndex = 0
  for (let m = CONST_LINE.exec(text); m; m = CONST_LINE.exec(text)) {
    const end = text.indexOf('\n', m.index)
    const l = text.slice(m.index, end < 0 ? undefined : end)
    const lit = readLiteral(l, l.indexOf('"'))
    if (lit) out.push([m[1]!, lit.value])
  }
  return out
}

/**
 * A function of the package whose body mounts two of its own parameters with chi's `Mount`
 * (`func (s *Server) MountRouter(desc, urlPath string, h http.Handler) { … r.Mount(urlPath, h) }`):
 * the indexes of the path and handler parameters, or undefined.
 */
export function mountHelper(name: string, handlerAt: (name: string) => HandlerAt | undefined, linesOf: (file: string) => readonly string[] | undefined): { path: number; handler: number } | undefined {
  const at = handlerAt(name)
  const ls = at ? linesOf(at.file) : undefined
  if (!at || !ls) return undefined
  const decl = ls[at.line] ?? ''
  const open = decl.indexOf('(', decl.indexOf(name))
  const close = open < 0 ? -1 : decl.indexOf(')', open)
  if (close < 0) return undefined
  const params = decl
    .slice(open + 1, close)
    .split(',')
    .map((p) => p.trim().split(/\s+/)[0] ?? '')
  const [from, to] = braceBody(ls, at.line)
  for (let k = from; k <= to && k < ls.length; k++) {
    const mount = /\.Mount\(\s*([A-Za-z_]\w*)\s*,\s*([A-Za-z_]\w*)\s*\)/.exec(ls[k]!)
    if (!mount) continue
    const path = params.indexOf(mount[1]!)
    const handler = params.indexOf(mount[2]!)
    if (path >= 0 && handler >= 0) return { path, handler }
  }
  return undefined
}

/** A string constant of the package directory named `pkg` (the first one, in listing order, that declares it). */
export function qualifiedConst(pkgConsts: ReadonlyMap<string, ReadonlyMap<string, string>>, pkg: string, name: string): string | undefined {
  for (const [dir, consts] of pkgConsts) if ((dir === pkg || dir.endsWith('/' + pkg)) && consts.has(name)) return consts.get(name)
  return undefined
}
