/**
 * Release tooling (docs/catalogue.md, "Release versioning"), as data: actions and commands that publish a release.
 * Drafting tools are listed apart: a workflow that drafts notes but never publishes is not a
 * release workflow (§10.3).
 */
export interface ReleaseAction {
  readonly name: string
  readonly label: string
  /** Only drafts notes unless this `with:` input is `true` (release-drafter `publish`). */
  readonly draftUnless?: string
}

export const RELEASE_ACTIONS: readonly ReleaseAction[] = [
  { name: 'googleapis/release-please-action', label: 'release-please' },
  { name: 'google-github-actions/release-please-action', label: 'release-please' },
  { name: 'cycjimmy/semantic-release-action', label: 'semantic-release' },
  { name: 'python-semantic-release/python-semantic-release', label: 'python-semantic-release' },
  { name: 'relekang/python-semantic-release', label: 'python-semantic-release' },
  { name: 'changesets/action', label: 'changesets' },
  { name: 'goreleaser/goreleaser-action', label: 'goreleaser' },
  { name: 'softprops/action-gh-release', label: 'GitHub release (action-gh-release)' },
  { name: 'ncipollo/release-action', label: 'GitHub release (ncipollo/release-action)' },
  { name: 'actions/create-release', label: 'GitHub release (actions/create-release)' },
  { name: 'actions/upload-release-asset', label: 'GitHub release asset (actions/upload-release-asset)' },
  { name: 'svenstaro/upload-release-action', label: 'GitHub release asset (upload-release-action)' },
  { name: 'shogo82148/actions-upload-release-asset', label: 'GitHub release asset (actions-upload-release-asset)' },
  { name: 'abutler/upload-release-assets', label: 'GitHub release asset (upload-release-assets)' },
  { name: 'marvinpinto/action-automatic-releases', label: 'GitHub release (action-automatic-releases)' },
  { name: 'jreleaser/release-action', label: 'JReleaser' },
  { name: 'rymndhng/release-on-push-action', label: 'release-on-push' },
  { name: 'release-drafter/release-drafter', label: 'release-drafter', draftUnless: 'publish' }
]

export interface ReleaseCommand {
  readonly argv: readonly string[]
  /** When set, some later argv word must contain one of these (`release:perform`). */
  readonly goal?: readonly string[]
  readonly label: string
}

export const RELEASE_COMMANDS: readonly ReleaseCommand[] = [
  { argv: ['semantic-release'], label: 'semantic-release' },
  { argv: ['gh', 'release', 'create'], label: 'gh release create' },
  { argv: ['goreleaser'], label: 'goreleaser' },
  { argv: ['changeset', 'publish'], label: 'changeset publish' },
  { argv: ['changeset', 'tag'], label: 'changeset tag' },
  { argv: ['release-it'], label: 'release-it' },
  { argv: ['standard-version'], label: 'standard-version' },
  { argv: ['commit-and-tag-version'], label: 'commit-and-tag-version' },
  { argv: ['lerna', 'publish'], label: 'lerna publish' },
  { argv: ['lerna', 'version'], label: 'lerna version' },
  { argv: ['cz', 'bump'], label: 'commitizen bump' },
  { argv: ['jreleaser'], label: 'jreleaser' },
  { argv: ['auto', 'shipit'], label: 'auto shipit' },
  { argv: ['release-please'], label: 'release-please' },
  // Elixir: publishing a package version to Hex (`mix release` only assembles an OTP release: no version is published).
  { argv: ['mix', 'hex.publish'], label: 'mix hex.publish' },
  { argv: ['mvn'], goal: ['release:perform'], label: 'maven release' },
  { argv: ['mvnw'], goal: ['release:perform'], label: 'maven release' },
  { argv: ['gradle'], goal: ['release', 'githubRelease'], label: 'gradle release' },
  { argv: ['gradlew'], goal: ['release', 'githubRelease'], label: 'gradle release' }
]
