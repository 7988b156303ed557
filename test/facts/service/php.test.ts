import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { collectService } from '../../../src/facts/service/index.js'
import { lexPhp } from '../../../src/facts/service/routes/php-lex.js'
import type { ServiceFacts } from '../../../src/facts/service/types.js'

function scan(files: Record<string, string>): ServiceFacts {
  const snap = new MemorySnapshot(files)
  return collectService(snap, collectManifests(snap))
}
const routes = (s: ServiceFacts): string[] => s.routes.map((r) => `${r.methods.join('/')} ${r.path} ${r.file}:${r.line}`).sort()
const composer = (require: Record<string, string>): string => JSON.stringify({ name: 'acme/app', require: { php: '^8.3', ...require } }, null, 2)

describe('Laravel', () => {
  const app = {
    'composer.json': composer({ 'laravel/framework': '^11.0' }),
    'bootstrap/app.php': [
      '<?php',
      'return Application::configure(basePath: dirname(__DIR__))',
      '    ->withRouting(',
      "        web: __DIR__.'/../routes/web.php',",
      "        api: __DIR__.'/../routes/api.php',",
      "        commands: __DIR__.'/../routes/console.php',",
      "        health: '/up',",
      '    )',
      '    ->create();'
    ].join('\n'),
    'routes/web.php': ['<?php', "Route::get('/', fn () => view('welcome'));", "// Route::get('/commented', fn () => 1);", "require __DIR__.'/auth.php';"].join('\n'),
    'routes/auth.php': ['<?php', "Route::middleware('guest')->group(function () {", "    Route::post('login', [AuthenticatedSessionController::class, 'store']);", '});'].join('\n'),
    'routes/api.php': [
      '<?php',
      'use App\\Http\\Controllers\\HealthController;',
      "Route::get('/health', [HealthController::class, 'check']);",
      "Route::prefix('v1')->middleware('auth:sanctum')->group(function () {",
      "    Route::apiResource('orders', OrderController::class);",
      "    Route::group(['prefix' => 'admin', 'middleware' => 'can:admin'], function () {",
      "        Route::match(['get', 'post'], 'reports', 'ReportController@index');",
      "        Route::get('ping', ['uses' => 'PingController@ping', 'as' => 'ping']);",
      '    });',
      "    Route::get('status/{id}', function (string $id) {",
      "        return DB::table('jobs')->find($id);",
      '    });',
      '});',
      "Route::prefix('legacy')->group(base_path('routes/legacy.php'));"
    ].join('\n'),
    'routes/legacy.php': "<?php\nRoute::get('/items', 'ItemController@index');\n",
    'app/Http/Controllers/HealthController.php': ['<?php', 'class HealthController extends Controller', '{', '    public function check()', '    {', '        DB::connection()->getPdo();', "        return response()->json(['ok' => true]);", '    }', '}'].join('\n'),
    'app/Http/Controllers/PingController.php': "<?php\nclass PingController\n{\n    public function ping() { return 'pong'; }\n}\n"
  }

  it('reads withRouting, groups, prefixes, group files, require and handlers', () => {
    const s = scan(app)
    expect(s.frameworks.map((f) => f.framework)).toEqual(['laravel'])
    expect(routes(s)).toEqual([
      'GET / routes/web.php:2',
      'GET /api/health routes/api.php:3',
      'GET /api/legacy/items routes/legacy.php:2',
      'GET /api/v1/admin/ping routes/api.php:8',
      'GET /api/v1/status/{id} routes/api.php:10',
      'GET /up bootstrap/app.php:7',
      'GET/POST /api/v1/admin/reports routes/api.php:7',
      'GET/POST /api/v1/orders routes/api.php:5',
      'GET/PUT/PATCH/DELETE /api/v1/orders/{order} routes/api.php:5',
      'POST /login routes/auth.php:3'
    ])
    const health = s.routes.find((r) => r.path === '/api/health')!
    expect(health).toMatchObject({ handler: 'HealthController@check', touches: [{ token: 'DB::', file: 'app/Http/Controllers/HealthController.php', line: 6 }] })
    expect(s.routes.find((r) => r.path === '/api/v1/admin/ping')).toMatchObject({ handler: 'PingController@ping', touches: [] })
    expect(s.routes.find((r) => r.path === '/api/v1/status/{id}')).toMatchObject({ handler: 'closure', touches: [{ token: 'DB::', line: 11 }] })
    expect(s.routes.find((r) => r.path === '/up')).toMatchObject({ library: 'Laravel health route (withRouting health:)', touches: [] })
  })

  it('Laravel ≤ 10: RouteServiceProvider groups the route files; routes/api.php alone is under /api', () => {
    const provider = {
      'composer.json': composer({ 'laravel/framework': '^10.0' }),
      'app/Providers/RouteServiceProvider.php': [
        '<?php',
        'class RouteServiceProvider extends ServiceProvider {',
        '    public function boot(): void {',
        '        $this->routes(function () {',
        "            Route::middleware('api')->prefix('api/v2')->group(base_path('routes/api.php'));",
        "            Route::middleware('web')->group(base_path('routes/web.php'));",
        '        });',
        '    }',
        '}'
      ].join('\n'),
      'routes/api.php': "<?php\nRoute::get('/ping', fn () => 'pong');\n",
      'routes/web.php': "<?php\nRoute::view('/about', 'about');\n"
    }
    expect(routes(scan(provider))).toEqual(['GET /about routes/web.php:2', 'GET /api/v2/ping routes/api.php:2'])
    const alone = { 'composer.json': composer({ 'laravel/framework': '^10.0' }), 'routes/api.php': "<?php\nRoute::get('/ping', fn () => 'pong');\n" }
    expect(routes(scan(alone))).toEqual(['GET /api/ping routes/api.php:2'])
  })

  it('honours apiPrefix and a then: closure, and ignores dynamic paths', () => {
    const s = scan({
      'composer.json': composer({ 'laravel/framework': '^12.0' }),
      'bootstrap/app.php': "<?php\nreturn Application::configure(basePath: dirname(__DIR__))->withRouting(api: __DIR__.'/../routes/api.php', apiPrefix: 'api/v3', then: function () {\n    Route::prefix('webhooks')->group(base_path('routes/webhooks.php'));\n})->create();\n",
      'routes/api.php': "<?php\nRoute::get(\"{$endpoint}/x\", fn () => 1);\nRoute::get('/me', fn () => 1);\n",
      'routes/webhooks.php': "<?php\nRoute::post('stripe', StripeWebhookController::class);\n"
    })
    expect(routes(s)).toEqual(['GET /api/v3/me routes/api.php:3', 'POST /webhooks/stripe routes/webhooks.php:2'])
  })
})

