import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codeSpan, htmlText, mdText, plainText } from '../../src/report/escape.js'
import { expectInertMarkdown } from '../report/inert.js'
import { bounded, markdownText, options } from './arbitraries.js'

/** The Markdown escaper: whatever goes in, what comes out is inert, one line, capped. */

const anyText = fc.oneof(markdownText, fc.string({ unit: 'binary', maxLength: 500 }), fc.string({ unit: 'grapheme', maxLength: 200 }))
/** Anything that would make GitHub render a link, an image, a tag, a mention or an autolink. */
const LIVE = [/(?<!\\)\]\(/, /(?<!\\)!\[/, /<[A-Za-z/!?]/, /@[A-Za-z0-9]/, /#[0-9]/, /[A-Za-z]:\/\//, /www\./i]

describe('mdText', () => {
  it('is one capped line with no live markup, safe in a table cell, for any input', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 600 }), (text, max) => {
        const out = bounded(() => mdText(text, max))
        expect(out).not.toMatch(/[\n\r]/)
        for (const re of LIVE) expect(out).not.toMatch(re)
        // Every `|` is escaped, so a table row keeps its column count.
        expect(out).not.toMatch(/(?<!\\)\|/)
        expectInertMarkdown(`| a | ${out} |\n|---|---|\n| ${out} | b |`, [])
        // Capped before escaping: the visible text never exceeds `max`.
        expect(plainText(text, max).length).toBeLessThanOrEqual(max)
      }),
      options(300)
    )
  })
})

describe('htmlText', () => {
  it('has no tag, quote, mention or URL in any input', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const out = bounded(() => htmlText(text))
        expect(out).not.toMatch(/[<>"'\n`[\]]/)
        // Numeric character references (`&#95;`) are text, not issue references.
        expect(out.replace(/&#[0-9]+;/g, '')).not.toMatch(/@[A-Za-z0-9]|#[0-9]|[A-Za-z]:\/\/|www\./i)
        expectInertMarkdown(`<details>\n<summary>${out}</summary>\n\n</details>`, [])
      }),
      options(300)
    )
  })
})

describe('codeSpan', () => {
  it('is a single code span that no backtick in the input can close early', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const out = bounded(() => codeSpan(text))
        expect(out).not.toMatch(/\n/)
        // Text that is empty once sanitised becomes a plain placeholder.
        if (!out.startsWith('`')) {
          expect(out).toBe(mdText('(empty)'))
          return
        }
        const fence = /^`+/.exec(out)![0]
        expect(out.endsWith(fence)).toBe(true)
        const inner = out.slice(fence.length, out.length - fence.length)
        // No backtick run inside as long as the fence: the span closes only at the end.
        for (const run of inner.match(/`+/g) ?? []) expect(run.length).not.toBe(fence.length)
        expectInertMarkdown(`- ${out} — x`, [])
      }),
      options(300)
    )
  })
})
