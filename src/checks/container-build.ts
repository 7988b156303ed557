import { minimatch } from 'minimatch'
import { ciBuilds } from './catalog/ci-builds.js'
import type { Dockerfile } from '../facts/deploy/types.js'
import { repoProfile, type Snippets } from './catalog/ecosystem.js'
import type { Ecosystem } from '../facts/ecosystems.js'
import { defineCheck, type CheckContext, type Evidence } from './types.js'

/** A minimal service Dockerfile per ecosystem: the first detected one that has a row, else Python's. */
const DOCKERFILES: Snippets = {
  python: [
    '```dockerfile',
    'FROM python:3.12-slim',
    'WORKDIR /app',
    'COPY requirements.txt .',
    'RUN pip install --no-cache-dir -r requirements.txt',
    'COPY . .',
    'USER 1000',
    'CMD ["gunicorn", "app.main:app", "-k", "uvicorn.workers.UvicornWorker", "-b", "0.0.0.0:8000"]',
    '```'
  ].join('\n'),
  // PHP: dependencies installed in a Composer stage; FrankenPHP serves `public/` (Laravel, Symfony).
  php: [
    '```dockerfile',
    'FROM composer:2 AS vendor',
    'WORKDIR /app',
    'COPY composer.json composer.lock ./',
    'RUN composer install --no-dev --no-scripts --prefer-dist --no-interaction',
    '',
    'FROM dunglas/frankenphp:1-php8.3',
    'WORKDIR /app',
    'COPY --from=vendor /app/vendor ./vendor',
    'COPY . .',
    'ENV SERVER_NAME=:8080',
    '```'
  ].join('\n'),
  // Elixir: a `mix release` built in one stage, run from a slim Debian image.
  elixir: [
    '```dockerfile',
    'FROM hexpm/elixir:1.18.1-erlang-27.2-debian-bookworm-20241223-slim AS build',
    'ENV MIX_ENV=prod',
    'WORKDIR /app',
    'RUN mix local.hex --force && mix local.rebar --force',
    'COPY mix.exs mix.lock ./',
    'RUN mix deps.get --only prod && mix deps.compile',
    'COPY config config',
    'COPY lib lib',
    'COPY priv priv',
    'RUN mix release',
    '',
    'FROM debian:bookworm-slim',
    'RUN apt-get update && apt-get install -y --no-install-recommends libstdc++6 openssl libncurses6 ca-certificates && rm -rf /var/lib/apt/lists/*',
    'WORKDIR /app',
    'COPY --from=build /app/_build/prod/rel/my_app ./',
    'USER nobody',
    'CMD ["bin/my_app", "start"]',
    '```'
  ].join('\n'),
  // Rust: built in a cargo stage, run from a slim Debian image (cargo-chef speeds the dependency layer up).
  rust: [
    '```dockerfile',
    'FROM rust:1-bookworm AS build',
    'WORKDIR /src',
    'COPY . .',
    'RUN cargo build --release --locked',
    '',
    'FROM debian:bookworm-slim',
    'COPY --from=build /src/target/release/server /usr/local/bin/server',
    'USER 1000',
    'ENTRYPOINT ["/usr/local/bin/server"]',
    '```'
  ].join('\n'),
  // .NET: a multi-stage build on the SDK and ASP.NET images (or no Dockerfile: `dotnet publish /t:PublishContainer`).
  dotnet: [
    '```dockerfile',
    'FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build',
    'WORKDIR /src',
    'COPY . .',
    'RUN dotnet publish src/Api/Api.csproj -c Release -o /app',
    '',
    'FROM mcr.microsoft.com/dotnet/aspnet:9.0',
    'WORKDIR /app',
    'COPY --from=build /app .',
    'USER $APP_UID',
    'ENTRYPOINT ["dotnet", "Api.dll"]',
    '```',
    'Or build it without a Dockerfile: `dotnet publish src/Api/Api.csproj /t:PublishContainer -p ContainerRepository=ghcr.io/org/api`.'
  ].join('\n')
}

/** The head of an image workflow: on pull requests and pushes to main, allowed to push packages. */
const IMAGE_JOB = ['on: { pull_request: {}, push: { branches: [main] } }', 'permissions: { contents: read, packages: write }', 'jobs:', '  image:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4']

const IMAGE_WORKFLOW = [
  'and a workflow `.github/workflows/image.yml` that builds it on PRs and pushes it from `main`:',
  '```yaml',
  ...IMAGE_JOB,
  '      - uses: docker/setup-buildx-action@v3',
  '      - uses: docker/login-action@v3',
  "        if: github.event_name == 'push'",
  '        with: { registry: ghcr.io, username: ${{ github.actor }}, password: ${{ secrets.GITHUB_TOKEN }} }',
  '      - uses: docker/build-push-action@v6',
  '        with:',
  "          push: ${{ github.event_name == 'push' }}",
  '          tags: ghcr.io/${{ github.repository }}:${{ github.sha }}',
  '```'
].join('\n')

