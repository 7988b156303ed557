import healthEndpoint from '../../src/checks/health-endpoint.js'
import layeredArchitecture from '../../src/checks/layered-architecture.js'
import openapiPublished from '../../src/checks/openapi-published.js'
import { checkTester } from '../helpers/check-tester.js'

/** Sinatra, Grape, Hanami and Roda services judged end to end from their files. */

const gemfile = (...gems: string[]): string => `source "https://rubygems.org"\n${gems.map((g) => `gem "${g}"`).join('\n')}\n`
const roda = (tree: string): string => `class App < Roda\n  plugin :json\n  route do |r|\n${tree}\n  end\nend\n`

checkTester(healthEndpoint, {
  pass: [
    { name: 'Roda health branch that tests the database', facts: { files: { Gemfile: gemfile('roda', 'sequel'), 'app.rb': roda('    r.on "internal" do\n      r.get "healthz" do\n        DB.test_connection\n        { ok: true }\n      end\n    end') } }, messageId: 'pass-deep', data: { routes: '/internal/healthz' } },
    { name: 'Sinatra app mounted in config.ru', facts: { files: { Gemfile: gemfile('sinatra'), 'config.ru': 'map "/svc" do\n  run Svc\nend\n', 'svc.rb': 'class Svc < Sinatra::Base\n  get "/ping" do\n    "pong"\n  end\nend\n' } }, messageId: 'pass-shallow', data: { routes: '/svc/ping' } },
    { name: 'Rails app whose health is a Rack server of its own', facts: { files: { Gemfile: gemfile('rails'), 'config/routes.rb': 'Rails.application.routes.draw do\nend\n', 'app/util/health_server.rb': 'class HealthServer\n  def call(env)\n    case env["PATH_INFO"]\n    when "/health"\n      [200, {}, ["OK"]]\n    end\n  end\nend\n' } }, messageId: 'pass-shallow', data: { routes: '/health' }, evidence: [{ path: 'app/util/health_server.rb', line: 4 }] }
  ],
  fail: [
    { name: 'Roda app without a health route gets a Roda fix', facts: { files: { Gemfile: gemfile('roda'), 'app.rb': roda('    r.get "orders" do\n    end') } }, messageId: 'fail', data: { frameworks: 'Roda' }, remediation: ['r.get "healthz" do'] },
    { name: 'Grape API without a health route gets a Grape fix', facts: { files: { Gemfile: gemfile('grape'), 'api.rb': 'class API < Grape::API\n  get :orders do\n  end\nend\n' } }, messageId: 'fail', data: { frameworks: 'Grape' }, remediation: ['class API::Health < Grape::API'] },
    { name: 'Hanami routes without a health route get a Hanami fix', facts: { files: { Gemfile: gemfile('hanami'), 'config/routes.rb': 'module Shop\n  class Routes < Hanami::Routes\n    get "/books", to: "books.index"\n  end\nend\n' } }, messageId: 'fail', data: { frameworks: 'Hanami' }, remediation: ['def handle(_request, response)'] }
  ]
})

checkTester(openapiPublished, {
  pass: [{ name: 'grape-swagger document served under the Grape prefix', facts: { files: { Gemfile: gemfile('grape', 'grape-swagger'), 'api.rb': "class API < Grape::API\n  prefix 'api'\n  get :orders do\n  end\n  add_swagger_documentation\nend\n" } }, messageId: 'pass-served', data: { served: '/api/swagger_doc' } }],
  fail: [{ name: 'Sinatra API without a spec gets a Sinatra fix', facts: { files: { Gemfile: gemfile('sinatra'), 'app.rb': 'class App < Sinatra::Base\n  get "/orders" do\n  end\nend\n' } }, messageId: 'fail', remediation: ['Committee::Middleware::RequestValidation'] }]
})

const VM = (body: string): string => `class App\n  hash_branch("vm") do |r|\n    r.post do\n${body}\n    end\n  end\nend\n`

checkTester(layeredArchitecture, {
  pass: [
    {
      name: 'Roda handlers using Sequel::Model classes: the models are the layer',
      facts: { files: { Gemfile: gemfile('roda', 'sequel'), 'app.rb': roda('    r.hash_branches("")'), 'routes/vm.rb': VM('      Vm.where(name: r.params["name"]).first'), 'routes/host.rb': VM('      Host.where(id: 1).all').replace('"vm"', '"host"'), 'model/vm.rb': 'class Vm < Sequel::Model\nend\n' } },
      messageId: 'layered',
      evidence: [{ message: '0 of 2 handler modules reach infrastructure directly' }, { message: 'Ruby model convention applied' }]
    }
  ],
  fail: [
    {
      name: 'Roda handlers running raw datasets and transactions',
      facts: { files: { Gemfile: gemfile('roda', 'sequel'), 'app.rb': roda('    r.hash_branches("")'), 'routes/vm.rb': VM('      DB[:vm].where(id: 1).delete'), 'routes/host.rb': VM('      DB.transaction { Host.create }').replace('"vm"', '"host"') } },
      messageId: 'flat',
      evidence: [{ message: '2 of 2 handler modules reach infrastructure directly' }]
    }
  ]
})
