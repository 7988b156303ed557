import { describe, expect, it } from 'vitest'
import { lowerBound } from '../../src/facts/paths.js'
import { isListed, listedUnder } from '../../src/facts/repo-files.js'

const files = ['a.txt', 'a/b.py', 'a/c/d.py', 'ab/e.py', 'z.md']

describe('listing questions answered from the collected listing (checks read no snapshot)', () => {
  it('isListed finds files by binary search, never a directory or a prefix', () => {
    expect(files.map((f) => isListed(files, f))).toEqual([true, true, true, true, true])
    expect(['a', 'a/', 'a/c', 'ab', 'zz.md', ''].map((f) => isListed(files, f))).toEqual([false, false, false, false, false, false])
  })
  it('listedUnder is the subtree of a directory, with or without its slash; the root is everything', () => {
    expect(listedUnder(files, 'a')).toEqual(['a/b.py', 'a/c/d.py'])
    expect(listedUnder(files, 'a/')).toEqual(['a/b.py', 'a/c/d.py'])
    expect(listedUnder(files, 'a/c')).toEqual(['a/c/d.py'])
    expect(listedUnder(files, 'missing')).toEqual([])
    expect(listedUnder(files, '')).toBe(files)
  })
  it('lowerBound is the first entry not below the key', () => {
    expect([lowerBound(files, ''), lowerBound(files, 'a/'), lowerBound(files, 'b'), lowerBound(files, 'zz')]).toEqual([0, 1, 4, 5])
  })
})
