import { parseVersionCatalog } from '../../manifests/java.js'
import { dirname, joinPath } from '../../paths.js'
import { emit, enter, link, runScript, shellJoin, type Ctx, type Site } from './engine.js'
import { NODE_TASKS, parseGradleBuild, type GradleModel, type GradlePlugin, type GradleTask } from './gradle-model.js'
import { memoKey } from '../../run-memo.js'

const GRADLE_BUILDS = memoKey<Build>('gradle-build')

/**
 * Gradle, followed task by task: `./gradlew build` runs `check` and `assemble`; `check` runs
 * `test` and the analysers its plugins wire in (checkstyleMain, spotlessCheck, pmdMain, detekt,
 * ktlintCheck, …) plus any task the build adds to it (`tasks.named('check') { dependsOn lint }`);
 * a custom task runs its `dependsOn`/`finalizedBy` and its own command (node-gradle
 * `PnpmTask`/`NpmTask`, `Exec`), which is then resolved like any CI command (`pnpm run lint` →
 * package.json → eslint). `:api:test` names the task of one project. Each lifecycle step becomes a
 * synthetic command (`gradle spotlessCheck`) linked to the line that wires it.
 *
 * Traps: `-x task` excludes it everywhere; a task with `enabled = false` does not run its own
 * action (its dependencies still do); `ignoreFailures = true` (PMD, Checkstyle, SpotBugs, detekt,
 * ktlint) makes the analyser unable to fail the build, and Spotless `enforceCheck false` takes
 * spotlessCheck out of `check`; plugins applied through `subprojects {}` reach every project;
 * version-catalog `alias(libs.plugins.x)` ids come from `gradle/libs.versions.toml`.
 */

/** Plugin id → tasks that `check` depends on. */
const CHECK_TASKS: Readonly<Record<string, readonly string[]>> = {
  checkstyle: ['checkstyleMain'],
  pmd: ['pmdMain'],
  'com.github.spotbugs': ['spotbugsMain'],
  'com.diffplug.spotless': ['spotlessCheck'],
  'com.diffplug.gradle.spotless': ['spotlessCheck'],
  'io.gitlab.arturbosch.detekt': ['detekt'],
  'dev.detekt': ['detekt'],
  'org.jlleitschuh.gradle.ktlint': ['ktlintCheck'],
  'org.jmailen.kotlinter': ['lintKotlin'],
  'io.spring.javaformat': ['checkFormat'],
  jacoco: [],
  'org.sonarqube': []
}
/** Analyser task → the key its `ignoreFailures` is filed under. */
const IGNORE_KEY: Readonly<Record<string, string>> = { checkstyleMain: 'checkstyle', pmdMain: 'pmd', spotbugsMain: 'spotbugs', detekt: 'detekt', ktlintCheck: 'ktlint', lintKotlin: 'ktlint' }
/** Tasks a plugin adds that CI may call by name (image builds, Sonar). */
const PLUGIN_TASKS: Readonly<Record<string, readonly string[]>> = {
  'org.sonarqube': ['sonar', 'sonarqube'],
  'com.google.cloud.tools.jib': ['jib', 'jibDockerBuild', 'jibBuildTar'],
  'org.springframework.boot': ['bootBuildImage', 'bootJar', 'bootRun']
}
/** Task types whose action CI judges by the synthetic command named here (a `Test` task runs tests). */
const TYPED: Readonly<Record<string, (name: string) => string>> = {
  Test: (name) => (/test/i.test(name) ? name : `${name}Test`),
  BootBuildImage: () => 'bootBuildImage',
  DockerBuildImage: () => 'dockerBuildImage',
  Checkstyle: () => 'checkstyleMain',
  Pmd: () => 'pmdMain',
  Detekt: () => 'detekt'
}
const JAVA_PLUGINS = new Set(['java', 'java-library', 'application', 'org.springframework.boot', 'org.jetbrains.kotlin.jvm', 'kotlin', 'groovy', 'scala', 'io.micronaut.application', 'io.micronaut.library', 'io.quarkus', 'io.ktor.plugin', 'war'])
const COMPILE_TASKS = new Set(['assemble', 'compileJava', 'compileKotlin', 'compileTestJava', 'compileTestKotlin', 'classes', 'testClasses', 'jar', 'bootJar', 'shadowJar', 'installDist', 'distZip'])

interface Project {
  readonly dir: string
  readonly file: string
  readonly model: GradleModel
}

interface Build {
  /** The build's root directory (where `./gradlew` runs). */
  readonly root: string
  readonly projects: readonly Project[]
  /** Plugins applied to every project (`subprojects {}` / `allprojects {}` in the root script). */
  readonly everywhere: readonly (GradlePlugin & { file: string })[]
}

