import ciLint from '../../src/checks/ci-lint.js'
import contractTests from '../../src/checks/contract-tests.js'
import ciTests from '../../src/checks/ci-tests.js'
import staticAnalysis from '../../src/checks/static-analysis.js'
import typeChecking from '../../src/checks/type-checking.js'
import { checkTester } from '../helpers/check-tester.js'
import { action, run } from '../helpers/facts.js'

/** The Rust rows of the CI-practice catalogues, judged on the commands the cargo resolver reports. */

const RUST = { 'Cargo.toml': '[package]\nname = "svc"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.8"\n', 'src/main.rs': 'fn main() {}\n' }
const cargo = (text: string, opts: Parameters<typeof run>[1] = {}) => run(text, opts)

checkTester(ciLint, {
  pass: [
    { name: 'rust: cargo fmt --check after --', facts: { files: RUST, ci: { runs: [cargo('cargo fmt --all -- --check')] } }, messageId: 'pr', data: { tools: 'rustfmt' } },
    {
      name: 'rust: clippy with -D warnings says warnings are errors',
      facts: { files: RUST, ci: { runs: [cargo('cargo clippy --all-targets -- --deny warnings -D clippy::todo')] } },
      messageId: 'pr',
      evidence: [{ message: 'warnings are errors' }]
    },
    {
      name: 'rust: clippy without -D warnings counts, and says what fails it',
      facts: { files: RUST, ci: { runs: [cargo('cargo clippy --profile ci --features sqlite')] } },
      messageId: 'pr',
      data: { tools: 'clippy' },
      evidence: [{ message: 'warnings only when denied' }]
    },
    { name: 'rust: actions-rs/cargo with command clippy', facts: { files: RUST, ci: { actions: [action('actions-rs/cargo', { with: { command: 'clippy', args: '-- -D warnings' } })] } }, messageId: 'pr', data: { tools: 'clippy' } },
    { name: 'rust: cargo sort --check', facts: { files: RUST, ci: { runs: [cargo('cargo sort --workspace --check --check-format')] } }, messageId: 'pr', data: { tools: 'cargo-sort' } },
    { name: 'rust: an xtask named lint, judged by its name', facts: { files: RUST, ci: { runs: [cargo('cargo xtask lint')] } }, messageId: 'pr', data: { tools: 'cargo xtask lint' } }
  ],
  partial: [
    { name: 'rust: rustfmt.toml and clippy.toml, no CI run', facts: { files: { ...RUST, 'rustfmt.toml': 'edition = "2021"\n', 'clippy.toml': '' }, ci: { runs: [cargo('cargo build')] } }, messageId: 'configured-only' }
  ],
  fail: [
    {
      name: 'rust: cargo fmt without --check rewrites files',
      facts: { files: RUST, ci: { runs: [cargo('cargo fmt --all')] } },
      messageId: 'non-blocking',
      remediation: ['cargo fmt --all -- --check', 'dtolnay/rust-toolchain']
    },
    { name: 'rust: clippy --fix applies fixes', facts: { files: RUST, ci: { runs: [cargo('cargo clippy --fix --allow-dirty')] } }, messageId: 'non-blocking' },
    {
      name: 'rust: actions-rs/cargo running tests is no linter',
      facts: { files: RUST, ci: { actions: [action('actions-rs/cargo', { with: { command: 'test' } })] } },
      messageId: 'none',
      remediation: ['- run: >-\n          cargo clippy --workspace --all-targets --all-features\n          -- -D warnings']
    }
  ],
  unknown: [
    {
      name: 'rust: an xtask whose name says nothing is a step Shipshape could not follow',
      facts: { files: RUST, ci: { runs: [{ ...cargo('cargo xtask ci'), opaque: 'an xtask' }] } },
      messageId: 'opaque'
    }
  ]
})

checkTester(ciTests, {
  pass: [
    { name: 'rust: cargo test', facts: { files: RUST, ci: { runs: [cargo('cargo test --locked --all')] } }, messageId: 'pr', data: { tools: 'cargo test' } },
    { name: 'rust: nextest', facts: { files: RUST, ci: { runs: [cargo('cargo nextest run --workspace')] } }, messageId: 'pr', data: { tools: 'nextest' } },
    { name: 'rust: llvm-cov runs the suite', facts: { files: RUST, ci: { runs: [cargo('cargo llvm-cov --workspace --lcov --output-path lcov.info')] } }, messageId: 'pr', data: { tools: 'cargo llvm-cov' } },
    { name: 'rust: cross test', facts: { files: RUST, ci: { runs: [cargo('cross test --target aarch64-unknown-linux-gnu')] } }, messageId: 'pr', data: { tools: 'cargo test' } },
    { name: 'rust: cargo xtask test', facts: { files: RUST, ci: { runs: [cargo('cargo xtask test workloads/tests/*.json')] } }, messageId: 'pr', evidence: [{ message: 'judged by its task name' }] },
    { name: 'rust: actions-rs/cargo with command test', facts: { files: RUST, ci: { actions: [action('actions-rs/cargo', { with: { command: 'test', args: '--all-features' } })] } }, messageId: 'pr', data: { tools: 'cargo test' } }
  ],
  fail: [
    {
      name: 'rust: cargo test --no-run compiles only; llvm-cov report reports only',
      facts: { files: { ...RUST, 'tests/api.rs': '#[test]\nfn t() {}\n' }, ci: { runs: [cargo('cargo test --all-features --no-run --locked'), cargo('cargo llvm-cov report --lcov')] } },
      messageId: 'suite-not-run',
      remediation: ['cargo nextest run']
    }
  ]
})

