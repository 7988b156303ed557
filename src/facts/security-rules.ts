import { filesWhere } from './recording-snapshot.js'
import { parse as parseToml } from 'smol-toml'
import type { ParseProblem } from './ci/types.js'
import { lineOf } from './ci/resolve/engine.js'
import { parseYaml } from './parse/yaml.js'
import { at } from './doc-path.js'
import { dotnetAnalyzerRules, type DotnetRuleSet } from './dotnet-analyzers.js'
import { isExcluded } from './excluded.js'
import { isPhpstanConfig, isPsalmConfig, phpstanLevel, PHPSTAN_GATING_LEVEL, psalmLevel, PSALM_GATING_LEVEL } from './php-analysers.js'
import { basename } from './paths.js'
import type { Snapshot } from './snapshot.js'

/**
 * Security rule sets switched on inside a linter's own configuration (docs/catalogue.md, "Static analysis"):
 * golangci-lint with its `gosec` linter enabled, ruff with the flake8-bandit `S` rules
 * selected, and ESLint with eslint-plugin-security's rules (Node SAST). Such a linter run in CI
 * is a static-analysis run; the checks decide that, this only reads the configuration — parsed,
 * so a `disable: [gosec]` list is never mistaken for enabling it. PHP's analysers join them the
 * same way: PHPStan or Psalm configured at a gating level (php-analysers.ts) is a quality gate.
 */

export type RuleSet = 'gosec' | 'bandit' | 'eslint-security' | 'phpstan-gating' | 'psalm-gating' | DotnetRuleSet

export interface EnabledRules {
  readonly rules: RuleSet
  /** The linter whose run carries the rules. */
  readonly host: 'golangci-lint' | 'ruff' | 'eslint' | 'phpstan' | 'psalm' | 'dotnet build'
  readonly path: string
  readonly line?: number
  /** How the configuration enables them (`linters.enable: gosec`, `lint.select: S`). */
  readonly how: string
}

export interface SecurityRuleFacts {
  readonly enabled: readonly EnabledRules[]
  readonly problems: readonly ParseProblem[]
}

export const NO_SECURITY_RULES: SecurityRuleFacts = { enabled: [], problems: [] }

const GOLANGCI_FILES = new Set(['.golangci.yml', '.golangci.yaml', '.golangci.toml', '.golangci.json'])
const RUFF_FILES = new Set(['ruff.toml', '.ruff.toml', 'pyproject.toml'])
/** ESLint's legacy configuration as data (JSON, YAML, or `eslintConfig` in package.json). */
const ESLINTRC_DATA = new Set(['.eslintrc', '.eslintrc.json', '.eslintrc.yml', '.eslintrc.yaml', 'package.json'])
/** ESLint configuration as code (legacy `.eslintrc.js`, flat `eslint.config.*`): read as text, never run. */
const ESLINT_CODE = /^(\.eslintrc\.c?js|eslint\.config\.[cm]?[jt]s)$/
/** Configuration files read at most (a monorepo has one per module, not thousands). */
const MAX_FILES = 200

