import ciLint from '../../src/checks/ci-lint.js'
import ciTests from '../../src/checks/ci-tests.js'
import staticAnalysis from '../../src/checks/static-analysis.js'
import typeChecking from '../../src/checks/type-checking.js'
import { checkTester } from '../helpers/check-tester.js'
import { run } from '../helpers/facts.js'

/** The Elixir rows of the CI-practice catalogues: mix tasks as the resolver reports them. */

const MIX = 'defmodule Shop.MixProject do\n  use Mix.Project\n  defp deps do\n    [\n      {:phoenix, "~> 1.7"},\n      {:credo, "~> 1.7", only: [:dev, :test], runtime: false},\n      {:dialyxir, "~> 1.4", only: [:dev], runtime: false},\n      {:sobelow, "~> 0.13", only: [:dev, :test], runtime: false}\n    ]\n  end\nend\n'

checkTester(ciLint, {
  pass: [
    { name: 'mix format --check-formatted', facts: { ci: { runs: [run('mix format --check-formatted')] } }, messageId: 'pr', data: { tools: 'mix format' } },
    { name: 'mix credo --strict reached through an alias', facts: { ci: { runs: [run('credo --strict', { argv: ['mix', 'credo', '--strict'], chain: [{ path: '.github/workflows/ci.yml', line: 20, text: 'mix lint' }, { path: 'mix.exs', line: 40, text: 'credo --strict' }] })] } }, messageId: 'pr', data: { tools: 'credo' }, evidence: [{ path: '.github/workflows/ci.yml', line: 20, message: 'mix.exs:40' }] }
  ],
  partial: [
    { name: '.credo.exs without a CI run', facts: { files: { 'mix.exs': MIX, '.credo.exs': '%{}' }, ci: { runs: [run('mix test')] } }, messageId: 'configured-only', data: { tools: 'credo' } }
  ],
  fail: [
    { name: 'mix format without --check-formatted rewrites files', facts: { files: { 'mix.exs': MIX }, ci: { runs: [run('mix format')] } }, messageId: 'non-blocking', evidence: [{ message: 'no --check-formatted' }], remediation: ['mix format --check-formatted'] },
    { name: 'credo --mute-exit-status cannot fail', facts: { ci: { runs: [run('mix credo --mute-exit-status')] } }, messageId: 'non-blocking' },
    { name: 'credo gen.config runs no check', facts: { files: { 'mix.exs': MIX }, ci: { runs: [run('mix credo gen.config')] } }, messageId: 'none', remediation: ['mix credo --strict'] }
  ]
})

checkTester(ciTests, {
  pass: [
    { name: 'mix test', facts: { ci: { runs: [run('mix test --warnings-as-errors')] } }, messageId: 'pr', data: { tools: 'ExUnit (mix test)' } },
    { name: 'ExCoveralls runs the suite (mix coveralls.lcov)', facts: { ci: { runs: [run('mix coveralls.lcov --partitions 4')] } }, messageId: 'pr', data: { tools: 'ExCoveralls' } }
  ],
  fail: [{ name: 'ExUnit files and a CI that never runs them', facts: { files: { 'mix.exs': MIX, 'test/shop_test.exs': 'defmodule ShopTest do\nend\n' }, ci: { runs: [run('mix credo')] } }, messageId: 'suite-not-run', data: { count: 1 }, remediation: ['mix test'] }]
})

checkTester(typeChecking, {
  pass: [
    { name: 'mix compile --warnings-as-errors', facts: { ci: { runs: [run('mix compile --force --warnings-as-errors')] } }, messageId: 'pr', data: { tools: 'Elixir compiler (warnings as errors)' } },
    { name: 'mix dialyzer', facts: { ci: { runs: [run('mix dialyzer --format github')] } }, messageId: 'pr', data: { tools: 'Dialyzer' } }
  ],
  partial: [
    { name: 'mix dialyzer --ignore-exit-status cannot fail', facts: { ci: { runs: [run('mix dialyzer --ignore-exit-status')] } }, messageId: 'non-blocking' },
    { name: 'dialyxir declared, only plain compiles in CI', facts: { files: { 'mix.exs': MIX }, ci: { runs: [run('mix compile'), run('mix dialyzer --plt')] } }, messageId: 'configured', data: { tools: 'Dialyzer' }, remediation: ['mix dialyzer'] }
  ]
})

checkTester(staticAnalysis, {
  pass: [
    { name: 'mix sobelow --exit', facts: { ci: { runs: [run('mix sobelow --exit --threshold medium')] } }, messageId: 'pr', data: { tools: 'Sobelow' } },
    { name: 'mix sobelow --config with exit: set in .sobelow-conf', facts: { files: { '.sobelow-conf': '[\n  verbose: true,\n  exit: :low,\n  threshold: :medium\n]\n' }, ci: { runs: [run('mix sobelow --config .sobelow-conf')] } }, messageId: 'pr', data: { tools: 'Sobelow' } },
    { name: 'sobelow config read from the command directory of an umbrella app', facts: { files: { 'apps/web/.sobelow-conf': '[exit: "medium"]' }, ci: { runs: [run('mix sobelow --config', { cwd: 'apps/web' })] } }, messageId: 'pr' }
  ],
  partial: [
    { name: 'mix sobelow without --exit reports only', facts: { ci: { runs: [run('mix sobelow --config', { line: 33 })] } }, messageId: 'non-blocking', evidence: [{ line: 33, message: 'exits 0 on findings without --exit or `.sobelow-conf` setting it with --config' }] },
    { name: '.sobelow-conf with exit: false', facts: { files: { '.sobelow-conf': '[exit: false]' }, ci: { runs: [run('mix sobelow --config')] } }, messageId: 'non-blocking' },
    { name: '.sobelow-conf exit: set, but sobelow run without --config', facts: { files: { '.sobelow-conf': '[exit: :low]' }, ci: { runs: [run('mix sobelow')] } }, messageId: 'non-blocking' },
    { name: 'sobelow a dev dependency and an alias nobody runs in CI', facts: { files: { 'mix.exs': MIX }, ci: { runs: [run('mix test')] } }, messageId: 'configured', data: { tools: 'Sobelow' }, remediation: ['mix sobelow'] }
  ],
  fail: [{ name: 'mix hex.audit and mix deps.audit are dependency scanning', facts: { ci: { runs: [run('mix hex.audit'), run('mix deps.audit')] } }, messageId: 'none' }]
})