checkTester(typeChecking, {
  pass: [
    { name: 'rust: cargo check', facts: { files: RUST, ci: { runs: [cargo('cargo check --workspace --all-targets')] } }, messageId: 'pr', data: { tools: 'Rust compiler (cargo)' } },
    { name: 'rust: cargo test --no-run compiles', facts: { files: RUST, ci: { runs: [cargo('cargo test --no-run --locked')] } }, messageId: 'pr' },
    { name: 'rust: clippy compiles', facts: { files: RUST, ci: { runs: [cargo('cargo clippy --workspace')] } }, messageId: 'pr' },
    { name: 'rust: cargo build --release', facts: { files: RUST, ci: { runs: [cargo('cargo build --release --locked')] } }, messageId: 'pr' }
  ],
  partial: [
    {
      name: 'rust: only the xtask runner is built; Cargo.toml shows the compiler is there',
      facts: { files: RUST, ci: { runs: [cargo('cargo run --package xtask -- dist')] } },
      messageId: 'configured',
      data: { tools: 'Rust compiler' },
      remediation: ['cargo check --workspace --all-targets --all-features --locked']
    },
    { name: 'rust: cargo check on push only', facts: { files: RUST, ci: { runs: [cargo('cargo check', { pr: false, push: true })] } }, messageId: 'not-on-prs' }
  ]
})

checkTester(staticAnalysis, {
  pass: [
    { name: 'rust: cargo-deny-action (default command check)', facts: { files: RUST, ci: { actions: [action('EmbarkStudios/cargo-deny-action', { with: { 'manifest-path': 'server/Cargo.toml' } })] } }, messageId: 'pr', data: { tools: 'cargo-deny' } },
    { name: 'rust: cargo deny check advisories', facts: { files: RUST, ci: { runs: [cargo('cargo deny --all-features check advisories')] } }, messageId: 'pr', data: { tools: 'cargo-deny' } },
    { name: 'rust: cargo audit', facts: { files: RUST, ci: { runs: [cargo('cargo audit --deny warnings')] } }, messageId: 'pr', data: { tools: 'cargo-audit' } },
    { name: 'rust: rustsec/audit-check', facts: { files: RUST, ci: { actions: [action('rustsec/audit-check', { with: { token: '${{ secrets.GITHUB_TOKEN }}' } })] } }, messageId: 'pr', data: { tools: 'cargo-audit' } }
  ],
  partial: [{ name: 'rust: deny.toml but no CI run', facts: { files: { ...RUST, 'deny.toml': '[advisories]\n' }, ci: { runs: [cargo('cargo test')] } }, messageId: 'configured', data: { tools: 'cargo-deny' } }],
  fail: [
    {
      name: 'rust: clippy is lint, cargo check is no analysis, and other ecosystems scanners stay related',
      facts: { files: RUST, ci: { runs: [cargo('cargo clippy -- -D warnings'), cargo('npm audit --audit-level high'), cargo('cargo deny fetch')], actions: [action('EmbarkStudios/cargo-deny-action', { with: { command: 'fetch' } })] } },
      messageId: 'none',
      remediation: ['EmbarkStudios/cargo-deny-action', 'language: rust, build: none']
    },
    {
      name: 'rust: an xtask that only lists things is no step that could hide a check',
      facts: { files: RUST, ci: { runs: [{ ...cargo('cargo xtask list-features --exclude-feature cuda'), opaque: 'an xtask' }] } },
      messageId: 'none'
    }
  ]
})

checkTester(contractTests, {
  pass: [
    {
      name: 'rust: a script regenerates the spec with a task named for it and diffs it in a condition after set +e',
      facts: {
        files: {
          ...RUST,
          'generate-openapi.sh': [
            '#!/bin/bash',
            'set -eo pipefail',
            'output=$(cargo run --manifest-path server/Cargo.toml -- generate-openapi | jq -S .)',
            'set +e',
            'if ! diff_result=$(echo "$output" | diff -C5 "$openapi_path" -); then',
            '    echo "$diff_result"',
            '    exit 1',
            'fi'
          ].join('\n'),
          '.github/workflows/ci.yml': 'on: [pull_request]\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./generate-openapi.sh --check\n'
        }
      },
      messageId: 'pass',
      data: { tools: 'spec drift check' },
      evidence: [{ path: '.github/workflows/ci.yml', line: 7, message: 'committed spec compared with the regenerated one' }]
    }
  ]
})
