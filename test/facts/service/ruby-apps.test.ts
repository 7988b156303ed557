import { describe, expect, it } from 'vitest'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectOpenApi } from '../../../src/facts/openapi/index.js'
import { collectService } from '../../../src/facts/service/index.js'
import type { ServiceFacts } from '../../../src/facts/service/types.js'

/** Sinatra, Grape, Hanami and Roda: recognition and routes with full paths, on small repositories. */

const gemfile = (...gems: string[]): string => `source "https://rubygems.org"\n${gems.map((g) => `gem "${g}"`).join('\n')}\n`

function scan(files: Record<string, string>): ServiceFacts {
  const snap = new MemorySnapshot(files)
  return collectService(snap, collectManifests(snap))
}
const table = (s: ServiceFacts): string[] => s.routes.map((r) => `${r.methods.join(',')} ${r.prefixUnknown ? `{${r.prefixUnknown}}` : ''}${r.path}`)

describe('Sinatra', () => {
  it('reads modular apps, sinatra-contrib namespaces and config.ru maps; verbs inside methods are client calls', () => {
    const s = scan({
      Gemfile: gemfile('sinatra', 'sinatra-contrib', 'puma'),
      'config.ru': 'require_relative "app"\nmap "/api" do\n  run Shop::Api\nend\nmap "/ping" do\n  run ->(env) { [200, {}, ["pong"]] }\nend\n',
      'app.rb': [
        'require "sinatra/base"',
        'require "sinatra/namespace"',
        'module Shop',
        '  class Api < Sinatra::Base',
        '    register Sinatra::Namespace',
        '    get "/healthz" do',
        '      DB.test_connection',
        '      "ok"',
        '    end',
        '    namespace "/v1" do',
        "      get('/orders/:id') { Order[params[:id]].to_json } # one-line block",
        '      post "/orders" do',
        '        "created"',
        '      end',
        '    end',
        '    def client',
        '      get "/not/a/route"',
        '    end',
        '  end',
        'end'
      ].join('\n')
    })
    expect(s.frameworks.map((f) => f.framework)).toEqual(['sinatra'])
    expect(table(s)).toEqual(expect.arrayContaining(['GET /api/healthz', 'GET /api/v1/orders/:id', 'POST /api/v1/orders', 'ANY /ping']))
    expect(table(s).some((r) => r.includes('not/a/route'))).toBe(false)
    expect(s.routes.find((r) => r.path === '/api/healthz')!.touches).toEqual([expect.objectContaining({ line: 7 })])
  })

  it('reads a classic app (top-level verbs in a file that requires sinatra) found by its import', () => {
    const s = scan({ 'app.rb': 'require "sinatra"\n\nget "/" do\n  "hi"\nend\n\nget "/health" do\n  "ok"\nend\n' })
    expect(s.frameworks.map((f) => [f.framework, f.via])).toEqual([['sinatra', 'import']])
    expect(table(s)).toEqual(['GET /', 'GET /health'])
  })
})

const GRAPE_BASE = 'module API\n  class Base < Grape::API\n    format :json\n  end\nend\n'

describe('Grape', () => {
  it('resolves prefix, path versions, namespaces, route_param and mounts, through a base class of its own', () => {
    const s = scan({
      Gemfile: gemfile('grape', 'grape-swagger', 'puma'),
      'config.ru': 'require_relative "api/root"\nrun API::Root\n',
      'api/base.rb': GRAPE_BASE,
      'api/root.rb': [
        'module API',
        '  class Root < API::Base',
        "    prefix 'api'",
        "    version 'v1', using: :path",
        '    mount API::Orders',
        '    namespace :admin do',
        "      mount API::Users => '/people'",
        '    end',
        '    add_swagger_documentation(',
        "      mount_path: '/openapi.json'",
        '    )',
        '  end',
        'end'
      ].join('\n'),
      'api/orders.rb': [
        'module API',
        '  class Orders < API::Base',
        '    resource :orders do',
        '      get do',
        '        Order.all',
        '      end',
        '      route_param :id do',
        '        get { Order[params[:id]] }',
        "        put ':line' do",
        '        end',
        '      end',
        '    end',
        "    get 'status' do",
        '    end',
        '  end',
        'end'
      ].join('\n'),
      'api/users.rb': 'module API\n  class Users < Grape::API\n    get do\n    end\n  end\nend\n'
    })
    expect(s.frameworks.map((f) => f.framework)).toEqual(['grape'])
    expect(table(s)).toEqual(
      expect.arrayContaining(['GET /api/v1/orders', 'GET /api/v1/orders/:id', 'PUT /api/v1/orders/:id/:line', 'GET /api/v1/status', 'GET /api/v1/admin/people', 'GET /api/v1/openapi.json'])
    )
  })

  it('is mounted from Rails routes, and grape-swagger is served where its mount_path says (header versioning adds no segment)', () => {
    const files = {
      Gemfile: gemfile('rails', 'grape', 'grape-swagger'),
      'config/routes.rb': "Rails.application.routes.draw do\n  get 'ping', to: 'heartbeat#ping'\n  mount API::Root => '/'\nend\n",
      'app/api/root.rb': 'module API\n  class Root < Grape::API\n    mount API::V1::Root\n  end\nend\n',
      'app/api/v1/root.rb': [
        'module API',
        '  module V1',
        '    class Root < Grape::API',
        "      version 'v1', using: :accept_version_header",
        '      namespace :api do',
        '        mount API::V1::Claims',
        '      end',
        "      add_swagger_documentation(api_version: 'v1', mount_path: '/api/v1/swagger_doc')",
        '    end',
        '  end',
        'end'
      ].join('\n'),
      'app/api/v1/claims.rb': "module API\n  module V1\n    class Claims < Grape::API\n      resource :claims do\n        post do\n        end\n      end\n    end\n  end\nend\n"
    }
    const snap = new MemorySnapshot(files)
    const manifests = collectManifests(snap)
    const s = collectService(snap, manifests)
    expect(s.frameworks.map((f) => f.framework)).toEqual(['rails', 'grape'])
    expect(table(s)).toEqual(expect.arrayContaining(['POST /api/claims', 'GET /api/v1/swagger_doc']))
    const o = collectOpenApi(snap, s, manifests)
    expect(o.generators).toEqual([expect.objectContaining({ tool: 'grape-swagger', servedAt: '/api/v1/swagger_doc' })])
  })
})

