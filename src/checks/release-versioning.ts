import { minimatch } from 'minimatch'
import { argvMatches } from './catalog/containers.js'
import { RELEASE_ACTIONS, RELEASE_COMMANDS } from './catalog/releases.js'
import type { ChangelogFile } from '../facts/changelog.js'
import type { ReleaseTrigger } from '../facts/release.js'
import { resolutionMarkdown } from './catalog/remedies.js'
import { defineCheck, type CheckContext, type Evidence, type MessageData, type Resolution } from './types.js'
import { plural } from '../prose.js'

const REMEDIATION = [
  'Tag every release with a version and write down what changed. release-please does both from conventional commits —',
  '`.github/workflows/release.yml`:',
  '```yaml',
  'on: { push: { branches: [main] } }',
  'permissions: { contents: write, pull-requests: write }',
  'jobs:',
  '  release:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: googleapis/release-please-action@v4',
  '        with: { release-type: simple }',
  '```',
  'It opens a release PR that bumps the version and updates `CHANGELOG.md`; merging it tags `vX.Y.Z` and publishes a GitHub release. By hand, keep a changelog:',
  '```markdown',
  '# Changelog',
  '',
  '## [1.4.0] - 2025-03-02',
  '### Added',
  '- Bulk import endpoint `POST /v1/orders:import`.',
  '```',
  'and tag it: `git tag -a v1.4.0 -m "v1.4.0" && git push origin v1.4.0`.'
].join('\n')

const TRIGGER_MESSAGE: Readonly<Record<ReleaseTrigger['trigger'], (text: string) => string>> = {
  'push-tags': (text) => `workflow runs on pushed tags (${text})`,
  release: () => 'workflow runs when a release is published',
  'gitlab-tag': (text) => `GitLab job runs on tags (${text})`,
  'manual-version': (text) => `release workflow started by hand with a \`${text}\` input, whose jobs publish`
}

const TAGS_UNREADABLE = 'tags could not be read: actions/checkout fetches no tags by default (set `fetch-depth: 0`), or give Shipshape a token so it can list them through the API'

/** Tags are what is missing: the release process exists. */
const TAG_RELEASES = [
  'Tag each release with its version, so what runs in production names a commit and can be rolled back to the previous tag:',
  '',
  '```sh',
  'git tag -a v1.4.0 -m "v1.4.0"',
  'git push origin v1.4.0',
  '```',
  '',
  'Or let the release workflow create it: `gh release create v1.4.0 --generate-notes` tags the commit it releases.'
].join('\n')

/** Notes are what is missing: the tags exist. */
const WRITE_NOTES = [
  'Write down what each tagged version changed: keep a `CHANGELOG.md` with a section per version, or publish notes with each tag from CI:',
  '',
  '```yaml',
  '# .github/workflows/release.yml',
  'on:',
  '  push:',
  "    tags: ['v*']",
  'permissions:',
  '  contents: write',
  'jobs:',
  '  release:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - run: gh release create "$GITHUB_REF_NAME" --generate-notes',
  '        env:',
  '          GH_TOKEN: ${{ github.token }}',
  '```'
].join('\n')

/** What lets the check see the tags: fetch them in the checkout, or list them through the API. */
const FETCH_TAGS: Resolution = {
  text: 'fetch the tags in the checkout (actions/checkout fetches none by default), or give Shipshape a token with "contents: read" so it lists them through the API',
  snippet: ['```yaml', '- uses: actions/checkout@v4', '  with:', '    fetch-depth: 0   # or: fetch-tags: true', '```'].join('\n'),
  api: true
}

/**
 * A changelog is maintained when at least one heading names a release (a version or a date,
 * not "Unreleased") and has entries under it. Recency is not judged: the scan has no trustworthy
 * clock for the commit, so the newest dated entry is shown instead.
 */
export function isMaintained(c: ChangelogFile): boolean {
  return c.releases.some((r) => r.hasBody)
}

