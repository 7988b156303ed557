import type { Dependency } from './types.js'
import { splitLines } from './text.js'

/** Lines of one dependency tuple read for its options (`only:`, `runtime:`). */
const TUPLE_LINES = 6

/**
 * `mix.exs` dependencies, line by line (the file is Elixir code: it is never evaluated). Inside
 * the `deps` function (or the whole file when there is none), every line opening a tuple
 * `{:name, …}` is a dependency; `only: [:dev, :test]` without `:prod`, or `runtime: false`
 * (build tools such as credo, dialyxir, sobelow), makes it a development dependency. A helper the
 * list calls (`phoenix_dep(),`) is read too. An umbrella project's `apps_path: "apps"` is returned
 * as a workspace glob.
 */
export function parseMixExs(path: string, text: string): { deps: Dependency[]; workspaces?: string[] } {
  const lines = splitLines(text)
  const deps: Dependency[] = []
  const start = lines.findIndex((l) => /^\s*defp?\s+deps\b/.test(l))
  if (start < 0) readTuples(path, lines, 0, lines.length, deps)
  else {
    const [from, to] = defBlock(lines, start)
    readTuples(path, lines, from, to, deps)
    // A dependency built by a helper (`phoenix_dep(),` returning `{:phoenix, …}` from an if/else).
    const helpers = new Set<string>()
    for (let i = from; i < to; i++) {
      const m = /^\s*\[?\s*([a-z_][a-z0-9_]*)\(\)\s*,?\s*\]?\s*$/.exec(lines[i]!)
      if (m) helpers.add(m[1]!)
    }
    for (const name of [...helpers].slice(0, MAX_HELPERS)) {
      const at = lines.findIndex((l) => new RegExp(`^\\s*defp?\\s+${name}\\b`).test(l))
      if (at < 0) continue
      const [hFrom, hTo] = defBlock(lines, at)
      const seen = new Set(deps.map((d) => d.name))
      readTuples(path, lines, hFrom, hTo, deps, seen)
    }
  }
  const apps = /apps_path:\s*"([^"]{1,100})"/.exec(text)?.[1]
  return { deps, ...(apps ? { workspaces: [`${apps}/*`] } : {}) }
}

/** Helper functions followed from the deps list, at most. */
const MAX_HELPERS = 10

/** Lines [from, to) of the body of the `def`/`defp` on line `start`: up to the `end` at its indentation. */
function defBlock(lines: readonly string[], start: number): [number, number] {
  const indent = /^\s*/.exec(lines[start]!)![0].length
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^(\s*)end\b/.exec(lines[i]!)
    if (m && m[1]!.length === indent) return [start + 1, i]
  }
  return [start + 1, lines.length]
}

/**
 * Every line opening a tuple `{:name, …}` in [from, to) is a dependency (each name once when
 * `seen` is given: a helper's if/else branches declare the same one twice).
 */
function readTuples(path: string, lines: readonly string[], from: number, to: number, deps: Dependency[], seen?: Set<string>): void {
  for (let i = from; i < to; i++) {
    const t = lines[i]!.trim()
    if (t.startsWith('#')) continue
    const m = /^\[?\s*\{\s*:([a-z_][a-z0-9_]*)\s*,?(.*)$/.exec(t)
    if (!m) continue
    if (seen) {
      if (seen.has(m[1]!)) continue
      seen.add(m[1]!)
    }
    let opts = m[2]!
    for (let k = i + 1; k < Math.min(to, i + TUPLE_LINES) && !opts.includes('}'); k++) opts += ' ' + lines[k]!.trim()
    const only = /only:\s*(\[[^\]]*\]|:[a-z_]+)/.exec(opts)?.[1]
    const dev = (only !== undefined && !only.includes(':prod')) || /runtime:\s*false/.test(opts)
    const spec = /^\s*"([^"]{1,60})"/.exec(opts)?.[1]
    deps.push({ name: m[1]!, ecosystem: 'elixir', manifest: path, line: i + 1, dev, ...(spec ? { spec } : {}) })
  }
}
