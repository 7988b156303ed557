import { describe, expect, it } from 'vitest'
import { listNames } from '../../../src/checks/catalog/evidence.js'

describe('listNames', () => {
  it('names each tool once, whatever its case, and counts the rest', () => {
    expect(listNames(['Go compiler', 'go compiler', 'TypeScript'])).toBe('Go compiler, TypeScript')
    expect(listNames(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more')
  })
})
