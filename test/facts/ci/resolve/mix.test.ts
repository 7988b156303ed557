import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'
import { resolveScript, type ResolvedCommand } from '../../../../src/facts/ci/resolve/index.js'
import { doGroups } from '../../../../src/facts/ci/resolve/mix.js'
import { parseCheckExs, parseMixProject, tokenize } from '../../../../src/facts/ci/resolve/mix-project.js'

const STEP = { path: '.github/workflows/ci.yml', line: 10, text: 'Check' }

function run(files: Record<string, string>, script: string, cwd = ''): ResolvedCommand[] {
  return resolveScript(script, { snapshot: new MemorySnapshot(files), path: '.github/workflows/ci.yml', line: 12, cwd, chain: [STEP] })
}
const argvs = (cs: ResolvedCommand[]) => cs.map((c) => c.argv.join(' '))
const links = (c: ResolvedCommand) => c.chain.map((l) => `${l.path}:${l.line ?? '?'}`)

const MIX_EXS = `defmodule Shop.MixProject do
  use Mix.Project

  def project do
    [app: :shop, version: "0.1.0", aliases: aliases(), deps: deps()]
  end

  defp deps do
    [
      {:phoenix, "~> 1.7"},
      {:credo, "~> 1.7", only: [:dev, :test], runtime: false}
    ]
  end

  # "lint": a comment mentioning an alias must not become one
  defp aliases do
    [
      setup: ["deps.get", "ecto.setup"],
      "ecto.setup": ["ecto.create", "ecto.migrate", "run priv/repo/seeds.exs"],
      test: ["ecto.create --quiet", "ecto.migrate --quiet", "test"],
      lint: ["format --check-formatted", "credo --strict"],
      "lint.all": ["lint", "sobelow --exit"],
      ci: ["lint.all", "test.ci"],
      "test.ci": "coveralls.lcov",
      "test.typings": ["cmd mkdir -p priv/plts", "dialyzer"],
      seed: &seed/1,
      custom: ["deps.get", &custom/1],
      loop: ["loop.b"],
      "loop.b": ["loop"]
    ]
  end

  defp custom(args), do: Enum.each(args, &IO.puts/1)

  defp seed(_args) do
    Mix.Task.run("ecto.migrate", ["--quiet"])
    Mix.shell().cmd("psql -f priv/seed.sql")
  end
end
`

describe('mix.exs reading', () => {
  it('reads aliases as steps with their lines, captured functions and dependencies', () => {
    const p = parseMixProject('mix.exs', MIX_EXS)
    expect([...p.aliases.keys()]).toEqual(['setup', 'ecto.setup', 'test', 'lint', 'lint.all', 'ci', 'test.ci', 'test.typings', 'seed', 'custom', 'loop', 'loop.b'])
    expect(p.aliases.get('lint')).toEqual({ line: 21, steps: [{ text: 'format --check-formatted', line: 21 }, { text: 'credo --strict', line: 21 }] })
    expect(p.aliases.get('test.ci')!.steps).toEqual([{ text: 'coveralls.lcov', line: 24 }])
    expect(p.aliases.get('seed')!.steps).toEqual([{ text: 'seed', line: 26, fn: true }])
    expect([...p.deps]).toEqual(['phoenix', 'credo'])
    expect(p.warningsAsErrors).toBeUndefined()
  })

  it('reads inline aliases, ~w sigils, strings with escapes and interpolation', () => {
    const p = parseMixProject('mix.exs', 'def project, do: [aliases: [check: ~w(format credo), "x.y": ["run -e \\"IO.puts(#{1 + 1})\\"", "test"]], elixirc_options: [warnings_as_errors: true]]')
    expect(p.aliases.get('check')!.steps.map((s) => s.text)).toEqual(['format', 'credo'])
    expect(p.aliases.get('x.y')!.steps.map((s) => s.text)).toEqual(['run -e "IO.puts(#{1 + 1})"', 'test'])
    expect(p.warningsAsErrors).toBe(1)
  })

  it('stops at the end of the list and survives unterminated text', () => {
    expect(tokenize('[a: "x"] b: "y"', 0).filter((t) => t.k === 'key').map((t) => (t as { v: string }).v)).toEqual(['a'])
    expect(parseMixProject('mix.exs', 'defp aliases do\n  [a: ["unterminated').aliases.get('a')!.steps.map((s) => s.text)).toEqual(['unterminated'])
  })
})

