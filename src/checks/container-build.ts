import { minimatch } from 'minimatch'
import { ciBuilds } from './catalog/ci-builds.js'
import { opaqueSteps } from './catalog/opaque.js'
import { opaqueOutcome } from './catalog/practice.js'
import { DOCKERFILES, imageWorkflow } from './catalog/containers.js'
import { jvmImageFix } from './catalog/jvm-image.js'
import { ECOSYSTEM_NAMES, remediationFor, serviceProfile } from './catalog/ecosystem.js'
import { frameworkRepo } from './catalog/framework-repo.js'
import type { Ecosystem } from '../facts/manifests/types.js'
import type { Dockerfile } from '../facts/deploy/types.js'
import { defineCheck, type CheckContext, type Evidence } from './types.js'

const OPENING = 'Ship the service as an image that CI builds on every change. A minimal `Dockerfile`:'
const FALLBACK = 'Add a `Dockerfile` for the service (see docs/checks/container-build.md for one per stack).'
const BUILD_IT = 'Build it in CI on pull requests, and push it from the default branch:'

/** The fix for the stack in front of the reader: a Dockerfile unless one exists, then the workflow that builds it. */
function remediation(ctx: CheckContext, dockerfile: string | null): string {
  if (dockerfile) return [BUILD_IT, '', imageWorkflow(dockerfile)].join('\n')
  const profile = serviceProfile(ctx.facts)
  if (profile.ecosystems[0] === 'java') return jvmImageFix(profile.gradle, ctx.facts.service.frameworks.map((f) => f.framework))
  return [remediationFor(OPENING, DOCKERFILES, profile, FALLBACK), '', BUILD_IT, '', imageWorkflow(null)].join('\n')
}

/** Every stack's Dockerfile, for the docs and the default remediation. */
const REMEDIATION = [OPENING, ...(Object.keys(DOCKERFILES) as Ecosystem[]).flatMap((e) => ['', `**${ECOSYSTEM_NAMES[e]}**:`, '', DOCKERFILES[e]]), '', BUILD_IT, '', imageWorkflow(null)].join('\n')

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
      opaque: 'The service has an image build ({what}); no CI step Shipshape could follow builds it, and {count|CI step} could not be followed: {steps}.',
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
    const extraFiles = ctx.extra.files.length > 0 ? ctx.facts.repoFiles.all.filter((f) => ctx.extra.files.some((g) => minimatch(f, g, { dot: true }))) : []
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
      // A CI step Shipshape could not follow (another repository's reusable workflow) may be the one that builds it.
      const unsure = opaqueOutcome(opaqueSteps(ctx.facts.ci), 'container-build', 'builds the image', remediation(ctx, service[0]?.path ?? null), declared)
      if (unsure) return { ...unsure, data: { ...unsure.data, what } }
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
