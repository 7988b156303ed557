import { joinPath } from '../../paths.js'
import type { Snapshot } from '../../snapshot.js'
import type { ActionRef, ChainLink, CiJob, CiStep, CiSystem, CiTriggers, ParseProblem } from '../types.js'
import { get, isMap, itemLine, parseYamlFile, str, valueLine } from '../../parse/yaml.js'

/**
 * Small helpers shared by the CI-system parsers: reading a YAML file into a value or a problem,
 * building triggers, links and action references. Parsers return plain CiJob values; resolving
 * the commands inside them is collectCi's business.
 */

/** What a parser needs: the snapshot (for includes, templates, local actions) and a problem sink. */
export interface ParseContext {
  readonly snapshot: Snapshot
  readonly problems: ParseProblem[]
  /** The scanned repository's `owner/name`, when known: a checkout naming it checks out this repository. */
  readonly self?: string
}

/** Reads and parses a YAML file (its first non-empty document); a missing, oversized or malformed file becomes a problem. */
export function readYaml(ctx: ParseContext, path: string, from?: ChainLink): unknown {
  return readYamlDocs(ctx, path, from)?.find((d) => d !== null && d !== undefined) ?? undefined
}

/** Every document of a YAML file, or undefined (with a problem recorded). */
export function readYamlDocs(ctx: ParseContext, path: string, from?: ChainLink): readonly unknown[] | undefined {
  const r = ctx.snapshot.read(path)
  if (r.kind !== 'text') {
    const why = r.kind === 'missing' ? 'not found' : r.kind === 'too-large' ? `too large (${r.size} bytes)` : r.kind === 'binary' ? 'binary' : `unreadable: ${r.message}`
    ctx.problems.push(from ? { path: from.path, ...(from.line ? { line: from.line } : {}), message: `${path} ${why}` } : { path, message: `${path} ${why}` })
    return undefined
  }
  const parsed = parseYamlFile(ctx.snapshot, path)!
  if (!parsed.ok) {
    ctx.problems.push(parsed.problem)
    return undefined
  }
  return parsed.docs
}

type Flags = Pick<CiTriggers, 'pullRequest' | 'push' | 'schedule' | 'manual'>

/** Builds a CiTriggers, leaving out filters that are absent (so exact comparisons stay simple). */
export function triggers(
  flags: Partial<Flags>,
  events: readonly string[],
  filters: { prPaths?: readonly string[] | undefined; prPathsIgnore?: readonly string[] | undefined; prBranches?: readonly string[] | undefined; outside?: string | undefined } = {}
): CiTriggers {
  const t: { -readonly [K in keyof CiTriggers]: CiTriggers[K] } = {
    pullRequest: flags.pullRequest ?? false,
    push: flags.push ?? false,
    schedule: flags.schedule ?? false,
    manual: flags.manual ?? false,
    events: [...new Set(events)]
  }
  if (filters.prPaths !== undefined) t.prPaths = filters.prPaths
  if (filters.prPathsIgnore !== undefined) t.prPathsIgnore = filters.prPathsIgnore
  if (filters.prBranches !== undefined) t.prBranches = filters.prBranches
  if (filters.outside !== undefined) t.outside = filters.outside
  return t
}

/** The same triggers with some kinds switched off (the filters go with the PR flag). */
export function restrict(t: CiTriggers, keep: Partial<Record<keyof Flags, boolean>>): CiTriggers {
  const pullRequest = t.pullRequest && keep.pullRequest !== false
  const filters = pullRequest ? t : t.outside !== undefined ? { outside: t.outside } : {}
  return triggers({ pullRequest, push: t.push && keep.push !== false, schedule: t.schedule && keep.schedule !== false, manual: t.manual && keep.manual !== false }, t.events, filters)
}

export function link(path: string, line: number | undefined, text: string): ChainLink {
  return line === undefined ? { path, text: short(text) } : { path, line, text: short(text) }
}

/** First non-empty line of a text, trimmed to 80 characters, for evidence. */
export function short(text: string): string {
  const first = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? ''
  return first.length > 80 ? first.slice(0, 79) + '…' : first
}

/** `with:`/`inputs:` values as strings (nested values dropped: they are not command text). */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!isMap(v)) return out
  for (const [k, x] of Object.entries(v)) {
    const s = str(x)
    if (s !== undefined) out[k] = s
  }
  return out
}

