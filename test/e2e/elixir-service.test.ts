import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import type { CheckId } from '../../src/checks/ids.js'
import { CHECK_IDS } from '../../src/checks/ids.js'
import type { CheckResult } from '../../src/checks/types.js'
import { everyPracticeFollowed, scanReport } from '../helpers/scan.js'
import { git, tempGitRepo } from '../helpers/tmp-repo.js'

/**
 * A realistic Phoenix service, scanned end to end (snapshot → facts → checks → score): every one
 * of the fourteen checks asserted. It covers what the three Elixir services of the corpus do not:
 * fun_with_flags, Tesla's Fuse middleware, a Plug.Router mounted with `forward`, Dialyzer reached
 * through a mix alias, ex_check, Sobelow gated by `.sobelow-conf`, and open_api_spex assertions
 * wired into the shared ConnCase.
 */

const MIX_EXS = `defmodule Ledger.MixProject do
  use Mix.Project

  def project do
    [
      app: :ledger,
      version: "1.4.0",
      elixir: "~> 1.17",
      elixirc_paths: elixirc_paths(Mix.env()),
      aliases: aliases(),
      deps: deps(),
      dialyzer: [plt_add_apps: [:mix]],
      releases: [ledger: [include_executables_for: [:unix]]]
    ]
  end

  defp elixirc_paths(:test), do: ["lib", "test/support"]
  defp elixirc_paths(_), do: ["lib"]

  defp deps do
    [
      {:phoenix, "~> 1.7.14"},
      {:phoenix_ecto, "~> 4.6"},
      {:ecto_sql, "~> 3.12"},
      {:postgrex, ">= 0.0.0"},
      {:bandit, "~> 1.5"},
      {:jason, "~> 1.4"},
      {:open_api_spex, "~> 3.21"},
      {:fun_with_flags, "~> 1.12"},
      {:tesla, "~> 1.13"},
      {:fuse, "~> 2.5"},
      {:credo, "~> 1.7", only: [:dev, :test], runtime: false},
      {:dialyxir, "~> 1.4", only: [:dev, :test], runtime: false},
      {:sobelow, "~> 0.13", only: [:dev, :test], runtime: false},
      {:excoveralls, "~> 0.18", only: :test}
    ]
  end

  defp aliases do
    [
      setup: ["deps.get", "ecto.setup"],
      "ecto.setup": ["ecto.create", "ecto.migrate"],
      test: ["ecto.create --quiet", "ecto.migrate --quiet", "test"],
      lint: ["format --check-formatted", "credo --strict"],
      "ci.types": ["cmd mkdir -p priv/plts", "dialyzer --format github"],
      "ci.test": ["coveralls.github"]
    ]
  end
end
`

const ROUTER = `defmodule LedgerWeb.Router do
  use LedgerWeb, :router

  pipeline :api do
    plug :accepts, ["json"]
    plug OpenApiSpex.Plug.PutApiSpec, module: LedgerWeb.ApiSpec
  end

  forward "/health", LedgerWeb.HealthRouter

  scope "/api" do
    pipe_through :api
    get "/openapi", OpenApiSpex.Plug.RenderSpec, []
  end

  scope "/api/v1", LedgerWeb do
    pipe_through :api

    resources "/accounts", AccountController, only: [:index, :show, :create] do
      post "/transfers", TransferController, :create
    end
  end

  if Application.compile_env(:ledger, :dev_routes) do
    import Phoenix.LiveDashboard.Router

    scope "/dev" do
      live_dashboard "/dashboard", metrics: LedgerWeb.Telemetry
    end
  end
end
`

const HEALTH_ROUTER = `defmodule LedgerWeb.HealthRouter do
  use Plug.Router

  plug :match
  plug :dispatch

  get "/live" do
    send_resp(conn, 200, "ok")
  end

  get "/ready" do
    case Ecto.Adapters.SQL.query(Ledger.Repo, "SELECT 1", []) do
      {:ok, _} -> send_resp(conn, 200, "ready")
      {:error, _} -> send_resp(conn, 503, "database unavailable")
    end
  end
end
`

