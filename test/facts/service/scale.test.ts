import { expect, it } from 'vitest'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectService } from '../../../src/facts/service/index.js'
import { manifestsOf } from './fixtures.js'

it('scans a 20,000-file repository reading only the detected ecosystem', () => {
  const files: Record<string, string> = { 'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/healthz")\ndef h():\n    return 1\n' }
  for (let i = 0; i < 10_000; i++) files[`app/mod${i}.py`] = `import os\n\ndef f${i}():\n    return ${i}\n`
  for (let i = 0; i < 10_000; i++) files[`web/src/c${i}.ts`] = `export const c${i} = ${i}\n`
  const s = collectService(new MemorySnapshot(files), manifestsOf({ 'requirements.txt': ['fastapi'] }))
  expect(s.routes.map((r) => r.path)).toEqual(['/healthz'])
  expect(s.filesScanned).toBe(10_001)
})
