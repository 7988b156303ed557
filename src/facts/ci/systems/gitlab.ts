import { filesWhere } from '../../recording-snapshot.js'
import { safeMinimatch } from '../../safe-glob.js'
import { joinPath } from '../../paths.js'
import type { ActionRef, ChainLink, CiJob, CiStep, CiTriggers } from '../types.js'
import { fileOf, get, isMap, isReference, itemLine, keyLine, list, str, strings, truthy, valueLine, type YamlMap } from '../../parse/yaml.js'
import { link, MAX_INCLUDE_DEPTH, MAX_INCLUDED_FILES, readYamlDocs, type ParseContext } from './common.js'
import { ALL_SOURCES, evalOnlyExcept, evalRules, sourceEvents, toTriggers, workflowSources, type Source } from './gitlab-rules.js'

/**
 * GitLab CI (`.gitlab-ci.yml`): local includes merged in (recursively, capped), hidden jobs and
 * `extends` deep-merged (cycles guarded), `!reference` tags resolved, `default:` and the old
 * top-level `image`/`before_script`/`after_script` applied, local child pipelines
 * (`trigger: include:`) followed. Includes we cannot read (template, project, component, remote)
 * become a job with one `uses` step named `gitlab-template:…`, `gitlab-project:…`, … so checks can
 * match them.
 */

/** Top-level keys that are not jobs. */
const RESERVED = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'types', 'spec'])

/** Kinds of include whose content we do not have, and the prefix of the action name recording them. */
const REMOTE_INCLUDES: Readonly<Record<string, string>> = {
  template: 'gitlab-template',
  project: 'gitlab-project',
  component: 'gitlab-component',
  remote: 'gitlab-remote'
}

const SECTIONS = ['before_script', 'script', 'after_script'] as const
const MAX_MERGED_ENTRIES = 200_000

interface Origin {
  readonly path: string
  readonly line?: number
  readonly via: readonly ChainLink[]
}

interface RemoteInclude {
  readonly ref: ActionRef
  readonly loc: ChainLink
  readonly via: readonly ChainLink[]
}

/** Which original mapping holds each key of a merged mapping, so lines survive `extends`. */
const owners = new WeakMap<object, ReadonlyMap<string, YamlMap>>()

function ownerOf(map: YamlMap, key: string): YamlMap {
  return owners.get(map)?.get(key) ?? map
}

export function parseGitlab(ctx: ParseContext, path: string): CiJob[] {
  return new GitlabConfig(ctx).load(path, [], [path]).jobs(undefined, [], [path])
}

class GitlabConfig {
  private readonly keys = new Map<string, unknown>()
  private readonly origin = new Map<string, Origin>()
  /** The document that last defined each top-level key (for the lines of global scripts). */
  private readonly holders = new Map<string, YamlMap>()
  private readonly remotes: RemoteInclude[] = []
  private readonly expanded = new Map<string, YamlMap | undefined>()
  private files = 0
  private merged = 0

  constructor(private readonly ctx: ParseContext) {}

  /** Reads a config file and its local includes (depth-first, in order), the file's own keys last. */
  load(path: string, via: readonly ChainLink[], stack: readonly string[], from?: ChainLink): this {
    if (++this.files > MAX_INCLUDED_FILES) return this
    const docs = readYamlDocs(this.ctx, path, from)
    if (docs === undefined) return this
    // A `spec:` header document (component inputs) comes before the configuration.
    const doc = docs.length > 1 && isMap(docs[0]) && get(docs[0], 'spec') !== undefined ? docs[1] : docs.find((d) => d !== null)
    if (doc === undefined || doc === null) return this
    if (!isMap(doc)) {
      this.ctx.problems.push({ path, line: 1, message: 'GitLab CI file is not a YAML mapping' })
      return this
    }
    const include = get(doc, 'include')
    list(include).forEach((item, i) => {
      const line = Array.isArray(include) ? itemLine(include, i) : keyLine(doc, 'include')
      this.include(path, line, item, via, stack)
    })
    for (const [key, value] of Object.entries(doc)) {
      if (key === 'include') continue
      const line = keyLine(doc, key)
      this.keys.set(key, this.keys.has(key) ? this.merge(this.keys.get(key), value) : value)
      this.origin.set(key, { path, ...(line !== undefined ? { line } : {}), via })
      this.holders.set(key, doc)
    }
    return this
  }

