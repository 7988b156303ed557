import type { SourceSet } from '../service/files.js'
import { FRAMEWORKS } from '../service/frameworks.js'
import { readLiteral } from '../service/text.js'
import type { ServiceFacts } from '../service/types.js'
import type { SpecGenerator } from './types.js'

/**
 * Where a Rust service serves its OpenAPI document: the UI and spec servers of utoipa
 * (`SwaggerUi::new("/swagger-ui").url("/api-docs/openapi.json", …)`, `Redoc::with_url`,
 * `RapiDoc::new`, `Scalar::with_url`), paperclip's `.with_json_spec_at("/api/spec")`, apistos's
 * `.build("/openapi.json")`, poem-openapi's `.spec_endpoint()`/`.swagger_ui()` nested at a path,
 * and any route whose path names a document (`/api/v1/openapi.json`, `/api-docs`), as aide apps
 * serve theirs. A server behind `#[cfg(feature = "…")]` is served only in builds with that
 * feature, which the evidence says. The generators themselves are rows of GENERATORS.
 */

interface Server {
  readonly tool: string
  readonly token: string
  /** The crate a file must mention for the token to count (`.build("` is everywhere). */
  readonly requires?: string
  /** The served path is the literal of this later call on the same statement (`.url("…")`), else the token's own. */
  readonly pathCall?: string
  /** Served where nested (`.nest("/docs", ui)`): no literal of its own. */
  readonly nested?: true
}

const SERVERS: readonly Server[] = [
  { tool: 'utoipa-swagger-ui', token: 'SwaggerUi::new(', pathCall: '.url(' },
  { tool: 'utoipa-redoc', token: 'Redoc::with_url(' },
  { tool: 'utoipa-rapidoc', token: 'RapiDoc::new(' },
  { tool: 'utoipa-scalar', token: 'Scalar::with_url(' },
  { tool: 'paperclip', token: '.with_json_spec_at(' },
  { tool: 'paperclip', token: '.with_json_spec_v3_at(' },
  { tool: 'apistos', token: '.build("', requires: 'apistos' },
  { tool: 'poem-openapi', token: '.spec_endpoint()', requires: 'poem_openapi', nested: true },
  { tool: 'poem-openapi', token: '.swagger_ui()', requires: 'poem_openapi', nested: true },
  { tool: 'poem-openapi', token: '.redoc()', requires: 'poem_openapi', nested: true },
  { tool: 'poem-openapi', token: '.scalar()', requires: 'poem_openapi', nested: true }
]

const TOKENS = SERVERS.map((s) => s.token)

/** The last segment of a route that serves an OpenAPI document or its UI. */
const DOC_SEGMENT = /^((openapi|swagger|api-docs?|apidocs?|api)\.(json|ya?ml)|openapi|swagger(-ui)?|api-docs?|redoc|rapidoc|scalar)$/i

/** `generated`: a generator was found, so a route named for a document serves one. */
export function rustServers(src: SourceSet, service: ServiceFacts, generated: boolean): SpecGenerator[] {
  const out: SpecGenerator[] = []
  for (const file of src.files('rust')) {
    if (!src.mentions(file, TOKENS)) continue
    const lines = src.lines(file)
    const text = src.text(file)
    if (!lines || text === undefined) continue
    for (const s of SERVERS) {
      if (s.requires && !text.includes(s.requires)) continue
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i]!
        const at = l.indexOf(s.token)
        if (at < 0 || l.trimStart().startsWith('//')) continue
        const served = s.nested ? nestedAt(lines, i) : servedPath(lines, i, at + s.token.length, s.pathCall)
        const gate = featureGate(lines, i)
        out.push({ tool: s.tool, path: file, line: i + 1, text: l.trim().slice(0, 200), servedAt: served ?? '(a path Shipshape could not read)', ...(gate ? { note: `served only in builds with cargo feature ${gate}` } : {}) })
        break
      }
    }
  }
  for (const r of generated ? service.routes : []) {
    const last = r.path.split('/').filter(Boolean).pop() ?? ''
    if (FRAMEWORKS[r.framework].ecosystem !== 'rust' || !DOC_SEGMENT.test(last)) continue
    out.push({ tool: 'spec route', path: r.file, line: r.line, text: `${r.methods.join('/')} ${r.path}`, servedAt: r.path, note: `served by the route at ${r.file}:${r.line}` })
  }
  return out
}

/** The literal argument of the token's call, or of a `pathCall` later on the statement (a few lines). */
function servedPath(lines: readonly string[], i: number, from: number, pathCall: string | undefined): string | undefined {
  if (pathCall) {
    for (let k = i; k < lines.length && k < i + 6; k++) {
      const l = lines[k]!
      const at = l.indexOf(pathCall, k === i ? from : 0)
      const lit = at >= 0 ? readLiteral(l, at + pathCall.length) : undefined
      if (lit) return lit.value
      if (l.includes(';')) break
    }
  }
  return readLiteral(lines[i]!, from)?.value ?? readLiteral(lines[i + 1] ?? '', 0)?.value
}

/** poem-openapi: `let ui = api.swagger_ui();` then `.nest("/docs", ui)` in the same file. */
function nestedAt(lines: readonly string[], i: number): string | undefined {
  const name = /let\s+(?:mut\s+)?([A-Za-z_]\w*)\s*=/.exec(lines[i]!)?.[1]
  if (!name) return undefined
  const nest = new RegExp(`\\.nest\\(\\s*"([^"]{0,200})"\\s*,\\s*${name}\\b`)
  for (const l of lines) {
    const m = nest.exec(l)
    if (m) return m[1]!
  }
  return undefined
}

/**
 * `#[cfg(feature = "swagger")]` on the statement, or on a statement enclosing it (the closure of
 * `#[cfg(…)] let app = app.configure(|cfg| { … })`), as the feature's name. Walks up at most 25
 * lines: sibling statements above are passed over, their attributes never count.
 */
function featureGate(lines: readonly string[], i: number): string | undefined {
  let depth = 0
  let sibling = false
  for (let k = i; k >= 0 && k > i - 25; k--) {
    const l = lines[k]!
    if (k < i) {
      for (const c of l) depth += c === '}' ? 1 : c === '{' ? -1 : 0
      if (depth < 0) {
        // The line that opens the enclosing block: its statement's attributes are above it.
        depth = 0
        sibling = false
      } else if (depth === 0 && /;\s*$/.test(l)) sibling = true
    }
    const m = /#\[cfg\(feature\s*=\s*"([^"]{1,60})"\)\]/.exec(l)
    if (m && !sibling) return m[1]
  }
  return undefined
}
