import type { Ecosystem } from '../../facts/ecosystems.js'

/**
 * How CI builds container images (docs/catalogue.md, "Container build"), as data: commands (argv prefixes after wrappers are removed),
 * actions/tasks/orbs, and release tools that build images from their own configuration.
 *
 * Traps, next to the rows they concern:
 * - a build whose output is a directory or a tarball (`outputs: type=local`, `--output
 *   type=tar`), or that only builds a `binary`/`artifacts` stage without pushing, cross-compiles
 *   binaries in a container: no image ships (LOCAL_OUTPUT, BINARY_TARGETS);
 * - forks and hosted-builder variants of the build-push and bake actions keep the upstream inputs
 *   (`file`, `push`, `outputs`), so they are matched by their last path segment (FAMILIES), not by
 *   owner;
 * - `goreleaser build` makes binaries only; `goreleaser release` (also bare `goreleaser` and
 *   `--snapshot`) builds the images its configuration's `dockers`/`dockers_v2`/`kos` declare,
 *   unless `--skip=docker`/`--skip=ko` (RELEASERS).
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

// JVM: Jib, Spring Boot buildpacks, Quarkus (`quarkus.container-image.build=true` on the command line
// or in application.properties, which the Maven resolver turns into `quarkus:image-build`), and
// gradle-docker-plugin's DockerBuildImage tasks.
const JAVA_GOALS = ['jib:build', 'jib:dockerBuild', 'jib:buildTar', 'spring-boot:build-image', 'build-image', 'quarkus:image-build', 'quarkus:image-push', 'quarkus.container-image.build=true']
const GRADLE_GOALS = ['jib', 'jibDockerBuild', 'jibBuildTar', 'bootBuildImage', 'dockerBuildImage', 'imageBuild', 'imagePush', 'quarkus.container-image.build=true']

export const BUILD_COMMANDS: readonly BuildCommand[] = [
  { argv: ['docker', 'build'], label: 'docker build', dockerfile: true },
  { argv: ['docker', 'buildx', 'build'], label: 'docker buildx build', dockerfile: true },
  { argv: ['docker', 'buildx', 'bake'], label: 'docker buildx bake', dockerfile: true },
  { argv: ['docker', 'image', 'build'], label: 'docker image build', dockerfile: true },
  { argv: ['docker', 'compose', 'build'], label: 'docker compose build', dockerfile: true, compose: true },
  { argv: ['docker-compose', 'build'], label: 'docker-compose build', dockerfile: true, compose: true },
  // `up --build` / `run --build` build the services' images before starting them (an integration
  // test against the production image). Trap: without `--build` they use images built elsewhere.
  { argv: ['docker', 'compose', 'up'], goal: ['--build'], label: 'docker compose up --build', dockerfile: true, compose: true },
  { argv: ['docker', 'compose', 'run'], goal: ['--build'], label: 'docker compose run --build', dockerfile: true, compose: true },
  { argv: ['docker-compose', 'up'], goal: ['--build'], label: 'docker-compose up --build', dockerfile: true, compose: true },
  { argv: ['docker-compose', 'run'], goal: ['--build'], label: 'docker-compose run --build', dockerfile: true, compose: true },
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
  // An Earthly target that saves an image (the resolver records `SAVE IMAGE` as this synthetic command).
  { argv: ['earthly', 'save-image'], label: 'earthly SAVE IMAGE', dockerfile: false },
  { argv: ['nixpacks', 'build'], label: 'nixpacks build', dockerfile: false },
  { argv: ['skaffold', 'build'], label: 'skaffold build', dockerfile: true },
  { argv: ['skaffold', 'run'], label: 'skaffold run', dockerfile: true },
  { argv: ['mvn'], goal: JAVA_GOALS, label: 'maven image build', dockerfile: false },
  { argv: ['mvnw'], goal: JAVA_GOALS, label: 'maven image build', dockerfile: false },
  { argv: ['mvnd'], goal: JAVA_GOALS, label: 'maven image build', dockerfile: false },
  { argv: ['gradle'], goal: GRADLE_GOALS, label: 'gradle image build', dockerfile: false },
  { argv: ['gradlew'], goal: GRADLE_GOALS, label: 'gradle image build', dockerfile: false },
  // .NET SDK containers: `dotnet publish /t:PublishContainer` (also -t:, --target:), or the DefaultContainer publish profile.
  { argv: ['dotnet', 'publish'], goal: ['PublishContainer', 'PublishProfile=DefaultContainer'], label: 'dotnet publish (SDK container)', dockerfile: false }
]

/** Output flags of a build that exports files instead of an image (`--output type=local,dest=out`). */
export const OUTPUT_FLAGS: readonly string[] = ['--output', '-o']
/** Exporters that write a directory or a tarball: the build ships no image. */
export const LOCAL_OUTPUT = /(^|,)\s*type\s*=\s*(local|tar)\b/
/** Build stages named for binaries: with no push and no image output, they only cross-compile. */
export const BINARY_TARGETS = /^(binar(y|ies)|bin|artifacts?|dist)$/i

