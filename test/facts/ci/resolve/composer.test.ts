import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'
import { resolveScript, type ResolvedCommand } from '../../../../src/facts/ci/resolve/index.js'

const STEP = { path: '.github/workflows/ci.yml', line: 10, text: 'PHP' }

function run(files: Record<string, string>, script: string, cwd = ''): ResolvedCommand[] {
  return resolveScript(script, { snapshot: new MemorySnapshot(files), path: '.github/workflows/ci.yml', line: 12, cwd, chain: [STEP] })
}
const chain = (c: ResolvedCommand) => c.chain.map((l) => `${l.path}:${l.line ?? '?'} ${l.text}`)
const argvs = (cs: ResolvedCommand[]) => cs.map((c) => c.argv.join(' '))

const COMPOSER = JSON.stringify(
  {
    name: 'acme/api',
    require: { php: '^8.3', 'laravel/framework': '^11.0' },
    scripts: {
      'post-autoload-dump': ['Illuminate\\Foundation\\ComposerScripts::postAutoloadDump', '@php artisan package:discover --ansi'],
      test: '@php artisan test --parallel',
      cs: 'mago format --check',
      analyze: 'phpstan analyse --memory-limit 1G',
      'tests-unit': 'vendor/bin/phpunit --exclude-group integration tests/',
      linting: ['bin/console lint:container', 'bin/console lint:yaml config'],
      'pre-commit': ['@linting', '@analyze --no-progress', '@tests-unit'],
      env: ['@putenv APP_ENV=test', 'phpunit @additional_args --stop-on-failure'],
      loop: '@loop'
    }
  },
  null,
  2
)

describe('composer scripts', () => {
  it('follows `composer NAME`, `run-script` and `run`, with @php as PHP and `--` arguments appended', () => {
    const files = { 'composer.json': COMPOSER }
    expect(argvs(run(files, 'composer test'))).toEqual(['artisan test --parallel'])
    expect(argvs(run(files, 'composer run-script analyze -- --no-progress'))).toEqual(['phpstan analyse --memory-limit 1G --no-progress'])
    expect(argvs(run(files, 'composer run cs'))).toEqual(['mago format --check'])
    const out = run(files, 'composer analyze -- --no-progress')
    expect(chain(out[0]!)).toEqual(['.github/workflows/ci.yml:10 PHP', '.github/workflows/ci.yml:12 composer analyze -- --no-progress', `composer.json:${COMPOSER.split('\n').findIndex((l) => l.includes('"analyze"')) + 1} phpstan analyse --memory-limit 1G --no-progress`])
  })

  it('runs arrays in order and @references with their own arguments', () => {
    const out = run({ 'composer.json': COMPOSER }, 'composer pre-commit')
    expect(argvs(out)).toEqual(['console lint:container', 'console lint:yaml config', 'phpstan analyse --memory-limit 1G --no-progress', 'phpunit --exclude-group integration tests/'])
    // The @reference is a link of its own, on the line of the entry.
    expect(chain(out[2]!).slice(2).map((l) => l.replace(/:\d+ /, ' '))).toEqual(['composer.json @analyze --no-progress', 'composer.json phpstan analyse --memory-limit 1G --no-progress'])
  })

  it('skips PHP callbacks and @putenv, and puts arguments where @additional_args stands', () => {
    const files = { 'composer.json': COMPOSER }
    expect(argvs(run(files, 'composer env -- --filter Foo'))).toEqual(['phpunit --filter Foo --stop-on-failure'])
    expect(argvs(run(files, 'composer run-script post-autoload-dump'))).toEqual(['artisan package:discover --ansi'])
  })

  it('leaves Composer commands to the catalogues, and reads -d / --working-dir', () => {
    const files = { 'api/composer.json': COMPOSER }
    expect(argvs(run(files, 'composer validate --strict\ncomposer install --no-progress\ncomposer normalize --dry-run'))).toEqual(['composer validate --strict', 'composer install --no-progress', 'composer normalize --dry-run'])
    expect(argvs(run(files, 'composer -d api test'))).toEqual(['artisan test --parallel'])
    expect(argvs(run(files, 'composer --working-dir=api cs'))).toEqual(['mago format --check'])
    expect(argvs(run(files, 'composer cs', 'api/src'))).toEqual(['mago format --check'])
  })

  it('emits an unknown script as written, and stops a self-referencing script', () => {
    expect(argvs(run({ 'composer.json': COMPOSER }, 'composer nope'))).toEqual(['composer nope'])
    expect(argvs(run({}, 'composer test'))).toEqual(['composer test'])
    expect(run({ 'composer.json': COMPOSER }, 'composer loop').length).toBeLessThanOrEqual(1)
    expect(argvs(run({ 'composer.json': '{ not json' }, 'composer test'))).toEqual(['composer test'])
  })
})

describe('composer scripts: hostile input', () => {
  it('stops a fan-out of @references (200 entries per script, eight levels) within the work budget', () => {
    const scripts: Record<string, string[]> = {}
    for (let level = 0; level < 9; level++) scripts[`s${level}`] = Array.from({ length: 200 }, () => (level < 8 ? `@s${level + 1}` : 'phpunit'))
    const started = performance.now()
    const out = run({ 'composer.json': JSON.stringify({ scripts }) }, 'composer s0')
    expect(performance.now() - started).toBeLessThan(2000)
    expect(out.length).toBeLessThanOrEqual(2000)
  })

  it('reads a composer.json that is not an object, has non-string entries or a huge script, and never throws', () => {
    for (const text of ['[]', 'null', '"x"', '{"scripts": []}', '{"scripts": {"test": 42, "lint": [null, 1, {"a": 1}, "phpcs"]}}', '\ufeff{"scripts": {"test": "phpunit"}}', JSON.stringify({ scripts: { test: 'phpunit ' + 'x'.repeat(200_000) } })]) {
      expect(() => run({ 'composer.json': text }, 'composer test\ncomposer lint')).not.toThrow()
    }
    expect(argvs(run({ 'composer.json': '{"scripts": {"lint": [null, 1, "phpcs"]}}' }, 'composer lint'))).toEqual(['phpcs'])
    expect(argvs(run({ 'composer.json': '\ufeff{"scripts": {"test": "phpunit"}}' }, 'composer test'))).toEqual(['phpunit'])
  })
})

describe('the PHP interpreter and composer exec', () => {
  it.each([
    ['php vendor/bin/phpunit --testsuite unit', ['phpunit --testsuite unit']],
    ['php -d memory_limit=-1 vendor/bin/phpstan analyse', ['phpstan analyse']],
    ['php -dmemory_limit=-1 bin/phpstan analyse', ['phpstan analyse']],
    ['php8.3 artisan test', ['artisan test']],
    ['APP_ENV=dev php bin/console lint:yaml config', ['console lint:yaml config']],
    ['php -l src/Kernel.php', ['php -l src/Kernel.php']],
    ['php -r "echo 1;"', ['php -r echo 1;']],
    ['composer exec -- phpstan analyse', ['phpstan analyse']],
    ['composer exec phpunit', ['phpunit']]
  ])('reads %j', (script, expected) => {
    expect(argvs(run({}, script))).toEqual(expected)
  })
})
