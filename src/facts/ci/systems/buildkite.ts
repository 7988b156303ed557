import { basename } from '../../paths.js'
import type { ActionRef, ChainLink, CiJob, CiStep, CiTriggers } from '../types.js'
import { get, isMap, itemLine, list, str, strings, truthy, type YamlMap } from '../../parse/yaml.js'
import { joinedScript, link, MAX_INCLUDE_DEPTH, readYaml, restrict, stringMap, triggers, unescapeDollars, workDir, type ParseContext } from './common.js'
import { ALL_KINDS, BRANCH_KINDS, comparison, evaluate, exactly, narrow, onlyIn, type BuildKind, type Possible } from './condition.js'
import { substituteEnv } from './github-env.js'

/**
 * Buildkite (`.buildkite/pipeline.yml`, or `buildkite.yml` at the root). Every command step is a
 * job: `command`/`commands` (a string or a list), `label`, `key`, `if:`, `branches:`,
 * `soft_fail`, `skip`, `plugins` (recorded as `uses` steps named `buildkite-plugin:<name>`, so a
 * docker-compose `build:` can count as an image build), inside `group:`s too. `wait`, `block` and
 * `input` steps run nothing; a `trigger:` step starts another pipeline whose steps are not here.
 * A step running `buildkite-agent pipeline upload <file>` has that file's steps inlined; an
 * upload of generated YAML is opaque (the resolver says so).
 *
 * Triggers are not in the YAML: which events build is a setting of the Buildkite pipeline. Its
 * default for a GitHub repository builds branch pushes and pull requests, so the main pipeline
 * file is read with that default, narrowed by each step's `if:` and `branches:`. Other pipeline
 * files in `.buildkite/` (not uploaded by the main one) belong to other Buildkite pipelines whose
 * settings we cannot see: their triggers are marked as set outside the repository.
 */

const MAIN = new Set(['.buildkite/pipeline.yml', '.buildkite/pipeline.yaml', 'buildkite.yml', 'buildkite.yaml'])
const DEFAULT: CiTriggers = triggers({ pullRequest: true, push: true }, ['push', 'pull_request'])
const OUTSIDE: CiTriggers = triggers({ push: true }, ['pipeline settings'], { outside: 'the Buildkite pipeline that runs this file, and its triggers, are set in Buildkite, not in the repository' })
const UPLOAD = /^\s*buildkite-agent\s+pipeline\s+upload\s+(?:--\S+\s+)*([\w./-]+\.ya?ml)\s*$/

interface Scope {
  readonly path: string
  readonly triggers: CiTriggers
  readonly env: ReadonlyMap<string, readonly string[]>
  readonly group?: string
  readonly via: readonly ChainLink[]
  readonly stack: readonly string[]
}

export function parseBuildkite(ctx: ParseContext, paths: readonly string[]): CiJob[] {
  const docs = new Map<string, unknown>()
  for (const p of paths) {
    const doc = readYaml(ctx, p)
    if (doc !== undefined) docs.set(p, doc)
  }
  const uploaded = new Set<string>()
  for (const doc of docs.values()) for (const f of uploads(doc)) uploaded.add(f)
  const parser = new BuildkiteParser(ctx, docs)
  const out: CiJob[] = []
  for (const [path, doc] of docs) {
    if (!MAIN.has(path) && uploaded.has(path)) continue
    if (!MAIN.has(path) && !isPipeline(doc)) continue
    out.push(...parser.pipeline(path, doc, MAIN.has(path) ? DEFAULT : OUTSIDE, [], [path]))
  }
  return out
}

function isPipeline(doc: unknown): boolean {
  return Array.isArray(doc) || (isMap(doc) && Array.isArray(get(doc, 'steps')))
}

