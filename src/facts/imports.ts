import { ECOSYSTEMS, type Ecosystem } from './ecosystems.js'

/**
 * Import statements per ecosystem, read line by line (no parser, no backtracking patterns), and
 * the names under which packages are imported.
 */

/** Lines longer than this are generated or minified: skipped. */
const MAX_LINE = 4000

/** Python distributions whose import name differs from the normalised distribution name. */
export const PYTHON_IMPORT_NAMES: Readonly<Record<string, readonly string[]>> = {
  'launchdarkly-server-sdk': ['ldclient'],
  'ldclient-py': ['ldclient'],
  'django-waffle': ['waffle'],
  'django-flags': ['flags'],
  'python-json-logger': ['pythonjsonlogger'],
  unleashclient: ['UnleashClient'],
  'configcat-client': ['configcatclient'],
  'splitio-client': ['splitio'],
  'openfeature-sdk': ['openfeature'],
  'openfeature-provider-flagd': ['openfeature.contrib.provider.flagd', 'openfeature'],
  'devcycle-python-server-sdk': ['devcycle_python_sdk'],
  'optimizely-sdk': ['optimizely'],
  'statsig-python-core': ['statsig_python_core', 'statsig'],
  'flask-featureflags': ['flask_featureflags'],
  'gargoyle-yplan': ['gargoyle'],
  'retry2': ['retry'],
  'aws-lambda-powertools': ['aws_lambda_powertools'],
  pyyaml: ['yaml'],
  pillow: ['PIL'],
  beautifulsoup4: ['bs4'],
  'scikit-learn': ['sklearn'],
  'python-dateutil': ['dateutil'],
  'purgatory-circuitbreaker': ['purgatory'],
  'flipt-client': ['flipt_client']
}

/** Import names of a Python distribution: the table above, else the name with `-` → `_`. */
export function pythonModulesFor(dist: string): readonly string[] {
  return PYTHON_IMPORT_NAMES[dist] ?? [dist.replace(/-/g, '_')]
}

function quoted(s: string, from: number): string | undefined {
  for (let i = from; i < s.length; i++) {
    const q = s[i]!
    if (q === '"' || q === "'" || q === '`') {
      const end = s.indexOf(q, i + 1)
      return end < 0 ? undefined : s.slice(i + 1, end)
    }
    if (q !== ' ' && q !== '(' && q !== '\t') return undefined
  }
  return undefined
}