describe('mix aliases in CI', () => {
  const files = { 'mix.exs': MIX_EXS, 'priv/seed.sql': '' }

  it('follows aliases calling aliases to the real tasks, with mix.exs lines in the chain', () => {
    const out = run(files, 'MIX_ENV=test mix ci')
    expect(argvs(out)).toEqual(['mix format --check-formatted', 'mix credo --strict', 'mix sobelow --exit', 'mix coveralls.lcov'])
    expect(links(out[1]!)).toEqual(['.github/workflows/ci.yml:10', '.github/workflows/ci.yml:12', 'mix.exs:23', 'mix.exs:22', 'mix.exs:21'])
  })

  it('runs the real task when an alias names itself, with the arguments on its last step', () => {
    expect(argvs(run(files, 'mix test --cover'))).toEqual(['mix ecto.create --quiet', 'mix ecto.migrate --quiet', 'mix test --cover'])
  })

  it('expands mix do in both syntaxes', () => {
    expect(argvs(run(files, 'mix do deps.get + ecto.setup + test.ci'))).toEqual(['mix deps.get', 'mix ecto.create', 'mix ecto.migrate', 'mix run priv/repo/seeds.exs', 'mix coveralls.lcov'])
    expect(argvs(run(files, 'mix do deps.get, compile --force'))).toEqual(['mix deps.get', 'mix compile --force'])
    expect(doGroups(['--app', 'web', 'compile', '+', 'test'])).toEqual([['compile'], ['test']])
  })

  it('runs cmd steps as shell commands and captured functions through Mix.Task.run and Mix.shell().cmd', () => {
    expect(argvs(run(files, 'mix test.typings'))).toEqual(['mkdir -p priv/plts', 'mix dialyzer'])
    expect(argvs(run(files, 'mix seed'))).toEqual(['mix ecto.migrate --quiet', 'psql -f priv/seed.sql'])
  })

  it('marks an alias whose captured function runs no readable task as opaque', () => {
    const out = run(files, 'mix custom --x')
    expect(argvs(out)).toEqual(['mix deps.get', 'mix custom --x'])
    expect(out[1]!.opaque).toBe('the mix alias `custom` calls custom/1 in mix.exs, whose tasks Shipshape cannot read')
    expect(out[0]!.opaque).toBeUndefined()
  })

  it('follows a task the project defines under lib/mix/tasks through its run/1', () => {
    const task = 'defmodule Mix.Tasks.Shop.Ci do\n  use Mix.Task\n  @moduledoc "Mix.Task.run(\\"not_this\\")"\n  def run(_args) do\n    Mix.Task.run("format", ["--check-formatted"])\n    Mix.Task.run("shop.ci")\n    Mix.Task.run("test")\n  end\nend\n'
    const out = run({ ...files, 'lib/mix/tasks/shop.ci.ex': task, 'lib/mix/tasks/export.ex': 'defmodule Mix.Tasks.Export do\n  def run(_), do: File.write!("x", "y")\nend\n' }, 'mix shop.ci\nmix export')
    expect(argvs(out)).toEqual(['mix format --check-formatted', 'mix shop.ci', 'mix ecto.create --quiet', 'mix ecto.migrate --quiet', 'mix test', 'mix export'])
    expect(links(out[0]!).at(-1)).toBe('lib/mix/tasks/shop.ci.ex:5')
  })

  it('stops at a cycle and emits the command as written', () => {
    expect(argvs(run(files, 'mix loop'))).toEqual(['mix loop'])
  })

  it('leaves tasks without an alias, and mix without a mix.exs, as written', () => {
    expect(argvs(run(files, 'mix credo --strict'))).toEqual(['mix credo --strict'])
    expect(argvs(run({}, 'mix lint'))).toEqual(['mix lint'])
    expect(argvs(run({ 'api/mix.exs': MIX_EXS }, 'mix lint', 'api'))).toEqual(['mix format --check-formatted', 'mix credo --strict'])
  })

  it('adds a synthetic warnings-as-errors compile after compiling tasks when elixirc_options sets it', () => {
    const mix = MIX_EXS.replace('deps: deps()]', 'deps: deps(), elixirc_options: [warnings_as_errors: true]]')
    const out = run({ 'mix.exs': mix }, 'mix test')
    expect(out.map((c) => [c.argv.join(' '), c.synthetic ?? false])).toEqual([
      ['mix ecto.create --quiet', false],
      ['mix ecto.migrate --quiet', false],
      ['mix test', false],
      ['mix compile --warnings-as-errors', true]
    ])
    expect(links(out[3]!).at(-1)).toBe('mix.exs:5')
    expect(argvs(run({ 'mix.exs': mix }, 'mix deps.get'))).toEqual(['mix deps.get'])
  })

  it('runs the children aliases from an umbrella root that has none', () => {
    const umbrella = { 'mix.exs': 'def project, do: [apps_path: "apps", deps: []]', 'apps/web/mix.exs': MIX_EXS, 'apps/core/mix.exs': 'def project, do: [aliases: [lint: ["credo"]]]' }
    const out = run(umbrella, 'mix lint')
    expect(out.map((c) => [c.argv.join(' '), c.cwd])).toEqual([
      ['mix credo', 'apps/core'],
      ['mix format --check-formatted', 'apps/web'],
      ['mix credo --strict', 'apps/web']
    ])
  })
})

describe('ex_check (mix check)', () => {
  const mix = 'defp deps do\n  [\n    {:ex_check, "~> 0.16", only: :dev},\n    {:credo, "~> 1.7"},\n    {:dialyxir, "~> 1.4"},\n    {:sobelow, "~> 0.13"}\n  ]\nend'
  it('runs the curated tools the project enables, as .check.exs adjusts them', () => {
    const files = { 'mix.exs': mix, '.formatter.exs': '[]', 'test/x_test.exs': '', '.check.exs': '[\n  tools: [\n    {:dialyzer, false},\n    {:sobelow, "mix sobelow --config"},\n    {:spell, "npx cspell ."}\n  ]\n]' }
    const out = run(files, 'mix check')
    expect(argvs(out)).toEqual(['mix compile --warnings-as-errors --force', 'mix deps.unlock --check-unused', 'mix format --check-formatted', 'mix credo', 'mix sobelow --config', 'mix test', 'cspell .'])
    expect(links(out[4]!).at(-1)).toBe('.check.exs:4')
    expect(argvs(run(files, 'mix check --only credo'))).toEqual(['mix credo'])
  })

  it('is a task as written without the ex_check dependency', () => {
    expect(argvs(run({ 'mix.exs': '[]' }, 'mix check'))).toEqual(['mix check'])
  })

  it('reads .check.exs entries', () => {
    expect([...parseCheckExs('{:a, false}, {:b, command: "x y"}, {:c, enabled: false}\n# {:d, false}')]).toEqual([
      ['a', { enabled: false, line: 1 }],
      ['b', { command: 'x y', enabled: true, line: 1 }],
      ['c', { enabled: false, line: 1 }]
    ])
  })
})
