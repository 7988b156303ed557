import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { XMLValidator } from 'fast-xml-parser'
import yaml from 'js-yaml'
import { parse as parseToml } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { DOCKERFILES, imageWorkflow } from '../../src/checks/catalog/containers.js'
import { contractRemediation } from '../../src/checks/catalog/contract.js'
import { HEALTH_SNIPPETS } from '../../src/checks/catalog/health-snippets.js'
import { OPENAPI_SNIPPETS } from '../../src/checks/catalog/openapi.js'
import { MAKE_IT_FAIL, PR_TRIGGER, RUN_PRE_COMMIT_IN_CI } from '../../src/checks/catalog/remedies.js'
import { CHECK_IDS } from '../../src/checks/ids.js'
import { REGISTRY } from '../../src/checks/registry.js'
import { runOne } from '../../src/checks/run.js'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import type { GitHubFacts } from '../../src/facts/github.js'
import type { Facts } from '../../src/facts/types.js'
import { factsFor } from '../helpers/facts.js'
import { STACKS } from '../helpers/stacks.js'

/**
 * Every snippet Shipshape prints is valid for its language: each fenced block of every
 * remediation (the checks run on a repository of each stack, failing and unknown) and of the
 * docs is parsed by its language — YAML, JSON, TOML, XML with their parsers, INI, Dockerfiles and
 * shell with a structural check (`bash -n` parses without running). A block with no language, or a
 * language nobody checks, fails: a new language needs a parser here first.
 */

interface Block {
  readonly lang: string
  readonly code: string
  readonly where: string
}

