import { readLiteral } from '../text.js'
import type { Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'

/**
 * Sails routes are the keys of `module.exports.routes` in config/routes.js: `'GET /api/health':
 * 'HealthController.check'`, `'POST /login': { action: 'entrance/login' }`, or a bare `'/x'` that
 * answers every method. Trap: blueprint routes (REST shortcuts per model) are generated at run time
 * and are not read.
 */

const ROUTES_FILE = /(?:^|\/)config\/routes\.[cm]?[jt]s$/
const KEY = /^\s*(['"])(?:(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ALL)\s+)?(\/[^'"]{0,500})\1\s*:/i

export function extractSails(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('sails')) return { routes: [] }
  const routes: Route[] = []
  for (const file of ctx.src.files('node')) {
    if (!ROUTES_FILE.test(file)) continue
    const lines = ctx.src.lines(file)
    if (lines) routes.push(...sailsFile(file, lines))
  }
  return { routes }
}

export function sailsFile(file: string, lines: readonly string[]): Route[] {
  const out: Route[] = []
  for (let i = 0; i < lines.length; i++) {
    const m = KEY.exec(lines[i]!)
    if (!m) continue
    const verb = (m[2] ?? 'ALL').toUpperCase()
    const target = lines[i]!.slice(m[0].length).trim()
    const handler = readLiteral(target, 0)
    out.push({ path: m[3]!.trim(), methods: [verb === 'ALL' ? 'ANY' : verb], framework: 'sails', file, line: i + 1, ...(handler && !handler.template ? { handler: handler.value.slice(0, 200) } : {}) })
  }
  return out
}
