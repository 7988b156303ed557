import { basename, dirname, joinPath } from '../../paths.js'
import { enter, runScript, type Ctx, type Site } from './engine.js'

/**
 * `go generate <file.go>` or `go generate ./pkg`: the `//go:generate` directives of that file (or
 * of the package folder's Go files, not recursing), each run in the file's folder. `./...` names
 * every package of the module and is left as written: what it runs is not one file's business.
 */

const DIRECTIVE = /^\/\/go:generate\s+(.+)$/
const MAX_FILES = 50

export function resolveGoGenerate(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  if (argv[0] !== 'go' || argv[1] !== 'generate') return false
  const targets = argv.slice(2).filter((a) => !a.startsWith('-'))
  if (targets.length === 0 || argv.slice(2).some((a) => a.startsWith('-run') || a.startsWith('-skip')) || targets.some((t) => t.includes('...'))) return false
  const files: string[] = []
  for (const t of targets) {
    const p = joinPath(site.cwd, t)
    if (p === undefined) return false
    if (t.endsWith('.go')) files.push(p)
    else for (const f of ctx.snapshot.under(p)) if (f.endsWith('.go') && dirname(f) === p && !f.endsWith('_test.go')) files.push(f)
  }
  let found = false
  for (const file of files.slice(0, MAX_FILES)) {
    const text = ctx.snapshot.text(file)
    if (text === undefined || !text.includes('//go:generate')) continue
    const base = enter(site, `go-generate:${file}`)
    if (base === undefined) continue
    text.split('\n').forEach((l, i) => {
      const m = DIRECTIVE.exec(l.trim())
      if (!m) return
      found = true
      runScript(ctx, m[1]!.replace(/\$GOFILE\b/g, basename(file)), { path: file, line: i + 1, cwd: dirname(file) }, base)
    })
  }
  return found
}
