import { braceBody, touchesIn } from '../body.js'
import { callArgs, callText, joinUrl, readLiteral } from '../text.js'
import type { Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'

/**
 * AdonisJS routes: `router.get('/health', [HealthController, 'index'])` with the router imported
 * from `@adonisjs/core/services/router` (v6), or `Route.get(…)` from `@ioc:Adonis/Core/Route`
 * (v5), usually in start/routes.ts. Groups prefix their routes:
 * `router.group(() => { … }).prefix('/api/v1')`, nested groups adding up. `router.resource('posts',
 * Controller)` declares the resource's routes (`/posts`, `/posts/:id`). The receiver must be the
 * imported router, so `cache.get('/x')` is never a route.
 */

const IMPORTS: readonly { module: string; fallback: string }[] = [
  { module: '@adonisjs/core/services/router', fallback: 'router' },
  { module: '@ioc:Adonis/Core/Route', fallback: 'Route' }
]
const VERBS: Readonly<Record<string, string>> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', any: 'ANY', route: 'ANY', resource: 'ANY' }

export function extractAdonis(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('adonisjs')) return { routes: [] }
  const routes: Route[] = []
  for (const file of ctx.src.files('node')) {
    const raw = ctx.src.text(file)
    if (raw === undefined || !IMPORTS.some((i) => raw.includes(i.module))) continue
    const lines = ctx.src.lines(file)
    if (lines) routes.push(...adonisFile(file, lines))
  }
  return { routes }
}

/** A group's lines and the prefix chained after its closing brace (`}).prefix('/api')`). */
function group(lines: readonly string[], i: number): { from: number; to: number; prefix: string } {
  const [from, to] = braceBody(lines, i)
  const tail = lines.slice(Math.max(from, to - 1), Math.min(lines.length, to + 3)).join(' ')
  const p = /\.prefix\(\s*(['"`][^'"`]*['"`])/.exec(tail)
  const lit = p ? readLiteral(p[1]!, 0) : undefined
  return { from, to, prefix: lit && !lit.template ? lit.value : '' }
}

/** The routes of one routes file. */
export function adonisFile(file: string, lines: readonly string[]): Route[] {
  const names = new Set<string>()
  for (const l of lines) {
    const imp = IMPORTS.find((i) => l.includes(i.module))
    const m = imp ? /^\s*import\s+([A-Za-z_$][\w$]*)\s+from\b/.exec(l) : null
    if (m) names.add(m[1]!)
  }
  if (names.size === 0) return []
  const groups: { from: number; to: number; prefix: string }[] = []
  const out: Route[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.length > 2000 || /^\s*(?:\/\/|\*)/.test(line)) continue
    // `router` alone on a line, then `.group(() => {` on the next.
    if (/^\s*\.group\(/.test(line) && names.has((lines[i - 1] ?? '').trim())) {
      groups.push(group(lines, i))
      continue
    }
    for (const recv of names) {
      const at = line.indexOf(recv + '.')
      if (at < 0 || /[\w$.]/.test(line[at - 1] ?? '')) continue
      const call = /^([a-z]+)\(/.exec(line.slice(at + recv.length + 1))
      if (!call) continue
      const method = call[1]!
      const open = at + recv.length + 1 + method.length
      if (method === 'group') {
        groups.push(group(lines, i))
        continue
      }
      const verb = VERBS[method]
      if (!verb) continue
      const args = callArgs(callText(lines, i, open), 0)
      const lit = readLiteral(args[0] ?? '', 0)
      if (!lit || lit.template) continue
      const prefixes = groups.filter((g) => i > g.from && i < g.to).map((g) => g.prefix)
      const [from, to] = braceBody(lines, i)
      const paths = method === 'resource' ? [lit.value, `${lit.value}/:id`] : [lit.value]
      for (const p of paths) out.push({ path: joinUrl(...prefixes, p), methods: [verb], framework: 'adonisjs', file, line: i + 1, touches: touchesIn(file, lines, from, to) })
    }
  }
  return out
}
