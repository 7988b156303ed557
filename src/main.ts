import * as core from '@actions/core'
import { isAbsolute, join, resolve } from 'node:path'
import { loadConfig } from './config/load.js'
import { resolvePolicy } from './config/policy.js'
import { checkSaved, postSaved, readBounded } from './github/from-report.js'
import { readActionContext, type ActionContext } from './github/context.js'
import { publishOutputs } from './github/outputs.js'
import { publishPrComment, startGitHubSession } from './github/session.js'
import { getInputs, type ActionInputs } from './inputs.js'
import type { PullRequestTarget } from './report/types.js'
import { placeOf, scan } from './scan.js'

/**
 * The action pipeline: inputs → config → scan → outputs, job summary, SARIF → (PR comment) → gate.
 * Publishing problems warn; only the gate fails the step.
 */
export async function run(): Promise<void> {
  try {
    const inputs = getInputs()
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
    if (inputs.fromReport !== null) return await fromReport(inputs, resolvePath(workspace, inputs.fromReport))
    const root = resolve(workspace, inputs.path)
    const loaded = loadConfig({ root, explicit: inputs.config === null ? null : resolve(workspace, inputs.config) })
    if (loaded.errors) {
      throw new Error(`The Shipshape configuration has ${loaded.errors.length} error(s):\n${loaded.errors.map((e) => `  - ${e.message}`).join('\n')}`)
    }
    for (const w of loaded.warnings) core.warning(w)
    const policy = resolvePolicy(loaded.config, inputs.policy)
    // A scan of a subdirectory (the path input) still reads the checkout's CI files and tags.
    const { top } = placeOf(root)

    const slug = process.env.GITHUB_REPOSITORY ?? null
    const serverUrl = process.env.GITHUB_SERVER_URL ?? 'https://github.com'
    // API facts (rulesets, protection, PR run times, tags) before the scan; none without a token.
    const context = readActionContext(process.env)
    const github = await startGitHubSession({
      token: inputs.githubToken || null,
      adminToken: inputs.adminToken,
      owner: context.owner,
      repo: context.repo,
      apiUrl: context.apiUrl,
      defaultBranch: context.defaultBranch,
      root: top,
      config: loaded.config,
      logger: { debug: (m) => core.debug(m) }
    })
    // On a pull request the base commit is scanned too (from git objects) for the delta and ratchet.
    const baseSha = context.pullRequest?.baseSha ?? null
    const scanned = await scan({
      root,
      base: baseSha ? { sha: baseSha, fetch: true } : null,
      config: loaded.config,
      policy,
      slug,
      serverUrl,
      warnings: loaded.warnings,
      inputs: github?.factInputs
    })
    const target = targetOf(context, inputs.commentKey)
    const report = target ? { ...scanned.report, pullRequest: target } : scanned.report
    if (scanned.baseNote) core.warning(`No comparison with the PR base: ${scanned.baseNote}.`)
    if (baseSha) core.debug(`Base scan added ${Math.round(scanned.baseMs)} ms after the head scan's ${report.stats.durationMs} ms (git work on the ${scanned.baseVia}).`)

    const { markdown } = await publishOutputs(report, { key: inputs.commentKey, sarifPath: inputs.sarif === null ? null : resolvePath(workspace, inputs.sarif) })

    const comment = await publishPrComment(github, report, {
      context,
      mode: policy.comment,
      key: inputs.commentKey,
      renderMarkdown: () => markdown
    })
    core.setOutput('comment-url', comment.url ?? '')
    if (comment.warning) core.warning(comment.warning)
    core.debug(`PR comment: ${comment.note}; GitHub API calls: ${github?.client.calls() ?? 0}`)

    if (report.gate.passed) core.info(`Shipshape gate passed (score ${report.score ?? 'n/a'}).`)
    else core.setFailed(`Shipshape gate failed: ${report.gate.reasons.join('; ')}`)
  } catch (error) {
    // Handles non-Error throws too, so a strange failure never lets the step pass.
    core.setFailed(`${(error as { message?: string })?.message ?? String(error)}`)
  }
}

function resolvePath(workspace: string, p: string): string {
  return isAbsolute(p) ? p : join(workspace, p)
}

/** The pull request a report is written for (what `from-report` verifies later), on pull_request runs. */
function targetOf(context: ActionContext, commentKey: string): PullRequestTarget | null {
  const pr = context.pullRequest
  if (!pr?.headSha || !context.owner || !context.repo) return null
  return { repository: `${context.owner}/${context.repo}`, number: pr.number, headSha: pr.headSha, commentKey }
}

/** The `from-report` mode: publish a saved report (verified, see from-report.ts) instead of scanning. */
async function fromReport(inputs: ActionInputs, path: string): Promise<void> {
  const context = readActionContext(process.env)
  const saved = checkSaved(readBounded(path), path, context)
  if (!inputs.githubToken) throw new Error('The from-report input needs a github-token with pull-requests: write.')
  core.info(`Publishing the saved report for pull request #${saved.target.number} (head ${saved.target.headSha}, comment key ${saved.target.commentKey}).`)
  const { markdown } = await publishOutputs(saved.report, { key: saved.target.commentKey, sarifPath: null, untrusted: true })
  const comment = await postSaved(saved, { context, token: inputs.githubToken, mode: inputs.policy.comment ?? 'always', markdown, debug: (m) => core.debug(m) })
  core.setOutput('comment-url', comment.url ?? '')
  if (comment.warning) core.warning(comment.warning)
  core.debug(`PR comment: ${comment.note}`)
  if (saved.report.gate.passed) core.info(`The saved report's gate passed (score ${saved.report.score ?? 'n/a'}).`)
  else core.setFailed(`The saved report's gate failed: ${saved.report.gate.reasons.join('; ')}`)
}
