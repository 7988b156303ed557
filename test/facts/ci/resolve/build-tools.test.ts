import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'
import { resolveScript, type ResolvedCommand } from '../../../../src/facts/ci/resolve/index.js'

const STEP = { path: '.woodpecker.yml', line: 5, text: 'ci' }
const run = (files: Record<string, string>, script: string, cwd = ''): ResolvedCommand[] => resolveScript(script, { snapshot: new MemorySnapshot(files), path: '.woodpecker.yml', line: 6, cwd, chain: [STEP] })
const argvs = (cs: ResolvedCommand[]) => cs.map((c) => c.argv.join(' '))

describe('Earthly', () => {
  const EARTHFILE = [
    'VERSION 0.8', // 1
    'FROM golang:1.22', // 2
    '', // 3
    'deps:', // 4
    '    RUN go mod download', // 5
    '', // 6
    'lint:', // 7
    '    FROM +deps', // 8
    '    RUN --mount=type=cache,target=/root/.cache golangci-lint run', // 9
    '', // 10
    'ci:', // 11
    '    BUILD +lint', // 12
    '    BUILD ./web+test', // 13
    '', // 14
    'docker:', // 15
    '    COPY +build/app .', // 16
    '    SAVE IMAGE --push acme/svc:latest', // 17
    'build:', // 18
    '    RUN ["go", "build", "-o", "app"]' // 19
  ].join('\n')
  const files = { Earthfile: EARTHFILE, 'web/Earthfile': 'VERSION 0.8\ntest:\n    RUN npm test\n' }

  it('follows targets through FROM, BUILD (other folders too) and RUN flags', () => {
    const out = run(files, 'earthly --ci +ci')
    expect(argvs(out)).toEqual(['go mod download', 'golangci-lint run', 'npm test'])
    expect(out[1]!.chain.map((l) => `${l.path}:${l.line}`)).toEqual(['.woodpecker.yml:5', '.woodpecker.yml:6', 'Earthfile:12', 'Earthfile:9'])
    expect(out[2]!.cwd).toBe('web')
  })
  it('records SAVE IMAGE as an image build, after the targets COPY reaches', () => {
    expect(argvs(run(files, 'earthly --push +docker'))).toEqual(['go build -o app', 'earthly save-image acme/svc:latest'])
  })
  it('is opaque for a missing Earthfile, a missing target or another repository', () => {
    expect(run({}, 'earthly +test')[0]!.opaque).toMatch(/not in the repository/)
    expect(run(files, 'earthly +nope')[0]!.opaque).toMatch(/no target nope/)
    expect(run(files, 'earthly github.com/acme/ci+lint')[0]!.opaque).toMatch(/another repository/)
  })
})

describe('mage', () => {
  const MAGEFILE = [
    '//go:build mage', // 1
    'package main', // 2
    '', // 3
    'const Staticcheck = "honnef.co/go/tools/cmd/staticcheck"', // 4
    '', // 5
    'func Check() error {', // 6
    '\tmg.SerialDeps(', // 7
    '\t\tBuild,', // 8
    '\t\tLint,', // 9
    '\t)', // 10
    '\treturn sh.RunV("git", "diff", "--exit-code")', // 11
    '}', // 12
    '', // 13
    'func Build() error {', // 14
    '\treturn sh.RunWith(map[string]string{"CGO_ENABLED": "0"}, "go", "build", ".")', // 15
    '}', // 16
    '', // 17
    'func Lint() error {', // 18
    '\treturn sh.Run("go", "run", Staticcheck, "./...")', // 19
    '}', // 20
    '', // 21
    'func (Docker) Build() error {', // 22
    '\treturn sh.Run("docker", "build", "-t", tag, ".")', // 23
    '}' // 24
  ].join('\n')

  it('follows targets case-insensitively through multi-line deps, sh.* variants and string constants', () => {
    const out = run({ 'magefile.go': MAGEFILE }, 'mage -v check')
    expect(argvs(out)).toEqual(['go build .', 'staticcheck ./...', 'git diff --exit-code'])
    expect(out[1]!.chain.at(-1)).toMatchObject({ path: 'magefile.go', line: 19 })
  })
  it('reads namespaced targets and stops a command at an argument built at run time', () => {
    expect(argvs(run({ 'magefile.go': MAGEFILE }, 'mage docker:build'))).toEqual(['docker build -t'])
  })
})

describe('opaque tools and shell traps', () => {
  it('a Dagger call and a dynamic Buildkite upload are opaque; dagger run runs its command', () => {
    const out = run({}, 'dagger call test --source=.\n.ci/gen.sh | buildkite-agent pipeline upload\ndagger run go test ./...')
    expect(out.map((c) => [c.argv[0], c.opaque !== undefined])).toEqual([
      ['dagger', true],
      ['gen.sh', true],
      ['buildkite-agent', true],
      ['go', false]
    ])
  })
  it('set +e does not neutralise a command whose status is saved and re-raised', () => {
    const out = run({}, 'set +e\ngo test ./...\ncode=$?\nset -e\ngo-junit-report\nexit $code\n')
    expect(out.filter((c) => c.argv[0]!.startsWith('go')).map((c) => [c.argv[0], c.neutralised])).toEqual([['go', null], ['go-junit-report', null]])
    const lost = run({}, 'set +e\ngo test ./...\ncode=$?\nset -e\nexit 0\n')
    expect(lost.find((c) => c.argv[0] === 'go')!.neutralised).toBe('set +e')
  })
  it('retry N and go run of a module path reach the tool', () => {
    expect(argvs(run({}, 'retry 3 docker buildx build --push .\ngo run honnef.co/go/tools/cmd/staticcheck ./...\ngo run ./cmd/server'))).toEqual(['docker buildx build --push .', 'staticcheck ./...', 'go run ./cmd/server'])
  })
})

describe('go generate and saved diff output', () => {
  it('runs the //go:generate directives of the named file, in its folder', () => {
    const files = { 'cmd/server/openapi.go': 'package main\n\n//go:generate go run github.com/swaggo/swag/cmd/swag init -g $GOFILE\n//go:generate go run gen.go\n' }
    const out = run(files, 'go generate cmd/server/openapi.go')
    expect(out.map((c) => [c.argv.join(' '), c.cwd, c.chain.at(-1)!.line])).toEqual([
      ['swag init -g openapi.go', 'cmd/server', 3],
      ['go run gen.go', 'cmd/server', 4]
    ])
    expect(argvs(run(files, 'go generate ./...'))).toEqual(['go generate ./...'])
  })
  it('a diff saved in a variable and tested later is a check, whatever `|| true` follows the test', () => {
    const out = run({}, 'make gen\nDIFF=$(git diff | head)\n[ -n "$DIFF" ] && { echo stale; exit 1; } || true\n')
    expect(out.find((c) => c.argv[0] === 'git')).toMatchObject({ checkedOutput: true, neutralised: null })
    expect(out.find((c) => c.argv[0] === 'make')!.followedByDiffCheck).toBe(true)
    expect(run({}, 'D=$(git diff)\necho "$D"\n').find((c) => c.argv[0] === 'git')!.checkedOutput).toBeUndefined()
  })
})
