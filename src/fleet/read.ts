import { constants, fstatSync, lstatSync, openSync, readdirSync, statSync } from 'node:fs'
import { readOpen } from '../facts/safe-read.js'
import { join, resolve } from 'node:path'
import { LIMITS } from './limits.js'
import { listNames } from './names.js'
import type { ReportFile } from './parse.js'

/**
 * The fleet's one reading edge. Named files and directories (searched for `*.json`, symlinks
 * inside them skipped) become a bounded list of report paths; each file is read only when it is a
 * regular file under the size cap and the run's byte budget, opened non-blocking so a FIFO never
 * hangs the run.
 */

export interface Gathered {
  readonly paths: readonly string[]
  /** Paths given that do not exist or are neither a file nor a directory (usage errors). */
  readonly errors: readonly string[]
  readonly notes: readonly string[]
}

/** `skip` (the output directory) is never searched, so a dashboard written among the reports is not read back. */
export function gatherReportPaths(args: readonly string[], max: number = LIMITS.reports, skip: string | null = null): Gathered {
  const skipped = skip === null ? null : resolve(skip)
  const found: string[] = []
  const errors: string[] = []
  let over = 0
  const add = (p: string): void => {
    if (found.length < max) found.push(p)
    else over++
  }
  const walk = (dir: string, depth: number): void => {
    let names: string[]
    try {
      names = readdirSync(dir).sort()
    } catch (err) {
      errors.push(`cannot list '${dir}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
      return
    }
    for (const name of names) {
      const p = join(dir, name)
      let st
      try {
        st = lstatSync(p)
      } catch {
        continue
      }
      if (st.isDirectory() && depth < LIMITS.depth && resolve(p) !== skipped) walk(p, depth + 1)
      else if (st.isFile() && name.toLowerCase().endsWith('.json')) add(p)
    }
  }
  for (const arg of args) {
    let st
    try {
      st = statSync(arg)
    } catch {
      errors.push(`'${arg}' does not exist`)
      continue
    }
    if (st.isDirectory()) walk(arg, 1)
    else add(arg)
  }
  const notes = over > 0 ? [`${over} report file(s) beyond the cap of ${max} were not read (raise it with --max-reports)`] : []
  return { paths: found, errors, notes }
}

export type ReadResult = { ok: true; text: string; bytes: number; mtimeMs: number } | { ok: false; error: string; mtimeMs: number }

/** Reads a regular file of at most `cap` bytes as UTF-8 (opened non-blocking: a FIFO never hangs). */
export function readCapped(path: string, cap: number): ReadResult {
  let fd: number
  let mtimeMs = 0
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (err) {
    return { ok: false, error: `could not be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, mtimeMs }
  }
  try {
    mtimeMs = fstatSync(fd).mtimeMs
  } catch {
    // readOpen says what is wrong with it.
  }
  const r = readOpen(fd, cap)
  switch (r.kind) {
    case 'bytes':
      return { ok: true, text: Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength).toString('utf8'), bytes: r.bytes.byteLength, mtimeMs }
    case 'too-large':
      return { ok: false, error: `${formatBytes(r.size)}, over the ${formatBytes(cap)} cap: not read`, mtimeMs }
    case 'refused':
      return { ok: false, error: r.why, mtimeMs }
    case 'missing':
      return { ok: false, error: 'could not be read (ENOENT)', mtimeMs }
    case 'error':
      return { ok: false, error: `could not be read (${r.message})`, mtimeMs }
  }
}

/**
 * Reads report files one at a time, handing each to `use` (so only one file's text is held at
 * once). The budget can be overrun by at most one file; the files after it are not read.
 */
export function readReports(paths: readonly string[], use: (file: ReportFile) => void, budget: number = LIMITS.totalBytes): string[] {
  let spent = 0
  const starved: string[] = []
  paths.forEach((source, order) => {
    if (spent >= budget) {
      starved.push(source)
      use({ source, text: null, error: `not read: the run's ${formatBytes(budget)} read budget was spent`, mtimeMs: 0, order })
      return
    }
    const r = readCapped(source, LIMITS.reportBytes)
    if (r.ok) spent += r.bytes
    use(r.ok ? { source, text: r.text, error: null, mtimeMs: r.mtimeMs, order } : { source, text: null, error: r.error, mtimeMs: r.mtimeMs, order })
  })
  return starved.length > 0 ? [`${starved.length} report file(s) were not read once ${formatBytes(budget)} had been read: ${listNames(starved)}`] : []
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${+(n / 1024 / 1024 / 1024).toFixed(1)} GiB`
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MiB`
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`
  return `${n} bytes`
}
