import { describe, expect, it } from 'vitest'
import check from '../../src/checks/circuit-breakers.js'
import { factsFor, runCheck } from './dependency-facts.js'

const run = (files: Record<string, string>, extra: { packages?: string[] } = {}) => runCheck(check, factsFor(files, extra.packages ? { signatures: { 'circuit-breakers': { packages: extra.packages } } } : {}), extra)

describe('circuit-breakers', () => {
  it('counts a retry library declared in config (signatures.circuit-breakers.packages), read by the resilience collector', () => {
    const files = { 'requirements.txt': 'fastapi\nacme-retry\n', 'app/client.py': 'import acme_retry\n\ndef rates():\n    return acme_retry.call(fetch)\n' }
    expect(run(files).status).toBe('fail')
    const declared = run(files, { packages: ['Acme_Retry'] })
    expect([declared.status, declared.data]).toEqual(['pass', { libs: 'Acme_Retry' }])
  })

  it('passes when tenacity wraps an outbound HTTP call', () => {
    const out = run({
      'pyproject.toml': '[project]\nname = "svc"\ndependencies = [\n  "httpx",\n  "tenacity>=8",\n]\n',
      'app/clients/rates.py': 'import httpx\nfrom tenacity import retry, stop_after_attempt\n\n@retry(stop=stop_after_attempt(3))\ndef fetch():\n    return httpx.get(URL, timeout=5)\n'
    })
    expect(out.status).toBe('pass')
    expect(out.messageId).toBe('library-used')
    expect(out.data).toEqual({ libs: 'tenacity' })
    expect(out.evidence).toEqual([
      { path: 'pyproject.toml', line: 5, message: 'tenacity (`tenacity`) is a dependency' },
      { path: 'app/clients/rates.py', line: 4, message: 'used: @retry(stop=stop_after_attempt(3))' },
      { path: 'app/clients/rates.py', line: 2, message: 'used: from tenacity import retry, stop_after_attempt' }
    ])
  })

  it('is partial when tenacity only waits for the database at start-up (full-stack template trap)', () => {
    const out = run({
      'backend/pyproject.toml': '[project]\nname = "app"\ndependencies = ["tenacity<9.0.0,>=8.2.3", "sqlmodel"]\n',
      'backend/app/backend_pre_start.py': [
        'from sqlmodel import Session, select',
        'from tenacity import after_log, before_log, retry, stop_after_attempt, wait_fixed',
        '',
        'max_tries = 60 * 5',
        '@retry(stop=stop_after_attempt(max_tries), wait=wait_fixed(1))',
        'def init(db_engine) -> None:',
        '    with Session(db_engine) as session:',
        '        session.exec(select(1))'
      ].join('\n')
    })
    expect(out.status).toBe('partial')
    expect(out.messageId).toBe('startup-only')
    expect(out.evidence?.[0]).toEqual({ path: 'backend/pyproject.toml', line: 3, message: 'tenacity (`tenacity`) is a dependency' })
    expect(out.evidence?.[1]).toEqual({ path: 'backend/app/backend_pre_start.py', line: 5, message: 'start-up wait, not an outbound call: @retry(stop=stop_after_attempt(max_tries), wait=wait_fixed(1))' })
  })

  it('also treats a retry next to SELECT 1 in an ordinary module as a start-up wait', () => {
    const out = run({
      'requirements.txt': 'backoff\n',
      'app/db.py': 'import backoff\n\n@backoff.on_exception(backoff.expo, Exception, max_tries=30)\ndef wait():\n    conn.execute("SELECT 1")\n'
    })
    expect([out.status, out.messageId]).toEqual(['partial', 'startup-only'])
  })

  it('sees a while (retryCount < MAX) loop with a delay as a hand-rolled retry (hoppscotch)', () => {
    const out = run({
      'package.json': JSON.stringify({ dependencies: { '@nestjs/core': '^10' } }),
      'src/collections.service.ts': 'async move() {\n  let retryCount = 0\n  while (retryCount < this.MAX_RETRIES) {\n    try { return await this.prisma.$transaction(fn) } catch (e) { retryCount++; await delay(retryCount * 100) }\n  }\n}\n'
    })
    expect([out.status, out.messageId]).toEqual(['partial', 'hand-rolled'])
    expect(out.evidence?.[0]).toMatchObject({ path: 'src/collections.service.ts', line: 3 })
  })

  it("says a mobile or browser client's retry loop beside the API is front-end only, after the service's own (linkwarden)", () => {
    const loop = 'export async function buy() {\n  for (let attempt = 0; attempt < 8; attempt++) {\n    try { return await purchase() } catch { await sleep(500) }\n  }\n}\n'
    const files = {
      'package.json': JSON.stringify({ workspaces: ['apps/*'] }),
      'apps/web/package.json': JSON.stringify({ dependencies: { next: '^15', react: '^19' } }),
      'apps/web/pages/api/v1/links.ts': 'export default async function handler(req, res) {\n  res.json(await prisma.link.findMany())\n}\n',
      'apps/mobile/package.json': JSON.stringify({ dependencies: { react: '^19', 'react-native': '^0.79', expo: '^53' } }),
      'apps/mobile/lib/iap.ts': loop
    }
    const client = run(files)
    expect([client.status, client.messageId]).toEqual(['partial', 'hand-rolled'])
    expect(client.evidence?.[0]).toMatchObject({ path: 'apps/mobile/lib/iap.ts', message: expect.stringContaining('front-end only: a browser app (apps/mobile/package.json depends on react') })
    // The same loop in the API's own code comes first, as the service's.
    const server = run({ ...files, 'apps/web/lib/payments.ts': loop })
    expect(server.evidence?.map((e) => e.path)).toEqual(['apps/web/lib/payments.ts', 'apps/mobile/lib/iap.ts'])
    expect(server.evidence?.[0]?.message).not.toContain('front-end only')
  })

  it('credits backoff decorators, not a function whose name ends in on_exception (redash metrics)', () => {
    const files = {
      'requirements.txt': 'backoff\n',
      'app/metrics.py': 'def calculate_metrics_on_exception(error):\n    pass\n',
      'app/client.py': 'from backoff import on_exception, expo\n\n@on_exception(expo, QuotaError, max_tries=10)\ndef send(path):\n    return requests.get(path)\n'
    }
    const out = run(files)
    expect(out.status).toBe('pass')
    expect(out.evidence?.filter((e) => e.message.startsWith('used')).map((e) => `${e.path}:${e.line}`)).toEqual(['app/client.py:3', 'app/client.py:1'])
  })

  it('is partial for job-queue retries only (Celery autoretry), with the reason', () => {
    const out = run({ 'requirements.txt': 'celery\n', 'app/tasks.py': '@shared_task(autoretry_for=(Exception,), retry_backoff=True)\ndef send(x):\n    pass\n' })
    expect(out.status).toBe('partial')
    expect(out.messageId).toBe('job-retries')
    expect(out.evidence).toEqual([{ path: 'app/tasks.py', line: 1, message: 'job-queue retry (re-runs the job; protects no outbound call): @shared_task(autoretry_for=(Exception,), retry_backoff=True)' }])
  })

  it('is partial for a dependency nobody uses, or uses only in tests', () => {
    const unused = run({ 'package.json': JSON.stringify({ dependencies: { opossum: '^8' } }, null, 2), 'src/index.ts': "import express from 'express'\n" })
    expect([unused.status, unused.messageId, unused.evidence]).toEqual(['partial', 'dependency-only', [{ path: 'package.json', line: 3, message: 'opossum (`opossum`) is a dependency, but it is never imported or called outside tests' }]])
    const testOnly = run({ 'requirements.txt': 'tenacity\n', 'tests/conftest.py': 'from tenacity import retry\n' })
    expect(testOnly.evidence).toEqual([{ path: 'requirements.txt', line: 1, message: 'tenacity (`tenacity`) is a dependency, used only in tests' }])
  })

  it('passes for urllib3 Retry mounted on a requests HTTPAdapter; requests alone is nothing', () => {
    const out = run({
      'requirements.txt': 'requests\n',
      'app/http.py': 'import requests\nfrom urllib3.util.retry import Retry\nfrom requests.adapters import HTTPAdapter\nsession.mount("https://", HTTPAdapter(max_retries=Retry(total=3, backoff_factor=0.5)))\n'
    })
    expect([out.status, out.data]).toEqual(['pass', { libs: 'urllib3 Retry + requests HTTPAdapter' }])
    expect(out.evidence?.[1]).toEqual({ path: 'app/http.py', line: 4, message: 'used: session.mount("https://", HTTPAdapter(max_retries=Retry(total=3, backoff_factor=0.5)))' })
    const plain = run({ 'requirements.txt': 'requests\n', 'app/http.py': 'import requests\nrequests.get(URL, timeout=5)\n' })
    expect([plain.status, plain.messageId]).toEqual(['fail', 'none'])
  })

  it('passes for opossum, gobreaker, Resilience4j and circuitbox', () => {
    const node = run({ 'package.json': JSON.stringify({ dependencies: { opossum: '^8' } }), 'src/rates.ts': "import CircuitBreaker from 'opossum'\nconst breaker = new CircuitBreaker(fetchRates, { timeout: 3000 })\n" })
    expect([node.status, node.evidence?.[1]]).toEqual(['pass', { path: 'src/rates.ts', line: 2, message: 'used: const breaker = new CircuitBreaker(fetchRates, { timeout: 3000 })' }])
    const go = run({ 'go.mod': 'module x\nrequire github.com/sony/gobreaker/v2 v2.0.0\n', 'internal/cb.go': 'package cb\nimport "github.com/sony/gobreaker/v2"\nvar cb = gobreaker.NewCircuitBreaker[[]byte](gobreaker.Settings{Name: "x"})\n' })
    expect([go.status, go.data]).toEqual(['pass', { libs: 'gobreaker' }])
    const java = run({
      'pom.xml': '<project><dependencies><dependency><groupId>io.github.resilience4j</groupId><artifactId>resilience4j-spring-boot3</artifactId></dependency></dependencies></project>',
      'src/main/java/x/RatesClient.java': 'package x;\nimport io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;\nclass RatesClient {\n  @CircuitBreaker(name = "rates", fallbackMethod = "cached")\n  Rates fetch() { return null; }\n}\n'
    })
    expect([java.status, java.evidence?.[1]]).toEqual(['pass', { path: 'src/main/java/x/RatesClient.java', line: 4, message: 'used: @CircuitBreaker(name = "rates", fallbackMethod = "cached")' }])
    const ruby = run({ Gemfile: "gem 'circuitbox'\n", 'app/services/rates.rb': 'class Rates\n  def fetch\n    Circuitbox.circuit(:rates, exceptions: [Net::ReadTimeout]).run { get }\n  end\nend\n' })
    expect([ruby.status, ruby.data]).toEqual(['pass', { libs: 'circuitbox' }])
  })

  it('is partial for a hand-rolled retry loop', () => {
    const out = run({ 'requirements.txt': 'httpx\n', 'app/client.py': 'import time\nfor attempt in range(3):\n    try:\n        return httpx.get(u)\n    except httpx.HTTPError:\n        time.sleep(2 ** attempt)\n' })
    expect([out.status, out.messageId, out.evidence]).toEqual(['partial', 'hand-rolled', [{ path: 'app/client.py', line: 2, message: 'hand-rolled retry loop: for attempt in range(3):' }]])
  })

  it('fails with nothing, and names the detected ecosystem in the remediation', () => {
    const out = run({ 'go.mod': 'module x\n', 'main.go': 'package main\n' })
    expect([out.status, out.messageId]).toEqual(['fail', 'none'])
    expect(out.remediation).toContain('gobreaker')
    expect(out.remediation).not.toContain('tenacity')
  })

  it('PHP: Guzzle retry middleware, Laravel Http::retry, Saloon tries, Symfony retry_failed; job tries are job retries', () => {
    const composer = (deps: Record<string, string>): string => JSON.stringify({ require: { php: '^8.3', ...deps } }, null, 2)
    const guzzle = run({ 'composer.json': composer({ 'guzzlehttp/guzzle': '^7.8' }), 'src/Client/RatesClient.php': "<?php\n$stack = HandlerStack::create();\n$stack->push(Middleware::retry($decider, $delay));\n" })
    expect([guzzle.status, guzzle.data]).toEqual(['pass', { libs: 'Guzzle retry middleware' }])
    const laravel = run({ 'composer.json': composer({ 'laravel/framework': '^11.0' }), 'app/Services/Rates.php': "<?php\nuse Illuminate\\Support\\Facades\\Http;\nreturn Http::timeout(5)->retry(3, 200)->get($url)->json();\n" })
    expect([laravel.status, laravel.data]).toEqual(['pass', { libs: 'Laravel HTTP client retry' }])
    const saloon = run({ 'composer.json': composer({ 'saloonphp/saloon': '^3.0' }), 'app/Http/Integrations/Spotify/SpotifyConnector.php': "<?php\nuse Saloon\\Http\\Connector;\nclass SpotifyConnector extends Connector\n{\n    public ?int $tries = 3;\n}\n" })
    expect([saloon.status, saloon.data]).toEqual(['pass', { libs: 'Saloon retries' }])
    const symfony = run({ 'composer.json': composer({ 'symfony/http-client': '^7.0' }), 'config/packages/framework.yaml': 'framework:\n    http_client:\n        scoped_clients:\n            rates.client:\n                base_uri: https://rates.example\n                retry_failed:\n                    max_retries: 3\n' })
    expect([symfony.status, symfony.evidence?.[1]]).toEqual(['pass', { path: 'config/packages/framework.yaml', line: 6, message: 'used: retry_failed:' }])
    const off = run({ 'composer.json': composer({ 'symfony/http-client': '^7.0' }), 'config/packages/framework.yaml': 'framework:\n    http_client:\n        retry_failed: false\n' })
    expect(off.status).toBe('fail')
    const jobs = run({ 'composer.json': composer({ 'laravel/framework': '^11.0' }), 'app/Jobs/SyncFeeds.php': '<?php\nclass SyncFeeds implements ShouldQueue\n{\n    public $tries = 5;\n}\n' })
    expect([jobs.status, jobs.messageId]).toEqual(['partial', 'job-retries'])
  })

  it('a retry setting of zero is no retry policy (ky retry: 0 in a PHP app front end)', () => {
    const out = run({ 'package.json': JSON.stringify({ dependencies: { ky: '^1.14' } }), 'resources/assets/js/services/http.ts': "import ky from 'ky'\nexport const http = ky.create({\n  retry: 0,\n  timeout: 30000,\n})\n" })
    expect([out.status, out.messageId]).toEqual(['fail', 'retries-disabled'])
  })
})

