import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { collectUsage } from '../../src/facts/usage.js'
import { describe, expect, it } from 'vitest'
import check from '../../src/checks/circuit-breakers.js'
import flags from '../../src/checks/feature-flags.js'
import { frontEndReader } from '../../src/facts/front-end.js'
import { factsFor, runCheck } from './dependency-facts.js'

const run = (files: Record<string, string>) => runCheck(check, factsFor(files))
const pkg = (deps: Record<string, string>, dev: Record<string, string> = {}) => JSON.stringify({ name: 'x', dependencies: deps, devDependencies: dev })

/** Two ways a pass could stand where the practice is not there: retries switched off, and retries only in the browser. */
describe('circuit-breakers: a retry that is switched off is not a retry', () => {
  it.each([
    ['got retry limit 0', { 'package.json': pkg({ got: '^14', express: '^4' }), 'src/rates.ts': "import got from 'got'\nconst client = got.extend({\n  retry: { limit: 0 },\n  timeout: { request: 5000 }\n})\n" }],
    ['ky retry: 0', { 'package.json': pkg({ ky: '^1', express: '^4' }), 'src/rates.ts': "import ky from 'ky'\nexport const api = ky.create({ prefixUrl: URL, retry: 0 })\n" }],
    ['axios-retry retries: 0 on its argument lines', { 'package.json': pkg({ 'axios-retry': '^4', express: '^4' }), 'src/http.ts': "import axiosRetry from 'axios-retry'\naxiosRetry(client, {\n  retries: 0,\n})\n" }],
    ['urllib3 Retry(total=0)', { 'requirements.txt': 'requests\n', 'app/http.py': 'import requests\nfrom urllib3.util import Retry\nfrom requests.adapters import HTTPAdapter\ns = requests.Session()\ns.mount("https://", HTTPAdapter(max_retries=Retry(total=0)))\n' }],
    ['httpx transport retries=0', { 'requirements.txt': 'httpx\n', 'app/http.py': 'import httpx\ntransport = httpx.HTTPTransport(retries=0)\n' }],
    ['resty SetRetryCount(0)', { 'go.mod': 'module x\nrequire github.com/go-resty/resty/v2 v2.0.0\n', 'internal/c.go': 'package c\nimport "github.com/go-resty/resty/v2"\nvar c = resty.New().SetRetryCount(0)\n' }],
    ['p-retry retries: 0', { 'package.json': pkg({ 'p-retry': '^6', express: '^4' }), 'src/x.ts': "import pRetry from 'p-retry'\nawait pRetry(run, { retries: 0 })\n" }]
  ])('%s: fail, naming the call', (_, files) => {
    const out = run(files as Record<string, string>)
    expect([out.status, out.messageId]).toEqual(['fail', 'retries-disabled'])
    expect(out.evidence?.[0]?.message).toMatch(/^retries switched off/)
  })

  it('still passes when another call really retries', () => {
    const out = run({
      'package.json': pkg({ 'p-retry': '^6', express: '^4' }),
      'src/a.ts': "import pRetry from 'p-retry'\nawait pRetry(run, { retries: 0 })\n",
      'src/b.ts': "import pRetry from 'p-retry'\nawait pRetry(fetchRates, { retries: 3 })\n"
    })
    expect([out.status, out.messageId]).toEqual(['pass', 'library-used'])
    expect(out.evidence?.map((e) => e.path)).toContain('src/b.ts')
    expect(out.evidence?.map((e) => e.path)).not.toContain('src/a.ts')
  })

  it('does not read a retry option of the next statement into the call (the call ends at its closing line)', () => {
    const out = run({ 'package.json': pkg({ 'p-retry': '^6', express: '^4' }), 'src/b.ts': "import pRetry from 'p-retry'\nawait pRetry(fetchRates, {\n  retries: 3,\n})\nconst other = { retries: 0 }\n" })
    expect(out.status).toBe('pass')
  })
})

describe('circuit-breakers: browser code is not the service’s outbound path', () => {
  it('is partial, "front-end only", for retries in a React single-page app', () => {
    const out = run({
      'package.json': pkg({ express: '^4', 'p-retry': '^6' }),
      'server/index.ts': "import express from 'express'\nconst app = express()\n",
      'web/package.json': pkg({ react: '^19', 'react-dom': '^19', 'axios-retry': '^4' }, { vite: '^6' }),
      'web/src/api.ts': "import axiosRetry from 'axios-retry'\naxiosRetry(client, { retries: 3 })\n"
    })
    expect([out.status, out.messageId, out.data]).toEqual(['partial', 'front-end-only', { libs: 'axios-retry' }])
    expect(out.evidence?.[1]).toEqual({ path: 'web/src/api.ts', line: 2, message: 'front-end only (a browser app (web/package.json depends on react and on no server framework)): axiosRetry(client, { retries: 3 })' })
  })

  it('passes when the service itself retries, whatever the front end does', () => {
    const out = run({
      'package.json': pkg({ express: '^4', 'p-retry': '^6' }),
      'src/rates.ts': "import pRetry from 'p-retry'\nexport const rates = () => pRetry(fetchRates, { retries: 3 })\n",
      'web/package.json': pkg({ vue: '^3', 'axios-retry': '^4' }),
      'web/src/api.ts': "import axiosRetry from 'axios-retry'\naxiosRetry(client, { retries: 3 })\n"
    })
    expect([out.status, out.messageId]).toEqual(['pass', 'library-used'])
    expect(out.evidence?.every((e) => !e.path?.startsWith('web/'))).toBe(true)
  })

  it('in a full-stack Next.js package: a client module is front-end, a route handler is not', () => {
    const files = {
      'package.json': pkg({ next: '^15', react: '^19', 'p-retry': '^6' }),
      'app/widget.tsx': "'use client'\nimport pRetry from 'p-retry'\nexport function W() { pRetry(load, { retries: 3 }) }\n"
    }
    expect(run(files).messageId).toBe('front-end-only')
    const server = run({ ...files, 'app/api/rates/route.ts': "import pRetry from 'p-retry'\nexport async function GET() { return pRetry(fetchRates, { retries: 3 }) }\n" })
    expect([server.status, server.messageId]).toEqual(['pass', 'library-used'])
  })

  it('a server framework only in devDependencies (a dev proxy) does not make a SPA a server', () => {
    const files = { 'package.json': pkg({ react: '^19', 'react-dom': '^19' }, { express: '^4' }), 'src/api.ts': 'export const x = 1\n', 'src/main.py': '' }
    const isFe = frontEndReader(factsFor(files).manifests, collectUsage(new MemorySnapshot(files)))
    expect(isFe('src/api.ts')).toMatch(/browser app/)
    expect(isFe('src/main.py')).toBeUndefined()
  })

  it('feature flags evaluated in the browser still count for feature-flags', () => {
    const facts = factsFor({
      'package.json': pkg({ express: '^4' }),
      'web/package.json': pkg({ react: '^19', 'launchdarkly-react-client-sdk': '^3' }),
      'web/src/App.tsx': "import { useFlags } from 'launchdarkly-react-client-sdk'\nexport function App() { const { newCheckout } = useFlags()\n  return newCheckout ? 1 : 0 }\n"
    })
    expect(runCheck(flags, facts).status).toBe('pass')
  })
})
