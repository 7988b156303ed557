/**
 * The one place where repository-derived text (file names, job names, evidence messages,
 * summaries filled from repository data) is made inert before it reaches a terminal, a PR
 * comment or a job summary. Everything here is a pure string function, linear in its input
 * (no backtracking regexes), and every renderer goes through it: a file named
 * `[click](javascript:alert(1))`, `</details><script>`, `@org/team`, `\x1b[2J` or `\u202e` must
 * render as the literal text it is, never as a link, a tag, a mention or a terminal command.
 */

/** Default per-item caps: a table cell or list item never grows without bound. */
export const CAPS = { path: 300, message: 400, summary: 500, warning: 500, reason: 300 } as const

const ZWSP = '\u200b'

/** CSI sequences (`ESC [ params intermediates final`): the three classes are disjoint, so linear. */
const ANSI_CSI = /\x1b\[[0-?]*[ -/]*[@-~]/g
/** OSC sequences (`ESC ] … BEL` or `ESC ] … ESC \`), e.g. terminal hyperlinks and title changes. */
const ANSI_OSC = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?/g
/** Remaining two-character escapes (`ESC c` resets the terminal). */
const ANSI_OTHER = /\x1b[ -~]?/g
/** C0 (except tab and newline), DEL and C1 controls. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g
/** Bidirectional overrides and isolates (Trojan Source), invisible marks and the BOM. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g
/** Lone surrogates make invalid UTF-8 downstream. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * Removes terminal escapes, control characters, bidi overrides and lone surrogates. Newlines and
 * tabs survive (normalised to `\n`); use {@link oneLine} where a single line is needed.
 */
export function sanitize(text: string): string {
  return String(text)
    .replace(/\r\n?|[\u2028\u2029\x85]/g, '\n')
    .replace(ANSI_OSC, '')
    .replace(ANSI_CSI, '')
    .replace(ANSI_OTHER, '')
    .replace(CONTROL, '')
    .replace(BIDI, '')
    .replace(LONE_SURROGATE, '\ufffd')
}

/** Caps a string at `max` characters with an ellipsis, never splitting a surrogate pair. */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end--
  return text.slice(0, end) + '…'
}

/** Sanitised, whitespace collapsed to single spaces (newlines too), trimmed and capped. */
export function oneLine(text: string, max: number = CAPS.message): string {
  return cap(sanitize(text).replace(/\s+/g, ' ').trim(), max)
}

/** Markdown punctuation (the CommonMark specials, plus `$` for GitHub math), always backslash-escaped. */
const MD_PUNCT = new Set(['\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '.', '!', '|', '~', '$'])
const MD_ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }
/**
 * In raw HTML, Markdown punctuation becomes numeric references too: inert whether or not a
 * renderer parses Markdown inside the tag (references never act as markup in CommonMark).
 */
const HTML_ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  ...Object.fromEntries([...'[]()!*_`~|$\\'].map((c) => [c, `&#${c.charCodeAt(0)};`]))
}

const isAlnum = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c)
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'

/**
 * Zero-width breaks for what GitHub links by itself in plain text: `@user`/`@org/team` mentions,
 * `#123` and `owner/repo#123` references, bare `scheme://` URLs, `www.` autolinks and e-mail
 * addresses (caught by the `@` rule). Returns what to emit before the character at `i`.
 */
function breakBefore(s: string, i: number): string {
  const c = s[i]
  const prev = s[i - 1]
  if (prev === '@' && isAlnum(c)) return ZWSP
  if (prev === '#' && isDigit(c)) return ZWSP
  if (c === '/' && prev === ':' && s[i + 1] === '/') return ZWSP
  if (c === '.' && s.slice(i - 3, i).toLowerCase() === 'www') return ZWSP
  return ''
}

/**
 * Inline Markdown text: one line, capped, with every Markdown and HTML meaning removed, so it is
 * safe in a paragraph, a list item, link text and a table cell (`|` escaped).
 */
export function mdText(text: string, max: number = CAPS.message): string {
  const s = oneLine(text, max)
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    out += breakBefore(s, i)
    const entity = MD_ENTITY[c]
    if (entity !== undefined) out += entity
    else if (MD_PUNCT.has(c)) out += '\\' + c
    else out += c
  }
  return out
}