/** Files a pipeline uploads with a literal `buildkite-agent pipeline upload <file>`. */
function uploads(doc: unknown): string[] {
  const out: string[] = []
  const walk = (steps: unknown, depth: number): void => {
    if (depth > MAX_INCLUDE_DEPTH) return
    for (const s of list(steps)) {
      if (!isMap(s)) continue
      if (get(s, 'group') !== undefined) walk(get(s, 'steps'), depth + 1)
      for (const c of strings(get(s, 'command') ?? get(s, 'commands'))) {
        const m = UPLOAD.exec(c)
        if (m) out.push(m[1]!.replace(/^\.\//, ''))
      }
    }
  }
  walk(isMap(doc) ? get(doc, 'steps') : doc, 0)
  return out
}

class BuildkiteParser {
  constructor(
    private readonly ctx: ParseContext,
    private readonly docs: ReadonlyMap<string, unknown>
  ) {}

  pipeline(path: string, doc: unknown, t: CiTriggers, via: readonly ChainLink[], stack: readonly string[]): CiJob[] {
    const env = new Map<string, readonly string[]>()
    for (const [k, v] of Object.entries(stringMap(get(doc, 'env')))) if (!v.includes('\n')) env.set(k, [v])
    const steps = isMap(doc) ? get(doc, 'steps') : doc
    if (!Array.isArray(steps)) {
      this.ctx.problems.push({ path, line: 1, message: 'Buildkite pipeline has no `steps:` list' })
      return []
    }
    return this.steps({ path, triggers: t, env, via, stack }, steps, 0)
  }

  private steps(scope: Scope, node: readonly unknown[], depth: number): CiJob[] {
    if (depth > MAX_INCLUDE_DEPTH) return []
    return node.flatMap((s, i): CiJob[] => {
      const line = itemLine(node, i)
      if (!isMap(s)) return []
      const t = stepTriggers(s, scope.triggers)
      const group = str(get(s, 'group'))
      if (group !== undefined || (get(s, 'steps') !== undefined && get(s, 'command') === undefined)) {
        return this.steps({ ...scope, triggers: t, group: group ?? scope.group ?? 'group' }, list(get(s, 'steps')), depth + 1)
      }
      const trigger = str(get(s, 'trigger'))
      if (trigger !== undefined) return [this.job(scope, s, line, t, [{ loc: link(scope.path, line, `trigger: ${trigger}`), uses: { raw: trigger, name: `buildkite-trigger:${trigger.toLowerCase()}`, with: {}, local: false }, canFail: false, disabled: null, via: [], opaque: `it starts the Buildkite pipeline ${trigger}, whose steps are not in this repository` }])]
      const commands = get(s, 'command') ?? get(s, 'commands')
      if (commands === undefined && get(s, 'plugins') === undefined) return []
      const inlined = this.upload(scope, commands, joinedScript(s, get(s, 'command') !== undefined ? 'command' : 'commands')?.line ?? line, t, depth)
      if (inlined !== undefined) return inlined
      return [this.job(scope, s, line, t, this.commandSteps(scope, s, line))]
    })
  }

  /** A step that only uploads a pipeline file of the repository: that file's steps, run like its own. */
  private upload(scope: Scope, commands: unknown, line: number | undefined, t: CiTriggers, depth: number): CiJob[] | undefined {
    const items = strings(commands)
    const m = items.length === 1 ? UPLOAD.exec(items[0]!) : null
    if (!m) return undefined
    const file = m[1]!.replace(/^\.\//, '')
    const doc = this.docs.get(file) ?? (scope.stack.includes(file) ? undefined : readYaml(this.ctx, file, link(scope.path, line, items[0]!)))
    if (doc === undefined || scope.stack.includes(file) || depth >= MAX_INCLUDE_DEPTH) return undefined
    return this.pipeline(file, doc, t, [...scope.via, link(scope.path, line, items[0]!)], [...scope.stack, file])
  }

  private commandSteps(scope: Scope, s: YamlMap, line: number | undefined): CiStep[] {
    const env = new Map(scope.env)
    for (const [k, v] of Object.entries(stringMap(get(s, 'env')))) if (!v.includes('\n')) env.set(k, [v])
    for (const [k, vs] of matrixVars(get(s, 'matrix'))) env.set(k, vs)
    const soft = get(s, 'soft_fail')
    const canFail = truthy(soft) || (Array.isArray(soft) && soft.length > 0)
    const skip = get(s, 'skip')
    const disabled = skip === true || (typeof skip === 'string' && skip.trim() !== '' && skip !== 'false') ? 'skip' : null
    const base = { canFail, disabled, via: [] as ChainLink[] }
    const out: CiStep[] = []
    const joined = joinedScript(s, get(s, 'command') !== undefined ? 'command' : 'commands')
    if (joined !== undefined) {
      const run = substituteEnv(unescapeDollars(joined.script.replace(/\{\{\s*matrix(?:\.([\w-]+))?\s*\}\}/g, (_, k: string | undefined) => '${' + matrixName(k) + '}')), env)
      out.push({ ...base, loc: link(scope.path, joined.line ?? line, joined.script), run, ...(joined.line !== undefined ? { runLine: joined.line } : {}) })
    }
    const plugins = get(s, 'plugins')
    list(plugins).forEach((p, i) => {
      const entries: [string, unknown][] = typeof p === 'string' ? [[p, {}]] : isMap(p) ? Object.entries(p) : []
      for (const [raw, cfg] of entries) out.push({ ...base, loc: link(scope.path, Array.isArray(plugins) ? itemLine(plugins, i) : line, `plugin: ${raw}`), uses: pluginRef(raw, cfg) })
    })
    return out
  }

  private job(scope: Scope, s: YamlMap, line: number | undefined, t: CiTriggers, steps: CiStep[]): CiJob {
    const label = str(get(s, 'label')) ?? str(get(s, 'name')) ?? str(get(s, 'key')) ?? str(get(s, 'trigger')) ?? basename(scope.path)
    const name = scope.group !== undefined ? `${scope.group} / ${label}` : label
    const image = str(get(get(s, 'agents'), 'image'))
    const docker = list(get(s, 'plugins')).flatMap((p) => (isMap(p) ? Object.entries(p) : [])).filter(([k]) => /^docker#|^docker$/.test(k)).flatMap(([, v]) => strings(get(v, 'image')))
    const wd = workDir(get(s, 'working_directory'))
    return {
      system: 'buildkite',
      file: scope.path,
      ...(line !== undefined ? { line } : {}),
      id: str(get(s, 'key')) ?? str(get(s, 'id')) ?? label,
      name,
      triggers: t,
      disabled: null,
      canFail: false,
      steps,
      images: [...(image ? [substituteEnv(image, scope.env)] : []), ...docker],
      services: [],
      via: scope.via,
      ...(wd !== undefined ? { workingDirectory: wd } : {})
    }
  }
}

/** `docker-compose#v4.1.0` → `buildkite-plugin:docker-compose`; `elastic/vault-docker-login#v0.6.0` keeps its owner. */
function pluginRef(raw: string, cfg: unknown): ActionRef {
  const hash = raw.indexOf('#')
  const base = (hash > 0 ? raw.slice(0, hash) : raw)
    .replace(/^https?:\/\/github\.com\//, '')
    .replace(/^github\.com\//, '')
    .replace(/^buildkite-plugins\//, '')
    .replace(/-buildkite-plugin$/, '')
  const withValues: Record<string, string> = isMap(cfg) ? stringMap(cfg) : {}
  if (isMap(cfg)) for (const [k, v] of Object.entries(cfg)) if (withValues[k] === undefined && v !== null && v !== undefined && v !== false) withValues[k] = strings(v).join(',') || 'true'
  return { raw, name: `buildkite-plugin:${base.toLowerCase()}`, ...(hash > 0 ? { version: raw.slice(hash + 1) } : {}), with: withValues, local: false }
}

function matrixName(key: string | undefined): string {
  return key === undefined ? '__BK_MATRIX' : `__BK_MATRIX_${key.replace(/-/g, '_')}`
}

/** `matrix: [a, b]` or `matrix: {setup: {os: [...]}}` as variables `{{matrix}}` and `{{matrix.os}}` read. */
function matrixVars(m: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>()
  if (Array.isArray(m)) {
    const vs = strings(m).slice(0, 8)
    if (vs.length > 0) out.set(matrixName(undefined), vs)
  }
  const setup = get(m, 'setup')
  if (Array.isArray(setup)) out.set(matrixName(undefined), strings(setup).slice(0, 8))
  else if (isMap(setup)) for (const [k, v] of Object.entries(setup)) out.set(matrixName(k), strings(v).slice(0, 8))
  return out
}

/** A step's `if:` and `branches:` applied to the pipeline's triggers. */
function stepTriggers(s: YamlMap, t: CiTriggers): CiTriggers {
  let out = t
  const cond = str(get(s, 'if'))
  if (cond !== undefined) out = narrow(out, evaluate(cond, readBuildkiteAtom))
  const branches = str(get(s, 'branches'))?.trim().split(/\s+/)
  // A branch filter matches the PR's head branch on pull requests: only a catch-all keeps them.
  if (branches !== undefined && branches.some((b) => !b.startsWith('!')) && !branches.includes('*')) out = restrict(out, { pullRequest: false })
  return out
}

/** One atom of a Buildkite `if:` (build.* attributes). */
function readBuildkiteAtom(atom: string): Possible | undefined {
  const a = atom.trim()
  if (a === 'build.pull_request.draft' || a === 'build.pull_request.id') return onlyIn(['pr'])
  const c = comparison(a)
  if (c === undefined) return undefined
  const empty = c.value === ''
  switch (c.name) {
    case 'build.pull_request.id':
    case 'build.pull_request.base_branch':
    case 'build.pull_request.repository':
      return empty ? (c.op === '!=' ? exactly(['pr']) : c.op === '==' ? exactly([...ALL_KINDS].filter((k) => k !== 'pr')) : undefined) : c.op === '==' || c.op === '=~' ? onlyIn(['pr']) : undefined
    case 'build.tag':
      return empty ? (c.op === '!=' ? exactly(['tag']) : c.op === '==' ? exactly([...ALL_KINDS].filter((k) => k !== 'tag')) : undefined) : c.op === '==' || c.op === '=~' ? onlyIn(['tag']) : undefined
    case 'build.branch':
      // On a pull request build.branch is the PR's head branch: a fixed branch means branch builds.
      return c.op === '==' && !empty ? onlyIn([...BRANCH_KINDS, 'tag']) : undefined
    case 'build.source': {
      const kinds = SOURCES[c.value]
      if (kinds === undefined) return undefined
      return c.op === '==' ? exactly(kinds) : c.op === '!=' ? exactly([...ALL_KINDS].filter((k) => !kinds.includes(k))) : undefined
    }
    default:
      return undefined
  }
}

const SOURCES: Readonly<Record<string, BuildKind[]>> = {
  schedule: ['schedule'],
  webhook: ['pr', 'push', 'tag'],
  ui: ['manual'],
  api: ['manual'],
  trigger_job: ['manual']
}