export function collectSecurityRules(snapshot: Snapshot): SecurityRuleFacts {
  const enabled: EnabledRules[] = []
  const problems: ParseProblem[] = []
  let read = 0
  for (const path of filesWhere(snapshot, (p) => {
    const n = basename(p)
    return (GOLANGCI_FILES.has(n) || RUFF_FILES.has(n) || ESLINTRC_DATA.has(n) || ESLINT_CODE.test(n) || isPhpstanConfig(n) || isPsalmConfig(n)) && !isExcluded(p)
  })) {
    const name = basename(path)
    if (isPhpstanConfig(name) || isPsalmConfig(name)) {
      if (read >= MAX_FILES) continue
      const text = snapshot.text(path)
      if (text === undefined) continue
      read++
      const php = phpGate(name, text)
      if (php) enabled.push({ ...php, path })
      continue
    }
    const golangci = GOLANGCI_FILES.has(name)
    const eslintData = ESLINTRC_DATA.has(name)
    const eslintCode = !eslintData && ESLINT_CODE.test(name)
    if ((!golangci && !RUFF_FILES.has(name) && !eslintData && !eslintCode) || isExcluded(path) || read >= MAX_FILES) continue
    const text = snapshot.text(path)
    if (text === undefined) continue
    if (eslintData || eslintCode) {
      // A package.json without an ESLint section, or any file not naming the plugin, is not read further.
      if (!text.includes('security') || (name === 'package.json' && !text.includes('"eslintConfig"'))) continue
      read++
      const found = eslintCode ? eslintSecurityInCode(text) : eslintSecurityInData(path, text, problems)
      if (found) enabled.push({ rules: 'eslint-security', host: 'eslint', path, ...lineWith(text, found.needle), how: found.how })
      continue
    }
    // pyproject.toml without a ruff table is no ruff configuration: not parsed here.
    if (name === 'pyproject.toml' && !text.includes('[tool.ruff')) continue
    read++
    const doc = parse(path, text, problems)
    if (doc === undefined) continue
    const found = golangci ? golangciGosec(doc) : ruffBandit(name === 'pyproject.toml' ? at(doc, 'tool', 'ruff') : doc)
    if (found) enabled.push({ rules: golangci ? 'gosec' : 'bandit', host: golangci ? 'golangci-lint' : 'ruff', path, ...lineWith(text, found.needle), how: found.how })
  }
  for (const d of dotnetAnalyzerRules(snapshot)) enabled.push({ ...d, host: 'dotnet build' })
  return { enabled, problems }
}

function parse(path: string, text: string, problems: ParseProblem[]): unknown {
  if (path.endsWith('.toml')) {
    try {
      return parseToml(text)
    } catch (err) {
      problems.push({ path, message: `TOML parse error: ${(err as Error).message.split('\n')[0]}` })
      return undefined
    }
  }
  if (path.endsWith('.json')) {
    try {
      return JSON.parse(text) as unknown
    } catch (err) {
      problems.push({ path, message: `JSON parse error: ${(err as Error).message}` })
      return undefined
    }
  }
  const y = parseYaml(text, path)
  if (!y.ok) {
    problems.push(y.problem)
    return undefined
  }
  return y.value
}


function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}

/**
 * golangci-lint v1 and v2: `linters.enable` lists gosec, or every linter is on (`enable-all: true`,
 * v2 `default: all`) and `linters.disable` does not list it.
 */
function golangciGosec(doc: unknown): { how: string; needle: string } | null {
  const linters = at(doc, 'linters')
  const has = (key: string): boolean => strings(at(linters, key)).some((l) => l.toLowerCase() === 'gosec')
  if (has('enable')) return { how: 'linters.enable: gosec', needle: 'gosec' }
  const all = at(linters, 'enable-all') === true || at(linters, 'default') === 'all'
  if (all && !has('disable')) return { how: at(linters, 'default') === 'all' ? 'linters.default: all' : 'linters.enable-all: true', needle: at(linters, 'default') === 'all' ? 'default' : 'enable-all' }
  return null
}

/** ruff: `select`/`extend-select` (top level or under `lint`) holds `S`, an `S…` code or `ALL`, and `ignore` does not drop `S`. */
function ruffBandit(ruff: unknown): { how: string; needle: string } | null {
  if (ruff === undefined) return null
  const list = (key: string): string[] => [...strings(at(ruff, key)), ...strings(at(ruff, 'lint', key))]
  const selected = [...list('select'), ...list('extend-select')]
  const hit = selected.find((c) => c === 'ALL' || /^S\d*$/.test(c))
  if (!hit) return null
  if (list('ignore').some((c) => c === 'S')) return null
  return { how: `select: ${hit}`, needle: `"${hit}"` }
}

const SECURITY_PRESET = /^plugin:security\/recommended(-legacy)?$/
const PLUGIN_NAMES = new Set(['security', 'eslint-plugin-security'])

