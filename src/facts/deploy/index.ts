import { filesWhere } from '../recording-snapshot.js'
import { isCiHome } from '../ci/files.js'
import type { ParseProblem } from '../ci/types.js'
import { excludedSegment, isExcluded, isVendored } from '../excluded.js'
import { readText } from '../manifests/text.js'
import { dirname } from '../paths.js'
import type { Snapshot } from '../snapshot.js'
import { composeBuilds, composeHealthchecks, isComposeFile } from './compose.js'
import { isDockerfile, notServiceReason, parseDockerfile } from './dockerfile.js'
import { kubernetesProbes, mayHaveProbes } from './k8s.js'
import { mayDeclareBuild, otherBuilds } from './builds.js'
import { goreleaserConfig, isGoreleaserConfig } from './goreleaser.js'
import type { ComposeFile, DeployFacts, DeployHealthcheck, Dockerfile, OtherImageBuild, ReleaserConfig } from './types.js'

export type { DeployFacts, DeployHealthcheck, Dockerfile, OtherImageBuild, ReleaserConfig } from './types.js'
export { httpPathOf } from './http-path.js'

/** Build output holds copies of the sources (`target/classes/Dockerfile`); `build/` is a common home of real Dockerfiles and stays. */
const BUILD_COPIES: ReadonlySet<string> = new Set(['dist', 'target'])

/** CI configuration is not deployment: GitHub `services:` health options are test infrastructure, Tekton runs are not workloads (docs/catalogue.md, "Health endpoint"). */
const isCiConfig = isCiHome

/** Every listed file the loop below may act on (Dockerfiles, build configs, compose and other YAML manifests). */
function deployListed(path: string): boolean {
  if (isVendored(path) || excludedSegment(path, BUILD_COPIES)) return false
  if (isDockerfile(path)) return true
  if (isExcluded(path) || isCiConfig(path)) return false
  return mayDeclareBuild(path) || /\.(ya?ml|tpl)$/i.test(path)
}

/**
 * Deployment facts: Dockerfiles (everywhere but vendored trees, each with the reason it does not
 * ship the service, if any), image builds without a Dockerfile, and deployment-side health
 * checks (Dockerfile HEALTHCHECK, compose `healthcheck.test`, Kubernetes/Helm probes).
 */
export function collectDeploy(snapshot: Snapshot): DeployFacts {
  const problems: ParseProblem[] = []
  const dockerfiles: Dockerfile[] = []
  const builds: OtherImageBuild[] = []
  const healthchecks: DeployHealthcheck[] = []
  const composeFiles: ComposeFile[] = []
  const releasers: ReleaserConfig[] = []
  for (const path of filesWhere(snapshot, deployListed)) {
    if (isVendored(path) || excludedSegment(path, BUILD_COPIES)) continue
    try {
      if (isDockerfile(path)) {
        const text = readText(snapshot, path, problems)
        const parsed = text === undefined ? { baseImages: [], healthchecks: [] } : parseDockerfile(path, text)
        const notService = notServiceReason(path, parsed.baseImages)
        dockerfiles.push({ path, notService, baseImages: parsed.baseImages, ...('firstFromLine' in parsed && parsed.firstFromLine !== undefined ? { line: parsed.firstFromLine } : {}) })
        if (!notService) healthchecks.push(...parsed.healthchecks)
        continue
      }
      if (isExcluded(path) || isCiConfig(path)) continue
      if (mayDeclareBuild(path)) {
        builds.push(...otherBuilds(path, readText(snapshot, path, problems)))
        continue
      }
      const lower = path.toLowerCase()
      if (!lower.endsWith('.yml') && !lower.endsWith('.yaml') && !lower.endsWith('.tpl')) continue
      if (isGoreleaserConfig(path)) {
        const config = goreleaserConfig(snapshot, path)
        if (config) {
          releasers.push(config)
          // ko images need no Dockerfile: the configuration is the image build.
          const ko = config.images.find((i) => i.section === 'kos')
          if (ko) builds.push({ path, ...(ko.line !== undefined ? { line: ko.line } : {}), kind: 'ko (GoReleaser kos)' })
        }
        continue
      }
      if (isComposeFile(path)) {
        const text = readText(snapshot, path, problems)
        if (text !== undefined) {
          healthchecks.push(...composeHealthchecks(path, text))
          composeFiles.push({ path, builds: composeBuilds(dirname(path), text) })
        }
        continue
      }
      const text = snapshot.text(path)
      if (text !== undefined && mayHaveProbes(text)) healthchecks.push(...kubernetesProbes(path, text))
    } catch (err) {
      problems.push({ path, message: `could not be read as a deployment file: ${err instanceof Error ? err.message : String(err)}` })
    }
  }
  return { dockerfiles, otherBuilds: builds, composeFiles, releasers, healthchecks, problems }
}