/** Imports of one file, line by line (no parser: multi-line JS imports are caught by their `from '…'` line). */
export function scanImports(ecosystem: Ecosystem, lines: readonly string[]): { line: number; module: string; text: string }[] {
  const out: { line: number; module: string; text: string }[] = []
  let goBlock = false
  // Inside a multi-line string (a JS template literal, a Python triple-quoted string) a line that
  // looks like an import is text: a code snippet in a docstring or a generator's template.
  let inString: string | null = null
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!
    if (raw.length > MAX_LINE) continue
    const startedInside = inString !== null
    inString = stringStateAfter(raw, inString, ecosystem)
    if (startedInside || !mayImport(ecosystem, raw, goBlock)) continue
    const t = raw.trim()
    const add = (module: string): void => {
      if (module) out.push({ line: i + 1, module, text: t })
    }
    switch (ecosystem) {
      case 'python': {
        if (t.startsWith('from ')) {
          const m = /^from\s+([A-Za-z0-9_.]+)\s+import\b/.exec(t)
          if (m) add(m[1]!)
        } else if (t.startsWith('import ')) {
          for (const part of t.slice(7).split(',')) add(part.trim().split(/\s+/)[0]!.replace(/[^A-Za-z0-9_.]/g, ''))
        }
        break
      }
      case 'node': {
        // `x from 'm'` only on an import/export statement; `require(`/`import(` anywhere but inside
        // a string (a snippet such as "const app = require('express')" is text, not an import).
        const statement = t.startsWith('import ') || t.startsWith('export ') || t.startsWith('}')
        for (const key of [' from ', 'require(', 'import(']) {
          if (key === ' from ' && !statement) continue
          let at = t.indexOf(key)
          while (at >= 0) {
            const m = insideQuotes(t, at) ? undefined : quoted(t, at + key.length)
            if (m !== undefined) add(m)
            at = t.indexOf(key, at + key.length)
          }
        }
        if (t.startsWith('} from ') || t.startsWith('from ')) {
          const m = quoted(t, t.indexOf('from ') + 5)
          if (m !== undefined && !t.includes(' from ')) add(m)
        }
        if (t.startsWith('import ') && (t[7] === '"' || t[7] === "'")) {
          const m = quoted(t, 7)
          if (m !== undefined) add(m)
        }
        break
      }
      case 'go': {
        if (goBlock) {
          if (t.startsWith(')')) goBlock = false
          else {
            const q = t.indexOf('"')
            if (q >= 0) add(quoted(t, q) ?? '')
          }
        } else if (t.startsWith('import')) {
          const rest = t.slice(6).trim()
          if (rest.startsWith('(')) goBlock = !rest.includes(')')
          else {
            const q = rest.indexOf('"')
            if (q >= 0) add(quoted(rest, q) ?? '')
          }
        }
        break
      }
      case 'java': {
        const m = /^import\s+(static\s+)?([A-Za-z0-9_.*]+)/.exec(t)
        if (m) add(m[2]!.replace(/\.\*$/, ''))
        break
      }
      case 'ruby': {
        const m = /^require\s*\(?\s*["']([^"']+)["']/.exec(t)
        if (m) add(m[1]!)
        break
      }
      case 'rust': {
        // `use axum::{Router, routing::get};`, `pub use x::y as z;`, `extern crate serde;`
        const m = /^(?:pub(?:\([a-z]+\))?\s+)?(?:use|extern\s+crate)\s+(?:::)?([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*)/.exec(t)
        // The repository's own modules are named from the crate root (`crate::flags` → `flags`).
        if (m) add(m[1]!.replace(/^(?:(?:crate|self|super)::)+/, ''))
        break
      }
      case 'php': {
        // `use Laravel\Pennant\Feature;`, `use function Foo\bar;`, `use Foo\{A, B};` (class bodies' `use Trait;` are imports too: harmless)
        const m = /^use\s+(?:function\s+|const\s+)?\\?([A-Za-z_][A-Za-z0-9_]*(?:\\[A-Za-z_][A-Za-z0-9_]*)*)/.exec(t)
        if (m) add(m[1]!)
        break
      }
      case 'dotnet': {
        // `using Polly;`, `global using Microsoft.FeatureManagement;`, `using static X.Y;`, `using Alias = X.Y;` (never `using (var x = …)`)
        const m = /^(?:global\s+)?using\s+(?:static\s+)?(?:[A-Za-z_][A-Za-z0-9_]*\s*=\s*)?([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*;/.exec(t)
        if (m) add(m[1]!)
        break
      }
      case 'elixir': {
        // `use Phoenix.Router`, `alias MyApp.Repo`, `import Plug.Conn`, `require Logger`
        const m = /^(?:use|alias|import|require)\s+([A-Z][A-Za-z0-9_]*(?:\.[A-Z][A-Za-z0-9_]*)*)/.exec(t)
        if (m) add(m[1]!)
        break
      }
    }
  }
  return out
}

/** The words an import line starts with, per ecosystem (JS also imports mid-line: `require(`, `import(`). */
const IMPORT_STARTS: Readonly<Partial<Record<Ecosystem, readonly string[]>>> = {
  python: ['from ', 'import '],
  go: ['import'],
  java: ['import'],
  ruby: ['require'],
  rust: ['use ', 'pub', 'extern'],
  php: ['use '],
  dotnet: ['using ', 'global '],
  elixir: ['use ', 'alias ', 'import ', 'require ']
}

/**
 * A cheap test, without allocating, that a line can hold an import at all: most lines of a file
 * start with none of the words above. Lines that pass are parsed as before.
 */
function mayImport(ecosystem: Ecosystem, raw: string, goBlock: boolean): boolean {
  if (ecosystem === 'node') return raw.includes('from') || raw.includes('require(') || raw.includes('import')
  if (ecosystem === 'go' && goBlock) return true
  let k = 0
  while (k < raw.length && (raw.charCodeAt(k) === 32 || raw.charCodeAt(k) === 9)) k++
  const starts = IMPORT_STARTS[ecosystem]
  return starts === undefined || starts.some((w) => raw.startsWith(w, k))
}

/** Whether position `at` of a line lies inside a '…', "…" or `…` string opened on that line. */
function insideQuotes(line: string, at: number): boolean {
  let open: string | null = null
  for (let k = 0; k < at; k++) {
    const c = line[k]!
    if (c === '\\') k++
    else if (open === null ? c === "'" || c === '"' || c === '`' : c === open) open = open === null ? c : null
  }
  return open !== null
}

const DQ3 = '"'.repeat(3)
const SQ3 = "'".repeat(3)

/**
 * Whether a line leaves a multi-line string open: counts JS backticks (unescaped) or Python
 * triple quotes, toggling the state. A cheap lexical pass: quotes inside other strings on the
 * same line can fool it, and then at most a few import-looking lines are misread.
 */
function stringStateAfter(line: string, open: string | null, ecosystem: Ecosystem): string | null {
  let state = open
  if (ecosystem === 'node') {
    if (!line.includes('`')) return state
    for (let k = 0; k < line.length; k++) {
      const c = line[k]
      if (c === '\\') k++
      else if (c === '`') state = state === null ? '`' : null
    }
    return state
  }
  if (ecosystem !== 'python') return null
  for (let k = 0; ; ) {
    const next = state === null ? firstTriple(line, k) : line.indexOf(state, k)
    if (next < 0) return state
    state = state === null ? line.slice(next, next + 3) : null
    k = next + 3
  }
}

function firstTriple(line: string, from: number): number {
  const a = line.indexOf(DQ3, from)
  const b = line.indexOf(SQ3, from)
  return a < 0 ? b : b < 0 ? a : Math.min(a, b)
}

/** Whether an import of `module` is an import of `wanted` (or of something under it). */
export function moduleMatches(ecosystem: Ecosystem, module: string, wanted: string): boolean {
  if (module === wanted) return true
  return module.startsWith(wanted + ECOSYSTEMS[ecosystem].moduleSeparator)
}

