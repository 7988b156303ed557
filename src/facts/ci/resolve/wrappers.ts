import { basename } from '../../paths.js'

/**
 * Wrappers: commands that run another command (`uv run`, `npx`, `sudo`, `python -m`, …).
 * Stripping them makes argv[0] the real tool. A table of prefixes, each with the options that take
 * a value, so adding a wrapper is a data change. Containers (`docker run`, `docker compose run`)
 * are not wrappers but a resolver (containers.ts): what they run may be the image's own command.
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
  // Composer runs a package's binary from vendor/bin.
  { prefix: ['composer', 'exec'], valueOpts: ['-d', '--working-dir'] },
  { prefix: ['composer', 'global', 'exec'] },
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
  // `circleci tests split … | xargs bundle exec rspec`: xargs runs its command with the input as arguments.
  { prefix: ['xargs'], valueOpts: ['-a', '--arg-file', '-d', '--delimiter', '-E', '-I', '-L', '-n', '--max-args', '-P', '--max-procs', '-s', '--max-chars', '--max-lines'] },
  // `rustup run nightly cargo fmt`: the toolchain, then the command.
  { prefix: ['rustup', 'run'], skip: 1 },
  // Coverage wrappers run the command after their options (`nyc mocha`, `c8 --reporter lcov node --test`).
  { prefix: ['nyc'], valueOpts: ['--reporter', '-r', '--report-dir', '--temp-dir', '-t', '--include', '-n', '--exclude', '-x', '--extension', '-e', '--require', '-i', '--cwd', '--nycrc-path'] },
  { prefix: ['c8'], valueOpts: ['--reporter', '-r', '--reports-dir', '-o', '--include', '-n', '--exclude', '-x', '--src', '--temp-directory', '--extension', '-e', '--config', '-c'] }
]

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/
const PYTHON = /^(python[0-9.]*|py|pypy[0-9.]*)$/
const MODULE_NAMES: Readonly<Record<string, string>> = { pre_commit: 'pre-commit', 'pytest_cov': 'pytest' }

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
  /** `bash -c "…"`, `circleci tests run --command="…"`: the inner script to resolve instead. */
  readonly script?: string
}

/** A command line that runs a script given as one of its arguments. */
interface Script {
  readonly script: string
}

/** Removes wrappers (repeatedly: `sudo -E env X=1 uv run python -m pytest` → `pytest`). */
export function unwrap(words: readonly string[]): Unwrapped {
  let argv = [...words]
  const before: string[][] = []
  for (let round = 0; round < 12 && argv.length > 0; round++) {
    const next = unwrapOnce(argv, before)
    if (next !== null && !Array.isArray(next)) return { argv: [], before, script: next.script }
    if (next === null) break
    argv = next
  }
  return { argv, before }
}

