import { joinPath } from '../../paths.js'
import { dispatch, emit, enter, runScript, type Ctx, type Site } from './engine.js'

/**
 * Shell scripts of the repository (`./scripts/lint.sh`, `bash scripts/test.sh`, `source x`,
 * `scripts/x`) are opened and resolved; Rails 8.1 `bin/ci` is read through `config/ci.rb`. A file
 * whose shebang names another interpreter (ruby, python, node) is a tool, not a script. The
 * script's arguments stand for its positional parameters (`./with-env.sh npm test` whose body ends
 * `exec "$@"` runs `npm test`); its shell functions run where they are called (shell/functions.ts).
 */

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'source', '.'])
const SHELL_SHEBANG = /^#!\s*\S*\/(env\s+(-S\s+)?)?(ba|z|da|k)?sh\b/

export function resolveScriptFile(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const w0 = argv[0]!
  let file: string | undefined
  let args: readonly string[] = []
  if (SHELLS.has(w0.toLowerCase().replace(/^.*\//, ''))) {
    const at = argv.findIndex((a, i) => i > 0 && !a.startsWith('-'))
    if (at < 0) return false
    file = argv[at]!
    args = argv.slice(at + 1)
  } else if (w0.includes('/')) {
    file = w0
    args = argv.slice(1)
  } else return false
  if (file.includes('$') || file.startsWith('/')) return false
  const path = joinPath(site.cwd, file)
  if (path === undefined) return false
  if (!ctx.snapshot.has(path)) {
    if (!looksLikeRepoScript(path)) return false
    emit(ctx, argv, site, { opaque: `${path} is not in the repository, so what it runs is unknown` })
    return true
  }
  if (path === 'bin/ci' || path.endsWith('/bin/ci')) {
    if (resolveRailsCi(ctx, path, site)) return true
  }
  const text = ctx.snapshot.text(path)
  if (text === undefined) return false
  const shell = SHELLS.has(w0.replace(/^.*\//, '')) || /\.(sh|bash)$/.test(path) || SHELL_SHEBANG.test(text) || !text.startsWith('#!')
  if (!shell) return false
  const base = enter(site, `script:${path}`)
  if (base === undefined) return false
  runScript(ctx, text, { path, line: 1, cwd: site.cwd }, base, args.length > 0 ? { args } : {})
  return true
}

/** Directories CI fills at run time (installed tools, build output): a missing file there is no repository script. */
const GENERATED = /(^|\/)(node_modules|vendor|\.venv|venv|env|target|build|dist|out|\.bin|\.cargo|\.tox|\.nox|bin\/Debug|bin\/Release)\//

/** A script the repository would hold (`./ci/test.sh`, `scripts/lint.py`), not a tool CI installs or builds. */
function looksLikeRepoScript(path: string): boolean {
  return !GENERATED.test(path) && /\.(sh|bash|zsh|py|rb|pl|js|mjs|ts|ps1)$/.test(path)
}

/** Rails 8.1: `bin/ci` runs the `step "Name", "cmd", "args"` lines of `config/ci.rb`. */
function resolveRailsCi(ctx: Ctx, binPath: string, site: Site): boolean {
  const root = binPath.slice(0, -'bin/ci'.length)
  const path = root + 'config/ci.rb'
  const text = ctx.snapshot.text(path)
  if (text === undefined) return false
  const base = enter(site, `rails-ci:${path}`)
  if (base === undefined) return false
  const lines = text.split('\n')
  const cwd = root.replace(/\/$/, '')
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*step\s*\(?\s*(.*)$/.exec(lines[i]!)
    if (!m) continue
    const literals = stringLiterals(m[1]!)
    if (literals.length < 2) continue
    const words = literals.slice(1)
    const lineNo = i + 1
    const cmdText = words.join(' ')
    if (words.length === 1) runScript(ctx, words[0]!, { path, line: lineNo, cwd }, base)
    else dispatch(ctx, words, { ...base, chain: [...base.chain, { path, line: lineNo, text: cmdText }], text: cmdText, cwd })
  }
  return true
}

/** The double- or single-quoted string literals of a Ruby/Python argument list, in order (no interpolation). */
export function stringLiterals(s: string): string[] {
  const out: string[] = []
  for (let i = 0; i < s.length; i++) {
    const q = s[i]
    if (q === '#') break
    if (q !== '"' && q !== "'") continue
    let v = ''
    let j = i + 1
    for (; j < s.length && s[j] !== q; j++) {
      if (s[j] === '\\' && j + 1 < s.length) v += s[++j]
      else v += s[j]
    }
    out.push(v)
    i = j
  }
  return out
}
resolveScriptFile.wantsPath = true
