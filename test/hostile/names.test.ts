import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { createGitHubClient } from '../../src/github/client.js'
import { commentMarker, upsertComment } from '../../src/github/comment.js'
import { render } from '../../src/report/index.js'
import { scanReport } from '../helpers/scan.js'
import { expectInertMarkdown } from '../report/inert.js'
import { FakeGitHub } from '../helpers/fake-github.js'
import { tempGitRepo, tempTree } from '../helpers/tmp-repo.js'
import { expectInert, expectNoLiveHostileMarkdown, OUR_URLS, scanAllFormats, statusOf, type JsonReport } from './run.js'

/**
 * File names, job names and step names an attacker controls, cited by Shipshape as evidence:
 * every output renders them as inert text. A file name cannot hold `/`, so `//` is spelled with
 * U+2044; job and step names carry the rest (`</details>`, URLs, HTML).
 */

const BOUND_MS = 10_000

const WORKFLOW_NAME = '.github/workflows/[x](https:\u2044\u2044evil.example) @admin <b>`|<details>\n<!-- shipshape:comment key=worker -->\x1b[2J\x1b]0;t\x07\u202e.yml'
const HOSTILE_TEXT = '<b>bold</b> [x](https://evil.example) @admin </details> <!-- shipshape:comment key=default --> | `t` <script>alert(1)</script> ![p](https://evil.example/p.png) <https://evil.example> www.evil.example'
const WORKFLOW = [
  'on: [push]',
  'jobs:',
  '  test:',
  `    name: ${JSON.stringify(HOSTILE_TEXT)}`,
  '    runs-on: ubuntu-latest',
  '    steps:',
  `      - name: ${JSON.stringify('step ' + HOSTILE_TEXT)}`,
  '        run: ruff check . # https://evil.example @admin <b>x</b>',
  `      - name: ${JSON.stringify('tests ' + HOSTILE_TEXT)}`,
  '        run: pytest',
  ''
].join('\n')
const FILES = {
  [WORKFLOW_NAME]: WORKFLOW,
  'docker/<script>alert(1)<\u2044script> @admin [d](javascript:x)/Dockerfile': 'FROM python:3.12\n',
  'www.evil.example/[y](http:evil) @admin.py': 'import requests\n',
  'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi"]\n'
}

describe('hostile names through the bundled CLI', () => {
  for (const kind of ['git', 'plain'] as const) {
    it(`cites a hostile workflow file, job and step names as inert text (${kind} dir, every format, ${BOUND_MS} ms each)`, () => {
      const dir = kind === 'git' ? tempGitRepo(FILES) : tempTree(FILES)
      const out = scanAllFormats(dir, BOUND_MS)
      const report = JSON.parse(out.json) as JsonReport
      // The hostile file really was read and cited: partial (push only) with its exact path and line.
      expect(statusOf(report, 'ci-lint')).toBe('partial')
      const lint = report.checks.find((c) => c.id === 'ci-lint')!
      expect(lint.evidence[0]).toMatchObject({ path: WORKFLOW_NAME, line: 7 })
      expect(out.markdown).toContain('Lint runs in CI but not on pull requests')
      expect(out.markdown).toContain('@\u200badmin')
      // The terminal caps a path to fit its line: inert, cut with an ellipsis, never broken into control codes.
      expect(out.text).toContain('.github/workflows/[x](https:\u2044\u2044evil.example) @admin <b>`|<details> <!-- shipshape:comment')
    })
  }

  it('renders the same scan inert in the job summary and the comment, with links to the scanned commit', async () => {
    const dir = tempGitRepo(FILES)
    const report = await scanReport({ root: dir, config: DEFAULT_CONFIG, slug: 'acme/api', serverUrl: 'https://github.com', policy: { minScore: 0 } })
    const lint = report.checks.find((c) => c.id === 'ci-lint')!
    expect(lint.evidence[0]).toMatchObject({ path: WORKFLOW_NAME, line: 7 })
    const blob = `https://github.com/acme/api/blob/${report.repository.commit}/`
    for (const format of ['markdown', 'summary'] as const) {
      const md = render(format, report, { color: false })
      expectInertMarkdown(md, [...OUR_URLS, blob])
      // The evidence link goes to the file, percent-encoded, never to evil.example.
      expect(md).toContain(`](${blob}.github/workflows/%5Bx%5D%28https%3A%E2%81%84%E2%81%84evil.example%29%20%40admin%20%3Cb%3E%60%7C%3Cdetails%3E%0A%3C%21--%20shipshape%3Acomment`)
      expectNoLiveHostileMarkdownExceptBlob(md, blob)
    }
    for (const format of ['text', 'sarif', 'json'] as const) expectInert(format, render(format, report, { color: false }))
  })
})

describe('a hostile file name quoting another comment key', () => {
  let fake: FakeGitHub | undefined
  afterEach(async () => {
    await fake?.stop()
  })

  it('does not make the worker run take over (or delete) the default comment that cites it', async () => {
    fake = await new FakeGitHub().start()
    const client = createGitHubClient({ token: 'ghs_x', baseUrl: fake.url, owner: 'acme', repo: 'api', retryUnitMs: 5, throttle: false })
    const report = await scanReport({ root: tempGitRepo(FILES), config: DEFAULT_CONFIG, policy: { minScore: 0 } })
    const markdown = render('markdown', report, { color: false })
    // The evidence path quotes the worker key's marker (literally, in a code span).
    expect(markdown).toContain(commentMarker('worker'))
    const base = { client, issue: 3, digest: 'aaaaaaaaaaaaaaaa', mode: 'always' as const, gatePassed: true }
    const first = await upsertComment({ ...base, key: 'default', markdown })
    expect(first.action).toBe('created')
    const worker = await upsertComment({ ...base, key: 'worker', markdown: '### worker report' })
    expect(worker.action).toBe('created')
    const bodies = fake.commentsOf(3).map((c) => c.body.split('\n')[0])
    expect(bodies).toEqual([commentMarker('default'), commentMarker('worker')])
    expect(fake.commentsOf(3)[0]!.body).toContain('Lint runs in CI but not on pull requests')
  })
})

describe('the inertness checker itself', () => {
  it('rejects the raw hostile text', () => {
    expect(() => expectNoLiveHostileMarkdown(HOSTILE_TEXT)).toThrow()
    expect(() => expectNoLiveHostileMarkdown('see <https://evil.example>')).toThrow()
    expect(() => expectNoLiveHostileMarkdown('<details>\nx</details>')).toThrow()
    expect(() => expectInert('text', 'red \x1b[31m')).toThrow()
  })
})

/** expectNoLiveHostileMarkdown, with our blob links (percent-encoded paths) removed first. */
function expectNoLiveHostileMarkdownExceptBlob(md: string, blob: string): void {
  const withoutBlobs = md.split(`](${blob}`).map((part, i) => (i === 0 ? part : part.replace(/^[^)\s]*\)/, ''))).join('](x)')
  expectNoLiveHostileMarkdown(withoutBlobs.replaceAll('](x)', ''))
}
