import { describe, expect, it } from 'vitest'
import { FilteredSnapshot } from '../../src/facts/filtered-snapshot.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { rangeWithPrefix } from '../../src/facts/paths.js'

describe('rangeWithPrefix', () => {
  const sorted = ['a.txt', 'a/b.py', 'a/c/d.py', 'a0/x.py', 'ab/y.py', 'b/z.py']
  it('returns the contiguous run of a sorted list under a prefix', () => {
    expect(rangeWithPrefix(sorted, 'a/')).toEqual(['a/b.py', 'a/c/d.py'])
    expect(rangeWithPrefix(sorted, 'a/c/')).toEqual(['a/c/d.py'])
    expect(rangeWithPrefix(sorted, 'b/')).toEqual(['b/z.py'])
    expect(rangeWithPrefix(sorted, 'c/')).toEqual([])
    expect(rangeWithPrefix([], 'a/')).toEqual([])
  })
})

describe('FilteredSnapshot', () => {
  const base = new MemorySnapshot({ 'a/b.py': 'b', 'a/c/d.py': 'd', 'b/z.py': 'z', 'README.md': 'r' })
  it('keeps the files the predicate accepts; reads and under() see only those', () => {
    const v = new FilteredSnapshot(base, (p) => p !== 'a/b.py')
    expect(v.files()).toEqual(['README.md', 'a/c/d.py', 'b/z.py'])
    expect(v.under('a')).toEqual(['a/c/d.py'])
    expect(v.text('a/b.py')).toBeUndefined()
    expect(v.read('a/b.py')).toEqual({ kind: 'missing' })
    expect(v.text('a/c/d.py')).toBe('d')
  })
  it('filters only the given candidates when they are passed', () => {
    const v = new FilteredSnapshot(base, (p) => p !== 'a/c/d.py', ['a/b.py', 'a/c/d.py'])
    expect(v.files()).toEqual(['a/b.py'])
    expect(v.has('b/z.py')).toBe(false)
  })
})
