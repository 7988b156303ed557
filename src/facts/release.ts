import { filesWhere } from './recording-snapshot.js'
import { ciFileKind } from './ci/files.js'
import type { ParseProblem } from './ci/types.js'
import { excludedSegment, isVendored } from './excluded.js'
import { readText } from './manifests/text.js'
import { yamlLines } from './parse/yaml-lines.js'
import { basename } from './paths.js'
import type { Snapshot } from './snapshot.js'
import { isChangelogFile, parseChangelog, type ChangelogFile } from './changelog.js'

export interface TagFacts {
  readonly names: readonly string[]
  /** Names that look like versions: `v1.2.3`, `1.2`, `api-v1.2`, `pkg@1.0.0`, `2024.01.15`. */
  readonly versionTags: readonly string[]
  readonly source: 'git' | 'api'
}

export interface ReleaseConfig {
  readonly path: string
  readonly line?: number
  /** release-please, semantic-release, changesets, goreleaser, release-drafter, … */
  readonly tool: string
  /** The tool only drafts notes; it never publishes a release (release-drafter, `.github/release.yml` categories). */
  readonly draftsOnly: boolean
}

/**
 * A CI workflow that runs when a version tag is pushed or a release is published, or a release
 * cut by hand: a workflow started only manually (`workflow_dispatch`) whose inputs name the version
 * and whose jobs publish (push an image, deploy, publish a package).
 */
export interface ReleaseTrigger {
  readonly path: string
  readonly line: number
  readonly trigger: 'push-tags' | 'release' | 'gitlab-tag' | 'manual-version'
  /** Tag filters as written (`v*`), for push-tags. */
  readonly text: string
  /**
   * The workflow also runs on pull requests, branch pushes or a schedule (everyday CI that tags
   * happen to trigger too) and none of its jobs does anything a release does — publish, deploy,
   * upload a release asset, or act only on tags (`startsWith(github.ref, 'refs/tags/')`).
   */
  readonly buildOnly?: boolean
}

export interface ReleaseFacts {
  /** Null when tags could not be read (no git directory or a shallow clone without tags, and no API). */
  readonly tags: TagFacts | null
  readonly changelogs: readonly ChangelogFile[]
  readonly configs: readonly ReleaseConfig[]
  readonly triggers: readonly ReleaseTrigger[]
  readonly problems: readonly ParseProblem[]
}

const VERSION_CORE = /^[vV]?\d+(?:\.\d+)+(?:[-+][0-9A-Za-z.+_-]*)?$/

/** Whether a tag names a version, allowing a component prefix (`api-v1.2`, `pkg@1.0.0`, `release/1.2`). */
export function isVersionTag(name: string): boolean {
  if (name.length > 200) return false
  if (VERSION_CORE.test(name)) return true
  for (let i = 0; i < name.length; i++) {
    const c = name[i]
    if ((c === '-' || c === '_' || c === '/' || c === '@') && VERSION_CORE.test(name.slice(i + 1))) return true
  }
  return false
}

