/**
 * An indentation walk over YAML-like text that keeps line numbers and survives what a YAML
 * parser rejects (Helm templates with `{{ … }}`). Each line with a `key:` gets the chain of keys
 * above it. Good enough to find `livenessProbe:` → `httpGet:` → `path:` and compose
 * `services:` → `<name>:` → `healthcheck:` → `test:`; not a YAML parser.
 */
export interface YamlLine {
  /** 1-based. */
  readonly line: number
  readonly indent: number
  /** Key on this line, or null for a bare list item / scalar / template line. */
  readonly key: string | null
  /** Text after `key:` (or after `- ` for a bare list item), trimmed, comments not removed. */
  readonly value: string
  /** A `- ` list item line. */
  readonly item: boolean
  /** Keys of the enclosing mappings, outermost first (not including `key`). */
  readonly parents: readonly string[]
}

const MAX_LINES = 50_000

export function yamlLines(text: string): YamlLine[] {
  const out: YamlLine[] = []
  const stack: { indent: number; key: string }[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length && i < MAX_LINES; i++) {
    const raw = lines[i]!
    let indent = 0
    while (indent < raw.length && raw[indent] === ' ') indent++
    let body = raw.slice(indent)
    if (!body || body.startsWith('#')) continue
    let item = false
    if (body === '-' || body.startsWith('- ')) {
      item = true
      body = body.slice(1).trimStart()
      indent += raw.slice(indent + 1).length - raw.slice(indent + 1).trimStart().length + 1
    }
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop()
    const parents = stack.map((s) => s.key)
    const m = /^(["']?)([A-Za-z0-9_.$/-]+)\1\s*:(\s|$)/.exec(body)
    if (m) {
      const key = m[2]!
      const value = body.slice(m[0].length).trim()
      out.push({ line: i + 1, indent, key, value, item, parents })
      stack.push({ indent, key })
    } else {
      out.push({ line: i + 1, indent, key: null, value: body.trim(), item, parents })
    }
  }
  return out
}

/** The lines nested under `lines[index]` (strictly deeper indentation). */
export function childrenOf(lines: readonly YamlLine[], index: number): YamlLine[] {
  const base = lines[index]!.indent
  const out: YamlLine[] = []
  for (let j = index + 1; j < lines.length; j++) {
    if (lines[j]!.indent <= base) break
    out.push(lines[j]!)
  }
  return out
}

/** Reads an inline flow list `["CMD", "curl", "-f", "x"]` into its items. */
export function flowList(value: string): string[] | undefined {
  const v = value.trim()
  if (!v.startsWith('[')) return undefined
  const end = v.lastIndexOf(']')
  const inner = v.slice(1, end < 0 ? v.length : end)
  const items: string[] = []
  let cur = ''
  let quote: string | null = null
  for (const ch of inner) {
    if (quote) {
      if (ch === quote) quote = null
      else cur += ch
    } else if (ch === '"' || ch === "'") quote = ch
    else if (ch === ',') {
      items.push(cur.trim())
      cur = ''
    } else cur += ch
  }
  if (cur.trim()) items.push(cur.trim())
  return items
}

export function unquote(v: string): string {
  const t = v.trim()
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return t.slice(1, -1)
  return t
}
