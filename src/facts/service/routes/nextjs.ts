import { isTestPath } from '../../excluded.js'
import { braceBody, touchesIn } from '../body.js'
import { FRAMEWORKS } from '../frameworks.js'
import { joinUrl, readLiteral } from '../text.js'
import type { Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'

/**
 * Next.js routes come from files, not calls. A route handler is `app/**\/route.ts` (also under
 * `src/`) exporting HTTP verbs: `export async function GET`, `export const GET = wrap(…)`,
 * `export { handler as GET }`. Its URL is the folder path below `app/`: route groups `(group)`,
 * parallel-route slots `@slot` and private folders `_x` (not routed at all) follow Next's rules;
 * `[id]` is a parameter (`:id`), `[...slug]`/`[[...slug]]` a catch-all. `pages/api/**` files are
 * API routes answering every method (`index` is the folder itself). The `basePath` of
 * next.config prefixes everything.
 */

const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const
const EXPORT_FN = /^\s*export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/
const EXPORT_CONST = /^\s*export\s+(?:const|let|var)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b\s*(?::[^=]{0,120})?=/
const EXPORT_LIST = /^\s*export\s*\{([^}]{1,400})\}/
const CONFIGS = ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs', 'next.config.mts']

export function extractNext(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('nextjs')) return { routes: [] }
  const re = FRAMEWORKS.nextjs.serviceFiles ?? /(?!)/
  const dirs = new Set<string>()
  for (const m of ctx.manifests.manifests) if (m.ecosystem === 'node' && m.dependencies.some((d) => d.name === 'next' && !d.dev)) dirs.add(m.dir)
  const routes: Route[] = []
  for (const dir of dirs) {
    const base = dir === '' ? '' : dir + '/'
    const basePath = nextBasePath(ctx, base)
    for (const file of ctx.src.files('node')) {
      if (!file.startsWith(base) || isTestPath(file)) continue
      const rel = file.slice(base.length)
      if (!re.test(rel)) continue
      // A nested package's files belong to that package's own scan.
      if ([...dirs].some((d) => d.length > dir.length && file.startsWith(d + '/'))) continue
      const url = nextUrl(rel)
      if (url === undefined) continue
      const lines = ctx.src.lines(file)
      if (!lines) continue
      const path = joinUrl(basePath, url)
      if (rel.includes('pages/api/')) {
        const at = Math.max(0, lines.findIndex((l) => /^\s*export\s+default\b/.test(l)))
        const [from, to] = braceBody(lines, at)
        routes.push({ path, methods: ['ANY'], framework: 'nextjs', file, line: at + 1, touches: touchesIn(file, lines, from, to) })
        continue
      }
      // One route per exporting line (`export { handler as GET, handler as POST }` is one handler).
      const byLine = new Map<number, string[]>()
      for (const h of exportedVerbs(lines)) byLine.set(h.line, [...(byLine.get(h.line) ?? []), h.verb])
      for (const [line, methods] of byLine) {
        const [from, to] = braceBody(lines, line)
        routes.push({ path, methods, framework: 'nextjs', file, line: line + 1, touches: touchesIn(file, lines, from, to) })
      }
    }
  }
  return { routes }
}

/** The URL of a route file relative to its package, undefined when Next does not route it. */
export function nextUrl(rel: string): string | undefined {
  const parts = rel.split('/')
  if (parts[0] === 'src') parts.shift()
  const root = parts.shift()
  const leaf = parts.pop() ?? ''
  const segs: string[] = []
  for (const p of parts) {
    if (p.startsWith('_')) return undefined
    if ((p.startsWith('(') && p.endsWith(')')) || p.startsWith('@')) continue
    segs.push(segment(p))
  }
  if (root === 'pages') {
    const stem = leaf.replace(/\.[cm]?[jt]sx?$/, '')
    if (stem.startsWith('_')) return undefined
    if (stem !== 'index') segs.push(segment(stem))
  }
  return '/' + segs.join('/')
}

function segment(p: string): string {
  const m = /^\[{1,2}(\.\.\.)?([^\]]{1,80})\]{1,2}$/.exec(p)
  if (!m) return p
  return ':' + m[2]! + (m[1] ? '*' : '')
}

/** The verbs a route module exports, with the 0-based line of each. */
export function exportedVerbs(lines: readonly string[]): { verb: string; line: number }[] {
  const out: { verb: string; line: number }[] = []
  for (let i = 0; i < lines.length && out.length < VERBS.length * 2; i++) {
    const l = lines[i]!
    if (!l.includes('export')) continue
    const m = EXPORT_FN.exec(l) ?? EXPORT_CONST.exec(l)
    if (m) {
      out.push({ verb: m[1]!, line: i })
      continue
    }
    const list = EXPORT_LIST.exec(l)
    if (!list) continue
    for (const part of list[1]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()!.trim()
      if ((VERBS as readonly string[]).includes(name)) out.push({ verb: name, line: i })
    }
  }
  return out
}

/** `basePath: '/docs'` in the package's next.config, '' when absent or not a literal. */
function nextBasePath(ctx: ExtractContext, base: string): string {
  for (const name of CONFIGS) {
    const text = ctx.src.text(base + name)
    if (text === undefined) continue
    const at = text.indexOf('basePath:')
    if (at < 0) continue
    const lit = readLiteral(text.slice(at + 9).trimStart(), 0)
    return lit && !lit.template ? lit.value : ''
  }
  return ''
}
