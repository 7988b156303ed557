import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { collectOpenApi } from '../../../src/facts/openapi/index.js'
import { collectService } from '../../../src/facts/service/index.js'
import { macroCall, statements, stringArg } from '../../../src/facts/service/routes/elixir-source.js'
import type { ServiceFacts } from '../../../src/facts/service/types.js'

const MIX = (deps: string): string => `defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, deps: deps()]\n  defp deps do\n    [\n${deps}\n    ]\n  end\nend\n`
const PHOENIX = MIX('      {:phoenix, "~> 1.7"},\n      {:bandit, "~> 1.5"}')

function scan(files: Record<string, string>): ServiceFacts {
  const snap = new MemorySnapshot(files)
  return collectService(snap, collectManifests(snap))
}
const table = (s: ServiceFacts) => s.routes.map((r) => `${r.methods.join(',')} ${r.path} ${r.handler ?? ''}`)

const ROUTER = `defmodule ShopWeb.Router do
  use ShopWeb, :router

  pipeline :api do
    plug :accepts, ["json"]
    plug OpenApiSpex.Plug.PutApiSpec, module: ShopWeb.ApiSpec
  end

  @moduledoc """
  get "/not-a-route", X, :y
  end
  """

  scope "/", ShopWeb do
    get "/healthz", HealthController, :show
    live "/status", StatusLive.Index, :index
  end

  scope "/api" do
    pipe_through :api
    get("/openapi", OpenApiSpex.Plug.RenderSpec, [])
  end

  scope "/api", ShopWeb.API, as: :api do
    pipe_through [:api]

    for prefix <- ["/", "/orgs/:org"] do
      scope prefix do
        post "/orders", OrderController, :create # trailing comment
      end
    end

    resources("/sources", SourceController,
      param: "token",
      only: [:index, :show]
    ) do
      get "/schema", SourceController, :schema
    end

    forward "/billing", BillingRouter
    match :*, "/legacy", LegacyController, :any
  end

  if Application.compile_env(:shop, :dev_routes) do
    scope "/dev" do
      get "/ping", ShopWeb.DevController, :ping
    end
  end

  defp authorize(conn, _) do
    case get_req_header(conn, "authorization") do
      [_] -> Enum.map([1], fn x ->
        x
      end)
      _ -> conn
    end
  end
end
`

const HEALTH_CONTROLLER = `defmodule ShopWeb.HealthController do
  use ShopWeb, :controller

  def show(conn, _params) do
    Ecto.Adapters.SQL.query!(Shop.Repo, "SELECT 1", [])
    json(conn, %{status: "ok"})
  end
end
`

const BILLING = `defmodule ShopWeb.API.BillingRouter do
  use Plug.Router
  plug :match
  plug :dispatch

  get "/health" do
    send_resp(conn, 200, "ok")
  end

  forward "/v2", to: ShopWeb.API.BillingV2
end
`

const BILLING_V2 = `defmodule ShopWeb.API.BillingV2 do
  use Plug.Router
  plug :match
  plug :dispatch
  get("/ready") do
    Redix.command(:redix, ["PING"])
    send_resp(conn, 200, "ok")
  end
end
`

describe('Phoenix router', () => {
  const files = {
    'mix.exs': PHOENIX,
    'lib/shop_web/router.ex': ROUTER,
    'lib/shop_web/controllers/health_controller.ex': HEALTH_CONTROLLER,
    'lib/shop_web/billing_router.ex': BILLING,
    'lib/shop_web/billing_v2.ex': BILLING_V2
  }

  it('resolves scopes, aliases, loops, nested resources, forward and match; leaves out pages and dev routes', () => {
    const s = scan(files)
    expect(s.frameworks.map((f) => f.framework)).toEqual(['phoenix', 'plug'])
    expect(table(s).filter((r) => !r.includes('Billing'))).toEqual([
      'GET /healthz ShopWeb.HealthController.show',
      'GET /api/openapi OpenApiSpex.Plug.RenderSpec',
      'POST /api/orders ShopWeb.API.OrderController.create',
      'POST /api/orgs/:org/orders ShopWeb.API.OrderController.create',
      'ANY /api/sources ShopWeb.API.SourceController.index',
      'ANY /api/sources/:id ShopWeb.API.SourceController.show',
      'GET /api/sources/:source_token/schema ShopWeb.API.SourceController.schema',
      'ANY /api/legacy ShopWeb.API.LegacyController.any'
    ])
  })

  it('reads the controller action for dependency touches', () => {
    const health = scan(files).routes.find((r) => r.path === '/healthz')!
    expect(health).toMatchObject({ file: 'lib/shop_web/router.ex', line: 15 })
    expect(health.touches).toEqual([{ token: 'SELECT 1', file: 'lib/shop_web/controllers/health_controller.ex', line: 5 }])
  })

  it('mounts Plug.Router modules where they are forwarded, through chains of forwards', () => {
    const s = scan(files)
    expect(table(s).filter((r) => r.includes('Billing'))).toEqual([
      'ANY /api/billing ShopWeb.API.BillingRouter',
      'GET /api/billing/health ShopWeb.API.BillingRouter',
      'ANY /api/billing/v2 ShopWeb.API.BillingV2',
      'GET /api/billing/v2/ready ShopWeb.API.BillingV2'
    ])
    expect(s.routes.find((r) => r.path === '/api/billing/v2/ready')!.touches).toEqual([{ token: 'Redix.', file: 'lib/shop_web/billing_v2.ex', line: 6 }])
  })

  it('finds Phoenix declared through a helper function of the deps list', () => {
    const mix = 'defp deps do\n  [\n    phoenix_dep(),\n    {:jason, "~> 1.4"}\n  ]\nend\n\ndefp phoenix_dep do\n  if path = System.get_env("PHOENIX_PATH") do\n    {:phoenix, path: path}\n  else\n    {:phoenix, "~> 1.8"}\n  end\nend\n'
    const m = collectManifests(new MemorySnapshot({ 'mix.exs': mix }))
    expect(m.manifests[0]!.dependencies.map((d) => [d.name, d.line])).toEqual([['jason', 4], ['phoenix', 10]])
  })
})

