import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import yaml from 'js-yaml'
import { CONFIG_FILE_NAMES, DEFAULT_CONFIG, MAX_CONFIG_BYTES, MAX_CONFIG_ERRORS } from './defaults.js'
import { normalize } from './normalize.js'
import { runRules } from './rules.js'
import { CONFIG_SCHEMA } from './schema.js'
import type { Config } from './types.js'
import { ROOT_PATH, validate, type ConfigError, type Problems } from './validate.js'
import { plural } from '../prose.js'

export type { ConfigError } from './validate.js'

/**
 * The outcome of loading a config: a usable config, or every error found. Warnings come either
 * way. `source` says which file was read (null: none, the embedded default).
 */
export type LoadResult =
  | { config: Config; warnings: string[]; errors: undefined; source?: string | null }
  | { config: undefined; warnings: string[]; errors: ConfigError[]; source?: string | null }

/**
 * YAML 1.2 core types only (strings, numbers, booleans, null) plus `<<` merge keys. Without the
 * timestamp type, `expires: 2027-02-30` stays the string the user wrote, so an impossible date is
 * reported instead of silently rolling over to March. No custom tags: nothing in the file can
 * construct anything but plain data.
 */
// js-yaml 4 exports its built-in types at runtime; @types/js-yaml does not declare them.
const { merge } = (yaml as unknown as { types: { merge: yaml.Type } }).types
const YAML_SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [merge] })

function failure(errors: ConfigError[], warnings: string[], source: string | null): LoadResult {
  return { config: undefined, warnings, errors, source }
}

/** Validates an already-parsed document (YAML or JSON): schema → normalise → semantic rules. */
export function validateConfig(document: unknown, source: string | null): LoadResult {
  // An empty file (or one with only comments) means "all defaults".
  if (document === undefined || document === null) return { config: { ...DEFAULT_CONFIG, source }, warnings: [], errors: undefined, source }
  const out: Problems = { errors: [], warnings: [] }
  const written = validate(CONFIG_SCHEMA, document, '', out)
  if (written !== undefined) runRules(written, normalize(written, source), out)
  if (out.errors.length > 0) {
    const errors = out.errors.slice(0, MAX_CONFIG_ERRORS)
    const more = out.errors.length - errors.length
    if (more > 0) errors.push({ path: ROOT_PATH, message: `${ROOT_PATH}: ${plural(more, 'more error')} not shown; fix the ones above first` })
    return failure(errors, out.warnings, source)
  }
  // Valid: normalise once more so nothing in the result aliases the parsed document.
  return { config: normalize(written ?? {}, source), warnings: out.warnings, errors: undefined, source }
}

/** Parses config text (YAML, which includes JSON). `source` names the file in messages and in `Config.source`. */
export function parseConfig(text: string, source: string): LoadResult {
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_CONFIG_BYTES) return failure([tooLarge(source, bytes)], [], source)
  let document: unknown
  try {
    document = yaml.load(text, { schema: YAML_SCHEMA, filename: source })
  } catch (err) {
    return failure([yamlError(err, source)], [], source)
  }
  return validateConfig(document, source)
}

function tooLarge(source: string, bytes: number): ConfigError {
  return { path: source, message: `${source}: the file is ${bytes} bytes; a config may be at most ${MAX_CONFIG_BYTES} bytes (256 KiB)` }
}

/** `file:line:column: YAML syntax error: reason`, without js-yaml's source excerpt. */
function yamlError(err: unknown, source: string): ConfigError {
  if (err instanceof yaml.YAMLException) {
    const where = err.mark ? `:${err.mark.line + 1}:${err.mark.column + 1}` : ''
    return { path: source, message: `${source}${where}: YAML syntax error: ${err.reason}` }
  }
  // Deeply nested input can exhaust the parser's stack: still a config error, never a crash.
  const reason = err instanceof RangeError ? 'the document is nested too deeply' : err instanceof Error ? err.message : String(err)
  return { path: source, message: `${source}: YAML could not be read: ${reason}` }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel))
}

function exists(path: string): boolean {
  try {
    lstatSync(path)
    return true
  } catch {
    return false
  }
}

/**
 * Finds and reads the config.
 *
 * - `explicit` (the `--config` flag / `config` input, relative to the process cwd): that file, which
 *   must exist. If it lies inside `root`, it must also resolve inside `root` (a symlink committed
 *   in the scanned repository never leads out of it); a path outside `root` was chosen by whoever
 *   runs the scan and is read as given.
 * - otherwise the first of `.github/shipshape.yml`, `.github/shipshape.yaml`, `.shipshape.yml`,
 *   `.shipshape.yaml` under `root`, never followed out of `root`; none → the embedded default.
 */
export function loadConfig(opts: { root: string; explicit?: string | null }): LoadResult {
  const root = resolve(opts.root)
  let realRoot: string
  try {
    realRoot = realpathSync(root)
  } catch {
    return failure([{ path: opts.root, message: `${opts.root}: the directory to scan does not exist` }], [], null)
  }

  if (opts.explicit) {
    const abs = resolve(opts.explicit)
    const label = isInside(root, abs) ? relative(root, abs).split(sep).join('/') : opts.explicit
    if (!exists(abs)) return failure([{ path: label, message: `${label}: config file not found (looked for ${abs})` }], [], label)
    return readConfigFile(abs, label, isInside(root, abs) ? realRoot : null)
  }

  const found = CONFIG_FILE_NAMES.filter((name) => exists(resolve(root, name)))
  if (found.length === 0) return { config: DEFAULT_CONFIG, warnings: [], errors: undefined, source: null }
  const [chosen, ...others] = found
  const result = readConfigFile(resolve(root, chosen), chosen, realRoot)
  if (others.length > 0) result.warnings.unshift(`${others.join(' and ')} ignored: ${chosen} is read first (keep one config file)`)
  return result
}

/** Reads one file, refusing symlink escapes out of `confineTo`, non-files and oversized files. */
function readConfigFile(abs: string, label: string, confineTo: string | null): LoadResult {
  let real: string
  try {
    real = realpathSync(abs)
  } catch {
    return failure([{ path: label, message: `${label}: cannot be read (a symlink to a missing file?)` }], [], label)
  }
  if (confineTo !== null && !isInside(confineTo, real)) {
    return failure([{ path: label, message: `${label}: refused: it resolves outside the repository (a symlink out of the scanned directory is never followed)` }], [], label)
  }
  let fd: number
  try {
    // Non-blocking: opening a FIFO must not wait for a writer; fstat below refuses it.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (err) {
    return failure([{ path: label, message: `${label}: cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` }], [], label)
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return failure([{ path: label, message: `${label}: is not a regular file` }], [], label)
    if (stat.size > MAX_CONFIG_BYTES) return failure([tooLarge(label, stat.size)], [], label)
    // One byte more than fstat said, so a file that grew meanwhile is noticed, never read past the cap.
    const buf = Buffer.alloc(stat.size + 1)
    let length = 0
    while (length < buf.length) {
      const n = readSync(fd, buf, length, buf.length - length, null)
      if (n === 0) break
      length += n
    }
    if (length > MAX_CONFIG_BYTES) return failure([tooLarge(label, length)], [], label)
    return parseConfig(buf.subarray(0, length).toString('utf8'), label)
  } finally {
    closeSync(fd)
  }
}
