import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'
import { resolveScript, type ResolvedCommand } from '../../../../src/facts/ci/resolve/index.js'

const STEP = { path: '.github/workflows/ci.yml', line: 10, text: 'Rust' }

function run(files: Record<string, string>, script: string, cwd = ''): ResolvedCommand[] {
  return resolveScript(script, { snapshot: new MemorySnapshot(files), path: '.github/workflows/ci.yml', line: 12, cwd, chain: [STEP] })
}
const argvs = (cs: ResolvedCommand[]) => cs.map((c) => c.argv.join(' '))
const chain = (c: ResolvedCommand) => c.chain.map((l) => `${l.path}:${l.line ?? '?'} ${l.text}`)

describe('cargo: toolchains, global options and built-in aliases', () => {
  it.each([
    ['cargo +nightly fmt -- --check', 'cargo fmt -- --check'],
    ['cargo --locked --color always -Z unstable-options test --workspace', 'cargo test --workspace'],
    ['cargo t --all', 'cargo test --all'],
    ['cargo c --all-targets', 'cargo check --all-targets'],
    ['rustup run nightly cargo clippy -- -D warnings', 'cargo clippy -- -D warnings'],
    ['cross +stable test --target aarch64-unknown-linux-gnu', 'cross test --target aarch64-unknown-linux-gnu'],
    ['cargo hack --feature-powerset --depth 2 check --workspace', 'cargo check --workspace'],
    ['cargo test --profile ci --features sqlite', 'cargo test --profile ci --features sqlite']
  ])('%s → %s', (script, expected) => {
    expect(argvs(run({}, script))).toEqual([expected])
  })

  it('follows cargo -C into the directory', () => {
    expect(run({}, 'cargo -C server test')[0]).toMatchObject({ argv: ['cargo', 'test'], cwd: 'server' })
  })
})

describe('cargo aliases and xtask', () => {
  const files = {
    '.cargo/config.toml': ['[alias]', 'xtask = "run --release --package xtask --"', 'ci-lint = ["clippy", "--all-targets", "--", "-D", "warnings"]', 'loop = "loop"', 'tt = "t --workspace"'].join('\n'),
    'server/.cargo/config': '[alias]\nunit = "nextest run --lib"\n'
  }

  it('expands [alias] entries (strings and lists), with the config line in the chain', () => {
    const out = run(files, 'cargo ci-lint --features x')
    expect(argvs(out)).toEqual(['cargo clippy --all-targets -- -D warnings --features x'])
    expect(chain(out[0]!)).toEqual(['.github/workflows/ci.yml:10 Rust', '.github/workflows/ci.yml:12 cargo ci-lint --features x', '.cargo/config.toml:3 ci-lint = clippy --all-targets -- -D warnings'])
  })

  it('expands aliases of aliases and built-ins, and looks in the parents of the directory', () => {
    expect(argvs(run(files, 'cargo tt'))).toEqual(['cargo test --workspace'])
    expect(argvs(run(files, 'cd server\ncargo unit'))).toEqual(['cargo nextest run --lib'])
    expect(argvs(run(files, 'cd server\ncargo tt'))).toEqual(['cargo test --workspace'])
  })

  it('stops on an alias that expands to itself', () => {
    expect(argvs(run(files, 'cargo loop'))).toEqual(['cargo loop'])
  })

  it('keeps an xtask as `cargo xtask <task>`, marked as code Shipshape does not read', () => {
    const out = run(files, 'cargo xtask test workloads/tests/*.json')
    expect(argvs(out)).toEqual(['cargo xtask test workloads/tests/*.json'])
    expect(out[0]!.opaque).toMatch(/xtask/)
    expect(argvs(run({}, 'cargo run -p xtask -- lint'))).toEqual(['cargo xtask lint'])
    expect(argvs(run({}, 'cargo xtask dist'))).toEqual(['cargo xtask dist'])
    expect(run({}, 'cargo run --bin server')[0]!.opaque).toBeUndefined()
  })
})

describe('cargo-make', () => {
  const makefile = [
    '[tasks.ci]', // 1
    'dependencies = ["fmt-check", "lint"]',
    'run_task = { name = ["unit"] }',
    '',
    '[tasks.fmt-check]', // 5
    'command = "cargo"',
    'args = ["fmt", "--all", "--", "--check"]',
    '',
    '[tasks.lint]', // 9
    'script = \'\'\'',
    'cargo clippy --workspace -- -D warnings',
    '\'\'\'',
    '',
    '[tasks.unit]', // 14
    'extend = "test"',
    '',
    '[tasks.gen]',
    'script_runner = "@rust"',
    'script = "fn main() {}"',
    '',
    '[tasks.flaky]',
    'ignore_errors = true',
    'command = "cargo"',
    'args = ["test", "--", "--ignored"]'
  ].join('\n')

  it('follows dependencies, run_task, command + args, scripts and built-in tasks', () => {
    const out = run({ 'Makefile.toml': makefile }, 'cargo make ci')
    expect(argvs(out)).toEqual(['cargo fmt --all -- --check', 'cargo clippy --workspace -- -D warnings', 'cargo test'])
    expect(chain(out[1]!).slice(2)).toEqual(['Makefile.toml:1 [tasks.ci]', 'Makefile.toml:9 [tasks.lint]', 'Makefile.toml:11 cargo clippy --workspace -- -D warnings'])
    expect(chain(out[2]!).at(-1)).toBe('Makefile.toml:? cargo-make built-in task test: cargo test')
  })

  it('marks ignore_errors, reports scripts in other languages as not followed, and knows makers', () => {
    expect(run({ 'Makefile.toml': makefile }, 'makers flaky')[0]).toMatchObject({ argv: ['cargo', 'test', '--', '--ignored'], neutralised: 'cargo-make ignore_errors' })
    expect(run({ 'Makefile.toml': makefile }, 'cargo make gen')[0]!.opaque).toMatch(/@rust script/)
  })

  it('runs the built-in flows without a Makefile.toml', () => {
    expect(argvs(run({}, 'cargo make ci-flow'))).toEqual(['cargo build', 'cargo test'])
    expect(argvs(run({}, 'cargo make'))).toEqual(['cargo fmt', 'cargo build', 'cargo test'])
    expect(argvs(run({}, 'cargo make --list-all-steps'))).toEqual(['cargo make --list-all-steps'])
  })
})
