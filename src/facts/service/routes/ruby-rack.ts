import { touchesIn } from '../body.js'
import type { Framework, Route } from '../types.js'
import type { ExtractContext } from './context.js'
import { stripComment } from './ruby-source.js'

/**
 * Rack endpoints that answer a path themselves, outside any router: a class whose `call(env)`
 * dispatches on the request path — `case env["PATH_INFO"] when "/health"`, `if env["PATH_INFO"]
 * == "/ping"`, `request.path == "/healthz"` — as a health server started next to the app, or a
 * middleware that answers before the app. The route is credited to the service's framework.
 *
 * Trap: a middleware that only *skips* a path (`return @app.call(env) if env["PATH_INFO"] ==
 * "/health"`, to keep probes out of logs) passes it on: a branch that calls `@app.call` answers
 * nothing itself and is left out.
 */

const PATH_WORDS: readonly string[] = ['PATH_INFO', 'REQUEST_PATH', 'path_info']
const SUBJECT = /(?:env\[\s*["'](?:PATH_INFO|REQUEST_PATH)["']\s*\]|\b(?:req|request|rack_request)\.(?:path_info|path)\b)/
const COMPARE = new RegExp(SUBJECT.source + /\s*(?:==|\.eql\?\(?|\.start_with\?\(?)\s*["'](\/[\w./-]{0,80})["']/.source)
const CASE = new RegExp(/^case\s+/.source + SUBJECT.source)
const WHEN = /^when\s+((?:["']\/[\w./-]{0,80}["']\s*,?\s*){1,6})/
const BRANCH_LINES = 12

export function rackEndpoints(ctx: ExtractContext, framework: Framework): Route[] {
  const out: Route[] = []
  for (const file of ctx.src.files('ruby')) {
    if (!ctx.src.mentions(file, PATH_WORDS) || !ctx.src.mentions(file, ['def call'])) continue
    const lines = ctx.src.lines(file) ?? []
    if (!lines.some((l) => /^\s*def call\s*\(?\s*\w+/.test(l))) continue
    let inCase = false
    let depth = 0
    for (let i = 0; i < lines.length && out.length < 50; i++) {
      const t = stripComment(lines[i]!).trim()
      if (CASE.test(t)) {
        inCase = true
        depth = 0
        continue
      }
      const paths: string[] = []
      if (inCase) {
        const w = WHEN.exec(t)
        if (w) for (const m of w[1]!.matchAll(/["'](\/[\w./-]*)["']/g)) paths.push(m[1]!)
        if (/^(?:if|unless|case|begin|while)\b/.test(t) || /\bdo\s*(?:\|[^|]*\|)?$/.test(t)) depth++
        else if (/^end\b/.test(t)) inCase = depth-- > 0
      }
      const c = COMPARE.exec(t)
      if (c) paths.push(c[1]!)
      if (paths.length === 0) continue
      const to = branchEnd(lines, i)
      const branch = lines.slice(i, to).join('\n')
      if (branch.includes('@app.call') || branch.includes('app.call(env)')) continue
      for (const path of paths) {
        out.push({ path, methods: ['ANY'], framework, file, line: i + 1, handler: 'Rack endpoint', note: 'answered by a Rack endpoint', touches: touchesIn(file, lines, i, to) })
      }
    }
  }
  return out
}

/** Lines of the branch a comparison or `when` opens: to the next `when`/`else`/`elsif`/`end` at its depth. */
function branchEnd(lines: readonly string[], at: number): number {
  const head = stripComment(lines[at]!).trim()
  // A modifier (`return x if …`, `… then y`) is a one-line branch.
  if (!/^(?:if|unless|elsif|when)\b/.test(head) || /\bthen\b\s*\S/.test(head)) return at + 1
  let depth = 0
  for (let k = at + 1; k < lines.length && k < at + BRANCH_LINES; k++) {
    const t = stripComment(lines[k]!).trim()
    if (/^(?:if|unless|case|begin|while|def)\b/.test(t) || /\bdo\s*(?:\|[^|]*\|)?$/.test(t)) depth++
    else if (/^end\b/.test(t)) {
      if (depth === 0) return k
      depth--
    } else if (depth === 0 && /^(?:when|else|elsif)\b/.test(t)) return k
  }
  return Math.min(lines.length, at + BRANCH_LINES)
}