/** Release tool configuration files, as data. */
const CONFIG_FILES: readonly { match: (path: string, name: string) => boolean; tool: string; draftsOnly?: boolean; needle?: string }[] = [
  { match: (_p, n) => n === 'release-please-config.json' || n === '.release-please-manifest.json', tool: 'release-please' },
  { match: (_p, n) => n === '.releaserc' || n.startsWith('.releaserc.') || /^release\.config\.(js|cjs|mjs|ts)$/.test(n), tool: 'semantic-release' },
  { match: (p) => p === '.changeset/config.json', tool: 'changesets' },
  { match: (_p, n) => n === '.goreleaser.yml' || n === '.goreleaser.yaml' || n === 'goreleaser.yml' || n === 'goreleaser.yaml', tool: 'goreleaser' },
  { match: (_p, n) => n === '.release-it.json' || n.startsWith('.release-it.'), tool: 'release-it' },
  { match: (_p, n) => n === '.versionrc' || n.startsWith('.versionrc.'), tool: 'standard-version' },
  { match: (_p, n) => n === '.autorc' || n.startsWith('.autorc.'), tool: 'auto' },
  { match: (_p, n) => n === '.cz.toml' || n === 'cz.toml' || n === '.cz.json' || n === '.cz.yaml', tool: 'commitizen' },
  { match: (_p, n) => n === '.bumpversion.cfg' || n === '.bumpversion.toml', tool: 'bump2version' },
  { match: (_p, n) => n === 'tbump.toml', tool: 'tbump' },
  { match: (_p, n) => n === 'jreleaser.yml' || n === 'jreleaser.yaml' || n === 'jreleaser.toml' || n === 'jreleaser.json', tool: 'jreleaser' },
  { match: (_p, n) => n === 'cliff.toml', tool: 'git-cliff' },
  { match: (p) => p === '.github/release-drafter.yml' || p === '.github/release-drafter.yaml', tool: 'release-drafter', draftsOnly: true },
  { match: (p) => p === '.github/release.yml' || p === '.github/release.yaml', tool: 'github-release-notes', draftsOnly: true },
  { match: (_p, n) => n === 'pyproject.toml', tool: 'python-semantic-release', needle: '[tool.semantic_release' },
  { match: (_p, n) => n === 'pyproject.toml', tool: 'commitizen', needle: '[tool.commitizen' },
  { match: (_p, n) => n === 'pyproject.toml', tool: 'bump-my-version', needle: '[tool.bumpversion' },
  { match: (_p, n) => n === 'pyproject.toml', tool: 'towncrier', needle: '[tool.towncrier' },
  { match: (_p, n) => n === 'package.json', tool: 'semantic-release', needle: '"release": {' },
  // Rust: release-plz, cargo-release (`release.toml`, `[workspace.metadata.release]`), cargo-dist.
  { match: (_p, n) => n === 'release-plz.toml' || n === '.release-plz.toml', tool: 'release-plz' },
  { match: (_p, n) => n === 'release.toml', tool: 'cargo-release' },
  { match: (_p, n) => n === 'dist-workspace.toml', tool: 'cargo-dist' },
  { match: (_p, n) => n === 'cargo.toml', tool: 'cargo-release', needle: '[workspace.metadata.release]' },
  { match: (_p, n) => n === 'cargo.toml', tool: 'cargo-dist', needle: '[workspace.metadata.dist]' },
  // .NET versioning from tags, like bump2version elsewhere: GitVersion, Nerdbank.GitVersioning, MinVer.
  { match: (_p, n) => n === 'gitversion.yml' || n === 'gitversion.yaml', tool: 'GitVersion' },
  { match: (_p, n) => n === 'version.json', tool: 'Nerdbank.GitVersioning', needle: 'GitVersioning' },
  { match: (_p, n) => n === 'directory.build.props' || n === 'directory.packages.props' || n.endsWith('.csproj'), tool: 'MinVer', needle: '"MinVer"' }
]

/** `workflow_dispatch` inputs that name the version a manual run releases. */
const VERSION_INPUT = /^(version|tag|release|release[_-]?version|release[_-]?tag|new[_-]?version|version[_-]?number)$/i

/** Events that make a workflow everyday CI rather than a release pipeline. */
const EVERYDAY_EVENTS = /\b(pull_request|pull_request_target|merge_group|schedule)\b/
/** What a release job does, in a job's text (keys, `run:` scripts, `uses:`, `if:` conditions). */
const RELEASE_WORK = /refs\/tags|ref_type|\bpublish|\bdeploy|\brelease|docker push|push: *true|twine upload|upload-release-asset|registry/i

