import { readLiteral } from '../../service/text.js'

/**
 * What a Gradle build script (Groovy or Kotlin DSL) says about the tasks CI can reach, read
 * without running Gradle: the plugins applied (`plugins {}` ids, version-catalog `alias(…)`,
 * `apply plugin:`), the tasks it registers or configures with their `dependsOn`/`finalizedBy`, the
 * command a task runs (node-gradle `PnpmTask`/`NpmTask`/`YarnTask`, `Exec`), tasks switched off
 * (`enabled = false`), and analysers told not to fail (`ignoreFailures = true`, Spotless
 * `enforceCheck false`).
 *
 * A small brace-aware statement scanner: each `{` opens a frame named by the text before it
 * (`tasks.register('lint', PnpmTask)`, `tasks.named('check')`, `pmd`, `subprojects`), statements
 * inside a frame are read against it, and a statement whose brackets are still open continues on
 * the next line. Strings and comments are skipped. Everything is bounded: lines read, frames, tasks.
 */

export interface GradlePlugin {
  readonly id: string
  readonly line: number
  /** Applied in `subprojects {}` / `allprojects {}`: every project has it. */
  readonly everywhere: boolean
}

export interface GradleTask {
  readonly name: string
  readonly line: number
  type?: string
  readonly dependsOn: string[]
  /** The command line the task runs (node-gradle tasks, Exec). */
  command?: string[]
  /** `enabled = false`: Gradle skips the task's own action (its dependencies still run). */
  disabled?: number
  /** Declared here (`register`, `task x`), not only configured. */
  declared: boolean
}

export interface GradleModel {
  readonly plugins: GradlePlugin[]
  readonly tasks: Map<string, GradleTask>
  /** Analyser extension or task type (`pmd`, `checkstyle`, `spotbugs`, `detekt`, `ktlint`) told `ignoreFailures = true` → line. */
  readonly ignoreFailures: Map<string, number>
  /** `spotless { enforceCheck false }`: `check` no longer runs spotlessCheck. */
  spotlessNotEnforced?: number
  /** Error Prone switched off or turned into warnings. */
  errorProneOff?: number
  /** siouan frontend plugin: `frontend { checkScript = 'run lint' }`, run by its `checkFrontend` task. */
  frontendCheck?: { readonly script: string; readonly line: number }
}

/** Version-catalog plugin aliases: `libs.plugins.spring.boot` accessor (`spring.boot`) → plugin id. */
export type PluginAliases = ReadonlyMap<string, string>

const MAX_LINES = 5000
const MAX_TASKS = 500

/** Task types of analysers → the key their `ignoreFailures` is filed under. */
const ANALYSER_TYPES: Readonly<Record<string, string>> = { Pmd: 'pmd', Checkstyle: 'checkstyle', SpotBugsTask: 'spotbugs', Detekt: 'detekt', KtLintCheckTask: 'ktlint', KtlintCheckTask: 'ktlint' }
const ANALYSER_EXTENSIONS = new Set(['pmd', 'checkstyle', 'spotbugs', 'detekt', 'ktlint', 'kotlinter'])
/** node-gradle task types → program. */
export const NODE_TASKS: Readonly<Record<string, string>> = { PnpmTask: 'pnpm', NpmTask: 'npm', YarnTask: 'yarn', NpxTask: 'npx', BunTask: 'bun' }
const BARE_PLUGINS = new Set(['java', 'java-library', 'application', 'checkstyle', 'pmd', 'jacoco', 'groovy', 'base', 'idea', 'war', 'scala', 'antlr', 'maven-publish', 'java-platform'])

type Frame =
  | { readonly kind: 'task'; readonly task: GradleTask }
  | { readonly kind: 'type'; readonly key: string }
  | { readonly kind: 'ext'; readonly name: string }
  | { readonly kind: 'tasks' | 'plugins' | 'all' | 'other' }

