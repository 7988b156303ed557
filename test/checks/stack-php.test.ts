import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { everyPracticeFollowed, scanReport } from '../helpers/scan.js'
import { CHECK_IDS } from '../../src/checks/ids.js'
import { git, tempGitRepo } from '../helpers/tmp-repo.js'

/**
 * A Laravel API service as a team would keep it, scanned end to end from a git repository: every
 * check judged from the PHP idioms alone (Composer scripts, artisan, PHPStan/Larastan, Pint,
 * Spectator, Scramble, Pennant, Http::retry, withRouting health:), and a Symfony service for the
 * idioms that differ there.
 */

const WORKFLOW = `name: CI
on:
  pull_request:
  push:
    branches: [main]
jobs:
  php:
    runs-on: ubuntu-latest
    services:
      mysql:
        image: mysql:8.4
    steps:
      - uses: actions/checkout@v4
      - uses: shivammathur/setup-php@v2
        with:
          php-version: '8.3'
          tools: cs2pr
      - uses: ramsey/composer-install@v3
      - run: composer lint
      - run: composer analyse -- --error-format=checkstyle | cs2pr
      - run: composer test
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: docker/build-push-action@v6
        with:
          push: \${{ github.event_name == 'push' }}
          tags: ghcr.io/acme/rates:latest
`

const RELEASE = `name: release
on:
  push:
    tags: ['v*']
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: softprops/action-gh-release@v2
`

const LARAVEL = {
  'composer.json': JSON.stringify(
    {
      name: 'acme/rates',
      require: { php: '^8.3', 'laravel/framework': '^11.31', 'laravel/pennant': '^1.13', 'guzzlehttp/guzzle': '^7.9', 'dedoc/scramble': '^0.11' },
      'require-dev': { 'larastan/larastan': '^3.0', 'laravel/pint': '^1.18', 'phpunit/phpunit': '^11.4', 'hotmeteor/spectator': '^2.1' },
      scripts: {
        'post-autoload-dump': ['Illuminate\\Foundation\\ComposerScripts::postAutoloadDump', '@php artisan package:discover --ansi'],
        lint: 'pint --test',
        analyse: 'phpstan analyse --no-progress',
        test: '@php artisan test --parallel'
      }
    },
    null,
    4
  ),
  artisan: '#!/usr/bin/env php\n<?php\n$app = require_once __DIR__.\'/bootstrap/app.php\';\nexit($app->handleCommand(new ArgvInput));\n',
  'bootstrap/app.php': "<?php\n\nuse Illuminate\\Foundation\\Application;\n\nreturn Application::configure(basePath: dirname(__DIR__))\n    ->withRouting(\n        web: __DIR__.'/../routes/web.php',\n        api: __DIR__.'/../routes/api.php',\n        health: '/up',\n    )\n    ->create();\n",
  'routes/web.php': "<?php\n\nRoute::view('/', 'welcome');\n",
  'routes/api.php': "<?php\n\nuse App\\Http\\Controllers\\RateController;\nuse App\\Http\\Controllers\\ReadinessController;\n\nRoute::get('/ready', ReadinessController::class);\nRoute::prefix('v1')->group(function () {\n    Route::get('rates/{currency}', [RateController::class, 'show']);\n});\n",
  'app/Http/Controllers/ReadinessController.php': "<?php\n\nnamespace App\\Http\\Controllers;\n\nuse Illuminate\\Support\\Facades\\DB;\n\nfinal class ReadinessController\n{\n    public function __invoke()\n    {\n        DB::connection()->getPdo();\n        return response()->json(['status' => 'ok']);\n    }\n}\n",
  'app/Http/Controllers/RateController.php': "<?php\n\nnamespace App\\Http\\Controllers;\n\nuse App\\Services\\RatesClient;\nuse Laravel\\Pennant\\Feature;\n\nfinal class RateController\n{\n    public function show(string $currency, RatesClient $rates)\n    {\n        if (Feature::active('live-rates')) {\n            return $rates->live($currency);\n        }\n        return $rates->cached($currency);\n    }\n}\n",
  'app/Services/RatesClient.php': "<?php\n\nnamespace App\\Services;\n\nuse Illuminate\\Support\\Facades\\Http;\n\nfinal class RatesClient\n{\n    public function live(string $currency): array\n    {\n        return Http::retry(3, 200)->timeout(5)->get(config('rates.url'), ['c' => $currency])->throw()->json();\n    }\n}\n",
  'phpstan.neon': 'includes:\n    - vendor/larastan/larastan/extension.neon\n\nparameters:\n    level: 6\n    paths:\n        - app\n',
  'tests/Feature/RatesContractTest.php': "<?php\n\nnamespace Tests\\Feature;\n\nuse Spectator\\Spectator;\nuse Tests\\TestCase;\n\nfinal class RatesContractTest extends TestCase\n{\n    public function test_rates_match_the_spec(): void\n    {\n        Spectator::using('openapi.yaml');\n        $this->getJson('/api/v1/rates/EUR')->assertValidRequest()->assertValidResponse(200);\n    }\n}\n",
  'phpunit.xml': '<?xml version="1.0"?>\n<phpunit><testsuites><testsuite name="Feature"><directory>tests/Feature</directory></testsuite></testsuites></phpunit>\n',
  Dockerfile: 'FROM php:8.3-fpm-alpine\nWORKDIR /var/www\nCOPY . .\nRUN composer install --no-dev --optimize-autoloader\nHEALTHCHECK CMD wget -qO- http://localhost/up || exit 1\n',
  'CHANGELOG.md': '# Changelog\n\n## [1.1.0] - 2026-01-10\n\n- Live rates behind the live-rates flag.\n\n## [1.0.0] - 2025-12-01\n\n- First release.\n',
  '.github/workflows/ci.yml': WORKFLOW,
  '.github/workflows/release.yml': RELEASE,
  '.github/settings.yml': 'branches:\n  - name: main\n    protection:\n      required_pull_request_reviews:\n        required_approving_review_count: 1\n      required_status_checks:\n        strict: true\n        contexts: [php]\n'
}

