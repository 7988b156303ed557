import { Minimatch } from 'minimatch'
import { CHECK_IDS } from '../checks/ids.js'
import { unsafeGlobReason } from '../facts/safe-glob.js'
import { show } from './messages.js'
import { normalizeGlob, normalizeServicePath } from './normalize.js'
import type { WrittenConfig } from './schema.js'
import type { Config } from './types.js'
import type { Problems } from './validate.js'

/**
 * Semantic rules: what the schema cannot say about one value alone. Each rule is a small named
 * function that reports to the shared sink, so the user sees every problem at once (changesets
 * `rules.ts`). Rules see the written config (for the user's key paths and list indices, with holes
 * where an item was invalid) and the normalised config (for the effective values).
 */
export interface RuleContext {
  readonly written: WrittenConfig
  readonly config: Config
  /** `message` goes after `path: `. */
  error(path: string, message: string): void
  warn(message: string): void
}

export type Rule = (ctx: RuleContext) => void

/** A check cannot be both off and required: it would never run, so it could never pass. */
export const requiredChecksAreEnabled: Rule = (ctx) => {
  for (const id of CHECK_IDS) {
    const entry = ctx.written.checks?.[id]
    if (typeof entry === 'object' && entry.required === true && entry.enabled === false) {
      ctx.error(`checks.${id}`, 'required: true conflicts with enabled: false; a disabled check never runs, so it can never pass (enable it or drop required)')
    }
  }
}

/** Two waivers for one check would make the effective reason and expiry depend on list order. */
export const oneWaiverPerCheck: Rule = (ctx) => {
  const first = new Map<string, number>()
  ctx.written.waivers?.forEach((w, i) => {
    if (!w) return
    const earlier = first.get(w.check)
    if (earlier === undefined) first.set(w.check, i)
    else ctx.error(`waivers[${i}].check`, `${show(w.check)} is already waived by waivers[${earlier}]; keep one waiver per check`)
  })
}

/** Service names label report sections, so they must tell services apart. */
export const serviceNamesAreUnique: Rule = (ctx) => {
  const first = new Map<string, number>()
  ctx.written.services?.forEach((s, i) => {
    if (!s) return
    const name = s.name.trim()
    const earlier = first.get(name)
    if (earlier === undefined) first.set(name, i)
    else ctx.error(`services[${i}].name`, `duplicate service name ${show(name)} (first used by services[${earlier}]); each service needs its own name`)
  })
}

/** A service directory is read through the repository snapshot: it must be inside the repository. */
export const servicePathsStayInside: Rule = (ctx) => {
  ctx.written.services?.forEach((s, i) => {
    if (!s) return
    const path = normalizeServicePath(s.path)
    if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').includes('..')) {
      ctx.error(`services[${i}].path`, `expected a directory relative to the repository root, without "..", got ${show(s.path)}`)
    }
  })
}

/** Two services in one directory would report the same routes twice. */
export const servicePathsAreDistinct: Rule = (ctx) => {
  const first = new Map<string, number>()
  ctx.written.services?.forEach((s, i) => {
    if (!s) return
    const path = normalizeServicePath(s.path)
    const earlier = first.get(path)
    if (earlier === undefined) first.set(path, i)
    else ctx.warn(`services[${i}].path: ${show(path)} is also the path of services[${earlier}]; both services will report the same files`)
  })
}

/** An ignore glob minimatch cannot compile would silently ignore nothing. */
export const ignoreGlobsAreValid: Rule = (ctx) => {
  ctx.written.ignore?.forEach((glob, i) => {
    if (glob === undefined) return
    const normal = normalizeGlob(glob)
    if (normal === '') {
      ctx.error(`ignore[${i}]`, `expected a glob matching repo-relative paths, got ${show(glob)}; to skip the whole repository, disable the checks instead`)
      return
    }
    if (new Minimatch(normal, { dot: true }).makeRe() === false) {
      ctx.error(`ignore[${i}]`, `${show(glob)} is not a valid minimatch glob`)
    }
  })
}

/** A glob whose matching could backtrack for minutes (facts/safe-glob.ts) is an error, not a hang. */
export const globsAreBounded: Rule = (ctx) => {
  const check = (path: string, glob: string | undefined): void => {
    const why = glob === undefined ? null : unsafeGlobReason(normalizeGlob(glob))
    if (why !== null) ctx.error(path, `${show(glob)} is too costly to match: ${why}`)
  }
  ctx.written.ignore?.forEach((glob, i) => check(`ignore[${i}]`, glob))
  for (const id of CHECK_IDS) ctx.written.signatures?.[id]?.files?.forEach((glob, i) => check(`signatures.${id}.files[${i}]`, glob))
}

/** With every weight at 0 (or every check off) no score can be computed; say so rather than surprise. */
export const someCheckCarriesWeight: Rule = (ctx) => {
  const live = CHECK_IDS.filter((id) => ctx.config.checks[id].enabled && ctx.config.checks[id].weight > 0)
  if (live.length === 0) ctx.warn('checks: no enabled check has a weight above 0, so there will be no score and min-score cannot fail the gate')
}

/** Signatures for a disabled check are never read. */
export const signaturesForEnabledChecks: Rule = (ctx) => {
  for (const id of CHECK_IDS) {
    if (ctx.written.signatures?.[id] !== undefined && !ctx.config.checks[id].enabled) {
      ctx.warn(`signatures.${id}: the check is disabled, so these signatures are not used`)
    }
  }
}

export const RULES: readonly Rule[] = [
  requiredChecksAreEnabled,
  oneWaiverPerCheck,
  serviceNamesAreUnique,
  servicePathsStayInside,
  servicePathsAreDistinct,
  ignoreGlobsAreValid,
  globsAreBounded,
  someCheckCarriesWeight,
  signaturesForEnabledChecks
]

/** Runs every rule, reporting into `out`. */
export function runRules(written: WrittenConfig, config: Config, out: Problems, rules: readonly Rule[] = RULES): void {
  const ctx: RuleContext = {
    written,
    config,
    error: (path, message) => out.errors.push({ path, message: `${path}: ${message}` }),
    warn: (message) => out.warnings.push(message)
  }
  for (const rule of rules) rule(ctx)
}
