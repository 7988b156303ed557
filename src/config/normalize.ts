import { CHECK_IDS, type CheckId } from '../checks/ids.js'
import { CONFIG_SCHEMA, SIGNATURE_KINDS, type WrittenConfig } from './schema.js'
import type { CheckPolicy, Config, ExtraSignatures, ServiceDecl, Waiver } from './types.js'

const P = CONFIG_SCHEMA.properties

/** Drops holes left by items that failed validation. */
function present<T>(items: readonly (T | undefined)[] | undefined): T[] {
  return (items ?? []).filter((x): x is T => x !== undefined)
}

/** `./legacy/**` and `/legacy/**` mean `legacy/**`: globs are matched against repo-relative paths. */
export function normalizeGlob(glob: string): string {
  return glob.trim().replace(/^(?:\.\/|\/)+/, '')
}

/** `./services/api/` → `services/api`; the root is `.`. */
export function normalizeServicePath(path: string): string {
  const p = path
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(?:\.\/)+/, '')
    .replace(/\/+$/, '')
  return p === '' ? '.' : p
}

function policyOf(id: CheckId, written: WrittenConfig['checks']): CheckPolicy {
  const entryNode = P.checks.properties[id]
  const policyNode = entryNode.options[1].properties
  const entry = written?.[id]
  const base: CheckPolicy = { enabled: policyNode.enabled.default, weight: policyNode.weight.default, required: policyNode.required.default }
  if (entry === undefined) return base
  if (typeof entry === 'boolean') return { ...base, enabled: entry }
  return { enabled: entry.enabled ?? base.enabled, weight: entry.weight ?? base.weight, required: entry.required ?? base.required }
}

function signaturesOf(id: CheckId, written: WrittenConfig['signatures']): ExtraSignatures {
  const entry = written?.[id]
  const lists = Object.fromEntries(SIGNATURE_KINDS.map((kind) => [kind, present(entry?.[kind]).map((s) => s.trim())]))
  return lists as unknown as ExtraSignatures
}

/** Written config (validated, possibly partial after errors) → the full Config with defaults applied. */
export function normalize(written: WrittenConfig, source: string | null): Config {
  const waivers: Waiver[] = present(written.waivers).map((w) => ({ check: w.check, reason: w.reason.trim(), expires: w.expires }))
  const services: ServiceDecl[] = present(written.services).map((s) => ({ name: s.name.trim(), path: normalizeServicePath(s.path) }))
  return {
    minScore: written['min-score'] ?? P['min-score'].default,
    failOnRegression: written['fail-on-regression'] ?? P['fail-on-regression'].default,
    comment: written.comment ?? P.comment.default ?? 'always',
    maxFileBytes: written['max-file-size'] ?? P['max-file-size'].default,
    ignore: present(written.ignore).map(normalizeGlob),
    checks: Object.fromEntries(CHECK_IDS.map((id) => [id, policyOf(id, written.checks)])) as Record<CheckId, CheckPolicy>,
    waivers,
    signatures: Object.fromEntries(CHECK_IDS.map((id) => [id, signaturesOf(id, written.signatures)])) as Record<CheckId, ExtraSignatures>,
    services,
    source
  }
}
