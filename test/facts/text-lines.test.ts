import { describe, expect, it } from 'vitest'
import { boundedLines, mentionsAny, plainLines } from '../../src/facts/text-lines.js'
import type { FileRead } from '../../src/facts/snapshot.js'

const textRead = (text: string): Extract<FileRead, { kind: 'text' }> => ({ kind: 'text', text, size: text.length })

describe('line splits', () => {
  it('bounds lines: \\r dropped, over-long lines blanked and counted, at most maxLines lines', () => {
    const r = textRead(`a\r\n${'x'.repeat(11)}\nb\nc\nd`)
    expect(boundedLines(r, 4, 10)).toEqual({ lines: ['a', '', 'b', 'c'], long: 1, complete: false })
  })
  it('a narrower bound blanks more lines; a text within both bounds is complete', () => {
    const r = textRead('one\ntwo')
    expect(boundedLines(r, 100, 10)).toEqual({ lines: ['one', 'two'], long: 0, complete: true })
    expect(boundedLines(r, 100, 2)).toEqual({ lines: ['', ''], long: 2, complete: false })
    expect(boundedLines(textRead('a\nb\nc'), 2, 10).complete).toBe(false)
    expect(plainLines(textRead('a\nb\nc'))).toEqual(['a', 'b', 'c'])
  })
  it('plain lines split on \\n and \\r\\n, unbounded', () => {
    const r = textRead(`a\r\nb\n${'y'.repeat(20_000)}`)
    const ls = plainLines(r)
    expect(ls.map((l) => l.length)).toEqual([1, 1, 20_000])
  })
})

describe('mentionsAny', () => {
  it('answers whether any token occurs, per token set', () => {
    const r = textRead('from fastapi import FastAPI\n')
    expect(mentionsAny(r, ['Flask(', 'FastAPI'])).toBe(true)
    expect(mentionsAny(r, ['Flask('])).toBe(false)
    expect(mentionsAny(r, ['Flask(', 'FastAPI'])).toBe(true)
    expect(mentionsAny(r, ['Django', 'import F'])).toBe(true)
    expect(mentionsAny(r, ['Django'])).toBe(false)
    expect(mentionsAny(textRead(''), [])).toBe(false)
  })
})
