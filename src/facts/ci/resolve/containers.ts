import { containerStart, repoPathOf, type StartCommand } from '../../deploy/container-start.js'
import { basename, dirname, joinPath } from '../../paths.js'
import { loadCompose, type ComposeProject, type ComposeService, type Located } from './compose.js'
import { dispatch, emit, enter, link, runScript, type BuiltImage, type Ctx, type Site } from './engine.js'
import { normaliseTool } from './wrappers.js'

/**
 * Commands that run inside containers, followed to what the container really runs:
 *
 * - `docker compose [-f a.yml -f b.yml …] run|exec SERVICE [CMD]` — CMD when given, else the
 *   service's `entrypoint:`/`command:` (override files merged), else its Dockerfile's
 *   `ENTRYPOINT`/`CMD`; `docker compose up --exit-code-from S` runs S that way, and
 *   `--abort-on-container-exit` the services it starts (MAX_STARTED of them, recorded as
 *   "expanded N of M" when more);
 * - `docker run IMAGE [CMD]` — CMD, or the `ENTRYPOINT`/`CMD` of the Dockerfile when IMAGE was
 *   built earlier in the job (`docker build -t IMAGE`, a build-push action with `tags:`); a
 *   third-party image's own command is its name (`docker run hadolint/hadolint` → `hadolint`);
 * - `docker exec CONTAINER CMD` — CMD;
 * - `docker run -d …` — the container runs in the background and cannot fail the step: what it
 *   runs is followed as neutralised, and a detached base-image command (a shell kept alive for
 *   later `docker exec`s) is nothing to follow.
 *
 * Repository scripts these name (`./scripts/test.sh`, or `/app/bin/ci` copied there by the
 * Dockerfile) are followed like any other script. A service or image whose start command lives
 * outside the repository (an image's own entrypoint script) cannot be followed: it is reported as
 * such (`opaque`), never guessed.
 *
 * Traps: `docker compose up` without an exit-code flag starts servers, it runs no check; image-only
 * services (postgres, redis) started by `--abort-on-container-exit` are infrastructure; with CMD
 * given, the ENTRYPOINT is taken for a wrapper that `exec`s it and not followed.
 */

const MAX_STARTED = 20

const COMPOSE_GLOBAL = new Set(['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--progress', '--parallel'])
const COMPOSE_RUN = new Set(['-e', '--env', '-u', '--user', '-w', '--workdir', '-v', '--volume', '-p', '--publish', '--name', '--entrypoint', '-l', '--label', '--index', '--cap-add', '--cap-drop', '--env-from-file', '--pull'])
const COMPOSE_UP = new Set(['--exit-code-from', '--scale', '-t', '--timeout', '--wait-timeout', '--pull', '--attach', '--no-attach'])
const DOCKER_RUN = new Set([
  '-e', '--env', '-v', '--volume', '-w', '--workdir', '-p', '--publish', '--name', '--network', '--net', '-u', '--user', '--entrypoint',
  '--env-file', '--mount', '--platform', '-l', '--label', '--cpus', '-m', '--memory', '--add-host', '--cap-add', '--cap-drop', '--shm-size',
  '--ulimit', '--security-opt', '--pull', '--hostname', '-h', '--volumes-from', '--tmpfs', '--device', '--gpus', '--ipc', '--pid', '--cidfile', '--health-cmd', '--stop-signal', '--runtime'
])
const DOCKER_BUILD = new Set(['-t', '--tag', '-f', '--file', '--target', '--build-arg', '--platform', '--cache-from', '--cache-to', '--label', '--secret', '--ssh', '--progress', '--network', '-o', '--output', '--builder', '--iidfile', '--metadata-file', '--build-context', '--add-host', '--shm-size'])
/** Base images whose command is not a tool: `docker run python:3.12` with no command is not "python". */
/** Data files an image takes as its own arguments (`openapi-diff /data/a.json /data/b.json`), never a program to run. */
const DATA_FILE = /\.(json|ya?ml|md|txt|xml|csv|html?|proto)$/i
const GENERIC_IMAGES = new Set(['python', 'node', 'golang', 'ubuntu', 'alpine', 'debian', 'ruby', 'openjdk', 'eclipse-temurin', 'maven', 'gradle', 'busybox', 'bash', 'centos', 'fedora', 'amazoncorretto', 'rust'])
const ENGINES = new Set(['docker', 'podman', 'nerdctl'])
const COMPOSE_BINARIES = new Set(['docker-compose', 'podman-compose'])