/** A release tool that builds images from its own configuration file. */
export interface Releaser {
  readonly argv0: string
  readonly label: string
  /** Subcommands that build images; a bare command counts when `bare` is set. */
  readonly builds: readonly string[]
  readonly bare: boolean
  /** Flags that skip the image build (`--skip=docker`, `--skip-docker`). */
  readonly skips: RegExp
  /** Options naming the configuration file. */
  readonly configFlags: readonly string[]
  /** Configuration files looked for when none is named, in the command's directory. */
  readonly defaults: readonly string[]
}

export const RELEASERS: readonly Releaser[] = [
  {
    argv0: 'goreleaser',
    label: 'GoReleaser',
    builds: ['release'],
    bare: true,
    skips: /^--skip(-docker|-ko|=.*\b(docker|ko)\b)/,
    configFlags: ['-f', '--config'],
    defaults: ['.goreleaser.yaml', '.goreleaser.yml', 'goreleaser.yaml', 'goreleaser.yml']
  }
]

export interface BuildAction {
  /** Action name; with `family`, the last path segment any owner's action may end with. */
  readonly name: string
  /** Match `*\/<name>`: forks and hosted-builder variants (useblacksmith/build-push-action). */
  readonly family?: true
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
  { name: 'depot/bake-action', label: 'depot/bake-action' },
  // Blacksmith's drop-in replacement for docker/build-push-action (same inputs).
  { name: 'useblacksmith/build-push-action', label: 'useblacksmith/build-push-action', fileInput: 'file' },
  { name: 'useblacksmith/bake-action', label: 'useblacksmith/bake-action' },
  // Forks and hosted builders of the two upstream actions keep their inputs.
  { name: 'build-push-action', family: true, label: 'a build-push-action', fileInput: 'file' },
  { name: 'bake-action', family: true, label: 'a bake-action' },
  { name: 'docker-build-push', family: true, label: 'a docker-build-push action', fileInput: 'dockerfile' },
  { name: 'docker-build-push-action', family: true, label: 'a docker-build-push action', fileInput: 'dockerfile' },
  { name: 'kaniko-action', family: true, label: 'a kaniko action', fileInput: 'file' },
  { name: 'buildah-build', family: true, label: 'a buildah action', fileInput: 'containerfiles' },
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
  { name: 'circleci/gcp-gcr', label: 'CircleCI gcp-gcr orb' },
  // Woodpecker and Drone plugins (an image configured by `settings:`; `dry_run` builds without pushing).
  { name: 'woodpeckerci/plugin-docker-buildx', label: 'Woodpecker docker-buildx plugin', fileInput: 'dockerfile' },
  { name: 'woodpeckerci/plugin-kaniko', label: 'Woodpecker kaniko plugin', fileInput: 'dockerfile' },
  { name: 'plugins/docker', label: 'Drone docker plugin', fileInput: 'dockerfile' },
  { name: 'plugins/docker-buildx', label: 'docker-buildx plugin', fileInput: 'dockerfile' },
  { name: 'thegeeklab/drone-docker-buildx', label: 'drone-docker-buildx plugin', fileInput: 'dockerfile' },
  { name: 'plugins/ecr', label: 'Drone ECR plugin', fileInput: 'dockerfile' },
  { name: 'plugins/gcr', label: 'Drone GCR plugin', fileInput: 'dockerfile' },
  { name: 'plugins/acr', label: 'Drone ACR plugin', fileInput: 'dockerfile' },
  { name: 'plugins/kaniko', label: 'Drone kaniko plugin', fileInput: 'dockerfile' },
  { name: 'plugins/kaniko-ecr', label: 'Drone kaniko plugin', fileInput: 'dockerfile' },
  { name: 'banzaicloud/drone-kaniko', label: 'drone-kaniko plugin', fileInput: 'dockerfile' },
  // Buildkite plugins and Tekton catalogue tasks.
  { name: 'buildkite-plugin:docker-compose', label: 'Buildkite docker-compose plugin (build)', when: { input: 'build', values: ['*'] } },
  { name: 'tekton-task:buildah', label: 'Tekton buildah task' },
  { name: 'tekton-task:kaniko', label: 'Tekton kaniko task' }
]

