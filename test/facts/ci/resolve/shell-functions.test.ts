import { describe, expect, it } from 'vitest'
import contractTests from '../../../../src/checks/contract-tests.js'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'
import { resolveScript, type ResolvedCommand } from '../../../../src/facts/ci/resolve/index.js'
import { runCheck } from '../../../checks/dependency-facts.js'
import { factsFor } from '../../../helpers/facts.js'

/** A repository script's shell functions, followed from CI: the call and the body line are both in the chain. */

const STEP = { path: '.github/workflows/ci.yml', line: 10, text: 'Check' }
const lines = (...ls: string[]): string => ls.join('\n') + '\n'

function run(files: Record<string, string>, script: string): ResolvedCommand[] {
  return resolveScript(script, { snapshot: new MemorySnapshot(files), path: '.github/workflows/ci.yml', line: 12, cwd: '', chain: [STEP] })
}
const chain = (c: ResolvedCommand) => c.chain.map((l) => `${l.path}:${l.line ?? '?'} ${l.text}`)
const argvs = (cs: ResolvedCommand[]) => cs.map((c) => c.argv.join(' '))

/** A drift check written with a helper function around a vendored generator (the generated spec is compared with the committed one). */
const SPEC_SH = lines(
  '#!/bin/sh',
  'set -eu',
  'gen() {',
  '  go run ./vendor/github.com/example/gen/cmd/swagger "$@"',
  '}',
  'out=$(mktemp -d)/spec.yaml',
  'gen generate spec --scan-models --output "$out"',
  'if ! diff -u docs/swagger.yaml "$out" > /dev/null; then',
  '  echo "docs/swagger.yaml is stale" >&2',
  '  exit 1',
  'fi'
)

describe('shell functions in repository scripts', () => {
  it('follows a call into the function body and reads the vendored go run as the tool', () => {
    const out = run({ 'scripts/spec.sh': SPEC_SH }, './scripts/spec.sh')
    const gen = out.find((c) => c.argv[0] === 'swagger')!
    expect(gen.argv).toEqual(['swagger', 'generate', 'spec', '--scan-models', '--output', '$out'])
    expect(chain(gen)).toEqual([
      '.github/workflows/ci.yml:10 Check',
      '.github/workflows/ci.yml:12 ./scripts/spec.sh',
      'scripts/spec.sh:7 gen generate spec --scan-models --output "$out"',
      "scripts/spec.sh:4 go run ./vendor/github.com/example/gen/cmd/swagger generate spec --scan-models --output '$out'"
    ])
  })

  it("gives a function its call's arguments, not the script's", () => {
    const files = { 'ci.sh': lines('#!/bin/bash', 'vet() { go vet "$@"; }', 'vet ./internal/...', 'exec "$@"') }
    expect(argvs(run(files, './ci.sh npm test'))).toEqual(['go vet ./internal/...', 'npm test'])
  })

  it('leaves a repository command directory run with go run as go run', () => {
    expect(argvs(run({}, 'go run ./cmd/server --check\ngo run ./vendor/honnef.co/go/tools/cmd/staticcheck ./...'))).toEqual(['go run ./cmd/server --check', 'staticcheck ./...'])
  })

  it('a function no command calls runs nothing', () => {
    const files = { 'ci.sh': lines('#!/bin/bash', 'lint() {', '  golangci-lint run', '}', 'go test ./...') }
    expect(argvs(run(files, 'bash ci.sh'))).toEqual(['go test ./...'])
  })

  it('contract-tests: a drift check through a shell function passes, its evidence showing the call and the body', () => {
    const files = {
      'go.mod': 'module example.com/app\n\nrequire github.com/gin-gonic/gin v1.9.0\n',
      'main.go': 'package main\n\nimport "github.com/gin-gonic/gin"\n\nfunc main() {\n\tr := gin.New()\n\tr.GET("/items", list)\n}\n',
      'docs/swagger.yaml': 'swagger: "2.0"\ninfo:\n  title: app\n  version: "1"\npaths: {}\n',
      'test/spec.sh': SPEC_SH,
      '.github/workflows/ci.yml': lines('on: pull_request', 'jobs:', '  spec:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - run: ./test/spec.sh')
    }
    const out = runCheck(contractTests, factsFor({ files }))
    expect(out.status).toBe('pass')
    const messages = (out.evidence ?? []).map((e) => e.message)
    expect(messages.some((m) => m.includes('test/spec.sh:8 diff -u'))).toBe(true)
    expect(messages.some((m) => m.includes('test/spec.sh:7 gen generate spec') && m.includes('test/spec.sh:4 go run ./vendor/'))).toBe(true)
  })
})
