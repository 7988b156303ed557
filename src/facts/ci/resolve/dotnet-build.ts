import { basename, dirname, joinPath } from '../../paths.js'
import { emit, enter, link, type Ctx, type Resolver } from './engine.js'
import { memoKey } from '../../run-memo.js'

const BUILD_SCRIPTS = memoKey<Script>('dotnet-build')

/**
 * .NET build scripts: Cake (`build.cake`: `Task("Test").IsDependentOn("Build").Does(() => DotNetTest(…))`),
 * NUKE (`build/Build.cs`: `Target Test => _ => _.DependsOn(Compile).Executes(() => DotNetTest(…))`)
 * and FAKE (`build.fsx`: `Target.create "Test" (fun _ -> DotNet.test id "…")`, `"Build" ==> "Test"`).
 * Reached as `dotnet cake`, `nuke Test`, `dotnet fake build -t Test`, or through their bootstrap
 * scripts (`./build.sh --target=Test`, `./build.ps1`, `build.cmd`) next to the build file. The
 * requested targets (else the script's default) run after their dependencies; each task's alias
 * calls become the commands they stand for (`DotNetTest` → `dotnet test`), linked to their line.
 * Trap: Cake Frosting's task classes and arbitrary `StartProcess` calls are not read.
 */

interface Alias {
  readonly names: readonly string[]
  readonly argv: readonly string[]
  /** Flags added when the call's own text says so (`VerifyNoChanges = true`, `.SetNoBuild(true)`). */
  readonly flags?: readonly { readonly when: RegExp; readonly flag: string }[]
}

const NO_BUILD = { when: /NoBuild\s*=\s*true|\.(Set|Enable)NoBuild\(\s*(true)?\s*\)|NoBuild\s*=\s*true/, flag: '--no-build' }

const ALIASES: readonly Alias[] = [
  { names: ['DotNetTest', 'DotNetCoreTest', 'DotNet.test'], argv: ['dotnet', 'test'], flags: [NO_BUILD] },
  { names: ['DotNetBuild', 'DotNetCoreBuild', 'DotNet.build', 'MSBuild', 'DotNetMSBuild'], argv: ['dotnet', 'build'] },
  { names: ['DotNetPublish', 'DotNetCorePublish', 'DotNet.publish'], argv: ['dotnet', 'publish'], flags: [NO_BUILD] },
  { names: ['DotNetPack', 'DotNetCorePack', 'DotNet.pack'], argv: ['dotnet', 'pack'], flags: [NO_BUILD] },
  { names: ['DotNetFormat', 'DotNetFormatStyle', 'DotNetFormatWhitespace', 'DotNetFormatAnalyzers'], argv: ['dotnet', 'format'], flags: [{ when: /VerifyNoChanges\s*=\s*true|\.(Set|Enable)VerifyNoChanges\(\s*(true)?\s*\)/, flag: '--verify-no-changes' }] },
  { names: ['DotNetVSTest', 'VSTest', 'XUnit2', 'NUnit3', 'MSTest'], argv: ['dotnet', 'vstest'] },
  { names: ['SonarScannerEnd', 'SonarEnd'], argv: ['dotnet-sonarscanner', 'end'] },
  { names: ['SonarScannerBegin', 'SonarBegin'], argv: ['dotnet-sonarscanner', 'begin'] },
  { names: ['InspectCode', 'ReSharperInspectCode'], argv: ['jb', 'inspectcode'] }
]

const ALIAS_RE = new RegExp(`(?<![\\w.])(${ALIASES.flatMap((a) => a.names).map((n) => n.replace('.', '\\.')).join('|')})\\b`)
/** `DotNet("format --verify-no-changes")` (NUKE), `DotNet.exec id "format" "--verify-no-changes"` (FAKE). */
const GENERIC_DOTNET = /(?<![\w.])DotNet\(\s*\$?@?"([^"]{1,300})"|DotNet\.exec\s+\w+\s+"([^"]{1,80})"\s+"([^"]{0,300})"/

interface Task {
  readonly deps: readonly string[]
  readonly body: readonly { readonly text: string; readonly line: number }[]
}

