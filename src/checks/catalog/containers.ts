/**
 * How CI builds container images (docs/catalogue.md, "Container build"), as data: commands (argv prefixes after
 * wrappers are removed) and actions/tasks/orbs.
 */
export interface BuildCommand {
  /** argv prefix; `*` matches any word. */
  readonly argv: readonly string[]
  /** When set, some later argv word must contain one of these (`jib:build`, `bootBuildImage`). */
  readonly goal?: readonly string[]
  readonly label: string
  /** The command builds from a Dockerfile (so `-f` can point at a non-service one). */
  readonly dockerfile: boolean
  /** The Dockerfiles are the ones a compose file names (`docker compose build`). */
  readonly compose?: true
}

const JAVA_GOALS = ['jib:build', 'jib:dockerBuild', 'jib:buildTar', 'spring-boot:build-image', 'build-image']
const GRADLE_GOALS = ['jib', 'jibDockerBuild', 'jibBuildTar', 'bootBuildImage']

export const BUILD_COMMANDS: readonly BuildCommand[] = [
  { argv: ['docker', 'build'], label: 'docker build', dockerfile: true },
  { argv: ['docker', 'buildx', 'build'], label: 'docker buildx build', dockerfile: true },
  { argv: ['docker', 'buildx', 'bake'], label: 'docker buildx bake', dockerfile: true },
  { argv: ['docker', 'image', 'build'], label: 'docker image build', dockerfile: true },
  { argv: ['docker', 'compose', 'build'], label: 'docker compose build', dockerfile: true, compose: true },
  { argv: ['docker-compose', 'build'], label: 'docker-compose build', dockerfile: true, compose: true },
  { argv: ['podman', 'build'], label: 'podman build', dockerfile: true },
  { argv: ['buildah', 'bud'], label: 'buildah bud', dockerfile: true },
  { argv: ['buildah', 'build'], label: 'buildah build', dockerfile: true },
  { argv: ['kaniko'], label: 'kaniko', dockerfile: true },
  { argv: ['executor'], goal: ['--destination', '--dockerfile', '--context', '--no-push'], label: 'kaniko executor', dockerfile: true },
  { argv: ['depot', 'build'], label: 'depot build', dockerfile: true },
  { argv: ['nerdctl', 'build'], label: 'nerdctl build', dockerfile: true },
  { argv: ['img', 'build'], label: 'img build', dockerfile: true },
  { argv: ['gcloud', 'builds', 'submit'], label: 'gcloud builds submit', dockerfile: true },
  { argv: ['az', 'acr', 'build'], label: 'az acr build', dockerfile: true },
  { argv: ['pack', 'build'], label: 'pack build (buildpacks)', dockerfile: false },
  { argv: ['ko', 'build'], label: 'ko build', dockerfile: false },
  { argv: ['ko', 'publish'], label: 'ko publish', dockerfile: false },
  { argv: ['ko', 'resolve'], label: 'ko resolve', dockerfile: false },
  { argv: ['ko', 'apply'], label: 'ko apply', dockerfile: false },
  { argv: ['earthly'], label: 'earthly', dockerfile: false },
  { argv: ['nixpacks', 'build'], label: 'nixpacks build', dockerfile: false },
  { argv: ['skaffold', 'build'], label: 'skaffold build', dockerfile: true },
  { argv: ['skaffold', 'run'], label: 'skaffold run', dockerfile: true },
  { argv: ['mvn'], goal: JAVA_GOALS, label: 'maven image build', dockerfile: false },
  { argv: ['mvnw'], goal: JAVA_GOALS, label: 'maven image build', dockerfile: false },
  { argv: ['gradle'], goal: GRADLE_GOALS, label: 'gradle image build', dockerfile: false },
  { argv: ['gradlew'], goal: GRADLE_GOALS, label: 'gradle image build', dockerfile: false }
]

export interface BuildAction {
  readonly name: string
  readonly label: string
  /** `with:` input naming the Dockerfile. */
  readonly fileInput?: string
  /** Only counts when this `with:` input has one of these values (Azure `Docker@2` `command`). */
  readonly when?: { readonly input: string; readonly values: readonly string[] }
}

export const BUILD_ACTIONS: readonly BuildAction[] = [
  { name: 'docker/build-push-action', label: 'docker/build-push-action', fileInput: 'file' },
  { name: 'docker/bake-action', label: 'docker/bake-action' },
  { name: 'depot/build-push-action', label: 'depot/build-push-action', fileInput: 'file' },
  // Blacksmith's drop-in replacement for docker/build-push-action (same inputs).
  { name: 'useblacksmith/build-push-action', label: 'useblacksmith/build-push-action', fileInput: 'file' },
  { name: 'depot/bake-action', label: 'depot/bake-action' },
  { name: 'redhat-actions/buildah-build', label: 'redhat-actions/buildah-build', fileInput: 'containerfiles' },
  { name: 'mr-smithers-excellent/docker-build-push', label: 'mr-smithers-excellent/docker-build-push', fileInput: 'dockerfile' },
  { name: 'elgohr/publish-docker-github-action', label: 'elgohr/publish-docker-github-action', fileInput: 'dockerfile' },
  { name: 'aevea/action-kaniko', label: 'aevea/action-kaniko' },
  { name: 'int128/kaniko-action', label: 'int128/kaniko-action', fileInput: 'file' },
  { name: 'google-github-actions/deploy-cloudrun', label: 'deploy-cloudrun (source build)', when: { input: 'source', values: ['*'] } },
  { name: 'docker', label: 'Azure Docker task', when: { input: 'command', values: ['build', 'buildAndPush', 'buildandpush'] } },
  { name: 'docker@2', label: 'Azure Docker task', when: { input: 'command', values: ['build', 'buildAndPush', 'buildandpush'] } },
  { name: 'circleci/docker', label: 'CircleCI docker orb' },
  { name: 'circleci/aws-ecr', label: 'CircleCI aws-ecr orb' },
  { name: 'circleci/gcp-gcr', label: 'CircleCI gcp-gcr orb' }
]

/** CI job images that build images by themselves (GitLab kaniko / buildah jobs). */
export const BUILDER_IMAGES: readonly string[] = ['gcr.io/kaniko-project/executor', 'kaniko-project/executor', 'quay.io/buildah/stable', 'moby/buildkit', 'gcr.io/go-containerregistry/crane']

/**
 * Whether a command's argv matches a pattern: argv[0] exactly, the pattern's second word as the
 * first non-option word (the subcommand), later words anywhere after it. `docker compose -f x.yml
 * build` matches `docker compose build`; `docker run img build` does not match `docker build`.
 */
export function argvMatches(argv: readonly string[], pattern: readonly string[]): boolean {
  if (argv[0] !== pattern[0]) return false
  if (pattern.length === 1) return true
  const words = argv.slice(1).filter((w) => !w.startsWith('-'))
  if (words[0] !== pattern[1]) return false
  let k = 1
  for (let i = 2; i < pattern.length; i++) {
    while (k < words.length && words[k] !== pattern[i]) k++
    if (k >= words.length) return false
    k++
  }
  return true
}