const Q = `(?:'([^'\\n]{1,120})'|"([^"\\n]{1,120})")`
const HEADS: readonly [RegExp, 'register' | 'configure' | 'withType'][] = [
  [new RegExp(`^(?:tasks\\.)?(?:register|create)\\s*(?:<\\s*([\\w.]+)\\s*>)?\\s*\\(\\s*${Q}(?:\\s*,\\s*([\\w.]+)(?:::class(?:\\.java)?)?)?`), 'register'],
  [new RegExp(`^task(?:\\s+|\\s*\\(\\s*)(?:${Q}|([A-Za-z_]\\w*))(?:\\s*[,(]\\s*(?:type\\s*:\\s*([\\w.]+))?)?`), 'register'],
  [/^(?:val|def)\s+([A-Za-z_]\w*)\s+(?:by\s+)?tasks\.(?:registering|creating)\s*(?:\(\s*([\w.]+)::class\s*\))?/, 'register'],
  [new RegExp(`^(?:tasks\\.)?(?:named|getByName)\\s*(?:<\\s*[\\w.]+\\s*>)?\\s*\\(\\s*${Q}`), 'configure'],
  [new RegExp(`^tasks\\s*\\[\\s*${Q}\\s*\\]`), 'configure'],
  [/^tasks\.([a-z]\w*)(?:\s*\.\s*(?:configure|apply))?\s*$/, 'configure'],
  [/^(?:tasks\.)?withType\s*(?:<\s*([\w.]+)\s*>|\(\s*([\w.]+)(?:::class(?:\.java)?)?\s*\))/, 'withType']
]

/** The first string literal or identifier captured by a head match. */
function firstCapture(m: RegExpExecArray, from = 1): string | undefined {
  for (let i = from; i < m.length; i++) if (m[i]) return m[i]
  return undefined
}

function taskOf(model: GradleModel, name: string, line: number, declared: boolean): GradleTask {
  let t = model.tasks.get(name)
  if (!t) {
    t = { name, line, dependsOn: [], declared }
    if (model.tasks.size < MAX_TASKS) model.tasks.set(name, t)
  } else if (declared && !t.declared) t.declared = true
  return t
}