const FILES: Record<string, string> = {
  'mix.exs': MIX_EXS,
  '.formatter.exs': '[import_deps: [:ecto, :phoenix], inputs: ["*.{ex,exs}", "{config,lib,test}/**/*.{ex,exs}"]]\n',
  '.credo.exs': '%{configs: [%{name: "default", strict: true}]}\n',
  '.sobelow-conf': '[\n  verbose: true,\n  exit: :medium,\n  ignore: ["Config.HTTPS"]\n]\n',
  'lib/ledger_web.ex': 'defmodule LedgerWeb do\n  def router do\n    quote do\n      use Phoenix.Router, helpers: false\n      import Plug.Conn\n    end\n  end\n\n  defmacro __using__(which), do: apply(__MODULE__, which, [])\nend\n',
  'lib/ledger_web/router.ex': ROUTER,
  'lib/ledger_web/health_router.ex': HEALTH_ROUTER,
  'lib/ledger_web/endpoint.ex': 'defmodule LedgerWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :ledger\n\n  plug Plug.RequestId\n  plug Plug.Parsers, parsers: [:json], json_decoder: Jason\n  plug LedgerWeb.Router\nend\n',
  'lib/ledger_web/api_spec.ex': 'defmodule LedgerWeb.ApiSpec do\n  alias OpenApiSpex.{Info, OpenApi, Paths, Server}\n  @behaviour OpenApi\n\n  @impl OpenApi\n  def spec do\n    %OpenApi{info: %Info{title: "Ledger", version: "1.4.0"}, servers: [Server.from_endpoint(LedgerWeb.Endpoint)], paths: Paths.from_router(LedgerWeb.Router)}\n    |> OpenApiSpex.resolve_schema_modules()\n  end\nend\n',
  'lib/ledger_web/controllers/account_controller.ex': 'defmodule LedgerWeb.AccountController do\n  use LedgerWeb, :controller\n  use OpenApiSpex.ControllerSpecs\n\n  alias Ledger.Accounts\n\n  operation :index, summary: "List accounts", responses: [ok: {"Accounts", "application/json", LedgerWeb.Schemas.AccountList}]\n  def index(conn, _params), do: json(conn, %{data: Accounts.list()})\nend\n',
  'lib/ledger_web/controllers/transfer_controller.ex': 'defmodule LedgerWeb.TransferController do\n  use LedgerWeb, :controller\n  alias Ledger.Transfers\n\n  def create(conn, %{"account_id" => id} = params) do\n    {:ok, t} = Transfers.create(id, params)\n    json(conn, %{data: t})\n  end\nend\n',
  'lib/ledger/transfers.ex': 'defmodule Ledger.Transfers do\n  alias Ledger.{Repo, RatesClient}\n\n  def create(account_id, params) do\n    if FunWithFlags.enabled?(:instant_transfers, for: %{id: account_id}) do\n      {:ok, rate} = RatesClient.rate(params["currency"])\n      Repo.insert(%Ledger.Transfer{account_id: account_id, rate: rate, instant: true})\n    else\n      Repo.insert(%Ledger.Transfer{account_id: account_id})\n    end\n  end\nend\n',
  'lib/ledger/rates_client.ex': 'defmodule Ledger.RatesClient do\n  use Tesla\n\n  plug Tesla.Middleware.BaseUrl, "https://rates.example.com"\n  plug Tesla.Middleware.Timeout, timeout: 5_000\n  plug Tesla.Middleware.Fuse, opts: {{:standard, 5, 10_000}, {:reset, 30_000}}, name: :rates\n  plug Tesla.Middleware.JSON\n\n  def rate(currency), do: get("/rates/" <> currency)\nend\n',
  'test/test_helper.exs': 'ExUnit.start()\nEcto.Adapters.SQL.Sandbox.mode(Ledger.Repo, :manual)\n',
  'test/support/conn_case.ex': 'defmodule LedgerWeb.ConnCase do\n  use ExUnit.CaseTemplate\n\n  using do\n    quote do\n      import Plug.Conn\n      import Phoenix.ConnTest\n      import OpenApiSpex.TestAssertions\n      @endpoint LedgerWeb.Endpoint\n    end\n  end\nend\n',
  'test/ledger_web/controllers/account_controller_test.exs': 'defmodule LedgerWeb.AccountControllerTest do\n  use LedgerWeb.ConnCase, async: true\n  import OpenApiSpex.TestAssertions\n\n  test "GET /api/v1/accounts matches the spec", %{conn: conn} do\n    json = conn |> get("/api/v1/accounts") |> json_response(200)\n    assert_schema(json, "AccountList", LedgerWeb.ApiSpec.spec())\n  end\nend\n',
  'CHANGELOG.md': '# Changelog\n\n## [1.4.0] - 2026-01-02\n### Added\n- Instant transfers behind the `instant_transfers` flag.\n\n## [1.3.0] - 2025-11-20\n### Fixed\n- Rates client trips its fuse after five failures.\n',
  Dockerfile: 'FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20241016-slim AS build\nENV MIX_ENV=prod\nWORKDIR /app\nCOPY mix.exs mix.lock ./\nRUN mix deps.get --only prod && mix deps.compile\nCOPY lib lib\nCOPY config config\nRUN mix release\n\nFROM debian:bookworm-slim\nWORKDIR /app\nCOPY --from=build /app/_build/prod/rel/ledger ./\nUSER nobody\nCMD ["bin/ledger", "start"]\n',
  '.github/workflows/ci.yml': `name: CI
on:
  pull_request:
  push:
    branches: [main]
env:
  MIX_ENV: test
jobs:
  quality:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        check: ["mix lint", "mix ci.types", "mix sobelow --config"]
    steps:
      - uses: actions/checkout@v4
      - uses: erlef/setup-beam@v1
        with:
          version-file: .tool-versions
          version-type: strict
      - run: mix do deps.get + compile --warnings-as-errors
      - run: \${{ matrix.check }}
  test:
    runs-on: ubuntu-latest
    services:
      postgres:
        image: postgres:17
        env:
          POSTGRES_PASSWORD: postgres
    steps:
      - uses: actions/checkout@v4
      - uses: erlef/setup-beam@v1
        with:
          version-file: .tool-versions
      - run: mix deps.get
      - run: mix do ecto.create + ecto.migrate + ci.test
`,
  '.github/workflows/image.yml': 'on:\n  pull_request:\n  push:\n    branches: [main]\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/setup-buildx-action@v3\n      - uses: docker/build-push-action@v6\n        with:\n          push: ${{ github.event_name == \'push\' }}\n          tags: ghcr.io/acme/ledger:${{ github.sha }}\n'
}

