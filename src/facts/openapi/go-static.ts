import type { ManifestFacts } from '../manifests/types.js'
import type { SourceSet } from '../service/files.js'
import { stringConstants } from '../service/routes/go-index.js'
import { callArgs, callText, joinUrl, knownSuffix, readLiteral, resolveExpr } from '../service/text.js'
import type { ServiceFacts } from '../service/types.js'
import type { SpecDoc, SpecGenerator } from './types.js'

/**
 * A Go service serving a directory (or one file) of the repository as static files, where that
 * directory holds a committed OpenAPI document: the document is served at the mount path plus its
 * path inside the directory (Beego's `bee generate docs` writes `swagger/swagger.json`, served by
 * `web.SetStaticPath("/swagger", "swagger")`). A relative directory is read from the repository
 * root and from the Go module root (the directory of the nearest `go.mod`), where `go run` starts.
 *
 * A mount inside an `if` block (`if web.BConfig.RunMode == "dev" {`) still serves the document in
 * the runs that take that branch: it counts, and the note says the condition.
 *
 * Traps, kept out on purpose: a directory given as a variable or an embedded filesystem
 * (`http.FS(docsFS)`, `//go:embed`) is not resolved; `"."` (the whole working directory) and
 * paths leaving the repository (`..`, absolute) are never read as a publication; a one-argument
 * `c.File(path)` is a handler sending a file, not a mount.
 */

interface StaticMountShape {
  /** Shown in the evidence. */
  readonly shape: string
  /** The call; the match ends at its opening parenthesis. */
  readonly call: RegExp
  /** Argument index of the directory (or file). */
  readonly dir: number
  /** Argument index of the URL; absent for a handler, mounted by the registration call that takes it. */
  readonly mount?: number
  /** The directory is the first argument of this wrapper (`http.Dir("docs")`, `gin.Dir("docs", false)`). */
  readonly wrapped?: RegExp
  /** The argument is one file, served at the mount itself. */
  readonly file?: boolean
  /** The file must mention one of these (a common package name such as `static`); a module constant, as mention memos are keyed by the list. */
  readonly imports?: readonly string[]
}

