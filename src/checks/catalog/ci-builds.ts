import type { ChainLink, CiTriggers, ToolRun } from '../../facts/ci/types.js'
import type { DeployFacts } from '../../facts/deploy/types.js'
import { joinPath } from '../../facts/paths.js'
import { isListed } from '../../facts/repo-files.js'
import type { CheckContext, Evidence } from '../types.js'
import { argvMatches, BINARY_TARGETS, BUILD_COMMANDS, BUILDER_IMAGES, buildActionFor, LOCAL_OUTPUT, OUTPUT_FLAGS, RELEASERS, type Releaser } from './containers.js'
import { imageBuildWorkflow, READ_FROM_NAME } from './named-workflows.js'

/**
 * The image builds CI runs, read from the CI facts with the containers catalogue: build commands,
 * build actions (and their forks), builder job images, and release tools whose configuration
 * builds images. Each says when it runs (pull requests, branch pushes, tags, releases), so the
 * evidence tells a reader whether images are built for every change or only for releases.
 */

export interface CiBuild {
  readonly evidence: Evidence
  /** Dockerfile the build names (`-f`, `file:`), repo-relative, when given. */
  readonly file?: string
  /** Dockerfiles a `docker compose build` or a release tool builds, when known. */
  readonly files?: readonly string[]
  /** The build reads a Dockerfile (docker build, a build-push action), unlike ko, buildpacks or jib. */
  readonly needsDockerfile: boolean
}

const COMPOSE_DEFAULTS = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']

