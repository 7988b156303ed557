import { describe, expect, it } from 'vitest'
import { inCode } from '../../src/facts/literals.js'

describe('inCode: a token in a string literal is data', () => {
  it.each([
    ['if flags.is_enabled("x"):', 'is_enabled(', true],
    ["const CALLS = ['is_enabled(', 'isEnabled(']", 'isEnabled(', false],
    ['msg = "call isEnabled( first"; isEnabled(x)', 'isEnabled(', true],
    ['s = "a \\" isEnabled( b"', 'isEnabled(', false],
    ["it's isEnabled(x)", 'isEnabled(', true],
    ['const t = `while retries`', 'while retries', false],
    ['create_table "feature_flags" do |t|', 'create_table "feature_flags"', true],
    ["x = 'while retries' + y; while retries > 0:", 'while retries', true]
  ])('%s / %s → %s', (line, token, expected) => {
    expect(inCode(line, token)).toBe(expected)
  })
})