/** The frame a block head opens. */
function frameFor(head: string, model: GradleModel, parent: Frame | undefined, line: number): Frame {
  const h = head.trim().replace(/\.configure(?:Each)?\s*$/, '').replace(/\.apply\s*$/, '')
  if (h === 'plugins') return { kind: 'plugins' }
  if (h === 'tasks') return { kind: 'tasks' }
  if (/^(subprojects|allprojects)$|^configure\s*\(\s*(subprojects|allprojects)/.test(h)) return { kind: 'all' }
  for (const [re, what] of HEADS) {
    const m = re.exec(h)
    if (!m) continue
    if (what === 'withType') {
      const type = (m[1] ?? m[2] ?? '').replace(/^.*\./, '')
      return { kind: 'type', key: ANALYSER_TYPES[type] ?? type }
    }
    if (re === HEADS[0]![0]) {
      const t = taskOf(model, m[2] ?? m[3]!, line, true)
      const type = (m[1] ?? m[4])?.replace(/^.*\./, '')
      if (type) t.type = type
      return { kind: 'task', task: t }
    }
    const name = firstCapture(m)!
    const t = taskOf(model, name, line, what === 'register')
    if (what === 'register') {
      const type = (re === HEADS[1]![0] ? m[4] : m[2])?.replace(/^.*\./, '')
      if (type) t.type = type
      // Groovy `task x(type: Jar, dependsOn: classes)`.
      const dep = /dependsOn\s*:\s*(.+)$/.exec(h)
      if (dep) t.dependsOn.push(...taskRefs(dep[1]!))
    }
    return { kind: 'task', task: t }
  }
  const ident = /^([a-z][A-Za-z0-9]*)$/.exec(h)?.[1]
  if (ident) {
    if (ANALYSER_EXTENSIONS.has(ident)) return { kind: 'ext', name: ident }
    if (ident === 'spotless' || ident === 'errorprone' || ident === 'frontend') return { kind: 'ext', name: ident }
    // `compileKotlin { … }` inside `tasks {}`, or a task configured by name in Groovy (`check { … }`).
    if (parent?.kind === 'tasks' || model.tasks.has(ident) || LIFECYCLE.has(ident)) return { kind: 'task', task: taskOf(model, ident, line, false) }
  }
  return { kind: 'other' }
}

const LIFECYCLE = new Set(['check', 'build', 'test', 'assemble', 'compileJava', 'compileKotlin', 'compileTestJava', 'classes'])

/** Task references in a `dependsOn` argument list: literals, `tasks.named('x')`, `tasks.x`, `tasks["x"]`, bare names. */
export function taskRefs(args: string): string[] {
  const out: string[] = []
  const text = args.replace(/^\s*\(|\)\s*$/g, '')
  for (const m of text.matchAll(/tasks\s*\.\s*(?:named|getByName)\s*(?:<[\w.]+>)?\s*\(\s*['"]([^'"]{1,120})['"]|tasks\s*\[\s*['"]([^'"]{1,120})['"]\s*\]|tasks\s*\.\s*([a-z]\w{0,80})|['"]([^'"\n]{1,120})['"]|(?<![\w.$'"])([a-z][A-Za-z0-9]{0,80})(?![\w.('"])/g)) {
    const ref = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]
    if (ref && !['tasks', 'named', 'getByName', 'project', 'true', 'false', 'it', 'get', 'configure', 'map', 'listOf', 'arrayOf'].includes(ref)) out.push(ref)
    if (out.length >= 40) break
  }
  return out
}

/** String literals of a list expression: `['run', 'lint']`, `listOf("run", "lint")`, `'run', 'lint'`. */
function literals(text: string): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length && out.length < 40; i++) {
    const c = text[i]
    if (c !== '"' && c !== "'") continue
    const lit = readLiteral(text, i)
    if (!lit) break
    out.push(lit.value)
    i = lit.end - 1
  }
  return out
}

const TRUE_SET = /^(?:is)?([A-Za-z]+)\s*(?:=\s*|\.set\s*\(\s*|\s+|\(\s*)(true|false)\b/

/** Longest statement read (a generated or minified line is no task wiring). */
const MAX_STATEMENT = 4000

function statement(text: string, frame: Frame | undefined, model: GradleModel, line: number, aliases: PluginAliases): void {
  const s = text.length > MAX_STATEMENT ? '' : text.trim()
  if (s === '') return
  if (frame?.kind === 'plugins' || /^apply\s*\(?\s*plugin\s*[:=]/.test(s) || /^plugins\.apply\s*\(/.test(s)) {
    const id = pluginId(s, aliases)
    if (id) model.plugins.push({ id, line, everywhere: false })
    return
  }
  // One-liners on a task: `check.dependsOn x`, `tasks["check"].dependsOn("x")`, `x.enabled = false`.
  const dotted = /^(?:tasks\s*\.\s*(?:named|getByName)\s*\(\s*['"]([^'"]+)['"]\s*\)|tasks\s*\[\s*['"]([^'"]+)['"]\s*\]|tasks\s*\.\s*([a-z]\w*)|([a-z]\w*))\s*\.\s*(?:get\(\)\s*\.\s*)?(dependsOn|finalizedBy|enabled)\b\s*(.*)$/.exec(s)
  if (dotted) {
    const name = dotted[1] ?? dotted[2] ?? dotted[3] ?? dotted[4]!
    if (dotted[5] === 'enabled') {
      if (/^=?\s*false\b/.test(dotted[6]!.trim())) taskOf(model, name, line, false).disabled = line
    } else taskOf(model, name, line, false).dependsOn.push(...taskRefs(dotted[6]!))
    return
  }
  const set = TRUE_SET.exec(s)
  if (/errorprone\s*\.\s*(?:enabled|isEnabled)\s*(?:=|\.set\()\s*false|disableAllChecks\s*(?:=|\.set\()\s*true|allErrorsAsWarnings\s*(?:=|\.set\()\s*true/.test(s)) model.errorProneOff = line
  if (frame?.kind === 'task') {
    const t = frame.task
    const dep = /^(?:dependsOn|finalizedBy)\b\s*(?:=|\+=)?\s*(.*)$/.exec(s)
    if (dep) {
      t.dependsOn.push(...taskRefs(dep[1]!))
      return
    }
    if (set && set[1]!.toLowerCase() === 'enabled' && set[2] === 'false') t.disabled = line
    if (/^onlyIf\s*\{\s*false\s*\}/.test(s)) t.disabled = line
    const cmd = /^(pnpmCommand|npmCommand|yarnCommand|bunCommand|args|commandLine|command)\b\s*(?:=|\.set\s*\(|\(|\s)\s*(.*)$/.exec(s)
    if (cmd) {
      const words = literals(cmd[2]!)
      if (words.length > 0) t.command = cmd[1] === 'command' ? [...words, ...(t.command ?? [])] : [...(t.command ?? []), ...words]
    }
    if (set && set[1]!.toLowerCase() === 'ignorefailures' && set[2] === 'true' && t.type && ANALYSER_TYPES[t.type]) model.ignoreFailures.set(ANALYSER_TYPES[t.type]!, line)
    return
  }
  if (set && set[1]!.toLowerCase() === 'ignorefailures' && set[2] === 'true') {
    if (frame?.kind === 'ext') model.ignoreFailures.set(frame.name === 'kotlinter' ? 'ktlint' : frame.name, line)
    else if (frame?.kind === 'type') model.ignoreFailures.set(frame.key, line)
  }
  const check = frame?.kind === 'ext' && frame.name === 'frontend' ? /^checkScript\s*(?:=|\.set\s*\()\s*['"]([^'"]{1,200})['"]/.exec(s) : null
  if (check) model.frontendCheck = { script: check[1]!, line }
  if (frame?.kind === 'ext' && frame.name === 'spotless' && set && set[1]!.toLowerCase() === 'enforcecheck' && set[2] === 'false') model.spotlessNotEnforced = line
}

/** The plugin id of a `plugins {}` line or an `apply plugin:` statement. */
export function pluginId(s: string, aliases: PluginAliases): string | undefined {
  const id = /^id\s*\(?\s*['"]([\w.-]+)['"]/.exec(s) ?? /apply\s*\(?\s*plugin\s*[:=]\s*['"]([\w.-]+)['"]/.exec(s) ?? /^plugins\.apply\s*\(\s*['"]([\w.-]+)['"]/.exec(s)
  if (id) return id[1]
  const alias = /^alias\s*\(\s*libs\.plugins\.([\w.]+)\s*\)/.exec(s)
  if (alias) return aliases.get(alias[1]!.replace(/\.get$/, '')) ?? undefined
  const kotlin = /^kotlin\s*\(\s*['"]([\w.-]+)['"]\s*\)/.exec(s)
  if (kotlin) return `org.jetbrains.kotlin.${kotlin[1]}`
  const bare = /^`?([a-z][\w-]*)`?$/.exec(s)
  return bare && BARE_PLUGINS.has(bare[1]!) ? bare[1] : undefined
}

/** Reads one build script into a model. */
export function parseGradleBuild(text: string, aliases: PluginAliases = new Map()): GradleModel {
  const model: GradleModel = { plugins: [], tasks: new Map(), ignoreFailures: new Map() }
  const stack: Frame[] = []
  let segment = ''
  /** Whether the segment holds only blanks so far (its first character sets segLine). */
  let blank = true
  let segLine = 1
  let depth = 0 // open ( and [ in the current segment
  let inBlock = false
  const lines = text.split('\n')
  const flush = (line: number): void => {
    const all = stack.some((f) => f.kind === 'all')
    const before = model.plugins.length
    statement(segment, stack[stack.length - 1], model, segLine || line, aliases)
    if (all) for (let k = before; k < model.plugins.length; k++) model.plugins[k] = { ...model.plugins[k]!, everywhere: true }
    segment = ''
    blank = true
    depth = 0
  }
  for (let n = 0; n < lines.length && n < MAX_LINES; n++) {
    const l = lines[n]!
    const lineNo = n + 1
    for (let i = 0; i < l.length; i++) {
      const c = l[i]!
      if (inBlock) {
        if (c === '*' && l[i + 1] === '/') {
          inBlock = false
          i++
        }
        continue
      }
      if (c === '/' && l[i + 1] === '*') {
        inBlock = true
        i++
        continue
      }
      if (c === '/' && l[i + 1] === '/') break
      if (c === '"' || c === "'") {
        const lit = readLiteral(l, i)
        const end = lit ? lit.end : l.length
        if (blank) segLine = lineNo
        blank = false
        segment += l.slice(i, end)
        i = end - 1
        continue
      }
      if (c === '{') {
        const parent = stack[stack.length - 1]
        if (stack.length < 64) stack.push(frameFor(segment.length > 2000 ? '' : segment, model, parent, segLine || lineNo))
        segment = ''
        blank = true
        depth = 0
        continue
      }
      if (c === '}') {
        flush(lineNo)
        stack.pop()
        continue
      }
      if (c === ';' && depth === 0) {
        flush(lineNo)
        continue
      }
      if (c === '(' || c === '[') depth++
      else if (c === ')' || c === ']') depth = Math.max(0, depth - 1)
      if (blank && c !== ' ' && c !== '\t') {
        segLine = lineNo
        blank = false
      }
      segment += c
    }
    // A statement with open brackets (`dependsOn(\n  'a',\n  'b'\n)`) or a trailing operator continues.
    if (depth === 0 && !/[,=+.]\s*$/.test(segment)) flush(lineNo)
    else segment += ' '
  }
  flush(lines.length)
  return model
}
