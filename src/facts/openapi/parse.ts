import { loadYamlData } from '../parse/yaml.js'

/**
 * Bounded reading of an OpenAPI document. Nesting depth is measured by a linear scan before any
 * parser runs (JSON.parse and js-yaml recurse, so a 200,000-deep document would overflow the
 * stack), YAML anchors and aliases are counted first (alias bombs), and only the top level is
 * looked at after parsing: `$ref`s are never followed, so cycles cannot loop.
 */

export const MAX_SPEC_DEPTH = 128
export const MAX_YAML_ALIASES = 200
export const MAX_SPEC_BYTES = 5 * 1024 * 1024

export interface ParsedSpec {
  readonly version: string
  readonly kind: 'openapi' | 'swagger'
  readonly title?: string
  readonly pathCount: number | null
  readonly problem: string | null
}

/** Sniffs the first KB: the top-level `openapi: 3.x` / `swagger: "2.0"` key, or undefined. */
export function sniffSpec(head: string): { kind: 'openapi' | 'swagger'; version: string; format: 'json' | 'yaml' } | undefined {
  const text = head.slice(0, 1024)
  const json = text.trimStart().startsWith('{')
  for (const line of text.split('\n')) {
    const m = json ? /"(openapi|swagger)"\s*:\s*"([0-9.]+)"/.exec(line) : /^(openapi|swagger)\s*:\s*["']?([0-9.]+)["']?\s*(#.*)?$/.exec(line)
    if (!m) continue
    const kind = m[1] as 'openapi' | 'swagger'
    const version = m[2]!
    if (kind === 'openapi' && !/^3\.\d+(\.\d+)?$/.test(version)) continue
    if (kind === 'swagger' && version !== '2.0') continue
    return { kind, version, format: json ? 'json' : 'yaml' }
  }
  return undefined
}

/**
 * The top-level `"openapi"`/`"swagger"` key of a JSON document anywhere in it, for specs written
 * with sorted keys (`serde_json` maps, `jq -S`: `"components"` and `"info"` come first, so the
 * version is far past the first KB). One linear pass over the text, tracking strings and depth.
 */
export function sniffJsonSpec(text: string): { kind: 'openapi' | 'swagger'; version: string; format: 'json' } | undefined {
  if (!text.trimStart().startsWith('{')) return undefined
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 123 || c === 91) depth++
    else if (c === 125 || c === 93) depth--
    else if (c === 34) {
      const end = stringEnd(text, i)
      if (depth === 1 && end - i <= 8) {
        const key = text.slice(i + 1, end)
        if (key === 'openapi' || key === 'swagger') {
          const m = /^\s*:\s*"([0-9.]{1,12})"/.exec(text.slice(end + 1, end + 40))
          const version = m?.[1]
          if (version !== undefined && ((key === 'openapi' && /^3\.\d+(\.\d+)?$/.test(version)) || (key === 'swagger' && version === '2.0'))) return { kind: key, version, format: 'json' }
        }
      }
      i = end
    }
  }
  return undefined
}

/**
 * The top-level `swagger:`/`openapi:` key of a YAML document anywhere in it, for specs written
 * with sorted keys: go-swagger's `swagger generate spec` puts `basePath`, `definitions` and
 * `paths` first and `swagger: "2.0"` last. Only an unindented key counts (a nested `openapi:`
 * field of some other document does not).
 */
export function sniffYamlSpec(text: string): { kind: 'openapi' | 'swagger'; version: string; format: 'yaml' } | undefined {
  const m = /^(openapi|swagger):[ \t]*["']?([0-9.]{1,12})["']?[ \t]*$/m.exec(text)
  if (!m) return undefined
  const kind = m[1] as 'openapi' | 'swagger'
  const version = m[2]!
  if (kind === 'openapi' ? !/^3\.\d+(\.\d+)?$/.test(version) : version !== '2.0') return undefined
  return { kind, version, format: 'yaml' }
}

/** Index of the quote closing the JSON string opened at `open` (or the text's end). */
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 92) i++
    else if (c === 34) return i
  }
  return text.length
}

/** Maximum bracket nesting of a JSON (or flow-YAML) text, outside strings; stops past `cap`. */
export function nestingDepth(text: string, cap = MAX_SPEC_DEPTH + 1): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++
      else if (c === 34) inString = false
      continue
    }
    if (c === 34) inString = true
    else if (c === 123 || c === 91) {
      depth++
      if (depth > max) {
        max = depth
        if (max >= cap) return max
      }
    } else if (c === 125 || c === 93) depth--
  }
  return max
}

/** Deepest indentation level of a block YAML text (in indentation steps, approximate). */
function yamlIndentDepth(text: string): number {
  let max = 0
  let start = 0
  while (start < text.length) {
    let i = start
    while (text.charCodeAt(i) === 32) i++
    if (i - start > max) max = i - start
    const nl = text.indexOf('\n', i)
    if (nl < 0) break
    start = nl + 1
  }
  return Math.floor(max / 2)
}

function countAliases(text: string): number {
  let n = 0
  const re = /(^|[\s[{,:-])\*[A-Za-z0-9_-]/g
  while (re.exec(text)) if (++n > MAX_YAML_ALIASES) return n
  return n
}

export function parseSpec(text: string, format: 'json' | 'yaml', sniff: { kind: 'openapi' | 'swagger'; version: string }): ParsedSpec {
  const base = { version: sniff.version, kind: sniff.kind }
  const broken = (problem: string): ParsedSpec => ({ ...base, pathCount: null, problem })
  const depth = nestingDepth(text)
  if (depth > MAX_SPEC_DEPTH) return broken(`nested deeper than ${MAX_SPEC_DEPTH} levels: not parsed`)
  let doc: unknown
  try {
    if (format === 'json') doc = JSON.parse(text)
    else {
      if (yamlIndentDepth(text) > MAX_SPEC_DEPTH) return broken(`nested deeper than ${MAX_SPEC_DEPTH} levels: not parsed`)
      const aliases = countAliases(text)
      if (aliases > MAX_YAML_ALIASES) return broken(`more than ${MAX_YAML_ALIASES} YAML aliases (possible alias bomb): not parsed`)
      doc = loadYamlData(text)
    }
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0]! : String(err)
    return broken(`${format === 'json' ? 'JSON' : 'YAML'} could not be parsed: ${msg.slice(0, 200)}`)
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return broken('the document is not a mapping')
  const top = doc as Record<string, unknown>
  const info = top['info']
  const title = info && typeof info === 'object' && typeof (info as Record<string, unknown>)['title'] === 'string' ? ((info as Record<string, unknown>)['title'] as string) : undefined
  const paths = top['paths']
  const pathCount = paths && typeof paths === 'object' && !Array.isArray(paths) ? Object.keys(paths).length : 0
  let problem: string | null = null
  if (!info) problem = 'no `info` object'
  else if (!paths && !top['webhooks'] && !top['components']) problem = 'no `paths`'
  return { ...base, ...(title ? { title: title.slice(0, 120) } : {}), pathCount, problem }
}
