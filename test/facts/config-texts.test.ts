import { describe, expect, it } from 'vitest'
import { findConfigs } from '../../src/checks/catalog/ecosystem.js'
import { CONFIG_READS } from '../../src/checks/reads.js'
import { collectConfigTexts, MAX_FILES_PER_PATTERN } from '../../src/facts/config-texts.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { collectRepoFiles } from '../../src/facts/repo-files.js'

function facts(files: Record<string, string>, patterns: readonly string[]) {
  const snapshot = new MemorySnapshot(files)
  const repoFiles = collectRepoFiles(snapshot)
  return { repoFiles, configTexts: collectConfigTexts(snapshot, repoFiles, patterns) }
}

describe('configuration texts the checks declared', () => {
  it('reads the own files of declared patterns only, vendored trees left out', () => {
    const f = facts({ 'pyproject.toml': '[tool.mypy]\n', 'node_modules/x/pyproject.toml': '[tool.mypy]\n', 'setup.cfg': '[mypy]\n', '.golangci.yml': 'linters: [depguard]\n' }, ['pyproject.toml', '.golangci.yml'])
    expect([...f.configTexts.texts.keys()].sort()).toEqual(['.golangci.yml', 'pyproject.toml'])
  })
  it('caps the files read per pattern, in listing order', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_FILES_PER_PATTERN + 5 }, (_, i) => [`svc${String(i).padStart(3, '0')}/pyproject.toml`, '[tool.ruff]\n']))
    const f = facts(many, ['pyproject.toml'])
    expect(f.configTexts.texts.size).toBe(MAX_FILES_PER_PATTERN)
    expect(f.configTexts.texts.has('svc000/pyproject.toml')).toBe(true)
  })
  it('a check finds a contains line by lookup; a pattern nobody declared fails loudly instead of reading', () => {
    const files = { 'pyproject.toml': 'x = 1\n[tool.mypy]\nstrict = true\n' }
    const sig = { tool: 'mypy', file: 'pyproject.toml', contains: '[tool.mypy]' }
    expect(findConfigs(facts(files, ['pyproject.toml']), [sig]).map((h) => h.evidence)).toEqual([{ path: 'pyproject.toml', line: 2, message: 'mypy is configured ([tool.mypy])' }])
    expect(() => findConfigs(facts(files, []), [sig])).toThrow(/not declared/)
  })
  it('the checks declare every catalogue pattern with a contains line and the Sobelow configuration', () => {
    expect(CONFIG_READS).toEqual(expect.arrayContaining(['pyproject.toml', '.sobelow-conf', '*.sobelow-conf', '.golangci.yml']))
  })
})
