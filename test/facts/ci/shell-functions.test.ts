import { describe, expect, it } from 'vitest'
import { splitScript } from '../../../src/facts/ci/shell.js'
import { MAX_CALLS } from '../../../src/facts/ci/shell/functions.js'

/** Shell functions defined in a script run where they are called, with the call's arguments. */

const lines = (...ls: string[]): string => ls.join('\n') + '\n'
const words = (script: string, args?: string[]) => splitScript(script, args).map((c) => c.words.join(' '))
const via = (script: string) => splitScript(script).map((c) => [c.words.join(' '), c.line, (c.calls ?? []).map((k) => `${k.line} ${k.text}`)])

describe('shell functions', () => {
  it('expands a call of a function defined with name() to its body, with the call line and the body line', () => {
    const s = lines('#!/bin/sh', 'lint_go() {', '  golangci-lint run ./...', '}', 'echo start', 'lint_go')
    expect(via(s)).toEqual([
      ['echo start', 5, []],
      ['golangci-lint run ./...', 3, ['6 lint_go']]
    ])
  })

  it('expands a function defined with the function keyword (with and without parentheses)', () => {
    expect(words(lines('function check {', '  ruff check .', '}', 'function types() {', '  mypy src', '}', 'check', 'types'))).toEqual(['ruff check .', 'mypy src'])
  })

  it('puts the call\'s arguments in place of "$@", $1 and ${2:-default}, and shift drops the first', () => {
    const s = lines('gen() { go run ./tools/gen "$@"; }', 'two() { echo "$1"; tool --out=${2:-docs} "$1"; }', 'named() { local dir=$1; shift; vet "$@"; }', 'gen spec --output "$tmp"', 'two a', 'named pkg -x -y')
    expect(words(s)).toEqual(['go run ./tools/gen spec --output $tmp', 'echo a', 'tool --out=docs a', 'local dir=pkg', 'shift', 'vet -x -y'])
    expect(splitScript(s)[0]!.text).toBe('go run ./tools/gen spec --output \'$tmp\'')
  })

  it('follows a function calling another, chaining both calls', () => {
    const s = lines('inner() {', '  pytest -q "$@"', '}', 'outer() {', '  inner tests/unit', '}', 'outer')
    expect(via(s)).toEqual([['pytest -q tests/unit', 2, ['7 outer', '5 inner tests/unit']]])
  })

  it('stops a recursive function (direct or mutual) without hanging, recording nothing for the recursive call', () => {
    expect(words(lines('again() { make lint; again; }', 'again'))).toEqual(['make lint'])
    expect(words(lines('ping() { echo ping; pong; }', 'pong() { echo pong; ping; }', 'ping'))).toEqual(['echo ping', 'echo pong'])
    // Fan-out: each level calls the next three times (3^7 calls); the cap on expansions bounds the work.
    const fan = Array.from({ length: 7 }, (_, k) => `f${k}() { f${k + 1}; f${k + 1}; f${k + 1}; }`).join('\n') + '\nf7() { go vet ./...; }\nf0\n'
    const out = splitScript(fan)
    expect(out.length).toBeGreaterThan(0)
    expect(out.length).toBeLessThanOrEqual(MAX_CALLS)
    // Deeper than the depth cap: the call adds nothing.
    const deep = Array.from({ length: 12 }, (_, k) => `g${k}() { g${k + 1}; }`).join('\n') + '\ng12() { go vet ./...; }\ng0\n'
    expect(words(deep)).toEqual([])
  })

  it('runs nothing for a function defined but never called', () => {
    expect(words(lines('unused() {', '  go test ./...', '}', 'function other { npm test; }', 'echo done'))).toEqual(['echo done'])
  })

  it('keeps the call\'s neutraliser and condition on the body', () => {
    const s = lines('lint() { ruff check .; }', 'lint || true', 'if ! lint; then exit 1; fi')
    expect(splitScript(s).map((c) => [c.words.join(' '), c.neutralised, c.inCondition ?? false])).toEqual([
      ['ruff check .', '|| true', false],
      ['true', null, false],
      ['ruff check .', null, true],
      ['exit 1', null, false]
    ])
  })

  it('expands a call whose name is computed to the functions its pattern matches, not at a lookup', () => {
    const s = lines('_run_lint() { ruff check .; }', '_run_test() { pytest; }', 'helper() { echo hi; }', 'handler="_run_${FLAVOR}"', 'if [ "$(type -t $handler)" != function ]; then exit 1; fi', 'showrun $handler')
    expect(via(s).filter(([w]) => w !== '[ $(type -t $handler) != function ]' && w !== 'exit 1')).toEqual([
      ['type -t $handler', 5, []],
      ['ruff check .', 1, ['6 may call _run_lint: showrun $handler']],
      ['pytest', 2, ['6 may call _run_test: showrun $handler']],
      ['showrun $handler', 6, []]
    ])
  })

  it('a dispatcher "$@" runs the function its arguments name, or any function when they are unknown', () => {
    const s = lines('lint() { ruff check .; }', 'test() { pytest; }', '"$@"')
    expect(words(s, ['lint'])).toEqual(['ruff check .'])
    expect(words(s)).toEqual(['ruff check .', 'pytest', '$@'])
    // A variable that holds anything (`$GO test`) names no function.
    expect(words(lines('lint() { ruff check .; }', '$GO test ./...'))).toEqual(['$GO test ./...'])
  })
})
