import { dirname } from '../../paths.js'
import { nestingDepth } from '../../openapi/parse.js'
import { touchesIn } from '../body.js'
import { callArgs, callText, joinUrl, keywordArg, readLiteral } from '../text.js'
import type { Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'
import { defBody } from './python-common.js'

/**
 * Connexion is spec-first: `app.add_api("openapi.yaml", base_path="/v1")` serves every operation
 * of the document, below the base path (else the spec's `basePath` or its first server URL's
 * path). The document is looked up under the app's `specification_dir` next to the calling file,
 * else by its name anywhere in the repository. Each operation's `operationId`
 * (`app.api.health.get`) names the handler: its body is read when the module is found. The
 * document is read line by line (block YAML) or, for JSON, parsed after a depth check: a
 * hostile document costs one bounded pass. Traps: `resolver=RestyResolver(…)` derives handlers
 * from paths (no operationId: the handler is left unread); a spec given as a dict built in code
 * is not followed.
 */

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])
const MAX_OPERATIONS = 2000

interface Operation {
  readonly path: string
  readonly method: string
  readonly line: number
  readonly operationId?: string
}

export function extractConnexion(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('connexion')) return { routes: [] }
  const routes: Route[] = []
  for (const file of ctx.src.files('python')) {
    if (!ctx.src.mentions(file, ['add_api('])) continue
    const lines = ctx.src.lines(file)
    if (!lines) continue
    const specDir = specificationDir(lines)
    for (let i = 0; i < lines.length; i++) {
      const at = lines[i]!.indexOf('.add_api(')
      if (at < 0 || lines[i]!.trimStart().startsWith('#')) continue
      const text = callText(lines, i, at + '.add_api'.length)
      const name = readLiteral(callArgs(text, 0)[0] ?? '', 0)?.value
      if (!name) continue
      const spec = findSpec(ctx, dirname(file), specDir, name)
      if (!spec) continue
      const read = ctx.src.snapshot.read(spec)
      if (read.kind !== 'text') continue
      const kw = keywordArg(text, 'base_path')
      const base = (kw ? readLiteral(kw, 0)?.value : undefined) ?? specBase(read.text)
      for (const op of operations(read.text)) {
        routes.push({ path: joinUrl(base, op.path), methods: [op.method.toUpperCase()], framework: 'connexion', file: spec, line: op.line, note: `served by add_api at ${file}:${i + 1}`, ...handlerOf(ctx, op.operationId) })
      }
    }
  }
  return { routes }
}

function specificationDir(lines: readonly string[]): string {
  for (let i = 0; i < lines.length; i++) {
    const at = lines[i]!.indexOf('specification_dir')
    if (at < 0) continue
    const kw = keywordArg(lines[i]!.slice(at), 'specification_dir')
    const lit = kw ? readLiteral(kw, 0) : undefined
    if (lit) return lit.value
  }
  return ''
}

function findSpec(ctx: ExtractContext, dir: string, specDir: string, name: string): string | undefined {
  const files = ctx.src.snapshot.files()
  const norm = (p: string): string => p.split('/').filter((s) => s !== '' && s !== '.').join('/')
  const near = norm([dir, specDir, name].join('/'))
  if (files.includes(near)) return near
  const base = name.slice(name.lastIndexOf('/') + 1)
  return files.filter((f) => f === base || f.endsWith('/' + base)).sort((a, b) => a.length - b.length)[0]
}

function handlerOf(ctx: ExtractContext, operationId: string | undefined): Pick<Route, 'handler' | 'touches'> {
  if (!operationId || !/^[\w.]+$/.test(operationId)) return {}
  const dot = operationId.lastIndexOf('.')
  if (dot < 0) return { handler: operationId }
  const module = operationId.slice(0, dot).replace(/\./g, '/')
  const file = ctx.src.files('python').find((f) => f.endsWith(module + '.py') || f.endsWith(module + '/__init__.py'))
  const lines = file ? ctx.src.lines(file) : undefined
  const body = lines ? defBody(lines, operationId.slice(dot + 1)) : undefined
  return { handler: operationId, ...(file && lines && body ? { touches: touchesIn(file, lines, body[0], body[1]) } : {}) }
}

/** `basePath: /v1` (Swagger 2) or the path of the first `servers` URL (OpenAPI 3). */
function specBase(text: string): string {
  const m = /^basePath:\s*["']?([^"'\s#]+)/m.exec(text) ?? /^servers:\s*\n\s*-\s*url:\s*["']?(?:[a-z]+:\/\/[^/"'\s]*)?(\/[^"'\s#]*)/m.exec(text)
  return m?.[1] ?? ''
}

/** The operations of a document: `paths` keys and their method keys, with lines (YAML) or parsed (JSON). */
export function operations(text: string): Operation[] {
  if (text.trimStart().startsWith('{')) {
    if (nestingDepth(text) > 64) return []
    try {
      const doc = JSON.parse(text) as { paths?: Record<string, Record<string, { operationId?: unknown }>> }
      const out: Operation[] = []
      for (const [path, item] of Object.entries(doc.paths ?? {})) {
        if (!item || typeof item !== 'object') continue
        for (const [method, op] of Object.entries(item)) {
          if (!METHODS.has(method) || out.length >= MAX_OPERATIONS) continue
          out.push({ path, method, line: 1, ...(op && typeof op.operationId === 'string' ? { operationId: op.operationId } : {}) })
        }
      }
      return out
    } catch {
      return []
    }
  }
  const lines = text.split('\n')
  const out: Operation[] = []
  let inPaths = false
  let pathIndent = -1
  let methodIndent = -1
  let path: string | undefined
  let current: { method: string; line: number; indent: number; operationId?: string } | undefined
  const flush = (): void => {
    if (current && path !== undefined && out.length < MAX_OPERATIONS) out.push({ path, method: current.method, line: current.line, ...(current.operationId ? { operationId: current.operationId } : {}) })
    current = undefined
  }
  for (let i = 0; i < lines.length && i < 200_000; i++) {
    const l = lines[i]!
    const t = l.trim()
    if (t === '' || t.startsWith('#')) continue
    const indent = l.length - l.trimStart().length
    if (indent === 0) {
      flush()
      inPaths = /^paths:\s*(#.*)?$/.test(t)
      pathIndent = -1
      continue
    }
    if (!inPaths) continue
    const key = /^["']?([^"':]+?)["']?\s*:\s*(.*)$/.exec(t)
    if (pathIndent < 0 && key?.[1]!.startsWith('/')) pathIndent = indent
    if (indent === pathIndent && key) {
      flush()
      path = key[1]!.startsWith('/') ? key[1]! : undefined
      methodIndent = -1
      continue
    }
    if (path === undefined || indent <= pathIndent) continue
    if (methodIndent < 0) methodIndent = indent
    if (indent === methodIndent && key) {
      flush()
      if (METHODS.has(key[1]!.toLowerCase())) current = { method: key[1]!.toLowerCase(), line: i + 1, indent }
      continue
    }
    if (current && indent > current.indent && key?.[1] === 'operationId') current.operationId = key[2]!.replace(/^["']|["']$/g, '').trim()
  }
  flush()
  return out
}
