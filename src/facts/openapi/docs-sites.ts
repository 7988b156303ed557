import { filesWhere } from '../recording-snapshot.js'
import { basename, dirname, joinPath } from '../paths.js'
import type { Snapshot } from '../snapshot.js'
import type { DocsPublication } from './types.js'

/**
 * Documentation sites a hosting service builds from the repository and publishes: a Read the
 * Docs configuration (`.readthedocs.yaml`, at the root or wherever the project points the service)
 * over a Sphinx project, whose `html_extra_path` and `html_static_path` directories are copied
 * into the site, or over an MkDocs project, which copies every file of its `docs_dir` that is not
 * a page. A spec file inside one of those directories is on the published site.
 *
 * Traps: a Sphinx or MkDocs project with no host configuration is built only where someone runs
 * it (a CI deploy such as `mkdocs gh-deploy` is a CI publication, judged with the CI facts); a
 * commented-out `#html_static_path = […]` copies nothing; a spec elsewhere in `docs/` (not in a
 * copied directory) is source the pages may quote, not a published file.
 */

const RTD = /(^|\/)\.readthedocs\.ya?ml$/
const MAX_CONFIGS = 20

/** Directories (repository paths) a documentation project copies into its site. */
interface Site {
  readonly tool: string
  readonly config: string
  readonly line: number
  readonly dir: string
}

export function docsPublications(snapshot: Snapshot, specs: readonly string[]): DocsPublication[] {
  if (specs.length === 0) return []
  const hosts = filesWhere(snapshot, (p) => RTD.test(p)).slice(0, MAX_CONFIGS)
  if (hosts.length === 0) return []
  const sites = [...sphinxSites(snapshot), ...mkdocsSites(snapshot)]
  const out: DocsPublication[] = []
  for (const spec of specs) {
    const site = sites.find((s) => s.dir === '' || spec.startsWith(s.dir + '/'))
    if (site) out.push({ spec, tool: site.tool, host: 'Read the Docs', hostConfig: hosts[0]!, config: site.config, line: site.line, dir: site.dir })
  }
  return out
}

function sphinxSites(snapshot: Snapshot): Site[] {
  const out: Site[] = []
  for (const conf of filesWhere(snapshot, (p) => basename(p) === 'conf.py').slice(0, MAX_CONFIGS)) {
    const text = snapshot.text(conf)
    if (text === undefined || !/^\s*(project|extensions|html_theme)\s*=/m.test(text)) continue
    const lines = text.split('\n')
    lines.forEach((l, i) => {
      const m = /^(html_extra_path|html_static_path)\s*=\s*\[([^\]]*)\]/.exec(l)
      if (!m) return
      for (const q of m[2]!.matchAll(/["']([^"'\n]{1,200})["']/g)) {
        const dir = joinPath(dirname(conf), q[1]!.replace(/\/+$/, ''))
        if (dir !== undefined) out.push({ tool: `Sphinx ${m[1]}`, config: conf, line: i + 1, dir })
      }
    })
  }
  return out
}

function mkdocsSites(snapshot: Snapshot): Site[] {
  const out: Site[] = []
  for (const conf of filesWhere(snapshot, (p) => /(^|\/)mkdocs\.ya?ml$/.test(p)).slice(0, MAX_CONFIGS)) {
    const text = snapshot.text(conf)
    if (text === undefined) continue
    const lines = text.split('\n')
    const at = lines.findIndex((l) => /^docs_dir\s*:/.test(l))
    const raw = at >= 0 ? lines[at]!.replace(/^docs_dir\s*:\s*/, '').replace(/\s+#.*$/, '').replace(/^["']|["']$/g, '').trim() : 'docs'
    const dir = joinPath(dirname(conf), raw.replace(/\/+$/, ''))
    if (dir !== undefined) out.push({ tool: 'MkDocs docs_dir', config: conf, line: at >= 0 ? at + 1 : 1, dir })
  }
  return out
}