describe('Plug services and endpoint plugs', () => {
  it('serves an unmounted Plug.Router at the root', () => {
    const s = scan({ 'mix.exs': MIX('      {:plug_cowboy, "~> 2.7"}'), 'lib/app/router.ex': 'defmodule App.Router do\n  use Plug.Router\n  get "/livez" do\n    send_resp(conn, 200, "")\n  end\n  match _ do\n    send_resp(conn, 404, "")\n  end\nend\n' })
    expect(table(s)).toEqual(['GET /livez App.Router'])
    expect(s.routes[0]!.touches).toEqual([])
  })

  it('counts a plug answering path_info only when something plugs it in', () => {
    const plug = 'defmodule ShopWeb.Plugs.Status do\n  import Plug.Conn\n  def init(opts), do: opts\n  def call(%Plug.Conn{path_info: ["status"]} = conn, _opts) do\n    conn |> send_resp(200, "") |> halt()\n  end\n  def call(conn, _opts), do: conn\nend\n'
    const endpoint = 'defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\n  alias ShopWeb.Plugs\n  plug Plugs.Status\n  plug ShopWeb.Router\nend\n'
    expect(table(scan({ 'mix.exs': PHOENIX, 'lib/shop_web/plugs/status.ex': plug, 'lib/shop_web/endpoint.ex': endpoint }))).toEqual(['ANY /status ShopWeb.Plugs.Status.call'])
    expect(table(scan({ 'mix.exs': PHOENIX, 'lib/shop_web/plugs/status.ex': plug }))).toEqual([])
  })

  it('reads statements: continued calls, heredocs, comments, arguments with and without parentheses', () => {
    const st = statements(['resources "/a", C,', '  only: [:index]', '"""', 'get "/x"', '"""', '# get "/y", C, :y', 'get("/b#{@v}", C, :b) # note'])
    expect(st).toEqual([{ text: 'resources "/a", C, only: [:index]', line: 0 }, { text: 'get("/b#{@v}", C, :b)', line: 6 }])
    expect(macroCall(st[1]!.text)).toEqual({ name: 'get', args: ['"/b#{@v}"', 'C', ':b'] })
    expect(stringArg('"/b#{@v}"')).toBe('/b{@v}')
    expect(macroCall('scope "/api", Web.API, as: :api do')).toEqual({ name: 'scope', args: ['"/api"', 'Web.API', 'as: :api'] })
  })
})

describe('open_api_spex and health libraries', () => {
  it('serves the spec where RenderSpec is routed, before the Swagger UI route', () => {
    const router = 'defmodule W.Router do\n  use Phoenix.Router\n  scope "/docs" do\n    get "/", OpenApiSpex.Plug.SwaggerUI, path: "/api/openapi"\n  end\n  scope "/api" do\n    get "/openapi", OpenApiSpex.Plug.RenderSpec, []\n  end\nend\n'
    const spec = 'defmodule W.ApiSpec do\n  alias OpenApiSpex.{Info, OpenApi, Paths}\n  @behaviour OpenApi\n  def spec, do: %OpenApiSpex.OpenApi{info: %Info{title: "W", version: "1"}, paths: Paths.from_router(W.Router)}\nend\n'
    const snap = new MemorySnapshot({ 'mix.exs': PHOENIX, 'lib/w/router.ex': router, 'lib/w/api_spec.ex': spec })
    const manifests = collectManifests(snap)
    const openapi = collectOpenApi(snap, collectService(snap, manifests), manifests)
    expect(openapi.generators).toMatchObject([{ tool: 'open_api_spex', path: 'lib/w/api_spec.ex', servedAt: '/api/openapi' }])
  })

  it('finds OpenApiSpex.TestAssertions in a shared ConnCase under test/support', () => {
    const conn = 'defmodule W.ConnCase do\n  use ExUnit.CaseTemplate\n  # assert_schema(commented)\n  def check(conn, op) do\n    OpenApiSpex.TestAssertions.assert_operation_response(conn, op)\n  end\nend\n'
    const snap = new MemorySnapshot({ 'mix.exs': PHOENIX, 'test/support/conn_case.ex': conn })
    const manifests = collectManifests(snap)
    expect(collectOpenApi(snap, collectService(snap, manifests), manifests).contractTests).toEqual([{ tool: 'OpenApiSpex.TestAssertions', path: 'test/support/conn_case.ex', line: 5, text: 'OpenApiSpex.TestAssertions.assert_operation_response(conn, op)' }])
  })

  it('recognises healthchex probes plugged into the endpoint', () => {
    const s = scan({ 'mix.exs': PHOENIX, 'lib/w/endpoint.ex': 'defmodule W.Endpoint do\n  use Phoenix.Endpoint, otp_app: :w\n  plug Healthchex.Probes.Liveness\nend\n' })
    expect(s.healthLibraries.map((l) => [l.name, l.routes])).toEqual([['healthchex', ['/health/live', '/health/ready']]])
  })
})