/** An eslintrc object (or one of its `overrides`): extends the plugin's preset, or loads it and turns a `security/…` rule on. */
function eslintrcSecurity(cfg: unknown, depth = 0): { how: string; needle: string } | null {
  const ext = at(cfg, 'extends')
  const preset = (typeof ext === 'string' ? [ext] : strings(ext)).find((e) => SECURITY_PRESET.test(e))
  if (preset) return { how: `extends: ${preset}`, needle: preset }
  const rules = at(cfg, 'rules')
  if (strings(at(cfg, 'plugins')).some((p) => PLUGIN_NAMES.has(p)) && rules && typeof rules === 'object') {
    const on = Object.entries(rules).find(([k, v]) => k.startsWith('security/') && ruleOn(v))
    if (on) return { how: `rules: ${on[0]}`, needle: on[0] }
  }
  const overrides = at(cfg, 'overrides')
  if (depth === 0 && Array.isArray(overrides)) {
    for (const o of overrides.slice(0, 50)) {
      const hit = eslintrcSecurity(o, 1)
      if (hit) return hit
    }
  }
  return null
}

/** An ESLint rule setting that reports: `"error"`, `"warn"`, 1, 2, or an array starting with one. */
function ruleOn(v: unknown): boolean {
  const level = Array.isArray(v) ? v[0] : v
  return level === 'error' || level === 'warn' || level === 1 || level === 2
}

function eslintSecurityInData(path: string, text: string, problems: ParseProblem[]): { how: string; needle: string } | null {
  let doc: unknown
  if (basename(path) === 'package.json') {
    try {
      doc = at(JSON.parse(text) as unknown, 'eslintConfig')
    } catch {
      return null // package.json problems are the manifests' to report
    }
  } else {
    // `.eslintrc` / `.eslintrc.json` may carry comments: JSON first, then YAML (a superset of JSON).
    try {
      doc = JSON.parse(text) as unknown
    } catch {
      const y = parseYaml(stripLineComments(text), path)
      if (!y.ok) {
        problems.push(y.problem)
        return null
      }
      doc = y.value
    }
  }
  return doc === undefined ? null : eslintrcSecurity(doc)
}

/** `//` comment lines dropped (JSON-with-comments as ESLint allows it), line numbers kept. */
function stripLineComments(text: string): string {
  return text.replace(/^\s*\/\/.*$/gm, '')
}

/**
 * Configuration as code, read as text: the plugin is imported (`eslint-plugin-security`) and its
 * preset used (`configs.recommended`, `plugin:security/recommended`) or a `security/…` rule set
 * to warn or error. Commented-out lines do not count.
 */
function eslintSecurityInCode(text: string): { how: string; needle: string } | null {
  const code = text.split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l)).join('\n')
  const preset = /plugin:security\/recommended(-legacy)?/.exec(code)
  if (preset) return { how: `extends: ${preset[0]}`, needle: preset[0] }
  if (!code.includes('eslint-plugin-security')) return null
  const cfg = /\.configs(\.recommended|\[\s*['"]recommended['"]\s*\])/.exec(code)
  if (cfg) return { how: 'eslint-plugin-security recommended config', needle: cfg[0] }
  const rule = /['"](security\/[a-z-]{1,60})['"]\s*:\s*(\[\s*)?(['"](error|warn)['"]|[12]\b)/.exec(code)
  if (rule) return { how: `rules: ${rule[1]}`, needle: rule[1]! }
  return null
}

/** PHPStan or Psalm configured at a gating level (php-analysers.ts). */
function phpGate(name: string, text: string): Omit<EnabledRules, 'path'> | null {
  if (isPhpstanConfig(name)) {
    const l = phpstanLevel(text)
    if (l === undefined || l.level < PHPSTAN_GATING_LEVEL) return null
    return { rules: 'phpstan-gating', host: 'phpstan', line: l.line, how: `level ${l.level === 10 && /level\s*:\s*['"]?max/.test(text) ? 'max' : l.level}, a gating level (${PHPSTAN_GATING_LEVEL} or above)` }
  }
  const l = psalmLevel(text)
  if (l === undefined || l.level > PSALM_GATING_LEVEL) return null
  return { rules: 'psalm-gating', host: 'psalm', line: l.line, how: `errorLevel ${l.level}, a gating level (${PSALM_GATING_LEVEL} or stricter)` }
}

/** The line naming the rules (double- or single-quoted), for evidence. */
function lineWith(text: string, needle: string): { line?: number } {
  const line = lineOf(text, needle) ?? lineOf(text, needle.replace(/"/g, "'"))
  return line === undefined ? {} : { line }
}
