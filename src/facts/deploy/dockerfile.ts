import { excludedSegment, NON_PRODUCT_DIRS } from '../excluded.js'
import { basename } from '../paths.js'
import { httpPathOf } from './http-path.js'
import type { DeployHealthcheck } from './types.js'

/** Source and document extensions: `dockerfile.ts` or `Dockerfile.md` is code or prose about Dockerfiles, not one. */
const NOT_A_DOCKERFILE = /\.(?:dockerignore|[cm]?[jt]sx?|py|go|rb|java|kt|rs|md|txt|json|ya?ml|toml|html|sh|snap|lock)$/

/**
 * `Dockerfile`, `Dockerfile.*`, `Dockerfile-*` (`Dockerfile-api`, `Dockerfile-rpc`: one per program of
 * a repository), `*.Dockerfile`, `*.dockerfile`, `Containerfile(.*)`; not `*.dockerignore` nor
 * `dockerfile.ts`.
 */
export function isDockerfile(path: string): boolean {
  const name = basename(path)
  const lower = name.toLowerCase()
  if (NOT_A_DOCKERFILE.test(lower)) return false
  return lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.startsWith('dockerfile-') || lower.endsWith('.dockerfile') || lower === 'containerfile' || lower.startsWith('containerfile.')
}

/** Name parts (`Dockerfile.integration-tests`, `e2e.Dockerfile`) that mark an image that does not ship the service. */
const NAME_REASONS: Readonly<Record<string, string>> = {
  test: 'test-only image',
  tests: 'test-only image',
  testing: 'test-only image',
  e2e: 'test-only image',
  integration: 'test-only image',
  playwright: 'test-only image',
  cypress: 'test-only image',
  selenium: 'test-only image',
  dev: 'development image',
  develop: 'development image',
  development: 'development image',
  local: 'development image',
  debug: 'development image',
  devcontainer: 'development container',
  tt: 'a generator template, not a build file',
  erb: 'a generator template, not a build file',
  j2: 'a generator template, not a build file',
  tpl: 'a generator template, not a build file',
  template: 'a generator template, not a build file',
  example: 'an example',
  sample: 'an example'
}

const DIR_REASONS: Readonly<Record<string, string>> = {
  '.devcontainer': 'development container (.devcontainer)',
  test: 'test-only image (under a test directory)',
  tests: 'test-only image (under a test directory)',
  __tests__: 'test-only image (under a test directory)',
  e2e: 'test-only image (under a test directory)',
  'integration-tests': 'test-only image (under a test directory)',
  integration_tests: 'test-only image (under a test directory)'
}

/** Images that are a datastore or broker, not an application: `docker/local-postgres/Dockerfile`. */
const DATASTORE_IMAGES = ['postgres', 'postgis/postgis', 'mysql', 'mariadb', 'redis', 'mongo', 'elasticsearch', 'docker.elastic.co/elasticsearch', 'opensearchproject/opensearch', 'rabbitmq', 'localstack/localstack', 'minio/minio', 'memcached', 'bitnami/postgresql', 'bitnami/redis', 'bitnami/mysql', 'mcr.microsoft.com/mssql/server', 'cassandra', 'neo4j', 'clickhouse/clickhouse-server']

function imageName(ref: string): string {
  let r = ref.toLowerCase()
  const at = r.indexOf('@')
  if (at >= 0) r = r.slice(0, at)
  const colon = r.lastIndexOf(':')
  if (colon > r.lastIndexOf('/')) r = r.slice(0, colon)
  return r.replace(/^docker\.io\/(library\/)?/, '').replace(/^library\//, '')
}

/** Why a Dockerfile does not build the shipped service, or null. */
const NON_PRODUCT: ReadonlySet<string> = new Set(NON_PRODUCT_DIRS)

export function notServiceReason(path: string, baseImages: readonly string[]): string | null {
  const parts = path.split('/')
  for (let i = 0; i < parts.length - 1; i++) {
    const reason = DIR_REASONS[parts[i]!.toLowerCase()]
    if (reason) return reason
  }
  const nonProduct = excludedSegment(path, NON_PRODUCT)
  if (nonProduct) return `lives under ${nonProduct}/ (documentation, examples or fixtures)`
  const name = basename(path).toLowerCase()
  for (const part of name.split(/[._-]/)) {
    if (part === 'dockerfile' || part === 'containerfile') continue
    const reason = NAME_REASONS[part]
    if (reason) return reason
  }
  const last = baseImages[baseImages.length - 1]
  if (last && DATASTORE_IMAGES.includes(imageName(last))) return `builds a datastore image (${last}), not the service`
  return null
}

export interface ParsedDockerfile {
  readonly baseImages: string[]
  readonly firstFromLine?: number
  readonly healthchecks: DeployHealthcheck[]
}

/** Joins `\` continuations; yields [1-based line of the instruction, instruction text]. */
export function instructions(text: string): [number, string][] {
  const out: [number, string][] = []
  const lines = text.split(/\r?\n/)
  let cur = ''
  let start = 0
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    const t = l.trim()
    if (!cur && (t === '' || t.startsWith('#'))) continue
    if (cur && t.startsWith('#')) continue
    if (!cur) start = i + 1
    if (t.endsWith('\\')) {
      cur += t.slice(0, -1) + ' '
      continue
    }
    cur += t
    out.push([start, cur])
    cur = ''
  }
  if (cur) out.push([start, cur])
  return out
}

function execForm(s: string): string {
  const t = s.trim()
  if (!t.startsWith('[')) return t
  try {
    const arr = JSON.parse(t) as unknown
    if (Array.isArray(arr)) return arr.map(String).join(' ')
  } catch {
    /* shell form after all */
  }
  return t
}

export function parseDockerfile(path: string, text: string): ParsedDockerfile {
  const baseImages: string[] = []
  const healthchecks: DeployHealthcheck[] = []
  let firstFromLine: number | undefined
  for (const [line, ins] of instructions(text)) {
    const sp = ins.search(/\s/)
    const op = (sp < 0 ? ins : ins.slice(0, sp)).toUpperCase()
    const rest = sp < 0 ? '' : ins.slice(sp + 1).trim()
    if (op === 'FROM') {
      const words = rest.split(/\s+/).filter((w) => !w.startsWith('--'))
      if (words[0]) baseImages.push(words[0])
      firstFromLine ??= line
    } else if (op === 'HEALTHCHECK') {
      const words = rest.split(/\s+/)
      if (words[0]?.toUpperCase() === 'NONE') continue
      const cmdAt = words.findIndex((w) => w.toUpperCase() === 'CMD')
      if (cmdAt < 0) continue
      const command = execForm(words.slice(cmdAt + 1).join(' ')).replace(/^CMD-SHELL\s+/, '')
      const httpPath = httpPathOf(command)
      healthchecks.push({ path, line, source: 'dockerfile', kind: 'healthcheck', command, probe: httpPath !== undefined ? 'http' : 'exec', ...(httpPath !== undefined ? { httpPath } : {}) })
    }
  }
  return { baseImages, healthchecks, ...(firstFromLine !== undefined ? { firstFromLine } : {}) }
}
