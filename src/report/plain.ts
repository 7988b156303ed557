import { cap, sanitize } from './escape.js'

/**
 * Plain text for terminals and SARIF `help.text`: Shipshape's own remediation Markdown turned
 * into wrapped lines (paragraphs wrapped, lists as lists, code blocks indented on their own lines
 * and never cut, markup dropped), and a word wrapper that counts terminal columns. Repository
 * text reaches here already sanitised and capped (escape.ts); this module adds no escapes of its
 * own, and sanitises its input again so nothing it prints can act on a terminal.
 */

/** Zero-width marks (combining accents, variation selectors, joiners) take no column: code point ranges. */
const ZERO_WIDTH_RANGES: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f], [0x0483, 0x0489], [0x0591, 0x05bd], [0x0610, 0x061a], [0x064b, 0x065f],
  [0x200b, 0x200d], [0x20d0, 0x20ff], [0xfe00, 0xfe0f], [0xfe20, 0xfe2f]
]

function isZeroWidth(code: number): boolean {
  return ZERO_WIDTH_RANGES.some(([lo, hi]) => code >= lo && code <= hi)
}

/** East Asian wide and fullwidth characters, and emoji, take two columns. */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  )
}

/** Terminal columns a string takes (no escapes inside: callers measure text before painting it). */
export function columns(text: string): number {
  let n = 0
  for (const ch of text) {
    if (isZeroWidth(ch.codePointAt(0)!)) continue
    n += isWide(ch.codePointAt(0)!) ? 2 : 1
  }
  return n
}

/** The longest prefix of `text` that fits `width` columns (at least one character, so progress is made). */
function fitting(text: string, width: number): string {
  let n = 0
  let end = 0
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    const w = isZeroWidth(code) ? 0 : isWide(code) ? 2 : 1
    if (n + w > width && end > 0) break
    n += w
    end += ch.length
  }
  return text.slice(0, end)
}

/**
 * Word-wraps one line of text: the first line starts with `first`, the others with `rest`, and no
 * line is wider than `width` columns. A word longer than a line (a path, a URL) is broken.
 */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const words = text.split(/\s+/).filter(Boolean)
  const lines: string[] = []
  let line = first
  let empty = true
  const room = (prefix: string): number => Math.max(1, width - columns(prefix))
  for (let word of words) {
    const sep = empty ? '' : ' '
    if (columns(line) + columns(sep + word) <= width) {
      line += sep + word
      empty = false
      continue
    }
    if (!empty) {
      lines.push(line)
      line = rest
      empty = true
    }
    while (columns(line) + columns(word) > width) {
      const part = fitting(word, room(line))
      lines.push(line + part)
      word = word.slice(part.length)
      line = rest
    }
    line += word
    empty = word === ''
  }
  if (!empty || lines.length === 0) lines.push(line)
  return lines.map((l) => l.trimEnd())
}

/** Inline Markdown as plain text: code spans keep their content verbatim, `**` and links drop their markup. */
export function inlinePlain(text: string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (c === '`') {
      let run = 0
      while (text[i + run] === '`') run++
      const fence = '`'.repeat(run)
      const end = text.indexOf(fence, i + run)
      if (end > 0) {
        out += text.slice(i + run, end).trim()
        i = end + run
        continue
      }
      out += fence
      i += run
      continue
    }
    if (c === '\\' && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1]!)) {
      out += text[i + 1]
      i += 2
      continue
    }
    if ((c === '*' || c === '_') && text[i + 1] === c) {
      i += 2
      continue
    }
    if (c === '[') {
      const close = text.indexOf('](', i)
      const end = close > 0 ? text.indexOf(')', close + 2) : -1
      if (close > 0 && end > 0 && !text.slice(i + 1, close).includes('[')) {
        const label = inlinePlain(text.slice(i + 1, close))
        const url = text.slice(close + 2, end)
        out += label === url ? url : `${label} (${url})`
        i = end + 1
        continue
      }
    }
    out += c
    i++
  }
  return out
}

