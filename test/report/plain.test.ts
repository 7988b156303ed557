import { describe, expect, it } from 'vitest'
import { columns, inlinePlain, markdownToPlain, wrap } from '../../src/report/plain.js'

describe('plain text for terminals', () => {
  it('counts terminal columns: wide characters two, combining marks none', () => {
    expect(columns('abc')).toBe(3)
    expect(columns('日本語')).toBe(6)
    expect(columns('e\u0301')).toBe(1)
  })

  it('wraps by columns, with hanging indents, breaking only a word longer than the line', () => {
    expect(wrap('one two three four', 10, '- ', '  ')).toEqual(['- one two', '  three', '  four'])
    expect(wrap('日本語 日本語 日本語', 10)).toEqual(['日本語', '日本語', '日本語'])
    for (const l of wrap(`x ${'y'.repeat(25)}`, 10, '  ')) expect(columns(l)).toBeLessThanOrEqual(10)
  })

  it('drops inline markup, keeps code spans verbatim and shows link targets', () => {
    expect(inlinePlain('**Run** `npm test` and see [the docs](https://x.example/d) or \\*escaped\\*')).toBe('Run npm test and see the docs (https://x.example/d) or *escaped*')
  })

  it('renders lists as lists, headings as lines and code on its own indented lines', () => {
    const md = '## Title\n\nIntro **text**:\n\n- first\n  continued\n1. one\n\n```yaml\na: 1\n```\nAfter.'
    expect(markdownToPlain(md, { width: 40, indent: '  ', docs: 'D' })).toEqual(['  Title', '', '  Intro text:', '', '  - first continued', '', '  1. one', '', '    a: 1', '', '  After.'])
  })
})
