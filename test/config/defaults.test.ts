import { describe, expect, test } from 'vitest'
import { CHECK_IDS } from '../../src/checks/ids.js'
import { DEFAULT_CONFIG, DEFAULT_WEIGHTS } from '../../src/config/defaults.js'

describe('defaults', () => {
  test('the seven core practices weigh 3, ci-duration 1, the rest 2', () => {
    const core = ['mandatory-prs', 'ci-lint', 'ci-tests', 'contract-tests', 'openapi-published', 'health-endpoint', 'feature-flags']
    for (const id of CHECK_IDS) {
      const expected = core.includes(id) ? 3 : id === 'ci-duration' ? 1 : 2
      expect([id, DEFAULT_WEIGHTS[id]]).toEqual([id, expected])
    }
    expect(Object.keys(DEFAULT_WEIGHTS).sort()).toEqual([...CHECK_IDS].sort())
  })

  test('the embedded default config', () => {
    expect(DEFAULT_CONFIG.minScore).toBe(70)
    expect(DEFAULT_CONFIG.failOnRegression).toBe(false)
    expect(DEFAULT_CONFIG.maxFileBytes).toBe(2 * 1024 * 1024)
    expect(DEFAULT_CONFIG.ignore).toEqual([])
    expect(DEFAULT_CONFIG.waivers).toEqual([])
    expect(DEFAULT_CONFIG.services).toEqual([])
    expect(DEFAULT_CONFIG.source).toBeNull()
    for (const id of CHECK_IDS) {
      expect(DEFAULT_CONFIG.checks[id]).toEqual({ enabled: true, weight: DEFAULT_WEIGHTS[id], required: false })
      expect(DEFAULT_CONFIG.signatures[id]).toEqual({ commands: [], actions: [], packages: [], routes: [], files: [] })
    }
  })
})
