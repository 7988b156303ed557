import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import type { ScanReport } from '../../src/report/types.js'
import { scanReport } from '../helpers/scan.js'
import { tempTree } from '../helpers/tmp-repo.js'

/**
 * A Rails service whose CI is made of its organisation's shared reusable workflows, which live in
 * another repository and are not visible here. Their file names say what they run; Shipshape reads
 * them as a reviewer would and says in the evidence that it read a name, not the steps.
 */

const RAILS_SERVICE = {
  Gemfile: "source 'https://rubygems.org'\ngem 'rails', '~> 8.0'\ngem 'pg'\n\ngroup :development, :test do\n  gem 'rspec-rails'\n  gem 'rubocop-govuk'\n  gem 'brakeman'\nend\n",
  'config/routes.rb': "Rails.application.routes.draw do\n  get '/healthcheck/live', to: proc { [200, {}, ['OK']] }\n  resources :items\nend\n",
  'app/controllers/items_controller.rb': 'class ItemsController < ApplicationController\n  def index\n    render json: Item.all\n  end\nend\n',
  'spec/items_spec.rb': "require 'rails_helper'\nRSpec.describe 'items' do\n  it('lists') { expect(1).to eq(1) }\nend\n",
  '.rubocop.yml': 'inherit_gem:\n  rubocop-govuk:\n    - config/default.yml\n',
  Dockerfile: 'FROM ruby:3.3\nCOPY . /app\nCMD ["bin/rails", "server"]\n'
}

const CI = (jobs: string): string => `name: CI\non:\n  pull_request:\n  push:\n    branches: [main]\njobs:\n${jobs}`
const SHARED = 'acme/infrastructure/.github/workflows'

async function scanWith(ci: string): Promise<ScanReport> {
  return scanReport({ root: tempTree({ ...RAILS_SERVICE, '.github/workflows/ci.yml': ci }), config: DEFAULT_CONFIG, inputs: { tags: null } })
}

function check(report: ScanReport, id: string): { status: string; evidence: string } {
  const c = report.checks.find((x) => x.id === id)!
  return { status: c.status, evidence: c.evidence.map((e) => `${e.path}:${e.line ?? ''} ${e.message}`).join('\n') }
}

describe("an organisation's shared reusable workflows", () => {
  it('are read from their names: lint, SAST and the image build pass, and type checking is understood to be absent', async () => {
    const report = await scanWith(
      CI(
        [
          `  codeql:\n    uses: ${SHARED}/codeql-analysis.yml@main`,
          `  security:\n    uses: ${SHARED}/brakeman.yml@main\n    secrets: inherit`,
          `  lint-ruby:\n    uses: ${SHARED}/rubocop.yml@main`,
          `  image:\n    uses: ${SHARED}/build-image-from-pr.yml@main`,
          '  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: bundle exec rspec\n'
        ].join('\n')
      )
    )
    const lint = check(report, 'ci-lint')
    expect(lint.status).toBe('pass')
    expect(lint.evidence).toMatch(/rubocop\.yml@main.*read from the name of another repository's reusable workflow/)
    expect(check(report, 'static-analysis').status).toBe('pass')
    expect(check(report, 'static-analysis').evidence).toMatch(/brakeman\.yml|codeql-analysis\.yml/)
    const image = check(report, 'container-build')
    expect(image.status).toBe('pass')
    expect(image.evidence).toMatch(/build-image-from-pr\.yml@main.*read from the name/)
    // Every shared workflow is understood by its name, so no step is left that could type-check.
    expect(check(report, 'type-checking').status).toBe('fail')
    expect(check(report, 'ci-tests').status).toBe('pass')
  })

  it('a workflow named for the practice itself (`lint_php.yml`, `unit-tests.yml`) is read as doing it', async () => {
    const report = await scanWith(CI(`  lint:\n    uses: ${SHARED}/lint_php.yml@v2\n  tests:\n    uses: ${SHARED}/unit-tests.yml@v2\n`))
    expect(check(report, 'ci-lint').status).toBe('pass')
    expect(check(report, 'ci-lint').evidence).toMatch(/lint_php\.yml@v2.*read from the name/)
    expect(check(report, 'ci-tests').status).toBe('pass')
  })

  it('a tool-named workflow on pushes only is read as running on pushes', async () => {
    const report = await scanWith(`name: CI\non:\n  push:\n    branches: [main]\njobs:\n  lint:\n    uses: ${SHARED}/rubocop.yml@v3\n`)
    const lint = check(report, 'ci-lint')
    expect(lint.status).toBe('partial')
    expect(lint.evidence).toMatch(/rubocop\.yml@v3.*not on pull requests/)
  })

  it('traps: a helper word, a generic name, and a workflow of this repository are not read from their names', async () => {
    // `setup-rubocop` prepares; nothing that may run lint is left, so lint is configured but not run.
    const setup = await scanWith(CI(`  prepare:\n    uses: ${SHARED}/setup-rubocop.yml@main\n`))
    expect(check(setup, 'ci-lint').status).toBe('partial')
    // `checks.yml` names neither a tool nor a practice: it may run anything, so the answer is unknown, naming the step.
    const generic = await scanWith(CI(`  lint:\n    uses: ${SHARED}/checks.yml@main\n`))
    const lint = check(generic, 'ci-lint')
    expect(lint.status).toBe('unknown')
    expect(lint.evidence).toMatch(/checks\.yml@main/)
    // An image workflow that only scans or signs images built elsewhere builds nothing.
    const scanOnly = await scanWith(CI(`  scan:\n    uses: ${SHARED}/scan-docker-image.yml@main\n`))
    expect(check(scanOnly, 'container-build').status).not.toBe('pass')
  })

  it('a shared workflow whose name says nothing may run a configured tool: unknown, not "configured, not run"', async () => {
    const php = {
      'composer.json': JSON.stringify({ require: { 'laravel/framework': '^11.0' }, 'require-dev': { 'phpstan/phpstan': '^1.10', 'larastan/larastan': '^2.0' } }),
      'phpstan.neon': 'parameters:\n  level: 5\n  paths:\n    - app\n',
      'routes/web.php': "<?php\nRoute::get('/up', fn () => 'ok');\n",
      '.github/workflows/tests.yml': CI(`  tests:\n    uses: ${SHARED}/laravel.yml@v2\n`)
    }
    const report = await scanReport({ root: tempTree(php), config: DEFAULT_CONFIG, inputs: { tags: null } })
    const types = check(report, 'type-checking')
    expect(types.status).toBe('unknown')
    expect(types.evidence).toMatch(/laravel\.yml@v2/)
    expect(check(report, 'static-analysis').status).toBe('unknown')
  })

  it("a step Shipshape cannot follow in a job named for a chore (docs, deploy) hides no check", async () => {
    const report = await scanWith(CI('  docs:\n    name: Validate Docs\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./scripts/missing-build.sh\n'))
    expect(check(report, 'ci-tests').status).toBe('fail')
  })
})
