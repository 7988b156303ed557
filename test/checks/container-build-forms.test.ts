import { describe, expect, it } from 'vitest'
import check from '../../src/checks/container-build.js'
import { factsFor } from '../helpers/facts.js'
import { runCheck } from './dependency-facts.js'

/**
 * Image builds in their other forms, through the real CI collector: forks and hosted builders of
 * the build-push action, builds that only export binaries, and release tools (GoReleaser) that
 * build images from their own configuration. The evidence says when the build runs.
 */

const DOCKERFILE = 'FROM alpine:3.20\nCOPY app /app\nENTRYPOINT ["/app"]\n'
const lines = (...ls: string[]): string => ls.join('\n') + '\n'
const scan = (files: Record<string, string>) => runCheck(check, factsFor({ files }))

const TAGS = ['on:', '  push:', '    tags: ["v*"]']
const GORELEASER = lines('version: 2', 'builds:', '  - main: ./cmd/app', 'dockers:', '  - image_templates: ["acme/app:{{ .Tag }}"]', '    use: buildx', '    dockerfile: Dockerfile', 'docker_manifests:', '  - name_template: acme/app:latest')

describe('container-build: image builds in all their forms', () => {
  it('counts a hosted-builder fork of build-push-action in a reusable workflow called on tags (outline)', () => {
    const out = scan({
      Dockerfile: DOCKERFILE,
      '.github/workflows/docker.yml': lines(...TAGS, 'jobs:', '  publish:', '    uses: ./.github/workflows/docker-build.yml'),
      '.github/workflows/docker-build.yml': lines('on:', '  workflow_call:', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: useblacksmith/build-push-action@v2', '        with:', '          file: Dockerfile', '          outputs: type=image,push-by-digest=true,push=true')
    })
    expect(out.status).toBe('pass')
    expect(out.evidence?.at(-1)).toEqual({ path: '.github/workflows/docker.yml', line: 6, message: 'CI builds an image on tags with useblacksmith/build-push-action' })
  })

  it('matches any owner’s build-push-action by its name, saying it is a family match', () => {
    const out = scan({ Dockerfile: DOCKERFILE, '.github/workflows/img.yml': lines('on: [pull_request, push]', 'jobs:', '  img:', '    steps:', '      - uses: acme-forks/build-push-action@v6') })
    expect(out.status).toBe('pass')
    expect(out.evidence?.at(-1)?.message).toBe('CI builds an image on pull requests and branch pushes with acme-forks/build-push-action (a build-push-action)')
  })

  it('does not count builds that only export binaries (outputs: type=local, target: binary, --output type=tar) (navidrome)', () => {
    for (const step of [
      ['      - uses: docker/build-push-action@v6', '        with:', '          target: binary', '          outputs: type=local,dest=./output'],
      ['      - uses: docker/build-push-action@v6', '        with:', '          target: binary'],
      ['      - run: docker buildx build --output type=tar,dest=out.tar .'],
      ['      - run: docker buildx build -o type=local,dest=dist --target binaries .']
    ]) {
      const out = scan({ Dockerfile: DOCKERFILE, '.github/workflows/ci.yml': lines('on: pull_request', 'jobs:', '  build:', '    steps:', ...step) })
      expect([step[0], out.status]).toEqual([step[0], 'partial'])
    }
    // The same stage pushed is an image.
    const pushed = scan({ Dockerfile: DOCKERFILE, '.github/workflows/ci.yml': lines('on: push', 'jobs:', '  build:', '    steps:', '      - uses: docker/build-push-action@v6', '        with:', '          target: binary', '          push: true') })
    expect(pushed.status).toBe('pass')
  })

  it('counts goreleaser-action running `release` with a config that has dockers (listmonk)', () => {
    const out = scan({
      Dockerfile: DOCKERFILE,
      '.goreleaser.yml': GORELEASER,
      '.github/workflows/release.yml': lines(...TAGS, 'jobs:', '  goreleaser:', '    steps:', '      - uses: goreleaser/goreleaser-action@v6', '        with:', '          args: release --parallelism 1 --clean')
    })
    expect(out.status).toBe('pass')
    expect(out.evidence?.at(-1)).toEqual({ path: '.github/workflows/release.yml', line: 7, message: 'CI builds images on tags: goreleaser release --parallelism 1 --clean (GoReleaser dockers in .goreleaser.yml:5)' })
  })

  it('follows `make release` to `goreleaser release` (ntfy); `goreleaser build` and --skip=docker build no image', () => {
    const wf = (cmd: string): string => lines(...TAGS, 'jobs:', '  release:', '    steps:', `      - run: ${cmd}`)
    const files = { Dockerfile: DOCKERFILE, '.goreleaser.yml': GORELEASER, Makefile: lines('release:', '\tgoreleaser release --clean', 'snap:', '\tgoreleaser build --snapshot --clean', 'nodocker:', '\tgoreleaser release --skip=docker,validate') }
    const release = scan({ ...files, '.github/workflows/release.yaml': wf('make release') })
    expect([release.status, release.evidence?.at(-1)?.message]).toEqual(['pass', 'CI builds images on tags: goreleaser release --clean (GoReleaser dockers in .goreleaser.yml:5)'])
    expect(scan({ ...files, '.github/workflows/release.yaml': wf('make snap') }).status).toBe('partial')
    expect(scan({ ...files, '.github/workflows/release.yaml': wf('make nodocker') }).status).toBe('partial')
    // A configuration without image sections builds none.
    expect(scan({ ...files, '.goreleaser.yml': lines('builds:', '  - main: .'), '.github/workflows/release.yaml': wf('make release') }).status).toBe('partial')
  })

  it('reads the configuration a run names with -f, and GoReleaser kos as an image build without a Dockerfile', () => {
    const out = scan({
      'go.mod': 'module example.com/app\n',
      'release/goreleaser.yml': lines('kos:', '  - repository: ghcr.io/acme/app', '    bare: true'),
      '.github/workflows/nightly.yml': lines('on:', '  schedule:', '    - cron: "0 3 * * *"', 'jobs:', '  snap:', '    steps:', '      - run: goreleaser release --snapshot -f release/goreleaser.yml')
    })
    expect(out.status).toBe('pass')
    expect(out.evidence).toEqual([
      { path: 'release/goreleaser.yml', line: 2, message: 'image build without a Dockerfile: ko (GoReleaser kos)' },
      { path: '.github/workflows/nightly.yml', line: 7, message: 'CI builds images on a schedule: goreleaser release --snapshot -f release/goreleaser.yml (GoReleaser kos in release/goreleaser.yml:2)' }
    ])
  })
})
