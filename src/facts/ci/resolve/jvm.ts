import { child, children, parseXml, textOf, type XmlElement } from '../../parse/xml.js'
import { dirname, joinPath } from '../../paths.js'
import { emit, enter, link, type Ctx, type Site } from './engine.js'

/**
 * Maven and Gradle lifecycles: `mvn verify` runs every plugin goal bound to a phase up to verify;
 * `./gradlew build` runs `check`, which depends on checkstyleMain, spotlessCheck, test, …. Each
 * becomes a synthetic command (`mvn checkstyle:check`, `gradle spotlessCheck`) linked to the line
 * that declares the plugin. The build tool's own command is emitted too.
 */

const PHASES = ['validate', 'initialize', 'generate-sources', 'process-sources', 'generate-resources', 'process-resources', 'compile', 'process-classes', 'generate-test-sources', 'process-test-sources', 'generate-test-resources', 'process-test-resources', 'test-compile', 'process-test-classes', 'test', 'prepare-package', 'package', 'pre-integration-test', 'integration-test', 'post-integration-test', 'verify', 'install', 'deploy']

/** Default phase of well-known goals (`prefix:goal`) when the execution names none. */
const DEFAULT_PHASE: Readonly<Record<string, string>> = {
  'checkstyle:check': 'verify',
  'spotless:check': 'verify',
  'pmd:check': 'verify',
  'pmd:cpd-check': 'verify',
  'spotbugs:check': 'verify',
  'spring-javaformat:validate': 'validate',
  'jacoco:prepare-agent': 'initialize',
  'jacoco:report': 'verify',
  'jacoco:check': 'verify',
  'enforcer:enforce': 'validate',
  'failsafe:integration-test': 'integration-test',
  'failsafe:verify': 'verify',
  'fmt:check': 'verify',
  'dependency-check:check': 'verify',
  'ktlint:check': 'verify',
  'detekt:check': 'verify'
}

const NEUTRALISING_CONFIG: readonly [string, string][] = [
  ['skip', 'true'],
  ['failOnViolation', 'false'],
  ['failsOnError', 'false'],
  ['failOnError', 'false'],
  ['testFailureIgnore', 'true']
]

/** `maven-checkstyle-plugin` → checkstyle, `spotless-maven-plugin` → spotless. */
export function goalPrefix(artifactId: string): string {
  return artifactId.replace(/^maven-(.*)-plugin$/, '$1').replace(/^(.*)-maven-plugin$/, '$1')
}

/** Skip properties a plugin reads besides `<prefix>.skip`. */
const SKIP_PROPS: Readonly<Record<string, readonly string[]>> = { spotless: ['spotless.check.skip', 'spotless.skip'], pmd: ['pmd.skip'], 'pmd-cpd': ['cpd.skip'], 'spring-javaformat': ['spring-javaformat.skip'] }

/** `-P a,!b` and `-Pa` → activated and deactivated profile ids. */
function profileArgs(value: string, on: Set<string>, off: Set<string>): void {
  for (const id of value.split(',')) {
    const t = id.trim()
    if (t.startsWith('!') || t.startsWith('-')) off.add(t.slice(1))
    else if (t) on.add(t.replace(/^\+/, ''))
  }
}

/**
 * The profiles of a POM that a command activates: by `-P id`, by a property (`<activation><property>
 * <name>local</name>` with `-Dlocal`; `!local` when it is absent; `<value>` must match), or by
 * default (`<activeByDefault>`) when no profile of that POM is activated explicitly. Activations
 * on the JDK, OS or files are not judged (left inactive).
 */
function activeProfiles(project: XmlElement | undefined, props: ReadonlyMap<string, string>, on: ReadonlySet<string>, off: ReadonlySet<string>): XmlElement[] {
  const all = children(child(project, 'profiles'), 'profile')
  const byProperty = (p: XmlElement): boolean => {
    const prop = child(child(p, 'activation'), 'property')
    if (!prop) return false
    const name = textOf(child(prop, 'name'))
    const value = textOf(child(prop, 'value'))
    if (name.startsWith('!')) return !props.has(name.slice(1))
    return props.has(name) && (value === '' || (value.startsWith('!') ? props.get(name) !== value.slice(1) : props.get(name) === value))
  }
  const explicit = all.filter((p) => on.has(textOf(child(p, 'id'))) || byProperty(p))
  const defaults = explicit.length > 0 ? [] : all.filter((p) => textOf(child(child(p, 'activation'), 'activeByDefault')) === 'true')
  return [...explicit, ...defaults].filter((p) => !off.has(textOf(child(p, 'id'))))
}

