import { spawnSync, execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import yaml from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { NODE } from '../helpers/runtime.js'
import { tempGitRepo } from '../helpers/tmp-repo.js'
import { writeReports } from './generate.js'

/**
 * The reusable fleet workflow: its YAML is parsed and checked against what the fleet needs (a
 * batched matrix under GitHub's limit, one failing repository never failing the fleet, trends
 * from the previous run, no expression inside a script), and the scripts of its steps are run
 * with bash against fake `gh` and `git` commands and the bundled CLI.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CLI = join(ROOT, 'dist/cli.js')
interface Step { name: string; id?: string; uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown>; if?: string }
interface Job { needs?: string | string[]; if?: string; outputs?: Record<string, string>; strategy?: { 'fail-fast': boolean; 'max-parallel': string; matrix: string }; steps: Step[]; permissions?: Record<string, string>; environment?: unknown }
interface Workflow { on: { workflow_call: { inputs: Record<string, { type: string; default?: unknown }>; secrets: Record<string, { required: boolean }>; outputs: Record<string, unknown> } }; permissions: Record<string, string>; jobs: Record<string, Job> }

const text = readFileSync(join(ROOT, '.github/workflows/fleet.yml'), 'utf8')
const wf = yaml.load(text) as Workflow
const step = (job: string, name: string): Step => {
  const s = wf.jobs[job]!.steps.find((x) => x.name === name)
  if (!s) throw new Error(`no step '${name}' in job ${job}`)
  return s
}

describe('.github/workflows/fleet.yml', () => {
  it('is a reusable workflow with inputs for topic, pattern and list selection, a token secret and bounded jobs', () => {
    const call = wf.on.workflow_call
    for (const name of ['owner', 'topic', 'pattern', 'repositories', 'max-jobs', 'max-parallel', 'artifact-name', 'publish-pages', 'shipshape-ref']) expect(call.inputs).toHaveProperty(name)
    expect(call.secrets.token!.required).toBe(false)
    expect(Number(call.inputs['max-jobs']!.default)).toBeLessThanOrEqual(256)
    expect(Object.keys(wf.jobs)).toEqual(['plan', 'scan', 'aggregate', 'pages'])
    expect(wf.permissions).toEqual({ contents: 'read' })
  })

  it('declares every input and matrix value it uses, and puts no expression inside a script', () => {
    const used = new Set([...text.matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]))
    expect([...used].filter((u) => !(u! in wf.on.workflow_call.inputs))).toEqual([])
    for (const [name, job] of Object.entries(wf.jobs)) {
      for (const s of job.steps) {
        if (s.run) expect(s.run, `${name} / ${s.name}`).not.toContain('${{')
        if (s.uses) expect(s.uses).toMatch(/^actions\/[a-z-]+@v\d+$/)
      }
    }
  })

  it('scans in a matrix that cannot fail the fleet, then aggregates with the previous fleet.json whatever happened', () => {
    const scan = wf.jobs.scan!
    expect(scan.needs).toBe('plan')
    expect(scan.if).toBe("needs.plan.outputs.count != '0'")
    expect(scan.strategy).toEqual({ 'fail-fast': false, 'max-parallel': '${{ inputs.max-parallel }}', matrix: '${{ fromJSON(needs.plan.outputs.matrix) }}' })
    const agg = wf.jobs.aggregate!
    expect(agg.needs).toEqual(['plan', 'scan'])
    expect(agg.if).toMatch(/^always\(\) && needs\.plan\.result == 'success'$/)
    expect(agg.permissions).toMatchObject({ actions: 'read' })
    expect(step('aggregate', 'Download the reports').with).toMatchObject({ pattern: '${{ inputs.artifact-name }}-reports-*', 'merge-multiple': true })
    expect(step('aggregate', 'Upload the dashboard').with).toMatchObject({ name: '${{ inputs.artifact-name }}', path: 'fleet/' })
    expect(wf.jobs.pages!.permissions).toEqual({ pages: 'write', 'id-token': 'write' })
    expect(wf.jobs.pages!.if).toContain('inputs.publish-pages')
  })

  it('every script is valid bash', () => {
    for (const job of Object.values(wf.jobs)) for (const s of job.steps) if (s.run) expect(spawnSync('bash', ['-n'], { input: s.run }).status, s.name).toBe(0)
  })
})

/** A temp dir with fake `gh` and `git` (which delegates everything but `clone` to the real git). */
function fakeTools(dir: string, listing: string, repos: Record<string, string>): string {
  const bin = join(dir, 'bin')
  mkdirSync(bin, { recursive: true })
  writeFileSync(join(dir, 'fake-listing.ndjson'), listing)
  writeFileSync(join(bin, 'gh'), `#!/usr/bin/env bash
echo "gh $*" >> "${join(dir, 'gh.log')}"
if [ "$1" = run ] && [ "$2" = download ]; then
  # gh run download RUN --repo R --name N --dir D
  [ "$3" = "\${FAKE_RUN:-}" ] && [ "$5" = acme/fleet ] && [ "$7" = shipshape-fleet ] || exit 1
  mkdir -p "$9" && cp "$FAKE_FLEET" "$9/fleet.json"; exit 0
fi
case "$3" in
  orgs/*) echo "HTTP 404: Not Found" >&2; exit 1 ;;
  users/*) cat "${join(dir, 'fake-listing.ndjson')}" ;;
  *) case "$2" in
       repos/acme/fleet/actions/artifacts?name=shipshape-fleet*) echo "\${FAKE_RUN:-}" ;;
       *) exit 1 ;;
     esac ;;
esac
`)
  const realGit = execFileSync('bash', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()
  const cases = Object.entries(repos).map(([url, src]) => `    *${url}.git) cp -a "${src}" "$dest" ;;`).join('\n')
  writeFileSync(join(bin, 'git'), `#!/usr/bin/env bash
if [ "$1" = "-c" ] && [ "$3" = "clone" ]; then
  echo "$2" | grep -q '^http.extraheader=AUTHORIZATION: basic ' || exit 9
  url="\${@: -2:1}"; dest="\${@: -1}"
  case "$url" in
${cases}
    *) echo "fatal: repository '$url' not found" >&2; exit 128 ;;
  esac
  exit 0
fi
exec "${realGit}" "$@"
`)
  chmodSync(join(bin, 'gh'), 0o755)
  chmodSync(join(bin, 'git'), 0o755)
  return bin
}

function runStep(s: Step, cwd: string, bin: string, env: Record<string, string>): { code: number; stdout: string; stderr: string; output: string; summary: string } {
  const output = join(cwd, 'github-output')
  const summary = join(cwd, 'step-summary')
  writeFileSync(output, '')
  writeFileSync(summary, '')
  // As the runner runs a `run:` step: bash --noprofile --norc -eo pipefail.
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', s.run!], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { HOME: cwd, PATH: [bin, dirname(NODE), process.env.PATH ?? ''].join(delimiter), GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, SHIPSHAPE: CLI, ...env }
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, output: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8') }
}

describe('the fleet workflow’s scripts, run with bash', () => {
  it('plan → scan → aggregate: lists a user’s repositories, scans each batch (a broken one is a warning), builds the dashboard', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-fleet-wf-'))
    const svc = tempGitRepo({ 'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi"]\n', 'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' })
    const listing = ['orders', 'billing', 'gone', 'old', 'copy'].map((n) => JSON.stringify({ full_name: `acme/${n}`, archived: n === 'old', fork: n === 'copy', disabled: false, topics: ['api'] })).join('\n')
    const bin = fakeTools(dir, listing, { 'acme/orders': svc, 'acme/billing': svc })

    const plan = runStep(step('plan', 'List and batch the repositories'), dir, bin, { GH_TOKEN: 't', OWNER: 'acme', TOPIC: 'api', PATTERN: '', REPOSITORIES: '', MAX_JOBS: '2' })
    expect(plan.code, plan.stderr + plan.stdout).toBe(0)
    expect(readFileSync(join(dir, 'gh.log'), 'utf8')).toMatch(/^gh api --paginate orgs\/acme\/repos\?per_page=100&type=all .*\ngh api --paginate users\/acme\/repos/)
    const matrix = JSON.parse(/^matrix=(.*)$/m.exec(plan.output)![1]!) as { include: { batch: number; repos: string }[] }
    expect(matrix.include).toEqual([{ batch: 1, repos: 'acme/billing acme/gone' }, { batch: 2, repos: 'acme/orders' }])
    expect(plan.output, plan.stderr).toMatch(/^count=3$/m)

    for (const m of matrix.include) {
      const scan = runStep(step('scan', 'Scan each repository of the batch'), dir, bin, { TOKEN: '', REPOS: m.repos, SERVER: 'https://github.com' })
      expect(scan.code, scan.stderr).toBe(0)
      if (m.repos.includes('gone')) expect(scan.stdout).toContain('::warning::Shipshape fleet: could not clone acme/gone; it will be listed as missing.')
    }
    expect(readdirSync(join(dir, 'reports')).sort()).toEqual(['acme__billing.json', 'acme__orders.json'])
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'acme__orders.json'), 'utf8')).repository.slug).toBe('acme/orders')
    expect(readdirSync(join(dir, 'work'))).toEqual([])

    mkdirSync(join(dir, 'plan'))
    writeFileSync(join(dir, 'plan', 'plan.json'), readFileSync(join(dir, 'plan.json')))
    mkdirSync(join(dir, 'previous'))
    writeReports(join(dir, 'older'), 3)
    expect(spawnSync(NODE, [CLI, 'fleet', join(dir, 'older'), '--output', join(dir, 'previous')]).status).toBe(0)
    const agg = runStep(step('aggregate', 'Build the dashboard'), dir, bin, {})
    expect(agg.code, agg.stderr).toBe(0)
    const fleet = JSON.parse(readFileSync(join(dir, 'fleet', 'fleet.json'), 'utf8'))
    expect(fleet.repositories.map((r: { name: string; state: string }) => `${r.name} ${r.state}`)).toEqual(['acme/billing ok', 'acme/gone missing', 'acme/orders ok'])
    expect(fleet.previous).not.toBeNull()
    expect(fleet.left).toHaveLength(3)
    expect(agg.summary).toMatch(/^# Shipshape fleet/)
  })
})
