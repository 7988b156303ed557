import type { Dependency } from './types.js'
import { splitLines } from './text.js'

/** Lines of one dependency tuple read for its options (`only:`, `runtime:`). */
const TUPLE_LINES = 6

/**
 * `mix.exs` dependencies, line by line (the file is Elixir code: it is never evaluated). Inside
 * the `deps` function (or the whole file when there is none), every line opening a tuple
 * `{:name, …}` is a dependency; `only: [:dev, :test]` without `:prod`, or `runtime: false`
 * (build tools such as credo, dialyxir, sobelow), makes it a development dependency. An umbrella
 * project's `apps_path: "apps"` is returned as a workspace glob.
 */
export function parseMixExs(path: string, text: string): { deps: Dependency[]; workspaces?: string[] } {
  const lines = splitLines(text)
  let from = 0
  let to = lines.length
  const start = lines.findIndex((l) => /^\s*defp?\s+deps\b/.test(l))
  if (start >= 0) {
    const indent = /^\s*/.exec(lines[start]!)![0].length
    from = start + 1
    for (let i = from; i < lines.length; i++) {
      const m = /^(\s*)end\b/.exec(lines[i]!)
      if (m && m[1]!.length === indent) {
        to = i
        break
      }
    }
  }
  const deps: Dependency[] = []
  for (let i = from; i < to; i++) {
    const t = lines[i]!.trim()
    if (t.startsWith('#')) continue
    const m = /^\[?\s*\{\s*:([a-z_][a-z0-9_]*)\s*,?(.*)$/.exec(t)
    if (!m) continue
    let opts = m[2]!
    for (let k = i + 1; k < Math.min(to, i + TUPLE_LINES) && !opts.includes('}'); k++) opts += ' ' + lines[k]!.trim()
    const only = /only:\s*(\[[^\]]*\]|:[a-z_]+)/.exec(opts)?.[1]
    const dev = (only !== undefined && !only.includes(':prod')) || /runtime:\s*false/.test(opts)
    const spec = /^\s*"([^"]{1,60})"/.exec(opts)?.[1]
    deps.push({ name: m[1]!, ecosystem: 'elixir', manifest: path, line: i + 1, dev, ...(spec ? { spec } : {}) })
  }
  const apps = /apps_path:\s*"([^"]{1,100})"/.exec(text)?.[1]
  return { deps, ...(apps ? { workspaces: [`${apps}/*`] } : {}) }
}
