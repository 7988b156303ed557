import { parse as parseToml, TomlError } from 'smol-toml'
import type { ParseProblem } from '../ci/types.js'
import { dirname, joinPath } from '../paths.js'
import type { Snapshot } from '../snapshot.js'
import { parseIni, type IniLine } from '../parse/ini.js'
import { isDevGroupName, locate, readText, sectionIndex, splitLines } from './text.js'
import type { Dependency } from './types.js'

/** PEP 503 normalisation: lower case, runs of `-`, `_`, `.` become one `-`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}

/** Splits a PEP 508 requirement (`Django[argon2]>=4 ; python_version>"3"`) into name and spec; extras are dropped. */
export function parsePep508(req: string): { name: string; spec: string } | null {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(req)
  if (!m) return null
  let rest = req.slice(m[0].length)
  const semi = rest.indexOf(';')
  if (semi >= 0) rest = rest.slice(0, semi)
  rest = rest.trim()
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']')
    rest = close >= 0 ? rest.slice(close + 1).trim() : ''
  }
  return { name: normalizePythonName(m[1]!), spec: rest }
}

type Table = Record<string, unknown>
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v)

function tomlProblem(path: string, err: unknown): ParseProblem {
  if (err instanceof TomlError) return { path, line: err.line, message: `invalid TOML: ${err.message.split('\n')[0]}` }
  return { path, message: `invalid TOML: ${err instanceof Error ? err.message : String(err)}` }
}

/** Parses TOML, or records a problem (with its line) and returns undefined. */
export function parseTomlSafe(text: string, path: string, problems: ParseProblem[]): Table | undefined {
  try {
    return parseToml(text) as Table
  } catch (err) {
    problems.push(tomlProblem(path, err))
    return undefined
  }
}

class Collector {
  readonly deps: Dependency[] = []
  constructor(
    private readonly path: string,
    private readonly lines: readonly string[]
  ) {}

  /** A PEP 508 string found in section `section` (for the line lookup). */
  requirement(req: unknown, dev: boolean, sectionLine: number): void {
    if (typeof req !== 'string') return
    const p = parsePep508(req)
    if (!p) return
    const line = locate(this.lines, `"${req}"`, sectionLine) ?? locate(this.lines, `'${req}'`, sectionLine) ?? locate(this.lines, req, sectionLine)
    this.push(p.name, p.spec, dev, line)
  }

  /** A `name = spec` table entry (Poetry, Pipfile). */
  keyed(name: string, value: unknown, dev: boolean, sectionLine: number): void {
    if (name.toLowerCase() === 'python') return
    let spec = ''
    if (typeof value === 'string') spec = value
    else if (isTable(value) && typeof value.version === 'string') spec = value.version
    const line = this.keyLine(name, sectionLine)
    this.push(normalizePythonName(name), spec, dev, line)
  }

  private keyLine(name: string, from: number): number | undefined {
    for (let i = Math.max(0, from); i < this.lines.length; i++) {
      const t = this.lines[i]!.trimStart()
      if (t.startsWith(name) || t.startsWith(`"${name}"`) || t.startsWith(`'${name}'`)) {
        const after = t.slice(t.startsWith(name) ? name.length : name.length + 2).trimStart()
        if (after.startsWith('=')) return i + 1
      }
    }
    return undefined
  }

  push(name: string, spec: string, dev: boolean, line: number | undefined): void {
    this.deps.push({ name, ecosystem: 'python', manifest: this.path, dev, ...(line !== undefined ? { line } : {}), ...(spec ? { spec } : {}) })
  }
}

