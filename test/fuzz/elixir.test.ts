import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resolveScript } from '../../src/facts/ci/resolve/index.js'
import { parseCheckExs, parseMixProject, tokenize } from '../../src/facts/ci/resolve/mix-project.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { macroCall, statements } from '../../src/facts/service/routes/elixir-source.js'
import { bounded, hostileText, options, shellText, boundedServiceScan } from './arbitraries.js'

/** Elixir: mix.exs aliases, .check.exs, routers and plugs from arbitrary text, never a throw, in bounded time. */

const ELIXIR_TOKENS = [
  'defmodule X do\n', 'end\n', ' do\n', 'do:', 'defp aliases do\n', 'aliases: [', 'def project, do: [', '[', ']', '(', ')', '{', '}', ',', ':', ' ', '\n', '"', "'", '"""', '\\', '#', '#{', '~w(', '~s[', '&', '&f/1', '/',
  'setup: ["deps.get", "ecto.setup"]', 'test: ["ecto.create --quiet", "test"]', 'lint: ', '"lint.all": ', '"cmd mkdir -p x"', 'credo --strict', 'format --check-formatted', 'cmd ', 'dialyzer', 'apps_path: "apps"',
  'warnings_as_errors: true', '{:ex_check, "~> 0.16"}', '{:credo, "~> 1.7"}', 'Mix.Task.run("test", ["--cover"])', 'Mix.shell().cmd("x")', 'defp f(_) do\n',
  'use Phoenix.Router\n', 'use Plug.Router\n', 'scope "/', 'scope prefix do\n', 'for p <- ["/", "/a"] do\n', 'get "/', 'get("/', 'post "/', 'forward "/', ', to: ', 'resources "/', 'match :*, "/', 'live "/', 'pipeline :api do\n', 'if Mix.env() == :dev do\n',
  'HealthController, :show', 'OpenApiSpex.Plug.RenderSpec', 'def call(%Plug.Conn{path_info: ["', 'request_path: "/', 'plug X.Status\n', 'fn x ->', 'Repo.', '/health', 'health', '\u0000', '\ufffd'
]
const elixirText = hostileText(ELIXIR_TOKENS)
const MIX = 'defp deps do\n  [\n    {:phoenix, "~> 1.7"},\n    {:plug_cowboy, "~> 2.7"},\n    {:open_api_spex, "~> 3.21"}\n  ]\nend\n'

describe('mix.exs and .check.exs readers', () => {
  it('read arbitrary text into aliases and tools, never throw', () => {
    fc.assert(
      fc.property(elixirText, fc.nat({ max: 200 }), (text, at) => {
        const p = bounded(() => parseMixProject('mix.exs', text))
        for (const a of p.aliases.values()) for (const s of a.steps) expect(s.line).toBeGreaterThanOrEqual(1)
        bounded(() => tokenize(text, Math.min(at, text.length)))
        bounded(() => parseCheckExs(text))
      }),
      options(300)
    )
  })

  it('resolve mix commands through arbitrary aliases, umbrellas and ex_check in bounded time', () => {
    fc.assert(
      fc.property(elixirText, elixirText, shellText, (mix, child, script) => {
        const snapshot = new MemorySnapshot({ 'mix.exs': mix + '\napps_path: "apps"\n{:ex_check, "x"}', 'apps/a/mix.exs': child, '.check.exs': child })
        const out = bounded(() => resolveScript(`${script}\nmix lint\nmix do a + b, c\nmix test --cover\nmix check\nmix setup`, { snapshot, path: 'ci.yml', line: 1, cwd: '', chain: [] }))
        expect(Array.isArray(out)).toBe(true)
      }),
      options(150)
    )
  })
})

describe('Elixir routes', () => {
  it('read statements and macro calls from any text', () => {
    fc.assert(
      fc.property(elixirText, (text) => {
        const st = bounded(() => statements(text.split('\n')))
        for (const s of st.slice(0, 50)) bounded(() => macroCall(s.text))
      }),
      options(300)
    )
  })

  it('extract Phoenix, Plug and endpoint-plug routes from arbitrary sources in bounded time', () => {
    fc.assert(
      fc.property(fc.constantFrom('lib/w/router.ex', 'lib/w/plugs/status.ex', 'lib/w/endpoint.ex', 'lib/w/api.ex'), elixirText, elixirText, (path, text, other) => {
        boundedServiceScan(new MemorySnapshot({ 'mix.exs': MIX, [path]: text, 'lib/w/other.ex': other }), { rooted: true })
      }),
      options(200)
    )
  })
})
