import { parse as parseToml } from 'smol-toml'
import type { ParseProblem } from './ci/types.js'
import { lineOf } from './ci/resolve/engine.js'
import { parseYaml } from './ci/yaml.js'
import { at } from './doc-path.js'
import { isExcluded } from './excluded.js'
import { basename, type Snapshot } from './snapshot.js'

/**
 * Security rule sets switched on inside a linter's own configuration (SIGNATURES.md §3.2):
 * golangci-lint with its `gosec` linter enabled, and ruff with the flake8-bandit `S` rules
 * selected. Such a linter run in CI is a static-analysis run; the checks decide that, this only
 * reads the configuration — parsed, so a `disable: [gosec]` list is never mistaken for enabling it.
 */

export type RuleSet = 'gosec' | 'bandit'

export interface EnabledRules {
  readonly rules: RuleSet
  /** The linter whose run carries the rules. */
  readonly host: 'golangci-lint' | 'ruff'
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
/** Configuration files read at most (a monorepo has one per module, not thousands). */
const MAX_FILES = 200

export function collectSecurityRules(snapshot: Snapshot): SecurityRuleFacts {
  const enabled: EnabledRules[] = []
  const problems: ParseProblem[] = []
  let read = 0
  for (const path of snapshot.files()) {
    const name = basename(path)
    const golangci = GOLANGCI_FILES.has(name)
    if ((!golangci && !RUFF_FILES.has(name)) || isExcluded(path) || read >= MAX_FILES) continue
    const text = snapshot.text(path)
    if (text === undefined) continue
    // pyproject.toml without a ruff table is no ruff configuration: not parsed here.
    if (name === 'pyproject.toml' && !text.includes('[tool.ruff')) continue
    read++
    const doc = parse(path, text, problems)
    if (doc === undefined) continue
    const found = golangci ? golangciGosec(doc) : ruffBandit(name === 'pyproject.toml' ? at(doc, 'tool', 'ruff') : doc)
    if (found) enabled.push({ rules: golangci ? 'gosec' : 'bandit', host: golangci ? 'golangci-lint' : 'ruff', path, ...lineWith(text, found.needle), how: found.how })
  }
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

/** The line naming the rules (double- or single-quoted), for evidence. */
function lineWith(text: string, needle: string): { line?: number } {
  const line = lineOf(text, needle) ?? lineOf(text, needle.replace(/"/g, "'"))
  return line === undefined ? {} : { line }
}
