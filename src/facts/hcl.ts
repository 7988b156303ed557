/**
 * A small, bounded HCL reader: enough for literal attributes and nested blocks of Terraform
 * resources. Expressions it does not understand become `null` values, never errors.
 */

/** Nesting depth of blocks and lists read; deeper ones are skipped. */
const MAX_HCL_DEPTH = 16

export type HclValue = string | number | boolean | null | HclValue[]
export interface HclBlock {
  readonly type: string
  readonly labels: string[]
  readonly line: number
  readonly attrs: Map<string, HclValue>
  readonly blocks: HclBlock[]
}

interface Token {
  readonly kind: 'ident' | 'string' | 'number' | 'punct' | 'nl' | 'other'
  readonly text: string
  readonly line: number
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let line = 1
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text[i]!
    if (c === '\n') {
      tokens.push({ kind: 'nl', text: '\n', line })
      line++
      i++
    } else if (c === ' ' || c === '\t' || c === '\r') i++
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      const stop = end < 0 ? n : end + 2
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++
      i = stop
    } else if (c === '"') {
      let j = i + 1
      let s = ''
      while (j < n && text[j] !== '"' && text[j] !== '\n') {
        if (text[j] === '\\' && j + 1 < n) {
          s += text[j + 1]
          j += 2
        } else s += text[j++]
      }
      tokens.push({ kind: 'string', text: s, line })
      i = j + 1
    } else if (c === '<' && text[i + 1] === '<') {
      // Heredoc: opaque; skip to its terminator line.
      const m = /^<<-?\s*([A-Za-z_]\w*)/.exec(text.slice(i, i + 80))
      const nl = text.indexOf('\n', i)
      if (!m || nl < 0) {
        i += 2
        continue
      }
      tokens.push({ kind: 'other', text: 'heredoc', line })
      let k = nl + 1
      line++
      while (k < n) {
        const e = text.indexOf('\n', k)
        const end = e < 0 ? n : e
        const done = text.slice(k, end).trim() === m[1]
        k = end
        if (done) break
        k++
        line++
      }
      i = k
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1
      while (j < n && /[\w.\-*]/.test(text[j]!)) j++
      tokens.push({ kind: 'ident', text: text.slice(i, j), line })
      i = j
    } else if (/[0-9]/.test(c)) {
      let j = i + 1
      while (j < n && /[0-9.]/.test(text[j]!)) j++
      tokens.push({ kind: 'number', text: text.slice(i, j), line })
      i = j
    } else if ('{}[]=,()'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, line })
      i++
    } else {
      tokens.push({ kind: 'other', text: c, line })
      i++
    }
  }
  return tokens
}

/** Parses HCL into blocks; `pos` is shared so nested calls consume tokens. */
function parseBody(tokens: Token[], pos: { i: number }, depth: number, into: HclBlock): void {
  while (pos.i < tokens.length) {
    const t = tokens[pos.i]!
    if (t.kind === 'nl' || (t.kind === 'punct' && t.text === ',')) {
      pos.i++
      continue
    }
    if (t.kind === 'punct' && t.text === '}') {
      pos.i++
      return
    }
    if (t.kind !== 'ident') {
      pos.i++
      continue
    }
    // ident = value | ident label* {
    const next = tokens[pos.i + 1]
    if (next?.kind === 'punct' && next.text === '=') {
      pos.i += 2
      into.attrs.set(t.text, parseValue(tokens, pos, 0))
      continue
    }
    const labels: string[] = []
    let j = pos.i + 1
    while (j < tokens.length && (tokens[j]!.kind === 'string' || tokens[j]!.kind === 'ident')) labels.push(tokens[j++]!.text)
    if (tokens[j]?.kind === 'punct' && tokens[j]!.text === '{') {
      pos.i = j + 1
      const block: HclBlock = { type: t.text, labels, line: t.line, attrs: new Map(), blocks: [] }
      if (depth >= MAX_HCL_DEPTH) skipBlock(tokens, pos)
      else parseBody(tokens, pos, depth + 1, block)
      into.blocks.push(block)
      continue
    }
    pos.i++
  }
}

function skipBlock(tokens: Token[], pos: { i: number }): void {
  let open = 1
  while (pos.i < tokens.length && open > 0) {
    const t = tokens[pos.i++]!
    if (t.kind === 'punct' && t.text === '{') open++
    if (t.kind === 'punct' && t.text === '}') open--
  }
}

function parseValue(tokens: Token[], pos: { i: number }, depth: number): HclValue {
  const t = tokens[pos.i]
  if (!t) return null
  if (t.kind === 'string' || t.kind === 'number' || t.kind === 'ident') {
    pos.i++
    const after = tokens[pos.i]
    // Anything followed by more expression tokens (calls, operators, interpolation) is opaque.
    if (after && after.kind !== 'nl' && !(after.kind === 'punct' && (after.text === ',' || after.text === ']' || after.text === '}'))) {
      skipExpression(tokens, pos)
      return null
    }
    if (t.kind === 'string') return t.text
    if (t.kind === 'number') return Number(t.text)
    return t.text === 'true' ? true : t.text === 'false' ? false : null
  }
  if (t.kind === 'punct' && t.text === '[') {
    pos.i++
    const list: HclValue[] = []
    while (pos.i < tokens.length) {
      const u = tokens[pos.i]!
      if (u.kind === 'punct' && u.text === ']') {
        pos.i++
        return list
      }
      if (u.kind === 'nl' || (u.kind === 'punct' && u.text === ',')) {
        pos.i++
        continue
      }
      if (depth >= MAX_HCL_DEPTH || (u.kind === 'ident' && u.text === 'for')) {
        skipExpression(tokens, pos)
        return null
      }
      list.push(parseValue(tokens, pos, depth + 1))
    }
    return list
  }
  skipExpression(tokens, pos)
  return null
}

/** Skips to the end of the current expression: a newline outside brackets. */
function skipExpression(tokens: Token[], pos: { i: number }): void {
  let open = 0
  while (pos.i < tokens.length) {
    const t = tokens[pos.i]!
    if (t.kind === 'nl' && open <= 0) return
    if (t.kind === 'punct' && '[({'.includes(t.text)) open++
    if (t.kind === 'punct' && '])}'.includes(t.text)) {
      if (open === 0) return
      open--
    }
    pos.i++
  }
}

export function parseHcl(text: string): HclBlock {
  const root: HclBlock = { type: '', labels: [], line: 1, attrs: new Map(), blocks: [] }
  parseBody(tokenize(text), { i: 0 }, 0, root)
  return root
}

export const child = (b: HclBlock, type: string): HclBlock | undefined => b.blocks.find((x) => x.type === type)
export const children = (b: HclBlock, type: string): HclBlock[] => b.blocks.filter((x) => x.type === type)
export const strList = (v: HclValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
export const numOrNull = (v: HclValue | undefined): number | null => (typeof v === 'number' ? v : null)

/** Terraform resource types of the integrations/github provider, and how to read each. */
