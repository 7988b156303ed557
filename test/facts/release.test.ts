import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readLocalTags } from '../../src/facts/git-tags.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { changelogHeadings, headingDate, isChangelogFile } from '../../src/facts/changelog.js'
import { collectRelease, isVersionTag } from '../../src/facts/release.js'

describe('version tags', () => {
  it.each([
    ['v1.2.3', true],
    ['1.2.3', true],
    ['1.2', true],
    ['v2.0.0-rc.1', true],
    ['api-v1.2', true],
    ['pkg@1.0.0', true],
    ['release/1.4.0', true],
    ['2024.01.15', true],
    ['latest', false],
    ['v1', false],
    ['deploy-prod', false]
  ])('%s → %s', (name, ok) => expect(isVersionTag(name)).toBe(ok))
})

describe('changelogs', () => {
  it('recognises changelog file names', () => {
    expect(['CHANGELOG.md', 'HISTORY.rst', 'NEWS', 'docs/changelog.md', 'RELEASE_NOTES.md', 'docs/release-notes/1.2.0.md', 'CHANGES.txt'].map(isChangelogFile)).toEqual([true, true, true, true, true, true, true])
    expect(['src/changes.py', 'CHANGELOG.json', 'docs/guide.md'].map(isChangelogFile)).toEqual([false, false, false])
  })

  it('recognises release-notes pages rendered from templates by their names', () => {
    expect(['app/views/pages/api_release_notes.html.haml', 'app/views/home/changelog.html.erb', 'templates/whats_new.slim', 'public/release-notes.html', 'docs/API_RELEASE_NOTES.md'].map(isChangelogFile)).toEqual([true, true, true, true, true])
    // Pages that list records from a database, or merely mention releases, are not changelogs.
    expect(['app/views/releases/index.html.erb', 'app/views/news.html.erb', 'app/views/pages/release.html.haml', 'app/views/notes/release.html.erb'].map(isChangelogFile)).toEqual([false, false, false, false])
  })

  it.each([
    ['28th July 2026', '2026-07-28'],
    ['3 Mar 2026', '2026-03-03'],
    ['Version 2 — September 1st, 2025', '2025-09-01'],
    ['Sept 9 2024', '2024-09-09'],
    ['1.2.0 - 2025-03-01', '2025-03-01'],
    ['July 2026 roadmap', undefined],
    ['32 July 2026', undefined]
  ])('reads the date in %s', (text, iso) => expect(headingDate(text)).toBe(iso))

  it('reads a HAML, ERB or Slim release-notes page like a Markdown changelog', () => {
    const haml = ['= render partial: "heading"', '', '%section.notes', '  %h2.govuk-heading-m 28th July 2026', '  %ul', '    %li', '      New fee scheme', '', '  %h2.govuk-heading-m 3rd March 2026', '  %ul', '    %li Faster search', '  #footer', '  %h2= t(".older")'].join('\n')
    const page = collectRelease(new MemorySnapshot({ 'app/views/pages/api_release_notes.html.haml': haml }), null).changelogs[0]!
    expect(page.releases.map((r) => [r.line, r.date, r.hasBody])).toEqual([
      [4, '2026-07-28', true],
      [9, '2026-03-03', true]
    ])
    expect(page.newestDate).toBe('2026-07-28')
    const erb = ['<h1>What changed</h1>', '<h2 class="r"><%= link_to "v1.4.0", "#" %> v1.4.0 (July 2, 2026)</h2>', '<p>Bulk export.</p>', '<h2><%= t(".x") %></h2>'].join('\n')
    const erbPage = collectRelease(new MemorySnapshot({ 'app/views/home/changelog.html.erb': erb }), null).changelogs[0]!
    expect(erbPage.releases.map((r) => [r.line, r.version, r.date, r.hasBody])).toEqual([[2, '1.4.0', '2026-07-02', true]])
    const slim = ['h1 Release notes', 'h2.entry 2.0.0', 'p Breaking change', 'h2= title'].join('\n')
    expect(collectRelease(new MemorySnapshot({ 'views/release_notes.slim': slim }), null).changelogs[0]!.releases.map((r) => r.version)).toEqual(['2.0.0'])
  })

  it('reads Keep-a-Changelog and RST headings with versions, dates and bodies', () => {
    const md = ['# Changelog', '', '## [Unreleased]', '', '## [1.2.0] - 2025-03-01', '### Added', '- bulk import', '', '## [1.1.0] - 2024-11-20', '', '[1.2.0]: https://x/compare'].join('\n')
    expect(changelogHeadings(md).map((h) => [h.line, h.version, h.date, h.unreleased, h.hasBody])).toEqual([
      // The title's section spans the whole file; `### Added` belongs to 1.2.0.
      [1, undefined, undefined, false, true],
      [3, undefined, undefined, true, false],
      [5, '1.2.0', '2025-03-01', false, true],
      [6, undefined, undefined, false, true],
      [9, '1.1.0', '2024-11-20', false, false]
    ])
    const rst = ['History', '=======', '', '3.1.0 (2024-05-02)', '------------------', '* Fix things.', ''].join('\n')
    expect(changelogHeadings(rst).map((h) => [h.line, h.version, h.date, h.hasBody])).toEqual([
      [1, undefined, undefined, true],
      [4, '3.1.0', '2024-05-02', true]
    ])
  })

  it('collects changelogs, release configs (drafts apart) and tag-triggered workflows', () => {
    const snapshot = new MemorySnapshot({
      'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n',
      'docs/changelog.md': '## v2.0.0 (2025-01-02)\n\n- Breaking.\n\n## v1.0.0 (2023-06-01)\n\n- First.\n',
      'node_modules/x/CHANGELOG.md': '## 1.0.0\n- x\n',
      'release-please-config.json': '{}',
      '.github/release-drafter.yml': 'template: x\n',
      'pyproject.toml': '[project]\nname = "x"\n\n[tool.semantic_release]\nversion_toml = []\n',
      '.github/workflows/release.yml': ['name: release', 'on:', '  push:', '    tags: ["v*"]', 'jobs: {}'].join('\n'),
      '.github/workflows/publish.yml': ['on:', '  release:', '    types: [published]'].join('\n'),
      '.gitlab-ci.yml': 'deploy:\n  script: make\n  rules:\n    - if: $CI_COMMIT_TAG\n'
    })
    const facts = collectRelease(snapshot, { names: ['v1.0.0', 'v2.0.0', 'nightly'], source: 'git' })
    expect(facts.tags).toEqual({ names: ['v1.0.0', 'v2.0.0', 'nightly'], versionTags: ['v1.0.0', 'v2.0.0'], source: 'git' })
    expect(facts.changelogs.map((c) => [c.path, c.releases.map((r) => r.line), c.contentLines, c.newestDate])).toEqual([
      ['CHANGELOG.md', [], 2, undefined],
      ['docs/changelog.md', [1, 5], 4, '2025-01-02']
    ])
    expect(facts.configs).toEqual([
      { path: '.github/release-drafter.yml', tool: 'release-drafter', draftsOnly: true },
      { path: 'pyproject.toml', line: 4, tool: 'python-semantic-release', draftsOnly: false },
      { path: 'release-please-config.json', tool: 'release-please', draftsOnly: false }
    ])
    expect(facts.triggers).toEqual([
      { path: '.github/workflows/publish.yml', line: 2, trigger: 'release', text: 'release' },
      { path: '.github/workflows/release.yml', line: 4, trigger: 'push-tags', text: '["v*"]' },
      { path: '.gitlab-ci.yml', line: 4, trigger: 'gitlab-tag', text: '- if: $CI_COMMIT_TAG' }
    ])
    expect(collectRelease(snapshot, null).tags).toBeNull()
  })
})

