import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { collectManifests } from '../../src/facts/manifests/index.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { collectService } from '../../src/facts/service/index.js'
import { interpretRuby } from '../../src/facts/service/routes/ruby-dsl.js'
import { classifyArg, rubyCall, rubyStatements } from '../../src/facts/service/routes/ruby-source.js'
import { walkRuby } from '../../src/facts/service/routes/ruby-walk.js'
import { bounded, hostileText, options } from './arbitraries.js'

/** The Ruby block-DSL walker (Sinatra, Grape, Hanami, Roda, config.ru, Rack endpoints) on arbitrary text. */

const RUBY_TOKENS = [
  'class A < Roda\n', 'class B < Grape::API\n', 'class C < Sinatra::Base\n', 'class Routes < Hanami::Routes\n', 'class D < B\n', 'module M\n', 'end\n', 'end', ' do\n', ' do |r|\n', ' { |r|\n', '}\n', '{', '}', '(', ')', '[', ']', ',', ' ', '\n', '"', "'", '#', '#{', '\\', '/', ':', '=>', '->(env) {',
  'route do |r|\n', 'r.on "a" do\n', 'r.is do\n', 'r.get "x" do\n', 'r.post String do\n', 'r.root do\n', 'r.run A.app\n', 'r.hash_branches(:ns)\n', 'r.hash_branches\n', 'hash_branch(:ns, "vm") do |r|\n', 'hash_branch("p") do |r|\n',
  'get "/x" do\n', "get ':id' do\n", 'get do\n', 'post { x }\n', 'namespace :api do\n', 'resource :orders do\n', 'route_param :id do\n', "prefix 'api'\n", "version 'v1', using: :path\n", 'mount B => "/b"\n', 'mount Web::Application, at: "/w"\n', 'add_swagger_documentation(\n', "mount_path: '/doc'\n",
  'scope "api" do\n', 'slice :admin, at: "/admin" do\n', 'get "/books", to: "books.index"\n', 'root to: "home.show"\n', 'map "/x" do\n', 'run A\n', 'use C\n', 'def call(env)\n', 'case env["PATH_INFO"]\n', 'when "/health"\n', 'if env["PATH_INFO"] == "/ping"\n', '@app.call(env)\n',
  '<<~SQL\n', 'SQL\n', '=begin\n', '=end\n', 'def x\n', 'if y\n', 'x = if z\n', '; end\n', 'DB[:t]', 'DB.transaction', '\u0000', '\ufffd'
]
const rubyText = hostileText(RUBY_TOKENS)

describe('Ruby DSL readers', () => {
  it('read statements, calls and arguments from any text, never throw', () => {
    fc.assert(
      fc.property(rubyText, (text) => {
        const lines = text.split('\n')
        const st = bounded(() => rubyStatements(lines))
        for (const s of st.slice(0, 200)) {
          expect(s.line).toBeGreaterThanOrEqual(0)
          const c = bounded(() => rubyCall(s.code))
          for (const a of c?.args ?? []) expect(a.kind).toBeDefined()
        }
        bounded(() => classifyArg(text.slice(0, 500)))
        const w = bounded(() => walkRuby('a.rb', lines, interpretRuby))
        for (const it of w.items) expect(it.line).toBeLessThan(lines.length)
      }),
      options(150)
    )
  })

  it('extract routes from arbitrary apps, mounts and config.ru in bounded time', () => {
    fc.assert(
      fc.property(rubyText, rubyText, rubyText, (a, b, ru) => {
        for (const gems of ['roda', 'grape', 'sinatra', 'hanami', 'rails']) {
          const snap = new MemorySnapshot({ Gemfile: `gem "${gems}"\n`, 'app.rb': a, 'lib/api.rb': b, 'config.ru': ru, 'config/routes.rb': b, 'apps/web/config/routes.rb': a })
          const s = bounded(() => collectService(snap, collectManifests(snap)))
          for (const r of s.routes) expect(r.path.startsWith('/')).toBe(true)
        }
      }),
      options(30)
    )
  })
})