async function scan(files: Record<string, string>): Promise<Map<string, { status: string; summary: string }>> {
  const dir = tempGitRepo(files)
  git(dir, 'tag', 'v1.0.0')
  git(dir, 'tag', 'v1.1.0')
  const report = await scanReport({ root: dir, config: DEFAULT_CONFIG })
  return new Map(report.checks.map((c) => [c.id, { status: c.status, summary: c.summary }]))
}

describe('a Laravel service, every check', () => {
  it('judges all fourteen checks from the PHP idioms', async () => {
    const checks = await scan(LARAVEL)
    expect([...checks.keys()].sort()).toEqual([...CHECK_IDS].sort())
    const status = Object.fromEntries([...checks].map(([id, c]) => [id, c.status]))
    // One of the two controllers (the readiness probe) runs DB:: itself: 50 % > 20 %.
    expect(status).toEqual(everyPracticeFollowed({ 'mandatory-prs': 'pass', 'layered-architecture': 'partial' }))
    expect(checks.get('ci-lint')!.summary).toContain('Pint')
    expect(checks.get('ci-tests')!.summary).toContain('artisan test')
    expect(checks.get('type-checking')!.summary).toContain('PHPStan')
    expect(checks.get('static-analysis')!.summary).toContain('PHPStan (gating level)')
    expect(checks.get('contract-tests')!.summary).toContain('Spectator')
    expect(checks.get('openapi-published')!.summary).toContain('/docs/api.json')
    expect(checks.get('health-endpoint')!.summary).toContain('/up, /api/ready')
    expect(checks.get('health-endpoint')!.summary).toContain('DB::')
    expect(checks.get('feature-flags')!.summary).toContain('Laravel Pennant')
    expect(checks.get('circuit-breakers')!.summary).toContain('Laravel HTTP client retry')
  })

  it('the same service without its PHP practices fails them, with PHP fixes', async () => {
    const bare = {
      'composer.json': JSON.stringify({ name: 'acme/rates', require: { php: '^8.3', 'laravel/framework': '^11.31' }, scripts: { fmt: 'pint' } }),
      artisan: LARAVEL.artisan,
      'routes/api.php': "<?php\nRoute::get('/rates', fn () => []);\n",
      '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  php:\n    runs-on: ubuntu-latest\n    steps:\n      - run: composer fmt\n'
    }
    const dir = tempGitRepo(bare)
    const report = await scanReport({ root: dir, config: DEFAULT_CONFIG })
    const by = new Map(report.checks.map((c) => [c.id, c]))
    expect(by.get('ci-lint')!.status).toBe('fail')
    expect(by.get('ci-lint')!.remediation).toContain('shivammathur/setup-php')
    expect(by.get('ci-tests')!.remediation).toContain('php artisan test')
    expect(by.get('type-checking')!.remediation).toContain('vendor/bin/phpstan analyse')
    expect(by.get('static-analysis')!.remediation).toContain('PHPStan at a gating level')
    expect(by.get('health-endpoint')!.remediation).toContain("health: '/up'")
    expect(by.get('openapi-published')!.remediation).toContain('dedoc/scramble')
    expect(by.get('feature-flags')!.remediation).toContain('Laravel\\Pennant\\Feature')
    expect(by.get('circuit-breakers')!.remediation).toContain('Http::retry')
    for (const c of report.checks) {
      // No other stack's snippet is shown to a PHP service.
      expect(c.remediation ?? '').not.toMatch(/```(python|go|ruby|rust|csharp|elixir)\b|pip install|npm ci|go build/)
    }
  })
})

describe('a Symfony service', () => {
  it('reads attribute routes under import prefixes, Nelmio, PHP-CS-Fixer and PHPUnit', async () => {
    const checks = await scan({
      'composer.json': JSON.stringify({ name: 'acme/tracker', require: { php: '^8.2', 'symfony/framework-bundle': '^7.1', 'nelmio/api-doc-bundle': '^4.30' }, 'require-dev': { 'phpunit/phpunit': '^11.0', 'phpstan/phpstan': '^2.0', 'friendsofphp/php-cs-fixer': '^3.64' } }),
      'config/routes.yaml': 'api:\n    resource: ../src/API/\n    type: attribute\n    prefix: /api\n\napi.swagger_ui:\n    path: /api/doc\n    methods: GET\n    defaults: { _controller: nelmio_api_doc.controller.stoplight }\n',
      'src/API/StatusController.php': "<?php\n\nnamespace App\\API;\n\nuse Symfony\\Component\\Routing\\Attribute\\Route;\n\nfinal class StatusController\n{\n    #[Route(methods: ['GET'], path: '/ping')]\n    public function pingAction(): Response\n    {\n        return new JsonResponse(['message' => 'pong']);\n    }\n}\n",
      'phpstan.neon': 'parameters:\n    level: 9\n    paths: [src]\n',
      'tests/API/StatusControllerTest.php': '<?php\nfinal class StatusControllerTest extends WebTestCase {}\n',
      '.github/workflows/ci.yml': "on: pull_request\njobs:\n  qa:\n    runs-on: ubuntu-latest\n    steps:\n      - run: vendor/bin/php-cs-fixer fix --dry-run --format=checkstyle | cs2pr\n      - run: vendor/bin/phpstan analyse -c phpstan.neon --no-progress\n      - run: APP_ENV=test php bin/console lint:yaml config\n      - run: php bin/phpunit --testsuite unit\n"
    })
    expect(checks.get('ci-lint')).toMatchObject({ status: 'pass' })
    expect(checks.get('ci-lint')!.summary).toContain('PHP-CS-Fixer')
    expect(checks.get('ci-tests')!.status).toBe('pass')
    expect(checks.get('static-analysis')!.status).toBe('pass')
    expect(checks.get('health-endpoint')).toMatchObject({ status: 'pass' })
    expect(checks.get('health-endpoint')!.summary).toContain('/api/ping')
    expect(checks.get('openapi-published')).toMatchObject({ status: 'pass' })
    expect(checks.get('openapi-published')!.summary).toContain('/api/doc')
  })
})
