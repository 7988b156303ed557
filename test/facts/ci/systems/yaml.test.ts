import { describe, expect, it } from 'vitest'
import { itemLine, keyLine, MAX_YAML_NODES, parseYaml, valueLine } from '../../../../src/facts/parse/yaml.js'
import { lines } from './helpers.js'

describe('parseYaml', () => {
  it('gives 1-based lines of keys, values (block scalars: the line after the header) and items', () => {
    const text = lines('a:', '  b: 1', '  run: |', '    echo', 'list:', '  - x', '  # comment', '  -', '    k: v', 'next:', '  # c', '  value')
    const r = parseYaml(text, 'f.yml')
    if (!r.ok) throw new Error(r.problem.message)
    const v = r.value as { a: object; list: object[] }
    expect([keyLine(r.value, 'a'), keyLine(v.a, 'b'), valueLine(v.a, 'run'), keyLine(r.value, 'list')]).toEqual([1, 2, 4, 5])
    expect([itemLine(v.list, 0), itemLine(v.list, 1), keyLine(v.list[1], 'k')]).toEqual([6, 9, 9])
    expect(valueLine(r.value, 'next')).toBe(12)
  })

  it('keeps `on` a string key and supports merge keys and !reference', () => {
    const r = parseYaml(lines('on: push', '.base: &b', '  x: 1', 'job:', '  <<: *b', '  y: !reference [.base, x]'), 'f.yml')
    expect(r.ok && r.value).toEqual({ on: 'push', '.base': { x: 1 }, job: { x: 1, y: { __yamlReference: ['.base', 'x'] } } })
  })

  it('reports a syntax error with its line', () => {
    const r = parseYaml(lines('a: 1', 'b:', '  - x', '  y: [1, 2'), 'bad.yml')
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.problem.path).toBe('bad.yml')
      expect(r.problem.line).toBe(4)
      expect(r.problem.message).toMatch(/^YAML parse error: /)
    }
  })

  it('refuses a billion-laughs document quickly', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 10; i++) levels.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill('*' + 'abcdefghij'[i - 1]).join(',')}]`)
    const start = Date.now()
    const r = parseYaml(levels.join('\n'), 'bomb.yml')
    expect(Date.now() - start).toBeLessThan(1000)
    expect(r).toEqual({ ok: false, problem: { path: 'bomb.yml', line: 1, message: `YAML document expands to more than ${MAX_YAML_NODES} nodes (alias expansion), not analysed` } })
  })

  it('refuses files over the size cap and does not throw on odd input', () => {
    expect(parseYaml('a: 1\n', 'big.yml', 3)).toEqual({ ok: false, problem: { path: 'big.yml', message: 'YAML file larger than 3 bytes, not parsed' } })
    expect(parseYaml('', 'empty.yml')).toEqual({ ok: true, value: null, docs: [] })
    const r = parseYaml('__proto__: {polluted: 1}\nconstructor: x\n', 'p.yml')
    expect(r.ok).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
