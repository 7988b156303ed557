import { basename, joinPath } from '../paths.js'
import { httpPathOf } from './http-path.js'
import type { ComposeFile, DeployHealthcheck } from './types.js'
import { childrenOf, flowList, unquote, yamlLines } from '../parse/yaml-lines.js'

/** `docker-compose*.y(a)ml`, `compose*.y(a)ml`, `*.compose.y(a)ml`. */
export function isComposeFile(path: string): boolean {
  const name = basename(path).toLowerCase()
  if (!name.endsWith('.yml') && !name.endsWith('.yaml')) return false
  return name.startsWith('docker-compose') || name.startsWith('compose') || /\.compose\.ya?ml$/.test(name)
}

const WRAPPERS = new Set(['CMD', 'CMD-SHELL'])

/**
 * Service-level `healthcheck: test:` of a compose file (list, flow list or string form), with
 * the service name and image so a consumer can tell the app from `db`/`redis`. `disable: true`
 * and `test: ["NONE"]` are skipped.
 */
export function composeHealthchecks(path: string, text: string): DeployHealthcheck[] {
  const out: DeployHealthcheck[] = []
  const lines = yamlLines(text)
  const images = new Map<string, string>()
  for (const l of lines) {
    if (l.key === 'image' && l.parents.length === 2 && l.parents[0] === 'services') images.set(l.parents[1]!, unquote(l.value))
  }
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    if (l.key !== 'test' || l.parents.length !== 3 || l.parents[0] !== 'services' || l.parents[2] !== 'healthcheck') continue
    const service = l.parents[1]!
    const siblings = lines.filter((s) => s.parents.length === 3 && s.parents[1] === service && s.parents[2] === 'healthcheck')
    if (siblings.some((s) => s.key === 'disable' && /^true$/i.test(s.value))) continue
    let items: string[] | undefined = flowList(l.value)
    if (!items && l.value === '') items = childrenOf(lines, i).filter((c) => c.item).map((c) => unquote(c.value))
    const command = items ? items.filter((w, k) => !(k === 0 && WRAPPERS.has(w))).join(' ') : unquote(l.value).replace(/^CMD-SHELL\s+/, '')
    if (!command || (items && items[0] === 'NONE')) continue
    const httpPath = httpPathOf(command)
    const image = images.get(service)
    out.push({
      path,
      line: l.line,
      source: 'compose',
      kind: 'healthcheck',
      command,
      probe: httpPath !== undefined ? 'http' : 'exec',
      service,
      ...(image ? { image } : {}),
      ...(httpPath !== undefined ? { httpPath } : {})
    })
  }
  return out
}

/** The image builds of a compose file (`dir` is the file's directory, repo-relative): `build: ./dir` or `build: { context, dockerfile }`. */
export function composeBuilds(dir: string, text: string): ComposeFile['builds'][number][] {
  const lines = yamlLines(text)
  const builds = new Map<string, { context?: string; dockerfile?: string }>()
  for (const l of lines) {
    if (l.parents[0] !== 'services') continue
    if (l.key === 'build' && l.parents.length === 2) {
      const b = builds.get(l.parents[1]!) ?? {}
      if (l.value !== '') b.context = unquote(l.value)
      builds.set(l.parents[1]!, b)
    } else if (l.parents.length === 3 && l.parents[2] === 'build' && (l.key === 'context' || l.key === 'dockerfile')) {
      const b = builds.get(l.parents[1]!) ?? {}
      b[l.key] = unquote(l.value)
      builds.set(l.parents[1]!, b)
    }
  }
  return [...builds].map(([service, b]) => {
    const context = b.context ?? '.'
    const plain = (p: string): boolean => !p.includes('$') && !p.includes('://') && !p.startsWith('/')
    if (!plain(context) || (b.dockerfile !== undefined && !plain(b.dockerfile))) return { service, dockerfile: undefined }
    return { service, dockerfile: joinPath(joinPath(dir, context) ?? dir, b.dockerfile ?? 'Dockerfile') }
  })
}