interface Script {
  readonly tasks: ReadonlyMap<string, Task>
  readonly defaultTarget?: string
}

type Kind = 'cake' | 'nuke' | 'fake'

export const resolveDotnetBuild: Resolver = (ctx, argv, site) => {
  const w0 = basename(argv[0]!).toLowerCase()
  let kind: Kind | undefined
  let file: string | undefined
  let args = argv.slice(1)
  if (w0 === 'cake' || w0 === 'dotnet-cake') {
    kind = 'cake'
    const script = args.find((a) => !a.startsWith('-') && a.endsWith('.cake'))
    file = joinPath(site.cwd, script ?? 'build.cake')
  } else if (w0 === 'nuke') {
    kind = 'nuke'
  } else if (w0 === 'dotnet' && args[0] === 'run') {
    // NUKE without its bootstrapper: `dotnet run --project build/_build.csproj -- Test`.
    const at = args.findIndex((a) => a === '--project' || a === '-p')
    const project = at >= 0 ? args[at + 1] : undefined
    const dir = project ? joinPath(site.cwd, project.endsWith('proj') ? dirname(project) : project) : undefined
    if (dir === undefined || !ctx.snapshot.under(dir).some((f) => f.endsWith('.cs') && (ctx.snapshot.text(f) ?? '').includes('NukeBuild'))) return false
    kind = 'nuke'
    file = nukeBuildFile(ctx, site.cwd, dir)
    const dash = args.indexOf('--')
    args = dash >= 0 ? args.slice(dash + 1) : []
  } else if (w0 === 'fake' || w0 === 'dotnet-fake') {
    kind = 'fake'
    const script = args.find((a) => a.endsWith('.fsx'))
    file = joinPath(site.cwd, script ?? 'build.fsx')
    if (args[0] !== 'build' && args[0] !== 'run') return false
  } else if (/^build\.(sh|ps1|cmd|bat)$/.test(w0) && argv[0]!.includes('/') !== undefined) {
    // A bootstrapper next to its build file.
    const dir = joinPath(site.cwd, dirname(argv[0]!)) ?? site.cwd
    if (ctx.snapshot.has(joinPath(dir, 'build.cake') ?? '')) [kind, file] = ['cake', joinPath(dir, 'build.cake')]
    else if (ctx.snapshot.has(joinPath(dir, 'build.fsx') ?? '')) [kind, file] = ['fake', joinPath(dir, 'build.fsx')]
    else if (ctx.snapshot.under(joinPath(dir, '.nuke') ?? '.nuke').length > 0 || ctx.snapshot.has(joinPath(dir, '.nuke') ?? '')) kind = 'nuke'
    else return false
  } else if ((w0 === 'pwsh' || w0 === 'powershell') && args[0] !== undefined && /(^|[/\\])build\.ps1$/i.test(args.find((a) => !a.startsWith('-')) ?? '')) {
    const script = args.find((a) => !a.startsWith('-'))!
    args = args.slice(args.indexOf(script) + 1)
    return resolveDotnetBuild(ctx, [script.replace(/\\/g, '/'), ...args], site)
  }
  if (kind === undefined) return false
  if (kind === 'nuke') file ??= nukeBuildFile(ctx, site.cwd)
  if (file === undefined) return false
  const text = ctx.snapshot.text(file)
  if (text === undefined || text.length > 512 * 1024) return false
  const base = enter(site, `dotnet-build:${file}`)
  if (base === undefined) return false
  const script = ctx.memo.get(BUILD_SCRIPTS, `${kind}:${file}`, () => (kind === 'cake' ? parseCake(text) : kind === 'nuke' ? parseNuke(text) : parseFake(text)))
  const wanted = targetsOf(kind, args)
  const goals = wanted.length > 0 ? wanted : script.defaultTarget ? [script.defaultTarget] : []
  const done = new Set<string>()
  const visit = (name: string, depth: number): void => {
    const key = name.toLowerCase()
    const task = [...script.tasks].find(([n]) => n.toLowerCase() === key)?.[1]
    if (!task || done.has(key) || depth > 50) return
    done.add(key)
    for (const d of task.deps) visit(d, depth + 1)
    for (const b of task.body) {
      const command = commandOf(b.text)
      if (command) emit(ctx, command, { ...base, text: b.text, cwd: site.cwd }, { synthetic: true, link: link(file!, b.line, b.text) })
    }
  }
  for (const g of goals) visit(g, 0)
  return done.size > 0
}
resolveDotnetBuild.wantsPath = true