function byId(checks: readonly CheckResult[]): Record<CheckId, CheckResult> {
  return Object.fromEntries(checks.map((c) => [c.id, c])) as Record<CheckId, CheckResult>
}

describe('a Phoenix service, end to end', () => {
  it('is judged on all fourteen checks, with evidence through mix aliases, routers and forwards', async () => {
    const dir = tempGitRepo(FILES)
    git(dir, 'tag', 'v1.3.0')
    git(dir, 'tag', 'v1.4.0')
    const report = await scanReport({ root: dir, config: DEFAULT_CONFIG })
    const c = byId(report.checks)
    expect(Object.keys(c).sort()).toEqual([...CHECK_IDS].sort())
    const status = Object.fromEntries(CHECK_IDS.map((id) => [id, c[id].status]))
    expect(status).toEqual(everyPracticeFollowed())
    const messages = (id: CheckId): string => c[id].evidence.map((e) => `${e.path ?? ''}:${e.line ?? ''} ${e.message}`).join('\n')
    expect(c['ci-lint'].summary).toBe('A linter or format check runs on pull requests: mix format, credo.')
    expect(messages('ci-lint')).toContain('mix.exs:44 credo --strict')
    expect(c['ci-tests'].summary).toBe('Tests run on pull requests: ExCoveralls.')
    expect(c['type-checking'].summary).toBe('A type checker runs on pull requests: Elixir compiler (warnings as errors), Dialyzer.')
    expect(messages('type-checking')).toContain('mix.exs:45 dialyzer --format github')
    expect(c['static-analysis'].summary).toBe('Static analysis runs on pull requests: Sobelow.')
    expect(c['contract-tests'].summary).toBe('CI tests the API against its contract on pull requests: OpenApiSpex.TestAssertions.')
    expect(messages('contract-tests')).toContain('test/ledger_web/controllers/account_controller_test.exs:7')
    expect(c['openapi-published'].summary).toBe('An OpenAPI description exists (open_api_spex generation) and the app serves it at /api/openapi.')
    expect(c['health-endpoint'].summary).toBe('The app serves /health, /health/live, /health/ready, which checks dependencies (SELECT 1).')
    expect(messages('health-endpoint')).toContain('lib/ledger_web/health_router.ex:11 GET /health/ready: checks a dependency: SELECT 1')
    expect(c['feature-flags'].summary).toBe('fun_with_flags is a dependency and flags are evaluated in code.')
    expect(messages('feature-flags')).toContain('lib/ledger/transfers.ex:5')
    expect(c['circuit-breakers'].summary).toBe('Tesla retry/fuse middleware protect calls in code.')
    expect(messages('circuit-breakers')).toContain('lib/ledger/rates_client.ex:6')
    expect(c['container-build'].summary).toBe('The service has an image build (1 Dockerfile) and CI builds it.')
    expect(c['release-versioning'].summary).toBe('2 version tags, and a changelog is maintained.')
    expect(report.score).toBe(100)
  })

  it('shows Elixir fixes when practices are missing', async () => {
    const bare: Record<string, string> = {
      'mix.exs': MIX_EXS.replace(/\{:(open_api_spex|fun_with_flags|tesla|fuse)[^\n]*\n/g, ''),
      'lib/ledger_web/router.ex': 'defmodule LedgerWeb.Router do\n  use Phoenix.Router\n  scope "/api", LedgerWeb do\n    get "/accounts", AccountController, :index\n  end\nend\n',
      '.github/workflows/ci.yml': 'on: [pull_request]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: mix deps.get\n',
      Dockerfile: FILES.Dockerfile!
    }
    const c = byId((await scanReport({ root: tempGitRepo(bare), config: DEFAULT_CONFIG })).checks)
    const fix = (id: CheckId): string => c[id].remediation ?? ''
    expect(fix('ci-lint')).toContain('mix credo --strict')
    expect(fix('ci-tests')).toContain('erlef/setup-beam')
    expect(c['type-checking'].status).toBe('partial')
    expect(fix('type-checking')).toContain('mix dialyzer')
    expect(c['static-analysis'].status).toBe('partial')
    expect(fix('static-analysis')).toContain('mix sobelow')
    expect(fix('contract-tests')).toContain('OpenApiSpex.TestAssertions')
    expect(fix('openapi-published')).toContain('OpenApiSpex.Plug.RenderSpec')
    expect(fix('health-endpoint')).toContain('Ecto.Adapters.SQL.query(MyApp.Repo, "SELECT 1", [])')
    expect(fix('feature-flags')).toContain('FunWithFlags.enabled?')
    expect(fix('circuit-breakers')).toContain('Tesla.Middleware.Fuse')
    expect(c['container-build'].status).toBe('partial')
    expect(fix('container-build')).toContain('docker/build-push-action')
    expect(fix('container-build')).not.toContain('gunicorn')
    for (const id of CHECK_IDS) expect(fix(id)).not.toMatch(/```(python|ts|js|go|java|ruby)\b/)
  })
})
