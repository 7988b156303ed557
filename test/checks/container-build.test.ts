import { describe, expect, it } from 'vitest'
import check from '../../src/checks/container-build.js'
import { ciAction, ciRun, factsFor, job, runCheck } from './dependency-facts.js'
import { factsFor as collectedFacts } from '../helpers/facts.js'

const WF = '.github/workflows/image.yml'
const DOCKERFILE = 'FROM python:3.12-slim\nCOPY . .\n'

describe('container-build', () => {
  it('passes for a Dockerfile built by docker/build-push-action', () => {
    const out = runCheck(check, factsFor({ Dockerfile: DOCKERFILE }, { ci: { actions: [ciAction(WF, 14, 'docker/build-push-action', { push: 'true' })] } }))
    expect(out.status).toBe('pass')
    expect(out.messageId).toBe('built-in-ci')
    expect(out.evidence).toEqual([
      { path: 'Dockerfile', line: 1, message: 'service image, FROM python:3.12-slim' },
      { path: WF, line: 14, message: 'CI builds an image on branch pushes with docker/build-push-action' }
    ])
  })

  it('counts goreleaser only when its configuration builds images (dockers:), and an Earthly SAVE IMAGE', () => {
    const run = { ci: { runs: [ciRun(WF, 12, 'goreleaser release --clean')] } }
    expect(runCheck(check, factsFor({ Dockerfile: DOCKERFILE, '.goreleaser.yml': 'dockers:\n  - image_templates: [x]\n' }, run)).status).toBe('pass')
    expect(runCheck(check, factsFor({ Dockerfile: DOCKERFILE, '.goreleaser.yml': 'builds: []\n' }, run)).status).toBe('partial')
    const earthly = { ci: { runs: [ciRun(WF, 12, 'earthly save-image acme/svc')] } }
    expect(runCheck(check, factsFor({ Earthfile: 'docker:\n    SAVE IMAGE acme/svc\n' }, earthly)).status).toBe('pass')
    expect(runCheck(check, factsFor({ Dockerfile: DOCKERFILE }, { ci: { runs: [ciRun(WF, 12, 'earthly +test')] } })).status).toBe('partial')
  })

  it('passes for `docker build` in a workflow that only runs on tags', () => {
    // `push: tags: [v*]`: the push trigger survives for tags only.
    const tagJob = job(WF, 'release', { triggers: { pullRequest: false, push: false, schedule: false, manual: false, events: ['push'] } })
    const out = runCheck(check, factsFor({ 'backend/Dockerfile': DOCKERFILE }, { ci: { runs: [ciRun(WF, 20, 'docker build -t ghcr.io/acme/api:1 backend', { job: tagJob })] } }))
    expect([out.status, out.evidence?.[1]]).toEqual(['pass', { path: WF, line: 20, message: 'CI builds an image on tags: docker build -t ghcr.io/acme/api:1 backend' }])
  })

  it('counts docker compose build only for the Dockerfiles its compose file builds (Django-Styleguide-Example)', () => {
    const compose = 'services:\n  django:\n    build:\n      context: .\n      dockerfile: docker/local.Dockerfile\n  db:\n    image: postgres:16\n'
    const files = { 'docker/production.Dockerfile': DOCKERFILE, 'docker/local.Dockerfile': DOCKERFILE, 'docker-compose.yml': compose }
    const local = runCheck(check, factsFor(files, { ci: { runs: [ciRun(WF, 9, 'docker compose build')] } }))
    expect([local.status, local.messageId]).toEqual(['partial', 'not-built'])
    // The same command with a compose file that builds the production image ships the service.
    const prod = runCheck(check, factsFor({ ...files, 'deploy/compose.yml': 'services:\n  web:\n    build:\n      context: ..\n      dockerfile: docker/production.Dockerfile\n' }, { ci: { runs: [ciRun(WF, 9, 'docker compose -f deploy/compose.yml build web')] } }))
    expect(prod.status).toBe('pass')
    // A short-form build context: services.app.build: ./api builds api/Dockerfile.
    const short = runCheck(check, factsFor({ 'api/Dockerfile': DOCKERFILE, 'compose.yaml': 'services:\n  app:\n    build: ./api\n' }, { ci: { runs: [ciRun(WF, 9, 'docker-compose build')] } }))
    expect(short.status).toBe('pass')
    // A compose file that builds nothing (images only) makes `build` a no-op.
    const images = runCheck(check, factsFor({ Dockerfile: DOCKERFILE, 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n' }, { ci: { runs: [ciRun(WF, 9, 'docker compose build')] } }))
    expect(images.status).toBe('partial')
  })

  it('counts docker compose up --build and run --build, which build the images they start (forms-manager)', () => {
    const compose = 'services:\n  app_test:\n    build:\n      context: .\n      target: production\n  mongo:\n    image: mongo:7\n'
    const files = { Dockerfile: DOCKERFILE, 'docker-compose.integration-test.yml': compose }
    const up = runCheck(check, factsFor(files, { ci: { runs: [ciRun(WF, 9, 'docker compose -f docker-compose.integration-test.yml up --build --exit-code-from app_test app_test')] } }))
    expect([up.status, up.evidence?.at(-1)?.message]).toEqual(['pass', 'CI builds an image on branch pushes: docker compose -f docker-compose.integration-test.yml up --build --exit-code-from app_test app_test'])
    const run = runCheck(check, factsFor(files, { ci: { runs: [ciRun(WF, 9, 'docker-compose -f docker-compose.integration-test.yml run --build app_test npm test')] } }))
    expect(run.status).toBe('pass')
    // Without --build the services start from images built elsewhere; only a database here: no build either way.
    expect(runCheck(check, factsFor(files, { ci: { runs: [ciRun(WF, 9, 'docker compose -f docker-compose.integration-test.yml up -d')] } })).status).toBe('partial')
    expect(runCheck(check, factsFor(files, { ci: { runs: [ciRun(WF, 9, 'docker compose -f docker-compose.integration-test.yml up --build mongo')] } })).status).toBe('partial')
  })

  it('is partial for a Dockerfile CI never builds', () => {
    const out = runCheck(check, factsFor({ Dockerfile: DOCKERFILE }, { ci: { runs: [ciRun(WF, 9, 'pytest -q')] } }))
    expect(out.status).toBe('partial')
    expect(out.messageId).toBe('not-built')
    expect(out.data).toEqual({ what: '1 Dockerfile' })
    expect(out.evidence).toEqual([
      { path: 'Dockerfile', line: 1, message: 'service image, FROM python:3.12-slim' },
      { message: 'no CI job runs docker build, a build-push action, buildpacks, jib or ko' }
    ])
  })

  it("is unknown, naming the step, when CI calls another repository's workflow that may build it (its name names no image); declared, it counts", () => {
    const files = {
      Dockerfile: DOCKERFILE,
      'requirements.txt': 'fastapi\n',
      '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  image:\n    uses: acme/infra/.github/workflows/ci-build.yml@main\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n'
    }
    const out = runCheck(check, collectedFacts({ files }))
    expect([out.status, out.messageId, out.data]).toEqual(['unknown', 'opaque', { count: 1, steps: 'acme/infra/.github/workflows/ci-build.yml', what: '1 Dockerfile' }])
    expect(out.evidence?.[0]).toMatchObject({ path: '.github/workflows/ci.yml', line: 4 })
    expect(out.evidence).toContainEqual({ path: 'Dockerfile', line: 1, message: 'service image, FROM python:3.12-slim' })
    expect(out.remediation).toContain('container-build:')
    expect(runCheck(check, collectedFacts({ files }), { actions: ['acme/infra/.github/workflows/ci-build.yml'] }).status).toBe('pass')
  })

  it('fails when the only Dockerfile is a devcontainer, even if CI builds it', () => {
    const facts = factsFor({ '.devcontainer/Dockerfile': 'FROM mcr.microsoft.com/devcontainers/java:21\n' }, { ci: { runs: [ciRun(WF, 7, 'docker build -f .devcontainer/Dockerfile .')] } })
    const out = runCheck(check, facts)
    expect(out.status).toBe('fail')
    expect(out.messageId).toBe('not-service')
    expect(out.evidence).toEqual([{ path: '.devcontainer/Dockerfile', line: 1, message: 'not the service image: development container (.devcontainer)' }])
  })

  it('does not count a CI build of a test Dockerfile, nor a disabled job, nor a local hook', () => {
    const disabled = job(WF, 'image', { disabled: 'if: false' })
    const facts = factsFor(
      { Dockerfile: DOCKERFILE, 'Dockerfile.test': 'FROM python:3.12\n' },
      { ci: { runs: [ciRun(WF, 5, 'docker build -f Dockerfile.test .'), ciRun(WF, 30, 'docker build .', { job: disabled }), ciRun('.pre-commit-config.yaml', 3, 'docker build .', { where: 'local' })] } }
    )
    expect(runCheck(check, facts).status).toBe('partial')
  })

  it('passes for jib via Maven in CI; partial for the Spring Boot plugin alone (petclinic)', () => {
    const pom = '<project>\n<build><plugins>\n<plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin>\n</plugins></build>\n</project>\n'
    const built = runCheck(check, factsFor({ 'pom.xml': pom }, { ci: { runs: [ciRun(WF, 11, 'mvnw -B spring-boot:build-image')] } }))
    expect([built.status, built.data]).toEqual(['pass', { what: 'spring-boot-build-image' }])
    const notBuilt = runCheck(check, factsFor({ 'pom.xml': pom }, { ci: { runs: [ciRun(WF, 11, 'mvnw -B verify')] } }))
    expect([notBuilt.status, notBuilt.evidence?.[0]]).toEqual(['partial', { path: 'pom.xml', line: 3, message: 'image build without a Dockerfile: spring-boot-build-image' }])
  })

  it('does not credit a docker build to a tree without a Dockerfile (a monorepo library whose view sees a repo-wide image build)', () => {
    const out = runCheck(check, factsFor({ 'package.json': '{}' }, { ci: { runs: [ciRun(WF, 12, 'docker buildx build .')] } }))
    expect(out.status).toBe('fail')
  })

  it('passes when CI builds with ko and the repo has no Dockerfile', () => {
    const out = runCheck(check, factsFor({ 'go.mod': 'module x\n' }, { ci: { runs: [ciRun(WF, 12, 'ko build ./cmd/server')] } }))
    expect([out.status, out.messageId]).toEqual(['pass', 'ci-build-only'])
  })

  it('accepts extra actions from config', () => {
    const out = runCheck(check, factsFor({ Dockerfile: DOCKERFILE }, { ci: { actions: [ciAction(WF, 8, 'acme/image-action')] } }), { actions: ['acme/image-action'] })
    expect(out.status).toBe('pass')
  })

  it('fails with no image build at all', () => {
    const out = runCheck(check, factsFor({ 'app.py': 'print(1)\n' }))
    expect([out.status, out.messageId, out.evidence]).toEqual(['fail', 'none', []])
  })
})