export function parsePyproject(path: string, text: string, problems: ParseProblem[]): Dependency[] {
  const doc = parseTomlSafe(text, path, problems)
  if (!doc) return []
  const lines = splitLines(text)
  const c = new Collector(path, lines)
  const project = isTable(doc.project) ? doc.project : undefined
  if (project) {
    const at = sectionIndex(lines, 'project')
    if (Array.isArray(project.dependencies)) for (const r of project.dependencies) c.requirement(r, false, at)
    const opt = project['optional-dependencies']
    if (isTable(opt)) {
      const optAt = sectionIndex(lines, 'project.optional-dependencies')
      for (const [extra, list] of Object.entries(opt)) if (Array.isArray(list)) for (const r of list) c.requirement(r, isDevGroupName(extra), optAt >= 0 ? optAt : at)
    }
  }
  const groups = doc['dependency-groups']
  if (isTable(groups)) {
    const at = sectionIndex(lines, 'dependency-groups')
    for (const [g, list] of Object.entries(groups)) if (Array.isArray(list)) for (const r of list) c.requirement(r, isDevGroupName(g), at)
  }
  const tool = isTable(doc.tool) ? doc.tool : {}
  const poetry = isTable(tool.poetry) ? tool.poetry : undefined
  if (poetry) {
    if (isTable(poetry.dependencies)) {
      const at = sectionIndex(lines, 'tool.poetry.dependencies')
      for (const [n, v] of Object.entries(poetry.dependencies)) c.keyed(n, v, false, at)
    }
    if (isTable(poetry['dev-dependencies'])) {
      const at = sectionIndex(lines, 'tool.poetry.dev-dependencies')
      for (const [n, v] of Object.entries(poetry['dev-dependencies'])) c.keyed(n, v, true, at)
    }
    if (isTable(poetry.group)) {
      for (const [g, body] of Object.entries(poetry.group)) {
        if (!isTable(body) || !isTable(body.dependencies)) continue
        const at = sectionIndex(lines, `tool.poetry.group.${g}.dependencies`)
        for (const [n, v] of Object.entries(body.dependencies)) c.keyed(n, v, g !== 'main', at)
      }
    }
  }
  const pdm = isTable(tool.pdm) ? tool.pdm : undefined
  if (pdm && isTable(pdm['dev-dependencies'])) {
    const at = sectionIndex(lines, 'tool.pdm.dev-dependencies')
    for (const list of Object.values(pdm['dev-dependencies'])) if (Array.isArray(list)) for (const r of list) c.requirement(r, true, at)
  }
  const hatch = isTable(tool.hatch) ? tool.hatch : undefined
  if (hatch && isTable(hatch.envs)) {
    for (const [env, body] of Object.entries(hatch.envs)) {
      if (!isTable(body)) continue
      const at = sectionIndex(lines, `tool.hatch.envs.${env}`)
      for (const key of ['dependencies', 'extra-dependencies']) {
        const list = body[key]
        if (Array.isArray(list)) for (const r of list) c.requirement(r, true, at)
      }
    }
  }
  return c.deps
}

export function parsePipfile(path: string, text: string, problems: ParseProblem[]): Dependency[] {
  const doc = parseTomlSafe(text, path, problems)
  if (!doc) return []
  const lines = splitLines(text)
  const c = new Collector(path, lines)
  for (const [section, dev] of [['packages', false], ['dev-packages', true]] as const) {
    const t = doc[section]
    if (isTable(t)) {
      const at = sectionIndex(lines, section)
      for (const [n, v] of Object.entries(t)) c.keyed(n, v, dev, at)
    }
  }
  return c.deps
}

/** `requirements*.txt`, `*requirements.txt`, `*.in` beside them and any `.txt`/`.in` under a `requirements/` directory. */
export function isRequirementsFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  if (!name.endsWith('.txt') && !name.endsWith('.in')) return false
  if (name.startsWith('requirements') || name.endsWith('requirements.txt') || name.endsWith('requirements.in')) return true
  const dir = dirname(path).toLowerCase()
  return dir === 'requirements' || dir.endsWith('/requirements')
}

function devRequirementsFile(path: string): boolean {
  const lower = path.toLowerCase()
  return /(^|[/_.-])(dev|develop|development|test|tests|testing|lint|docs|doc|ci|typing|local)([/_.-]|$)/.test(lower.replace(/\.(txt|in)$/, '.x'))
}

const MAX_INCLUDE_DEPTH = 10

/**
 * Parses a requirements file and, through `-r` includes, files it pulls in that are not
 * themselves named like requirements files. `-c` constraints only pin versions: not dependencies.
 * Cycles (a file including itself, directly or not) are cut and reported.
 */
