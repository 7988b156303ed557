import circuitBreakers from '../../src/checks/circuit-breakers.js'
import containerBuild from '../../src/checks/container-build.js'
import contractTests from '../../src/checks/contract-tests.js'
import featureFlags from '../../src/checks/feature-flags.js'
import healthEndpoint from '../../src/checks/health-endpoint.js'
import openapiPublished from '../../src/checks/openapi-published.js'
import releaseVersioning from '../../src/checks/release-versioning.js'
import { checkTester } from '../helpers/check-tester.js'
import { action, run } from '../helpers/facts.js'

/** The Elixir rows of the service-side catalogues, on small Phoenix repositories. */

const mix = (...deps: string[]): string => `defmodule Shop.MixProject do\n  use Mix.Project\n  defp deps do\n    [\n${deps.map((d) => `      ${d},`).join('\n')}\n      {:phoenix, "~> 1.7"}\n    ]\n  end\nend\n`
const ROUTER = (body: string): string => `defmodule ShopWeb.Router do\n  use Phoenix.Router\n${body}\nend\n`

checkTester(featureFlags, {
  pass: [
    { name: 'fun_with_flags evaluated in a controller', facts: { files: { 'mix.exs': mix('{:fun_with_flags, "~> 1.12"}'), 'lib/shop_web/controllers/checkout_controller.ex': 'defmodule ShopWeb.CheckoutController do\n  def create(conn, _) do\n    if FunWithFlags.enabled?(:new_checkout, for: conn.assigns.user) do\n      conn\n    end\n  end\nend\n' } }, messageId: 'sdk-used', data: { sdk: 'fun_with_flags' }, evidence: [{ path: 'mix.exs', line: 5 }, { path: 'lib/shop_web/controllers/checkout_controller.ex', line: 3 }] },
    { name: 'ConfigCat wrapped by a helper', facts: { files: { 'mix.exs': mix('{:configcat, "~> 4.0"}'), 'lib/shop/flags.ex': 'defmodule Shop.Flags do\n  def on?(name), do: ConfigCat.get_value(name, false)\nend\n' } }, messageId: 'sdk-used', data: { sdk: 'ConfigCat' } },
    {
      name: 'in-house FeatureFlags module aliased and checked (module named in CamelCase after its file)',
      facts: { files: { 'mix.exs': mix(), 'lib/shop/feature_flags.ex': 'defmodule Shop.FeatureFlags do\n  @moduledoc "Use enabled?/2."\n  def enabled?(name, tenant), do: lookup(name, tenant)\nend\n', 'lib/shop_web/channels/room.ex': 'defmodule ShopWeb.Room do\n  alias Shop.FeatureFlags\n  def join(t), do: FeatureFlags.enabled?("fast_join", t)\nend\n' } },
      messageId: 'in-house',
      evidence: [{ path: 'lib/shop/feature_flags.ex', line: 3 }, { path: 'lib/shop_web/channels/room.ex', line: 2 }]
    },
    { name: 'in-house module called fully qualified, without an alias', facts: { files: { 'mix.exs': mix(), 'lib/shop/feature_flags.ex': 'defmodule Shop.FeatureFlags do\n  def enabled?(name), do: name\nend\n', 'lib/shop/orders.ex': 'defmodule Shop.Orders do\n  def place(o), do: if(Shop.FeatureFlags.enabled?("x"), do: o)\nend\n' } }, messageId: 'in-house', evidence: [{ path: 'lib/shop/feature_flags.ex' }, { path: 'lib/shop/orders.ex', line: 2 }] }
  ],
  partial: [{ name: 'fun_with_flags declared, only its UI mounted', facts: { files: { 'mix.exs': mix('{:fun_with_flags, "~> 1.12"}', '{:fun_with_flags_ui, "~> 1.0"}'), 'lib/shop_web/router.ex': ROUTER('  forward "/flags", FunWithFlags.UI.Router, namespace: "flags"') } }, messageId: 'sdk-unused', remediation: ['FunWithFlags.enabled?'] }]
})

