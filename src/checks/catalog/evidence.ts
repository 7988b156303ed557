import type { ChainLink } from '../../facts/ci/types.js'
import type { Evidence } from '../types.js'

/**
 * One way to turn a CI evidence chain into an evidence item, shared by every CI-practice check so
 * users learn one format. The item points at the first link (the CI file a reviewer opens first),
 * so its message starts at that link's text and says the chain once: `make lint → Makefile:3
 * flake8 src` at `.github/workflows/ci.yml:14`, never the path or the command twice.
 */

const MAX_LINK_TEXT = 80
const MAX_MESSAGE = 400

function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim()
  return one.length > max ? one.slice(0, max - 1) + '…' : one
}

export function formatLink(link: ChainLink): string {
  const where = link.line ? `${link.path}:${link.line}` : link.path
  const text = clip(link.text, MAX_LINK_TEXT)
  return text ? `${where} ${text}` : where
}

export function formatChain(chain: readonly ChainLink[]): string {
  return chain.map(formatLink).join(' → ')
}

/**
 * Evidence for a command or action reached through `chain`, with an optional qualifier. The
 * subject is named only when the chain's last link does not already show it (a `uses:` line shows
 * its action; `run: npm test` followed to its script shows the script's command).
 */
export function chainEvidence(subject: string, chain: readonly ChainLink[], qualifier?: string): Evidence {
  const head = chain[0]
  const what = clip(subject, MAX_LINK_TEXT)
  const last = chain[chain.length - 1]
  // A link at the same place as the one before (a step's line, then the command on it) says only what is new.
  const rest = chain.slice(1).flatMap((l, i) => {
    const prev = chain[i]!
    if (l.path !== prev.path || l.line !== prev.line) return [formatLink(l)]
    return clip(l.text, MAX_LINK_TEXT) === clip(prev.text, MAX_LINK_TEXT) ? [] : [clip(l.text, MAX_LINK_TEXT)]
  })
  const links = [clip(head?.text ?? '', MAX_LINK_TEXT), ...rest].filter(Boolean).join(' → ')
  const shown = last !== undefined && clip(last.text, MAX_LINK_TEXT).includes(what)
  let message = !head ? what : shown ? links : links ? `${links}: ${what}` : what
  if (qualifier) message += ` (${qualifier})`
  message = clip(message, MAX_MESSAGE)
  if (!head) return { message }
  return head.line ? { path: head.path, line: head.line, message } : { path: head.path, message }
}

/** Names joined for a summary: `ruff, mypy and 2 more`. */
export function listNames(names: readonly string[], max = 3): string {
  // `Go compiler` (a config) and `go compiler` (a command) are one name.
  const seen = new Set<string>()
  const unique = names.filter((n) => !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()) !== undefined)
  if (unique.length <= max) return unique.join(', ')
  return `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`
}

/**
 * Picks evidence from groups in priority order, each group capped, the whole capped, without
 * duplicates: the reader sees what decided the status first, then what else was found.
 */
export function pickEvidence(groups: readonly { readonly items: readonly Evidence[]; readonly max: number }[], total = 10): Evidence[] {
  const out: Evidence[] = []
  const seen = new Set<string>()
  for (const group of groups) {
    let taken = 0
    for (const item of group.items) {
      if (out.length >= total || taken >= group.max) break
      const key = `${item.path ?? ''}:${item.line ?? ''}:${item.message}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push(item)
      taken++
    }
  }
  return out
}
