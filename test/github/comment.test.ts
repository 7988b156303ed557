import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createGitHubClient } from '../../src/github/client.js'
import { commentBody, commentMarker, GITHUB_COMMENT_LIMIT, publishWarning, reportDigest, resolveIdentity, upsertComment, type UpsertOptions } from '../../src/github/comment.js'
import { ERRORS, FakeGitHub } from '../helpers/fake-github.js'

let fake: FakeGitHub
const PR = 7

function client(token = 'ghs_x') {
  return createGitHubClient({ token, baseUrl: fake.url, owner: 'acme', repo: 'api', retryUnitMs: 5, throttle: false })
}

function opts(extra: Partial<UpsertOptions> = {}): UpsertOptions {
  return { client: client(), issue: PR, key: 'default', markdown: '## Shipshape: 80 (B)', digest: 'aaaaaaaaaaaaaaaa', mode: 'always', gatePassed: true, ...extra }
}

beforeEach(async () => {
  fake = await new FakeGitHub().start()
})
afterEach(async () => {
  await fake.stop()
})

describe('upsertComment', () => {
  it('creates one comment with the marker first, then updates it in place, then leaves it alone', async () => {
    const first = await upsertComment(opts())
    expect(first).toMatchObject({ action: 'created', deleted: 0 })
    const [c] = fake.commentsOf(PR)
    expect(c!.body.startsWith(`${commentMarker('default')}\n<!-- shipshape:digest=aaaaaaaaaaaaaaaa -->\n## Shipshape`)).toBe(true)
    expect(first.action === 'created' && first.url).toBe(`https://github.com/acme/api/pull/7#issuecomment-${c!.id}`)

    const second = await upsertComment(opts({ markdown: '## Shipshape: 90 (A)', digest: 'bbbbbbbbbbbbbbbb' }))
    expect(second).toMatchObject({ action: 'updated', id: c!.id })
    expect(fake.commentsOf(PR)).toHaveLength(1)
    expect(fake.commentsOf(PR)[0]!.body).toContain('90 (A)')

    const writes = () => fake.requests.filter((r) => r.method !== 'GET').length
    const before = writes()
    const third = await upsertComment(opts({ markdown: '## Shipshape: 90 (A)', digest: 'bbbbbbbbbbbbbbbb' }))
    expect(third).toMatchObject({ action: 'unchanged', id: c!.id })
    expect(writes()).toBe(before)
  })

  it('never touches a human comment that quotes the marker, nor another bot', async () => {
    const human = fake.addComment(PR, `I saw ${commentMarker('default')} in the bot comment`, { login: 'alice', type: 'User' })
    const other = fake.addComment(PR, commentMarker('default'), { login: 'renovate[bot]', type: 'Bot' })
    const res = await upsertComment(opts())
    expect(res.action).toBe('created')
    const list = fake.commentsOf(PR)
    expect(list.map((c) => c.id)).toEqual([human.id, other.id, expect.any(Number)])
    expect(list[0]!.body).toBe(`I saw ${commentMarker('default')} in the bot comment`)
    expect(list[1]!.body).toBe(commentMarker('default'))
  })

  it('keeps separate comments per key', async () => {
    await upsertComment(opts({ key: 'api' }))
    await upsertComment(opts({ key: 'worker' }))
    expect(fake.commentsOf(PR).map((c) => c.body.split('\n')[0])).toEqual([commentMarker('api'), commentMarker('worker')])
  })

  it('converges duplicates on the oldest comment and deletes the rest', async () => {
    const a = fake.addComment(PR, `${commentMarker('default')}\nold`)
    fake.addComment(PR, `${commentMarker('default')}\nolder duplicate`)
    const res = await upsertComment(opts())
    expect(res).toMatchObject({ action: 'updated', id: a.id, deleted: 1 })
    expect(fake.commentsOf(PR).map((c) => c.id)).toEqual([a.id])
  })

  it('two racing runs leave exactly one comment', async () => {
    fake.syncFirstLists(2)
    const [r1, r2] = await Promise.all([upsertComment(opts({ markdown: 'run one' })), upsertComment(opts({ markdown: 'run two' }))])
    expect([r1.action, r2.action]).toEqual(['created', 'created'])
    const left = fake.commentsOf(PR)
    expect(left).toHaveLength(1)
    expect(r1.action === 'created' && r1.id).toBe(left[0]!.id)
    expect(r2.action === 'created' && r2.id).toBe(left[0]!.id)
  })

  it('on-failure: no new comment while the gate passes, but an existing one is kept current', async () => {
    expect(await upsertComment(opts({ mode: 'on-failure', gatePassed: true }))).toEqual({ action: 'skipped', reason: 'the gate passed and the comment input is `on-failure`' })
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(0)
    expect((await upsertComment(opts({ mode: 'on-failure', gatePassed: false }))).action).toBe('created')
    expect((await upsertComment(opts({ mode: 'on-failure', gatePassed: true, markdown: 'fixed' }))).action).toBe('updated')
  })

  it('on-change: a different body with the same digest is not rewritten', async () => {
    await upsertComment(opts({ mode: 'on-change', markdown: 'commit 1' }))
    const res = await upsertComment(opts({ mode: 'on-change', markdown: 'commit 2' }))
    expect(res.action).toBe('unchanged')
    expect(fake.commentsOf(PR)[0]!.body).toContain('commit 1')
    expect((await upsertComment(opts({ mode: 'on-change', markdown: 'commit 3', digest: 'cccccccccccccccc' }))).action).toBe('updated')
  })

  it('never: makes no call at all', async () => {
    expect((await upsertComment(opts({ mode: 'never' }))).action).toBe('skipped')
    expect(fake.requests).toHaveLength(0)
  })

  it('a read-only token (fork PR) fails once with the reason and the workflow_run alternative', async () => {
    fake.readOnly = true
    const res = await upsertComment(opts({ isFork: true }))
    expect(res.action).toBe('failed')
    if (res.action !== 'failed') return
    expect(res.error.kind).toBe('forbidden')
    expect(res.warning).toContain('Resource not accessible by integration')
    expect(res.warning).toContain('forks get a read-only GITHUB_TOKEN')
    expect(res.warning).toContain('workflow_run')
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
  })

  it('a failed listing fails without writing', async () => {
    fake.always('list-comments', ERRORS.server(500))
    const res = await upsertComment(opts())
    expect(res.action === 'failed' && res.error.kind).toBe('server')
    expect(fake.requests.filter((r) => r.method !== 'GET')).toHaveLength(0)
  })

  it('retries a 422 "body too long" once with a minimal body', async () => {
    fake.script('create-comment', ERRORS.bodyTooLong)
    const res = await upsertComment(opts())
    expect(res.action).toBe('created')
    expect(fake.commentsOf(PR)[0]!.body).toContain('too large for a comment')
  })

  it('learns a personal token user once and matches its comments', async () => {
    const mine = fake.addComment(PR, `${commentMarker('default')}\nold`, { login: 'octocat', type: 'User' })
    const c = client('ghp_personal')
    const who = await resolveIdentity(c, 'ghp_personal')
    expect(who).toEqual({ login: 'octocat', type: 'User' })
    expect(await resolveIdentity(c, 'ghs_installation')).toEqual({ login: 'github-actions[bot]', type: 'Bot' })
    const res = await upsertComment(opts({ client: c, identity: who }))
    expect(res).toMatchObject({ action: 'updated', id: mine.id })
  })
})

describe('comment body', () => {
  it('stays under GitHub limit, keeping the marker', () => {
    const body = commentBody('x'.repeat(100_000), 'default', 'abcdef0123456789')
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT)
    expect(body.startsWith(commentMarker('default'))).toBe(true)
    expect(body).toContain('truncated')
  })

  it('sanitises the key inside the HTML comment', () => {
    expect(commentMarker('a --> <b>')).toBe('<!-- shipshape:comment key=a------b- -->')
  })

  it('digests the verdict, not the commit', () => {
    const base = { score: 80, grade: 'B' as const, gate: { passed: true, minScore: 70, reasons: [] }, checks: [] }
    expect(reportDigest(base)).toBe(reportDigest({ ...base }))
    expect(reportDigest(base)).not.toBe(reportDigest({ ...base, score: 81 }))
  })

  it('explains non-permission failures without the fork advice', () => {
    expect(publishWarning({ kind: 'server', message: '502 Server Error', status: 502 }, false)).toBe(
      'Shipshape could not post the pull request comment (502 Server Error). The report is in the job summary and the `report` output; the gate alone decides the step result.'
    )
  })
})