checkTester(circuitBreakers, {
  pass: [
    { name: 'Tesla retry middleware plugged in a client module', facts: { files: { 'mix.exs': mix('{:tesla, "~> 1.9"}'), 'lib/shop/rates_client.ex': 'defmodule Shop.RatesClient do\n  use Tesla\n  plug Tesla.Middleware.Retry, delay: 200, max_retries: 3\nend\n' } }, messageId: 'library-used', data: { libs: 'Tesla retry/fuse middleware' }, evidence: [{ path: 'mix.exs' }, { path: 'lib/shop/rates_client.ex', line: 3 }] },
    { name: ':fuse breaker installed and asked', facts: { files: { 'mix.exs': mix('{:fuse, "~> 2.5"}'), 'lib/shop/breaker.ex': 'defmodule Shop.Breaker do\n  def setup, do: :fuse.install(:rates, {{:standard, 5, 10_000}, {:reset, 30_000}})\nend\n' } }, messageId: 'library-used', data: { libs: 'fuse' } },
    { name: 'Req with an explicit retry option', facts: { files: { 'mix.exs': mix('{:req, "~> 0.5"}'), 'lib/shop/push.ex': 'defmodule Shop.Push do\n  def send(b), do: Req.post!(url(), json: b, retry: :transient, max_retries: 3)\nend\n' } }, messageId: 'library-used', data: { libs: 'Req retry' } }
  ],
  partial: [
    { name: 'Tesla declared, its retry middleware commented out', facts: { files: { 'mix.exs': mix('{:tesla, "~> 1.9"}', '{:req, "~> 0.5"}'), 'lib/shop/hook.ex': 'defmodule Shop.Hook do\n  use Tesla\n  # plug Tesla.Middleware.Retry, max_retries: 3\n  def push(b), do: Req.post!("https://x", json: b)\nend\n', 'lib/shop/http.ex': 'defmodule Shop.HTTP do\n  defp retry(fun, n) do\n    Process.sleep(100)\n    fun.()\n  end\nend\n' } }, messageId: 'hand-rolled', evidence: [{ path: 'lib/shop/http.ex', line: 2, message: 'hand-rolled retry loop' }], remediation: ['Tesla.Middleware.Fuse'] }
  ]
})

const HEALTH_CTRL = 'defmodule ShopWeb.HealthController do\n  use ShopWeb, :controller\n  def show(conn, _) do\n    Ecto.Adapters.SQL.query!(Shop.Repo, "SELECT 1", [])\n    text(conn, "ok")\n  end\nend\n'

checkTester(healthEndpoint, {
  pass: [
    { name: 'Phoenix health route whose action queries the repo', facts: { files: { 'mix.exs': mix(), 'lib/shop_web/router.ex': ROUTER('  scope "/health", ShopWeb do\n    get "/", HealthController, :show\n  end'), 'lib/shop_web/controllers/health_controller.ex': HEALTH_CTRL } }, messageId: 'pass-deep', data: { routes: '/health' }, evidence: [{ path: 'lib/shop_web/router.ex', line: 4, message: 'checks a dependency: SELECT 1' }] },
    { name: 'PlugCheckup forwarded to', facts: { files: { 'mix.exs': mix('{:plug_checkup, "~> 0.6"}'), 'lib/shop_web/router.ex': ROUTER('  forward "/health", PlugCheckup, PlugCheckup.Options.new(json_encoder: Jason, checks: [])') } }, messageId: 'pass-shallow', data: { routes: '/health, plug_checkup' } }
  ],
  fail: [{ name: 'a LiveView page called status is no health route', facts: { files: { 'mix.exs': mix(), 'lib/shop_web/router.ex': ROUTER('  scope "/", ShopWeb do\n    live "/status", StatusLive, :index\n  end') } }, messageId: 'fail', remediation: ['HealthController', 'Ecto.Adapters.SQL.query'] }]
})

checkTester(openapiPublished, {
  pass: [{ name: 'open_api_spex RenderSpec route', facts: { files: { 'mix.exs': mix('{:open_api_spex, "~> 3.21"}'), 'lib/shop_web/api_spec.ex': 'defmodule ShopWeb.ApiSpec do\n  @behaviour OpenApiSpex.OpenApi\nend\n', 'lib/shop_web/router.ex': ROUTER('  scope "/api" do\n    get "/openapi", OpenApiSpex.Plug.RenderSpec, []\n  end') } }, messageId: 'pass-served', data: { served: '/api/openapi' } }],
  partial: [{ name: 'open_api_spex spec module, no route serves it', facts: { files: { 'mix.exs': mix('{:open_api_spex, "~> 3.21"}'), 'lib/shop_web/api_spec.ex': 'defmodule ShopWeb.ApiSpec do\n  @behaviour OpenApiSpex.OpenApi\nend\n', 'lib/shop_web/router.ex': ROUTER('  get "/x", ShopWeb.X, :x') } }, messageId: 'partial', remediation: ['OpenApiSpex.Plug.RenderSpec'] }],
  fail: [{ name: 'Phoenix API without a spec', facts: { files: { 'mix.exs': mix(), 'lib/shop_web/router.ex': ROUTER('  get "/x", ShopWeb.X, :x') } }, messageId: 'fail', data: { frameworks: 'Phoenix' }, remediation: ['open_api_spex'] }]
})

