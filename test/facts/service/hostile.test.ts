import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectService } from '../../../src/facts/service/index.js'
import { manifestsOf } from './fixtures.js'

describe('hostile sources', () => {
  it('skips a 2 MB minified one-line bundle and says so', () => {
    const bundle = "app.get('/x',function(){})".padEnd(2_000_000, ';')
    const s = collectService(
      new MemorySnapshot({ 'public/bundle.js': bundle, 'src/app.js': "const app = express()\napp.get('/healthz', (q, r) => r.send())" }),
      manifestsOf({ 'package.json': ['express'] })
    )
    expect(s.routes.map((r) => r.path)).toEqual(['/healthz'])
    expect(s.skipped).toEqual([{ path: 'public/bundle.js', reason: '2000000 bytes, over the 1048576-byte cap for route scanning' }])
  })

  it('blanks over-long lines in a file under the cap, keeping line numbers', () => {
    const long = 'const x = "' + 'a'.repeat(20_000) + '"'
    const s = collectService(new MemorySnapshot({ 'src/app.js': ['const app = express()', long, "app.get('/ping', h)"].join('\n') }), manifestsOf({ 'package.json': ['express'] }))
    expect(s.routes.map((r) => [r.path, r.line])).toEqual([['/ping', 3]])
    expect(s.skipped[0]!.reason).toBe('1 line over 10240 characters (minified or generated) not scanned')
  })

  it('survives lines crafted against backtracking', () => {
    const py = ['from fastapi import FastAPI', 'app = FastAPI()', ' '.repeat(5000) + 'a'.repeat(80) + ':' + 'b'.repeat(60) + ' '.repeat(3000) + '=', '@app.get("' + '{'.repeat(3000) + '")', '@app.get("/health")', 'def h():', '    return 1']
    const go = ['package main', 'func main() {', 'r.' + 'A'.repeat(9000) + '(', '\t' + 'x.'.repeat(4000) + 'GET("/ok", h)', '}']
    const s = collectService(new MemorySnapshot({ 'main.py': py.join('\n'), 'main.go': go.join('\n') }), manifestsOf({ 'requirements.txt': ['fastapi'], 'go.mod': ['github.com/gin-gonic/gin'] }))
    // The 3,000-brace literal is longer than the bounded literal reader follows: not a route.
    expect(s.routes.map((r) => r.path).sort()).toEqual(['/health', '/ok'])
  })

  it('keeps a route whose prefix is a variable from elsewhere, marked unknown, not guessed', () => {
    const s = collectService(
      new MemorySnapshot({ 'app.py': ['from fastapi import FastAPI, APIRouter', 'from cfg import PREFIX_FROM_ENV', 'app = FastAPI()', 'r = APIRouter()', '@r.get("/healthz")', 'def hz(): return 1', 'app.include_router(r, prefix=os.environ["P"])'].join('\n') }),
      manifestsOf({ 'requirements.txt': ['fastapi'] })
    )
    expect(s.routes).toMatchObject([{ path: '/healthz', prefixUnknown: 'os.environ["P"]' }])
  })

  it('reads PHP route files crafted against the bracket matcher, the include walk and the path evaluator in bounded time', () => {
    const unbalanced = '<?php\n' + "Route::get('/x', [A::class, 'b'](".repeat(60_000) + "\nRoute::get('/ok', fn () => 1);\n"
    const dirnames = '<?php\nRoute::prefix(\'a\')->group(' + 'dirname('.repeat(20_000) + '__DIR__' + ')'.repeat(20_000) + ");\nRoute::get('/deep', fn () => 1);\n"
    const nested = '<?php\n' + "Route::prefix('p')->group(function () {\n".repeat(20) + "Route::get('/n', fn () => 1);\n" + '});\n'.repeat(20) + "Route::prefix('q')->group(function () {\n".repeat(5_000) + "Route::get('/too-deep', fn () => 1);\n" + '});\n'.repeat(5_000)
    const cycle = { 'routes/a.php': "<?php\nRoute::prefix('a')->group(base_path('routes/b.php'));\n", 'routes/b.php': "<?php\nRoute::prefix('b')->group(base_path('routes/a.php'));\nRoute::get('/c', fn () => 1);\n" }
    const started = performance.now()
    const snap = new MemorySnapshot({ 'composer.json': '{"require": {"laravel/framework": "^11"}}', 'routes/web.php': unbalanced, 'routes/deep.php': dirnames, 'routes/nested.php': nested, ...cycle })
    const s = collectService(snap, manifestsOf({ 'composer.json': ['laravel/framework'] }, 'php'))
    expect(performance.now() - started).toBeLessThan(5000)
    const paths = s.routes.map((r) => r.path)
    expect(paths).toContain('/deep')
    expect(paths).toContain('/p'.repeat(20) + '/n')
    // Closures nested deeper than the scanner follows are left out, not a crash.
    expect(paths.some((p) => p.endsWith('/too-deep'))).toBe(false)
    expect(s.problems).toEqual([])
  })
})

