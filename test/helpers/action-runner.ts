import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import yaml from 'js-yaml'
import { onTestFinished } from 'vitest'
import { NODE } from './runtime.js'
import type { FakeGitHub } from './fake-github.js'

/**
 * Runs the committed bundle dist/index.js with `node`, as the Actions runner does: inputs as
 * INPUT_* env (defaults parsed from action.yml), GITHUB_* env pointing at a loopback fake GitHub,
 * outputs and summary read back from the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** SHIPSHAPE_E2E_BUNDLE points at another build of src/index.ts (e.g. while dist/ is stale). */
export const BUNDLE = process.env.SHIPSHAPE_E2E_BUNDLE ?? join(ROOT, 'dist/index.js')
export const TOKEN = 'ghs_e2eTokenValue'
export const PR = 17

let defaults: Record<string, string> | undefined

/** Every input's default, as action.yml declares it. */
export function actionDefaults(): Record<string, string> {
  if (!defaults) {
    const action = yaml.load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> }
    defaults = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, String(spec.default ?? '')]))
  }
  return defaults
}

export interface RunResult {
  readonly code: number
  readonly stdout: string
  readonly outputs: Record<string, string>
  readonly summary: string
  readonly report: { checks: { id: string; status: string; summary: string }[]; delta?: { change: number | null; base: { commit: string | null }; checks: { id: string; base: string | null; head: string | null; changed: boolean }[] }; gate: { passed: boolean; reasons: string[] }; score: number | null } | null
  readonly warnings: string[]
}

export interface RunOptions {
  readonly repo: string
  readonly event?: 'pull_request' | 'push' | 'workflow_run'
  /** The event payload, instead of the pull_request or push one built here. */
  readonly payload?: Record<string, unknown>
  /** RUNNER_TEMP shared with other runs (several steps of one job); default a fresh directory. */
  readonly runnerTemp?: string
  /** The PR head commit in the pull_request payload (default c…c). */
  readonly headSha?: string
  readonly fork?: boolean
  readonly inputs?: Record<string, string>
  /** The PR base commit in the event payload. */
  readonly baseSha?: string
}

/** Parses the runner's GITHUB_OUTPUT file (`name<<delimiter` blocks). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!)
    if (!m) continue
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!)
    out[m[1]!] = value.join('\n')
  }
  return out
}

export function runAction(fake: FakeGitHub, opts: RunOptions): Promise<RunResult> {
  const tmp = mkdtempSync(join(tmpdir(), 'shipshape-runner-'))
  onTestFinished(() => rmSync(tmp, { recursive: true, force: true }))
  const eventPath = join(tmp, 'event.json')
  const head = opts.fork ? 'eve/api' : `${fake.owner}/${fake.repo}`
  writeFileSync(
    eventPath,
    JSON.stringify(
      opts.payload ??
      (opts.event === 'push'
        ? { ref: 'refs/heads/main', repository: { full_name: 'acme/api', default_branch: 'main' } }
        : {
            action: 'synchronize',
            number: PR,
            pull_request: { number: PR, base: { ref: 'main', ...(opts.baseSha ? { sha: opts.baseSha } : {}), repo: { full_name: 'acme/api' } }, head: { ref: 'feature', sha: opts.headSha ?? 'c'.repeat(40), repo: { full_name: head, fork: opts.fork === true } } },
            repository: { full_name: 'acme/api', default_branch: 'main' }
          })
    )
  )
  const outputFile = join(tmp, 'output')
  const summaryFile = join(tmp, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const inputs = { ...actionDefaults(), 'min-score': '0', ...opts.inputs }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: opts.repo,
    GITHUB_EVENT_NAME: opts.event ?? 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/api',
    GITHUB_API_URL: fake.url,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: opts.runnerTemp ?? tmp,
    RUNNER_DEBUG: '1'
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value.replace('${{ github.token }}', TOKEN)
  return new Promise((resolve, reject) => {
    // Asynchronous spawn: the fake server lives in this process and must keep answering.
    const child = spawn(NODE, [BUNDLE], { cwd: opts.repo, env })
    let stdout = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stdout += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      const outputs = parseOutputs(readFileSync(outputFile, 'utf8'))
      const report = outputs.report && existsSync(outputs.report) ? JSON.parse(readFileSync(outputs.report, 'utf8')) : null
      const warnings = stdout.split('\n').filter((l) => l.startsWith('::warning'))
      resolve({ code: code ?? -1, stdout, outputs, summary: readFileSync(summaryFile, 'utf8'), report, warnings })
    })
  })
}