interface PomPlugin {
  readonly node: XmlElement
  readonly pom: string
  /** The profile that declares it, when any. */
  readonly profile?: string
}

/**
 * The commands that run Maven: `mvn`, the wrapper `mvnw` (`mvnw.cmd` on Windows) and the Maven
 * daemon `mvnd`, which takes the same goals, phases and `-D` properties (a Makefile's
 * `MVND := $(shell command -v mvnd)` falls back to mvn only where mvnd is missing).
 */
export const MAVEN_COMMANDS: readonly string[] = ['mvn', 'mvnw', 'mvnd']

export function resolveMaven(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const tool = argv[0]!.toLowerCase()
  if (!MAVEN_COMMANDS.includes(tool) && tool !== 'mvnw.cmd') return false
  let pomPath = joinPath(site.cwd, 'pom.xml')
  const goals: string[] = []
  const cli = new Map<string, string>()
  const on = new Set<string>()
  const off = new Set<string>()
  const selected: string[] = []
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-f' || a === '--file') pomPath = joinPath(site.cwd, argv[++i] ?? '')
    else if (a.startsWith('-D')) {
      const eq = a.indexOf('=')
      cli.set(eq < 0 ? a.slice(2) : a.slice(2, eq), eq < 0 ? 'true' : a.slice(eq + 1))
    } else if (a === '-P' || a === '--activate-profiles') profileArgs(argv[++i] ?? '', on, off)
    else if (a.startsWith('-P')) profileArgs(a.slice(2), on, off)
    else if (a === '-pl' || a === '--projects') selected.push(...(argv[++i] ?? '').split(',').filter((x) => x && !x.startsWith('!')))
    else if (['-T', '--threads', '-s', '--settings', '-gs', '-rf', '-t', '-l', '--log-file'].includes(a)) i++
    else if (!a.startsWith('-')) goals.push(a)
  }
  emit(ctx, ['mvn', ...argv.slice(1)], site)
  if (pomPath === undefined) return true
  if (!pomPath.endsWith('.xml')) pomPath = joinPath(pomPath, 'pom.xml')
  const text = pomPath !== undefined ? ctx.snapshot.text(pomPath) : undefined
  if (pomPath === undefined || text === undefined) return true
  const base = enter(site, `maven:${pomPath}`)
  if (base === undefined) return true
  const s: Site = { ...site, ...base }
  const root = pomPath
  const project = child(parseXml(text).root, 'project')
  // Properties: the POM's, then those of the active profiles, then the command line's.
  const props = new Map<string, string>()
  const own = (p: XmlElement | undefined): void => {
    for (const c of child(p, 'properties')?.children ?? []) props.set(c.name, c.text.trim())
  }
  own(project)
  for (const [k, v] of cli) props.set(k, v)
  const profiles = activeProfiles(project, props, on, off)
  for (const p of profiles) own(p)
  for (const [k, v] of cli) props.set(k, v)
  const expand = (v: string): string => v.replace(/\$\{([\w.-]{1,100})\}/g, (m, k: string) => props.get(k) ?? m)
  // Plugins bound in the POM and its active profiles, then in the modules the command builds.
  const plugins: PomPlugin[] = children(child(child(project, 'build'), 'plugins'), 'plugin').map((node) => ({ node, pom: root }))
  for (const p of profiles) plugins.push(...children(child(child(p, 'build'), 'plugins'), 'plugin').map((node) => ({ node, pom: root, profile: textOf(child(p, 'id')) })))
  const moduleDir = dirname(root)
  const modules = selected.length > 0 ? selected : [...children(child(project, 'modules'), 'module'), ...profiles.flatMap((p) => children(child(p, 'modules'), 'module'))].map(textOf)
  for (const m of modules.slice(0, 40)) {
    const mp = joinPath(moduleDir, m.replace(/^:/, '').replace(/\/pom\.xml$/, ''))
    const mt = mp === undefined ? undefined : ctx.snapshot.text(joinPath(mp, 'pom.xml') ?? '')
    if (mt === undefined) continue
    plugins.push(...children(child(child(child(parseXml(mt).root, 'project'), 'build'), 'plugins'), 'plugin').map((node) => ({ node, pom: joinPath(mp!, 'pom.xml')! })))
  }
  const lastPhase = Math.max(-1, ...goals.map((g) => PHASES.indexOf(g)))
  const skipTests = (props.has('skipTests') && props.get('skipTests') !== 'false') || props.get('maven.test.skip') === 'true'
  const explicit = goals.filter((g) => g.includes(':'))
  const propSkip = (prefix: string): string | null => {
    for (const k of [`${prefix}.skip`, ...(SKIP_PROPS[prefix] ?? [])]) {
      if (props.get(k) === 'true') return cli.has(k) ? `-D${k}` : `<${k}>true</${k}> (${profiles.some((p) => child(p, 'properties')?.children.some((c) => c.name === k)) ? 'set by an active profile' : 'pom property'})`
    }
    return null
  }
  const emitted = new Set<string>()
  const synth = (argv2: string[], pom: string, line: number | undefined, neutralised: string | null, why: string): void => {
    const key = argv2.join(' ')
    if (emitted.has(key)) return
    emitted.add(key)
    emit(ctx, argv2, { ...s, text: argv2.join(' ') }, { synthetic: true, link: link(pom, line, why), neutralised, text: argv2.join(' ') })
  }
  const pluginOf = (artifact: string): PomPlugin | undefined => plugins.find((p) => textOf(child(p.node, 'artifactId')) === artifact)
  const neutraliser = (p: XmlElement | undefined, extra?: XmlElement): string | null => {
    for (const cfg of [child(p, 'configuration'), child(extra, 'configuration')]) {
      for (const [k, v] of NEUTRALISING_CONFIG) if (expand(textOf(child(cfg, k))).toLowerCase() === v) return `pom: <${k}>${v}</${k}>`
    }
    return null
  }
  if (lastPhase >= PHASES.indexOf('compile')) {
    synth(['mvn', 'compiler:compile'], root, undefined, null, 'compile phase')
    // Error Prone is a javac plugin: it runs wherever the compiler does.
    const ep = plugins.find((p) => p.node.text.includes('Xplugin:ErrorProne') || child(p.node, 'configuration')?.children.some((c) => c.name === 'compilerArgs' && c.children.some((a) => a.text.includes('Xplugin:ErrorProne'))))
    if (ep) synth(['mvn', 'errorprone'], ep.pom, ep.node.line, null, 'maven-compiler-plugin -Xplugin:ErrorProne')
  }
  if (lastPhase >= PHASES.indexOf('test') && !skipTests) {
    const sf = pluginOf('maven-surefire-plugin')
    synth(['mvn', 'surefire:test'], sf?.pom ?? root, sf?.node.line, neutraliser(sf?.node) ?? (props.get('maven.test.failure.ignore') === 'true' ? '-Dmaven.test.failure.ignore' : null), 'test phase: maven-surefire-plugin')
  }
  for (const p of plugins) {
    const artifact = textOf(child(p.node, 'artifactId'))
    const prefix = goalPrefix(artifact)
    for (const ex of children(child(p.node, 'executions'), 'execution')) {
      for (const g of children(child(ex, 'goals'), 'goal')) {
        const goal = `${prefix}:${textOf(g)}`
        const phase = textOf(child(ex, 'phase')) || DEFAULT_PHASE[goal]
        if (phase === undefined || phase === 'none' || PHASES.indexOf(phase) < 0 || PHASES.indexOf(phase) > lastPhase) continue
        if (prefix === 'failsafe' && skipTests) continue
        synth(['mvn', goal], p.pom, p.node.line, neutraliser(p.node, ex) ?? propSkip(prefix), `${artifact} ${goal} (${phase})${p.profile ? ` in profile ${p.profile}` : ''}`)
      }
    }
  }
  // Quarkus builds its image during `package` when `quarkus.container-image.build` is true.
  if (lastPhase >= PHASES.indexOf('package')) {
    const configured = [moduleDir, ...modules.map((m) => joinPath(moduleDir, m) ?? moduleDir)].map((d) => joinPath(d, 'src/main/resources/application.properties')!).find((f) => /^\s*quarkus\.container-image\.build\s*=\s*true/m.test(ctx.snapshot.text(f) ?? ''))
    if (props.get('quarkus.container-image.build') === 'true' || configured) synth(['mvn', 'quarkus:image-build'], configured ?? root, undefined, null, 'quarkus.container-image.build=true')
  }
  for (const g of explicit) {
    const parts = g.split(':')
    const goal = parts.length >= 3 ? `${goalPrefix(parts[1]!)}:${parts[parts.length - 1]}` : g
    const p = plugins.find((x) => goalPrefix(textOf(child(x.node, 'artifactId'))) === goal.split(':')[0])
    synth(['mvn', goal], p?.pom ?? root, p?.node.line, neutraliser(p?.node) ?? propSkip(goal.split(':')[0]!), p ? `${textOf(child(p.node, 'artifactId'))} ${goal}` : goal)
  }
  return true
}
