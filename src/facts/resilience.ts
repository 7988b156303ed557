import {
  HAND_ROLLED_RETRY,
  DISABLED_RETRY,
  HAND_ROLLED_RETRY_TOKENS,
  HOME_GROWN_BREAKER_TOKENS,
  JOB_RETRY_TOKENS,
  LOCAL_RETRY_TOKENS,
  NODE_QUEUE_PACKAGES,
  NOT_OUTBOUND_FILES,
  NOT_OUTBOUND_RETRY_TOKENS,
  RETRY_FILTER_LINES,
  RESILIENCE_LIBS,
  RETRIES_OFF,
  SLEEP_TOKENS,
  STARTUP_CONTEXT_TOKENS,
  STARTUP_FILE_PATTERNS,
  WAIT_WINDOW,
  type ResilienceSignature
} from './catalog/resilience.js'
import { ECOSYSTEM_IDS, type Ecosystem } from './ecosystems.js'
import { frontEndReader, type FrontEndReader } from './front-end.js'
import type { ManifestFacts } from './manifests/types.js'
import { declaredPackageRows, packageUse, type ImportRef, type LineHit, type PackageUse, type UsageFacts } from './usage.js'

/**
 * What the circuit-breakers check judges, read from the service's code: each resilience library
 * that is a dependency with its uses sorted by what they protect (outbound calls, start-up waits,
 * local retries, calls that switch retrying off, front-end code), job-queue retries, and
 * hand-rolled retries or breakers. Nothing here says whether that is enough.
 */

export type UseHit = ImportRef | LineHit

export interface LibFinding {
  readonly sig: ResilienceSignature
  readonly use: PackageUse
  /** Uses around the service's own outbound calls. */
  readonly real: readonly UseHit[]
  /** Waits for a dependency at start-up. */
  readonly startup: readonly UseHit[]
  /** Retries of database writes or local state. */
  readonly local: readonly UseHit[]
  /** Calls that switch retrying off, with the option that does. */
  readonly disabled: readonly { readonly hit: LineHit; readonly note: string }[]
  /** Uses in code that runs in the browser, with why it is front-end. */
  readonly frontEnd: readonly { readonly hit: UseHit; readonly why: string }[]
}

/** A hand-rolled retry or breaker (`what`), and why it is front-end code when it is. */
export interface HandRolledHit {
  readonly hit: LineHit
  readonly what: 'hand-rolled retry loop' | 'hand-rolled retry with a wait' | 'home-grown circuit breaker'
  readonly frontEnd?: string
}

export interface ResilienceFacts {
  /** Libraries that are dependencies (catalogue rows, then the packages config declares), in that order. */
  readonly libraries: readonly LibFinding[]
  /**
   * Read only when no library protects a call (in the service or its front end): the fallbacks
   * the check then weighs. Undefined when not read.
   */
  readonly fallbacks?: {
    readonly jobRetries: readonly LineHit[]
    readonly handRolled: readonly HandRolledHit[]
  }
}

export const NO_RESILIENCE: ResilienceFacts = { libraries: [] }

/** A use inside a start-up wait (wait-for-db script, or a retry next to `SELECT 1`). */
function startupWait(usage: UsageFacts, hit: { path: string; line: number }): boolean {
  if (STARTUP_FILE_PATTERNS.some((re) => re.test(hit.path))) return true
  const lines = usage.lines(hit.path) ?? []
  const from = Math.max(0, hit.line - 13)
  const to = Math.min(lines.length, hit.line + 12)
  for (let i = from; i < to; i++) if (STARTUP_CONTEXT_TOKENS.some((t) => lines[i]!.includes(t))) return true
  return false
}

/** A retry in a file that retries a locked local database, filtered on a database or local-state exception (on its line or just after), or in a data migration. */
function notOutbound(usage: UsageFacts, hit: UseHit): boolean {
  const tokens = NOT_OUTBOUND_RETRY_TOKENS[hit.ecosystem]
  if (NOT_OUTBOUND_FILES.some((re) => re.test(hit.path))) return true
  const lines = usage.lines(hit.path) ?? []
  if (lines.some((l) => LOCAL_RETRY_TOKENS.some((t) => l.includes(t)))) return true
  if (!tokens || 'module' in hit) return false
  for (let i = hit.line - 1; i < Math.min(lines.length, hit.line + RETRY_FILTER_LINES); i++) if (tokens.some((t) => lines[i]!.includes(t))) return true
  return false
}

/** The option that switches retrying off at a call (on its line or its argument lines), or undefined. */
function disabledAt(usage: UsageFacts, hit: { path: string; line: number }): string | undefined {
  const lines = usage.lines(hit.path) ?? []
  for (let i = hit.line - 1; i < lines.length && i < hit.line + 7; i++) {
    const l = lines[i]!
    const found = DISABLED_RETRY.find((d) => d.pattern.test(l))
    if (found) return found.note
    // The call's arguments end here (`)`, `})`, `});`) or at a blank line.
    if (i >= hit.line && (/^\s*[)}\]]+[;,]?\s*$/.test(l) || l.trim() === '')) break
  }
  return undefined
}

/** Packages declared in config (`signatures.circuit-breakers.packages`) as retry libraries of any ecosystem. */
function genericSignatures(packages: readonly string[]): ResilienceSignature[] {
  return declaredPackageRows(packages).map((row) => ({ ...row, kind: 'retry' as const }))
}

