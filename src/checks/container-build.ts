import { minimatch } from 'minimatch'
import { argvMatches, BUILD_ACTIONS, BUILD_COMMANDS, BUILDER_IMAGES, DOCKERFILES, imageWorkflow } from './catalog/containers.js'
import { ECOSYSTEM_NAMES, remediationFor, serviceProfile } from './catalog/ecosystem.js'
import { frameworkRepo } from './catalog/framework-repo.js'
import type { Ecosystem } from '../facts/manifests/types.js'
import type { ToolRun } from '../facts/ci/types.js'
import type { DeployFacts, Dockerfile } from '../facts/deploy/types.js'
import { joinPath, type Snapshot } from '../facts/snapshot.js'
import { defineCheck, type CheckContext, type Evidence } from './types.js'

const OPENING = 'Ship the service as an image that CI builds on every change. A minimal `Dockerfile`:'
const FALLBACK = 'Add a `Dockerfile` for the service (see docs/checks/container-build.md for one per stack).'
const BUILD_IT = 'Build it in CI on pull requests, and push it from the default branch:'

/** The fix for the stack in front of the reader: a Dockerfile unless one exists, then the workflow that builds it. */
function remediation(ctx: CheckContext, dockerfile: string | null): string {
  if (dockerfile) return [BUILD_IT, '', imageWorkflow(dockerfile)].join('\n')
  return [remediationFor(OPENING, DOCKERFILES, serviceProfile(ctx.facts), FALLBACK), '', BUILD_IT, '', imageWorkflow(null)].join('\n')
}

/** Every stack's Dockerfile, for the docs and the default remediation. */
const REMEDIATION = [OPENING, ...(Object.keys(DOCKERFILES) as Ecosystem[]).flatMap((e) => ['', `**${ECOSYSTEM_NAMES[e]}**:`, '', DOCKERFILES[e]]), '', BUILD_IT, '', imageWorkflow(null)].join('\n')

interface CiBuild {
  readonly evidence: Evidence
  /** Dockerfile the build names (`-f`, `file:`), repo-relative, when given. */
  readonly file?: string
  /** Dockerfiles a `docker compose build` builds, when its compose file was read. */
  readonly files?: readonly string[]
  /** The build reads a Dockerfile (docker build, a build-push action), unlike ko, buildpacks or jib. */
  readonly needsDockerfile: boolean
}

const COMPOSE_DEFAULTS = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']

/**
 * The Dockerfiles `docker compose [-f F …] build [SERVICE …]` builds, from the compose files the
 * deployment facts read (the `-f` ones, else the default names in its directory); undefined when
 * a compose file it uses was not read or a build context is not a plain path.
 */
