import { basename, dirname } from './paths.js'

/**
 * Changelog files and the releases their headings name: Markdown and reStructuredText changelogs
 * (`CHANGELOG.md`, `HISTORY.rst`, `release-notes/1.2.0.md`), and release-notes pages an app
 * renders from a template (`api_release_notes.html.haml`, `changelog.html.erb`), whose `<h2>`,
 * `%h2` or `h2` headings are read like Markdown ones. A heading names a release by a version or
 * a date, ISO (`2026-07-28`) or written out (`28th July 2026`, `July 28, 2026`).
 */

export interface ChangelogHeading {
  readonly line: number
  readonly text: string
  /** The version the heading names, when any. */
  readonly version?: string
  /** ISO date (`YYYY-MM-DD`) in the heading, when any. */
  readonly date?: string
  /** `Unreleased` / `[Unreleased]`: a placeholder, not a release. */
  readonly unreleased: boolean
  /** At least one non-blank line before the next heading. */
  readonly hasBody: boolean
}

export interface ChangelogFile {
  readonly path: string
  /** Headings that name a release (a version or a date, not `Unreleased`), in file order. */
  readonly releases: readonly ChangelogHeading[]
  /** Non-blank lines in the file. */
  readonly contentLines: number
  /** Newest ISO date among release headings, when any. */
  readonly newestDate?: string
}


const CHANGELOG_STEMS = new Set(['changelog', 'changes', 'history', 'news', 'releases', 'release_notes', 'release-notes', 'releasenotes', 'whatsnew', 'whats_new'])
const CHANGELOG_DIRS = new Set(['release-notes', 'release_notes', 'releasenotes', 'changelog', 'changelogs', 'releases'])
const TEXT_EXT = /\.(md|markdown|rst|txt|adoc|asciidoc)$/i
/** `page.html.haml`, `page.html.erb`, `page.slim`, `page.html`. */
const TEMPLATE_EXT = /(?:\.html?)?\.(haml|erb|slim|html?)$/i

/**
 * A template is a release-notes page only when its name says so (`release_notes`, `changelog`,
 * `whats_new` among its words). Trap: `releases/index.html.erb` or `news.html.erb` list records
 * from a database; they have no release headings of their own and would read as stubs anyway.
 */
function namesReleaseNotes(stem: string): boolean {
  const words = stem.split(/[-_.\s]+/)
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (w === 'changelog' || w === 'changelogs' || w === 'releasenotes' || w === 'whatsnew') return true
    if ((w === 'release' && words[i + 1] === 'notes') || (w === 'whats' && words[i + 1] === 'new')) return true
  }
  return false
}

export function isChangelogFile(path: string): boolean {
  const name = basename(path)
  const lower = name.toLowerCase()
  const template = TEMPLATE_EXT.exec(lower)
  if (template) return namesReleaseNotes(lower.slice(0, -template[0].length))
  const ext = TEXT_EXT.exec(lower)
  if (!ext && lower.includes('.')) return false
  const stem = ext ? lower.slice(0, -ext[0].length) : lower
  if (CHANGELOG_STEMS.has(stem) || stem.startsWith('changelog') || stem.startsWith('release-notes') || stem.startsWith('release_notes')) return true
  if (ext && namesReleaseNotes(stem)) return true
  const dir = basename(dirname(path)).toLowerCase()
  return ext !== null && CHANGELOG_DIRS.has(dir)
}

const VERSION_IN_TEXT = /\bv?(\d+\.\d+(?:\.\d+)?(?:[-.][0-9A-Za-z]+)?)\b/
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?'
/** `28th July 2026`, `28 Jul 2026`. */
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\s+(\\d{4})\\b`, 'i')
/** `July 28, 2026`, `Jul 28th 2026`. */
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i')

/** The date a heading names, as `YYYY-MM-DD`: ISO, or written out in English. */
export function headingDate(text: string): string | undefined {
  const iso = ISO_DATE.exec(text)
  if (iso) return iso[0]
  let day: string | undefined
  let month: string | undefined
  let year: string | undefined
  const dmy = DAY_MONTH_YEAR.exec(text)
  if (dmy) [, day, month, year] = dmy
  else {
    const mdy = MONTH_DAY_YEAR.exec(text)
    if (mdy) [, month, day, year] = mdy
  }
  if (!day || !month || !year) return undefined
  const m = MONTHS.indexOf(month.toLowerCase().slice(0, 3)) + 1
  const d = Number(day)
  if (m < 1 || d < 1 || d > 31) return undefined
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}
const UNDERLINE = /^(={3,}|-{3,}|~{3,}|\^{3,}|\*{3,}|\+{3,}|#{3,})\s*$/

/** `## [1.0.0] ##` → `[1.0.0]`, by index (a trailing-`#` regex backtracks on long runs of `#`). */
function stripHashes(t: string): string {
  let start = 0
  while (start < t.length && t[start] === '#') start++
  let end = t.length
  while (end > start && t[end - 1] === '#') end--
  return t.slice(start, end).trim()
}