/** The build action a workflow uses, by exact name first, then by family (last path segment). */
export function buildActionFor(name: string): BuildAction | undefined {
  const n = name.toLowerCase()
  const exact = BUILD_ACTIONS.find((a) => !a.family && a.name === n)
  if (exact) return exact
  const last = n.slice(n.lastIndexOf('/') + 1)
  return n.includes('/') ? BUILD_ACTIONS.find((a) => a.family && a.name === last) : undefined
}

/** CI job images that build images by themselves (GitLab kaniko / buildah jobs). */
export const BUILDER_IMAGES: readonly string[] = ['gcr.io/kaniko-project/executor', 'kaniko-project/executor', 'quay.io/buildah/stable', 'moby/buildkit', 'gcr.io/go-containerregistry/crane']

/**
 * Whether a command's argv matches a pattern: argv[0] exactly, the pattern's second word as the
 * first non-option word (the subcommand), later words anywhere after it. `docker compose -f x.yml
 * build` matches `docker compose build`; `docker run img build` does not match `docker build`.
 */
/** Global options that take a value, before a subcommand (`docker compose -f`, `docker --context`). */
const VALUE_OPTIONS = new Set(['-f', '--file', '-p', '--project-name', '--env-file', '--profile', '--project-directory', '--context', '-c', '--config', '-H', '--host', '--log-level'])

export function argvMatches(argv: readonly string[], pattern: readonly string[]): boolean {
  if (argv[0] !== pattern[0]) return false
  if (pattern.length === 1) return true
  // An option's value is not a word (`docker-compose -f ci.yml build`: the subcommand is `build`).
  const words = argv.slice(1).filter((w, i, all) => !w.startsWith('-') && !(i > 0 && VALUE_OPTIONS.has(all[i - 1]!)))
  if (words[0] !== pattern[1]) return false
  let k = 1
  for (let i = 2; i < pattern.length; i++) {
    while (k < words.length && words[k] !== pattern[i]) k++
    if (k >= words.length) return false
    k++
  }
  return true
}

