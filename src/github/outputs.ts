import * as core from '@actions/core'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { COMMENT_BODY_BUDGET } from './comment.js'
import { render } from '../report/index.js'
import type { ScanReport } from '../report/types.js'

/**
 * What one action step leaves for the steps after it: the JSON report and the Markdown comment
 * body as files named after the comment key (two Shipshape steps in one job keep both), the step
 * outputs, SARIF and the job summary. Each failure here is a warning: only the gate fails a step.
 */

export interface OutputOptions {
  /** The comment-key input: names the files. */
  readonly key: string
  /** Where to write SARIF, or null. */
  readonly sarifPath: string | null
  /** The report came from an earlier run's file: text outputs are reduced to inert characters. */
  readonly untrusted?: boolean
}

export interface Published {
  /** The comment body (without the hidden markers), as posted. */
  readonly markdown: string
}

/** Ids of the checks that fail, in the report's order (services' checks too, once each). */
export function failingChecks(report: ScanReport): string[] {
  const ids = [...report.checks, ...(report.services ?? []).flatMap((s) => s.checks)].filter((c) => c.status === 'fail').map((c) => c.id)
  return [...new Set(ids)]
}

/** The score change against the base as a signed number (`+3`, `-2`, `0`), or '' without a base score. */
export function scoreChange(report: ScanReport): string {
  const change = report.delta?.change
  if (change === undefined || change === null) return ''
  return change > 0 ? `+${change}` : String(change)
}

/**
 * Characters a later step's shell could act on, removed from text outputs taken from an untrusted
 * report (a workflow that writes `${{ steps.x.outputs.reasons }}` into `run:` stays a workflow).
 */
export function shellInert(text: string): string {
  return text.replace(/[^\p{L}\p{N} .,:%+=/@#_-]/gu, ' ').replace(/ {2,}/g, ' ').trim()
}

/** Writes a file and sets the output naming it; a failure is a warning. */
function writeOutputFile(output: 'report' | 'comment-body', path: string, text: () => string): void {
  try {
    writeFileSync(path, text())
    core.setOutput(output, path)
  } catch (err) {
    core.warning(`Could not write ${path}: ${(err as Error).message}`)
  }
}

export async function publishOutputs(report: ScanReport, opts: OutputOptions): Promise<Published> {
  const dir = process.env.RUNNER_TEMP ?? process.cwd()
  const markdown = render('markdown', report, { color: false, maxChars: COMMENT_BODY_BUDGET })
  writeOutputFile('report', join(dir, `shipshape-${opts.key}.json`), () => render('json', report, { color: false }))
  writeOutputFile('comment-body', join(dir, `shipshape-${opts.key}.md`), () => markdown)
  const reasons = report.gate.reasons.map((r) => (opts.untrusted ? shellInert(r) : r))
  core.setOutput('score', report.score === null ? '' : String(report.score))
  core.setOutput('grade', report.grade ?? '')
  core.setOutput('passed', String(report.gate.passed))
  core.setOutput('reasons', reasons.join('\n'))
  core.setOutput('failing-checks', failingChecks(report).join(' '))
  core.setOutput('score-change', scoreChange(report))
  if (opts.sarifPath !== null) {
    try {
      mkdirSync(dirname(opts.sarifPath), { recursive: true })
      writeFileSync(opts.sarifPath, render('sarif', report, { color: false }))
      core.setOutput('sarif', opts.sarifPath)
    } catch (err) {
      core.warning(`Could not write SARIF to ${opts.sarifPath}: ${(err as Error).message}`)
    }
  }
  try {
    await core.summary.addRaw(render('summary', report, { color: false }), true).write()
  } catch (err) {
    core.warning(`Could not write the job summary: ${(err as Error).message}`)
  }
  return { markdown }
}
