import { describe, expect, it } from 'vitest'
import { count, listed } from '../../src/prose.js'

describe('prose numbers', () => {
  it.each([0, 7, 999, 1000, 12345, 1234567, -1234, -999, 1e15, 3.5, 1234.25])('%d reads as en-US would write it', (n) => {
    expect(count(n)).toBe(n.toLocaleString('en-US'))
  })

  it('lists a few items and counts the rest', () => {
    expect(listed(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more')
    expect(listed(Array.from({ length: 1503 }, (_, i) => String(i)), 1)).toBe('0 and 1,502 more')
  })
})