/** A minimal service `Dockerfile` per stack: multi-stage where the stack compiles, a non-root user, one process. */
export const DOCKERFILES: Readonly<Record<Ecosystem, string>> = {
  python: [
    '```dockerfile',
    'FROM python:3.12-slim',
    'WORKDIR /app',
    'COPY requirements.txt .',
    'RUN pip install --no-cache-dir -r requirements.txt',
    'COPY . .',
    'USER 1000',
    '# Django: gunicorn project.wsgi; Flask: gunicorn app:app',
    'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]',
    '```'
  ].join('\n'),
  node: [
    '```dockerfile',
    'FROM node:22-slim',
    'WORKDIR /app',
    'COPY package.json package-lock.json ./',
    'RUN npm ci --omit=dev',
    'COPY . .',
    'USER node',
    'CMD ["node", "server.js"]',
    '```'
  ].join('\n'),
  go: [
    '```dockerfile',
    'FROM golang:1.23 AS build',
    'WORKDIR /src',
    'COPY go.mod go.sum ./',
    'RUN go mod download',
    'COPY . .',
    'RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server',
    '',
    'FROM gcr.io/distroless/static-debian12',
    'COPY --from=build /out/server /server',
    'USER nonroot',
    'ENTRYPOINT ["/server"]',
    '```',
    'Or without a Dockerfile: `ko build ./cmd/server`.'
  ].join('\n'),
  java: [
    '```dockerfile',
    'FROM eclipse-temurin:21-jdk AS build',
    'WORKDIR /src',
    'COPY . .',
    'RUN ./mvnw -B package -DskipTests   # Gradle: ./gradlew bootJar',
    '',
    'FROM eclipse-temurin:21-jre',
    'COPY --from=build /src/target/*.jar /app/app.jar',
    'USER 1000',
    'ENTRYPOINT ["java", "-jar", "/app/app.jar"]',
    '```',
    'Or without a Dockerfile: `./mvnw spring-boot:build-image` (Gradle: `./gradlew bootBuildImage`), or Jib (`./mvnw compile jib:build`).'
  ].join('\n'),
  ruby: [
    '```dockerfile',
    'FROM ruby:3.3-slim',
    'WORKDIR /app',
    'COPY Gemfile Gemfile.lock ./',
    "RUN bundle config set without 'development test' && bundle install",
    'COPY . .',
    'USER 1000',
    '# puma reads config/puma.rb when there is one, and config.ru',
    'CMD ["bundle", "exec", "puma"]',
    '```'
  ].join('\n'),
  rust: [
    '```dockerfile',
    'FROM rust:1.83 AS build',
    'WORKDIR /src',
    'COPY . .',
    'RUN cargo build --release --locked',
    '',
    'FROM gcr.io/distroless/cc-debian12',
    'COPY --from=build /src/target/release/server /server',
    'USER nonroot',
    'ENTRYPOINT ["/server"]',
    '```'
  ].join('\n'),
  php: [
    '```dockerfile',
    'FROM composer:2 AS deps',
    'WORKDIR /app',
    'COPY composer.json composer.lock ./',
    'RUN composer install --no-dev --no-scripts --prefer-dist',
    '',
    'FROM php:8.3-fpm',
    'WORKDIR /var/www/html',
    'COPY --from=deps /app/vendor ./vendor',
    'COPY . .',
    'USER www-data',
    'CMD ["php-fpm"]',
    '```'
  ].join('\n'),
  dotnet: [
    '```dockerfile',
    'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build',
    'WORKDIR /src',
    'COPY . .',
    'RUN dotnet publish -c Release -o /out',
    '',
    'FROM mcr.microsoft.com/dotnet/aspnet:8.0',
    'WORKDIR /app',
    'COPY --from=build /out .',
    'USER app',
    'ENTRYPOINT ["dotnet", "Api.dll"]',
    '```'
  ].join('\n'),
  elixir: [
    '```dockerfile',
    'FROM elixir:1.17 AS build',
    'ENV MIX_ENV=prod',
    'WORKDIR /app',
    'RUN mix local.hex --force && mix local.rebar --force',
    'COPY . .',
    'RUN mix deps.get --only prod && mix release',
    '',
    'FROM debian:bookworm-slim',
    'RUN apt-get update \\',
    '    && apt-get install -y --no-install-recommends \\',
    '       libstdc++6 openssl libncurses6 \\',
    '    && rm -rf /var/lib/apt/lists/*',
    'WORKDIR /app',
    'COPY --from=build /app/_build/prod/rel/app ./',
    'USER nobody',
    'CMD ["bin/app", "start"]',
    '```',
    'Phoenix generates one for its release: `mix phx.gen.release --docker`.'
  ].join('\n')
}

/** The head of an image workflow: on pull requests and pushes to main, allowed to push packages, checked out. */
export const IMAGE_WORKFLOW_HEAD: readonly string[] = [
    '# .github/workflows/image.yml',
    'on:',
    '  pull_request:',
    '  push:',
    '    branches: [main]',
    'permissions:',
    '  contents: read',
    '  packages: write',
    'jobs:',
    '  image:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4'
]

/** A workflow that builds the image on pull requests and pushes it from the default branch. */
export function imageWorkflow(dockerfile: string | null): string {
  const dir = dockerfile && dockerfile.includes('/') ? dockerfile.slice(0, dockerfile.lastIndexOf('/')) : null
  const where = dockerfile && dockerfile !== 'Dockerfile' ? [`          context: ${dir ?? '.'}`, `          file: ${dockerfile}`] : []
  return [
    '```yaml',
    ...IMAGE_WORKFLOW_HEAD,
    '      - uses: docker/setup-buildx-action@v3',
    '      - uses: docker/login-action@v3',
    "        if: github.event_name == 'push'",
    '        with:',
    '          registry: ghcr.io',
    '          username: ${{ github.actor }}',
    '          password: ${{ secrets.GITHUB_TOKEN }}',
    '      - uses: docker/build-push-action@v6',
    '        with:',
    ...where,
    "          push: ${{ github.event_name == 'push' }}",
    '          tags: ghcr.io/${{ github.repository }}:${{ github.sha }}',
    '```'
  ].join('\n')
}