export function parseRequirements(
  snapshot: Snapshot,
  path: string,
  problems: ParseProblem[],
  visited: Set<string> = new Set(),
  depth = 0
): { path: string; deps: Dependency[] }[] {
  if (visited.has(path)) return []
  visited.add(path)
  const text = readText(snapshot, path, problems)
  if (text === undefined) return []
  const out: { path: string; deps: Dependency[] }[] = []
  const deps: Dependency[] = []
  const dev = devRequirementsFile(path)
  const lines = splitLines(text)
  let buffer = ''
  let bufferLine = 0
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i]!
    if (!buffer) bufferLine = i + 1
    if (raw.endsWith('\\')) {
      buffer += raw.slice(0, -1) + ' '
      continue
    }
    raw = buffer + raw
    buffer = ''
    const hash = raw.search(/(^|\s)#/)
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim()
    if (!line) continue
    if (line.startsWith('-')) {
      const inc = /^(-r|--requirement)(\s+|=)(\S+)/.exec(line)
      if (inc) {
        const target = joinPath(dirname(path), inc[3]!)
        if (target === undefined) continue
        if (target === path || visited.has(target)) {
          if (target === path) problems.push({ path, line: bufferLine, message: `includes itself (-r ${inc[3]}); the include was ignored` })
          continue
        }
        if (depth >= MAX_INCLUDE_DEPTH) {
          problems.push({ path, line: bufferLine, message: `-r includes nested deeper than ${MAX_INCLUDE_DEPTH}; ${inc[3]} was not followed` })
          continue
        }
        if (!snapshot.has(target)) {
          problems.push({ path, line: bufferLine, message: `includes ${inc[3]}, which does not exist` })
          continue
        }
        if (!isRequirementsFile(target)) out.push(...parseRequirements(snapshot, target, problems, visited, depth + 1))
        continue
      }
      const editable = /^(-e|--editable)\s+(\S+)/.exec(line)
      if (editable) {
        const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(editable[2]!)
        if (egg) deps.push({ name: normalizePythonName(egg[1]!), ecosystem: 'python', manifest: path, line: bufferLine, dev })
      }
      continue
    }
    if (/^[a-z+]+:\/\//i.test(line) || line.startsWith('.') || line.startsWith('/')) continue
    const p = parsePep508(line)
    if (!p) continue
    deps.push({ name: p.name, ecosystem: 'python', manifest: path, line: bufferLine, dev, ...(p.spec ? { spec: p.spec } : {}) })
  }
  out.unshift({ path, deps })
  return out
}

/** `setup.cfg` `[options] install_requires` (and `extras_require`, `tests_require`). */
export function parseSetupCfg(path: string, text: string): Dependency[] {
  const deps: Dependency[] = []
  const take = (value: IniLine, dev: boolean): void => {
    const v = value.text.split('#')[0]!.trim()
    const p = v ? parsePep508(v) : null
    if (p) deps.push({ name: p.name, ecosystem: 'python', manifest: path, line: value.line, dev, ...(p.spec ? { spec: p.spec } : {}) })
  }
  for (const [section, keys] of parseIni(text)) {
    for (const [key, lines] of keys) {
      if (section === 'options' && (key === 'install_requires' || key === 'tests_require')) for (const l of lines) take(l, key === 'tests_require')
      else if (section === 'options.extras_require') for (const l of lines) take(l, isDevGroupName(key))
    }
  }
  return deps
}

const SETUP_KEYS: readonly [string, boolean][] = [
  ['install_requires', false],
  ['tests_require', true],
  ['extras_require', false]
]

/**
 * `setup.py` read as text, never executed: the string literals inside `install_requires=[…]`
 * (and `tests_require`, `extras_require={…}`). A variable (`install_requires=reqs`) cannot be
 * resolved without running the file and is left out.
 */
export function parseSetupPy(path: string, text: string): Dependency[] {
  const deps: Dependency[] = []
  const lineAt = (pos: number): number => {
    let n = 1
    for (let i = 0; i < pos; i++) if (text.charCodeAt(i) === 10) n++
    return n
  }
  for (const [key, dev] of SETUP_KEYS) {
    let from = 0
    for (;;) {
      const at = text.indexOf(key, from)
      if (at < 0) break
      from = at + key.length
      let i = from
      while (i < text.length && /\s/.test(text[i]!)) i++
      if (text[i] !== '=' && text[i] !== ':') continue
      i++
      while (i < text.length && /\s/.test(text[i]!)) i++
      const open = text[i]
      if (open !== '[' && open !== '{' && open !== '(') continue
      const close = open === '[' ? ']' : open === '{' ? '}' : ')'
      let depthCount = 0
      let j = i
      const limit = Math.min(text.length, i + 20000)
      for (; j < limit; j++) {
        const ch = text[j]!
        if (ch === '"' || ch === "'") {
          const end = text.indexOf(ch, j + 1)
          if (end < 0) break
          const literal = text.slice(j + 1, end)
          // In extras_require the dict keys are extra names, not requirements.
          let k = end + 1
          while (k < text.length && text[k] === ' ') k++
          const isKey = key === 'extras_require' && text[k] === ':'
          if (!isKey && !literal.includes('\n')) {
            const p = parsePep508(literal)
            if (p) deps.push({ name: p.name, ecosystem: 'python', manifest: path, line: lineAt(j), dev, ...(p.spec ? { spec: p.spec } : {}) })
          }
          j = end
          continue
        }
        if (ch === open) depthCount++
        else if (ch === close) {
          depthCount--
          if (depthCount === 0) break
        }
      }
      from = j
    }
  }
  return deps
}
