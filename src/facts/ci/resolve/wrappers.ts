import { basename } from '../../snapshot.js'

/**
 * Wrappers: commands that run another command (`uv run`, `npx`, `sudo`, `python -m`, `docker
 * compose run`, …). Stripping them makes argv[0] the real tool. A table of prefixes, each with the
 * options that take a value, so adding a wrapper is a data change.
 */

interface Wrapper {
  /** Lower-cased argv prefix; the first word is compared by basename. */
  readonly prefix: readonly string[]
  /** Options that take the next word as their value. */
  readonly valueOpts?: readonly string[]
  /** `NAME=value` words are skipped (env, cross-env). */
  readonly assignments?: boolean
  /** Positional words to skip after the options (timeout's duration). */
  readonly skip?: number
  /** The wrapped tool may be written `tool@version`. */
  readonly versioned?: boolean
  /** Leading numbers are the wrapper's own (`retry 3 cmd`: the attempts). */
  readonly counts?: boolean
}

const WRAPPERS: readonly Wrapper[] = [
  { prefix: ['uv', 'run'], valueOpts: ['--with', '-w', '--group', '--extra', '--package', '--python', '-p', '--env-file', '--with-requirements', '--index', '--only-group', '--no-group', '--with-editable', '--directory', '--project'] },
  { prefix: ['uv', 'tool', 'run'], valueOpts: ['--from', '--with', '--python', '-p', '--index'], versioned: true },
  { prefix: ['uvx'], valueOpts: ['--from', '--with', '--python', '-p', '--index'], versioned: true },
  { prefix: ['poetry', 'run'] },
  { prefix: ['pipenv', 'run'] },
  { prefix: ['pipx', 'run'], valueOpts: ['--spec', '--python'], versioned: true },
  { prefix: ['npx'], valueOpts: ['-p', '--package', '-c', '--call'], versioned: true },
  { prefix: ['pnpx'], versioned: true },
  { prefix: ['bunx'], versioned: true },
  { prefix: ['bun', 'x'], versioned: true },
  { prefix: ['yarn', 'dlx'], valueOpts: ['-p', '--package'], versioned: true },
  { prefix: ['pnpm', 'dlx'], valueOpts: ['--package'], versioned: true },
  { prefix: ['pnpm', 'exec'] },
  { prefix: ['yarn', 'exec'] },
  { prefix: ['npm', 'exec'], valueOpts: ['-p', '--package', '-c', '--call', '-w', '--workspace'], versioned: true },
  { prefix: ['bundle', 'exec'] },
  { prefix: ['bundler', 'exec'] },
  { prefix: ['sudo'], valueOpts: ['-u', '-g', '-C', '-h', '-p', '-U'] },
  { prefix: ['time'] },
  { prefix: ['nice'], valueOpts: ['-n'] },
  { prefix: ['nohup'] },
  { prefix: ['exec'] },
  { prefix: ['command'] },
  { prefix: ['builtin'] },
  { prefix: ['timeout'], valueOpts: ['-s', '--signal', '-k', '--kill-after'], skip: 1 },
  { prefix: ['xvfb-run'], valueOpts: ['-s', '--server-args', '-n', '--server-num', '-e', '--error-file', '-f', '--auth-file'] },
  { prefix: ['env'], valueOpts: ['-u', '--unset', '-C', '--chdir'], assignments: true },
  { prefix: ['cross-env'], assignments: true },
  { prefix: ['dotenv', 'run'] },
  { prefix: ['dagger', 'run'], valueOpts: ['-m', '--mod', '--progress'] },
  { prefix: ['dotenv'], valueOpts: ['-e', '-c', '-v'] },
  { prefix: ['with-contenv'] },
  { prefix: ['retry'], valueOpts: ['-t', '--times', '-d', '--delay'], counts: true },
  // Coverage wrappers run the command after their options (`nyc mocha`, `c8 --reporter lcov node --test`).
  { prefix: ['nyc'], valueOpts: ['--reporter', '-r', '--report-dir', '--temp-dir', '-t', '--include', '-n', '--exclude', '-x', '--extension', '-e', '--require', '-i', '--cwd', '--nycrc-path'] },
  { prefix: ['c8'], valueOpts: ['--reporter', '-r', '--reports-dir', '-o', '--include', '-n', '--exclude', '-x', '--src', '--temp-directory', '--extension', '-e', '--config', '-c'] }
]

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/
const PYTHON = /^(python[0-9.]*|py|pypy[0-9.]*)$/
const MODULE_NAMES: Readonly<Record<string, string>> = { pre_commit: 'pre-commit', 'pytest_cov': 'pytest' }
/** Base images whose command is not a tool: `docker run python:3.12` with no command is not "python". */
const GENERIC_IMAGES = new Set(['python', 'node', 'golang', 'ubuntu', 'alpine', 'debian', 'ruby', 'openjdk', 'eclipse-temurin', 'maven', 'gradle', 'busybox', 'bash', 'centos', 'fedora', 'amazoncorretto', 'rust'])

