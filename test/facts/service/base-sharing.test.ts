import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GitTreeSnapshot, resolveCommit } from '../../../src/facts/git-snapshot.js'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { collectService } from '../../../src/facts/service/index.js'
import type { Snapshot } from '../../../src/facts/snapshot.js'
import { WorkTreeSnapshot } from '../../../src/facts/worktree.js'
import { git, tempGitRepo } from '../../helpers/tmp-repo.js'

const routesOf = (snap: Snapshot): string[] => collectService(snap, collectManifests(snap)).routes.map((r) => `${r.path} ${r.file}:${r.line}`).sort()

describe('per-file route facts shared between the PR base and the head', () => {
  it('a Django URLconf the PR left alone is parsed once, but its prefix constant resolves per commit', () => {
    const dir = tempGitRepo({
      'requirements.txt': 'django\n',
      'proj/settings.py': 'ROOT_URLCONF = "proj.urls"\nAPI_PREFIX = "v1/"\n',
      'proj/urls.py': ['from django.urls import include, path', 'from proj import views', 'urlpatterns = [', '    path(API_PREFIX + "health/", views.health),', '    path("api/", include("api.urls")),', ']', ''].join('\n'),
      'proj/views.py': 'def health(request):\n    return HttpResponse("ok")\n',
      'api/urls.py': 'from django.urls import path\nfrom api.views import ItemView\nurlpatterns = [\n    path("items/", ItemView.as_view()),\n]\n',
      'api/views.py': 'class ItemView(View):\n    pass\n'
    })
    const base = resolveCommit(dir, 'HEAD')!
    writeFileSync(join(dir, 'proj/settings.py'), 'ROOT_URLCONF = "proj.urls"\nAPI_PREFIX = "v2/"\n')
    git(dir, 'commit', '-q', '-am', 'head')
    const head = new WorkTreeSnapshot(dir)
    const headRoutes = routesOf(head)
    const baseRoutes = routesOf(new GitTreeSnapshot(dir, base, { shareWith: head }))
    expect(headRoutes).toEqual(['/api/items/ api/urls.py:4', '/v2/health/ proj/urls.py:4'])
    expect(baseRoutes).toEqual(['/api/items/ api/urls.py:4', '/v1/health/ proj/urls.py:4'])
    // And the head alone, from a fresh snapshot, agrees with the head that shared its reads.
    expect(routesOf(new WorkTreeSnapshot(dir))).toEqual(headRoutes)
  })

  it('a Go router file the PR left alone replays its shape, with the package constant of each commit', () => {
    const dir = tempGitRepo({
      'go.mod': 'module x\n\nrequire github.com/go-chi/chi/v5 v5.0.0\n',
      'consts.go': 'package main\n\nconst apiPrefix = "/v1"\n',
      'main.go': ['package main', '', 'func main() {', '\tr := chi.NewRouter()', '\t// r.Get("/commented", nope)', '\tr.Route(apiPrefix, func(r chi.Router) {', '\t\tr.Get("/users", listUsers)', '\t})', '\tr.Get("/healthz", hz)', '}', ''].join('\n')
    })
    const base = resolveCommit(dir, 'HEAD')!
    writeFileSync(join(dir, 'consts.go'), 'package main\n\nconst apiPrefix = "/v2"\n')
    git(dir, 'commit', '-q', '-am', 'head')
    const head = new WorkTreeSnapshot(dir)
    const headRoutes = routesOf(head)
    expect(headRoutes).toEqual(['/healthz main.go:9', '/v2/users main.go:7'])
    expect(routesOf(new GitTreeSnapshot(dir, base, { shareWith: head }))).toEqual(['/healthz main.go:9', '/v1/users main.go:7'])
    expect(routesOf(new WorkTreeSnapshot(dir))).toEqual(headRoutes)
  })

  it('a Go router file the PR left alone still sees its handler change in another file: body and declaration per commit', () => {
    const main = ['package main', '', 'func main() {', '\tr := gin.Default()', '\tr.GET("/healthz", healthz)', '\tr.GET("/readyz", readyz)', '}', ''].join('\n')
    const dir = tempGitRepo({
      'go.mod': 'module x\n\nrequire github.com/gin-gonic/gin v1.9.0\n',
      'main.go': main,
      'health.go': 'package main\n\nfunc healthz(c *gin.Context) {\n\tif err := db.PingContext(c); err != nil {\n\t\tc.Status(503)\n\t}\n}\n',
      'ready.go': 'package main\n\nfunc other(c *gin.Context) {}\n'
    })
    const base = resolveCommit(dir, 'HEAD')!
    // The head makes /healthz shallow and declares readyz in a new file, with a deep body.
    writeFileSync(join(dir, 'health.go'), 'package main\n\nfunc healthz(c *gin.Context) {\n\tc.Status(200)\n}\n')
    writeFileSync(join(dir, 'a_ready.go'), 'package main\n\nfunc readyz(c *gin.Context) {\n\tdb.PingContext(c)\n}\n')
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '-m', 'head')
    const touches = (snap: Snapshot): string[] =>
      collectService(snap, collectManifests(snap))
        .routes.map((r) => `${r.path} ${r.touches?.map((t) => `${t.file}:${t.line}`).join(',') ?? ''}`)
        .sort()
    const head = new WorkTreeSnapshot(dir)
    const headTouches = touches(head)
    expect(headTouches).toEqual(['/healthz ', '/readyz a_ready.go:4'])
    expect(touches(new GitTreeSnapshot(dir, base, { shareWith: head }))).toEqual(['/healthz health.go:4', '/readyz '])
    expect(touches(new WorkTreeSnapshot(dir))).toEqual(headTouches)
  })
})
