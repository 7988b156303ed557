import type { ToolRun } from '../../facts/ci/types.js'
import type { CheckContext } from '../types.js'
import type { ConfigHit } from './ecosystem.js'
import { formatChain } from './evidence.js'
import { judgeRun, NOT_A_RUN, type Catalogue } from './match.js'

/**
 * "Configured, not run in CI": a practice's tool that the repository sets up without any CI job
 * running it — declared in a task runner (a Makefile target, a package.json script, a tox env, a
 * nox session, a just recipe) or installed as a dependency (`gem 'brakeman'` in the development
 * group). Both become configuration hits with their evidence, next to the configuration files.
 *
 * Traps: only signatures that count for the practice do (`mypy --version`, a `related` dependency
 * scanner, a setup-only action do not); a tool CI runs anyway is judged from CI, so these hits
 * only matter when CI runs nothing for the practice.
 */

/** Hits per kind: the evidence names a few, the summary lists the tools. */
const MAX_HITS = 6

/** Dependencies on the catalogue's packages. */
export function installedTools(ctx: CheckContext, catalogue: Catalogue): ConfigHit[] {
  const sigs = catalogue.packages ?? []
  if (sigs.length === 0) return []
  const out: ConfigHit[] = []
  const seen = new Set<string>()
  for (const m of ctx.facts.manifests.manifests) {
    for (const d of m.dependencies) {
      const sig = d.own ? undefined : sigs.find((s) => s.ecosystem === d.ecosystem && s.names.includes(d.name))
      if (!sig || seen.has(sig.tool)) continue
      seen.add(sig.tool)
      const kind = d.dev ? 'a development dependency' : 'a dependency'
      out.push({ tool: sig.tool, evidence: { path: d.manifest, ...(d.line !== undefined ? { line: d.line } : {}), message: `${sig.tool} is installed as ${kind} (\`${d.name}\`), and no CI job runs it` } })
      if (out.length >= MAX_HITS) return out
    }
  }
  return out
}

/** Every `path:line` some CI run passes through. */
function reachedLines(runs: readonly ToolRun[]): ReadonlySet<string> {
  const reached = new Set<string>()
  for (const r of runs) if (r.where === 'ci') for (const l of r.chain) reached.add(`${l.path}:${l.line ?? ''}`)
  return reached
}

/**
 * Commands the task runners declare that do the practice's job, and that no CI job reaches (a
 * declaration CI runs is judged from CI). `veto` is the check's own reason a run does not do the
 * job after all (a `next build` with `ignoreBuildErrors`).
 */

export function declaredTools(ctx: CheckContext, catalogue: Catalogue, veto?: (run: { readonly cwd: string }, tool: string) => string | undefined): ConfigHit[] {
  const declared = ctx.facts.declared
  if (declared.length === 0) return []
  const reached = reachedLines(ctx.facts.ci.runs)
  const out: ConfigHit[] = []
  const seen = new Set<string>()
  for (const run of declared) {
    const v = judgeRun(catalogue.commands, run)
    if (!v || (v.signature.kind ?? 'counts') !== 'counts' || v.blockedBy?.startsWith(NOT_A_RUN)) continue
    const last = run.chain[run.chain.length - 1]
    if ((last && reached.has(`${last.path}:${last.line ?? ''}`)) || veto?.(run, v.signature.tool) !== undefined) continue
    const head = run.chain[0]
    const key = `${v.signature.tool}\0${head?.path ?? ''}`
    if (head === undefined || seen.has(key)) continue
    seen.add(key)
    out.push({
      tool: v.signature.tool,
      evidence: { path: head.path, ...(head.line !== undefined ? { line: head.line } : {}), message: `${v.signature.tool} is declared in a task runner, and no CI job runs it: ${formatChain(run.chain)}` }
    })
    if (out.length >= MAX_HITS) break
  }
  return out
}
