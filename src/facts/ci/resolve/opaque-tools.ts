import { emit, type Ctx, type Site } from './engine.js'

/**
 * Commands whose real work Shipshape cannot follow from the repository's files, so a practice
 * they may do becomes `unknown` rather than `fail`: Dagger functions (a pipeline written as code
 * in a Dagger module) and Buildkite pipelines uploaded at run time. DATA: one row per command.
 * `dagger run <cmd>` is a wrapper (wrappers.ts), not opaque: the command is right there.
 */

interface OpaqueTool {
  /** argv prefix (after wrappers), compared word by word. */
  readonly argv: readonly string[]
  readonly why: string
}

const DAGGER = 'a Dagger pipeline: its steps are code in a Dagger module that Shipshape does not follow'

export const OPAQUE_TOOLS: readonly OpaqueTool[] = [
  { argv: ['dagger', 'call'], why: DAGGER },
  { argv: ['dagger', 'do'], why: DAGGER },
  { argv: ['dagger', 'shell'], why: DAGGER },
  { argv: ['dagger', 'query'], why: DAGGER },
  { argv: ['dagger', 'up'], why: DAGGER },
  { argv: ['buildkite-agent', 'pipeline', 'upload'], why: 'a Buildkite pipeline uploaded at run time, whose steps are not in the repository as written' }
]

export function resolveOpaqueTool(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const positional = argv.filter((w, i) => i === 0 || !w.startsWith('-'))
  const row = OPAQUE_TOOLS.find((t) => t.argv.every((w, i) => positional[i] === w))
  if (row === undefined) return false
  emit(ctx, argv, site, { opaque: row.why })
  return true
}