describe('readLocalTags', () => {
  const dirs: string[] = []
  const temp = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'shipshape-tags-'))
    dirs.push(d)
    return d
  }
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  it('reads loose refs (nested names) and packed-refs, skipping peeled lines', () => {
    const root = temp()
    mkdirSync(join(root, '.git/refs/tags/api'), { recursive: true })
    writeFileSync(join(root, '.git/refs/tags/v1.0.0'), 'a'.repeat(40) + '\n')
    writeFileSync(join(root, '.git/refs/tags/api/v2.1'), 'b'.repeat(40) + '\n')
    writeFileSync(join(root, '.git/packed-refs'), ['# pack-refs with: peeled fully-peeled sorted', `${'c'.repeat(40)} refs/heads/main`, `${'d'.repeat(40)} refs/tags/v0.9.0`, `^${'e'.repeat(40)}`, `${'a'.repeat(40)} refs/tags/v1.0.0`].join('\n'))
    expect(readLocalTags(root)).toEqual(['api/v2.1', 'v0.9.0', 'v1.0.0'])
  })

  it('follows a .git file (gitdir: worktree) to the common dir', () => {
    const main = temp()
    mkdirSync(join(main, '.git/refs/tags'), { recursive: true })
    mkdirSync(join(main, '.git/worktrees/wt'), { recursive: true })
    writeFileSync(join(main, '.git/refs/tags/v3.0.0'), 'f'.repeat(40))
    writeFileSync(join(main, '.git/worktrees/wt/commondir'), '../..\n')
    const wt = temp()
    writeFileSync(join(wt, '.git'), `gitdir: ${join(main, '.git/worktrees/wt')}\n`)
    expect(readLocalTags(wt)).toEqual(['v3.0.0'])
  })

  it('is null without a git dir, [] for a full clone without tags, null for a shallow clone without tags', () => {
    const none = temp()
    expect(readLocalTags(none)).toBeNull()
    const full = temp()
    mkdirSync(join(full, '.git/refs/heads'), { recursive: true })
    expect(readLocalTags(full)).toEqual([])
    const shallow = temp()
    mkdirSync(join(shallow, '.git/refs'), { recursive: true })
    writeFileSync(join(shallow, '.git/shallow'), 'a'.repeat(40))
    expect(readLocalTags(shallow)).toBeNull()
  })
})
