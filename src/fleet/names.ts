import { oneLine } from '../report/escape.js'
import { LIMITS } from './limits.js'

/** GitHub owners are alphanumerics and hyphens; repository names add `.` and `_` (never `.`/`..`). */
const SLUG_RE = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/(?!\.\.?$)[A-Za-z0-9_.-]{1,100}$/

export function isSlug(value: unknown): value is string {
  return typeof value === 'string' && SLUG_RE.test(value)
}

/**
 * The name of a report that does not say which repository it is: its file name without `.json`,
 * where the fleet workflow's `OWNER__NAME.json` convention gives back `OWNER/NAME`.
 */
export function nameFromFile(file: string): string {
  const base = file.replace(/\\/g, '/').split('/').pop() ?? file
  const stem = base.replace(/\.json$/i, '')
  const i = stem.indexOf('__')
  const slug = i > 0 ? `${stem.slice(0, i)}/${stem.slice(i + 2)}` : null
  return slug && isSlug(slug) ? slug : oneLine(stem, LIMITS.name) || '(unnamed)'
}

export function keyOf(name: string): string {
  return name.toLowerCase()
}

/** "a, b, c and 4 more", naming at most LIMITS.namesInNote. */
export function listNames(names: readonly string[]): string {
  const shown = names.slice(0, LIMITS.namesInNote)
  const more = names.length - shown.length
  return shown.join(', ') + (more > 0 ? ` and ${more} more` : '')
}

/** `acme/orders` → `acme__orders`, safe as a file name on every platform; `taken` keeps names unique. */
export function pageFileName(key: string, taken: Set<string>): string {
  const base = key.replace(/\//g, '__').replace(/[^a-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 120) || '_'
  let name = base
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`
  taken.add(name)
  return name
}
