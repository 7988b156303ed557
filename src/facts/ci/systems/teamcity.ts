import type { CiJob, CiStep, CiTriggers } from '../types.js'
import { link, triggers, type ParseContext } from './common.js'

/**
 * TeamCity Kotlin DSL (`.teamcity/*.kts`), read line by line (no Kotlin parser): every `object X
 * : BuildType({…})` is a job; its steps are the `scriptContent` of `script { }` steps (`"""…"""`
 * blocks or one-line strings), and the programs of the common runners (`maven { goals = … }` →
 * `mvn …`, `gradle { tasks = … }` → `./gradlew …`, `exec { path = … arguments = … }`,
 * `dotnetBuild`/`dotnetTest`, `dockerCommand` builds). A build type with a `vcs { }` trigger builds
 * pushes; with a `pullRequests { }` feature as well, pull requests. A build type without triggers
 * runs when a build that depends on it (`snapshot(X)`) runs, else only by hand.
 */

const MAX_LINES = 20_000
const OBJECT = /^\s*object\s+(\w+)\s*:\s*BuildType\s*\(/
const SNAPSHOT = /snapshot\s*\(\s*(\w+)\s*\)/g
const RUNNER = /^\s*(maven|gradle|dotnetBuild|dotnetTest|dockerCommand|exec|script|nodeJS)\s*\{/
/** The property of a runner step that names what it runs, and the command it stands for. */
const RUNNERS: Readonly<Record<string, { re: RegExp; run: (v: string) => string }>> = {
  maven: { re: /^\s*goals\s*=\s*"([^"]*)"/, run: (v) => `mvn ${v}` },
  gradle: { re: /^\s*tasks\s*=\s*"([^"]*)"/, run: (v) => `./gradlew ${v}` },
  dotnetBuild: { re: /^\s*projects\s*=\s*"([^"]*)"/, run: (v) => `dotnet build ${v}` },
  dotnetTest: { re: /^\s*projects\s*=\s*"([^"]*)"/, run: (v) => `dotnet test ${v}` },
  dockerCommand: { re: /\bpath\s*=\s*"([^"]*)"/, run: (v) => `docker build -f ${v} .` },
  exec: { re: /^\s*path\s*=\s*"([^"]+)"/, run: (v) => (v.includes('/') ? v : `./${v}`) }
}

interface BuildType {
  readonly id: string
  readonly line: number
  readonly body: readonly string[]
}

export function parseTeamcity(ctx: ParseContext, paths: readonly string[]): CiJob[] {
  const out: CiJob[] = []
  for (const path of paths) {
    const text = ctx.snapshot.text(path)
    if (text === undefined) {
      ctx.problems.push({ path, message: `${path} could not be read` })
      continue
    }
    const types = buildTypes(text.split('\n').slice(0, MAX_LINES))
    const own = new Map(types.map((b) => [b.id, ownTriggers(b.body)]))
    // A build type started by its dependants runs when they do (one level is enough in practice).
    const inherited = new Map<string, CiTriggers>()
    for (const b of types) {
      const t = own.get(b.id)!
      if (!t.push && !t.pullRequest) continue
      for (const m of b.body.join('\n').matchAll(SNAPSHOT)) inherited.set(m[1]!, merge(inherited.get(m[1]!), t))
    }
    for (const b of types) {
      const t0 = own.get(b.id)!
      const t = t0.push || t0.pullRequest ? t0 : (inherited.get(b.id) ?? t0)
      out.push({ system: 'teamcity', file: path, line: b.line, id: b.id, name: b.id, triggers: t, disabled: null, canFail: false, steps: steps(path, b), images: [], services: [], via: [] })
    }
  }
  return out
}

function buildTypes(lines: readonly string[]): BuildType[] {
  const out: { id: string; line: number; body: string[] }[] = []
  lines.forEach((l, i) => {
    const m = OBJECT.exec(l)
    if (m) out.push({ id: m[1]!, line: i + 1, body: [] })
    else if (out.length > 0) out[out.length - 1]!.body.push(l)
  })
  return out
}

function ownTriggers(body: readonly string[]): CiTriggers {
  const text = body.join('\n')
  const vcs = /\bvcs\s*\{/.test(text)
  const pr = vcs && /\bpullRequests\s*\{/.test(text)
  const schedule = /\bschedule\s*\{/.test(text)
  if (!vcs && !schedule) return triggers({ manual: true }, ['manual'])
  return triggers({ push: vcs, pullRequest: pr, schedule }, [...(vcs ? ['vcs'] : []), ...(pr ? ['pull_request'] : []), ...(schedule ? ['schedule'] : [])])
}

function merge(a: CiTriggers | undefined, b: CiTriggers): CiTriggers {
  if (a === undefined) return b
  return triggers({ push: a.push || b.push, pullRequest: a.pullRequest || b.pullRequest, schedule: a.schedule || b.schedule, manual: a.manual || b.manual }, [...a.events, ...b.events])
}

function steps(path: string, b: BuildType): CiStep[] {
  const out: CiStep[] = []
  const add = (line: number, run: string, runLine = line): void => {
    out.push({ loc: link(path, line, run), run, runLine, canFail: false, disabled: null, via: [] })
  }
  const body = b.body
  let runner: string | undefined
  for (let i = 0; i < body.length; i++) {
    const l = body[i]!
    const lineNo = b.line + 1 + i
    const triple = /scriptContent\s*=\s*"""(.*)$/.exec(l)
    if (triple) {
      const first = triple[1]!
      const close = first.indexOf('"""')
      if (close >= 0) {
        add(lineNo, first.slice(0, close))
        continue
      }
      const collected: string[] = first.trim() === '' ? [] : [first]
      let j = i + 1
      for (; j < body.length && j - i < 500; j++) {
        const end = body[j]!.indexOf('"""')
        if (end >= 0) {
          if (body[j]!.slice(0, end).trim() !== '') collected.push(body[j]!.slice(0, end))
          break
        }
        collected.push(body[j]!)
      }
      add(lineNo, dedent(collected), first.trim() === '' ? lineNo + 1 : lineNo)
      i = j
      continue
    }
    const single = /scriptContent\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(l)
    if (single) {
      add(lineNo, single[1]!.replace(/\\(.)/g, '$1'))
      continue
    }
    const opened = RUNNER.exec(l)
    if (opened) runner = opened[1]
    const r = runner === undefined ? undefined : RUNNERS[runner]
    const m = r?.re.exec(l)
    if (r && m) {
      add(lineNo, r.run(m[1]!))
      runner = undefined
    }
  }
  return out
}

function dedent(lines: readonly string[]): string {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length)
  const n = indents.length === 0 ? 0 : Math.min(...indents)
  return lines.map((l) => l.slice(n)).join('\n')
}
