import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js'
import { docsPublications } from '../../../src/facts/openapi/docs-sites.js'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { scanReport } from '../../helpers/scan.js'
import { tempGitRepo } from '../../helpers/tmp-repo.js'

const SPEC = 'openapi: 3.0.0\ninfo:\n  title: Annotations\n  version: "1.0"\npaths:\n  /api/annotations:\n    get:\n      responses:\n        "200":\n          description: ok\n'
const RTD = 'version: 2\nbuild:\n  os: ubuntu-22.04\n  tools:\n    python: "3.12"\nsphinx:\n  configuration: docs/conf.py\n'
const CONF = (extra: string): string => `project = "svc"\nextensions = []\n${extra}\n`

const sites = (files: Record<string, string>, specs: string[]) => docsPublications(new MemorySnapshot(files), specs).map((d) => [d.spec, d.tool, d.config, d.line, d.hostConfig])

describe('documentation sites that publish a spec', () => {
  it('takes a spec inside a Sphinx html_extra_path or html_static_path directory that Read the Docs builds', () => {
    const files = { 'docs/.readthedocs.yaml': RTD, 'docs/conf.py': CONF("#html_static_path = ['_static']\nhtml_extra_path = ['_extra']"), 'docs/_extra/api-reference/v1.yaml': SPEC }
    expect(sites(files, ['docs/_extra/api-reference/v1.yaml'])).toEqual([['docs/_extra/api-reference/v1.yaml', 'Sphinx html_extra_path', 'docs/conf.py', 4, 'docs/.readthedocs.yaml']])
    const stat = { '.readthedocs.yaml': RTD, 'docs/source/conf.py': CONF('html_static_path = ["_static"]'), 'docs/source/_static/rest-api.yml': SPEC }
    expect(sites(stat, ['docs/source/_static/rest-api.yml'])).toEqual([['docs/source/_static/rest-api.yml', 'Sphinx html_static_path', 'docs/source/conf.py', 3, '.readthedocs.yaml']])
  })

  it('takes a spec under an MkDocs docs_dir (every non-page file is copied)', () => {
    const files = { '.readthedocs.yml': 'version: 2\nmkdocs:\n  configuration: mkdocs.yml\n', 'mkdocs.yml': 'site_name: svc\ndocs_dir: documentation  # pages\n', 'documentation/openapi.yaml': SPEC }
    expect(sites(files, ['documentation/openapi.yaml'])).toEqual([['documentation/openapi.yaml', 'MkDocs docs_dir', 'mkdocs.yml', 2, '.readthedocs.yml']])
  })

  it('takes nothing without a hosting configuration, from a commented-out setting, or outside the copied directories', () => {
    expect(sites({ 'docs/conf.py': CONF("html_extra_path = ['_extra']"), 'docs/_extra/v1.yaml': SPEC }, ['docs/_extra/v1.yaml'])).toEqual([])
    expect(sites({ '.readthedocs.yaml': RTD, 'docs/conf.py': CONF("# html_extra_path = ['_extra']"), 'docs/_extra/v1.yaml': SPEC }, ['docs/_extra/v1.yaml'])).toEqual([])
    expect(sites({ '.readthedocs.yaml': RTD, 'docs/conf.py': CONF("html_static_path = ['_static']"), 'docs/api/v1.yaml': SPEC }, ['docs/api/v1.yaml'])).toEqual([])
  })

  it('makes openapi-published pass for a service whose spec the docs site publishes', async () => {
    const files = {
      'requirements.txt': 'flask\n',
      'app.py': 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/api/annotations")\ndef annotations():\n    return []\n',
      'docs/.readthedocs.yaml': RTD,
      'docs/conf.py': CONF("html_extra_path = ['_extra']"),
      'docs/_extra/api-reference/v1.yaml': SPEC
    }
    const c = (await scanReport({ root: tempGitRepo(files), config: DEFAULT_CONFIG, inputs: { tags: null } })).checks.find((x) => x.id === 'openapi-published')!
    expect([c.status, c.summary]).toEqual(['pass', 'An OpenAPI description exists (docs/_extra/api-reference/v1.yaml) and it is published (Read the Docs (Sphinx html_extra_path)).'])
    expect(c.evidence.filter((e) => e.path === 'docs/conf.py')).toEqual([{ path: 'docs/conf.py', line: 3, message: 'Sphinx html_extra_path copies docs/_extra/ (holding docs/_extra/api-reference/v1.yaml) into the site Read the Docs builds (docs/.readthedocs.yaml)' }])
  })
})