  private include(path: string, line: number | undefined, item: unknown, via: readonly ChainLink[], stack: readonly string[]): void {
    const s = str(item)
    const local = s !== undefined ? (/^https?:\/\//.test(s) ? undefined : s) : str(get(item, 'local'))
    if (local !== undefined) {
      const here = link(path, line, `include: ${local}`)
      for (const target of this.localFiles(local)) {
        if (stack.includes(target) || stack.length > MAX_INCLUDE_DEPTH) continue
        this.load(target, [...via, here], [...stack, target], here)
      }
      return
    }
    const entries: [string, string][] = s !== undefined ? [['remote', s]] : Object.keys(REMOTE_INCLUDES).flatMap((k) => (str(get(item, k)) ? [[k, str(get(item, k))!] as [string, string]] : []))
    for (const [kind, value] of entries) {
      const files = kind === 'project' ? strings(get(item, 'file')) : []
      for (const target of files.length > 0 ? files.map((f) => `${value}/${f.replace(/^\//, '')}`) : [value]) {
        const at = kind === 'component' ? target.lastIndexOf('@') : -1
        const name = at > 0 ? target.slice(0, at) : target
        const version = at > 0 ? target.slice(at + 1) : str(get(item, 'ref'))
        const ref: ActionRef = { raw: `${kind}: ${target}`, name: `${REMOTE_INCLUDES[kind]}:${name}`, ...(version !== undefined ? { version } : {}), with: {}, local: false }
        this.remotes.push({ ref, loc: link(path, line, `include: ${kind}: ${target}`), via })
      }
    }
  }

  /** `include: local` paths, with `*` globs matched against the snapshot (capped). */
  private localFiles(spec: string): string[] {
    const rel = spec.replace(/^\/+/, '')
    if (!rel.includes('*')) {
      const p = joinPath('', rel)
      return p === undefined ? [] : [p]
    }
    const out: string[] = []
    for (const f of filesWhere(this.ctx.snapshot, (p) => safeMinimatch(p, rel, { dot: true }))) {
      if (out.push(f) >= MAX_INCLUDED_FILES) break
    }
    return out
  }

  /** GitLab's deep merge: mappings merge key by key, everything else (lists too) is replaced. */
  private merge(a: unknown, b: unknown): unknown {
    if (!isMap(a) || !isMap(b) || ++this.merged > MAX_MERGED_ENTRIES) return b
    const entries: [string, unknown][] = []
    const own = new Map<string, YamlMap>()
    for (const k of Object.keys(a))
      if (!Object.hasOwn(b, k)) {
        entries.push([k, a[k]])
        own.set(k, ownerOf(a, k))
      }
    for (const k of Object.keys(b)) {
      entries.push([k, Object.hasOwn(a, k) ? this.merge(a[k], b[k]) : b[k]])
      own.set(k, ownerOf(b, k))
    }
    const out = Object.fromEntries(entries) as YamlMap
    owners.set(out, own)
    return out
  }

  /** A job with its `extends` chain merged in (cycles and depth guarded). */
  private expand(name: string, stack: readonly string[] = []): YamlMap | undefined {
    if (this.expanded.has(name)) return this.expanded.get(name)
    const raw = this.keys.get(name)
    if (!isMap(raw)) return undefined
    let acc: unknown = {}
    for (const parent of strings(get(raw, 'extends'))) {
      if (stack.includes(parent) || stack.length > MAX_INCLUDE_DEPTH) {
        const o = this.origin.get(name)
        this.ctx.problems.push({ path: o?.path ?? '', ...(o?.line ? { line: o.line } : {}), message: `extends cycle or chain too deep at ${name} → ${parent}` })
        continue
      }
      const p = this.expand(parent, [...stack, name])
      if (p !== undefined) acc = this.merge(acc, p)
    }
    const own = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'extends'))
    owners.set(own, new Map(Object.keys(own).map((k) => [k, raw])))
    const job = this.merge(acc, own) as YamlMap
    this.expanded.set(name, job)
    return job
  }

  /** `!reference [job, key, …]` → the referenced value. */
  private deref(v: unknown, depth = 0): unknown {
    if (!isReference(v) || depth > MAX_INCLUDE_DEPTH) return v
    const [job, ...keys] = v.__yamlReference.map(String)
    let cur: unknown = job === undefined ? undefined : (this.expand(job) ?? this.keys.get(job))
    for (const k of keys) cur = get(cur, k)
    return this.deref(cur, depth + 1)
  }

  /** Script items (nested lists and `!reference` flattened) with the list and index that hold each. */
  private scriptItems(v: unknown, holder: YamlMap, key: string, depth = 0): { text: string; seq?: unknown; index?: number; holder?: YamlMap; key?: string }[] {
    const value = this.deref(v)
    const s = str(value)
    if (s !== undefined) return [{ text: s, holder, key }]
    if (!Array.isArray(value) || depth > MAX_INCLUDE_DEPTH) return []
    return value.flatMap((item, index) => {
      const d = this.deref(item)
      const text = str(d)
      if (text !== undefined) return [d === item ? { text, seq: value, index } : { text }]
      return Array.isArray(d) ? this.scriptItems(d, holder, key, depth + 1) : []
    })
  }

  jobs(parent: CiTriggers | undefined, parentVia: readonly ChainLink[], stack: readonly string[]): CiJob[] {
    const workflow = this.keys.get('workflow')
    const wf = workflowSources(workflow)
    const hasWorkflowRules = get(workflow, 'rules') !== undefined
    const dflt = isMap(this.keys.get('default')) ? (this.keys.get('default') as YamlMap) : {}
    const out: CiJob[] = []
    const fallback = hasWorkflowRules ? ALL_SOURCES : new Set<Source>(['push', 'tag'])
    const defaultTriggers = parent ?? this.triggersFor(fallback, new Set(), wf)
    for (const [name, origin] of this.origin) {
      if (RESERVED.has(name) || name.startsWith('.')) continue
      const job = this.expand(name)
      if (job === undefined) continue
      const trigger = get(job, 'trigger')
      if (get(job, 'script') === undefined && trigger === undefined && get(job, 'run') === undefined) continue
      let auto: Set<Source>
      let manual = new Set<Source>()
      let changes: readonly string[] | undefined
      const rules = this.deref(get(job, 'rules'))
      if (rules !== undefined) {
        const r = evalRules(list(rules).flatMap((x) => list(this.deref(x))))
        auto = new Set(r.auto)
        manual = new Set(r.manual)
        changes = r.changes
      } else auto = evalOnlyExcept(get(job, 'only'), get(job, 'except')) ?? new Set(fallback)
      const when = str(get(job, 'when'))
      if (when === 'manual') {
        manual = new Set([...manual, ...auto])
        auto = new Set()
      }
      let t = this.triggersFor(auto, manual, wf, changes)
      if (parent !== undefined) t = parent
      const neverRuns = auto.size === 0 && manual.size === 0
      const disabled = when === 'never' ? 'when: never' : when === 'on_failure' ? 'when: on_failure' : neverRuns && parent === undefined ? 'rules: no pipeline runs this job' : null
      const base = {
        system: 'gitlab-ci' as const,
        file: origin.path,
        ...(origin.line !== undefined ? { line: origin.line } : {}),
        id: name,
        name,
        triggers: t,
        disabled,
        canFail: truthy(get(job, 'allow_failure')),
        via: [...parentVia, ...origin.via]
      }
      const child = this.childPipeline(origin, job, trigger, base.triggers, base.via, stack)
      if (child !== undefined) {
        out.push(...child.map((c) => ({ ...c, name: `${name} / ${c.name}`, disabled: disabled ?? c.disabled, canFail: base.canFail || c.canFail })))
        continue
      }
      const inheritDefault = get(get(job, 'inherit'), 'default') !== false
      const pick = (key: string): { value: unknown; holder: YamlMap } | undefined => {
        if (Object.hasOwn(job, key)) return { value: job[key], holder: ownerOf(job, key) }
        if (inheritDefault && Object.hasOwn(dflt, key)) return { value: dflt[key], holder: ownerOf(dflt, key) }
        const top = this.keys.get(key)
        return top === undefined ? undefined : { value: top, holder: this.holders.get(key) ?? {} }
      }
      const steps: CiStep[] = []
      for (const section of SECTIONS) {
        const p = pick(section)
        if (p === undefined) continue
        for (const item of this.scriptItems(p.value, p.holder, section)) {
          const line = item.seq !== undefined ? itemLine(item.seq, item.index!) : item.holder ? valueLine(item.holder, item.key!) : undefined
          const file = fileOf(item.seq) ?? fileOf(item.holder) ?? origin.path
          steps.push({
            loc: link(file, line, item.text),
            name: section,
            run: item.text,
            ...(line !== undefined ? { runLine: line } : {}),
            canFail: section === 'after_script',
            disabled: null,
            via: []
          })
        }
      }
      out.push({ ...base, steps, images: images(pick('image')?.value), services: list(pick('services')?.value).flatMap(images) })
    }
    for (const r of this.remotes) {
      const step: CiStep = { loc: r.loc, uses: r.ref, canFail: false, disabled: null, via: [] }
      out.push({ system: 'gitlab-ci', file: r.loc.path, ...(r.loc.line !== undefined ? { line: r.loc.line } : {}), id: `include:${r.ref.raw}`, name: r.ref.name, triggers: defaultTriggers, disabled: null, canFail: false, steps: [step], images: [], services: [], via: [...parentVia, ...r.via] })
    }
    return out
  }

  private triggersFor(auto: ReadonlySet<Source>, manual: ReadonlySet<Source>, wf: ReadonlySet<Source>, changes?: readonly string[]): CiTriggers {
    const a = new Set([...auto].filter((s) => wf.has(s)))
    const m = new Set([...manual].filter((s) => wf.has(s)))
    return toTriggers(a, m, sourceEvents(a, m), changes)
  }

  /** `trigger: include:` with local files: a child pipeline whose jobs run when the trigger job does. */
  private childPipeline(origin: Origin, job: YamlMap, trigger: unknown, t: CiTriggers, via: readonly ChainLink[], stack: readonly string[]): CiJob[] | undefined {
    const include = get(trigger, 'include')
    if (include === undefined) return undefined
    const locals = list(include).flatMap((i) => {
      const s = str(i) ?? str(get(i, 'local'))
      return s === undefined || /^https?:\/\//.test(s) ? [] : [s.replace(/^\/+/, '')]
    })
    if (locals.length === 0 || stack.length > MAX_INCLUDE_DEPTH) return undefined
    const here = link(origin.path, keyLine(ownerOf(job, 'trigger'), 'trigger') ?? origin.line, 'trigger: include')
    const child = new GitlabConfig(this.ctx)
    for (const l of locals) {
      const p = joinPath('', l)
      if (p !== undefined && !stack.includes(p)) child.load(p, [], [...stack, p], here)
    }
    return child.jobs(t, [...via, here], [...stack, ...locals])
  }
}

function images(v: unknown): string[] {
  const s = str(v) ?? str(get(v, 'name'))
  return s === undefined || s.trim() === '' ? [] : [s.trim()]
}