/** Options (with the value-taking ones) up to the first positional word, from `i`. */
function skipOptions(argv: readonly string[], i: number, valueOpts: ReadonlySet<string>, seen?: Map<string, string[]>): number {
  while (i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '--') {
    const a = argv[i]!
    const eq = a.indexOf('=')
    const name = eq > 0 ? a.slice(0, eq) : a
    if (eq < 0 && valueOpts.has(a)) {
      seen?.set(a, [...(seen.get(a) ?? []), argv[i + 1] ?? ''])
      i += 2
    } else {
      seen?.set(name, [...(seen.get(name) ?? []), eq > 0 ? a.slice(eq + 1) : ''])
      i++
    }
  }
  return argv[i] === '--' ? i + 1 : i
}

export function resolveContainer(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const t = argv[0]!
  if (COMPOSE_BINARIES.has(t)) return compose(ctx, argv, 1, site)
  if (!ENGINES.has(t)) return false
  if (argv[1] === 'compose') return compose(ctx, argv, 2, site)
  const sub = argv[1] === 'container' || argv[1] === 'image' || argv[1] === 'buildx' ? argv[2] : argv[1]
  const at = sub === argv[1] ? 2 : 3
  if (sub === 'build') {
    remember(ctx, argv, at, site.cwd)
    return false
  }
  if (sub === 'exec') {
    const i = skipOptions(argv, at, new Set(['-e', '--env', '-u', '--user', '-w', '--workdir', '--env-file']))
    const inner = argv.slice(i + 1)
    if (inner.length === 0) return false
    dispatch(ctx, inner, site)
    return true
  }
  if (sub === 'run') return dockerRun(ctx, argv, at, site)
  return false
}

/** `docker build -t name[:tag] [-f file] [--target t] context`: the image is remembered for later `docker run name`. */
function remember(ctx: Ctx, argv: readonly string[], at: number, cwd: string): void {
  const opts = new Map<string, string[]>()
  const i = skipOptions(argv, at, DOCKER_BUILD, opts)
  const contextArg = argv[i]
  if (contextArg === undefined || contextArg.includes('$') || contextArg.includes('://') || contextArg === '-') return
  const context = joinPath(cwd, contextArg)
  const file = (opts.get('-f') ?? opts.get('--file'))?.[0]
  const dockerfile = file !== undefined ? joinPath(cwd, file) : context !== undefined ? joinPath(context, 'Dockerfile') : undefined
  if (context === undefined || dockerfile === undefined) return
  const target = opts.get('--target')?.[0]
  for (const tag of [...(opts.get('-t') ?? []), ...(opts.get('--tag') ?? [])]) registerImage(ctx.images, tag, { dockerfile, context, ...(target !== undefined ? { target } : {}) })
}

/** Remembers an image under its tag and its name without the tag. */
export function registerImage(images: Map<string, BuiltImage>, tag: string, image: BuiltImage): void {
  const t = tag.trim()
  if (t === '' || t.includes('${{')) return
  images.set(t, image)
  images.set(t.replace(/:[^/:]*$/, ''), image)
}

