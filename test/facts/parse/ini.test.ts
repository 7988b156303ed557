import { describe, expect, it } from 'vitest'
import { parseIni } from '../../../src/facts/parse/ini.js'
import { parseSetupCfg } from '../../../src/facts/manifests/python.js'

describe('parseIni (configparser rules)', () => {
  it('reads sections, keys with = or :, continuation lines with their line numbers, across blank and comment lines', () => {
    const ini = parseIni('[tox]\nenvlist = py312, lint\n\n[testenv]\ncommands =\n    pytest\n\n    # a comment inside the value\n    coverage report\ndeps: pytest\n; comment\n[testenv:lint]\ncommands = ruff check .\n')
    expect([...ini.keys()]).toEqual(['tox', 'testenv', 'testenv:lint'])
    expect(ini.get('testenv')?.get('commands')).toEqual([
      { text: 'pytest', line: 6 },
      { text: 'coverage report', line: 9 }
    ])
    expect(ini.get('testenv')?.get('deps')).toEqual([{ text: 'pytest', line: 10 }])
    expect(ini.get('testenv:lint')?.get('commands')).toEqual([{ text: 'ruff check .', line: 13 }])
  })

  it('merges a repeated section, ignores keys before any section, and shifts lines by an offset', () => {
    const ini = parseIni('orphan = 1\r\n[a]\r\nx = 1\r\n[b]\r\ny = 2\r\n[a]\r\nz = 3\r\n', 10)
    expect(ini.get('a')?.get('x')).toEqual([{ text: '1', line: 13 }])
    expect(ini.get('a')?.get('z')).toEqual([{ text: '3', line: 17 }])
    expect([...ini.keys()]).toEqual(['a', 'b'])
  })

  it('setup.cfg dependencies keep reading past a blank line inside install_requires', () => {
    const deps = parseSetupCfg('setup.cfg', '[metadata]\nname = svc\n\n[options]\ninstall_requires =\n    fastapi>=0.110\n\n    httpx  # client\ntests_require = pytest\n\n[options.extras_require]\ndev =\n    mypy\n')
    expect(deps.map((d) => [d.name, d.line, d.dev])).toEqual([
      ['fastapi', 6, false],
      ['httpx', 8, false],
      ['pytest', 9, true],
      ['mypy', 13, true]
    ])
  })
})
