import { describe, expect, it } from 'vitest'
import { memoKey, RunMemo } from '../../src/facts/run-memo.js'

describe('RunMemo', () => {
  it('computes an answer once per key and subject, and keeps keys of the same name apart', () => {
    const memo = new RunMemo()
    const LENGTHS = memoKey<number>('lengths')
    const OTHER = memoKey<number>('lengths')
    let calls = 0
    const length = (s: string): number => memo.get(LENGTHS, s, () => (calls++, s.length))
    expect([length('abc'), length('abc'), length('de')]).toEqual([3, 3, 2])
    expect(calls).toBe(2)
    // Another key object is another question, even under the same name.
    expect(memo.get(OTHER, 'abc', () => 42)).toBe(42)
  })

  it('remembers undefined answers too, and a new run starts empty', () => {
    const FOUND = memoKey<string | undefined>('found')
    const memo = new RunMemo()
    let calls = 0
    for (let i = 0; i < 3; i++) memo.get(FOUND, 'x', () => (calls++, undefined))
    expect(calls).toBe(1)
    expect(new RunMemo().get(FOUND, 'x', () => 'fresh')).toBe('fresh')
  })
})
