import { dirname, joinPath } from '../../paths.js'
import { get, isMap, keyLine, list, parseYamlFile, str } from '../../parse/yaml.js'
import type { Ctx } from './engine.js'
import { shellJoin } from './engine.js'
import { memoKey } from '../../run-memo.js'

const COMPOSE_PROJECTS = memoKey<ComposeProject | undefined>('compose')

/**
 * Compose projects as `docker compose [-f a.yml -f b.yml …]` sees them: the files merged in order
 * (later files override a service's keys), the default `compose.yaml`/`docker-compose.yml` plus
 * `docker-compose.override.yml` when no `-f` is given, top-level `include:` and service
 * `extends:` followed. For each service: its `command:`, `entrypoint:`, `build:` (context,
 * Dockerfile, target), `image:` and `working_dir:`, each with the file and line it came from.
 *
 * Bounded against hostile projects: at most MAX_FILES files per project (includes and extends
 * count), MAX_SERVICES services kept, MAX_EXTENDS levels of `extends`; a file that includes or
 * extends itself (directly or through others) is read once. The project says how many services
 * it holds and how many were kept, so callers can record "expanded N of M".
 */

export const MAX_FILES = 16
export const MAX_SERVICES = 100
const MAX_EXTENDS = 4

export interface Located {
  readonly text: string
  readonly path: string
  readonly line?: number
}

export interface ComposeService {
  readonly name: string
  readonly command?: Located
  readonly entrypoint?: Located
  readonly build?: { readonly context: string; readonly dockerfile: string; readonly target?: string; readonly path: string; readonly line?: number }
  readonly image?: string
  readonly workingDir?: string
}

export interface ComposeProject {
  readonly files: readonly string[]
  readonly services: ReadonlyMap<string, ComposeService>
  /** Services named across the files read (kept or not). */
  readonly total: number
  /** Files named but not read (the cap, or missing). */
  readonly skippedFiles: number
}

const DEFAULTS = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']
const OVERRIDES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml']

/** A command or entrypoint value: a string as written, a list as shell words. */
function commandText(v: unknown): string | undefined {
  const s = str(v)
  if (s !== undefined) return s.trim() === '' ? undefined : s
  if (Array.isArray(v)) {
    const words = v.map((x) => str(x)).filter((x): x is string => x !== undefined)
    return words.length > 0 ? shellJoin(words) : undefined
  }
  return undefined
}

interface Reader {
  readonly ctx: Ctx
  read: number
  skipped: number
  readonly seen: Set<string>
  names: Set<string>
}

/** The parsed document of a compose file, or undefined (missing, unparseable, over the cap). */
function doc(r: Reader, path: string): unknown {
  if (!r.seen.has(path)) {
    if (r.read >= MAX_FILES) {
      r.skipped++
      return undefined
    }
    r.read++
    r.seen.add(path)
  }
  const parsed = r.ctx.snapshot.has(path) ? parseYamlFile(r.ctx.snapshot, path) : undefined
  return parsed?.ok ? parsed.value : undefined
}

