import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { PR, runAction } from '../helpers/action-runner.js'
import { FakeGitHub } from '../helpers/fake-github.js'
import { tempGitRepo, tempTree } from '../helpers/tmp-repo.js'

/** Several Shipshape steps in one job (one per service): each keeps its own report and comment body. */

let fake: FakeGitHub
afterEach(async () => {
  await fake?.stop()
})

describe('two steps in one job through dist/index.js', () => {
  it('write their reports and comment bodies to files named after the comment key, and post two comments', async () => {
    fake = await new FakeGitHub().start()
    const repo = tempGitRepo({
      'api/pyproject.toml': '[project]\nname = "api"\ndependencies = ["fastapi"]\n',
      'api/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      'web/package.json': '{"name":"web","dependencies":{"express":"^4"}}\n',
      'web/index.js': "const express = require('express')\nconst app = express()\napp.get('/healthz', (req, res) => res.send('ok'))\napp.listen(3000)\n"
    })
    const temp = tempTree({})
    const api = await runAction(fake, { repo, runnerTemp: temp, inputs: { path: 'api', 'comment-key': 'api' } })
    const web = await runAction(fake, { repo, runnerTemp: temp, inputs: { path: 'web', 'comment-key': 'web' } })
    expect([api.code, web.code]).toEqual([0, 0])
    expect(api.outputs.report).toBe(`${temp}/shipshape-api.json`)
    expect(web.outputs.report).toBe(`${temp}/shipshape-web.json`)
    expect(api.outputs['comment-body']).toBe(`${temp}/shipshape-api.md`)
    // The first step's files survive the second.
    const apiReport = JSON.parse(readFileSync(api.outputs.report!, 'utf8')) as { pullRequest: { commentKey: string }; checks: { id: string; status: string }[] }
    expect(apiReport.pullRequest.commentKey).toBe('api')
    expect(apiReport.checks.find((c) => c.id === 'health-endpoint')?.status).toBe('fail')
    expect(api.outputs['failing-checks']!.split(' ')).toContain('health-endpoint')
    expect(web.outputs['failing-checks']!.split(' ')).not.toContain('health-endpoint')
    const bodies = fake.commentsOf(PR).map((c) => c.body)
    expect(bodies).toHaveLength(2)
    expect(bodies.find((b) => b.includes('key=api'))).toContain(readFileSync(api.outputs['comment-body']!, 'utf8').trim())
    expect(bodies.find((b) => b.includes('key=web'))).toContain(readFileSync(web.outputs['comment-body']!, 'utf8').trim())
  })
})
