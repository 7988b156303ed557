import { describe, expect, it } from 'vitest'
import { LINT } from '../../../src/checks/catalog/lint.js'
import { hasFlag, hasInput, judgeCommand, splitArgs } from '../../../src/checks/catalog/match.js'
import { SAST } from '../../../src/checks/catalog/sast.js'

describe('flag and input specs', () => {
  it('matches presence, values, negated values and contained values', () => {
    expect(hasFlag(['--check'], '--check')).toBe(true)
    expect(hasFlag(['--check=true'], '--check')).toBe(true)
    expect(hasFlag(['--checker'], '--check')).toBe(false)
    expect(hasFlag(['--fail-under', '0'], '--fail-under=0')).toBe(true)
    expect(hasFlag(['--fail-under=8'], '--fail-under=0')).toBe(false)
    expect(hasFlag(['--exit-code', '1'], '--exit-code=!0')).toBe(true)
    expect(hasFlag(['--exit-code=0'], '--exit-code=!0')).toBe(false)
    expect(hasFlag(['--scanners', 'vuln,misconfig'], '--scanners~misconfig')).toBe(true)
    expect(hasFlag(['-x', 'test'], '-x=test')).toBe(true)
  })

  it('compares input keys case-insensitively', () => {
    expect(hasInput({ DISABLE_ERRORS: 'true' }, 'disable_errors=true')).toBe(true)
    expect(hasInput({ 'exit-code': '0' }, 'exit-code=!0')).toBe(false)
    expect(hasInput({}, 'fail_level=error')).toBe(false)
  })

  it('splits action arguments with simple quotes', () => {
    expect(splitArgs(`format --check "src dir" ''`)).toEqual(['format', '--check', 'src dir', ''])
  })
})

describe('judgeCommand', () => {
  const lint = (argv: string[], flags = {}) => LINT.commands.map((s) => judgeCommand(s, argv, flags)).find((v) => v !== null) ?? null

  it('tells ruff check, legacy ruff and ruff format apart', () => {
    expect(lint(['ruff', 'check', '.'])?.signature.tool).toBe('ruff')
    expect(lint(['ruff', 'src'])?.signature.tool).toBe('ruff')
    expect(lint(['ruff', 'format', '--check'])).toMatchObject({ signature: { tool: 'ruff format' }, blockedBy: null })
    expect(lint(['ruff', 'format'])?.blockedBy).toContain('fixes files')
    expect(lint(['ruff', 'format'], { followedByDiffCheck: true })?.blockedBy).toBeNull()
    expect(lint(['ruff', 'version'])).toBeNull()
  })

  it('does not take a flag value for a subcommand (semgrep --config p/ci)', () => {
    const sast = (argv: string[]) => SAST.commands.map((s) => judgeCommand(s, argv)).find((v) => v !== null) ?? null
    expect(sast(['semgrep', '--config', 'p/ci', 'src'])?.blockedBy).toContain('--error')
    expect(sast(['semgrep', 'ci'])?.blockedBy).toBeNull()
  })

  it('needs a tested output for gofmt -l', () => {
    expect(lint(['gofmt', '-l', '.'])?.blockedBy).toContain('not tested')
    expect(lint(['gofmt', '-l', '.'], { checkedOutput: true })?.blockedBy).toBeNull()
    expect(lint(['gofmt', '-w', '.'])?.blockedBy).toContain('-w')
  })
})
