import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // CI reads the tally from this JSON file (.ci/run); a second run names its own file.
    reporters: process.env.CI ? ['default', ['json', { outputFile: process.env.SHIPSHAPE_TEST_RESULTS ?? '.test-results.json' }]] : ['default']
  }
})
