import { expect } from 'vitest'

/**
 * Structural checks that rendered Markdown carries no live markup except our own. There is no
 * Markdown parser among the dependencies, so these assert the properties escaping guarantees:
 * every link and URL is one we built, every HTML tag is one of ours, no mention or issue
 * reference survives, tables keep their shape, and no control character gets through.
 */

/** Hostile strings every renderer must neutralise. */
export const NASTY = [
  'evil\n\n</details>\n\n# Heading\n<details><summary>x',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '![pixel](https://evil.example/p.png)',
  '<https://evil.example/autolink>',
  'see https://evil.example/x and www.evil.example',
  'cc @org/team and @octocat, mail a@b.co',
  'fixes #123 and acme/other#45',
  'tick ` and ``` fence',
  'a | b | c',
  'rtl \u202egnp.exe and \u2066isolate\u2069',
  'clear \x1b[2J\x1b]0;title\x07 bell\x07 nul\x00 del\x7f c1\x9b',
  '$\\href{https://evil.example}{x}$ and ~~strike~~ **bold** _em_',
  '&lt;already escaped&gt; &amp; <!-- comment -->',
  '1. ordered\n- bullet\n> quote\n    indented',
  '\\` \\| \\< trailing backslash \\'
] as const

const OUR_TAGS = new Set(['details', '/details', 'summary', '/summary', 'b', '/b', 'sub', '/sub'])

/**
 * Replaces the content of every code span with `x` (CommonMark: a run of N unescaped backticks
 * opens a span closed by the next run of exactly N; inside, nothing is parsed). A backtick run
 * with no closing run is literal text.
 */
export function stripCodeSpans(md: string): string {
  let out = ''
  let i = 0
  while (i < md.length) {
    const c = md[i]!
    if (c === '\\' && i + 1 < md.length) {
      out += c + md[i + 1]
      i += 2
      continue
    }
    if (c !== '`') {
      out += c
      i++
      continue
    }
    let n = 0
    while (md[i + n] === '`') n++
    let j = i + n
    let close = -1
    while (j < md.length) {
      if (md[j] !== '`') {
        j++
        continue
      }
      let m = 0
      while (md[j + m] === '`') m++
      if (m === n) {
        close = j
        break
      }
      j += m
    }
    if (close < 0) {
      out += md.slice(i, i + n)
      i += n
      continue
    }
    out += '`x`'
    i = close + n
  }
  return out
}

export function expectInertMarkdown(rendered: string, allowedUrlPrefixes: readonly string[]): void {
  // Code spans are literal; numeric character references are text, never markup or references.
  const md = stripCodeSpans(rendered).replace(/&#[0-9]{1,6};/g, '&ref;')
  // No control characters, terminal escapes or bidi overrides.
  expect(md).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/)
  // Only our own HTML tags.
  for (const m of md.matchAll(/<(\/?[A-Za-z][A-Za-z0-9]*)/g)) expect(OUR_TAGS.has(m[1]!.toLowerCase()), `tag <${m[1]}> in output`).toBe(true)
  expect(md).not.toContain('<!--')
  // Balanced details blocks, each opened and closed on its own line.
  const opens = md.split('\n').filter((l) => l === '<details>').length
  const closes = md.split('\n').filter((l) => l === '</details>').length
  expect((md.match(/<details>/g) ?? []).length).toBe(opens)
  expect((md.match(/<\/details>/g) ?? []).length).toBe(closes)
  expect(opens).toBe(closes)
  // Every URL is one we built.
  for (const m of md.matchAll(/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s)\]>]*/g)) {
    expect(allowedUrlPrefixes.some((p) => m[0].startsWith(p)), `foreign URL ${m[0]}`).toBe(true)
  }
  // Every link destination (`](` not escaped) is one of ours.
  for (const m of md.matchAll(/(?<!\\)\]\(([^)]*)\)/g)) expect(allowedUrlPrefixes.some((p) => m[1]!.startsWith(p)), `foreign link ${m[1]}`).toBe(true)
  expect(md).not.toMatch(/(?<!\\)!\[/)
  expect(md).not.toMatch(/www\./i)
  // No mention, no issue reference.
  expect(md).not.toMatch(/@[A-Za-z0-9]/)
  expect(md).not.toMatch(/#[0-9]/)
  // Tables keep their column count: unescaped pipes per row equal the header's.
  const rows = md.split('\n').filter((l) => l.startsWith('|'))
  if (rows.length > 0) {
    const pipes = (l: string): number => (l.match(/(?<!\\)\|/g) ?? []).length
    for (const r of rows) expect(pipes(r), r).toBe(pipes(rows[0]!))
  }
}