/** The NUKE build project's source: `build/Build.cs` (any `.cs` under `build/`, or the given project directory, deriving from NukeBuild). */
function nukeBuildFile(ctx: Ctx, cwd: string, project?: string): string | undefined {
  const dir = project ?? joinPath(cwd, 'build') ?? 'build'
  const candidates = ctx.snapshot.under(dir).filter((f) => f.endsWith('.cs'))
  return candidates.find((f) => (ctx.snapshot.text(f) ?? '').includes('NukeBuild'))
}

/** Targets named on the command line: `--target=X`, `--target X`, `-t X`, NUKE's bare names. */
function targetsOf(kind: Kind, args: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    const eq = /^(?:--target|-target|--Target|-t)[=:](.+)$/.exec(a)
    if (eq) out.push(eq[1]!)
    else if (['--target', '-target', '-t', '--Target', '-Target'].includes(a) && args[i + 1]) out.push(args[++i]!)
    else if (kind === 'nuke' && /^[A-Za-z]\w*$/.test(a)) out.push(a)
    else if (a.startsWith('-') && !a.includes('=') && args[i + 1] && !args[i + 1]!.startsWith('-') && kind !== 'nuke') i++
  }
  return out
}

/** The command of the first call in a task line (with the settings written after it, which may hold a later call too). */
function commandOf(text: string): string[] | undefined {
  const generic = GENERIC_DOTNET.exec(text)
  const m = ALIAS_RE.exec(text)
  if (generic && (!m || generic.index < m.index)) {
    const words = generic[1] !== undefined ? generic[1].split(/\s+/) : [generic[2]!, ...generic[3]!.split(/\s+/)]
    return ['dotnet', ...words.filter((w) => w !== '' && !w.includes('{'))]
  }
  if (!m) return undefined
  const alias = ALIASES.find((a) => a.names.includes(m[1]!))!
  // Settings end where the next call starts.
  const own = text.slice(m.index, nextCall(text, m.index + m[0].length))
  return [...alias.argv, ...(alias.flags ?? []).filter((f) => f.when.test(own)).map((f) => f.flag)]
}

function nextCall(text: string, from: number): number {
  const rest = text.slice(from)
  const a = ALIAS_RE.exec(rest)
  const g = GENERIC_DOTNET.exec(rest)
  const at = Math.min(a ? a.index : Infinity, g ? g.index : Infinity)
  return at === Infinity ? text.length : from + at
}

/** Task bodies are the lines from a declaration to the next declaration; a call spanning lines is read whole. */
function bodies(lines: readonly string[], starts: readonly { name: string; line: number }[]): Map<string, { text: string; line: number }[]> {
  const out = new Map<string, { text: string; line: number }[]>()
  starts.forEach((s, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]!.line : Math.min(lines.length, s.line + 400)
    const body: { text: string; line: number }[] = []
    for (let i = s.line; i < end; i++) {
      const l = lines[i]!
      const t = l.trim()
      if (t.startsWith('//') || !(ALIAS_RE.test(l) || GENERIC_DOTNET.test(l))) continue
      // Settings written over the next lines (`new DotNetTestSettings { NoBuild = true }`).
      body.push({ text: lines.slice(i, Math.min(end, i + 8)).map((x) => x.trim()).join(' '), line: i + 1 })
    }
    out.set(s.name, body)
  })
  return out
}