/** When a job runs, in words: `on pull requests and branch pushes`, `on tags`. */
export function whenBuilt(t: CiTriggers): string {
  const parts: string[] = []
  if (t.pullRequest) parts.push('pull requests')
  if (t.push) parts.push('branch pushes')
  // A push trigger that survives only for tags (`push: tags:`, `if: startsWith(github.ref, 'refs/tags/')`).
  if (!t.push && t.events.includes('push')) parts.push('tags')
  if (t.events.includes('release')) parts.push('releases')
  if (t.schedule) parts.push('a schedule')
  if (t.manual) parts.push('manual runs')
  if (parts.length === 0) return t.events.length > 0 ? `on ${t.events.join(', ')}` : 'on no trigger Shipshape recognises'
  return `on ${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`}`
}

/**
 * The Dockerfiles `docker compose [-f F …] build [SERVICE …]` builds, from the compose files the
 * deployment facts read (the `-f` ones, else the default names in its directory); undefined when
 * a compose file it uses was not read or a build context is not a plain path.
 */
/** Options of `docker compose build|up|run` that take a value (the value is not a service name). */
const COMPOSE_VALUE_OPTIONS = /^(--(build-arg|progress|ssh|builder|exit-code-from|scale|timeout|wait-timeout|attach|no-attach|pull|name|entrypoint|user|workdir|env|volume|publish|label)|-[tuwevpl])$/

function composeBuilt(run: ToolRun, deploy: DeployFacts, listed: readonly string[]): string[] | undefined {
  const a = run.argv[0] === 'docker-compose' ? run.argv.slice(1) : run.argv.slice(2)
  // `build [SERVICE…]`, and `up --build [SERVICE…]` / `run --build SERVICE [CMD…]`, which build first.
  const at = a.findIndex((w) => w === 'build' || w === 'up' || w === 'run')
  const named: string[] = []
  for (let i = 0; i < at; i++) {
    const w = a[i]!
    if ((w === '-f' || w === '--file') && a[i + 1]) named.push(a[++i]!)
    else if (w.startsWith('--file=')) named.push(w.slice(7))
  }
  const words = a.slice(at + 1).filter((w, i, all) => !w.startsWith('-') && !(i > 0 && COMPOSE_VALUE_OPTIONS.test(all[i - 1]!)))
  const services = a[at] === 'run' ? words.slice(0, 1) : words
  const files = (named.length > 0 ? named : COMPOSE_DEFAULTS).map((f) => joinPath(run.cwd, f)).filter((f): f is string => f !== undefined && isListed(listed, f))
  if (files.length === 0 || named.some((f) => f.includes('$'))) return undefined
  const out: string[] = []
  for (const f of files) {
    const compose = deploy.composeFiles.find((c) => c.path === f)
    if (!compose) return undefined
    for (const b of compose.builds) {
      if (services.length > 0 && !services.includes(b.service)) continue
      if (b.dockerfile === undefined) return undefined
      out.push(b.dockerfile)
    }
  }
  return out
}

function runnable(x: { job?: { disabled: string | null } | undefined; step?: { disabled: string | null } | undefined }): boolean {
  return !x.job?.disabled && !x.step?.disabled
}

/** The value of an option written `--opt v`, `--opt=v` (the first one). */
function optionValue(argv: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]!
    if (names.includes(w) && argv[i + 1] !== undefined) return argv[i + 1]
    const eq = w.indexOf('=')
    if (eq > 0 && names.includes(w.slice(0, eq))) return w.slice(eq + 1)
  }
  return undefined
}

function fileArg(run: ToolRun): string | undefined {
  const f = optionValue(run.argv, ['-f', '--file'])
  return f === undefined ? undefined : joinPath(run.cwd, f)
}

function linkEvidence(chain: readonly ChainLink[], message: string): Evidence {
  const first = chain[0]
  return first ? { path: first.path, ...(first.line !== undefined ? { line: first.line } : {}), message } : { message }
}

/** A `docker buildx build --output type=local,dest=out` exports files, not an image. */
function exportsFiles(run: ToolRun): boolean {
  const out = optionValue(run.argv, OUTPUT_FLAGS)
  return out !== undefined && LOCAL_OUTPUT.test(out)
}

/** The images a release tool's run builds, or undefined when it builds none. */
function releaserBuild(run: ToolRun, deploy: DeployFacts, listed: readonly string[]): { releaser: Releaser; config: DeployFacts['releasers'][number] } | undefined {
  const releaser = RELEASERS.find((r) => r.argv0 === run.argv[0])
  if (!releaser) return undefined
  const words = run.argv.slice(1)
  const sub = words.find((w, i) => !w.startsWith('-') && !(i > 0 && releaser.configFlags.includes(words[i - 1]!)))
  if (sub === undefined ? !releaser.bare : !releaser.builds.includes(sub)) return undefined
  if (words.some((w) => releaser.skips.test(w))) return undefined
  const named = optionValue(run.argv, releaser.configFlags)
  const candidates = named !== undefined ? [named] : releaser.defaults
  for (const c of candidates) {
    const path = joinPath(run.cwd, c)
    if (path === undefined || !isListed(listed, path)) continue
    const config = deploy.releasers.find((r) => r.path === path)
    return config ? { releaser, config } : undefined
  }
  return undefined
}

export function ciBuilds(ctx: CheckContext): CiBuild[] {
  const { ci, deploy, repoFiles } = ctx.facts
  const out: CiBuild[] = []
  const extraCommands = ctx.extra.commands
  for (const run of ci.runs) {
    if (run.where !== 'ci' || !runnable(run)) continue
    const when = whenBuilt(run.triggers)
    const released = releaserBuild(run, deploy, repoFiles.all)
    if (released) {
      const { releaser, config } = released
      const first = config.images[0]!
      const sections = [...new Set(config.images.map((i) => i.section))].join(', ')
      const files = config.images.flatMap((i) => (i.dockerfile === undefined ? [] : [joinPath(run.cwd, i.dockerfile) ?? i.dockerfile]))
      const where = `${config.path}${first.line !== undefined ? `:${first.line}` : ''}`
      out.push({ evidence: linkEvidence(run.chain, `CI builds images ${when}: ${run.text} (${releaser.label} ${sections} in ${where})`), ...(files.length > 0 ? { files } : {}), needsDockerfile: files.length > 0 })
      continue
    }
    const cmd = BUILD_COMMANDS.find((c) => argvMatches(run.argv, c.argv) && (!c.goal || run.argv.slice(1).some((w) => c.goal!.some((g) => w.includes(g)))))
    const extra = !cmd && extraCommands.some((c) => run.text.startsWith(c) || run.argv[0] === c)
    if ((!cmd && !extra) || (cmd?.dockerfile && exportsFiles(run))) continue
    const compose = cmd?.compose === true
    const file = cmd?.dockerfile && !compose ? fileArg(run) : undefined
    const files = compose ? composeBuilt(run, deploy, repoFiles.all) : undefined
    out.push({ evidence: linkEvidence(run.chain, `CI builds an image ${when}: ${run.text}`), ...(file ? { file } : {}), ...(files ? { files } : {}), needsDockerfile: cmd?.dockerfile === true })
  }
  for (const use of ci.actions) {
    if (!runnable(use)) continue
    const name = use.action.name.toLowerCase()
    const act = buildActionFor(name)
    const extra = !act && ctx.extra.actions.includes(name)
    if (!act && !extra && imageBuildWorkflow(name)) {
      out.push({ evidence: linkEvidence(use.chain, `CI builds an image ${whenBuilt(use.triggers)} with ${use.action.raw}, ${READ_FROM_NAME}`), needsDockerfile: false })
      continue
    }
    if (!act && !extra) continue
    const w = use.action.with
    if (act?.when) {
      const v = w[act.when.input]
      if (v === undefined || (!act.when.values.includes('*') && !act.when.values.includes(v))) continue
    }
    // Cross-compiling binaries in a build container (`outputs: type=local`, `target: binary` with nothing pushed) ships no image.
    if (w.outputs !== undefined && LOCAL_OUTPUT.test(w.outputs)) continue
    if (w.target !== undefined && BINARY_TARGETS.test(w.target.trim()) && w.push !== 'true' && w.load !== 'true') continue
    const raw = act?.fileInput ? w[act.fileInput] : undefined
    const file = raw ? joinPath(use.step.workingDirectory ?? '', raw.split(/\s+/)[0]!) : undefined
    const note = w.push === 'false' ? ' (build only, push: false)' : ''
    const label = act?.family ? `${name} (${act.label})` : (act?.label ?? name)
    out.push({ evidence: linkEvidence(use.chain, `CI builds an image ${whenBuilt(use.triggers)} with ${label}${note}`), ...(file ? { file } : {}), needsDockerfile: act?.fileInput !== undefined })
  }
  for (const job of ci.jobs) {
    if (job.disabled) continue
    const image = job.images.find((i) => BUILDER_IMAGES.some((b) => i.toLowerCase().startsWith(b)))
    if (image) out.push({ evidence: { path: job.file, ...(job.line !== undefined ? { line: job.line } : {}), message: `CI job \`${job.id}\` runs in builder image ${image} ${whenBuilt(job.triggers)}` }, needsDockerfile: false })
  }
  return out
}
