import { describe, expect, it } from 'vitest'
import { collectSettingsAsCode, parseHcl } from '../../src/facts/github.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'

const collect = (files: Record<string, string>) => collectSettingsAsCode(new MemorySnapshot(files))

describe('collectSettingsAsCode', () => {
  it('reads probot settings branches[].protection', () => {
    const yml = [
      '# These settings are synced to GitHub by https://probot.github.io/apps/settings/',
      'repository:',
      '  name: api',
      'branches:',
      '  - name: main',
      '    protection:',
      '      required_pull_request_reviews:',
      '        required_approving_review_count: 2',
      '        require_code_owner_reviews: true',
      '      required_status_checks:',
      '        strict: true',
      '        contexts: [lint, test]',
      '  - name: legacy',
      '    protection: null'
    ].join('\n')
    expect(collect({ '.github/settings.yml': yml })).toEqual({
      rules: [
        { source: 'probot-settings', path: '.github/settings.yml', line: 5, branches: ['main'], enforcement: null, pullRequest: { approvals: 2, codeOwners: true }, statusChecks: ['lint', 'test'] },
        { source: 'probot-settings', path: '.github/settings.yml', line: 13, branches: ['legacy'], enforcement: null, pullRequest: null, statusChecks: null }
      ],
      problems: []
    })
  })

  it('ignores a settings.yml of another tool and reports broken YAML', () => {
    expect(collect({ '.github/settings.yml': 'labels:\n  - name: bug\n' }).rules).toEqual([])
    const broken = collect({ '.github/settings.yml': 'branches: [\n' })
    expect(broken.problems).toHaveLength(1)
    expect(broken.problems[0]!.path).toBe('.github/settings.yml')
  })

  it('reads Terraform branch protection (v4 and v3) and rulesets', () => {
    const tf = [
      'resource "github_branch_protection" "main" {',
      '  repository_id = github_repository.api.node_id',
      '  pattern       = "main"',
      '  enforce_admins = true',
      '  # a comment { with braces }',
      '  required_pull_request_reviews {',
      '    required_approving_review_count = 1',
      '    require_code_owner_reviews      = true',
      '  }',
      '  required_status_checks {',
      '    strict   = true',
      '    contexts = [',
      '      "lint",',
      '      "test",',
      '    ]',
      '  }',
      '}',
      '',
      'resource "github_branch_protection_v3" "release" {',
      '  repository = "api"',
      '  branch     = "release"',
      '  required_status_checks {',
      '    strict = false',
      '    checks = ["build:15368"]',
      '  }',
      '}',
      '',
      'resource "github_repository_ruleset" "default" {',
      '  name        = "default"',
      '  repository  = github_repository.api.name',
      '  target      = "branch"',
      '  enforcement = "active"',
      '  description = <<EOT',
      'a heredoc with resource "github_branch_protection" "fake" {',
      'EOT',
      '  conditions {',
      '    ref_name {',
      '      include = ["~DEFAULT_BRANCH"]',
      '      exclude = []',
      '    }',
      '  }',
      '  rules {',
      '    deletion = true',
      '    pull_request {',
      '      required_approving_review_count = 0',
      '    }',
      '    required_status_checks {',
      '      required_check {',
      '        context = "ci / test"',
      '      }',
      '    }',
      '  }',
      '}'
    ].join('\n')
    const out = collect({ 'infra/github.tf': tf, 'infra/.terraform/modules/x.tf': 'resource "github_branch_protection" "v" { pattern = "main" }' })
    expect(out.rules).toEqual([
      { source: 'terraform-branch-protection', path: 'infra/github.tf', line: 1, branches: ['main'], enforcement: null, pullRequest: { approvals: 1, codeOwners: true }, statusChecks: ['lint', 'test'] },
      { source: 'terraform-branch-protection-v3', path: 'infra/github.tf', line: 19, branches: ['release'], enforcement: null, pullRequest: null, statusChecks: ['build'] },
      { source: 'terraform-ruleset', path: 'infra/github.tf', line: 28, branches: ['~DEFAULT_BRANCH'], enforcement: 'active', pullRequest: { approvals: 0, codeOwners: false }, statusChecks: ['ci / test'] }
    ])
  })

  it('reads exported ruleset JSON, keeping its enforcement', () => {
    const json = JSON.stringify(
      { name: 'main', target: 'branch', enforcement: 'evaluate', conditions: { ref_name: { include: ['refs/heads/main'] } }, rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 1 } }, { type: 'deletion' }] },
      null,
      2
    )
    expect(collect({ '.github/rulesets/main.json': json }).rules).toEqual([
      { source: 'ruleset-json', path: '.github/rulesets/main.json', line: 12, branches: ['refs/heads/main'], enforcement: 'evaluate', pullRequest: { approvals: 1, codeOwners: false }, statusChecks: null }
    ])
  })

  it('survives hostile HCL: deep nesting, unterminated strings and heredocs', () => {
    const deep = 'resource "github_branch_protection" "x" {\n' + 'a {\n'.repeat(5000) + '}\n'.repeat(5000) + '}\n'
    expect(() => parseHcl(deep)).not.toThrow()
    expect(() => parseHcl('resource "github_branch_protection" "x" {\n  pattern = "main\n  x = <<EOF\nnever ends')).not.toThrow()
    const t0 = performance.now()
    parseHcl('x = [' + '['.repeat(20000) + '\n')
    expect(performance.now() - t0).toBeLessThan(1000)
  })
})