type Block =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'item'; readonly marker: string; readonly text: string }
  | { readonly kind: 'code'; readonly lines: readonly string[] }

/** Our remediation Markdown's blocks: fenced code, list items (with their continuation lines), headings and paragraphs. */
export function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = []
  const lines = sanitize(markdown).split('\n')
  let para: string[] = []
  let item: { marker: string; text: string[] } | null = null
  const flush = (): void => {
    if (para.length > 0) blocks.push({ kind: 'paragraph', text: para.join(' ') })
    if (item) blocks.push({ kind: 'item', marker: item.marker, text: item.text.join(' ') })
    para = []
    item = null
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const fence = /^\s{0,3}(`{3,}|~{3,})/.exec(line)
    if (fence) {
      flush()
      const code: string[] = []
      const close = fence[1]!
      for (i++; i < lines.length && !(lines[i]!.trim().startsWith(close) && lines[i]!.trim().replace(/[`~]/g, '') === ''); i++) code.push(lines[i]!)
      blocks.push({ kind: 'code', lines: code })
      continue
    }
    if (line.trim() === '') {
      flush()
      continue
    }
    const bullet = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line)
    if (bullet) {
      flush()
      item = { marker: /\d/.test(bullet[1]!) ? bullet[1]! : '-', text: [bullet[2]!] }
      continue
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (heading) {
      flush()
      blocks.push({ kind: 'paragraph', text: heading[1]! })
      continue
    }
    if (item) item.text.push(line.trim())
    else para.push(line.trim())
  }
  flush()
  return blocks
}

export interface PlainOptions {
  /** Total width in columns. */
  readonly width: number
  /** Prefix of every line. */
  readonly indent: string
  /** Prefix of the first line instead of `indent` (a label such as `    Fix: `). */
  readonly lead?: string
  /** Where the full text lives: named instead of a snippet that is too long or too wide to print. */
  readonly docs: string
  /** A code block longer than this many lines is named, not printed. */
  readonly maxCodeLines?: number
  /** Prefix of code lines (default: `indent` plus two spaces). */
  readonly codeIndent?: string
}

const TAB = '    '

/**
 * Shipshape's remediation Markdown as plain lines, none wider than `opts.width`. Code blocks are
 * printed verbatim, indented two more columns, on their own lines; a block that is too long, or
 * has a line too wide for the terminal, is replaced by a pointer to the docs rather than cut.
 */
export function markdownToPlain(markdown: string, opts: PlainOptions): string[] {
  const out: string[] = []
  const maxCode = opts.maxCodeLines ?? 30
  let first = true
  for (const block of blocksOf(markdown)) {
    const head = first && opts.lead !== undefined ? opts.lead : opts.indent
    if (!first && out[out.length - 1] !== '') out.push('')
    first = false
    if (block.kind === 'paragraph') out.push(...wrap(inlinePlain(block.text), opts.width, head, opts.indent))
    else if (block.kind === 'item') {
      const marker = `${block.marker} `
      out.push(...wrap(inlinePlain(block.text), opts.width, head + marker, opts.indent + ' '.repeat(marker.length)))
    } else {
      const code = block.lines.map((l) => l.replace(/\t/g, TAB).trimEnd())
      // Code sits at the label's column (a fixed 4), not under the prose: snippets keep their width.
      const pad = opts.codeIndent ?? opts.indent + '  '
      const fits = code.length <= maxCode && code.every((l) => columns(pad + l) <= opts.width)
      if (head !== opts.indent) out.push(head.trimEnd())
      if (fits) out.push(...code.map((l) => (l === '' ? '' : pad + l)))
      else out.push(...wrap(`(a ${code.length}-line snippet, too ${code.length > maxCode ? 'long' : 'wide'} for this terminal: see ${opts.docs})`, opts.width, pad))
      out.push('')
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop()
  return out
}

/** One capped line of repository text, wrapped: never wider than `width`, never longer than `max` characters. */
export function wrapCapped(text: string, max: number, width: number, first: string, rest: string): string[] {
  return wrap(cap(text, max), width, first, rest)
}
