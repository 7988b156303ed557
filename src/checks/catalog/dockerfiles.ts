import { ECOSYSTEMS, type Ecosystem } from '../../facts/ecosystems.js'

/**
 * The image build a container-build remediation shows, per ecosystem: a minimal Dockerfile for the
 * stack detected (a Rust service is never shown a Python image), the workflow that builds it on
 * pull requests and pushes it from `main`, and the Dockerfile-free builds some stacks have.
 */

const DOCKERFILES: Readonly<Record<Ecosystem, readonly string[]>> = {
  python: ['FROM python:3.12-slim', 'WORKDIR /app', 'COPY requirements.txt .', 'RUN pip install --no-cache-dir -r requirements.txt', 'COPY . .', 'USER 1000', 'CMD ["gunicorn", "app.main:app", "-k", "uvicorn.workers.UvicornWorker", "-b", "0.0.0.0:8000"]'],
  node: ['FROM node:22-slim', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci --omit=dev', 'COPY . .', 'USER node', 'CMD ["node", "src/server.js"]'],
  go: ['FROM golang:1.23 AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /server ./cmd/server', '', 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /server /server', 'USER nonroot', 'ENTRYPOINT ["/server"]'],
  java: ['FROM eclipse-temurin:21-jdk AS build', 'WORKDIR /src', 'COPY . .', 'RUN ./mvnw -B package -DskipTests', '', 'FROM eclipse-temurin:21-jre', 'COPY --from=build /src/target/*.jar /app.jar', 'USER 1000', 'ENTRYPOINT ["java", "-jar", "/app.jar"]'],
  ruby: ['FROM ruby:3.3-slim', 'WORKDIR /app', 'COPY Gemfile Gemfile.lock ./', 'RUN bundle install --without development test', 'COPY . .', 'USER 1000', 'CMD ["bin/rails", "server", "-b", "0.0.0.0"]'],
  rust: ['FROM rust:1-bookworm AS build', 'WORKDIR /src', 'COPY . .', 'RUN cargo build --release --locked', '', 'FROM debian:bookworm-slim', 'COPY --from=build /src/target/release/server /usr/local/bin/server', 'USER 1000', 'ENTRYPOINT ["/usr/local/bin/server"]'],
  php: ['FROM composer:2 AS vendor', 'WORKDIR /app', 'COPY . .', 'RUN composer install --no-dev --optimize-autoloader', '', 'FROM php:8.3-apache', 'COPY --from=vendor /app /var/www/html', 'USER www-data'],
  dotnet: ['FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build', 'WORKDIR /src', 'COPY . .', 'RUN dotnet publish -c Release -o /app', '', 'FROM mcr.microsoft.com/dotnet/aspnet:8.0', 'COPY --from=build /app /app', 'USER app', 'ENTRYPOINT ["dotnet", "/app/Api.dll"]'],
  elixir: ['FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016 AS build', 'WORKDIR /app', 'ENV MIX_ENV=prod', 'COPY . .', 'RUN mix local.hex --force && mix local.rebar --force && mix deps.get --only prod && mix release', '', 'FROM debian:bookworm-slim', 'COPY --from=build /app/_build/prod/rel/my_app /app', 'USER nobody', 'CMD ["/app/bin/my_app", "start"]']
}

/** Builds without a Dockerfile, per ecosystem. */
const DOCKERLESS: Readonly<Partial<Record<Ecosystem, string>>> = {
  java: 'Java: `./mvnw spring-boot:build-image` or the Jib plugin (`./mvnw compile jib:build`) build an image without a Dockerfile.',
  go: 'Go: `ko build ./cmd/server` builds an image without a Dockerfile.',
  dotnet: '.NET: `dotnet publish -c Release /t:PublishContainer` builds an image without a Dockerfile.'
}

const WORKFLOW = [
  '```yaml',
  'on: { pull_request: {}, push: { branches: [main] } }',
  'permissions: { contents: read, packages: write }',
  'jobs:',
  '  image:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
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

/** The remediation for the ecosystems detected (the first one's Dockerfile); Python when none is. */
export function containerRemediation(ecosystems: readonly Ecosystem[]): string {
  const eco = ecosystems[0] ?? 'python'
  const dockerless = (ecosystems.length > 0 ? ecosystems : (['java', 'go'] as const)).flatMap((e) => DOCKERLESS[e] ?? [])
  return [
    `Ship the service as an image that CI builds on every change. A minimal \`Dockerfile\` for ${ECOSYSTEMS[eco].name}:`,
    '```dockerfile',
    ...DOCKERFILES[eco],
    '```',
    'and a workflow `.github/workflows/image.yml` that builds it on PRs and pushes it from `main`:',
    WORKFLOW,
    ...dockerless
  ].join('\n')
}