function dockerRun(ctx: Ctx, argv: readonly string[], at: number, site: Site): boolean {
  const opts = new Map<string, string[]>()
  const i = skipOptions(argv, at, DOCKER_RUN, opts)
  const image = argv[i]
  if (image === undefined) return false
  const inner = argv.slice(i + 1)
  const entry = opts.get('--entrypoint')?.[0]
  const built = ctx.images.get(image) ?? ctx.images.get(image.replace(/:[^/:]*$/, ''))
  // `docker run -d`: the container runs in the background (a server, or a shell kept alive for
  // later `docker exec`s), and the step goes on whatever it does.
  const detached = [...opts.keys()].some((o) => o === '--detach' || /^-[a-zA-Z]*d[a-zA-Z]*$/.test(o))
  if (detached) site = { ...site, neutralised: site.neutralised ?? 'detached (docker run -d)' }
  if (built) {
    if (inner.length > 0) {
      dispatch(ctx, entry ? [entry, ...inner] : inner, site)
      return true
    }
    return startContainer(ctx, { dockerfile: built.dockerfile, context: built.context, ...(built.target !== undefined ? { target: built.target } : {}) }, site, `image ${image}`, detached)
  }
  // A third-party image: its command, or the tool it is named after.
  const base = basename(image.replace(/[:@].*$/, '')).toLowerCase()
  if (inner.length > 0 && (normaliseTool(inner[0]!) === base || GENERIC_IMAGES.has(base) || (inner[0]!.includes('/') && !DATA_FILE.test(inner[0]!)))) {
    dispatch(ctx, inner, site)
    return true
  }
  if (GENERIC_IMAGES.has(base) || base === '' || base.includes('$')) return false
  dispatch(ctx, [base, ...inner], site)
  return true
}

function compose(ctx: Ctx, argv: readonly string[], at: number, site: Site): boolean {
  const globals = new Map<string, string[]>()
  let i = skipOptions(argv, at, COMPOSE_GLOBAL, globals)
  const sub = argv[i]
  if (sub !== 'run' && sub !== 'exec' && sub !== 'up') return false
  const files = [...(globals.get('-f') ?? []), ...(globals.get('--file') ?? [])]
  const projectDir = globals.get('--project-directory')?.[0]
  const dir = projectDir !== undefined && !projectDir.includes('$') ? (joinPath(site.cwd, projectDir) ?? site.cwd) : site.cwd
  const dynamic = files.some((f) => f.includes('$'))
  const project = dynamic ? undefined : loadCompose(ctx, dir, files)
  const subOpts = new Map<string, string[]>()
  i = skipOptions(argv, i + 1, sub === 'up' ? COMPOSE_UP : COMPOSE_RUN, subOpts)
  if (sub === 'up') return composeUp(ctx, argv.slice(i), subOpts, project, site)
  const service = argv[i]
  if (service === undefined) return false
  const inner = argv.slice(i + 1)
  const svc = project?.services.get(service)
  const cwd = svc?.build?.context ?? (project ? dirname(project.files[0]!) : site.cwd)
  if (inner.length > 0) {
    const entry = subOpts.get('--entrypoint')?.[0]
    dispatch(ctx, entry ? [entry, ...inner] : inner, { ...site, cwd })
    return true
  }
  if (sub === 'exec') return false
  if (!svc) {
    emit(ctx, argv, site, { opaque: project ? `service ${service} is not in ${project.files.join(', ')}` : `the compose file of service ${service} is not in the repository` })
    return true
  }
  return startService(ctx, project!, svc, site)
}

/** `up --exit-code-from S` runs S; `--abort-on-container-exit` the services started (all, or those named). */
function composeUp(ctx: Ctx, rest: readonly string[], opts: ReadonlyMap<string, string[]>, project: ComposeProject | undefined, site: Site): boolean {
  const exitFrom = opts.get('--exit-code-from')?.[0]
  const abort = opts.has('--abort-on-container-exit') || exitFrom !== undefined
  if (!abort) return false
  if (!project) {
    emit(ctx, ['docker', 'compose', 'up', ...rest], site, { opaque: 'the compose file it starts is not in the repository' })
    return true
  }
  const named = rest.filter((w) => !w.startsWith('-'))
  const chosen = exitFrom !== undefined ? [exitFrom] : named.length > 0 ? named : [...project.services.keys()]
  const total = exitFrom !== undefined ? 1 : named.length > 0 ? named.length : project.total
  const started = chosen.slice(0, MAX_STARTED)
  const note = started.length < total || project.skippedFiles > 0 ? `compose services: expanded ${started.length} of ${total}${project.skippedFiles > 0 ? `, ${project.skippedFiles} compose file(s) past the cap not read` : ''}` : undefined
  const base = note ? { ...site, chain: [...site.chain, link(project.files[0]!, undefined, note)] } : site
  for (const name of started) {
    const svc = project.services.get(name)
    // Infrastructure the run only needs (an image with its own command): nothing of this repository runs there.
    if (!svc || (exitFrom === undefined && !svc.build && !svc.command && !svc.entrypoint)) continue
    startService(ctx, project, svc, base)
  }
  return true
}