/** argv[0] as the catalogues compare it: lower-cased basename, python3.x → python. */
export function normaliseTool(word: string): string {
  const b = basename(word).toLowerCase()
  return PYTHON.test(b) ? 'python' : b
}

export interface Unwrapped {
  /** The command with wrappers removed. */
  readonly argv: readonly string[]
  /** Commands to emit before it (the `coverage run` of `coverage run -m pytest`). */
  readonly before: readonly (readonly string[])[]
  /** `bash -c "…"`: the inner script to resolve instead. */
  readonly script?: string
}

/** Removes wrappers (repeatedly: `sudo -E env X=1 uv run python -m pytest` → `pytest`). */
export function unwrap(words: readonly string[]): Unwrapped {
  let argv = [...words]
  const before: string[][] = []
  for (let round = 0; round < 12 && argv.length > 0; round++) {
    const next = unwrapOnce(argv, before)
    if (next === 'script') return { argv: [], before, script: argv[argv.indexOf('-c') + 1] ?? '' }
    if (next === null) break
    argv = next
  }
  return { argv, before }
}

function unwrapOnce(argv: string[], before: string[][]): string[] | 'script' | null {
  const t = normaliseTool(argv[0]!)
  if ((t === 'bash' || t === 'sh' || t === 'zsh' || t === 'dash') && argv.includes('-c')) {
    const i = argv.indexOf('-c')
    if (argv.slice(1, i).every((a) => a.startsWith('-')) && i + 1 < argv.length) return 'script'
  }
  if (t === 'python') return unwrapPython(argv)
  if (t === 'coverage' && argv[1] === 'run') return unwrapCoverage(argv, before)
  if (t === 'go' && argv[1] === 'run') return unwrapGoRun(argv)
  if (t === 'docker' || t === 'podman' || t === 'docker-compose') return unwrapDocker(argv, t)
  for (const w of WRAPPERS) {
    if (w.prefix[0] !== t || w.prefix.length > argv.length) continue
    if (!w.prefix.every((p, k) => k === 0 || argv[k] === p)) continue
    return stripOptions(argv.slice(w.prefix.length), w)
  }
  return null
}

function stripOptions(args: string[], w: Wrapper): string[] | null {
  const valueOpts = new Set(w.valueOpts ?? [])
  let i = 0
  let skip = w.skip ?? 0
  while (i < args.length) {
    const a = args[i]!
    if (a === '--') {
      i++
      break
    }
    if (w.assignments && ASSIGNMENT.test(a)) i++
    else if (a.startsWith('-') && a.length > 1) i += valueOpts.has(a) ? 2 : 1
    else if (w.counts && /^\d+$/.test(a)) i++
    else if (skip > 0) {
      skip--
      i++
    } else break
  }
  const rest = args.slice(i)
  if (rest.length === 0) return null
  if (w.versioned) rest[0] = dropVersion(rest[0]!)
  return rest
}

/** `eslint@8` → `eslint`, `@biomejs/biome@1.9` → `@biomejs/biome`, `ruff==0.5` → `ruff`. */
export function dropVersion(word: string): string {
  const at = word.lastIndexOf('@')
  let w = at > 0 ? word.slice(0, at) : word
  const eq = w.search(/[=<>~]=/)
  if (eq > 0) w = w.slice(0, eq)
  return w
}

