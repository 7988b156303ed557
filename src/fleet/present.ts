import type { Fleet, FleetRepo } from './types.js'

/**
 * Presentation facts shared by the Markdown and HTML renderers: how a change reads, the order
 * repositories are listed in, what the headline says. Pure and format-free.
 */

/** `+3`, `−2`, `±0`, or null when there is nothing to compare. */
export function signed(n: number | null): string | null {
  if (n === null) return null
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0'
}

/** Words for a change, for screen readers and Markdown: "up 3", "down 2", "unchanged". */
export function changeWords(n: number | null): string | null {
  if (n === null) return null
  return n > 0 ? `up ${n}` : n < 0 ? `down ${-n}` : 'unchanged'
}

/** Lowest score first (what needs attention), unscored after scored, then by name. */
export function worstFirst(a: FleetRepo, b: FleetRepo): number {
  const sa = a.score ?? Infinity
  const sb = b.score ?? Infinity
  if (sa !== sb) return sa < sb ? -1 : 1
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
}

export const STATE_LABEL = { ok: 'reported', missing: 'missing', unreadable: 'unreadable', 'other-schema': 'other schema version' } as const

/** The repositories without a usable report, in name order. */
export function problems(fleet: Fleet): FleetRepo[] {
  return fleet.repos.filter((r) => r.state !== 'ok')
}

export function plural(n: number, one: string, many: string = one + 's'): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}

/** "2 without a usable report (1 missing, 1 unreadable)", or null when every report was used. */
export function problemLine(fleet: Fleet): string | null {
  const s = fleet.summary.byState
  const bad = s.missing + s.unreadable + s['other-schema']
  if (bad === 0) return null
  const parts = [s.missing > 0 ? `${s.missing} missing` : null, s.unreadable > 0 ? `${s.unreadable} unreadable` : null, s['other-schema'] > 0 ? `${s['other-schema']} of another schema version` : null].filter(Boolean)
  return `${plural(bad, 'repository', 'repositories')} without a usable report (${parts.join(', ')})`
}

/** "the previous run (2026-05-01)" or "the previous run". */
export function previousName(fleet: Fleet): string {
  const at = fleet.previous?.generatedAt
  return at ? `the previous run (${at.slice(0, 10)})` : 'the previous run'
}