/** A service started without a command: its compose entrypoint/command, else its Dockerfile's. */
function startService(ctx: Ctx, project: ComposeProject, svc: ComposeService, site: Site): boolean {
  const cwd = svc.build?.context ?? dirname(project.files[0]!)
  const key = `compose:${project.files.join(',')}#${svc.name}`
  const base = enter(site, key)
  if (base === undefined) return false
  // Each command of the value gets its own link at the compose file's line.
  const run = (l: Located): void => runScript(ctx, l.text, { path: l.path, ...(l.line !== undefined ? { line: l.line } : {}), cwd }, base)
  if (svc.entrypoint) run(svc.entrypoint)
  if (svc.command) run(svc.command)
  if (svc.entrypoint || svc.command) return true
  if (svc.build) return startContainer(ctx, svc.build, { ...base, cwd, text: site.text }, `service ${svc.name}`)
  emit(ctx, [normaliseTool(svc.image ?? svc.name)], { ...base, cwd, text: `service ${svc.name}` }, { opaque: `service ${svc.name} runs the command of image ${svc.image ?? '(none)'}, which is not in the repository` })
  return true
}

/** What a container built from a Dockerfile of the repository runs: ENTRYPOINT, then CMD. */
function startContainer(ctx: Ctx, image: { readonly dockerfile: string; readonly context: string; readonly target?: string }, site: Site, what: string, detached = false): boolean {
  const text = ctx.snapshot.text(image.dockerfile)
  if (text === undefined) {
    emit(ctx, ['docker', 'run'], { ...site, text: what }, { opaque: `${image.dockerfile} is not in the repository, so what ${what} runs is unknown` })
    return true
  }
  const base = enter(site, `dockerfile:${image.dockerfile}`)
  if (base === undefined) return false
  const start = containerStart(text, image.target)
  const follow = (c: StartCommand, op: string): void => {
    const chain = [...base.chain, link(image.dockerfile, c.line, `${op} ${c.words ? JSON.stringify(c.words) : c.shell}`)]
    if (c.shell !== undefined) {
      runScript(ctx, c.shell, { path: image.dockerfile, line: c.line, cwd: image.context }, { ...base, chain: chain.slice(0, -1) })
      return
    }
    const words = [...c.words!]
    // A container path the Dockerfile copied from the build context is that repository file.
    const mapped = repoPathOf(start, words[0]!, image.context)
    if (mapped !== undefined && ctx.snapshot.has(mapped)) words[0] = image.context === '' ? `./${mapped}` : `./${mapped.slice(image.context.length + 1)}`
    else if (words[0]!.startsWith('/') && /\.(sh|bash|py|rb)$/.test(words[0]!)) {
      emit(ctx, words, { ...base, chain, text: words.join(' '), cwd: image.context }, { opaque: `${words[0]} is a script inside the image, not one Shipshape can find in the repository` })
      return
    }
    dispatch(ctx, words, { ...base, chain, text: words.join(' '), cwd: image.context })
  }
  if (start.entrypoint) follow(start.entrypoint, 'ENTRYPOINT')
  if (start.cmd) follow(start.cmd, 'CMD')
  // A detached container of the base image's command (a shell kept alive for `docker exec`) runs no check of its own.
  if (!start.entrypoint && !start.cmd && !detached) emit(ctx, ['docker', 'run'], { ...base, cwd: image.context, text: what }, { opaque: `${image.dockerfile} sets no ENTRYPOINT or CMD: the base image's command runs` })
  return true
}
