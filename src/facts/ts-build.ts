import { filesWhere } from './recording-snapshot.js'
import { isExcluded, isVendored } from './excluded.js'
import { basename, dirname } from './paths.js'
import type { Snapshot } from './snapshot.js'

/**
 * Settings that make a TypeScript build skip its type check, so the build no longer proves the
 * types: Next.js `typescript: { ignoreBuildErrors: true }` in `next.config.*`, and a NestJS
 * `nest-cli.json` whose `compilerOptions.builder` is `swc` without `typeCheck: true`. Read as text
 * (a config module is never run), one entry per file that sets one.
 *
 * Traps: `ignoreBuildErrors: false` and a commented-out line keep the check; `builder: "tsc"` (the
 * default) and `"webpack"` type-check.
 */

export interface TypeCheckSkip {
  readonly path: string
  readonly line?: number
  /** The build whose type check is skipped. */
  readonly build: 'next build' | 'nest build'
  /** The setting as written. */
  readonly setting: string
}

const NEXT_CONFIG = /^next\.config\.(js|mjs|cjs|ts|mts)$/
const NEST_CONFIG = new Set(['nest-cli.json', '.nestcli.json'])

function listed(path: string): boolean {
  const name = basename(path)
  return (NEXT_CONFIG.test(name) || NEST_CONFIG.has(name)) && !isVendored(path) && !isExcluded(path)
}

function nextSkip(path: string, text: string): TypeCheckSkip | undefined {
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim()
    if (t.startsWith('//') || t.startsWith('*')) continue
    if (/\bignoreBuildErrors\s*:\s*true\b/.test(t)) return { path, line: i + 1, build: 'next build', setting: 'typescript.ignoreBuildErrors: true' }
  }
  return undefined
}

function nestSkip(path: string, text: string): TypeCheckSkip | undefined {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  const opts = (json as { compilerOptions?: { builder?: unknown; typeCheck?: unknown } } | null)?.compilerOptions
  const builder = opts?.builder
  const type = typeof builder === 'string' ? builder : (builder as { type?: unknown } | undefined)?.type
  if (type !== 'swc' || opts?.typeCheck === true) return undefined
  const at = text.split('\n').findIndex((l) => l.includes('"builder"'))
  return { path, ...(at >= 0 ? { line: at + 1 } : {}), build: 'nest build', setting: 'compilerOptions.builder: swc without typeCheck' }
}

export function collectTypeCheckSkips(snapshot: Snapshot): TypeCheckSkip[] {
  const out: TypeCheckSkip[] = []
  for (const path of filesWhere(snapshot, listed).slice(0, 200)) {
    const text = snapshot.text(path)
    if (text === undefined) continue
    const skip = NEST_CONFIG.has(basename(path)) ? nestSkip(path, text) : nextSkip(path, text)
    if (skip) out.push(skip)
  }
  return out
}

/** The skip that applies to a build run in `cwd`: the nearest config at or above it. */
export function skipFor(skips: readonly TypeCheckSkip[], build: TypeCheckSkip['build'], cwd: string): TypeCheckSkip | undefined {
  let best: TypeCheckSkip | undefined
  let bestLen = -1
  for (const s of skips) {
    if (s.build !== build) continue
    const dir = dirname(s.path)
    if ((dir === '' || cwd === dir || cwd.startsWith(dir + '/')) && dir.length > bestLen) {
      best = s
      bestLen = dir.length
    }
  }
  return best
}
