import { describe, expect, it } from 'vitest'
import ciTests from '../../../src/checks/ci-tests.js'
import { factsFor } from '../../helpers/facts.js'
import { CONFIG_READS } from '../../../src/checks/reads.js'
import { collectFacts } from '../../../src/facts/collect.js'
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { runCheck } from '../../checks/dependency-facts.js'

/**
 * `actions/checkout` with `path:` puts this repository below the workspace root (GOPATH-style
 * layouts: `path: src/github.com/org/repo`); a step that `cd`s there, or sets `working-directory:`
 * there, runs the repository's own scripts.
 */

const lines = (...ls: string[]): string => ls.join('\n') + '\n'
/** A repository wrapper that runs its arguments with a timestamp on each output line and keeps their exit code. */
const SHOWTIME = lines('#!/bin/env bash', 'if [ ! -z "$*" ]; then', ' $@ 2>&1 | while read line;do', '  echo $(date +"%T") $line', ' done', ' exit ${PIPESTATUS[0]}', 'fi')
const FILES = {
  'go.mod': 'module example.com/app\n',
  'app_test.go': 'package app\n',
  'tests/showtime.sh': SHOWTIME,
  'tests/ci/ut_run.sh': lines('#!/bin/bash', 'set -e', 'export DB_HOST=$1', './tests/coverage.sh'),
  'tests/coverage.sh': lines('#!/bin/bash', 'go test -race -cover ./...')
}
const workflow = (steps: string): string => lines('on: pull_request', 'jobs:', '  ut:', '    runs-on: ubuntu-latest', '    steps:', steps)

describe('a repository checked out below the workspace root', () => {
  it('follows `cd <path>` into the repository and through a wrapper script to the tests', () => {
    const wf = workflow(
      lines('      - uses: actions/checkout@v4', '        with:', '          path: src/github.com/org/app', '      - run: |', '          cd src/github.com/org/app', '          bash ./tests/showtime.sh ./tests/ci/ut_run.sh $IP')
    )
    const out = runCheck(ciTests, factsFor({ files: { ...FILES, '.github/workflows/ci.yml': wf } }))
    expect(out.status).toBe('pass')
    expect(out.evidence?.[0]?.message).toContain('tests/showtime.sh:3 ./tests/ci/ut_run.sh')
    expect(out.evidence?.[0]?.message).toContain('tests/coverage.sh:2 go test -race -cover ./...')
  })

  it('maps a `working-directory:` under the checkout path too', () => {
    const wf = workflow(lines('      - uses: actions/checkout@v4', '        with:', '          path: app', '      - working-directory: app/tests', '        run: bash ./coverage.sh'))
    expect(runCheck(ciTests, factsFor({ files: { ...FILES, '.github/workflows/ci.yml': wf } })).status).toBe('pass')
  })

  it("does not map another repository's checkout path", () => {
    const wf = workflow(
      lines('      - uses: actions/checkout@v4', '      - uses: actions/checkout@v4', '        with:', '          repository: other/tools', '          path: tools', '      - run: cd tools && bash ./tests/coverage.sh')
    )
    expect(runCheck(ciTests, factsFor({ files: { ...FILES, '.github/workflows/ci.yml': wf } })).status).not.toBe('pass')
  })
})

describe('a checkout that names the scanned repository itself', () => {
  // A reusable workflow checks out `repository: acme/api` (so other repositories can call it) and runs the tests.
  const called = lines(
    'on:',
    '  workflow_call:',
    'jobs:',
    '  rspec:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '        with:',
    '          repository: acme/api',
    '      - run: bundle exec rake spec'
  )
  const files = {
    Gemfile: "source 'https://rubygems.org'\ngem 'rspec-rails'\n",
    'spec/models/user_spec.rb': 'describe User do\nend\n',
    '.github/workflows/ci.yml': lines('on: pull_request', 'jobs:', '  test:', '    uses: ./.github/workflows/rspec.yml'),
    '.github/workflows/rspec.yml': called
  }
  const statusIn = (repository: string | null): string => runCheck(ciTests, { ...collectFacts(new MemorySnapshot(files), DEFAULT_CONFIG, { repository }, { configReads: CONFIG_READS }) }).status

  it('runs this repository\'s code when the name is the repository\'s own (any case)', () => {
    expect(statusIn('acme/api')).toBe('pass')
    expect(statusIn('Acme/API')).toBe('pass')
  })

  it("is another repository's code under another name, or when the name is unknown", () => {
    expect(statusIn('acme/web')).not.toBe('pass')
    expect(statusIn(null)).not.toBe('pass')
  })
})
