import { describe, expect, it } from 'vitest'
import check from '../../src/checks/release-versioning.js'
import { ciAction, ciRun, factsFor, runCheck } from './dependency-facts.js'

const WF = '.github/workflows/release.yml'
const TAGS = { names: ['v1.0.0', 'v1.1.0', 'nightly'], source: 'git' as const }
const CHANGELOG = '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2025-02-01\n### Fixed\n- Timeouts.\n\n## [1.0.0] - 2024-09-01\n- First release.\n'
const STUB = '# Changelog\n\nAll notable changes to this project will be documented in this file.\n\n## [Unreleased]\n'

describe('release-versioning', () => {
  it('passes with version tags and a release-please workflow', () => {
    const out = runCheck(check, factsFor({}, { tags: TAGS, ci: { actions: [ciAction(WF, 12, 'googleapis/release-please-action')] } }))
    expect(out.status).toBe('pass')
    expect(out.messageId).toBe('complete')
    expect(out.data).toEqual({ tags: 2, documented: 'a release workflow exists' })
    expect(out.evidence).toEqual([
      { message: '2 version tags (from local git refs), e.g. v1.0.0, v1.1.0' },
      { path: WF, line: 12, message: 'release workflow: release-please' }
    ])
  })

  it('a dispatched workflow that creates the version tag is a release process; listing tags is not (hawkBit)', () => {
    const make = (script: string) => runCheck(check, factsFor({}, { tags: TAGS, ci: { runs: [ciRun(WF, 60, script)] } }))
    const created = make('git tag -a ${TAG_NAME} -m "Release version ${TAG_NAME}"')
    expect([created.status, created.evidence?.[1]?.message]).toEqual(['pass', 'release command in CI: git tag -a ${TAG_NAME} -m "Release version ${TAG_NAME}"'])
    expect(make('git tag -l v*').status).toBe('partial')
    expect(make('git tag --sort=-v:refname').status).toBe('partial')
    expect(make('git tag').status).toBe('partial')
  })

  it('passes with version tags and a maintained changelog', () => {
    const out = runCheck(check, factsFor({ 'CHANGELOG.md': CHANGELOG }, { tags: TAGS }))
    expect(out.status).toBe('pass')
    expect(out.evidence?.[1]).toEqual({ path: 'CHANGELOG.md', line: 5, message: 'changelog with 2 release entries, latest `[1.1.0] - 2025-02-01`, newest date 2025-02-01' })
  })

  it('is partial with tags and only an empty CHANGELOG stub', () => {
    const out = runCheck(check, factsFor({ 'CHANGELOG.md': STUB }, { tags: TAGS }))
    expect(out.status).toBe('partial')
    expect(out.messageId).toBe('tags-only')
    expect(out.evidence).toEqual([
      { message: '2 version tags (from local git refs), e.g. v1.0.0, v1.1.0' },
      { path: 'CHANGELOG.md', message: 'changelog is a stub (no released version or dated entry)' }
    ])
  })

  it('does not count a workflow that only drafts release notes', () => {
    const out = runCheck(check, factsFor({ '.github/release-drafter.yml': 'template: $CHANGES\n' }, { tags: { names: [], source: 'git' }, ci: { actions: [ciAction('.github/workflows/drafter.yml', 9, 'release-drafter/release-drafter')] } }))
    expect(out.status).toBe('fail')
    expect(out.messageId).toBe('none')
    expect(out.evidence).toEqual([
      { message: 'no tags (read from local git refs)' },
      { path: '.github/workflows/drafter.yml', line: 9, message: 'release-drafter only drafts release notes; nothing publishes the release' },
      { path: '.github/release-drafter.yml', message: 'release-drafter configuration drafts notes; it does not publish releases' }
    ])
    const publishing = runCheck(check, factsFor({}, { tags: TAGS, ci: { actions: [ciAction(WF, 9, 'release-drafter/release-drafter', { publish: 'true' })] } }))
    expect(publishing.status).toBe('pass')
  })

  it('is partial with a release process but no version tags; tag-triggered workflows and gh release count', () => {
    const files = { '.github/workflows/release.yml': 'on:\n  push:\n    tags: ["v*"]\njobs: {}\n' }
    const out = runCheck(check, factsFor(files, { tags: { names: ['deploy-prod'], source: 'api' }, ci: { runs: [ciRun(WF, 20, 'gh release create v1.0.0 --generate-notes')] } }))
    expect(out.status).toBe('partial')
    expect(out.messageId).toBe('documented-only')
    expect(out.evidence).toEqual([
      { message: '1 tag, not a version (deploy-prod)' },
      { path: WF, line: 20, message: 'release command in CI: gh release create v1.0.0 --generate-notes' },
      { path: WF, line: 3, message: 'workflow runs on pushed tags (["v*"])' }
    ])
  })

  it('is partial when tags cannot be read but a changelog is maintained, and says how to fix it', () => {
    const out = runCheck(check, factsFor({ 'CHANGELOG.md': CHANGELOG }, { tags: null }))
    expect(out.status).toBe('partial')
    expect(out.messageId).toBe('documented-tags-unknown')
    expect(out.evidence?.at(-1)?.message).toContain('fetch-depth: 0')
  })

  it('is unknown, not fail, when tags cannot be read and nothing else is there', () => {
    const out = runCheck(check, factsFor({ 'CHANGELOG.md': '' }, { tags: null }))
    expect(out.status).toBe('unknown')
    expect(out.messageId).toBe('tags-unknown')
    expect(out.evidence?.[0]).toEqual({ path: 'CHANGELOG.md', message: 'changelog is a stub (empty)' })
  })

  it('does not count everyday CI that tags also trigger when none of its jobs releases (spring-boot-realworld)', () => {
    const ci = "name: Java CI\non:\n  push:\n    branches:\n      - '**'\n    tags:\n      - 'v*'\n  pull_request:\n    branches: ['**']\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Test with Gradle\n        run: ./gradlew clean test\n"
    const out = runCheck(check, factsFor({ '.github/workflows/gradle.yml': ci }, { tags: { names: [], source: 'git' } }))
    expect([out.status, out.messageId]).toEqual(['fail', 'none'])
    expect(out.evidence).toContainEqual({ path: '.github/workflows/gradle.yml', line: 6, message: expect.stringContaining('not a release process') })
  })

  it('counts mixed CI when a job acts on tags or publishes, and a tags-only workflow whatever it does', () => {
    const gated = "on:\n  push:\n    branches: [main]\n    tags: ['v*']\n  pull_request:\njobs:\n  image:\n    if: startsWith(github.ref, 'refs/tags/')\n    steps:\n      - run: make image\n"
    const publishing = "on: [pull_request]\njobs:\n  x:\n    steps:\n      - run: npm test\n"
    const tagsOnly = "on:\n  push:\n    tags: ['v*']\njobs:\n  build:\n    steps:\n      - run: make dist\n"
    for (const [name, text, counts] of [['gated', gated, true], ['no tags', publishing, false], ['tags only', tagsOnly, true]] as const) {
      const out = runCheck(check, factsFor({ [`.github/workflows/${name}.yml`]: text }, { tags: TAGS }))
      expect([name, out.status]).toEqual([name, counts ? 'pass' : 'partial'])
    }
  })

  it('counts a release-asset upload action as release work (gotify uploads binaries with svenstaro/upload-release-action)', () => {
    const out = runCheck(check, factsFor({}, { tags: TAGS, ci: { actions: [ciAction(WF, 33, 'svenstaro/upload-release-action')] } }))
    expect([out.status, JSON.stringify(out.evidence)]).toEqual(['pass', expect.stringContaining('upload-release-action')])
  })

  it('fails with no tags and nothing else', () => {
    const out = runCheck(check, factsFor({ 'README.md': '# x\n' }, { tags: { names: [], source: 'git' } }))
    expect([out.status, out.messageId]).toEqual(['fail', 'none'])
  })
})
