import { splitLines } from './text.js'
import type { Dependency } from './types.js'

const DEV_GROUPS = new Set(['development', 'test', 'dev', 'ci', 'lint'])

function groupsOf(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(/:([a-z_]+)|["']([a-z_]+)["']/g)) out.push(m[1] ?? m[2]!)
  return out
}

/**
 * `Gemfile` `gem "x"` lines; gems inside `group :development, :test do … end` (or with an inline
 * `group:` option) are dev. `require: false` is kept: Bundler.require does not load such a gem,
 * so only an explicit `require` uses it.
 */
export function parseGemfile(path: string, text: string): Dependency[] {
  const deps: Dependency[] = []
  const lines = splitLines(text)
  /** One entry per open `do … end` block: whether it is a dev-only group. */
  const blocks: boolean[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/#.*$/, '').trim()
    if (!line) continue
    if (line.startsWith('group ') && /\sdo$/.test(line)) {
      const names = groupsOf(line.slice(6, -3))
      blocks.push(names.length > 0 && names.every((n) => DEV_GROUPS.has(n)))
      continue
    }
    if (/\bdo(\s*\|[^|]*\|)?$/.test(line)) {
      blocks.push(false)
      continue
    }
    if (line === 'end') {
      blocks.pop()
      continue
    }
    const gem = /^gem\s*\(?\s*["']([^"']+)["']\s*(.*)$/.exec(line)
    if (!gem) continue
    const opts = gem[2]!
    let dev = blocks.some((b) => b)
    const inline = /\bgroups?:\s*(\[[^\]]*\]|:[a-z_]+|["'][a-z_]+["'])/.exec(opts)
    if (inline) {
      const names = groupsOf(inline[1]!)
      if (names.length > 0 && names.every((n) => DEV_GROUPS.has(n))) dev = true
    }
    const spec = /^,\s*["']([^"']+)["']/.exec(opts)?.[1]
    const noRequire = /\brequire:\s*false\b|:require\s*=>\s*false\b/.test(opts)
    deps.push({ name: gem[1]!, ecosystem: 'ruby', manifest: path, line: i + 1, dev, ...(spec ? { spec } : {}), ...(noRequire ? { noAutoRequire: true } : {}) })
  }
  return deps
}