/** The fenced blocks of a Markdown text (indented fences too: a list item may hold one). */
export function fencedBlocks(markdown: string, where: string): Block[] {
  const out: Block[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]!)
    if (!open) continue
    const [, indent, fence, lang] = open
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length && !(lines[j]!.trim().startsWith(fence!) && lines[j]!.trim().replace(/[`~]/g, '') === ''); j++) body.push(lines[j]!.startsWith(indent!) ? lines[j]!.slice(indent!.length) : lines[j]!)
    if (j >= lines.length) throw new Error(`${where}: unclosed fence at line ${i + 1}`)
    out.push({ lang: lang!.toLowerCase(), code: body.join('\n'), where: `${where}:${i + 1}` })
    i = j
  }
  return out
}

const DOCKER_INSTRUCTIONS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'MAINTAINER'])

/** A Dockerfile's structure: instructions only (continuations joined), FROM first after ARGs, exec forms as JSON arrays. */
function checkDockerfile(code: string): void {
  const logical: string[] = []
  let cur = ''
  for (const raw of code.split('\n')) {
    const line = raw.trim()
    if (cur === '' && (line === '' || line.startsWith('#'))) continue
    cur += (cur ? ' ' : '') + line.replace(/\\$/, '').trim()
    if (!line.endsWith('\\')) {
      logical.push(cur)
      cur = ''
    }
  }
  if (cur) throw new Error('a line continuation runs past the end')
  const first = logical.find((l) => !l.startsWith('ARG '))
  if (!first?.startsWith('FROM ')) throw new Error('the first instruction is not FROM')
  for (const l of logical) {
    const [word, ...rest] = l.split(/\s+/)
    if (!DOCKER_INSTRUCTIONS.has(word!)) throw new Error(`unknown instruction: ${l}`)
    if (rest.length === 0) throw new Error(`${word} without arguments`)
    const args = rest.join(' ').replace(/\s+#.*$/, '')
    if (['CMD', 'ENTRYPOINT', 'RUN', 'SHELL'].includes(word!) && args.startsWith('[')) {
      const parsed = JSON.parse(args) as unknown
      if (!Array.isArray(parsed) || parsed.some((a) => typeof a !== 'string')) throw new Error(`exec form is not a JSON array of strings: ${l}`)
    }
  }
}

/**
 * INI as Python's configparser reads it with its defaults (import-linter's `.importlinter` and
 * `setup.cfg`): `[section]` headers, `key = value` or `key: value`, indented continuation lines
 * (a multi-line value), whole-line `#`/`;` comments; strict, so a key outside any section, a
 * continuation with no key above it, or a section or key given twice (keys are case-insensitive)
 * is an error, as configparser would raise one.
 */
function checkIni(code: string): void {
  const sections = new Set<string>()
  let keys: Set<string> | null = null
  let inValue = false
  for (const [i, line] of code.split('\n').entries()) {
    const at = `line ${i + 1}`
    if (line.trim() === '' || /^\s*[#;]/.test(line)) continue
    if (/^\s/.test(line)) {
      if (!inValue) throw new Error(`${at}: an indented line continues no key: ${line}`)
      continue
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(line)
    if (header) {
      if (sections.has(header[1]!)) throw new Error(`${at}: section [${header[1]}] given twice`)
      sections.add(header[1]!)
      keys = new Set()
      inValue = false
      continue
    }
    const pair = /^([^=:\s[][^=:]*?)\s*[=:]/.exec(line)
    if (!pair) throw new Error(`${at}: neither a section, a key nor a comment: ${line}`)
    if (!keys) throw new Error(`${at}: a key before any section: ${line}`)
    const key = pair[1]!.toLowerCase()
    if (keys.has(key)) throw new Error(`${at}: key ${key} given twice in its section`)
    keys.add(key)
    inValue = true
  }
  if (sections.size === 0) throw new Error('no section')
}

function checkShell(code: string): void {
  // A `$ ` prompt is not shell syntax; our snippets never use one.
  if (/^\s*\$ /m.test(code)) throw new Error('a prompt ($ ) in a shell snippet')
  const r = spawnSync('bash', ['-n'], { input: code, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr.trim())
}

/** One parser per language we print; the languages read by people, not tools, are listed as such. */
const CHECKERS: Readonly<Record<string, ((code: string) => void) | 'prose'>> = {
  yaml: (code) => void yaml.loadAll(code),
  yml: (code) => void yaml.loadAll(code),
  json: (code) => void JSON.parse(code),
  toml: (code) => void parseToml(code),
  xml: (code) => {
    const ok = XMLValidator.validate(`<snippet>${code}</snippet>`)
    if (ok !== true) throw new Error(ok.err.msg)
  },
  ini: checkIni,
  dockerfile: checkDockerfile,
  sh: checkShell,
  bash: checkShell,
  shell: checkShell,
  // Source snippets are fragments of a program (no imports, elided bodies): read, not compiled.
  python: 'prose',
  ts: 'prose',
  js: 'prose',
  go: 'prose',
  java: 'prose',
  kotlin: 'prose',
  ruby: 'prose',
  rust: 'prose',
  php: 'prose',
  elixir: 'prose',
  csharp: 'prose',
  hcl: 'prose',
  markdown: 'prose',
  text: 'prose'
}

function expectValid(block: Block): void {
  const checker = CHECKERS[block.lang]
  if (checker === undefined) throw new Error(`${block.where}: a fenced block ${block.lang ? `in ${block.lang}, which no test parses` : 'without a language'}`)
  if (checker === 'prose') return
  try {
    checker(block.code)
  } catch (err) {
    throw new Error(`${block.where} (${block.lang}): ${(err as Error).message}\n${block.code}`)
  }
}

const skipped = (reason: string) => ({ status: 'skipped' as const, reason })
const forbidden = { status: 'error' as const, kind: 'forbidden' as const, reason: '403', resolve: 'grant it' }

/** The API answers that lead to each kind of unknown (no API, a forbidden read, protection unreadable). */
const GITHUB: readonly (GitHubFacts | null)[] = [
  null,
  { repo: { owner: 'a', name: 'b', defaultBranch: 'main' }, branch: 'main', rules: forbidden, protection: forbidden, prRuns: forbidden, tags: skipped('x'), calls: 3 },
  {
    repo: { owner: 'a', name: 'b', defaultBranch: 'main' },
    branch: 'main',
    rules: { status: 'ok', pullRequest: null, statusChecks: null, ruleTypes: [], rulesetIds: [] },
    protection: skipped('no admin-token'),
    prRuns: { status: 'ok', durationsMinutes: [], sample: 0, workflows: [] },
    tags: skipped('x'),
    calls: 3
  }
]

function remediations(): { where: string; markdown: string }[] {
  const out: { where: string; markdown: string }[] = []
  const add = (where: string, markdown: string | null | undefined): void => {
    if (markdown) out.push({ where, markdown })
  }
  for (const [stack, files] of Object.entries(STACKS)) {
    for (const dockerfile of [false, true]) {
      for (const github of GITHUB) {
        const base = factsFor({ files: dockerfile ? { ...files, 'deploy/Dockerfile': 'FROM scratch\n' } : files, tags: null })
        const facts: Facts = { ...base, github }
        for (const id of CHECK_IDS) add(`${id} on ${stack}${dockerfile ? ' with a Dockerfile' : ''}`, runOne(REGISTRY[id]!, facts, DEFAULT_CONFIG).remediation)
      }
    }
  }
  for (const id of CHECK_IDS) add(`${id} default remediation`, REGISTRY[id]!.meta.remediation)
  for (const [k, v] of Object.entries(HEALTH_SNIPPETS)) add(`health snippet ${k}`, v)
  for (const [k, v] of Object.entries(OPENAPI_SNIPPETS)) add(`openapi snippet ${k}`, v)
  for (const [k, v] of Object.entries(DOCKERFILES)) add(`Dockerfile ${k}`, v)
  add('image workflow', imageWorkflow(null))
  add('image workflow for services/api/Dockerfile', imageWorkflow('services/api/Dockerfile'))
  add('contract tests, every stack', contractRemediation([]))
  add('PR trigger', PR_TRIGGER)
  add('make it fail', MAKE_IT_FAIL)
  add('pre-commit in CI', RUN_PRE_COMMIT_IN_CI)
  return out
}

const ROOT = join(import.meta.dirname, '..', '..')

describe('every snippet parses for its language', () => {
  it('in every remediation Shipshape prints, on a repository of each stack', () => {
    const all = remediations().flatMap((r) => fencedBlocks(r.markdown, r.where))
    // The same snippet printed for many stacks is parsed once.
    const blocks = [...new Map(all.map((b) => [`${b.lang}\0${b.code}`, b])).values()]
    const langs = new Set(blocks.map((b) => b.lang))
    // The sweep really reaches the languages it promises to parse.
    for (const l of ['yaml', 'dockerfile', 'sh', 'xml', 'ini']) expect(langs, l).toContain(l)
    for (const b of blocks) expectValid(b)
  })

  it('every line of every snippet fits an 80-column terminal at its 4-column indent, so none is hidden there', () => {
    const wide = remediations()
      .flatMap((r) => fencedBlocks(r.markdown, r.where))
      .flatMap((b) => b.code.split('\n').filter((l) => l.replace(/\t/g, '    ').length > 76).map((l) => `${b.where}: ${l}`))
    expect([...new Set(wide)]).toEqual([])
  })

  it('in the docs pages and the README', () => {
    const docs = readdirSync(join(ROOT, 'docs', 'checks')).filter((f) => f.endsWith('.md')).map((f) => join('docs', 'checks', f))
    const blocks = [...docs, 'README.md'].flatMap((f) => fencedBlocks(readFileSync(join(ROOT, f), 'utf8'), f))
    expect(blocks.length).toBeGreaterThan(50)
    for (const b of blocks) expectValid(b)
  })

  it('the checks catch what GitHub would reject', () => {
    const bad: Block[] = [
      { lang: 'yaml', code: 'with: { username: ${{ github.actor }} }', where: 'flow style around an expression' },
      { lang: 'dockerfile', code: 'RUN pip install x', where: 'no FROM' },
      { lang: 'dockerfile', code: 'FROM x\nCMD ["a", b]', where: 'broken exec form' },
      { lang: 'sh', code: "echo 'unterminated", where: 'open quote' },
      { lang: 'json', code: '{ a: 1 }', where: 'bare key' },
      { lang: 'toml', code: 'a = ', where: 'no value' },
      { lang: 'ini', code: 'root_package = app', where: 'an INI key outside any section' },
      { lang: 'ini', code: '[importlinter]\nroot_package = app\nRoot_Package = api', where: 'an INI key given twice' },
      { lang: 'ini', code: '[a]\nx = 1\n[a]', where: 'an INI section given twice' },
      { lang: 'ini', code: '[a]\n    app.api', where: 'an INI continuation with no key' },
      { lang: 'ini', code: '[a]\nlayers', where: 'an INI line that is no key' },
      { lang: '', code: 'x', where: 'no language' }
    ]
    for (const b of bad) expect(() => expectValid(b), b.where).toThrow()
  })
})
