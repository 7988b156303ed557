import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectService } from '../../../src/facts/service/index.js'
import type { ServiceFacts } from '../../../src/facts/service/types.js'
import { manifestsOf } from './fixtures.js'

/** Sub-routers mounted at a path serve that path: health routes behind mounts, through project helpers too. */
function scan(files: Record<string, string>, deps: Record<string, readonly string[]>): ServiceFacts {
  const snapshot = new MemorySnapshot(files)
  return collectService(snapshot, manifestsOf(deps))
}
const paths = (s: ServiceFacts): string[] => [...new Set(s.routes.map((r) => r.path))].sort()

describe('chi mounts', () => {
  const files = {
    'go.mod': 'module x',
    'server/server.go': [
      'package server',
      'type Server struct { router chi.Router }',
      'func (s *Server) initRoutes() {',
      '\tr := chi.NewRouter()',
      '\tdefaultMiddlewares := chi.Middlewares{',
      '\t\tmiddleware.RequestID,',
      '\t\tmiddleware.Heartbeat("/ping"),',
      '\t}',
      '\tr.Group(func(r chi.Router) {',
      '\t\tr.Use(defaultMiddlewares...)',
      '\t})',
      '\ts.router = r',
      '}',
      '// MountRouter mounts a sub-router under urlPath.',
      'func (s *Server) MountRouter(description, urlPath string, subRouter http.Handler) {',
      '\ts.router.Group(func(r chi.Router) {',
      '\t\tr.Mount(urlPath, subRouter)',
      '\t})',
      '}'
    ].join('\n'),
    'cmd/root.go': ['package cmd', 'func start(a *server.Server) {', '\ta.MountRouter("Native API", consts.URLPathNativeAPI, api.Routes())', '}'].join('\n'),
    'consts/consts.go': ['package consts', 'const URLPathNativeAPI = "/api"'].join('\n'),
    'api/routes.go': ['package api', 'func Routes() chi.Router {', '\tr := chi.NewRouter()', '\tr.Get("/health", health)', '\treturn r', '}'].join('\n')
  }

  it('follows a project helper that wraps r.Mount, and finds Heartbeat held in a chi.Middlewares slice (navidrome)', () => {
    const s = scan(files, { 'go.mod': ['github.com/go-chi/chi/v5'] })
    expect(paths(s)).toEqual(['/api/health', '/ping'])
    expect(s.healthLibraries.map((l) => [l.name, l.routes])).toEqual([['chi middleware.Heartbeat', ['/ping']]])
  })

  it('does not take a helper that mounts nothing of its own parameters for a mount', () => {
    const other = { ...files, 'server/server.go': files['server/server.go'].replace('r.Mount(urlPath, subRouter)', 'r.Mount("/static", assets)') }
    expect(paths(scan(other, { 'go.mod': ['github.com/go-chi/chi/v5'] }))).toEqual(['/health', '/ping'])
  })
})

describe('Rails engines mounted by the application', () => {
  it('reads an in-repository engine’s routes under its mount path', () => {
    const s = scan(
      {
        Gemfile: "gem 'rails'\n",
        'config/routes.rb': ['Rails.application.routes.draw do', '  mount Admin::Engine => "/admin"', '  get "up" => "rails/health#show"', 'end'].join('\n'),
        'engines/admin/config/routes.rb': ['Admin::Engine.routes.draw do', '  get "health", to: "health#show"', '  namespace :api do', '    get "openapi", to: "docs#show"', '  end', 'end'].join('\n')
      },
      { Gemfile: ['rails'] }
    )
    expect(paths(s)).toEqual(['/admin', '/admin/api/openapi', '/admin/health', '/up'])
  })
})
