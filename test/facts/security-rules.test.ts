import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { collectSecurityRules } from '../../src/facts/security-rules.js'

const rules = (files: Record<string, string>) => collectSecurityRules(new MemorySnapshot(files))

describe('security rules enabled in linter configuration', () => {
  it('finds gosec in golangci-lint v1 and v2 configurations, in YAML, TOML and JSON', () => {
    const r = rules({
      '.golangci.yml': 'linters:\n  disable-all: true\n  enable:\n    - errcheck\n    - gosec\n',
      'a/.golangci.toml': '[linters]\nenable-all = true\ndisable = ["wsl"]\n',
      'b/.golangci.json': '{"linters": {"default": "all"}}',
      'c/.golangci.yaml': 'version: "2"\nlinters:\n  default: standard\n  enable: [GoSec]\n'
    })
    expect(r.enabled).toEqual([
      { rules: 'gosec', host: 'golangci-lint', path: '.golangci.yml', line: 5, how: 'linters.enable: gosec' },
      { rules: 'gosec', host: 'golangci-lint', path: 'a/.golangci.toml', line: 2, how: 'linters.enable-all: true' },
      { rules: 'gosec', host: 'golangci-lint', path: 'b/.golangci.json', line: 1, how: 'linters.default: all' },
      { rules: 'gosec', host: 'golangci-lint', path: 'c/.golangci.yaml', how: 'linters.enable: gosec' }
    ])
    expect(r.problems).toEqual([])
  })

  it('never takes a disable list, a comment or another linter for gosec', () => {
    const r = rules({
      '.golangci.yml': 'linters:\n  enable-all: true\n  disable:\n    - gosec\n',
      'x/.golangci.yml': '# gosec is too noisy\nlinters:\n  enable: [govet]\n',
      'y/.golangci.yml': 'linters-settings:\n  gosec:\n    excludes: [G104]\n'
    })
    expect(r.enabled).toEqual([])
  })

  it("finds ruff's S rules in ruff.toml, .ruff.toml and pyproject.toml (top level or lint table)", () => {
    const r = rules({
      'ruff.toml': '[lint]\nselect = ["E", "F", "S"]\n',
      'a/.ruff.toml': 'extend-select = ["S608"]\n',
      'b/pyproject.toml': '[project]\nname = "b"\n[tool.ruff]\nselect = ["ALL"]\nignore = ["D"]\n',
      'c/pyproject.toml': '[tool.ruff.lint]\nextend-select = [\n  "B",\n  "S",\n]\n'
    })
    expect(r.enabled.map((e) => [e.path, e.how, e.line])).toEqual([
      ['a/.ruff.toml', 'select: S608', 1],
      ['b/pyproject.toml', 'select: ALL', 4],
      ['c/pyproject.toml', 'select: S', 4],
      ['ruff.toml', 'select: S', 2]
    ])
  })

  it('leaves out ruff without S, S ignored, pyproject without ruff, and vendored copies', () => {
    const r = rules({
      'ruff.toml': 'select = ["E", "SIM"]\n',
      'a/pyproject.toml': '[tool.ruff.lint]\nselect = ["ALL"]\nignore = ["S"]\n',
      'b/pyproject.toml': '[project]\nname = "b"\ndependencies = ["ruff"]\n',
      'vendor/x/.golangci.yml': 'linters:\n  enable: [gosec]\n'
    })
    expect(r.enabled).toEqual([])
  })

  it('finds eslint-plugin-security in eslintrc (JSON with comments, YAML, package.json, overrides) and in flat configs read as text', () => {
    const r = rules({
      '.eslintrc.json': '{\n  // house style\n  "extends": ["airbnb-base", "plugin:security/recommended", "prettier"]\n}\n',
      'a/.eslintrc.yml': 'plugins:\n  - security\nrules:\n  security/detect-object-injection: off\n  security/detect-eval-with-expression: error\n',
      'b/package.json': '{"name": "b", "eslintConfig": {"overrides": [{"files": ["*.js"], "extends": "plugin:security/recommended-legacy"}]}}',
      'c/eslint.config.mjs': "import js from '@eslint/js'\nimport pluginSecurity from 'eslint-plugin-security'\n\nexport default [js.configs.recommended, pluginSecurity.configs.recommended]\n",
      'd/eslint.config.js': "const security = require('eslint-plugin-security')\nmodule.exports = [{ plugins: { security }, rules: { 'security/detect-non-literal-regexp': 'warn' } }]\n"
    })
    expect(r.enabled.map((e) => [e.path, e.host, e.how, e.line])).toEqual([
      ['.eslintrc.json', 'eslint', 'extends: plugin:security/recommended', 3],
      ['a/.eslintrc.yml', 'eslint', 'rules: security/detect-eval-with-expression', 5],
      ['b/package.json', 'eslint', 'extends: plugin:security/recommended-legacy', 1],
      ['c/eslint.config.mjs', 'eslint', 'eslint-plugin-security recommended config', 4],
      ['d/eslint.config.js', 'eslint', 'rules: security/detect-non-literal-regexp', 2]
    ])
    expect(r.problems).toEqual([])
  })

  it('leaves out eslint configs that only mention the plugin, turn its rules off, or comment it out', () => {
    const r = rules({
      '.eslintrc.json': '{"plugins": ["security"], "rules": {"security/detect-object-injection": "off", "no-console": "error"}}',
      'a/eslint.config.js': "// import security from 'eslint-plugin-security'\n// security.configs.recommended\nexport default []\n",
      'b/package.json': '{"name": "b", "devDependencies": {"eslint-plugin-security": "^3"}}',
      'c/.eslintrc': 'extends:\n  - eslint:recommended\n# - plugin:security/recommended\n'
    })
    expect(r.enabled).toEqual([])
  })

  it('reports a configuration it cannot parse, with the file', () => {
    const r = rules({ '.golangci.yml': 'linters: [\n', 'ruff.toml': 'select = [\n' })
    expect(r.enabled).toEqual([])
    expect(r.problems.map((p) => p.path)).toEqual(['.golangci.yml', 'ruff.toml'])
  })
})