function libraryFinding(sig: ResilienceSignature, manifests: ManifestFacts, usage: UsageFacts, frontEnd: FrontEndReader): LibFinding | undefined {
  const use = packageUse(manifests, usage, sig)
  if (use.deps.length === 0) return undefined
  // HTTP-client built-ins (requests, httpx, got…) are common dependencies: only their retry calls count, never their imports.
  const imports = sig.kind === 'http-retry' || sig.ecosystem === 'ruby' ? [] : use.imports
  const disabled = use.calls.flatMap((c) => {
    const note = disabledAt(usage, c)
    return note === undefined ? [] : [{ hit: c, note }]
  })
  const calls = use.calls.filter((c) => !disabled.some((d) => d.hit === c) && !RETRIES_OFF.test(c.text))
  // A file whose every call switches retrying off uses the library only to say "no retry": its import proves nothing.
  const offFiles = new Set(disabled.map((d) => d.hit.path).filter((p) => !calls.some((c) => c.path === p)))
  const hits: UseHit[] = [...calls, ...imports.filter((i) => !offFiles.has(i.path))]
  const startup = hits.filter((h) => startupWait(usage, h))
  const local = hits.filter((h) => !startup.includes(h) && notOutbound(usage, h))
  const live = hits.filter((h) => !startup.includes(h) && !local.includes(h))
  const fe = live.flatMap((h) => {
    const why = frontEnd(h.path)
    return why === undefined ? [] : [{ hit: h, why }]
  })
  const real = live.filter((h) => !fe.some((x) => x.hit === h))
  if (sig.kind === 'http-retry' && hits.length === 0 && disabled.length === 0) return undefined
  return { sig, use, real, startup, local, disabled, frontEnd: fe }
}

function jobRetries(manifests: ManifestFacts, usage: UsageFacts): LineHit[] {
  const deps = manifests.manifests.flatMap((m) => m.dependencies)
  const out: LineHit[] = []
  for (const eco of ECOSYSTEM_IDS) {
    const tokens = JOB_RETRY_TOKENS[eco]
    if (!tokens || !manifests.manifests.some((m) => m.ecosystem === eco)) continue
    if (eco === 'node' && !deps.some((d) => d.ecosystem === 'node' && !d.own && NODE_QUEUE_PACKAGES.includes(d.name))) continue
    out.push(...usage.grep(tokens, { ecosystems: [eco], limit: 5 }))
  }
  return out.slice(0, 5)
}

/**
 * Hand-rolled retries and breakers. One in front-end code (a browser app, a React Native client
 * beside the API) protects none of the service's calls: like a library used only there, it is
 * kept, after the service's own, and said to be front-end only.
 */
function handRolled(usage: UsageFacts, frontEnd: FrontEndReader): HandRolledHit[] {
  const own: HandRolledHit[] = []
  const client: HandRolledHit[] = []
  const add = (hit: LineHit, what: HandRolledHit['what']): void => {
    const why = frontEnd(hit.path)
    if (why === undefined) own.push({ hit, what })
    else if (client.length < 3) client.push({ hit, what, frontEnd: why })
  }
  const seen = new Set<string>()
  for (const h of usage.grep(HAND_ROLLED_RETRY_TOKENS, { limit: 50 })) {
    if (startupWait(usage, h)) continue
    const lines = usage.lines(h.path) ?? []
    if (!lines.some((l) => SLEEP_TOKENS.some((t) => l.includes(t)))) continue
    seen.add(h.path)
    add(h, 'hand-rolled retry loop')
    if (own.length >= 3) break
  }
  for (const [eco, shape] of Object.entries(HAND_ROLLED_RETRY) as [Ecosystem, NonNullable<(typeof HAND_ROLLED_RETRY)[Ecosystem]>][]) {
    if (own.length >= 3) break
    for (const h of usage.grep(shape.anchors, { ecosystems: [eco], limit: 50 })) {
      if (seen.has(h.path) || startupWait(usage, h)) continue
      const lines = usage.lines(h.path) ?? []
      const near = lines.slice(Math.max(0, h.line - 1 - WAIT_WINDOW), h.line + WAIT_WINDOW)
      if (!near.some((l) => shape.waits.some((w) => l.includes(w)))) continue
      seen.add(h.path)
      add(h, 'hand-rolled retry with a wait')
      if (own.length >= 3) break
    }
  }
  for (const h of usage.grep(HOME_GROWN_BREAKER_TOKENS, { limit: 3 })) add(h, 'home-grown circuit breaker')
  return [...own, ...client].slice(0, Math.max(3, own.length))
}

export function collectResilience(manifests: ManifestFacts, usage: UsageFacts, extraPackages: readonly string[]): ResilienceFacts {
  const frontEnd = frontEndReader(manifests, usage)
  const libraries: LibFinding[] = []
  for (const sig of [...RESILIENCE_LIBS, ...genericSignatures(extraPackages)]) {
    const found = libraryFinding(sig, manifests, usage, frontEnd)
    if (found) libraries.push(found)
  }
  // A library that protects a call (in the service or only its front end) decides the check: the fallbacks are not read.
  if (libraries.some((f) => f.real.length > 0 || f.frontEnd.length > 0)) return { libraries }
  return { libraries, fallbacks: { jobRetries: jobRetries(manifests, usage), handRolled: handRolled(usage, frontEnd) } }
}
