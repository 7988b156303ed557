import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { createGitHubClient } from './client.js'
import type { ActionContext } from './context.js'
import { publishPrComment, type PublishOptions } from './session.js'
import { SAVED_REPORT_MAX_BYTES, readSavedReport } from '../report/saved.js'
import type { PullRequestTarget, ScanReport } from '../report/types.js'
import { oneLine } from '../report/escape.js'

/**
 * The `from-report` mode: post the comment, summary and outputs of a report an earlier run wrote
 * (a fork's `pull_request` run, whose token cannot comment) from a run that can (`workflow_run`).
 * Nothing is scanned and nothing from the report is executed. The report is untrusted: it may
 * choose the comment's content, never where it goes. The destination must be this repository, a
 * pull request that exists here, whose head is still the commit the report was written for, and,
 * in a `workflow_run` job, the commit of the run that produced the artifact. Anything else is
 * refused with the reason.
 */

export class RefusedReport extends Error {}

export interface SavedTarget {
  /** The report, rebuilt, pointing at this repository, with its pull request. */
  readonly report: ScanReport
  readonly target: PullRequestTarget
}

/** Reads at most `max` bytes; a larger file is refused without reading it. */
export function readBounded(path: string, max: number = SAVED_REPORT_MAX_BYTES): string {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (err) {
    throw new RefusedReport(`Shipshape refuses the from-report file ${path}: it cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`)
  }
  try {
    const size = fstatSync(fd).size
    if (size > max) throw new RefusedReport(`Shipshape refuses the from-report file ${path}: it is ${size} bytes, over the ${max}-byte limit for a report.`)
    const buf = Buffer.alloc(max + 1)
    let n = 0
    for (let got = -1; got !== 0 && n <= max; n += got) got = readSync(fd, buf, n, max + 1 - n, null)
    if (n > max) throw new RefusedReport(`Shipshape refuses the from-report file ${path}: it grew past the ${max}-byte limit while being read.`)
    return buf.subarray(0, n).toString('utf8')
  } finally {
    closeSync(fd)
  }
}

/** The checks that need no network: the report parses, and names this repository and this run's commit. */
export function checkSaved(text: string, path: string, context: ActionContext): SavedTarget {
  const read = readSavedReport(text)
  const refuse = (why: string): never => {
    throw new RefusedReport(`Shipshape refuses the from-report file ${path}: ${why}.`)
  }
  if (!read.ok) return refuse(read.error)
  const { target } = read
  const here = context.owner && context.repo ? `${context.owner}/${context.repo}` : null
  if (!here) return refuse('GITHUB_REPOSITORY is not set, so the repository it names cannot be checked')
  if (target.repository.toLowerCase() !== here.toLowerCase()) refuse(`it was written for ${oneLine(target.repository, 140)}, and this workflow runs in ${here}`)
  const run = context.workflowRun
  if (run) {
    if (run.headSha !== target.headSha) refuse(`it names head ${target.headSha}, but the workflow run that triggered this job ran on ${run.headSha ?? 'an unknown commit'}`)
    if (run.pullRequests.length > 0 && !run.pullRequests.includes(target.number)) refuse(`it names pull request #${target.number}, but the workflow run belongs to #${run.pullRequests.join(', #')}`)
  }
  const pr = context.pullRequest
  if (pr && (pr.number !== target.number || (pr.headSha !== null && pr.headSha !== target.headSha))) refuse(`it names pull request #${target.number} at ${target.headSha}, but this run is for #${pr.number} at ${pr.headSha ?? 'an unknown head'}`)
  const report: ScanReport = { ...read.report, repository: { ...read.report.repository, slug: here, serverUrl: context.serverUrl }, pullRequest: target }
  return { report, target }
}

export interface PostOptions {
  readonly context: ActionContext
  readonly token: string
  readonly mode: PublishOptions['mode']
  readonly markdown: string
  readonly retryUnitMs?: number
  readonly debug: (message: string) => void
}

export interface Posted {
  readonly url: string | null
  readonly warning: string | null
  readonly note: string
}

/** Verifies the pull request against the API (it exists here and its head has not moved), then upserts the comment. */
export async function postSaved(saved: SavedTarget, opts: PostOptions): Promise<Posted> {
  const { owner, repo } = opts.context
  const { target } = saved
  const client = createGitHubClient({ token: opts.token, baseUrl: opts.context.apiUrl, owner: owner!, repo: repo!, logger: { debug: opts.debug }, ...(opts.retryUnitMs ? { retryUnitMs: opts.retryUnitMs } : {}) })
  const pr = await client.getPullRequest(target.number)
  if (!pr.ok) {
    if (pr.error.kind === 'not-found') throw new RefusedReport(`Shipshape refuses the saved report: pull request #${target.number} does not exist in ${owner}/${repo}.`)
    throw new Error(`Shipshape could not check pull request #${target.number} before commenting: ${pr.error.message}`)
  }
  if (pr.value.number !== target.number || (pr.value.baseRepo !== null && pr.value.baseRepo.toLowerCase() !== `${owner}/${repo}`.toLowerCase())) {
    throw new RefusedReport(`Shipshape refuses the saved report: the API answered for another pull request than #${target.number} of ${owner}/${repo}.`)
  }
  if (pr.value.headSha !== target.headSha) {
    throw new RefusedReport(`Shipshape refuses the saved report: pull request #${target.number} has moved on to ${pr.value.headSha} since the report was written for ${target.headSha}; the run for the new head will comment.`)
  }
  const context: ActionContext = {
    ...opts.context,
    pullRequest: { number: target.number, baseRef: null, baseSha: null, headSha: target.headSha, headRepo: null, isFork: false }
  }
  return publishPrComment({ client, token: opts.token }, saved.report, { context, mode: opts.mode, key: target.commentKey, renderMarkdown: () => opts.markdown })
}