function unwrapOnce(argv: string[], before: string[][]): string[] | Script | null {
  const t = normaliseTool(argv[0]!)
  if ((t === 'bash' || t === 'sh' || t === 'zsh' || t === 'dash') && argv.includes('-c')) {
    const i = argv.indexOf('-c')
    if (argv.slice(1, i).every((a) => a.startsWith('-')) && i + 1 < argv.length) return { script: argv[i + 1]! }
  }
  if (t === 'circleci' && argv[1] === 'tests' && argv[2] === 'run') return circleciTestsRun(argv)
  if (t === 'python') return unwrapPython(argv)
  if (/^php[\d.]*$/.test(t)) return unwrapPhp(argv)
  if (t === 'coverage' && argv[1] === 'run') return unwrapCoverage(argv, before)
  if (t === 'go' && argv[1] === 'run') return unwrapGoRun(argv)
  if (t === 'dotnet' || t === 'dotnet.exe' || t === 'dnx') return unwrapDotnetTool(argv, t)
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

/**
 * `circleci tests run --command="xargs bundle exec rspec …" --split-by=timings`: CircleCI runs the
 * command through a shell with this node's share of the test files on its standard input.
 */
function circleciTestsRun(argv: readonly string[]): Script | null {
  for (let i = 3; i < argv.length; i++) {
    const a = argv[i]!
    if (a.startsWith('--command=')) return { script: a.slice('--command='.length) }
    if (a === '--command' && i + 1 < argv.length) return { script: argv[i + 1]! }
  }
  return null
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

/** PHP options that take a value (`-d memory_limit=-1`, `-c php.ini`); `-dx=y` is one word. */
const PHP_VALUE_OPTS = new Set(['-d', '-c', '-z', '--define', '--php-ini', '--zend-extension'])

/**
 * `php [options] SCRIPT args` → `SCRIPT args` (`php vendor/bin/phpunit`, `php artisan test`,
 * `php bin/console lint:yaml`, `php -d memory_limit=-1 vendor/bin/phpstan analyse`). `php -l`
 * (syntax check), `php -r CODE`, `php -S` (built-in server) and information flags run no script:
 * left as `php`, for the catalogues to judge.
 */
function unwrapPhp(argv: string[]): string[] | null {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-f' || a === '--file') return i + 1 < argv.length ? argv.slice(i + 1) : null
    if (PHP_VALUE_OPTS.has(a)) {
      i++
      continue
    }
    if (a === '--') return i + 1 < argv.length ? argv.slice(i + 1) : null
    if (a.startsWith('-')) {
      // -d/-c glued to their value, and flags that only change how PHP starts.
      if (/^-[dcz]./.test(a) || a === '-n' || a === '-e' || a === '-q' || a === '-H' || a === '-C' || a === '--no-php-ini') continue
      return null
    }
    return argv.slice(i)
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

/**
 * `go run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.1 run` → `golangci-lint run`
 * (also without `@version`, and from the module's vendored copy: `go run
 * ./vendor/github.com/go-swagger/go-swagger/cmd/swagger generate spec` → `swagger generate spec`).
 */
function unwrapGoRun(argv: string[]): string[] | null {
  let i = 2
  while (i < argv.length && argv[i]!.startsWith('-')) i++
  // A vendored package's directory is `vendor/` followed by its import path.
  const pkg = argv[i]?.replace(/^(\.\/)?([\w.-]+\/)*vendor\//, '')
  // A versioned package, or a module path of another host (`honnef.co/go/tools/cmd/staticcheck`, a go.mod tool); never `./cmd/x`.
  if (pkg === undefined || !(pkg.includes('@') || /^[a-z0-9-]+(\.[a-z0-9-]+)+\/[\w./-]+$/i.test(pkg))) return null
  const segs = (pkg.includes('@') ? pkg.slice(0, pkg.lastIndexOf('@')) : pkg).split('/')
  let name = segs.pop() ?? ''
  if (/^v[0-9]+$/.test(name) && segs.length > 0) name = segs.pop()!
  return [name, ...argv.slice(i + 1)]
}

/**
 * The .NET SDK's own commands. Any other `dotnet NAME` runs the .NET tool `NAME` (`dotnet-NAME`),
 * local (`.config/dotnet-tools.json`) or global: `dotnet csharpier check .`, `dotnet sonarscanner
 * end`, `dotnet cake`, `dotnet ef …`. So do `dotnet tool run NAME` and .NET 10's `dnx NAME@version`.
 */
const DOTNET_COMMANDS = new Set([
  'add', 'build', 'build-server', 'clean', 'completions', 'dev-certs', 'exec', 'format', 'fsi', 'help', 'list', 'msbuild', 'new', 'nuget', 'pack',
  'package', 'project', 'publish', 'reference', 'remove', 'restore', 'run', 'sdk', 'sln', 'solution', 'store', 'test', 'tool', 'user-jwts',
  'user-secrets', 'vstest', 'watch', 'workload'
])
const TOOL_NAME = /^[A-Za-z][\w.-]{0,80}$/

/** `dotnet tool run X …` / `dotnet X …` (X not an SDK command) / `dnx X@1.2 …` → `X …`. */
function unwrapDotnetTool(argv: string[], t: string): string[] | null {
  if (t === 'dnx') {
    const i = argv.slice(1).findIndex((a) => !a.startsWith('-')) + 1
    return i > 0 ? [dropVersion(argv[i]!), ...argv.slice(i + 1)] : null
  }
  if (argv[1] === 'tool' && (argv[2] === 'run' || argv[2] === 'exec') && argv[3] !== undefined) return argv.slice(3)
  const sub = argv[1]
  if (sub === undefined || DOTNET_COMMANDS.has(sub.toLowerCase()) || !TOOL_NAME.test(sub) || /\.(dll|exe)$/i.test(sub)) return null
  return argv.slice(1)
}

/**
 * Programs that start a command line of their own: a word the wrapper table does not know followed
 * by one of these is taken for a wrapper (`with-secrets -- npm test`, `op run -- make lint`,
 * `somewrapper uv run pre-commit run --all`).
 */
const KNOWN_PROGRAMS = new Set([
  'make', 'gmake', 'just', 'task', 'npm', 'pnpm', 'yarn', 'bun', 'npx', 'pnpx', 'bunx', 'uv', 'uvx', 'poetry', 'pipenv', 'pdm', 'hatch', 'rye', 'tox', 'nox',
  'pre-commit', 'prek', 'bundle', 'rake', 'rails', 'go', 'cargo', 'mvn', 'mvnw', 'mvnd', 'gradle', 'gradlew', 'dotnet', 'mix', 'composer', 'python', 'node', 'deno',
  'pytest', 'jest', 'vitest', 'rspec', 'ruff', 'mypy', 'eslint', 'tsc', 'golangci-lint'
])

/**
 * Words that are never wrappers although a command may follow them as data or run elsewhere:
 * `echo make lint` prints it, `ssh host make` and `kubectl exec … -- npm test` run on another
 * machine, `git`/`gh` subcommands are not commands.
 */
const NOT_WRAPPERS = new Set([
  'echo', 'printf', 'cat', 'tee', 'git', 'gh', 'cd', 'pushd', 'export', 'set', 'unset', 'test', '[', '[[', 'grep', 'sed', 'awk', 'curl', 'wget', 'ssh', 'scp',
  'rsync', 'kubectl', 'helm', 'ls', 'mkdir', 'rm', 'cp', 'mv', 'chmod', 'chown', 'which', 'type', 'hash', 'alias', 'trap', 'read', 'eval', 'source', '.',
  'docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose', 'az', 'aws', 'gcloud', 'heroku', 'fly', 'flyctl', 'vercel', 'netlify', 'terraform', 'tar',
  'zip', 'unzip', 'find', 'xargs', 'parallel', 'apt-get', 'apt', 'yum', 'dnf', 'apk', 'brew', 'pip', 'pip3', 'gem', 'choco', 'sleep', 'true', 'false', 'exit', 'return'
])

/**
 * `wrapper [options] [--] PROGRAM …` where `wrapper` is a word nothing knows and PROGRAM is a
 * known program: the command line it wraps, or undefined. The caller records the guess.
 */
export function guessWrapped(argv: readonly string[]): readonly string[] | undefined {
  const w0 = normaliseTool(argv[0]!)
  if (argv.length < 2 || NOT_WRAPPERS.has(w0) || KNOWN_PROGRAMS.has(w0) || w0.includes('$') || /[=<>|;&]/.test(argv[0]!)) return undefined
  let i = 1
  // The wrapper's own options (`--profile ci`) are skipped only when a `--` ends them.
  const dashes = argv.indexOf('--')
  if (dashes > 0 && dashes < 6) i = dashes + 1
  const next = argv[i]
  if (next === undefined || !KNOWN_PROGRAMS.has(normaliseTool(next))) return undefined
  return argv.slice(i)
}