function changelogEvidence(c: ChangelogFile): Evidence {
  const newest = c.releases[0]
  if (!isMaintained(c)) {
    const why = c.contentLines === 0 ? 'empty' : c.releases.length === 0 ? 'no released version or dated entry' : 'release headings without entries'
    return { path: c.path, message: `changelog is a stub (${why})` }
  }
  return { path: c.path, ...(newest ? { line: newest.line } : {}), message: `changelog with ${plural(c.releases.length, 'release entry', 'release entries')}${newest ? `, latest \`${newest.text}\`` : ''}${c.newestDate ? `, newest date ${c.newestDate}` : ''}` }
}

function runnable(x: { job?: { disabled: string | null } | undefined; step?: { disabled: string | null } | undefined }): boolean {
  return !x.job?.disabled && !x.step?.disabled
}

function linkEvidence(chain: readonly { path: string; line?: number }[], message: string): Evidence {
  const first = chain[0]
  return first ? { path: first.path, ...(first.line !== undefined ? { line: first.line } : {}), message } : { message }
}

/** The `except`/`positional` conditions of a release command (`git tag v1.2` creates, `git tag -l` lists). */
function releaseForm(argv: readonly string[], c: (typeof RELEASE_COMMANDS)[number]): boolean {
  const rest = argv.slice(c.argv.length)
  if (c.except && rest.some((w) => c.except!.includes(w.split('=')[0]!))) return false
  return !c.positional || rest.some((w) => !w.startsWith('-'))
}

interface Process {
  readonly found: Evidence[]
  readonly drafts: Evidence[]
}

function releaseProcess(ctx: CheckContext): Process {
  const { ci, release, repoFiles } = ctx.facts
  const found: Evidence[] = []
  const drafts: Evidence[] = []
  for (const use of ci.actions) {
    if (!runnable(use)) continue
    const name = use.action.name.toLowerCase()
    const act = RELEASE_ACTIONS.find((a) => a.name === name)
    if (act) {
      if (act.draftUnless && use.action.with[act.draftUnless] !== 'true') drafts.push(linkEvidence(use.chain, `${act.label} only drafts release notes; nothing publishes the release`))
      else found.push(linkEvidence(use.chain, `release workflow: ${act.label}`))
    } else if (ctx.extra.actions.includes(name)) found.push(linkEvidence(use.chain, `release workflow: ${name} (from config signatures)`))
  }
  for (const run of ci.runs) {
    if (run.where !== 'ci' || !runnable(run)) continue
    const cmd = RELEASE_COMMANDS.find((c) => argvMatches(run.argv, c.argv) && (!c.goal || run.argv.slice(1).some((w) => c.goal!.includes(w))) && releaseForm(run.argv, c))
    if (cmd || ctx.extra.commands.some((c) => run.text.startsWith(c))) found.push(linkEvidence(run.chain, `release command in CI: ${run.text}`))
  }
  for (const t of release.triggers) {
    if (t.buildOnly) {
      drafts.push({ path: t.path, line: t.line, message: `everyday CI workflow that tags also trigger (${t.text}); none of its jobs publishes or deploys, so it is not a release process` })
      continue
    }
    found.push({ path: t.path, line: t.line, message: TRIGGER_MESSAGE[t.trigger](t.text) })
  }
  for (const c of release.configs) {
    if (c.draftsOnly) drafts.push({ path: c.path, ...(c.line !== undefined ? { line: c.line } : {}), message: `${c.tool} configuration drafts notes; it does not publish releases` })
    else found.push({ path: c.path, ...(c.line !== undefined ? { line: c.line } : {}), message: `release tooling configured: ${c.tool}` })
  }
  if (ctx.extra.files.length > 0) {
    for (const f of repoFiles.all) if (ctx.extra.files.some((g) => minimatch(f, g, { dot: true }))) found.push({ path: f, message: 'release configuration (from config signatures)' })
  }
  return { found, drafts }
}

export default defineCheck({
  meta: {
    id: 'release-versioning',
    title: 'Versioned releases',
    question: 'Are releases tagged and documented?',
    messages: {
      complete: '{tags|version tag}, and {documented}.',
      'tags-only': '{tags|version tag}, but no release workflow or maintained changelog.',
      'documented-only': 'Releases are prepared ({documented}), but the repository has no version tags.',
      'documented-tags-unknown': 'Releases are prepared ({documented}); whether version tags exist could not be read.',
      'tags-unknown': 'No release workflow or maintained changelog, and version tags could not be read.',
      none: 'No version tags, release workflow or maintained changelog.'
    },
    why: 'A version tag names exactly what is deployed, so an incident can be traced to a change and rolled back to the previous tag; release notes tell operators and API consumers what changed. Without them, "what is running in production?" has no answer.',
    remediation: REMEDIATION
  },
  run(ctx: CheckContext) {
    const { release } = ctx.facts
    const process = releaseProcess(ctx)
    const maintained = release.changelogs.filter(isMaintained)
    const stubs = release.changelogs.filter((c) => !isMaintained(c))
    const documentedParts = [process.found.length > 0 ? 'a release workflow exists' : '', maintained.length > 0 ? 'a changelog is maintained' : ''].filter(Boolean)
    const documented = documentedParts.join(' and ')
    const docEvidence = [...process.found.slice(0, 5), ...maintained.slice(0, 3).map(changelogEvidence)]
    const noteEvidence = [...process.drafts.slice(0, 3), ...stubs.slice(0, 3).map(changelogEvidence)]
    const tags = release.tags
    if (tags === null) {
      const unread: Evidence = { message: TAGS_UNREADABLE }
      if (documented) return { status: 'partial', messageId: 'documented-tags-unknown', data: { documented } as MessageData, evidence: [...docEvidence, ...noteEvidence, unread], remediation: resolutionMarkdown(FETCH_TAGS) }
      return { status: 'unknown', messageId: 'tags-unknown', evidence: noteEvidence, resolve: FETCH_TAGS }
    }
    const versions = tags.versionTags
    const tagEvidence: Evidence = versions.length > 0
      ? { message: `${plural(versions.length, 'version tag')} (from ${tags.source === 'git' ? 'local git refs' : 'the GitHub API'}), e.g. ${versions.slice(-3).join(', ')}` }
      : { message: tags.names.length > 1 ? `${plural(tags.names.length, 'tag')}, none of them a version (e.g. ${tags.names.slice(0, 3).join(', ')})` : tags.names.length === 1 ? `1 tag, not a version (${tags.names[0]})` : `no tags (read from ${tags.source === 'git' ? 'local git refs' : 'the GitHub API'})` }
    if (versions.length > 0 && documented) return { status: 'pass', messageId: 'complete', data: { tags: versions.length, documented } as MessageData, evidence: [tagEvidence, ...docEvidence] }
    if (versions.length > 0) return { status: 'partial', messageId: 'tags-only', data: { tags: versions.length } as MessageData, evidence: [tagEvidence, ...noteEvidence], remediation: WRITE_NOTES }
    if (documented) return { status: 'partial', messageId: 'documented-only', data: { documented } as MessageData, evidence: [tagEvidence, ...docEvidence, ...noteEvidence], remediation: TAG_RELEASES }
    return { status: 'fail', messageId: 'none', evidence: [tagEvidence, ...noteEvidence] }
  }
})
