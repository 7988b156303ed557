import type { ParseProblem } from '../ci/types.js'
import { splitLines } from './text.js'
import type { Dependency } from './types.js'

/**
 * `go.mod` direct requirements: `require x v` lines and `require ( … )` blocks, minus
 * `// indirect`. Every other directive (module, go, toolchain, replace, exclude, retract, tool,
 * godebug, unknown future ones) and its block is skipped, never an error.
 */
export function parseGoMod(path: string, text: string, problems: ParseProblem[]): Dependency[] {
  const deps: Dependency[] = []
  const lines = splitLines(text)
  let block: string | null = null
  let blockStart = 0
  const add = (spec: string, lineNo: number): void => {
    const comment = spec.indexOf('//')
    const indirect = comment >= 0 && /^\/\/\s*indirect\b/.test(spec.slice(comment).trim())
    const body = (comment >= 0 ? spec.slice(0, comment) : spec).trim()
    if (!body || indirect) return
    const parts = body.split(/\s+/)
    const mod = parts[0]!.replace(/^"|"$/g, '')
    if (!mod) return
    deps.push({ name: mod, ecosystem: 'go', manifest: path, line: lineNo, dev: false, ...(parts[1] ? { spec: parts[1] } : {}) })
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim()
    if (block !== null) {
      if (line.startsWith(')')) {
        block = null
        continue
      }
      if (block === 'require' && line && !line.startsWith('//')) add(line, i + 1)
      continue
    }
    if (!line || line.startsWith('//')) continue
    const m = /^([a-z]+)\s*(.*)$/.exec(line)
    if (!m) continue
    const rest = m[2]!.trim()
    if (rest.startsWith('(')) {
      block = m[1]!
      blockStart = i + 1
      continue
    }
    if (m[1] === 'require') add(rest, i + 1)
  }
  if (block !== null) problems.push({ path, line: blockStart, message: `unterminated ${block} ( … ) block` })
  return deps
}
