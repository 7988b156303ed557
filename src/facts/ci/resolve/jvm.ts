import { joinPath } from '../../snapshot.js'
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

interface XmlNode {
  readonly name: string
  readonly line: number
  readonly children: XmlNode[]
  text: string
}

/** A tolerant XML element scanner (linear; comments, CDATA and declarations skipped) with lines. */
export function scanXml(src: string): XmlNode {
  const root: XmlNode = { name: '#root', line: 1, children: [], text: '' }
  const stack: XmlNode[] = [root]
  let line = 1
  let i = 0
  const advance = (to: number): void => {
    for (let k = src.indexOf('\n', i); k >= 0 && k < to; k = src.indexOf('\n', k + 1)) line++
    i = to
  }
  while (i < src.length && stack.length < 200) {
    const lt = src.indexOf('<', i)
    if (lt < 0) break
    stack[stack.length - 1]!.text += src.slice(i, lt)
    advance(lt)
    if (src.startsWith('<!--', i)) {
      const e = src.indexOf('-->', i)
      advance(e < 0 ? src.length : e + 3)
      continue
    }
    if (src.startsWith('<![CDATA[', i)) {
      const e = src.indexOf(']]>', i)
      stack[stack.length - 1]!.text += src.slice(i + 9, e < 0 ? src.length : e)
      advance(e < 0 ? src.length : e + 3)
      continue
    }
    const gt = src.indexOf('>', i)
    if (gt < 0) break
    const tag = src.slice(i + 1, gt)
    const at = line
    advance(gt + 1)
    if (tag.startsWith('?') || tag.startsWith('!')) continue
    if (tag.startsWith('/')) {
      if (stack.length > 1) stack.pop()
      continue
    }
    const name = /^[A-Za-z0-9_.:-]+/.exec(tag)?.[0] ?? ''
    const node: XmlNode = { name, line: at, children: [], text: '' }
    stack[stack.length - 1]!.children.push(node)
    if (!tag.endsWith('/')) stack.push(node)
  }
  return root
}

function child(n: XmlNode | undefined, name: string): XmlNode | undefined {
  return n?.children.find((c) => c.name === name)
}

function children(n: XmlNode | undefined, name: string): XmlNode[] {
  return n?.children.filter((c) => c.name === name) ?? []
}

function textOf(n: XmlNode | undefined): string {
  return n?.text.trim() ?? ''
}

/** `maven-checkstyle-plugin` → checkstyle, `spotless-maven-plugin` → spotless. */
export function goalPrefix(artifactId: string): string {
  return artifactId.replace(/^maven-(.*)-plugin$/, '$1').replace(/^(.*)-maven-plugin$/, '$1')
}

export function resolveMaven(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const tool = argv[0]!.toLowerCase()
  if (tool !== 'mvn' && tool !== 'mvnw' && tool !== 'mvnw.cmd') return false
  let pomPath = joinPath(site.cwd, 'pom.xml')
  const goals: string[] = []
  const props = new Map<string, string>()
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-f' || a === '--file') pomPath = joinPath(site.cwd, argv[++i] ?? '')
    else if (a.startsWith('-D')) {
      const [k, v] = a.slice(2).split('=')
      props.set(k!, v ?? 'true')
    } else if (['-P', '-pl', '--projects', '-T', '--threads', '-s', '--settings', '-gs', '-rf', '-t'].includes(a)) i++
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
  const project = child(scanXml(text), 'project')
  const plugins = children(child(child(project, 'build'), 'plugins'), 'plugin')
  const lastPhase = Math.max(-1, ...goals.map((g) => PHASES.indexOf(g)))
  const skipTests = props.has('skipTests') || props.get('maven.test.skip') === 'true'
  const explicit = goals.filter((g) => g.includes(':'))
  const cliSkip = (prefix: string): string | null => (props.get(`${prefix}.skip`) === 'true' ? `-D${prefix}.skip` : null)
  const synth = (argv2: string[], line: number | undefined, neutralised: string | null, why: string): void => {
    emit(ctx, argv2, { ...s, text: argv2.join(' ') }, { synthetic: true, link: link(pomPath!, line, why), neutralised, text: argv2.join(' ') })
  }
  const pluginOf = (artifact: string): XmlNode | undefined => plugins.find((p) => textOf(child(p, 'artifactId')) === artifact)
  const neutraliser = (p: XmlNode | undefined, extra?: XmlNode): string | null => {
    for (const cfg of [child(p, 'configuration'), child(extra, 'configuration')]) {
      for (const [k, v] of NEUTRALISING_CONFIG) if (textOf(child(cfg, k)).toLowerCase() === v) return `pom: <${k}>${v}</${k}>`
    }
    return null
  }
  if (lastPhase >= PHASES.indexOf('compile')) synth(['mvn', 'compiler:compile'], undefined, null, 'compile phase')
  if (lastPhase >= PHASES.indexOf('test') && !skipTests) {
    const sf = pluginOf('maven-surefire-plugin')
    synth(['mvn', 'surefire:test'], sf?.line, neutraliser(sf) ?? (props.get('maven.test.failure.ignore') === 'true' ? '-Dmaven.test.failure.ignore' : null), 'test phase: maven-surefire-plugin')
  }
  for (const p of plugins) {
    const artifact = textOf(child(p, 'artifactId'))
    const prefix = goalPrefix(artifact)
    for (const ex of children(child(p, 'executions'), 'execution')) {
      for (const g of children(child(ex, 'goals'), 'goal')) {
        const goal = `${prefix}:${textOf(g)}`
        const phase = textOf(child(ex, 'phase')) || DEFAULT_PHASE[goal]
        if (phase === undefined || phase === 'none' || PHASES.indexOf(phase) < 0 || PHASES.indexOf(phase) > lastPhase) continue
        if (prefix === 'failsafe' && skipTests) continue
        synth(['mvn', goal], p.line, neutraliser(p, ex) ?? cliSkip(prefix), `${artifact} ${goal} (${phase})`)
      }
    }
  }
  for (const g of explicit) {
    const parts = g.split(':')
    const goal = parts.length >= 3 ? `${goalPrefix(parts[1]!)}:${parts[parts.length - 1]}` : g
    const p = plugins.find((x) => goalPrefix(textOf(child(x, 'artifactId'))) === goal.split(':')[0])
    synth(['mvn', goal], p?.line, neutraliser(p) ?? cliSkip(goal.split(':')[0]!), p ? `${textOf(child(p, 'artifactId'))} ${goal}` : goal)
  }
  return true
}