/** Headings of a Markdown (ATX) or reStructuredText / setext changelog, with what they name. */
export function changelogHeadings(text: string, path = ''): ChangelogHeading[] {
  const lines = text.split(/\r?\n/)
  const heads: { line: number; text: string; end: number; level: number }[] = []
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim()
    if (t.startsWith('#') && /^#{1,6}(\s|$)/.test(t)) heads.push({ line: i + 1, text: stripHashes(t), end: i + 1, level: t.length - t.replace(/^#+/, '').length })
    else if (t && !UNDERLINE.test(t) && i + 1 < lines.length && UNDERLINE.test(lines[i + 1]!.trim()) && lines[i + 1]!.trim().length >= Math.min(t.length, 3)) {
      const u = lines[i + 1]!.trim()[0]
      heads.push({ line: i + 1, text: t, end: i + 2, level: u === '=' ? 1 : u === '-' ? 2 : 3 })
      i++
    }
  }
  const out: ChangelogHeading[] = []
  for (let h = 0; h < heads.length; h++) {
    const head = heads[h]!
    // Entries run to the next heading of the same or a higher level: `### Added` belongs to its release.
    let nextHead = h + 1
    while (nextHead < heads.length && heads[nextHead]!.level > head.level) nextHead++
    const next = nextHead < heads.length ? heads[nextHead]!.line - 1 : lines.length
    let hasBody = false
    for (let k = head.end; k < next; k++) {
      const t = lines[k]!.trim()
      const isHeading = heads.some((x) => x.line === k + 1)
      if (t && !isHeading && !UNDERLINE.test(t) && !t.startsWith('[')) {
        hasBody = true
        break
      }
      if (t.startsWith('[') && !/^\[[^\]]+\]:\s/.test(t)) {
        hasBody = true
        break
      }
    }
    const plain = head.text.replace(/[[\]`*_]/g, ' ')
    const unreleased = /^\s*(unreleased|upcoming|next( release)?|main|master|head)\b/i.test(plain)
    const v = VERSION_IN_TEXT.exec(plain)
    const d = headingDate(plain)
    out.push({ line: head.line, text: head.text, unreleased, hasBody, ...(v ? { version: v[1] } : {}), ...(d ? { date: d } : {}) })
  }
  // A release-notes file named after its version (`release-notes/1.4.0.md`) is one release.
  if (path && out.every((o) => !o.version)) {
    const m = VERSION_IN_TEXT.exec(basename(path))
    if (m && text.trim()) out.unshift({ line: 1, text: basename(path), version: m[1]!, unreleased: false, hasBody: true })
  }
  return out
}

const HTML_HEADING = /^\s*<h([1-6])\b[^>]*>(.*?)<\/h\1>/i
const HAML_HEADING = /^\s*%h([1-6])(?:[.#][\w-]+)*(?:\{[^}]*\}|\([^)]*\))?\s+([^=\s].*)$/
const SLIM_HEADING = /^\s*h([1-6])(?:[.#][\w-]+)*\s+([^=\s].*)$/

/**
 * A template page as Markdown: its literal headings (`<h2>28th July 2026</h2>`, `%h2.class 1.4.0`,
 * `h2 1.4.0`) become `## …`, every other line keeps its text so entries still count, and a line
 * that would read as a Markdown heading (HAML's `#id` div) is neutralised. Headings whose text is
 * computed (`%h2= t('.title')`, `<h2><%= … %></h2>` alone) name nothing.
 */
function templateAsMarkdown(text: string, kind: string): string {
  const heading = kind === 'haml' ? HAML_HEADING : kind === 'slim' ? SLIM_HEADING : HTML_HEADING
  return text
    .split(/\r?\n/)
    .map((line) => {
      const h = heading.exec(line)
      if (h) {
        const plain = h[2]!.replace(/<%.*?%>|<[^>]*>|#\{[^}]*\}/g, ' ').trim()
        if (plain) return `${'#'.repeat(Number(h[1]))} ${plain}`
      }
      const t = line.trim()
      return t.startsWith('#') || t.startsWith('=') || t.startsWith('-') ? `x${t}` : t
    })
    .join('\n')
}

export function parseChangelog(path: string, text: string): ChangelogFile {
  const template = TEMPLATE_EXT.exec(basename(path).toLowerCase())
  if (template) text = templateAsMarkdown(text, template[1]!.startsWith('htm') ? 'html' : template[1]!)
  const heads = changelogHeadings(text, path)
  const releases = heads.filter((h) => !h.unreleased && (h.version !== undefined || h.date !== undefined))
  let newest: string | undefined
  for (const r of releases) if (r.date && (!newest || r.date > newest)) newest = r.date
  let contentLines = 0
  for (const l of text.split('\n')) if (l.trim()) contentLines++
  return { path, releases, contentLines, ...(newest ? { newestDate: newest } : {}) }
}