function composeBuilt(run: ToolRun, deploy: DeployFacts, snapshot: Snapshot): string[] | undefined {
  const a = run.argv[0] === 'docker-compose' ? run.argv.slice(1) : run.argv.slice(2)
  const at = a.indexOf('build')
  const named: string[] = []
  for (let i = 0; i < at; i++) {
    const w = a[i]!
    if ((w === '-f' || w === '--file') && a[i + 1]) named.push(a[++i]!)
    else if (w.startsWith('--file=')) named.push(w.slice(7))
  }
  const services = a.slice(at + 1).filter((w, i, all) => !w.startsWith('-') && !(i > 0 && /^--(build-arg|progress|ssh|builder)$/.test(all[i - 1]!)))
  const files = (named.length > 0 ? named : COMPOSE_DEFAULTS).map((f) => joinPath(run.cwd, f)).filter((f): f is string => f !== undefined && snapshot.has(f))
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

function fileArg(run: ToolRun): string | undefined {
  const a = run.argv
  for (let i = 1; i < a.length; i++) {
    const w = a[i]!
    if ((w === '-f' || w === '--file') && a[i + 1]) return joinPath(run.cwd, a[i + 1]!)
    if (w.startsWith('--file=')) return joinPath(run.cwd, w.slice(7))
  }
  return undefined
}

function linkEvidence(chain: readonly { path: string; line?: number; text: string }[], message: string): Evidence {
  const first = chain[0]
  return first ? { path: first.path, ...(first.line !== undefined ? { line: first.line } : {}), message } : { message }
}

function ciBuilds(ctx: CheckContext): CiBuild[] {
  const { ci } = ctx.facts
  const out: CiBuild[] = []
  const extraCommands = ctx.extra.commands
  for (const run of ci.runs) {
    if (run.where !== 'ci' || !runnable(run)) continue
    const cmd = BUILD_COMMANDS.find((c) => argvMatches(run.argv, c.argv) && (!c.goal || run.argv.slice(1).some((w) => c.goal!.some((g) => w.includes(g)))))
    const extra = !cmd && extraCommands.some((c) => run.text.startsWith(c) || run.argv[0] === c)
    if (!cmd && !extra) continue
    const compose = cmd?.compose === true
    const file = cmd?.dockerfile && !compose ? fileArg(run) : undefined
    const files = compose ? composeBuilt(run, ctx.facts.deploy, ctx.facts.snapshot) : undefined
    out.push({ evidence: linkEvidence(run.chain, `CI builds an image: ${run.text}`), ...(file ? { file } : {}), ...(files ? { files } : {}), needsDockerfile: cmd?.dockerfile === true })
  }
  for (const use of ci.actions) {
    if (!runnable(use)) continue
    const name = use.action.name.toLowerCase()
    const act = BUILD_ACTIONS.find((a) => a.name === name)
    const extra = !act && ctx.extra.actions.includes(name)
    if (!act && !extra) continue
    if (act?.when) {
      const v = use.action.with[act.when.input]
      if (v === undefined || (!act.when.values.includes('*') && !act.when.values.includes(v))) continue
    }
    const raw = act?.fileInput ? use.action.with[act.fileInput] : undefined
    const file = raw ? joinPath(use.step.workingDirectory ?? '', raw.split(/\s+/)[0]!) : undefined
    const push = use.action.with.push
    const note = push === 'false' ? ' (build only, push: false)' : ''
    out.push({ evidence: linkEvidence(use.chain, `CI builds an image with ${act?.label ?? name}${note}`), ...(file ? { file } : {}), needsDockerfile: act?.fileInput !== undefined })
  }
  for (const job of ci.jobs) {
    if (job.disabled) continue
    const image = job.images.find((i) => BUILDER_IMAGES.some((b) => i.toLowerCase().startsWith(b)))
    if (image) out.push({ evidence: { path: job.file, ...(job.line !== undefined ? { line: job.line } : {}), message: `CI job \`${job.id}\` runs in builder image ${image}` }, needsDockerfile: false })
  }
  return out
}

function dockerfileEvidence(d: Dockerfile): Evidence {
  return { path: d.path, ...(d.line !== undefined ? { line: d.line } : {}), message: d.notService ? `not the service image: ${d.notService}` : `service image${d.baseImages.length ? `, FROM ${d.baseImages[d.baseImages.length - 1]}` : ''}` }
}

export default defineCheck({
  meta: {
    id: 'container-build',
    title: 'Container image built in CI',
    question: 'Is the service shipped as a container image built in CI?',
    messages: {
      'built-in-ci': 'The service has an image build ({what}) and CI builds it.',
      'ci-build-only': 'CI builds an image without a Dockerfile in the repository ({what}).',
      'not-built': 'The service has an image build ({what}), but CI never builds it.',
      'not-service': 'Only Dockerfiles that do not ship the service were found ({what}).',
      none: 'No Dockerfile or other container image build was found.',
      'no-service': 'No HTTP framework found in dependencies or imports, and no image build: there is no service to ship as an image.',
      'framework-repo': 'This repository publishes {name}, an HTTP framework itself, not a service built on it, and has no image build: there is no service to ship as an image.'
    },
    why: 'An image built by CI from a reviewed commit is the artifact that runs in production: the same bytes in staging and prod, reproducible, scannable and rolled back by tag. Images built on a laptop drift from the source and cannot be traced to a commit.',
    remediation: REMEDIATION
  },
  run(ctx: CheckContext) {
    const { deploy } = ctx.facts
    const extraFiles = ctx.extra.files.length > 0 ? ctx.facts.snapshot.files().filter((f) => ctx.extra.files.some((g) => minimatch(f, g, { dot: true }))) : []
    const service = deploy.dockerfiles.filter((d) => !d.notService)
    const others = deploy.dockerfiles.filter((d) => d.notService)
    const notServicePaths = new Set(others.map((d) => d.path))
    // A build of only non-service Dockerfiles (a compose file of local development images) ships no service.
    const builds = ciBuilds(ctx).filter((b) => (!b.file || !notServicePaths.has(b.file)) && (!b.files || b.files.some((f) => !notServicePaths.has(f))))
    const declared: Evidence[] = [
      ...service.map(dockerfileEvidence),
      ...deploy.otherBuilds.map((b) => ({ path: b.path, ...(b.line !== undefined ? { line: b.line } : {}), message: `image build without a Dockerfile: ${b.kind}` })),
      ...extraFiles.map((f) => ({ path: f, message: 'image build configuration (from config signatures)' }))
    ]
    const what = [service.length ? `${service.length} Dockerfile${service.length > 1 ? 's' : ''}` : '', ...new Set(deploy.otherBuilds.map((b) => b.kind)), extraFiles.length ? 'configured build files' : ''].filter(Boolean).join(', ')
    if (declared.length > 0 && builds.length > 0) {
      return { status: 'pass', messageId: 'built-in-ci', data: { what }, evidence: [...declared.slice(0, 5), ...builds.slice(0, 5).map((b) => b.evidence)] }
    }
    // Without a Dockerfile here, only a build that needs none (ko, buildpacks, jib) builds this
    // code: a docker build reads some other tree's Dockerfile (another service of a monorepo).
    const dockerless = builds.filter((b) => !b.needsDockerfile)
    if (dockerless.length > 0 && others.length === 0) {
      return { status: 'pass', messageId: 'ci-build-only', data: { what: dockerless[0]!.evidence.message }, evidence: dockerless.slice(0, 5).map((b) => b.evidence) }
    }
    if (declared.length > 0) {
      const evidence = [...declared.slice(0, 8), { message: 'no CI job runs docker build, a build-push action, buildpacks, jib or ko' }]
      return { status: 'partial', messageId: 'not-built', data: { what }, evidence, remediation: remediation(ctx, service[0]?.path ?? null) }
    }
    // No service and no image build of its own: there is nothing to ship (a development-only Dockerfile does not make one).
    if (ctx.facts.service.frameworks.length === 0 && builds.length === 0) {
      const own = frameworkRepo(ctx.facts.service)
      return own ? { ...own, messageId: 'framework-repo' } : { status: 'not-applicable', messageId: 'no-service' }
    }
    if (others.length > 0) {
      return { status: 'fail', messageId: 'not-service', data: { what: others.map((d) => d.path).slice(0, 3).join(', ') }, evidence: others.slice(0, 8).map(dockerfileEvidence), remediation: remediation(ctx, null) }
    }
    return { status: 'fail', messageId: 'none', evidence: deploy.problems.slice(0, 3).map((p) => ({ path: p.path, message: `could not be read: ${p.message}` })), remediation: remediation(ctx, null) }
  }
})