/** Declarations of tasks or targets, one per line (`decl`'s first group names it), with the dependencies named on its lines until `stop`. */
function declarations(lines: readonly string[], decl: RegExp, depsOn: (line: string) => readonly string[], stop?: RegExp): { starts: { name: string; line: number }[]; deps: Map<string, string[]> } {
  const starts: { name: string; line: number }[] = []
  const deps = new Map<string, string[]>()
  let current: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    if (l.trim().startsWith('//')) continue
    const m = decl.exec(l)
    if (m) {
      current = m[1]!
      starts.push({ name: current, line: i })
      deps.set(current, [])
    }
    if (stop?.test(l)) current = undefined
    if (current) deps.get(current)!.push(...depsOn(l))
  }
  return { starts, deps }
}

const tasksOf = (starts: readonly { name: string; line: number }[], deps: ReadonlyMap<string, string[]>, b: ReadonlyMap<string, { text: string; line: number }[]>): Map<string, Task> =>
  new Map(starts.map((s) => [s.name, { deps: deps.get(s.name) ?? [], body: b.get(s.name) ?? [] }]))

export function parseCake(text: string): Script {
  const lines = text.split('\n')
  const { starts, deps } = declarations(lines, /\bTask\(\s*"([^"]{1,80})"\s*\)/, (l) => [...l.matchAll(/\.IsDependentOn\(\s*"([^"]{1,80})"\s*\)/g)].map((d) => d[1]!), /\bRunTarget\(/)
  const runTarget = lines.findIndex((l) => /\bRunTarget\(/.test(l))
  const cut = runTarget >= 0 ? starts.filter((s) => s.line < runTarget) : starts
  const tasks = tasksOf(cut, deps, bodies(lines, runTarget >= 0 ? [...cut, { name: '\0end', line: runTarget }] : cut))
  const def = /Argument\s*(?:<\s*string\s*>)?\(\s*"target"\s*,\s*"([^"]{1,80})"/.exec(text)?.[1] ?? /RunTarget\(\s*"([^"]{1,80})"/.exec(text)?.[1] ?? (tasks.has('Default') ? 'Default' : undefined)
  return def === undefined ? { tasks } : { tasks, defaultTarget: def }
}

export function parseNuke(text: string): Script {
  const lines = text.split('\n')
  const dependsOn = (l: string): string[] => {
    const on = /\.DependsOn\(([^)]{0,300})\)/.exec(l)
    return on ? on[1]!.split(',').map((x) => x.trim().replace(/^.*\./, '')).filter((x) => /^\w+$/.test(x)) : []
  }
  const { starts, deps } = declarations(lines, /\bTarget\s+([A-Za-z_]\w*)\s*=>/, dependsOn)
  const tasks = tasksOf(starts, deps, bodies(lines, starts))
  const def = /Execute<\w+>\(\s*\w+\s*=>\s*\w+\.(\w+)\s*\)/.exec(text)?.[1]
  return def === undefined ? { tasks } : { tasks, defaultTarget: def }
}

export function parseFake(text: string): Script {
  const lines = text.split('\n')
  const starts: { name: string; line: number }[] = []
  for (let i = 0; i < lines.length; i++) {
    const m = /\bTarget\.create\s+"([^"]{1,80})"/.exec(lines[i]!)
    if (m && !lines[i]!.trim().startsWith('//')) starts.push({ name: m[1]!, line: i })
  }
  // Dependency chains, over lines too: `"Clean" ==> "Build" ==> "Test"` (each depends on the one before); `<==` the other way; `?=>` only orders.
  const deps = new Map<string, string[]>()
  const add = (target: string, dep: string): void => {
    if (deps.size < 1000) deps.set(target, [...(deps.get(target) ?? []), dep])
  }
  for (const m of text.matchAll(/"([^"\n]{1,80})"\s*(==>|<==)\s*(?="([^"\n]{1,80})")/g)) {
    if (m[2] === '==>') add(m[3]!, m[1]!)
    else add(m[1]!, m[3]!)
  }
  const tasks = tasksOf(starts, deps, bodies(lines, starts))
  const def = /Target\.runOrDefault(?:WithArguments)?\s+"([^"]{1,80})"/.exec(text)?.[1]
  return def === undefined ? { tasks } : { tasks, defaultTarget: def }
}
