import type { HealthLibrary, Route } from '../types.js'
import { joinUrl } from '../text.js'
import type { Extracted, ExtractContext } from './context.js'

/**
 * go-zero beyond its generated Go code:
 *
 * - goctl `.api` files declare the HTTP routes: `@server(prefix: /v1, group: user)` applies to
 *   the `service Name { @handler login \n post /user/login (Req) returns (Resp) }` block after
 *   it. goctl generates `internal/handler/routes.go` from them (read by routes/go-shapes.ts), so
 *   the `.api` routes are taken only where no generated route table (`rest.Route{`) is in the Go
 *   sources — the same routes are never counted twice.
 * - The dev server (`DevServer:` in the service's `etc/*.yaml`, `Enabled: true`) serves
 *   `HealthPath` (default `/healthz`) on its own port. Trap: without that block (the default),
 *   nothing answers health; go-zero's REST server has no health route of its own.
 */

const API_FILE = /\.api$/
const ETC_YAML = /(^|\/)etc\/[^/]+\.ya?ml$/
const SERVER_OPEN = /^\s*@server\s*\(/
const SERVICE_OPEN = /^\s*service\s+[\w-]+\s*\{/
const ROUTE = /^\s*(get|post|put|delete|patch|head|options)\s+(\/[^\s(]*)/i
/** Files and lines read at most (goctl files are small; a generated giant is not a route table). */
const MAX_API_FILES = 500
const MAX_API_LINES = 20_000

export function extractGoZero(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('go-zero')) return { routes: [] }
  const snapshot = ctx.src.snapshot
  const generated = ctx.src.files('go').some((f) => ctx.src.text(f)?.includes('rest.Route{'))
  const routes: Route[] = []
  if (!generated) {
    for (const file of snapshot.files().filter((f) => API_FILE.test(f)).slice(0, MAX_API_FILES)) {
      const text = snapshot.text(file)
      if (text !== undefined) routes.push(...apiRoutes(file, text.split('\n').slice(0, MAX_API_LINES)))
    }
  }
  const libraries: HealthLibrary[] = []
  for (const file of snapshot.files().filter((f) => ETC_YAML.test(f))) {
    const text = snapshot.text(file)
    const lib = text?.includes('DevServer:') ? devServer(file, text.split('\n')) : undefined
    if (lib) libraries.push(lib)
  }
  return { routes, libraries }
}

/** The routes of one `.api` file, with the prefix of the `@server` block before each service block. */
export function apiRoutes(file: string, lines: readonly string[]): Route[] {
  const out: Route[] = []
  let prefix = ''
  let inServer = false
  let inService = false
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\/\/.*$/, '')
    if (SERVER_OPEN.test(line)) {
      inServer = true
      prefix = ''
    }
    if (inServer) {
      const p = /\bprefix\s*:\s*"?([\w./{}:-]+)"?/.exec(line)
      if (p) prefix = p[1]!
      if (line.includes(')')) inServer = false
      continue
    }
    if (SERVICE_OPEN.test(line)) {
      inService = true
      continue
    }
    if (!inService) continue
    if (/^\s*\}/.test(line)) {
      inService = false
      prefix = ''
      continue
    }
    const r = ROUTE.exec(line)
    if (!r) continue
    const handler = /@handler\s+(\w+)/.exec(lines[i - 1] ?? '')?.[1]
    out.push({ path: joinUrl(prefix, r[2]!), methods: [r[1]!.toUpperCase()], framework: 'go-zero', file, line: i + 1, ...(handler ? { handler } : {}) })
  }
  return out
}

/** An enabled `DevServer:` block of a go-zero YAML config: the health route it serves. */
export function devServer(file: string, lines: readonly string[]): HealthLibrary | undefined {
  const at = lines.findIndex((l) => /^\s*DevServer:\s*$/.test(l))
  if (at < 0) return undefined
  const indent = lines[at]!.search(/\S/)
  let enabled = false
  let path = '/healthz'
  let port = '6470'
  for (let k = at + 1; k < lines.length && k < at + 40; k++) {
    const l = lines[k]!
    if (l.trim() === '' || l.trim().startsWith('#')) continue
    if (l.search(/\S/) <= indent) break
    const kv = /^\s*(\w+):\s*"?([^"#]*?)"?\s*(#.*)?$/.exec(l)
    if (!kv) continue
    if (kv[1] === 'Enabled') enabled = kv[2] === 'true'
    else if (kv[1] === 'HealthPath' && kv[2]!.startsWith('/')) path = kv[2]!
    else if (kv[1] === 'Port' && /^\d+$/.test(kv[2]!)) port = kv[2]!
  }
  if (!enabled) return undefined
  return { name: `go-zero DevServer (port ${port})`, path: file, line: at + 1, text: lines[at]!.trim(), routes: [path], checks: [] }
}
