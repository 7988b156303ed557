import { describe, expect, it } from 'vitest'
import { boundedLines, mentionsAny, plainLines } from '../../src/facts/read-memo.js'
import type { FileRead } from '../../src/facts/snapshot.js'

const textRead = (text: string): Extract<FileRead, { kind: 'text' }> => ({ kind: 'text', text, size: text.length })

describe('shared line splits', () => {
  it('bounds lines: \\r dropped, over-long lines blanked and counted, at most maxLines lines', () => {
    const r = textRead(`a\r\n${'x'.repeat(11)}\nb\nc\nd`)
    expect(boundedLines(r, 4, 10)).toEqual({ lines: ['a', '', 'b', 'c'], long: 1, complete: false })
  })
  it('splits a read once per bound pair and shares the result', () => {
    const r = textRead('one\ntwo')
    const first = boundedLines(r, 100, 10)
    expect(boundedLines(r, 100, 10)).toBe(first)
    const narrow = boundedLines(r, 100, 2)
    expect(narrow).not.toBe(first)
    expect(narrow).toEqual({ lines: ['', ''], long: 2, complete: false })
  })
  it('gives the plain split the bounded one when that is complete and has no \\r, else splits anew', () => {
    const whole = textRead('one\ntwo')
    const b = boundedLines(whole, 100, 10)
    expect(b.complete).toBe(true)
    expect(plainLines(whole)).toBe(b.lines)
    const crlf = textRead('one\r\ntwo')
    expect(boundedLines(crlf, 100, 10).complete).toBe(true)
    expect(plainLines(crlf)).not.toBe(boundedLines(crlf, 100, 10).lines)
    expect(plainLines(crlf)).toEqual(['one', 'two'])
    const cut = textRead('a\nb\nc')
    expect(boundedLines(cut, 2, 10).complete).toBe(false)
    expect(plainLines(cut)).toEqual(['a', 'b', 'c'])
  })
  it('never shares between two reads of equal text (no stale answer across snapshots)', () => {
    const a = textRead('same')
    const b = textRead('same')
    expect(boundedLines(a, 10, 10)).not.toBe(boundedLines(b, 10, 10))
    expect(plainLines(a)).not.toBe(plainLines(b))
  })
  it('plain lines split on \\n and \\r\\n, unbounded, memoised per read', () => {
    const r = textRead(`a\r\nb\n${'y'.repeat(20_000)}`)
    const ls = plainLines(r)
    expect(ls.map((l) => l.length)).toEqual([1, 1, 20_000])
    expect(plainLines(r)).toBe(ls)
  })
})

describe('mentionsAny', () => {
  it('answers whether any token occurs, per token set, and remembers the answer per read', () => {
    const r = textRead('from fastapi import FastAPI\n')
    expect(mentionsAny(r, ['Flask(', 'FastAPI'])).toBe(true)
    expect(mentionsAny(r, ['Flask('])).toBe(false)
    expect(mentionsAny(r, ['Flask(', 'FastAPI'])).toBe(true)
    expect(mentionsAny(r, ['Django', 'import F'])).toBe(true)
    expect(mentionsAny(r, ['Django'])).toBe(false)
    expect(mentionsAny(textRead(''), [])).toBe(false)
  })
})