export const GO_STATIC_MOUNTS: readonly StaticMountShape[] = [
  // Beego v2 (`web`) and v1 (`beego`). Trap: Beego also serves `static/` at `/static` by default;
  // `bee generate docs` writes to `swagger/`, which needs its own SetStaticPath.
  { shape: 'Beego SetStaticPath', call: /\b(?:web|beego)\.SetStaticPath\(/, mount: 0, dir: 1 },
  // gin `r.Static`, echo `e.Static`, fiber v2 `app.Static` (whose root may also be one file).
  { shape: 'Static', call: /\.Static\(/, mount: 0, dir: 1 },
  // gin `r.StaticFS("/docs", http.Dir("docs"))` or `gin.Dir("docs", false)`.
  { shape: 'StaticFS', call: /\.StaticFS\(/, mount: 0, dir: 1, wrapped: /^(?:http|gin)\.Dir\(/ },
  { shape: 'StaticFile', call: /\.StaticFile\(/, mount: 0, dir: 1, file: true },
  // echo `e.File("/openapi.yaml", "api/openapi.yaml")`. Trap: echo's and gin's context `c.File(path)`
  // sends a file from a handler (one argument): not a mount.
  { shape: 'File', call: /\.File\(/, mount: 0, dir: 1, file: true },
  // net/http, chi, gorilla: `http.Handle("/docs/", http.StripPrefix("/docs/", http.FileServer(http.Dir("docs"))))`.
  { shape: 'http.FileServer', call: /\bhttp\.FileServer\(/, dir: 0, wrapped: /^http\.Dir\(/ },
  // fiber v3: `app.Get("/docs*", static.New("./docs"))`.
  { shape: 'fiber static', call: /\bstatic\.New\(/, dir: 0, imports: ['fiber/v3/middleware/static'] }
]

const TOKENS: readonly string[] = ['SetStaticPath(', '.Static(', '.StaticFS(', '.StaticFile(', '.File(', 'FileServer(', 'static.New(']
/** The registration call that mounts a handler: its first argument is the URL. */
const REGISTRATION = /\b(?:Handle|HandleFunc|PathPrefix|StripPrefix|Get|GET|Any|Use|Mount)\(/g
/** Lines searched for a handler variable's registration, and upwards for an enclosing block. */
const SPAN = 40
const MAX_MOUNTS = 3

/** Committed specs served by a static mount of a Go service. */
export function goStaticMounts(src: SourceSet, specs: readonly SpecDoc[], service: ServiceFacts, manifests: ManifestFacts): SpecGenerator[] {
  const own = specs.filter((s) => s.notOwn === null)
  if (own.length === 0 || !service.frameworks.some((f) => f.ecosystem === 'go')) return []
  const roots = manifests.manifests.filter((m) => m.ecosystem === 'go').map((m) => m.dir).sort((a, b) => b.length - a.length)
  const out: SpecGenerator[] = []
  for (const file of src.files('go')) {
    if (out.length >= MAX_MOUNTS) break
    if (!src.mentions(file, TOKENS)) continue
    const lines = src.lines(file)
    if (!lines) continue
    let consts: Map<string, string> | undefined
    const lookup = (n: string): string | undefined => (consts ??= new Map(stringConstants(lines.join('\n')))).get(n)
    const root = roots.find((r) => r === '' || file.startsWith(r + '/')) ?? ''
    for (let i = 0; i < lines.length && out.length < MAX_MOUNTS; i++) {
      const line = lines[i]!
      if (line.trimStart().startsWith('//')) continue
      for (const sh of GO_STATIC_MOUNTS) {
        const m = sh.call.exec(line)
        if (!m || (sh.imports && !src.mentions(file, sh.imports))) continue
        const args = callArgs(callText(lines, i, m.index + m[0].length - 1), 0)
        const dir = dirOf(args[sh.dir], sh.wrapped)
        const mount = sh.mount !== undefined ? urlOf(args[sh.mount], lookup) : handlerMount(lines, i, m.index, lookup)
        if (dir === undefined || mount === undefined) continue
        const hit = servedSpec(own, root === '' ? [dir] : [dir, `${root}/${dir}`], sh.file === true)
        if (!hit) continue
        const guard = enclosingIf(lines, i)
        out.push({
          tool: sh.shape,
          path: file,
          line: i + 1,
          text: line.trim().slice(0, 200),
          servedAt: below(mount, hit.below),
          note: `${sh.file ? `the file ${dir}` : `the directory ${dir}/`} holds ${hit.spec.path}${guard ? `; served conditionally: ${guard}` : ''}`
        })
        break
      }
    }
  }
  return out
}

/** A relative directory or file as a repository path (`./docs/` → `docs`), or undefined. */
function dirOf(arg: string | undefined, wrapped: RegExp | undefined): string | undefined {
  let a = arg?.trim()
  if (a !== undefined && wrapped) {
    const w = wrapped.exec(a)
    a = w ? callArgs(a, w[0].length - 1)[0] : undefined
  }
  const lit = a === undefined ? undefined : readLiteral(a, 0)
  if (!lit || lit.template || lit.end !== a!.length) return undefined
  const d = lit.value.replace(/^(\.\/)+/, '').replace(/\/+$/, '')
  if (d === '' || d === '.' || d.startsWith('/') || d.split('/').includes('..')) return undefined
  return d
}

/** A mount URL: a literal or constant, or `…/docs` below a prefix that does not resolve. */
function urlOf(arg: string | undefined, lookup: (n: string) => string | undefined): string | undefined {
  if (arg === undefined) return undefined
  const r = resolveExpr(arg, lookup)
  if ('value' in r) return r.value.startsWith('/') ? r.value : undefined
  const half = knownSuffix(arg, lookup)
  return half ? `…${half.suffix}` : undefined
}

/**
 * The URL a file-server handler is mounted at: the registration call before it on its line
 * (`http.Handle("/docs/", http.StripPrefix(…, http.FileServer(…)))`), or, for a handler assigned
 * to a variable, the registration naming that variable in the lines below.
 */
function handlerMount(lines: readonly string[], i: number, at: number, lookup: (n: string) => string | undefined): string | undefined {
  const before = lines[i]!.slice(0, at)
  const first = registrationUrl(before, lookup)
  if (first !== undefined) return first
  const name = /^\s*([A-Za-z_]\w*)\s*:?=\s*$/.exec(before)?.[1]
  if (!name) return undefined
  const uses = new RegExp(`\\b${name}\\b`)
  for (let k = i + 1; k < lines.length && k <= i + SPAN; k++) {
    const l = lines[k]!
    const use = uses.exec(l)
    if (use) {
      const url = registrationUrl(l.slice(0, use.index), lookup)
      if (url !== undefined) return url
    }
  }
  return undefined
}

function registrationUrl(text: string, lookup: (n: string) => string | undefined): string | undefined {
  REGISTRATION.lastIndex = 0
  for (let m = REGISTRATION.exec(text); m; m = REGISTRATION.exec(text)) {
    const url = urlOf(callArgs(text, m.index + m[0].length - 1)[0], lookup)
    if (url !== undefined) return url
  }
  return undefined
}

/** A path below the mount, its wildcard dropped (`/docs/*filepath`, `/docs*`); `…/docs` stays marked as below an unresolved prefix. */
function below(mount: string, rest: string): string {
  if (rest === '') return mount
  const base = mount.replace(/\/?\*\w*$/, '')
  return base.startsWith('…') ? '…' + joinUrl(base.slice(1), rest) : joinUrl(base, rest)
}

/** The first own spec in one of the candidate directories (or that file): its path below the directory. */
function servedSpec(specs: readonly SpecDoc[], candidates: readonly string[], file: boolean): { spec: SpecDoc; below: string } | undefined {
  for (const c of candidates) {
    for (const s of specs) {
      if (s.path === c) return { spec: s, below: '' }
      if (!file && s.path.startsWith(c + '/')) return { spec: s, below: s.path.slice(c.length + 1) }
    }
  }
  return undefined
}

/** The `if` line of the innermost block holding line `i` within its function, or undefined. */
function enclosingIf(lines: readonly string[], i: number): string | undefined {
  let depth = 0
  for (let k = i - 1; k >= 0 && k >= i - SPAN; k--) {
    const l = lines[k]!
    if (l.trimStart().startsWith('//')) continue
    let opens = false
    for (let c = l.length - 1; c >= 0 && !opens; c--) {
      if (l[c] === '}') depth++
      else if (l[c] === '{') {
        if (depth === 0) opens = true
        else depth--
      }
    }
    if (!opens) continue
    const t = l.trim()
    if (/^func\b/.test(t) || /\bfunc\s*\(/.test(t)) return undefined
    if (/^(?:\}\s*else\s+)?if\b|^\}\s*else\s*\{/.test(t)) return t.slice(0, 120)
  }
  return undefined
}