describe('Hanami', () => {
  it('reads Hanami 2 routes with scopes and slices, and the action body for touches', () => {
    const s = scan({
      Gemfile: gemfile('hanami', 'hanami-router', 'hanami-controller'),
      'config/routes.rb': [
        'module Shop',
        '  class Routes < Hanami::Routes',
        '    root to: "home.show"',
        '    get "/healthz", to: "health.show"',
        '    scope "api" do',
        '      get "/books/:id", to: "books.show"',
        '    end',
        '    slice :admin, at: "/admin" do',
        '      post "/users", to: "users.create"',
        '    end',
        '  end',
        'end'
      ].join('\n'),
      'app/actions/health/show.rb': 'module Shop\n  module Actions\n    module Health\n      class Show < Shop::Action\n        def handle(request, response)\n          db.connection.execute("SELECT 1")\n          response.body = "ok"\n        end\n      end\n    end\n  end\nend\n'
    })
    expect(s.frameworks.map((f) => f.framework)).toEqual(['hanami'])
    expect(table(s)).toEqual(['GET /', 'GET /healthz', 'GET /api/books/:id', 'POST /admin/users'])
    expect(s.routes[1]!.touches).toEqual([expect.objectContaining({ file: 'app/actions/health/show.rb', line: 6 })])
  })

  it('reads Hanami 1 app routes under their mount', () => {
    const s = scan({
      Gemfile: gemfile('hanami'),
      'config/environment.rb': "Hanami.configure do\n  mount Api::Application, at: '/api'\n  mount Web::Application, at: '/'\nend\n",
      'apps/api/config/routes.rb': "get '/health', to: 'health#show'\nresources :books\n"
    })
    expect(table(s)).toEqual(['GET /api/health', 'ANY /api/books'])
  })
})

describe('Roda', () => {
  const CLOVER = [
    'class App < Roda',
    '  plugin :hash_branches',
    '  hash_branch("account") do |r|',
    '    r.get true do',
    '    end',
    '  end',
    '  route do |r|',
    '    r.get "ips-v4" do',
    '      "x"',
    '    end',
    '    r.on "admin" do',
    '      r.run AdminApp.app',
    '    end',
    '    r.on "project", String do',
    '      r.hash_branches(:project_prefix)',
    '    end',
    '    r.root do',
    '    end',
    '    r.hash_branches("")',
    '  end',
    'end'
  ].join('\n')
  it('follows route trees, matchers, hash branches by namespace and r.run mounts', () => {
    const s = scan({
      Gemfile: gemfile('roda', 'sequel'),
      'app.rb': CLOVER,
      'admin.rb': 'class AdminApp < Roda\n  route do |r|\n    r.get "jobs", Integer do |id|\n    end\n  end\nend\n',
      'routes/project/vm.rb': 'class App\n  hash_branch(:project_prefix, "vm") do |r|\n    r.is do\n      r.post do\n        DB.transaction { Vm.create }\n      end\n    end\n  end\nend\n',
      'routes/orphan.rb': 'class App\n  hash_branch(:nowhere, "x") do |r|\n    r.get do\n    end\n  end\nend\n'
    })
    expect(s.frameworks.map((f) => f.framework)).toEqual(['roda'])
    expect(table(s)).toEqual(
      expect.arrayContaining(['GET /account', 'GET /ips-v4', 'GET /admin/jobs/:param', 'ANY /project/:param/vm', 'POST /project/:param/vm', 'GET /', 'GET {hash_branches(:nowhere)}/x'])
    )
  })
})

describe('Rack endpoints', () => {
  it('reads a Rack app answering a path itself, not a middleware that passes it on', () => {
    const s = scan({
      Gemfile: gemfile('rails'),
      'config/routes.rb': 'Rails.application.routes.draw do\nend\n',
      'app/util/health_server.rb': 'class HealthServer\n  def call(env)\n    case env["PATH_INFO"]\n    when "/health"\n      ok\n    when "/metrics"\n      if x\n        y\n      end\n    else\n      not_found\n    end\n  end\nend\n',
      'app/middleware/quiet.rb': 'class Quiet\n  def call(env)\n    return @app.call(env) if env["PATH_INFO"] == "/healthz"\n    log(env)\n    @app.call(env)\n  end\nend\n'
    })
    expect(table(s)).toEqual(['ANY /health', 'ANY /metrics'])
    expect(s.routes[0]).toMatchObject({ framework: 'rails', file: 'app/util/health_server.rb', line: 4 })
  })
})