const CONN_CASE = 'defmodule ShopWeb.ConnCase do\n  use ExUnit.CaseTemplate\n  import OpenApiSpex.TestAssertions\n  def assert_documented(conn, op), do: assert_operation_response(conn, op)\nend\n'

checkTester(contractTests, {
  pass: [
    { name: 'TestAssertions in test/support, suite run by mix coveralls on PRs', facts: { files: { 'mix.exs': mix('{:open_api_spex, "~> 3.21"}'), 'test/support/conn_case.ex': CONN_CASE }, ci: { runs: [run('mix coveralls.lcov', { line: 40 })] } }, messageId: 'pass', data: { tools: 'OpenApiSpex.TestAssertions' }, evidence: [{ path: 'test/support/conn_case.ex', line: 4 }, { line: 40, message: 'runs the suite' }] },
    { name: 'committed spec regenerated with mix openapi.spec.json and diffed', facts: { files: { 'mix.exs': mix('{:open_api_spex, "~> 3.21"}') }, ci: { runs: [run('mix openapi.spec.json --spec ShopWeb.ApiSpec priv/openapi.json'), run('git diff --exit-code priv/openapi.json')] } }, messageId: 'pass', data: { tools: 'spec drift check' } }
  ],
  partial: [{ name: 'TestAssertions but CI runs no ExUnit suite', facts: { files: { 'mix.exs': mix('{:open_api_spex, "~> 3.21"}'), 'test/support/conn_case.ex': CONN_CASE }, ci: { runs: [run('mix credo')] } }, messageId: 'not-on-prs', remediation: ['assert_schema'] }]
})

checkTester(containerBuild, {
  pass: [{ name: "Blacksmith's build-push-action on pull requests", facts: { files: { Dockerfile: 'FROM elixir:1.18 AS build\nRUN mix release\n' }, ci: { actions: [action('useblacksmith/build-push-action', { with: { push: 'false' } })] } }, messageId: 'built-in-ci', evidence: [{ path: 'Dockerfile' }, { message: 'useblacksmith/build-push-action (build only, push: false)' }] }]
})

const RETAG = 'name: Retag dev image to a versioned image\non:\n  workflow_dispatch:\n    inputs:\n      version:\n        description: Version to publish\n        required: false\njobs:\n  retag:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          registry: ghcr.io\n      - run: docker buildx imagetools create -t ghcr.io/acme/shop:${{ inputs.version }} ghcr.io/acme/shop:dev\n'
const TAGS = { names: ['v1.1.0', 'v1.2.0'], source: 'git' as const }

checkTester(releaseVersioning, {
  partial: [
    { name: 'a manual workflow with a version input that only runs the tests', facts: { tags: TAGS, files: { '.github/workflows/manual.yml': 'on:\n  workflow_dispatch:\n    inputs:\n      version:\n        type: string\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: mix test\n' } }, messageId: 'tags-only' },
    { name: 'a version input on a workflow that also runs on every push', facts: { tags: TAGS, files: { '.github/workflows/image.yml': RETAG.replace('on:\n', 'on:\n  push:\n') } }, messageId: 'tags-only' }
  ],
  pass: [
    { name: 'a release cut by hand: workflow_dispatch with a version input publishing a versioned image', facts: { tags: TAGS, files: { '.github/workflows/retag.yml': RETAG } }, messageId: 'complete', evidence: [{}, { path: '.github/workflows/retag.yml', line: 5, message: 'release workflow started by hand with a `version` input, whose jobs publish' }] },
    { name: 'mix hex.publish on tags', facts: { tags: { names: ['v1.2.0'], source: 'git' }, ci: { runs: [run('mix hex.publish --yes', { path: '.github/workflows/publish.yml', line: 20 })] } }, messageId: 'complete', evidence: [{}, { path: '.github/workflows/publish.yml', line: 20, message: 'release command in CI: mix hex.publish --yes' }] }]
})