function workflowTriggers(path: string, text: string): ReleaseTrigger[] {
  const out: ReleaseTrigger[] = []
  let everyday = false
  let releaseWork = false
  let pushed = false
  let manual: ReleaseTrigger | undefined
  for (const l of yamlLines(text)) {
    const top = l.parents[0] ?? l.key
    if (l.parents.length === 0 && l.key === 'on') {
      if (/\brelease\b/.test(l.value)) out.push({ path, line: l.line, trigger: 'release', text: l.value })
      if (EVERYDAY_EVENTS.test(l.value)) everyday = true
    }
    if (l.parents.length === 1 && l.parents[0] === 'on' && l.key === 'release') out.push({ path, line: l.line, trigger: 'release', text: 'release' })
    if (l.parents.length === 1 && l.parents[0] === 'on' && l.key !== null && EVERYDAY_EVENTS.test(l.key)) everyday = true
    if (l.parents.length === 1 && l.parents[0] === 'on' && l.key === null && EVERYDAY_EVENTS.test(l.value)) everyday = true
    if (l.parents.length === 2 && l.parents[0] === 'on' && l.parents[1] === 'push' && (l.key === 'branches' || l.key === 'branches-ignore')) everyday = true
    if (l.parents.length === 2 && l.parents[0] === 'on' && l.parents[1] === 'push' && l.key === 'tags') out.push({ path, line: l.line, trigger: 'push-tags', text: l.value || 'tags' })
    if (l.parents.length === 3 && l.parents[0] === 'on' && l.parents[1] === 'workflow_dispatch' && l.parents[2] === 'inputs' && l.key !== null && VERSION_INPUT.test(l.key)) manual ??= { path, line: l.line, trigger: 'manual-version', text: l.key }
    if (l.parents.length === 1 && l.parents[0] === 'on' && l.key === 'push') pushed = true
    if (top === 'jobs' && l.parents.length >= 2 && RELEASE_WORK.test(`${l.key ?? ''} ${l.value}`)) releaseWork = true
  }
  // A hand-started run with a version input counts only when it is the workflow's only way in and it publishes.
  if (manual && !everyday && !pushed && releaseWork) out.push(manual)
  return everyday && !releaseWork ? out.map((t) => ({ ...t, buildOnly: true })) : out
}

function gitlabTriggers(path: string, text: string): ReleaseTrigger[] {
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim()
    if (t.includes('$CI_COMMIT_TAG') || (t === '- tags' && i > 0 && /^\s*only:\s*$/.test(lines[i - 1]!))) return [{ path, line: i + 1, trigger: 'gitlab-tag', text: t }]
  }
  return []
}

/**
 * Release facts: version tags (given by the caller: local git refs or the API), changelog files
 * with the releases their headings name, release tool configuration, and CI workflows triggered
 * by tags or published releases.
 */
/** Trees whose changelogs and release configs belong to samples, not the service. */
const RELEASE_NON_PRODUCT: ReadonlySet<string> = new Set(['examples', 'fixtures', 'testdata'])

/** Every listed file the collector reads: changelogs, release tool configs, workflows. */
function releaseListed(path: string): boolean {
  if (isVendored(path) || excludedSegment(path, RELEASE_NON_PRODUCT)) return false
  const name = basename(path).toLowerCase()
  return isChangelogFile(path) || CONFIG_FILES.some((c) => c.match(path, name)) || releaseCi(path) !== undefined
}

/** The CI files whose release triggers are read (the CI file table says which files they are). */
function releaseCi(path: string): 'workflow' | 'gitlab' | undefined {
  const id = ciFileKind(path)?.id
  return id === 'github-actions' || id === 'gitea-forgejo' ? 'workflow' : id === 'gitlab-ci' ? 'gitlab' : undefined
}

export function collectRelease(snapshot: Snapshot, tags: { readonly names: readonly string[]; readonly source: 'git' | 'api' } | null | undefined): ReleaseFacts {
  const problems: ParseProblem[] = []
  const changelogs: ChangelogFile[] = []
  const configs: ReleaseConfig[] = []
  const triggers: ReleaseTrigger[] = []
  for (const path of filesWhere(snapshot, releaseListed)) {
    const name = basename(path).toLowerCase()
    if (isChangelogFile(path)) {
      const text = readText(snapshot, path, problems)
      if (text !== undefined) changelogs.push(parseChangelog(path, text))
      continue
    }
    for (const c of CONFIG_FILES) {
      if (!c.match(path, name)) continue
      if (c.needle) {
        const text = snapshot.text(path)
        const idx = text === undefined ? -1 : text.split(/\r?\n/).findIndex((l) => l.includes(c.needle!))
        if (idx >= 0) configs.push({ path, line: idx + 1, tool: c.tool, draftsOnly: false })
      } else configs.push({ path, tool: c.tool, draftsOnly: c.draftsOnly ?? false })
    }
    const ci = releaseCi(path)
    if (ci === 'workflow') {
      const text = readText(snapshot, path, problems)
      if (text !== undefined) triggers.push(...workflowTriggers(path, text))
    } else if (ci === 'gitlab') {
      const text = readText(snapshot, path, problems)
      if (text !== undefined) triggers.push(...gitlabTriggers(path, text))
    }
  }
  const tagFacts: TagFacts | null = tags ? { names: tags.names, versionTags: tags.names.filter(isVersionTag), source: tags.source } : null
  return { tags: tagFacts, changelogs, configs, triggers, problems }
}