/**
 * A `uses:`-style reference: `owner/repo/path@ref` (remote: lower-cased name), `./local/path`,
 * `docker://image:tag`. Remote names keep their sub-path (`github/codeql-action/analyze`).
 */
export function actionRef(raw: string, withValues: Record<string, string>): ActionRef {
  const r = raw.trim()
  if (r.startsWith('./') || r.startsWith('../')) return { raw: r, name: r, with: withValues, local: true }
  if (r.startsWith('docker://')) return { raw: r, name: r.toLowerCase(), with: withValues, local: false }
  const at = r.lastIndexOf('@')
  if (at > 0) return { raw: r, name: r.slice(0, at).toLowerCase(), version: r.slice(at + 1), with: withValues, local: false }
  return { raw: r, name: r.toLowerCase(), with: withValues, local: false }
}

/**
 * A working directory as a repo-relative path ('' = root), or undefined when it is absent or
 * computed at run time (`${{ … }}`, `$VAR`).
 */
export function workDir(v: unknown, base = ''): string | undefined {
  const s = str(v)?.trim()
  if (s === undefined || s === '' || s.includes('$')) return undefined
  if (s.startsWith('/')) return undefined
  return joinPath(base, s)
}

/** Caps for following includes, templates, composite actions and reusable workflows. */
export const MAX_INCLUDE_DEPTH = 8
export const MAX_INCLUDED_FILES = 100

/**
 * A container image used as a step (a Woodpecker or Drone plugin, a Cloud Build builder): named
 * like an action, without registry `docker.io/`, `library/`, tag or digest
 * (`docker.io/woodpeckerci/plugin-docker-buildx:6` → `woodpeckerci/plugin-docker-buildx`).
 */
export function imageRef(image: string, withValues: Record<string, string>): ActionRef {
  const raw = image.trim()
  let name = raw.replace(/@sha256:[0-9a-f]+$/i, '')
  const slash = name.lastIndexOf('/')
  const colon = name.lastIndexOf(':')
  if (colon > slash) name = name.slice(0, colon)
  name = name.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//i, '').replace(/^library\//, '')
  const version = colon > slash ? raw.slice(colon + 1) : undefined
  return { raw, name: name.toLowerCase(), ...(version ? { version } : {}), with: withValues, local: false }
}

/** `$$` is how Drone, Woodpecker and Cloud Build escape a literal `$` from their own substitution. */
export function unescapeDollars(script: string): string {
  return script.includes('$$') ? script.replace(/\$\$/g, '$') : script
}

/**
 * A CI configuration whose pipelines are generated at run time (Starlark, Jsonnet): one job with
 * one step standing for the whole file, opaque, so practices it may cover become `unknown`.
 */
export function opaqueConfig(system: CiSystem, path: string, why: string): CiJob {
  const loc = link(path, 1, path)
  const step: CiStep = { loc, uses: { raw: path, name: path, with: {}, local: false }, canFail: false, disabled: null, via: [], opaque: why }
  return { system, file: path, line: 1, id: path, name: path, triggers: triggers({ pullRequest: true, push: true }, ['push', 'pull_request']), disabled: null, canFail: false, steps: [step], images: [], services: [], via: [], opaque: why }
}

/**
 * A `commands:` list that runs as one shell script (Woodpecker, Drone, Buildkite, Cirrus,
 * Semaphore, CodeBuild): the items joined, each placed at its own line so that line numbers inside
 * the script stay those of the file (and a `git diff` item still follows the generator item before
 * it). A lone string is its own script. Undefined when there is no command.
 */
export function joinedScript(holder: unknown, key: string): { script: string; line: number | undefined } | undefined {
  const node = get(holder, key)
  const single = str(node)
  if (single !== undefined) return single.trim() === '' ? undefined : { script: single, line: valueLine(holder, key) }
  if (!Array.isArray(node)) return undefined
  const items = node.flatMap((x, i) => {
    const s = str(x)
    return s === undefined || s.trim() === '' ? [] : [{ text: s, line: itemLine(node, i) }]
  })
  if (items.length === 0) return undefined
  const first = items[0]!.line
  const out: string[] = []
  for (const it of items) {
    if (first !== undefined && it.line !== undefined) while (out.length < it.line - first) out.push('')
    out.push(...it.text.replace(/\n$/, '').split('\n'))
  }
  return { script: out.join('\n'), line: first }
}
