import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { render } from '../../src/report/index.js'
import type { ScanReport } from '../../src/report/types.js'
import { sarifErrors } from '../helpers/sarif-schema.js'
import { scanReport } from '../helpers/scan.js'
import { CI_SERVICE, STACKS } from '../helpers/stacks.js'
import { tempGitRepo } from '../helpers/tmp-repo.js'

/**
 * What users read, on fixture repositories of every stack (and a monorepo): the terminal text
 * fits 80 and 100 columns with no Markdown left in it, and the SARIF validates against the
 * official schema.
 */

const MONOREPO: Record<string, string> = {
  'services/api/requirements.txt': 'fastapi\n',
  'services/api/app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/healthz")\ndef h():\n    return {}\n',
  'services/web/package.json': JSON.stringify({ dependencies: { express: '^4' } }),
  'services/web/src/app.js': "const express = require('express')\nconst app = express()\napp.get('/users', (q, r) => r.json([]))\n",
  'services/web/Dockerfile': 'FROM node:22-slim\nCMD ["node", "src/app.js"]\n',
  '.github/workflows/ci.yml': 'on: [pull_request]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n        working-directory: services/web\n'
}

const FIXTURES: Readonly<Record<string, Record<string, string>>> = { ...STACKS, 'ci-service': CI_SERVICE, monorepo: MONOREPO }

const reports = new Map<string, Promise<ScanReport>>()
const reportOf = (name: string): Promise<ScanReport> => {
  let r = reports.get(name)
  if (!r) {
    r = scanReport({ root: tempGitRepo(FIXTURES[name]!), config: DEFAULT_CONFIG, inputs: { tags: null }, slug: 'acme/api', serverUrl: 'https://github.com' })
    reports.set(name, r)
  }
  return r
}

describe.each(Object.keys(FIXTURES))('outputs of the %s fixture', (name) => {
  it.each([80, 100])('the text fits %i columns, with no fence or markup left', async (width) => {
    const text = render('text', await reportOf(name), { color: false, width })
    for (const line of text.split('\n')) expect(line.length, `${name} at ${width}: ${line}`).toBeLessThanOrEqual(width)
    // Bold is `**` before a word; a glob in a snippet (`"**/internal/api/**"`) is not markup.
    expect(text).not.toMatch(/```|(^|\s)\*\*\w|\]\((https?:|#)|<\/?(details|summary|b|sub)>/)
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/)
  })

  it('the SARIF validates against the official SARIF 2.1.0 schema', async () => {
    const log = JSON.parse(render('sarif', await reportOf(name), { color: false })) as unknown
    expect(sarifErrors(log)).toEqual([])
  })
})

describe('evidence without echoes', () => {
  it('no evidence message repeats its own path', async () => {
    for (const name of Object.keys(FIXTURES)) {
      const report = await reportOf(name)
      for (const c of [...report.checks, ...(report.services ?? []).flatMap((s) => s.checks)]) {
        for (const e of c.evidence) if (e.path) expect(e.message, `${name} ${c.id}`).not.toContain(e.path)
      }
    }
  })
})
