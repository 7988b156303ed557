import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cap, codeSpan, htmlText, mdText, oneLine, plainText, sanitize, trustedMarkdown } from '../../src/report/escape.js'
import { expectInertMarkdown, NASTY } from './inert.js'

const ZW = '\u200b'

describe('sanitize / oneLine / plainText', () => {
  it('removes terminal escapes, controls and bidi overrides but keeps the text', () => {
    expect(sanitize('a\x1b[2Jb\x1b[38;5;196mc\x1b]8;;https://x\x07link\x1b]8;;\x07d\x1bce')).toBe('abclinkde')
    expect(sanitize('x\x00y\x7fz\x9b2J')).toBe('xyz2J')
    expect(sanitize('\u202egnp.exe\u2066i\u2069\ufeff')).toBe('gnp.exei')
    expect(sanitize('a\r\nb\rc\u2028d')).toBe('a\nb\nc\nd')
    expect(sanitize('lone \ud800 high')).toBe('lone \ufffd high')
    expect(sanitize('pair 😀 ok')).toBe('pair 😀 ok')
  })

  it('collapses whitespace and caps length without splitting a surrogate pair', () => {
    expect(oneLine('  a\n\n b\t c  ', 100)).toBe('a b c')
    expect(oneLine('abcdef', 4)).toBe('abc…')
    expect(cap('ab😀cd', 4)).toBe('ab…')
    expect(plainText('x'.repeat(1000), 10)).toHaveLength(10)
  })

  it('never lets an escape character or control through, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(plainText(s, 500)).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/)
      }),
      { numRuns: 200 }
    )
  })
})

describe('mdText', () => {
  it('escapes Markdown punctuation and HTML', () => {
    expect(mdText('[click](javascript:alert(1))')).toBe('\\[click\\]\\(javascript:alert\\(1\\)\\)')
    expect(mdText('<script>&</script>')).toBe('&lt;script&gt;&amp;&lt;/script&gt;')
    expect(mdText('a | b')).toBe('a \\| b')
    expect(mdText('*_`~$#+-.!{}')).toBe('\\*\\_\\`\\~\\$\\#\\+\\-\\.\\!\\{\\}')
    expect(mdText('back\\slash')).toBe('back\\\\slash')
  })

  it('breaks mentions, issue references and autolinks with a zero-width space', () => {
    expect(mdText('@octocat @org/team')).toBe(`@${ZW}octocat @${ZW}org/team`)
    expect(mdText('#12 acme/x#3')).toBe(`\\#${ZW}12 acme/x\\#${ZW}3`)
    expect(mdText('https://evil.example')).toBe(`https:${ZW}//evil\\.example`)
    expect(mdText('WWW.evil.example')).toBe(`WWW${ZW}\\.evil\\.example`)
    expect(mdText('a@b.co')).toBe(`a@${ZW}b\\.co`)
    expect(mdText('email me @ noon, C# 9')).toBe('email me @ noon, C\\# 9')
  })

  it('is one line and capped before escaping (an escape is never cut in half)', () => {
    expect(mdText('a\n\n</details>\nb')).toBe('a &lt;/details&gt; b')
    expect(mdText('.'.repeat(50), 10)).toBe('\\.'.repeat(9) + '…')
  })

  it('leaves nothing live for any input (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...NASTY, '@', '#1', 'http://', '[', '](', '`', '|', '<', '\n', 'www.'), fc.string({ maxLength: 8 })), { maxLength: 12 }), (parts) => {
        const s = mdText(parts.join(''), 2000)
        expect(s).not.toContain('\n')
        expectInertMarkdown(`| ${s} |`, [])
      }),
      { numRuns: 400 }
    )
  })
})

describe('htmlText', () => {
  it('entity-escapes without backslashes and breaks mentions and URLs', () => {
    expect(htmlText('</summary><b onclick="x">it\'s</b>')).toBe('&lt;/summary&gt;&lt;b onclick=&quot;x&quot;&gt;it&#39;s&lt;/b&gt;')
    expect(htmlText('@dev fixes #9 at http://x')).toBe(`@${ZW}dev fixes #${ZW}9 at http:${ZW}//x`)
    expect(htmlText('![x](y) *a* _b_ `c` ~d~ |e| $f$ \\')).toBe('&#33;&#91;x&#93;&#40;y&#41; &#42;a&#42; &#95;b&#95; &#96;c&#96; &#126;d&#126; &#124;e&#124; &#36;f&#36; &#92;')
    expect(htmlText('a.b-c #x')).toBe('a.b-c #x')
  })

  it('never leaves a raw < or > (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 100 }), (s) => {
        expect(htmlText(s, 500)).not.toMatch(/[<>"'[\]()`*_]/)
      })
    )
  })
})

describe('codeSpan', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(codeSpan('a.py')).toBe('`a.py`')
    expect(codeSpan('a`b')).toBe('``a`b``')
    expect(codeSpan('``x```y')).toBe('```` ``x```y ````')
    expect(codeSpan('`start')).toBe('`` `start ``')
    expect(codeSpan('')).toBe('\\(empty\\)')
  })

  it('keeps the span closed for any input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const span = codeSpan(s, 500)
        if (oneLine(s) === '') return
        const fence = /^`+/.exec(span)![0]
        expect(span.endsWith(fence)).toBe(true)
        const inner = span.slice(fence.length, span.length - fence.length)
        // The fence never occurs inside as a run of exactly that length.
        for (const run of inner.match(/`+/g) ?? []) expect(run.length).toBeLessThan(fence.length)
        expect(inner).not.toContain('\n')
      })
    )
  })
})

describe('trustedMarkdown', () => {
  it('closes an unbalanced fence and neutralises a closing details tag', () => {
    expect(trustedMarkdown('Do this:\n\n```yaml\nrun: x')).toBe('Do this:\n\n```yaml\nrun: x\n```')
    expect(trustedMarkdown('x </details> y <DETAILS>')).toBe('x &lt;/details> y &lt;DETAILS>')
    expect(trustedMarkdown('```\na\n```\n~~~~\nb\n~~~~')).toBe('```\na\n```\n~~~~\nb\n~~~~')
    expect(trustedMarkdown('a\x1b[2Jb')).toBe('ab')
  })
})