function unwrapPython(argv: string[]): string[] | null {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-m' && i + 1 < argv.length) {
      const mod = argv[i + 1]!
      return [MODULE_NAMES[mod] ?? mod, ...argv.slice(i + 2)]
    }
    if (a.startsWith('-m') && a.length > 2) return [a.slice(2), ...argv.slice(i + 1)]
    if (a === '-W' || a === '-X') {
      i++
      continue
    }
    if (!a.startsWith('-') || a === '-c') return null
  }
  return null
}

const COVERAGE_VALUE_OPTS = new Set(['--source', '--rcfile', '--omit', '--include', '--data-file', '--context', '--concurrency'])

function unwrapCoverage(argv: string[], before: string[][]): string[] | null {
  let i = 2
  while (i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-m') i += COVERAGE_VALUE_OPTS.has(argv[i]!) ? 2 : 1
  before.push(argv.slice(0, i))
  if (argv[i] === '-m' && i + 1 < argv.length) return [MODULE_NAMES[argv[i + 1]!] ?? argv[i + 1]!, ...argv.slice(i + 2)]
  if (i < argv.length) return ['python', ...argv.slice(i)]
  return []
}

/** `go run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.1 run` → `golangci-lint run` (also without `@version`). */
function unwrapGoRun(argv: string[]): string[] | null {
  let i = 2
  while (i < argv.length && argv[i]!.startsWith('-')) i++
  const pkg = argv[i]
  // A versioned package, or a module path of another host (`honnef.co/go/tools/cmd/staticcheck`, a go.mod tool); never `./cmd/x`.
  if (pkg === undefined || !(pkg.includes('@') || /^[a-z0-9-]+(\.[a-z0-9-]+)+\/[\w./-]+$/i.test(pkg))) return null
  const segs = (pkg.includes('@') ? pkg.slice(0, pkg.lastIndexOf('@')) : pkg).split('/')
  let name = segs.pop() ?? ''
  if (/^v[0-9]+$/.test(name) && segs.length > 0) name = segs.pop()!
  return [name, ...argv.slice(i + 1)]
}

const COMPOSE_GLOBAL = new Set(['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory'])
const COMPOSE_RUN = new Set(['-e', '--env', '-u', '--user', '-w', '--workdir', '-v', '--volume', '-p', '--publish', '--name', '--entrypoint', '-l', '--label', '--index'])
const DOCKER_RUN = new Set([
  '-e', '--env', '-v', '--volume', '-w', '--workdir', '-p', '--publish', '--name', '--network', '--net', '-u', '--user', '--entrypoint',
  '--env-file', '--mount', '--platform', '-l', '--label', '--cpus', '-m', '--memory', '--add-host', '--cap-add', '--cap-drop', '--shm-size',
  '--ulimit', '--security-opt', '--pull', '--hostname', '-h', '--volumes-from', '--tmpfs', '--device', '--gpus', '--ipc', '--pid', '--cidfile'
])

function unwrapDocker(argv: string[], t: string): string[] | null {
  let i = 1
  const compose = t === 'docker-compose' || argv[1] === 'compose'
  if (compose && t !== 'docker-compose') i = 2
  if (compose) {
    while (i < argv.length && argv[i]!.startsWith('-')) i += COMPOSE_GLOBAL.has(argv[i]!) ? 2 : 1
    const sub = argv[i]
    if (sub !== 'run' && sub !== 'exec') return null
    i++
    while (i < argv.length && argv[i]!.startsWith('-')) i += COMPOSE_RUN.has(argv[i]!) ? 2 : 1
    const inner = argv.slice(i + 1)
    return inner.length > 0 ? inner : null
  }
  const sub = argv[i]
  if (sub !== 'run' && sub !== 'exec') return null
  i++
  while (i < argv.length && argv[i]!.startsWith('-')) i += DOCKER_RUN.has(argv[i]!) ? 2 : 1
  const image = argv[i]
  if (image === undefined) return null
  const inner = argv.slice(i + 1)
  if (sub === 'exec') return inner.length > 0 ? inner : null
  const base = basename(image.replace(/[:@].*$/, '')).toLowerCase()
  if (inner.length > 0 && (normaliseTool(inner[0]!) === base || GENERIC_IMAGES.has(base) || inner[0]!.includes('/'))) return inner
  if (GENERIC_IMAGES.has(base) || base === '' || base.includes('$')) return null
  return [base, ...inner]
}