describe('Lumen, Slim, CodeIgniter, CakePHP', () => {
  it('Lumen: $router->group with a prefix, routes required from bootstrap/app.php', () => {
    const s = scan({
      'composer.json': composer({ 'laravel/lumen-framework': '^10.0' }),
      'bootstrap/app.php': "<?php\n$app->router->group(['namespace' => 'App\\\\Http\\\\Controllers'], function ($router) {\n    require __DIR__.'/../routes/web.php';\n});\n",
      'routes/web.php': "<?php\n$router->get('/health', 'HealthController@show');\n$router->group(['prefix' => 'api/v1'], function () use ($router) {\n    $router->post('orders', 'OrderController@store');\n});\n"
    })
    expect(s.frameworks.map((f) => f.framework)).toEqual(['lumen'])
    expect(routes(s)).toEqual(['GET /health routes/web.php:2', 'POST /api/v1/orders routes/web.php:4'])
  })

  it('Slim: $app->group with a RouteCollectorProxy, and map()', () => {
    const s = scan({
      'composer.json': composer({ 'slim/slim': '^4.12' }),
      'app/routes.php': [
        '<?php',
        'return function (App $app) {',
        "    $app->get('/healthz', HealthAction::class);",
        "    $app->group('/users', function (Group $group) {",
        "        $group->get('', ListUsersAction::class);",
        "        $group->map(['GET', 'PUT'], '/{id}', UserAction::class);",
        '    });',
        '};'
      ].join('\n'),
      'src/Service/Cache.php': "<?php\nclass Cache { function x($app) { return $app->get('/not-a-route'); } }\n"
    })
    expect(routes(s)).toEqual(['GET /healthz app/routes.php:3', 'GET /users app/routes.php:5', 'GET/PUT /users/{id} app/routes.php:6'])
  })

  it('CodeIgniter 4 groups and CakePHP scopes', () => {
    const ci = scan({ 'composer.json': composer({ 'codeigniter4/framework': '^4.5' }), 'app/Config/Routes.php': "<?php\n$routes->get('ping', 'Health::ping');\n$routes->group('api', static function ($routes) {\n    $routes->resource('photos');\n});\n" })
    expect(routes(ci)).toEqual(['GET /ping app/Config/Routes.php:2', 'GET/POST /api/photos app/Config/Routes.php:4', 'GET/PUT/PATCH/DELETE /api/photos/{photo} app/Config/Routes.php:4'])
    const cake = scan({ 'composer.json': composer({ 'cakephp/cakephp': '^5.0' }), 'config/routes.php': "<?php\nreturn function (RouteBuilder $routes): void {\n    $routes->scope('/api', function (RouteBuilder $builder): void {\n        $builder->connect('/status', ['controller' => 'Status']);\n    });\n};\n" })
    expect(routes(cake)).toEqual(['ANY /api/status config/routes.php:4'])
  })
})

