import * as core from '@actions/core'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { loadConfig } from './config/load.js'
import { resolvePolicy } from './config/policy.js'
import { readActionContext } from './github/context.js'
import { publishPrComment, startGitHubSession } from './github/session.js'
import { getInputs } from './inputs.js'
import { render } from './report/index.js'
import type { ScanReport } from './report/types.js'
import { placeOf, scan } from './scan.js'

/**
 * The action pipeline: inputs → config → scan → outputs, job summary, SARIF → (PR comment) → gate.
 * Publishing problems warn; only the gate fails the step.
 */
export async function run(): Promise<void> {
  try {
    const inputs = getInputs()
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
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
    const report = scanned.report
    if (scanned.baseNote) core.warning(`No comparison with the PR base: ${scanned.baseNote}.`)
    if (baseSha) core.debug(`Base scan added ${Math.round(scanned.baseMs)} ms after the head scan's ${report.stats.durationMs} ms (git work on the ${scanned.baseVia}).`)

    await publish(report, inputs.sarif === null ? null : resolvePath(workspace, inputs.sarif))

    const comment = await publishPrComment(github, report, {
      context,
      mode: policy.comment,
      key: inputs.commentKey,
      renderMarkdown: (r, maxChars) => render('markdown', r, { color: false, maxChars })
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

/** Outputs, the JSON report file, SARIF and the job summary. Each failure here is a warning. */
async function publish(report: ScanReport, sarifPath: string | null): Promise<void> {
  const dir = process.env.RUNNER_TEMP ?? process.cwd()
  const reportPath = join(dir, 'shipshape-report.json')
  try {
    writeFileSync(reportPath, render('json', report, { color: false }))
    core.setOutput('report', reportPath)
  } catch (err) {
    core.warning(`Could not write the JSON report: ${(err as Error).message}`)
  }
  core.setOutput('score', report.score === null ? '' : String(report.score))
  core.setOutput('grade', report.grade ?? '')
  core.setOutput('passed', String(report.gate.passed))
  if (sarifPath !== null) {
    try {
      mkdirSync(dirname(sarifPath), { recursive: true })
      writeFileSync(sarifPath, render('sarif', report, { color: false }))
      core.setOutput('sarif', sarifPath)
    } catch (err) {
      core.warning(`Could not write SARIF to ${sarifPath}: ${(err as Error).message}`)
    }
  }
  try {
    await core.summary.addRaw(render('summary', report, { color: false }), true).write()
  } catch (err) {
    core.warning(`Could not write the job summary: ${(err as Error).message}`)
  }
}
