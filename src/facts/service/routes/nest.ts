import { braceBody, touchesIn } from '../body.js'
import { callText, joinUrl, keywordArg, readLiteral } from '../text.js'
import type { HealthLibrary, Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'

/**
 * NestJS routes: `@Controller('users')` (or `{ path: 'users' }`) on a class, `@Get(':id')` on its
 * methods, and the global prefix of `app.setGlobalPrefix('api', { exclude: [...] })`.
 */

const METHOD_DECORATORS: Readonly<Record<string, string>> = {
  '@Get(': 'GET',
  '@Post(': 'POST',
  '@Put(': 'PUT',
  '@Delete(': 'DELETE',
  '@Patch(': 'PATCH',
  '@Head(': 'HEAD',
  '@Options(': 'OPTIONS',
  '@All(': 'ANY'
}

export function extractNest(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('nestjs')) return { routes: [] }
  let globalPrefix = ''
  let excluded: string[] = []
  const local: (Route & { controller: string })[] = []
  const libraries: HealthLibrary[] = []
  for (const file of ctx.src.files('node')) {
    // Only a controller, the global prefix or the Terminus module matter; decided before any split.
    const raw = ctx.src.text(file)
    if (raw === undefined || !(raw.includes('@Controller(') || raw.includes('.setGlobalPrefix(') || raw.includes('TerminusModule'))) continue
    const lines = ctx.src.lines(file)
    if (!lines) continue
    let controller: string | undefined
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!
      const t = line.trim()
      if (t.startsWith('//')) continue
      const gp = line.indexOf('.setGlobalPrefix(')
      if (gp >= 0) {
        const text = callText(lines, i, gp + 16)
        const lit = readLiteral(text, 1)
        if (lit) globalPrefix = lit.value
        const ex = keywordArg(text, 'exclude')
        if (ex) excluded = [...ex.matchAll(/['"`]([^'"`]*)['"`]/g)].map((m) => trimSlashes(m[1]!)).filter((x) => !/^(GET|POST|PUT|DELETE|PATCH)$/.test(x))
      }
      if (t.includes('TerminusModule') && !t.startsWith('import')) libraries.push({ name: '@nestjs/terminus', path: file, line: i + 1, text: t, routes: [], checks: [] })
      if (t.startsWith('@Controller(')) {
        const text = callText(lines, i, line.indexOf('('))
        const arg = text.slice(1).trim()
        const lit = readLiteral(arg, 0) ?? (arg.startsWith('{') ? readLiteral(keywordArg(arg, 'path') ?? '', 0) : undefined)
        controller = lit?.value ?? ''
        continue
      }
      if (controller === undefined) continue
      for (const [dec, method] of Object.entries(METHOD_DECORATORS)) {
        if (!t.startsWith(dec)) continue
        const lit = readLiteral(t, dec.length)
        let decl = i + 1
        while (decl < lines.length && decl < i + 8 && lines[decl]!.trim().startsWith('@')) decl++
        const [from, to] = braceBody(lines, decl)
        local.push({ controller, path: joinUrl(controller, lit?.value ?? ''), methods: [method], framework: 'nestjs', file, line: i + 1, touches: touchesIn(file, lines, from, to) })
      }
    }
  }
  const routes = local.map(({ controller: _c, ...r }) => {
    const rel = trimSlashes(r.path)
    return excluded.includes(rel) || globalPrefix === '' ? r : { ...r, path: joinUrl(globalPrefix, r.path) }
  })
  return { routes, libraries }
}

function trimSlashes(p: string): string {
  return p.replace(/^\/+|\/+$/g, '')
}
