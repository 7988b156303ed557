import { describe, expect, it } from 'vitest'
import { batch, matrixOf, parseListing, planFleet } from '../../src/fleet/plan.js'

const repo = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ full_name: `acme/${name}`, archived: false, fork: false, disabled: false, topics: [], ...extra })
const opts = { topics: [], patterns: [], repos: [], maxJobs: 256, batchSize: 1 }

describe('fleet-plan: from an organisation listing to matrix batches', () => {
  it('reads a JSON array and one object per line (gh api --paginate --jq ".[]")', () => {
    const list = [repo('a'), repo('b')]
    expect(parseListing(JSON.stringify(list)).repos.map((r) => r.fullName)).toEqual(['acme/a', 'acme/b'])
    expect(parseListing(list.map((r) => JSON.stringify(r)).join('\n') + '\n').repos.map((r) => r.fullName)).toEqual(['acme/a', 'acme/b'])
    const bad = parseListing('{"full_name": "acme/a"}\nnot json\n{"full_name": "<x>/y"}\n')
    expect(bad.repos.map((r) => r.fullName)).toEqual(['acme/a'])
    expect(bad.errors[0]).toMatch(/line 2 is not JSON/)
  })

  it('skips archived, disabled and forked repositories and says which', () => {
    const { repos } = parseListing(JSON.stringify([repo('live'), repo('old', { archived: true }), repo('copy', { fork: true }), repo('off', { disabled: true })]))
    const plan = planFleet(repos, opts)
    expect(plan.repositories).toEqual(['acme/live'])
    expect(plan.skipped).toEqual([{ name: 'acme/old', reason: 'archived' }, { name: 'acme/copy', reason: 'fork' }, { name: 'acme/off', reason: 'disabled' }])
  })

  it('selects by topic, by name pattern and by explicit list (all given selectors must hold)', () => {
    const { repos } = parseListing(JSON.stringify([repo('orders-api', { topics: ['api', 'team-a'] }), repo('billing-api', { topics: ['API'] }), repo('website', { topics: ['web'] }), repo('orders-worker', { topics: ['team-a'] })]))
    expect(planFleet(repos, { ...opts, topics: ['api'] }).repositories).toEqual(['acme/billing-api', 'acme/orders-api'])
    expect(planFleet(repos, { ...opts, patterns: ['orders-*'] }).repositories).toEqual(['acme/orders-api', 'acme/orders-worker'])
    expect(planFleet(repos, { ...opts, patterns: ['acme/*-api'] }).repositories).toEqual(['acme/billing-api', 'acme/orders-api'])
    expect(planFleet(repos, { ...opts, topics: ['team-a'], patterns: ['*-api'] }).repositories).toEqual(['acme/orders-api'])
    const listed = planFleet(repos, { ...opts, repos: ['website', 'acme/Orders-API', 'acme/typo'] })
    expect(listed.repositories).toEqual(['acme/orders-api', 'acme/website'])
    expect(listed.notFound).toEqual(['acme/typo'])
  })

  it('keeps a 5,000-repository organisation under the 256-job matrix limit, batches even', () => {
    const listing = Array.from({ length: 5_000 }, (_, i) => ({ fullName: `acme/svc-${i}`, archived: false, fork: false, disabled: false, topics: [] }))
    const plan = planFleet(listing, opts)
    expect(plan.batches).toHaveLength(256)
    const sizes = plan.batches.map((b) => b.length)
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(5_000)
    expect(new Set(plan.batches.flat()).size).toBe(5_000)
    const m = matrixOf(plan)
    expect(m.include).toHaveLength(256)
    expect(m.include[0]!.repos.split(' ')).toEqual(plan.batches[0])
    expect(planFleet(listing, { ...opts, maxJobs: 20 }).batches).toHaveLength(20)
  })

  it('batch(): few items get one per job, a minimum batch size packs them, nothing gives no job', () => {
    expect(batch(['a', 'b', 'c'], 256, 1)).toEqual([['a'], ['b'], ['c']])
    expect(batch(['a', 'b', 'c', 'd', 'e'], 256, 2)).toEqual([['a', 'b', 'c'], ['d', 'e']])
    expect(batch([], 256, 1)).toEqual([])
  })
})