/**
 * Text inside raw HTML (a `<summary>` line), where Markdown is not parsed and backslashes would
 * show: entity-escaped, with the same zero-width breaks as {@link mdText}.
 */
export function htmlText(text: string, max: number = CAPS.message): string {
  const s = oneLine(text, max)
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    out += breakBefore(s, i)
    out += HTML_ENTITY[c] ?? c
  }
  return out
}

/**
 * An inline code span holding `text` verbatim (one line, capped). The fence is one backtick
 * longer than the longest run inside, padded with spaces when the text touches a backtick, so
 * backticks in a file name cannot close it. Mentions, links and HTML are not parsed in code
 * spans. Not for table cells (GFM splits cells on `|` even inside code): use {@link mdText}.
 */
export function codeSpan(text: string, max: number = CAPS.path): string {
  const s = oneLine(text, max)
  if (s === '') return mdText('(empty)')
  let longest = 0
  let run = 0
  for (const c of s) {
    run = c === '`' ? run + 1 : 0
    if (run > longest) longest = run
  }
  const fence = '`'.repeat(longest + 1)
  const pad = s.startsWith('`') || s.endsWith('`') || (s.startsWith(' ') && s.endsWith(' ')) ? ' ' : ''
  return fence + pad + s + pad + fence
}

/**
 * Shipshape's own remediation Markdown is trusted, but it is embedded inside a `<details>` block:
 * an unbalanced code fence or a literal `</details>` would swallow or break the rest of the
 * comment. Controls are stripped, a stray closing tag is neutralised and an open fence closed.
 */
export function trustedMarkdown(markdown: string): string {
  let text = sanitize(markdown).replace(/<\/?details\b/gi, (tag) => '&lt;' + tag.slice(1))
  let open: string | null = null
  for (const line of text.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (!m) continue
    const fence = m[1]!
    if (open === null) open = fence
    else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = null
  }
  if (open !== null) text += `\n${open}`
  return text.trim()
}

/** A one-line plain-text rendering for terminals and SARIF messages (no markup at all). */
export function plainText(text: string, max: number = CAPS.message): string {
  return oneLine(text, max)
}

/**
 * Markdown from a source that is not Shipshape's own (a saved report read back by the action's
 * `from-report` input): prose lines become inert text ({@link mdText}, one per line), fenced code
 * blocks keep their lines verbatim inside a fence longer than any backtick or tilde run they hold,
 * with a plain info string; a list bullet and `code spans` keep their form. Nothing survives as a link, an image, HTML, a mention or a table.
 */
export function inertMarkdown(markdown: string, maxLines = 200): string {
  const out: string[] = []
  let code: string[] | null = null
  let info = ''
  const flush = (): void => {
    if (code === null) return
    let longest = 2
    for (const line of code) for (const m of line.match(/`+|~+/g) ?? []) longest = Math.max(longest, m.length)
    const fence = '`'.repeat(longest + 1)
    out.push(fence + info, ...code, fence)
    code = null
  }
  for (const raw of sanitize(markdown).split('\n').slice(0, maxLines)) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([A-Za-z0-9_+-]{0,20})/.exec(raw)
    if (code !== null) {
      if (open && raw.trim().replace(/[`~]/g, '') === '') flush()
      else code.push(cap(raw, 300))
    } else if (open) {
      code = []
      info = open[2] ?? ''
    } else out.push(inertLine(raw))
  }
  flush()
  return out.join('\n').trim()
}

/** One prose line of {@link inertMarkdown}: an optional `- ` bullet, then text and `code spans`, each escaped. */
function inertLine(raw: string): string {
  const line = oneLine(raw, CAPS.message)
  if (line === '') return ''
  const bullet = /^[-*] /.test(line) ? '- ' : ''
  const parts = line.slice(bullet.length).split('`')
  // Odd segments sat between backticks; an unpaired last backtick leaves its text as prose.
  const paired = parts.length % 2 === 1 ? parts.length : parts.length - 1
  return bullet + parts.map((p, i) => (i % 2 === 1 && i < paired ? (p === '' ? '' : codeSpan(p, CAPS.message)) : mdText(i >= paired ? '`' + p : p, CAPS.message))).join('')
}