describe('Symfony', () => {
  const base = {
    'composer.json': composer({ 'symfony/framework-bundle': '^7.1', 'nelmio/api-doc-bundle': '^4.0' }),
    'config/routes.yaml': [
      'controllers:',
      '    resource:',
      '        path: ../src/Controller/',
      '        namespace: App\\Controller',
      '    type: attribute',
      'api:',
      '    resource: ../src/Api/',
      '    type: attribute',
      '    prefix: /api',
      'app.swagger:',
      '    path: /api/doc.json',
      '    methods: GET',
      '    defaults: { _controller: nelmio_api_doc.controller.swagger }',
      'legacy:',
      '    path: /legacy/health',
      '    controller: App\\Controller\\LegacyController::health',
      'when@dev:',
      '    _errors:',
      '        resource: "@FrameworkBundle/Resources/config/routing/errors.xml"',
      '        prefix: /_error'
    ].join('\n'),
    'config/routes/nelmio_api_doc.yaml': "app.swagger_ui:\n    resource: '@NelmioApiDocBundle/config/routing/swaggerui.xml'\n    prefix: /api/doc\n",
    'config/routes/dev/web_profiler.yaml': "web_profiler_wdt:\n    path: /_wdt\n",
    'src/Controller/LegacyController.php': "<?php\nclass LegacyController\n{\n    public function health(Connection $db): Response\n    {\n        $db->executeQuery('SELECT 1');\n        return new Response('ok');\n    }\n}\n",
    'src/Api/StatusController.php': [
      '<?php',
      'use Symfony\\Component\\Routing\\Attribute\\Route;',
      "#[Route('/status')]",
      '#[IsGranted(\'API\')]',
      'final class StatusController',
      '{',
      '    /**',
      '     * The function below answers pings',
      '     */',
      "    #[Route(methods: ['GET'], path: '/ping')]",
      '    public function ping(): Response',
      '    {',
      "        return new JsonResponse(['message' => 'pong']);",
      '    }',
      '',
      '    #[Route(',
      "        '/version',",
      "        name: 'version',",
      '    )]',
      '    public function version(): Response { return new Response(); }',
      '}'
    ].join('\n'),
    'src/Controller/HealthController.php': "<?php\n#[Route('/healthz', name: 'healthz', methods: ['GET'])]\nfinal class HealthController\n{\n    public function __invoke(): Response { return new Response('ok'); }\n}\n",
    'src/Controller/Old/AnnotatedController.php': '<?php\nclass AnnotatedController\n{\n    /**\n     * @Route("/old/{id}", name="old", methods={"GET","POST"})\n     */\n    public function show($id) {}\n}\n'
  }

  it('joins attribute routes with class and import prefixes, reads YAML routes and known bundle resources, skips dev routes', () => {
    const s = scan(base)
    expect(s.frameworks.map((f) => f.framework)).toEqual(['symfony'])
    expect(routes(s)).toEqual([
      'ANY /api/status/version src/Api/StatusController.php:16',
      'ANY /legacy/health config/routes.yaml:14',
      'GET /api/doc config/routes/nelmio_api_doc.yaml:1',
      'GET /api/doc.json config/routes.yaml:10',
      'GET /api/status/ping src/Api/StatusController.php:10',
      'GET /healthz src/Controller/HealthController.php:2',
      'GET/POST /old/{id} src/Controller/Old/AnnotatedController.php:5'
    ])
    expect(s.routes.find((r) => r.path === '/api/status/ping')).toMatchObject({ handler: 'StatusController::ping', touches: [] })
    expect(s.routes.find((r) => r.path === '/legacy/health')).toMatchObject({ handler: 'App\\Controller\\LegacyController::health', touches: [{ token: 'SELECT 1', line: 6 }] })
    expect(s.routes.find((r) => r.path === '/api/doc')).toMatchObject({ handler: 'nelmio_api_doc.controller.swagger_ui' })
  })

  it('reads config/routes.php imports and an app/config/routing.yml (Symfony 3) with a nested YAML import', () => {
    const php = scan({
      'composer.json': composer({ 'symfony/framework-bundle': '^7.0' }),
      'config/routes.php': "<?php\nreturn static function (RoutingConfigurator $routes): void {\n    $routes->import('../src/Controller/', 'attribute')->prefix('/v2');\n    $routes->add('ready', '/ready')->controller([ReadyController::class, 'check']);\n};\n",
      'src/Controller/PingController.php': "<?php\nclass PingController\n{\n    #[Route('/ping')]\n    public function ping() {}\n}\n"
    })
    expect(routes(php)).toEqual(['ANY /ready config/routes.php:4', 'ANY /v2/ping src/Controller/PingController.php:4'])
    const sf3 = scan({
      'composer.json': composer({ 'symfony/framework-bundle': '^3.4' }),
      'app/config/routing.yml': 'api:\n    resource: routing_api.yml\n    prefix: /api\n',
      'app/config/routing_api.yml': 'health:\n    path: /health\n    defaults: { _controller: AppBundle:Health:index }\n',
      'app/config/routing_dev.yml': 'debug:\n    path: /debug\n'
    })
    expect(routes(sf3)).toEqual(['ANY /api/health app/config/routing_api.yml:1'])
  })

  it('finds health bundles by their route resources', () => {
    const s = scan({ 'composer.json': composer({ 'symfony/framework-bundle': '^6.4' }), 'config/routes/liip_monitor.yaml': '_monitor:\n    resource: "@LiipMonitorBundle/Resources/config/routing.xml"\n    prefix: /monitor/health\n' })
    expect(routes(s)).toEqual(['GET /monitor/health config/routes/liip_monitor.yaml:1'])
    expect(s.healthLibraries.map((l) => l.name)).toEqual(['LiipMonitorBundle'])
  })
})

describe('the PHP lexer', () => {
  it('drops comments, keeps strings and lines, and marks interpolated strings', () => {
    const toks = lexPhp("<?php\n// Route::get('/a')\n# note\n/* Route::get('/b') */\n$x = \"a{$y}\"; $z = 'it\\'s';\n#[Route('/c')]\n")
    expect(toks.map((t) => `${t.k}:${t.v}${t.dynamic ? '*' : ''}@${t.line}`)).toEqual(['var:x@5', 'p:=@5', 'str:a{$y}*@5', 'p:;@5', 'var:z@5', 'p:=@5', "str:it's@5", 'p:;@5', 'p:#[@6', 'id:Route@6', 'p:(@6', 'str:/c@6', 'p:)@6', 'p:]@6'])
  })
  it('survives unterminated strings, comments and heredocs', () => {
    for (const text of ["<?php\n'open", '<?php /* open', '<?php <<<EOT\nnever closed', '<?php "a\\', '<?php $', "<?php <<<'X'\nbody\n  X;\nRoute::get('/x');"]) expect(() => lexPhp(text)).not.toThrow()
    expect(lexPhp("<?php <<<'X'\nbody\n  X;\nRoute::get('/x');").find((t) => t.v === '/x')?.line).toBe(4)
  })
})