/** One service of one file, with `extends` folded in (base first). */
function serviceOf(r: Reader, path: string, node: unknown, depth: number, chain: readonly string[]): Partial<Omit<ComposeService, 'name'>> {
  if (!isMap(node)) return {}
  let base: Partial<Omit<ComposeService, 'name'>> = {}
  const ext = get(node, 'extends')
  if (ext !== undefined && depth < MAX_EXTENDS) {
    const other = str(ext) ?? str(get(ext, 'service'))
    const fileRel = str(get(ext, 'file'))
    const file = fileRel !== undefined ? joinPath(dirname(path), fileRel) : path
    const key = `${file}#${other}`
    // `extends` chains that loop (a extends b extends a, across files too) stop at the first repeat.
    if (other !== undefined && file !== undefined && !chain.includes(key)) base = serviceOf(r, file, get(get(doc(r, file), 'services'), other), depth + 1, [...chain, key])
  }
  const dir = dirname(path)
  const out: { -readonly [K in keyof Omit<ComposeService, 'name'>]?: ComposeService[K] } = { ...base }
  const command = commandText(get(node, 'command'))
  if (command !== undefined) out.command = { text: command, path, ...lineOf(node, 'command') }
  const entrypoint = commandText(get(node, 'entrypoint'))
  if (entrypoint !== undefined) out.entrypoint = { text: entrypoint, path, ...lineOf(node, 'entrypoint') }
  const image = str(get(node, 'image'))
  if (image !== undefined) out.image = image
  const wd = str(get(node, 'working_dir'))
  if (wd !== undefined) out.workingDir = wd
  const build = get(node, 'build')
  if (build !== undefined) {
    const contextRaw = str(build) ?? str(get(build, 'context')) ?? '.'
    const dockerfileRaw = str(get(build, 'dockerfile')) ?? 'Dockerfile'
    const target = str(get(build, 'target'))
    const plain = (p: string): boolean => !p.includes('$') && !p.includes('://') && !p.startsWith('/')
    const context = plain(contextRaw) ? joinPath(dir, contextRaw) : undefined
    const dockerfile = context !== undefined && plain(dockerfileRaw) ? joinPath(context, dockerfileRaw) : undefined
    if (context !== undefined && dockerfile !== undefined) out.build = { context, dockerfile, path, ...lineOf(node, 'build'), ...(target !== undefined ? { target } : {}) }
  }
  return out
}

function lineOf(node: unknown, key: string): { line?: number } {
  const l = keyLine(node, key)
  return l === undefined ? {} : { line: l }
}

/** Adds one file's services (after its includes) over what is already merged. */
function mergeFile(r: Reader, path: string, into: Map<string, Partial<Omit<ComposeService, 'name'>>>, chain: readonly string[]): void {
  if (chain.includes(path)) return
  const d = doc(r, path)
  if (!isMap(d)) return
  for (const inc of list(get(d, 'include'))) {
    for (const p of [...list(str(inc) ?? get(inc, 'path'))]) {
      const rel = str(p)
      const target = rel !== undefined ? joinPath(dirname(path), rel) : undefined
      if (target !== undefined) mergeFile(r, target, into, [...chain, path])
    }
  }
  const services = get(d, 'services')
  if (!isMap(services)) return
  for (const name of Object.keys(services)) {
    r.names.add(name)
    if (!into.has(name) && into.size >= MAX_SERVICES) continue
    const s = serviceOf(r, path, get(services, name), 0, [`${path}#${name}`])
    into.set(name, { ...(into.get(name) ?? {}), ...s })
  }
}

/**
 * The project of `docker compose` run in `dir` with `-f` files `named` (relative to `dir`), or the
 * default files there; undefined when none is in the repository.
 */
export function loadCompose(ctx: Ctx, dir: string, named: readonly string[]): ComposeProject | undefined {
  const files = named.length > 0 ? named.flatMap((f) => joinPath(dir, f) ?? []) : [...DEFAULTS.flatMap((f) => joinPath(dir, f) ?? []).filter((p) => ctx.snapshot.has(p)).slice(0, 1), ...OVERRIDES.flatMap((f) => joinPath(dir, f) ?? []).filter((p) => ctx.snapshot.has(p)).slice(0, 1)]
  if (files.length === 0 || !files.some((f) => ctx.snapshot.has(f))) return undefined
  return ctx.memo.get(COMPOSE_PROJECTS, files.join('\0'), () => {
    const r: Reader = { ctx, read: 0, skipped: 0, seen: new Set(), names: new Set() }
    const merged = new Map<string, Partial<Omit<ComposeService, 'name'>>>()
    for (const f of files) mergeFile(r, f, merged, [])
    const services = new Map<string, ComposeService>([...merged].map(([name, s]) => [name, { name, ...s }]))
    return { files, services, total: r.names.size, skippedFiles: r.skipped }
  })
}