const WITHOUT_DOCKERFILE = 'Java: `./mvnw spring-boot:build-image` or the Jib plugin (`./mvnw compile jib:build`) build an image without a Dockerfile; Go: `ko build ./cmd/server`.'

function remediationFor(ecosystems: readonly Ecosystem[]): string {
  const eco = ecosystems.find((e) => DOCKERFILES[e] !== undefined) ?? 'python'
  return ['Ship the service as an image that CI builds on every change. A minimal `Dockerfile`:', DOCKERFILES[eco]!, IMAGE_WORKFLOW, ...(eco === 'python' ? [WITHOUT_DOCKERFILE] : [])].join('\n')
}

const REMEDIATION = remediationFor([])

/**
 * The JVM: an image without a Dockerfile, built by the build tool CI already runs — Spring Boot's
 * buildpacks, Quarkus' container-image extension, Jib for every other framework.
 */
function jvmRemediation(gradle: boolean, frameworks: readonly string[]): string {
  const how = frameworks.includes('spring')
    ? gradle ? '`./gradlew bootBuildImage --imageName=ghcr.io/acme/app` (Spring Boot buildpacks, no Dockerfile)' : '`./mvnw spring-boot:build-image -Dspring-boot.build-image.imageName=ghcr.io/acme/app` (Spring Boot buildpacks, no Dockerfile)'
    : frameworks.includes('quarkus')
      ? `the \`io.quarkus:quarkus-container-image-jib\` extension and \`${gradle ? './gradlew build' : './mvnw -B package'} -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true\``
      : gradle ? 'the Jib plugin (`plugins { id("com.google.cloud.tools.jib") version "3.4.4" }`) and `./gradlew jib --image=ghcr.io/acme/app`' : 'Jib: `./mvnw -B compile com.google.cloud.tools:jib-maven-plugin:3.4.4:build -Dimage=ghcr.io/acme/app`'
  return [
    `Ship the service as an image that CI builds on every change. On the JVM the build tool does it: ${how}, in a workflow that runs on pull requests and pushes from \`main\`:`,
    '```yaml',
    ...IMAGE_JOB,
    '      - uses: actions/setup-java@v4',
    '        with: { distribution: temurin, java-version: 21 }',
    '      - uses: docker/login-action@v3',
    "        if: github.event_name == 'push'",
    '        with: { registry: ghcr.io, username: ${{ github.actor }}, password: ${{ secrets.GITHUB_TOKEN }} }',
    `      - run: ${gradle ? './gradlew' : './mvnw -B'} … # the image build above`,
    '```',
    'A Dockerfile (`FROM eclipse-temurin:21-jre`, copying the built jar) built by `docker/build-push-action` works too.'
  ].join('\n')
}

function dockerfileEvidence(d: Dockerfile): Evidence {
  return { path: d.path, ...(d.line !== undefined ? { line: d.line } : {}), message: d.notService ? `not the service image: ${d.notService}` : `Dockerfile${d.baseImages.length ? ` (FROM ${d.baseImages[d.baseImages.length - 1]})` : ''}` }
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
      none: 'No Dockerfile or other container image build was found.'
    },
    why: 'An image built by CI from a reviewed commit is the artifact that runs in production: the same bytes in staging and prod, reproducible, scannable and rolled back by tag. Images built on a laptop drift from the source and cannot be traced to a commit.',
    remediation: REMEDIATION
  },
  run(ctx: CheckContext) {
    const { deploy } = ctx.facts
    const profile = repoProfile(ctx.facts.snapshot)
    const remediation = profile.ecosystems[0] === 'java' ? jvmRemediation(profile.gradle, ctx.facts.service.frameworks.map((f) => f.framework)) : remediationFor(profile.ecosystems)
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
    if (declared.length > 0) return { status: 'partial', messageId: 'not-built', data: { what }, evidence: [...declared.slice(0, 8), { message: 'no CI job runs docker build, a build-push action, buildpacks, jib or ko' }], remediation }
    if (others.length > 0) {
      return { status: 'fail', messageId: 'not-service', data: { what: others.map((d) => d.path).slice(0, 3).join(', ') }, evidence: others.slice(0, 8).map(dockerfileEvidence), remediation }
    }
    return { status: 'fail', messageId: 'none', evidence: deploy.problems.slice(0, 3).map((p) => ({ path: p.path, message: `could not be read: ${p.message}` })), remediation }
  }
})
