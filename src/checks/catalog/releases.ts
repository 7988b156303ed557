/**
 * Release tooling (docs/catalogue.md, "Release versioning"), as data: actions and commands that publish a release.
 * Drafting tools are listed apart: a workflow that drafts notes but never publishes is not a
 * release workflow.
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
  { name: 'release-drafter/release-drafter', label: 'release-drafter', draftUnless: 'publish' },
  // Rust: release-plz (version bump, changelog, tag, crates.io), cargo-dist's generated workflow,
  // taiki-e's release actions. Trap: git-cliff only writes a changelog; it publishes nothing.
  { name: 'release-plz/action', label: 'release-plz' },
  { name: 'marcoieni/release-plz-action', label: 'release-plz' },
  { name: 'taiki-e/create-gh-release-action', label: 'GitHub release (create-gh-release-action)' },
  { name: 'taiki-e/upload-rust-binary-action', label: 'GitHub release asset (upload-rust-binary-action)' },
  { name: 'axodotdev/cargo-dist', label: 'cargo-dist' }
]

export interface ReleaseCommand {
  readonly argv: readonly string[]
  /** When set, some later argv word must contain one of these (`release:perform`). */
  readonly goal?: readonly string[]
  readonly label: string
  /** Flags that make the command no release (`git tag -l` lists, `-d` deletes). */
  readonly except?: readonly string[]
  /** A positional word must follow the argv prefix (the tag being created). */
  readonly positional?: true
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
  { argv: ['mvnd'], goal: ['release:perform'], label: 'maven release' },
  { argv: ['gradle'], goal: ['release', 'githubRelease'], label: 'gradle release' },
  { argv: ['gradlew'], goal: ['release', 'githubRelease'], label: 'gradle release' },
  // Rust: cargo-release tags and publishes; release-plz and cargo-dist (`dist host` uploads the release).
  { argv: ['cargo', 'release'], label: 'cargo-release' },
  { argv: ['release-plz', 'release'], label: 'release-plz' },
  { argv: ['cargo', 'release-plz'], goal: ['release'], label: 'release-plz' },
  { argv: ['dist', 'host'], label: 'cargo-dist' },
  { argv: ['cargo', 'dist'], goal: ['host'], label: 'cargo-dist' },
  { argv: ['cargo', 'publish'], label: 'cargo publish (crates.io)' },
  { argv: ['cargo', 'smart-release'], label: 'cargo-smart-release' },
  { argv: ['dotnet', 'nuget', 'push'], label: 'dotnet nuget push' },
  { argv: ['nuget', 'push'], label: 'nuget push' },
  { argv: ['nbgv', 'tag'], label: 'nbgv tag' },
  // A workflow that creates the version tag itself (`git tag -a "$VERSION" && git push origin "$VERSION"`,
  // hawkBit's dispatched release) is a release process; listing, deleting or verifying tags is not.
  { argv: ['git', 'tag'], label: 'git tag (the workflow creates the version tag)', positional: true, except: ['-l', '--list', '-d', '--delete', '-v', '--verify', '--contains', '--no-contains', '--points-at', '--merged', '--no-merged', '-n', '--sort'] },
  { argv: ['mvn'], goal: ['jreleaser:full-release', 'jreleaser:release'], label: 'JReleaser (Maven)' },
  { argv: ['gradle'], goal: ['jreleaserFullRelease', 'jreleaserRelease'], label: 'JReleaser (Gradle)' },
  { argv: ['gradle'], goal: ['afterReleaseBuild', 'createRelease'], label: 'gradle release plugin' }
]