function loadBuild(ctx: Ctx, dir: string): Build {
  return ctx.memo.get(GRADLE_BUILDS, dir, () => {
    const files = [...['build.gradle', 'build.gradle.kts'].map((f) => joinPath(dir, f)!).filter((p) => ctx.snapshot.has(p)), ...ctx.snapshot.under(dir).filter((p) => /(^|\/)build\.gradle(\.kts)?$/.test(p) && dirname(p) !== dir && !/(^|\/)(build|node_modules|buildSrc)\//.test(p)).slice(0, 60)]
    const aliases = catalogPlugins(ctx, dir)
    const projects = files.map((file) => ({ dir: dirname(file), file, model: modelOf(ctx, file, aliases) }))
    const root = projects.filter((p) => p.dir === dir)
    return { root: dir, projects, everywhere: root.flatMap((p) => p.model.plugins.filter((x) => x.everywhere).map((x) => ({ ...x, file: p.file }))) }
  })
}

const NO_ALIASES: ReadonlyMap<string, string> = new Map()

/** A build script's model (read once per build directory and CI collection, through loadBuild). */
function modelOf(ctx: Ctx, file: string, aliases: ReadonlyMap<string, string>): GradleModel {
  return parseGradleBuild(ctx.snapshot.text(file) ?? '', aliases)
}

/** `[plugins]` of the version catalog in `gradle/` of the build root or an ancestor. */
function catalogPlugins(ctx: Ctx, dir: string): ReadonlyMap<string, string> {
  for (let d = dir; ; d = dirname(d)) {
    const p = d ? `${d}/gradle/libs.versions.toml` : 'gradle/libs.versions.toml'
    const read = ctx.snapshot.read(p)
    if (read.kind === 'text') return parseVersionCatalog(p, read.text, []).plugins
    if (!d) return NO_ALIASES
  }
}

/** `:a:b:task` / `a:b:task` → project dir and task; `task` → undefined project (every project). */
function taskPath(dir: string, word: string): { project?: string; name: string } {
  const parts = word.replace(/^:/, '').split(':')
  const name = parts.pop()!
  return parts.length === 0 ? { name } : { project: joinPath(dir, parts.join('/')) ?? dir, name }
}

export function resolveGradle(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const tool = argv[0]!.toLowerCase()
  if (tool !== 'gradle' && tool !== 'gradlew' && tool !== 'gradlew.bat') return false
  const requested: string[] = []
  const excluded = new Set<string>()
  let dir = site.cwd
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-x' || a === '--exclude-task') excluded.add((argv[++i] ?? '').replace(/^.*:/, ''))
    else if (a === '-p' || a === '--project-dir') dir = joinPath(site.cwd, argv[++i] ?? '') ?? dir
    else if (['-b', '--build-file', '-c', '--settings-file', '-D', '-P', '-I', '--init-script', '--max-workers', '-g'].includes(a)) i++
    else if (!a.startsWith('-')) requested.push(a)
  }
  emit(ctx, ['gradle', ...argv.slice(1)], site)
  const base = enter(site, `gradle:${dir}`)
  if (base === undefined) return true
  const s: Site = { ...site, ...base }
  const build = loadBuild(ctx, dir)
  const walker = new Walker(ctx, s, build, excluded)
  for (const word of requested) {
    const { project, name } = taskPath(dir, word)
    const targets = project === undefined ? build.projects : build.projects.filter((p) => p.dir === project || p.dir.endsWith('/' + project.slice(project.lastIndexOf('/') + 1)))
    if (targets.length === 0) walker.plain(name)
    else for (const p of targets) walker.visit(p, name)
  }
  return true
}

class Walker {
  private readonly visited = new Set<string>()
  private readonly emitted = new Set<string>()

  constructor(
    private readonly ctx: Ctx,
    private readonly site: Site,
    private readonly build: Build,
    private readonly excluded: ReadonlySet<string>
  ) {}

  plugins(p: Project): (GradlePlugin & { file: string })[] {
    return [...p.model.plugins.map((x) => ({ ...x, file: p.file })), ...this.build.everywhere]
  }

  private java(p: Project): (GradlePlugin & { file: string }) | undefined {
    return this.plugins(p).find((x) => JAVA_PLUGINS.has(x.id))
  }

  /** The plugin that adds task `name` to project `p`, if any. */
  pluginTask(p: Project, name: string): (GradlePlugin & { file: string }) | undefined {
    return this.plugins(p).find((x) => (CHECK_TASKS[x.id] ?? []).includes(name) || (PLUGIN_TASKS[x.id] ?? []).includes(name))
  }

  /** `ignoreFailures = true` for an analyser, in the project or the root script. */
  private ignored(p: Project, task: string): string | null {
    const key = IGNORE_KEY[task]
    if (!key) return null
    for (const q of [p, ...this.build.projects.filter((r) => r.dir === this.build.root)]) {
      const line = q.model.ignoreFailures.get(key)
      if (line !== undefined) return `${q.file}:${line} ignoreFailures = true`
    }
    return null
  }

  synth(task: string, path: string, line: number | undefined, why: string, neutralised: string | null = null): void {
    if (this.excluded.has(task) || this.emitted.has(task)) return
    this.emitted.add(task)
    emit(this.ctx, ['gradle', task], { ...this.site, text: `gradle ${task}` }, { synthetic: true, link: link(path, line, why), text: `gradle ${task}`, neutralised })
  }

  /** A task nothing describes: emitted as named. */
  plain(task: string): void {
    const at = this.build.projects[0]
    this.synth(task, at?.file ?? 'build.gradle', undefined, task)
  }

  visit(p: Project, name: string): void {
    const key = `${p.dir}:${name}`
    if (this.visited.has(key) || this.excluded.has(name) || this.ctx.full()) return
    this.visited.add(key)
    const decl = p.model.tasks.get(name)
    if (decl?.declared) return this.custom(p, decl)
    const java = this.java(p)
    const disabled = decl?.disabled !== undefined
    if (name === 'build') {
      this.visit(p, 'check')
      this.visit(p, 'assemble')
    } else if (name === 'check') {
      if (java) this.synth('compileJava', java.file, java.line, `${java.id} plugin: compileJava`)
      if (java) this.visit(p, 'test')
      for (const x of this.plugins(p)) {
        for (const t of CHECK_TASKS[x.id] ?? []) {
          if (t === 'spotlessCheck' && this.spotlessOff(p)) continue
          this.synth(t, x.file, x.line, `${x.id} plugin: ${t}`, this.ignored(p, t))
        }
      }
    } else if (name === 'test') {
      if (java) {
        this.synth('compileJava', java.file, java.line, `${java.id} plugin: compileJava`)
        if (!disabled) this.synth('test', java.file, java.line, `${java.id} plugin: test`)
      }
    } else if (COMPILE_TASKS.has(name)) {
      if (java) this.synth('compileJava', java.file, java.line, `${java.id} plugin: compileJava`)
    } else if (name !== 'clean' && !disabled) {
      const x = this.pluginTask(p, name)
      // A task neither lifecycle nor known to a plugin (`jacocoTestReport`, `integrationTest`) is emitted as named.
      if (x) this.synth(name, x.file, x.line, `${x.id} plugin: ${name}`, this.ignored(p, name))
      else this.synth(name, p.file, decl?.line, name)
    }
    if (name === 'check') this.frontend(p)
    // Tasks the build wires into this one (`tasks.named('check') { dependsOn lint }`).
    for (const ref of decl?.dependsOn ?? []) this.ref(p, ref)
    if (name === 'build' || name === 'check') this.errorProne(p, java)
  }

  /** The siouan frontend plugin's `checkFrontend` (wired into check) runs `checkScript` with the project's package manager. */
  private frontend(p: Project): void {
    const fc = p.model.frontendCheck
    if (!fc || !this.plugins(p).some((x) => x.id.startsWith('org.siouan.frontend')) || p.model.tasks.get('checkFrontend')?.disabled !== undefined) return
    const pm = ['pnpm', 'yarn'].find((m) => this.ctx.snapshot.has(joinPath(p.dir, m === 'pnpm' ? 'pnpm-lock.yaml' : 'yarn.lock') ?? '')) ?? 'npm'
    const base = { chain: this.site.chain, neutralised: this.site.neutralised, depth: this.site.depth + 1, flags: this.site.flags, stack: this.site.stack }
    runScript(this.ctx, `${pm} ${fc.script}`, { path: p.file, line: fc.line, cwd: p.dir }, base)
  }

  private spotlessOff(p: Project): boolean {
    return [p, ...this.build.projects].some((q) => q.model.spotlessNotEnforced !== undefined && (q === p || q.dir === this.build.root))
  }

  /** Error Prone (`net.ltgt.errorprone`) runs inside compileJava: a lint step unless switched off. */
  private errorProne(p: Project, java: GradlePlugin | undefined): void {
    const ep = this.plugins(p).find((x) => x.id === 'net.ltgt.errorprone')
    if (!ep || !java) return
    const off = p.model.errorProneOff ?? this.build.projects.find((q) => q.dir === this.build.root)?.model.errorProneOff
    this.synth('errorprone', ep.file, ep.line, 'net.ltgt.errorprone plugin: Error Prone in compileJava', off !== undefined ? `errorprone switched off or warnings only (line ${off})` : null)
  }

  private ref(p: Project, ref: string): void {
    if (ref.includes(':')) {
      const { project, name } = taskPath(this.build.root, ref)
      const target = this.build.projects.find((q) => q.dir === project) ?? p
      this.visit(target, name)
    } else this.visit(p, ref)
  }

  /** A task the build declares: its own command (unless disabled), then its dependencies. */
  private custom(p: Project, t: GradleTask): void {
    const program = t.type ? NODE_TASKS[t.type] : undefined
    const command = t.command && t.command.length > 0 ? (program ? [program, ...t.command] : t.type === 'Exec' || !t.type ? t.command : undefined) : undefined
    if (command && t.disabled === undefined) {
      const base = { chain: this.site.chain, neutralised: this.site.neutralised, depth: this.site.depth + 1, flags: this.site.flags, stack: this.site.stack }
      runScript(this.ctx, shellJoin(command), { path: p.file, line: t.line, cwd: p.dir }, base)
    } else if (t.type && t.disabled === undefined && TYPED[t.type]) {
      this.synth(TYPED[t.type]!(t.name), p.file, t.line, `${t.name}: a ${t.type} task`)
    }
    for (const ref of t.dependsOn) this.ref(p, ref)
  }
}
